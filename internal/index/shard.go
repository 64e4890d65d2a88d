package index

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/byline-nlp/byline/internal/minhash"
	"github.com/byline-nlp/byline/internal/sparse"
	"github.com/byline-nlp/byline/internal/text"
)

// What a distributed index needs beyond one process's Index: documents
// travel as their terms (a worker extracts them once, every shard reads
// them without re-tokenizing), each shard counts the document frequencies
// of the documents it does not hold so that its idf is the collection's,
// queries travel as term vectors, and one LSA model is fitted once and
// shared by term text.

// Terms are one document's index terms as a worker extracts them: the
// distinct terms in sorted order with their boosted counts, the
// near-duplicate sketch and the publication date.
type Terms struct {
	Terms     []string  `json:"terms"`
	Counts    []float32 `json:"counts"`
	Sketch    []uint64  `json:"sketch,omitempty"`
	Published int64     `json:"published"` // Unix seconds, or NoDate
}

// Extract returns doc's index terms under cfg, the same terms Add would
// index.
func Extract(doc *text.Document, cfg Config) Terms {
	tc := extract(doc, cfg)
	return Terms{Terms: tc.terms, Counts: tc.counts, Sketch: minhash.SketchHashes(tc.hashes), Published: published(doc)}
}

// check reports whether t is well formed: sorted distinct terms, one
// count of at least 1 each, a sorted sketch.
func (t Terms) check() error {
	if len(t.Counts) != len(t.Terms) {
		return fmt.Errorf("index: %d terms but %d counts", len(t.Terms), len(t.Counts))
	}
	for i, term := range t.Terms {
		if term == "" || i > 0 && t.Terms[i-1] >= term {
			return errors.New("index: terms not sorted and distinct")
		}
		if c := t.Counts[i]; !(c >= 1 && c < 1e9) {
			return fmt.Errorf("index: term %q has count %v", term, c)
		}
	}
	if !slices.IsSorted(t.Sketch) {
		return errors.New("index: unsorted sketch")
	}
	return nil
}

// AddTerms indexes a document given as its terms under id, replacing any
// document held under that id. order is the document's position in the
// stream every shard reads; ties in score are broken by it, so that shards
// merge into the order one index would give.
func (ix *Index) AddTerms(id string, t Terms, order int64) error {
	if err := t.check(); err != nil {
		return fmt.Errorf("byline: index add %q: %w", id, err)
	}
	ids := ix.termIDs(t.Terms)
	perm := make([]int, len(ids))
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(a, b int) int { return int(ids[a]) - int(ids[b]) })
	e := docEntry{id: strings.Clone(id), published: t.Published, sketch: slices.Clone(t.Sketch), order: order,
		terms: make([]uint32, len(ids)), tf: make([]float32, len(ids))}
	for j, i := range perm {
		e.terms[j], e.tf[j] = ids[i], sublinear(t.Counts[i])
	}
	ix.record(e)
	return nil
}

// CountTerms counts a document held by another shard: it adds to N and to
// the document frequency of each of its terms (sorted and distinct), so
// that this shard's idf is the whole collection's.
func (ix *Index) CountTerms(terms []string) error {
	for i := 1; i < len(terms); i++ {
		if terms[i-1] >= terms[i] {
			return errors.New("byline: index count: terms not sorted and distinct")
		}
	}
	ids := ix.termIDs(terms)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.initLocked()
	for _, t := range ids {
		if int(t) >= len(ix.ext) {
			ix.ext = append(ix.ext, make([]int32, int(t)+1-len(ix.ext))...)
		}
		ix.ext[t]++
	}
	ix.others++
	ix.changedLocked()
	return nil
}

// Others reports the documents counted by CountTerms.
func (ix *Index) Others() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.others
}

// A Vector is a query as it travels between shards: terms with sublinear
// frequencies, the near-duplicate sketch and the date. Held marks the
// vector of an indexed document, which every shard rebuilds exactly as
// that document's own row; otherwise terms no shard has seen count in
// the norm, as in Query.
type Vector struct {
	Terms     []string  `json:"terms"`
	TF        []float32 `json:"tf"`
	Sketch    []uint64  `json:"sketch,omitempty"`
	Published int64     `json:"published"`
	Held      bool      `json:"held,omitempty"`
}

// QueryVector is the Vector of a document that need not be held.
func QueryVector(doc *text.Document, cfg Config) Vector {
	t := Extract(doc, cfg)
	v := Vector{Terms: t.Terms, TF: make([]float32, len(t.Counts)), Sketch: t.Sketch, Published: t.Published}
	for i, c := range t.Counts {
		v.TF[i] = sublinear(c)
	}
	return v
}

// DocVector returns the Vector of the document held under id.
func (ix *Index) DocVector(id string) (Vector, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	slot, ok := ix.byID[id]
	if !ok {
		return Vector{}, false
	}
	d := &ix.docs[slot]
	v := Vector{Terms: make([]string, len(d.terms)), TF: slices.Clone(d.tf), Sketch: slices.Clone(d.sketch), Published: d.published, Held: true}
	ix.vmu.RLock()
	for i, t := range d.terms {
		v.Terms[i] = ix.terms[t]
	}
	ix.vmu.RUnlock()
	return v, true
}

// A Hit is one result of a shard's search: the document, its score and
// its stream order, by which a merge breaks ties.
type Hit struct {
	ID    string  `json:"id"`
	Score float32 `json:"score"`
	Order int64   `json:"order"`
}

// resolve turns v into a query on c. The caller holds ix.mu for reading.
func (ix *Index) resolve(c *compiled, v Vector) (query, error) {
	if len(v.TF) != len(v.Terms) {
		return query{}, fmt.Errorf("byline: query vector: %d terms but %d weights", len(v.Terms), len(v.TF))
	}
	q := query{sketch: v.Sketch, date: v.Published, exclude: -1}
	if v.Held {
		type pair struct {
			t  uint32
			tf float32
		}
		ps := make([]pair, 0, len(v.Terms))
		ix.vmu.RLock()
		for i, term := range v.Terms {
			if t, ok := ix.vocab[term]; ok && int(t) < len(c.idf) {
				ps = append(ps, pair{t, v.TF[i]})
			}
		}
		ix.vmu.RUnlock()
		slices.SortFunc(ps, func(a, b pair) int { return int(a.t) - int(b.t) })
		terms, tf := make([]uint32, len(ps)), make([]float32, len(ps))
		for i, p := range ps {
			terms[i], tf[i] = p.t, p.tf
		}
		q.v = c.rowVector(make([]float32, len(ps)), terms, tf)
	} else {
		q.v = ix.queryVectorTF(c, v.Terms, v.TF)
	}
	if c.lsaK > 0 {
		q.lsa = ix.project(nil, q.v)
	}
	return q, nil
}

// SearchVector returns the k held documents most similar to v, best
// first, leaving out the document held under exclude (if any).
func (ix *Index) SearchVector(v Vector, exclude string, k int, qc QueryConfig) ([]Hit, error) {
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	q, err := ix.resolve(c, v)
	if err != nil {
		return nil, err
	}
	if slot, ok := ix.byID[exclude]; ok {
		q.exclude = c.rowOf[slot]
	}
	hits := ix.search(c, q, k, qc)
	out := make([]Hit, len(hits))
	for i, h := range hits {
		d := &ix.docs[c.slots[h.Row]]
		out[i] = Hit{ID: d.id, Score: h.Score, Order: d.order}
	}
	return out, nil
}

// ScoreVector returns the similarity of v to the document held under id,
// the score SearchVector would give it.
func (ix *Index) ScoreVector(v Vector, id string) (float32, error) {
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	slot, ok := ix.byID[id]
	if !ok {
		return 0, fmt.Errorf("byline: score %q: %w", id, ErrNotFound)
	}
	q, err := ix.resolve(c, v)
	if err != nil {
		return 0, err
	}
	r := c.rowOf[slot]
	s := sparse.Dot(q.v, c.m.Row(int(r)))
	if c.lsaK > 0 {
		w := float32(ix.cfg.LSAWeight)
		s = (1-w)*s + w*sparse.Dot32(q.lsa, c.lsaVecs[int(r)*c.lsaK:int(r+1)*c.lsaK])
	}
	return s, nil
}
