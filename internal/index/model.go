package index

import (
	"errors"
	"fmt"
	"io"

	"github.com/byline-nlp/byline/internal/indexfile"
	"github.com/byline-nlp/byline/internal/lsa"
)

// A Model is an LSA projection keyed by term text rather than term id,
// so that it can be fitted once, on every post or a sample, and shared by
// shards whose vocabularies number terms differently.
type Model struct {
	Terms []string  // the terms the model knows
	K     int       // dimensions
	Sigma []float64 // singular values, largest first
	Vecs  []float32 // len(Terms)×K, row-major
}

// FitModel fits an LSA model with the configured dimensions on the
// documents held, weighted by the index's idf (the collection's, for a
// shard that counts the others).
func (ix *Index) FitModel() (*Model, error) {
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	if ix.cfg.LSAK <= 0 {
		return nil, errors.New("byline: fit model: LSA is off")
	}
	ix.vmu.RLock()
	terms := ix.terms[:c.m.Cols()]
	ix.vmu.RUnlock()
	seeds := make([]uint64, len(terms))
	for t, term := range terms {
		seeds[t] = termSeed(term)
	}
	m, err := lsa.Fit(c.m, ix.cfg.LSAK, seeds)
	if err != nil {
		return nil, fmt.Errorf("byline: fit model: %w", err)
	}
	return &Model{Terms: terms[:m.Terms:m.Terms], K: m.K, Sigma: m.Sigma, Vecs: m.Vecs}, nil
}

// SetModel makes the index project every document with m, folding in
// those added later, in place of fitting a model of its own.
func (ix *Index) SetModel(m *Model) {
	ids := ix.termIDs(m.Terms)
	n := 0
	for _, id := range ids {
		n = max(n, int(id)+1)
	}
	lm := &lsa.Model{K: m.K, Terms: n, Sigma: m.Sigma, Vecs: make([]float32, n*m.K)}
	for i, id := range ids {
		copy(lm.Vecs[int(id)*m.K:int(id+1)*m.K], m.Vecs[i*m.K:(i+1)*m.K])
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.initLocked()
	ix.cfg.SharedModel = true
	ix.model, ix.modelN = lm, ix.live+ix.others
	ix.changedLocked()
}

const (
	modelMagic   = "BYLNLSA\x00"
	modelVersion = 1
)

// Save writes m in byline's container format (see indexfile).
func (m *Model) Save(w io.Writer) error {
	var e indexfile.Encoder
	e.Uvarint(uint64(m.K))
	e.Uvarint(uint64(len(m.Terms)))
	for _, t := range m.Terms {
		e.String(t)
	}
	for _, s := range m.Sigma {
		e.Float64(s)
	}
	e.Float32s(m.Vecs)
	if _, err := e.WriteTo(w, modelMagic, modelVersion); err != nil {
		return fmt.Errorf("byline: save model: %w", err)
	}
	return nil
}

// LoadModel reads a model written by Model.Save.
func LoadModel(r io.Reader) (*Model, error) {
	d, err := indexfile.Read(r, modelMagic, modelVersion)
	if err != nil {
		return nil, fmt.Errorf("byline: load model: %w", err)
	}
	m := &Model{K: d.Len(8)}
	nt := d.Len(1)
	if d.Err() == nil && (m.K == 0 || m.K > 1<<16) {
		return nil, fmt.Errorf("byline: load model: %w: %d dimensions", indexfile.ErrMalformed, m.K)
	}
	m.Terms = make([]string, 0, nt)
	for range nt {
		m.Terms = append(m.Terms, d.String())
	}
	m.Sigma = make([]float64, m.K)
	for i := range m.Sigma {
		m.Sigma[i] = d.Float64()
	}
	m.Vecs = d.Float32s()
	if err := d.Done(); err != nil {
		return nil, fmt.Errorf("byline: load model: %w", err)
	}
	if len(m.Vecs) != m.K*len(m.Terms) {
		return nil, fmt.Errorf("byline: load model: %w: %d values for %d×%d", indexfile.ErrMalformed, len(m.Vecs), len(m.Terms), m.K)
	}
	return m, nil
}
