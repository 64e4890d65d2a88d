package index

import (
	"math"
	"slices"

	"github.com/byline-nlp/byline/internal/lsa"
	"github.com/byline-nlp/byline/internal/sparse"
)

// --- compiling the searchable form ---

// current returns the compiled index for the present version, building
// it if needed. The caller must hold ix.mu for reading.
func (ix *Index) current() *compiled {
	if c := ix.comp; c != nil && !ix.dirty {
		return c
	}
	return nil
}

// snapshot returns an up-to-date compiled index and holds ix.mu for
// reading; the caller must call ix.mu.RUnlock.
func (ix *Index) snapshot() *compiled {
	for {
		ix.mu.RLock()
		if c := ix.current(); c != nil {
			return c
		}
		ix.mu.RUnlock()
		ix.mu.Lock()
		if ix.dirty || ix.comp == nil {
			ix.compileLocked()
		}
		ix.mu.Unlock()
	}
}

// compileLocked recomputes idf, every document's vector, the inverted
// index and (fitting or folding in) the LSA vectors.
func (ix *Index) compileLocked() {
	ix.initLocked()
	cfg := ix.cfg
	c := &compiled{n: ix.live + ix.others, rowOf: make([]int32, len(ix.docs))}
	c.idf = make([]float32, max(len(ix.df), len(ix.ext)))
	for t := range c.idf {
		df := 0
		if t < len(ix.df) {
			df += int(ix.df[t])
		}
		if t < len(ix.ext) {
			df += int(ix.ext[t])
		}
		c.idf[t] = smoothIDF(c.n, df)
	}
	rows := make([]sparse.Vector, 0, ix.live)
	// One backing array for all weights keeps the rows contiguous.
	total := 0
	for i := range ix.docs {
		total += len(ix.docs[i].terms)
	}
	buf := make([]float32, total)
	for i := range ix.docs {
		d := &ix.docs[i]
		if d.removed {
			c.rowOf[i] = -1
			continue
		}
		c.rowOf[i] = int32(len(rows))
		c.slots = append(c.slots, int32(i))
		rows = append(rows, c.rowVector(buf[:len(d.terms):len(d.terms)], d.terms, d.tf))
		buf = buf[len(d.terms):]
	}
	c.m = sparse.NewMatrix(rows, len(c.idf))
	if cfg.LSAK > 0 && c.n > 1 {
		if !cfg.SharedModel && (ix.model == nil || float64(c.n) > 1.25*float64(ix.modelN) || float64(c.n) < 0.75*float64(ix.modelN)) {
			seeds := make([]uint64, len(c.idf))
			ix.vmu.RLock()
			for t := range seeds {
				seeds[t] = termSeed(ix.terms[t])
			}
			ix.vmu.RUnlock()
			if m, err := lsa.Fit(c.m, cfg.LSAK, seeds); err == nil {
				ix.model, ix.modelN = m, c.n
			}
		}
		if ix.model != nil {
			c.lsaK = ix.model.K
			c.lsaVecs = make([]float32, len(rows)*c.lsaK)
			for r, v := range rows {
				ix.project(c.lsaVecs[r*c.lsaK:r*c.lsaK:(r+1)*c.lsaK], v)
			}
		}
	}
	c.searcher.New = func() any { return &scratch{s: sparse.NewSearcher(c.m)} }
	ix.comp = c
	ix.dirty = false
}

// rowVector is the unit TF-IDF vector of a held document with sorted
// term ids terms and sublinear frequencies tf, in val's storage: the one
// construction every row and every shard's copy of a row goes through, so
// that they are equal bit for bit.
func (c *compiled) rowVector(val []float32, terms []uint32, tf []float32) sparse.Vector {
	v := sparse.Vector{Idx: terms, Val: val}
	for j, t := range terms {
		v.Val[j] = tf[j] * c.idf[t]
	}
	sparse.Normalize(v)
	return v
}

// project is v's unit LSA vector, in dst's storage.
func (ix *Index) project(dst []float32, v sparse.Vector) []float32 {
	p := ix.model.Project(dst, v)
	sparse.Normalize(sparse.Vector{Val: p})
	return p
}

// smoothIDF is the smoothed inverse document frequency ln((1+n)/(1+df)) + 1.
func smoothIDF(n, df int) float32 {
	return float32(math.Log(float64(1+n)/float64(1+df)) + 1)
}

// queryVector is a document's TF-IDF vector under c's idf, with terms the
// index has never seen counted in the norm (at the idf of df = 0) but
// dropped from the vector, since they cannot match.
func (ix *Index) queryVector(c *compiled, tc termCounts) sparse.Vector {
	tf := make([]float32, len(tc.counts))
	for i, n := range tc.counts {
		tf[i] = sublinear(n)
	}
	return ix.queryVectorTF(c, tc.terms, tf)
}

// queryVectorTF is queryVector given the sublinear frequencies.
func (ix *Index) queryVectorTF(c *compiled, terms []string, tfs []float32) sparse.Vector {
	type pair struct {
		t uint32
		w float32
	}
	var ps []pair
	var norm float64
	unseen := smoothIDF(c.n, 0)
	for i, t := range terms {
		tf := tfs[i]
		ix.vmu.RLock()
		tid, ok := ix.vocab[t]
		ix.vmu.RUnlock()
		if !ok || int(tid) >= len(c.idf) {
			w := float64(tf * unseen)
			norm += w * w
			continue
		}
		w := tf * c.idf[tid]
		norm += float64(w) * float64(w)
		ps = append(ps, pair{tid, w})
	}
	slices.SortFunc(ps, func(a, b pair) int { return int(a.t) - int(b.t) })
	v := sparse.Vector{Idx: make([]uint32, len(ps)), Val: make([]float32, len(ps))}
	inv := float32(0)
	if norm > 0 {
		inv = float32(1 / math.Sqrt(norm))
	}
	for i, p := range ps {
		v.Idx[i], v.Val[i] = p.t, p.w*inv
	}
	return v
}

// Recompile rebuilds the searchable form now, as the first query after a
// change would; benchmarks time it on its own.
func (ix *Index) Recompile() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.compileLocked()
}

// ScanBaseline returns the k best TF-IDF rows for row q (q modulo the
// row count) by scoring every other row, without the inverted index: the
// baseline BenchmarkRelatedQuery measures search against.
func (ix *Index) ScanBaseline(q, k int, top *sparse.TopK) {
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	q %= c.m.Rows()
	v := c.m.Row(q)
	top.Reset(k)
	for r := range c.m.Rows() {
		if r != q {
			top.Push(sparse.Hit{Row: int32(r), Score: sparse.Dot(v, c.m.Row(r))})
		}
	}
}
