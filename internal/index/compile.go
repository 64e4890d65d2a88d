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
	c := &compiled{n: ix.live, rowOf: make([]int32, len(ix.docs))}
	c.idf = make([]float32, len(ix.df))
	for t, df := range ix.df {
		c.idf[t] = smoothIDF(c.n, int(df))
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
		v := sparse.Vector{Idx: d.terms, Val: buf[:len(d.terms):len(d.terms)]}
		buf = buf[len(d.terms):]
		for j, t := range d.terms {
			v.Val[j] = d.tf[j] * c.idf[t]
		}
		sparse.Normalize(v)
		rows = append(rows, v)
	}
	c.m = sparse.NewMatrix(rows, len(ix.df))
	if cfg.LSAK > 0 && c.n > 1 {
		if ix.model == nil || float64(c.n) > 1.25*float64(ix.modelN) || float64(c.n) < 0.75*float64(ix.modelN) {
			seeds := make([]uint64, len(ix.df))
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
				p := ix.model.Project(c.lsaVecs[r*c.lsaK:r*c.lsaK:(r+1)*c.lsaK], v)
				sparse.Normalize(sparse.Vector{Val: p})
			}
		}
	}
	c.searcher.New = func() any { return &scratch{s: sparse.NewSearcher(c.m)} }
	ix.comp = c
	ix.dirty = false
}

// smoothIDF is the smoothed inverse document frequency ln((1+n)/(1+df)) + 1.
func smoothIDF(n, df int) float32 {
	return float32(math.Log(float64(1+n)/float64(1+df)) + 1)
}

// queryVector is a document's TF-IDF vector under c's idf, with terms the
// index has never seen counted in the norm (at the idf of df = 0) but
// dropped from the vector, since they cannot match.
func (ix *Index) queryVector(c *compiled, tc termCounts) sparse.Vector {
	type pair struct {
		t uint32
		w float32
	}
	var ps []pair
	var norm float64
	unseen := smoothIDF(c.n, 0)
	for i, t := range tc.terms {
		tf := sublinear(tc.counts[i])
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
