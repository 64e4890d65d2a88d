package summarize

import "math"

// PageRank ranks the nodes of an undirected weighted graph the way
// networkx.pagerank does (damping d, tolerance 1e-6·N on the L1 change,
// at most 100 iterations): each node passes its rank to its neighbours
// in proportion to the edge weights, and nodes with no edges spread
// theirs evenly over all nodes. w is the dense symmetric weight matrix,
// row-major n×n; the diagonal is ignored. It returns nil when w is not n×n.
func PageRank(w []float64, n int, d float64) []float64 {
	if n <= 0 || len(w) != n*n {
		return nil
	}
	out := make([]float64, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if i != j {
				out[i] += w[i*n+j]
			}
		}
	}
	x := make([]float64, n)
	next := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	for iter := 0; iter < 100; iter++ {
		dangling := 0.0
		for i := 0; i < n; i++ {
			if out[i] == 0 {
				dangling += x[i]
			}
		}
		base := (1-d)/float64(n) + d*dangling/float64(n)
		for j := range next {
			next[j] = base
		}
		for i := 0; i < n; i++ {
			if out[i] == 0 {
				continue
			}
			xi := d * x[i] / out[i]
			row := w[i*n : i*n+n]
			for j, wij := range row {
				if wij != 0 && j != i {
					next[j] += xi * wij
				}
			}
		}
		diff := 0.0
		for i := range x {
			diff += math.Abs(next[i] - x[i])
		}
		x, next = next, x
		if diff < float64(n)*1e-6 {
			break
		}
	}
	return x
}

// overlap counts the terms two sorted, de-duplicated id lists share.
func overlap(a, b []int32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// textRankWeights is Mihalcea and Tarau's (2004) sentence similarity,
// |Si ∩ Sj| / (log(|Si|+1) + log(|Sj|+1)), over each sentence's set of
// stemmed words and numbers (stop words included, as in the paper).
func textRankWeights(t *terms) []float64 {
	n := len(t.sents)
	sets := t.sets()
	w := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			o := overlap(sets[i], sets[j])
			if o == 0 {
				continue
			}
			den := math.Log(float64(len(sets[i])+1)) + math.Log(float64(len(sets[j])+1))
			if den > 0 {
				w[i*n+j] = float64(o) / den
				w[j*n+i] = w[i*n+j]
			}
		}
	}
	return w
}

// uniqueSorted returns the distinct non-negative ids, sorted; keep, when
// non-nil, filters them.
func uniqueSorted(ids []int32, keep func(int32) bool) []int32 {
	out := make([]int32, 0, len(ids))
	for _, id := range ids {
		if id >= 0 && (keep == nil || keep(id)) {
			out = append(out, id)
		}
	}
	sortInt32(out)
	k := 0
	for i, id := range out {
		if i == 0 || id != out[k-1] {
			out[k] = id
			k++
		}
	}
	return out[:k]
}

// sets returns each sentence's distinct term ids, sorted, computed once
// per document for every use (degrees, TF-IDF, TextRank). Callers must
// not modify them.
func (t *terms) sets() [][]int32 {
	if t.sentSets != nil {
		return t.sentSets
	}
	total := 0
	for _, ids := range t.sents {
		total += len(ids)
	}
	flat := make([]int32, 0, total)
	t.sentSets = make([][]int32, len(t.sents))
	for i, ids := range t.sents {
		start := len(flat)
		for _, id := range ids {
			if id >= 0 {
				flat = append(flat, id)
			}
		}
		set := flat[start:]
		sortInt32(set)
		k := 0
		for j, id := range set {
			if j == 0 || id != set[k-1] {
				set[k] = id
				k++
			}
		}
		flat = flat[:start+k]
		t.sentSets[i] = flat[start:len(flat):len(flat)]
	}
	return t.sentSets
}

func sortInt32(a []int32) {
	// Insertion sort: sentences hold tens of terms.
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i - 1
		for j >= 0 && a[j] > v {
			a[j+1] = a[j]
			j--
		}
		a[j+1] = v
	}
}

// sparseVec is a term-weight vector sorted by id, with its norm.
type sparseVec struct {
	ids  []int32
	vals []float64
	norm float64
}

func (a *sparseVec) dot(b *sparseVec) float64 {
	s, i, j := 0.0, 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] == b.ids[j]:
			s += a.vals[i] * b.vals[j]
			i++
			j++
		case a.ids[i] < b.ids[j]:
			i++
		default:
			j++
		}
	}
	return s
}

func (a *sparseVec) cos(b *sparseVec) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	return a.dot(b) / (a.norm * b.norm)
}

// tfidfVecs builds each sentence's TF-IDF vector, the IDF taken over the
// document's sentences (log(N/df)), as LexRank does; content reports
// whether stop words are left out.
func tfidfVecs(t *terms, content bool) []sparseVec {
	n := len(t.sents)
	df := make([]int32, len(t.stop))
	sets := t.sets()
	if content {
		// The content terms of each sentence's set: still sorted and
		// distinct, one buffer for all of them.
		all := sets
		sets = make([][]int32, n)
		total := 0
		for _, set := range all {
			total += len(set)
		}
		flat := make([]int32, 0, total)
		for i, set := range all {
			start := len(flat)
			for _, id := range set {
				if !t.stop[id] {
					flat = append(flat, id)
				}
			}
			sets[i] = flat[start:len(flat):len(flat)]
		}
	}
	for i := range sets {
		for _, id := range sets[i] {
			df[id]++
		}
	}
	vecs := make([]sparseVec, n)
	for i, ids := range t.sents {
		v := sparseVec{ids: sets[i], vals: make([]float64, len(sets[i]))}
		for _, id := range ids {
			if id < 0 || (content && t.stop[id]) {
				continue
			}
			k := searchInt32(v.ids, id)
			v.vals[k]++
		}
		for k, id := range v.ids {
			v.vals[k] *= math.Log(float64(n) / float64(df[id]))
			v.norm += v.vals[k] * v.vals[k]
		}
		v.norm = math.Sqrt(v.norm)
		vecs[i] = v
	}
	return vecs
}

func searchInt32(a []int32, x int32) int {
	lo, hi := 0, len(a)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if a[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// lexRankWeights is Erkan and Radev's (2004) LexRank graph: TF-IDF
// cosine between sentences, kept as an unweighted edge when it reaches
// the 0.1 threshold.
func lexRankWeights(t *terms) []float64 {
	vecs := tfidfVecs(t, false)
	n := len(vecs)
	w := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if vecs[i].cos(&vecs[j]) >= 0.1 {
				w[i*n+j], w[j*n+i] = 1, 1
			}
		}
	}
	return w
}
