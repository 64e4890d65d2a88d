package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/byline-nlp/byline/internal/minhash"
	"github.com/byline-nlp/byline/internal/sparse"
	"github.com/byline-nlp/byline/internal/text"
)

// A QueryConfig shapes one query's results. The zero value is a plain,
// exact top-k query; AsOf 0 means "no reference time" only through
// DefaultQuery, whose AsOf is NoDate.
type QueryConfig struct {
	NearDup  float64       // exclude results resembling the query or a better result this much; 0: off
	Window   time.Duration // keep results published within this of the reference time; 0: off
	HalfLife time.Duration // decay scores by age difference; 0: off
	AsOf     int64         // reference time (Unix seconds), or NoDate for the query's own date
	MMR      float64       // MMR λ in (0, 1); 0: off
}

// DefaultQuery is the configuration of a query without options.
func DefaultQuery() QueryConfig { return QueryConfig{AsOf: NoDate} }

// query is a resolved query: its vectors, sketch and date.
type query struct {
	v       sparse.Vector
	lsa     []float32
	sketch  []uint64
	date    int64
	exclude int32 // row to leave out (the query document itself), or -1
}

// Related returns the k documents most similar to the one held under id,
// best first, leaving out that document itself. Without query options
// the result is exact: the top k of all held documents.
func (ix *Index) Related(id string, k int, qc QueryConfig) ([]Match, error) {
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	slot, ok := ix.byID[id]
	if !ok {
		return nil, fmt.Errorf("byline: related %q: %w", id, ErrNotFound)
	}
	row := c.rowOf[slot]
	d := &ix.docs[slot]
	q := query{v: c.m.Row(int(row)), sketch: d.sketch, date: d.published, exclude: row}
	if c.lsaK > 0 {
		q.lsa = c.lsaVecs[int(row)*c.lsaK : int(row+1)*c.lsaK]
	}
	return ix.matches(c, ix.search(c, q, k, qc)), nil
}

// Query returns the k held documents most similar to doc, which need not
// be held, best first.
func (ix *Index) Query(doc *text.Document, k int, qc QueryConfig) ([]Match, error) {
	if doc == nil {
		return nil, errors.New("byline: query: nil document")
	}
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	tc := extract(doc, ix.conf())
	q := query{v: ix.queryVector(c, tc), sketch: minhash.SketchHashes(tc.hashes), date: published(doc), exclude: -1}
	if c.lsaK > 0 {
		q.lsa = ix.model.Project(nil, q.v)
		sparse.Normalize(sparse.Vector{Val: q.lsa})
	}
	return ix.matches(c, ix.search(c, q, k, qc)), nil
}

// Score returns the similarity of two held documents, the score Related
// would give one for the other.
func (ix *Index) Score(id1, id2 string) (float64, error) {
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	a, ok1 := ix.byID[id1]
	b, ok2 := ix.byID[id2]
	if !ok1 || !ok2 {
		missing := id1
		if ok1 {
			missing = id2
		}
		return 0, fmt.Errorf("byline: score %q: %w", missing, ErrNotFound)
	}
	return float64(ix.pairScore(c, c.rowOf[a], c.rowOf[b])), nil
}

// pairScore is the blended similarity of two rows.
func (ix *Index) pairScore(c *compiled, a, b int32) float32 {
	s := sparse.Dot(c.m.Row(int(a)), c.m.Row(int(b)))
	if c.lsaK > 0 {
		w := float32(ix.cfg.LSAWeight)
		l := sparse.Dot32(c.lsaVecs[int(a)*c.lsaK:int(a+1)*c.lsaK], c.lsaVecs[int(b)*c.lsaK:int(b+1)*c.lsaK])
		s = (1-w)*s + w*l
	}
	return s
}

// search runs one query on c. The caller holds ix.mu for reading.
func (ix *Index) search(c *compiled, q query, k int, qc QueryConfig) []sparse.Hit {
	if k <= 0 || c.n == 0 {
		return nil
	}
	sc := c.searcher.Get().(*scratch)
	defer c.searcher.Put(sc)

	ref := qc.AsOf
	if ref == NoDate {
		ref = q.date
	}
	if ref == NoDate && (qc.Window > 0 || qc.HalfLife > 0) {
		ref = time.Now().Unix()
	}
	var skip func(int32) bool
	if qc.Window > 0 {
		win := int64(qc.Window / time.Second)
		skip = func(r int32) bool {
			p := ix.docs[c.slots[r]].published
			return p != NoDate && (p-ref > win || ref-p > win)
		}
	}
	plain := qc.NearDup == 0 && qc.HalfLife == 0 && qc.MMR == 0
	want := k
	if !plain {
		want = 4*k + 16
	}
	for {
		sc.hits = ix.candidates(c, sc, q, want, skip)
		if plain {
			return slices.Clone(sc.hits)
		}
		res, exact := ix.refine(c, q, sc.hits, k, qc, ref)
		// Fetch more when the filters left too few results, or when decay
		// may have let an unfetched document outrank the k-th.
		if exact || len(sc.hits) < want || want >= c.n {
			return res
		}
		want *= 4
	}
}

// candidates returns the want best rows for q by the index's score.
func (ix *Index) candidates(c *compiled, sc *scratch, q query, want int, skip func(int32) bool) []sparse.Hit {
	if len(q.v.Idx) == 0 {
		return sc.hits[:0] // a document with no indexable terms relates to nothing
	}
	skipRow := func(r int32) bool { return r == q.exclude || (skip != nil && skip(r)) }
	if c.lsaK == 0 || q.lsa == nil {
		return sc.s.Search(sc.hits[:0], q.v, want, skipRow)
	}
	// LSA vectors are dense, so every row has a score: scan them all,
	// adding the TF-IDF cosine accumulated from the postings.
	n := c.m.Rows()
	if cap(sc.scores) < n {
		sc.scores = make([]float32, n)
	}
	scores := sc.scores[:n]
	clear(scores)
	w := float32(ix.cfg.LSAWeight)
	if w < 1 {
		for i, t := range q.v.Idx {
			rows, vals := c.m.Col(int(t))
			qw := q.v.Val[i] * (1 - w)
			for p, r := range rows {
				scores[r] += qw * vals[p]
			}
		}
	}
	sc.top.Reset(want)
	K := c.lsaK
	for r := range n {
		if skipRow(int32(r)) {
			continue
		}
		// Unrelated documents have LSA cosines scattered around zero; a
		// score that is not positive relates nothing.
		if s := scores[r] + w*sparse.Dot32(q.lsa, c.lsaVecs[r*K:(r+1)*K]); s > 1e-6 {
			sc.top.Push(sparse.Hit{Row: int32(r), Score: s})
		}
	}
	return sc.top.Sorted(sc.hits[:0])
}

// refine applies decay, near-duplicate exclusion and MMR to candidates
// sorted by score, returning up to k hits and whether they are certainly
// the true top k under these options.
func (ix *Index) refine(c *compiled, q query, hits []sparse.Hit, k int, qc QueryConfig, ref int64) ([]sparse.Hit, bool) {
	cand := slices.Clone(hits)
	if qc.HalfLife > 0 {
		hl := qc.HalfLife.Seconds()
		for i := range cand {
			p := ix.docs[c.slots[cand[i].Row]].published
			if p != NoDate {
				age := math.Abs(float64(p - ref))
				cand[i].Score *= float32(math.Exp2(-age / hl))
			}
		}
		slices.SortStableFunc(cand, func(a, b sparse.Hit) int {
			switch {
			case a.Score > b.Score:
				return -1
			case a.Score < b.Score:
				return 1
			}
			return 0
		})
	}
	if qc.NearDup > 0 {
		kept := cand[:0]
		for _, h := range cand {
			sk := ix.docs[c.slots[h.Row]].sketch
			dup := q.sketch != nil && minhash.Resemblance(q.sketch, sk) >= qc.NearDup
			for _, g := range kept {
				if dup {
					break
				}
				dup = minhash.Resemblance(ix.docs[c.slots[g.Row]].sketch, sk) >= qc.NearDup
			}
			if !dup {
				kept = append(kept, h)
			}
		}
		cand = kept
	}
	var out []sparse.Hit
	if qc.MMR > 0 {
		lam := float32(qc.MMR)
		used := make([]bool, len(cand))
		for len(out) < k && len(out) < len(cand) {
			best, bestVal := -1, float32(math.Inf(-1))
			for i, h := range cand {
				if used[i] {
					continue
				}
				var red float32
				for _, o := range out {
					red = max(red, ix.pairScore(c, h.Row, o.Row))
				}
				if v := lam*h.Score - (1-lam)*red; v > bestVal {
					best, bestVal = i, v
				}
			}
			used[best] = true
			out = append(out, cand[best])
		}
	} else {
		out = cand[:min(k, len(cand))]
	}
	// Scores only shrink under decay, so the result is exact when its k-th
	// score is no lower than the raw score of the last candidate fetched.
	exact := len(out) == k
	if exact && qc.HalfLife > 0 && len(hits) > 0 {
		exact = out[len(out)-1].Score >= hits[len(hits)-1].Score
	}
	return out, exact
}

func (ix *Index) matches(c *compiled, hits []sparse.Hit) []Match {
	out := make([]Match, len(hits))
	for i, h := range hits {
		out[i] = Match{ID: ix.docs[c.slots[h.Row]].id, Score: float64(h.Score)}
	}
	return out
}

// AllPairs returns the k most related documents of every held document
// (in the order they were added), the batch mode for a whole corpus,
// using workers goroutines (all CPUs when workers ≤ 0). It holds the
// index for reading throughout; ctx cancels it.
func (ix *Index) AllPairs(ctx context.Context, k, workers int) ([]Neighbors, error) {
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	if workers <= 0 {
		workers = runtimeCPUs()
	}
	n := c.m.Rows()
	out := make([]Neighbors, n)
	// The symmetric batch product finds every row's exact top k at half
	// the cost of n separate searches.
	dense := sparse.Dense{}
	if c.lsaK > 0 {
		w := float32(ix.cfg.LSAWeight)
		dense = sparse.Dense{Vecs: c.lsaVecs, Dim: c.lsaK, Weight: w, SparseWeight: 1 - w}
	}
	hits := c.m.AllPairsBlend(k, workers, func() bool { return ctx.Err() != nil }, dense)
	if hits == nil {
		return nil, fmt.Errorf("byline: all pairs: %w", ctx.Err())
	}
	for r, hs := range hits {
		out[r] = Neighbors{ID: ix.docs[c.slots[r]].id, Related: ix.matches(c, hs)}
	}
	return out, nil
}
