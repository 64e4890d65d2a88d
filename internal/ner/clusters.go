package ner

import (
	"math"
	"math/rand"
	"sort"

	"github.com/byline-nlp/byline/internal/segment"
)

// ClusterOptions controls LearnClusters. Zero fields take the defaults.
type ClusterOptions struct {
	MinCount int    // a word must occur this often to be clustered (default 5)
	MaxWords int    // cluster at most this many of the most frequent words (default 80,000)
	Contexts int    // the most frequent words used as left/right contexts (default 2,000)
	Dims     int    // random-projection dimensions (default 200)
	K        [3]int // clusters at the fine, mid and coarse level (default 1,000, 256, 32)
	Iters    int    // k-means iterations (default 12)
	Seed     int64
	Log      func(format string, args ...any)
}

// A ClusterCorpus collects unlabelled text for LearnClusters. It is not
// safe for concurrent use.
type ClusterCorpus struct {
	seqs  [][]int32 // token ids, one slice per text
	ids   map[string]int32
	words []string
	count []int64
}

// NewClusterCorpus returns an empty corpus.
func NewClusterCorpus() *ClusterCorpus { return &ClusterCorpus{ids: map[string]int32{}} }

// AddText tokenises text with byline's tokenizer and adds its tokens.
func (c *ClusterCorpus) AddText(text string) {
	toks := segment.Tokenize(text, nil)
	ws := make([]string, len(toks))
	for i, t := range toks {
		ws[i] = text[t.Start:t.End]
	}
	c.AddTokens(ws)
}

// AddTokens adds a run of already tokenised words.
func (c *ClusterCorpus) AddTokens(ws []string) {
	seq := make([]int32, len(ws))
	for i, w := range ws {
		id, ok := c.ids[w]
		if !ok {
			id = int32(len(c.words))
			c.ids[w] = id
			c.words = append(c.words, w)
			c.count = append(c.count, 0)
		}
		c.count[id]++
		seq[i] = id
	}
	c.seqs = append(c.seqs, seq)
}

// Tokens returns the number of tokens added.
func (c *ClusterCorpus) Tokens() int64 {
	var n int64
	for _, k := range c.count {
		n += k
	}
	return n
}

// LearnClusters groups words by the words around them: each word is
// described by its positive pointwise mutual information with the most
// frequent words on its left and right, projected to a few hundred
// random dimensions, and spherical k-means groups these vectors at three
// granularities. The result maps each clustered word to its fine, mid
// and coarse cluster.
func LearnClusters(c *ClusterCorpus, o ClusterOptions) map[string][3]int {
	if o.MinCount <= 0 {
		o.MinCount = 5
	}
	if o.MaxWords <= 0 {
		o.MaxWords = 80000
	}
	if o.Contexts <= 0 {
		o.Contexts = 2000
	}
	if o.Dims <= 0 {
		o.Dims = 200
	}
	if o.K == [3]int{} {
		o.K = [3]int{1000, 256, 32}
	}
	if o.Iters <= 0 {
		o.Iters = 12
	}
	logf := o.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	byFreq := make([]int32, len(c.words))
	for i := range byFreq {
		byFreq[i] = int32(i)
	}
	sort.Slice(byFreq, func(a, b int) bool {
		x, y := byFreq[a], byFreq[b]
		if c.count[x] != c.count[y] {
			return c.count[x] > c.count[y]
		}
		return c.words[x] < c.words[y]
	})
	vocab := map[int32]int32{} // word id → row
	ctx := map[int32]int32{}   // word id → context column
	for i, id := range byFreq {
		if i < o.Contexts {
			ctx[id] = int32(i)
		}
		if i < o.MaxWords && c.count[id] >= int64(o.MinCount) {
			vocab[id] = int32(len(vocab))
		}
	}
	nv := len(vocab)
	nctx := 2 * o.Contexts
	logf("clusters: %d tokens, %d words clustered, %d contexts", c.Tokens(), nv, nctx)
	co := make([]map[int32]float64, nv)
	for i := range co {
		co[i] = map[int32]float64{}
	}
	colSum := make([]float64, nctx)
	var total float64
	for _, seq := range c.seqs {
		for i, id := range seq {
			r, ok := vocab[id]
			if !ok {
				continue
			}
			if i > 0 {
				if k, ok := ctx[seq[i-1]]; ok {
					co[r][k]++
					colSum[k]++
					total++
				}
			}
			if i+1 < len(seq) {
				if k, ok := ctx[seq[i+1]]; ok {
					co[r][int32(o.Contexts)+k]++
					colSum[int32(o.Contexts)+k]++
					total++
				}
			}
		}
	}
	// Random ±1 projection of each context column.
	rng := rand.New(rand.NewSource(o.Seed + 1))
	proj := make([]float32, nctx*o.Dims)
	for i := range proj {
		if rng.Intn(2) == 0 {
			proj[i] = 1
		} else {
			proj[i] = -1
		}
	}
	emb := make([]float32, nv*o.Dims)
	for r, row := range co {
		var rowSum float64
		for _, v := range row {
			rowSum += v
		}
		e := emb[r*o.Dims : (r+1)*o.Dims]
		for k, v := range row {
			// Context distribution smoothed with exponent 0.75, as in word2vec.
			pmi := math.Log(v * math.Pow(total, 0.75) / (rowSum * math.Pow(colSum[k], 0.75)))
			if pmi <= 0 {
				continue
			}
			p := proj[int(k)*o.Dims : (int(k)+1)*o.Dims]
			for d := range e {
				e[d] += float32(pmi) * p[d]
			}
		}
		normalize(e)
	}
	co = nil
	rows := make([]string, nv)
	for id, r := range vocab {
		rows[r] = c.words[id]
	}
	out := make(map[string][3]int, nv)
	for lv, k := range o.K {
		assign := kmeans(emb, nv, o.Dims, k, o.Iters, o.Seed+int64(lv), func(it int, moved int) {
			logf("clusters: level %d (k=%d) iteration %d: %d words moved", lv, k, it, moved)
		})
		for r, a := range assign {
			v := out[rows[r]]
			v[lv] = a
			out[rows[r]] = v
		}
	}
	return out
}

func normalize(e []float32) {
	var n float64
	for _, x := range e {
		n += float64(x) * float64(x)
	}
	if n == 0 {
		return
	}
	s := float32(1 / math.Sqrt(n))
	for i := range e {
		e[i] *= s
	}
}

// kmeans is spherical k-means: vectors are unit length and assigned to
// the centroid with the largest dot product. Initial centroids are
// spread over the vectors by frequency rank, the most frequent first.
func kmeans(emb []float32, n, dims, k, iters int, seed int64, progress func(int, int)) []int {
	if k > n {
		k = n
	}
	cent := make([]float32, k*dims)
	rng := rand.New(rand.NewSource(seed))
	perm := rng.Perm(n)
	for j := 0; j < k; j++ {
		copy(cent[j*dims:(j+1)*dims], emb[perm[j]*dims:(perm[j]+1)*dims])
	}
	assign := make([]int, n)
	for i := range assign {
		assign[i] = -1
	}
	for it := 1; it <= iters; it++ {
		moved := 0
		for i := 0; i < n; i++ {
			e := emb[i*dims : (i+1)*dims]
			best, bestV := 0, float32(-2)
			for j := 0; j < k; j++ {
				c := cent[j*dims : (j+1)*dims]
				var s float32
				for d, x := range e {
					s += x * c[d]
				}
				if s > bestV {
					best, bestV = j, s
				}
			}
			if assign[i] != best {
				moved++
				assign[i] = best
			}
		}
		progress(it, moved)
		for i := range cent {
			cent[i] = 0
		}
		for i, a := range assign {
			c := cent[a*dims : (a+1)*dims]
			for d, x := range emb[i*dims : (i+1)*dims] {
				c[d] += x
			}
		}
		for j := 0; j < k; j++ {
			c := cent[j*dims : (j+1)*dims]
			empty := true
			for _, x := range c {
				if x != 0 {
					empty = false
					break
				}
			}
			if empty {
				// Re-seed an empty cluster with a random word.
				p := rng.Intn(n)
				copy(c, emb[p*dims:(p+1)*dims])
			}
			normalize(c)
		}
		if moved == 0 {
			break
		}
	}
	return assign
}
