package index

import (
	"fmt"
	"io"
	"slices"

	"github.com/byline-nlp/byline/internal/indexfile"
	"github.com/byline-nlp/byline/internal/lsa"
)

// Index files start with this magic; indexVersion is the format written.
// Version 1 holds the configuration, the vocabulary, every document's raw
// statistics (term ids, sublinear tf, date, near-duplicate sketch) and the
// fitted LSA model; idf and vectors are recomputed on load, so they can
// never disagree with the documents. Version 2 adds each document's stream
// order, the flags (numbers dropped, shared model) and the document
// frequencies counted for other shards.
const (
	indexMagic   = "BYLNIDX\x00"
	indexVersion = 2
)

// Save writes the index to w in byline's versioned binary format, which
// ends with a CRC-32C of its contents. It holds the index for reading
// while the data is encoded.
func (ix *Index) Save(w io.Writer) error {
	var e indexfile.Encoder
	ix.mu.RLock()
	cfg := ix.conf()
	e.Uvarint(uint64(cfg.LSAK))
	e.Float64(cfg.LSAWeight)
	e.Float64(cfg.TitleBoost)
	e.Float64(cfg.EntityBoost)
	// Terms beyond these belong to Adds still in flight; no saved
	// document uses them.
	nt := max(len(ix.df), len(ix.ext))
	if ix.model != nil {
		nt = max(nt, ix.model.Terms)
	}
	ix.vmu.RLock()
	e.Uvarint(uint64(nt))
	for _, t := range ix.terms[:nt] {
		e.String(t)
	}
	ix.vmu.RUnlock()
	e.Uvarint(uint64(ix.live))
	for i := range ix.docs {
		d := &ix.docs[i]
		if d.removed {
			continue
		}
		e.String(d.id)
		e.Varint(d.published)
		e.DeltaUint32s(d.terms)
		e.Float32s(d.tf)
		e.Uint64s(d.sketch)
		e.Varint(d.order)
	}
	if m := ix.model; m != nil {
		e.Uvarint(1)
		e.Uvarint(uint64(ix.modelN))
		e.Uvarint(uint64(m.K))
		e.Uvarint(uint64(m.Terms))
		for _, s := range m.Sigma {
			e.Float64(s)
		}
		e.Float32s(m.Vecs)
	} else {
		e.Uvarint(0)
	}
	var flags uint64
	if cfg.NoNumbers {
		flags |= 1
	}
	if cfg.SharedModel {
		flags |= 2
	}
	e.Uvarint(flags)
	e.Uvarint(uint64(ix.others))
	var extIDs []uint32
	for t, n := range ix.ext {
		if n > 0 {
			extIDs = append(extIDs, uint32(t))
		}
	}
	e.DeltaUint32s(extIDs)
	for _, t := range extIDs {
		e.Uvarint(uint64(ix.ext[t]))
	}
	ix.mu.RUnlock()
	if _, err := e.WriteTo(w, indexMagic, indexVersion); err != nil {
		return fmt.Errorf("byline: save index: %w", err)
	}
	return nil
}

// Load reads an index written by Save. A truncated, corrupted or foreign
// file is an error wrapping indexfile's sentinels, with a message saying
// which.
func Load(r io.Reader) (*Index, error) {
	d, err := indexfile.Read(r, indexMagic, indexVersion)
	if err != nil {
		return nil, fmt.Errorf("byline: load index: %w", err)
	}
	ix, err := decodeIndex(d)
	if err != nil {
		return nil, fmt.Errorf("byline: load index: %w", err)
	}
	return ix, nil
}

func decodeIndex(d *indexfile.Decoder) (*Index, error) {
	ix := &Index{cfgSet: true}
	ix.cfg.LSAK = int(d.Uvarint())
	ix.cfg.LSAWeight = d.Float64()
	ix.cfg.TitleBoost = d.Float64()
	ix.cfg.EntityBoost = d.Float64()
	if d.Err() == nil && (ix.cfg.LSAK > 1<<16 || !(ix.cfg.LSAWeight >= 0 && ix.cfg.LSAWeight <= 1) ||
		!(ix.cfg.TitleBoost >= 1 && ix.cfg.TitleBoost < 1e6) || !(ix.cfg.EntityBoost >= 1 && ix.cfg.EntityBoost < 1e6)) {
		return nil, fmt.Errorf("%w: bad configuration", indexfile.ErrMalformed)
	}
	nt := d.Len(1)
	ix.initLocked()
	ix.vocab = make(map[string]uint32, nt)
	ix.terms = make([]string, 0, nt)
	ix.df = make([]int32, nt)
	for range nt {
		t := d.String()
		if d.Err() != nil {
			return nil, d.Err()
		}
		if _, dup := ix.vocab[t]; dup {
			return nil, fmt.Errorf("%w: term %q listed twice", indexfile.ErrMalformed, t)
		}
		ix.vocab[t] = uint32(len(ix.terms))
		ix.terms = append(ix.terms, t)
	}
	nd := d.Len(1)
	ix.docs = make([]docEntry, 0, nd)
	for range nd {
		e := docEntry{id: d.String(), published: d.Varint(), terms: d.DeltaUint32s(), tf: d.Float32s(), sketch: d.Uint64s()}
		if d.Version >= 2 {
			e.order = d.Varint()
		}
		if err := d.Err(); err != nil {
			return nil, err
		}
		if !slices.IsSorted(e.sketch) {
			return nil, fmt.Errorf("%w: document %q has an unsorted sketch", indexfile.ErrMalformed, e.id)
		}
		if len(e.tf) != len(e.terms) {
			return nil, fmt.Errorf("%w: document %q has %d terms but %d weights", indexfile.ErrMalformed, e.id, len(e.terms), len(e.tf))
		}
		for j, t := range e.terms {
			if int(t) >= nt {
				return nil, fmt.Errorf("%w: document %q uses term %d of %d", indexfile.ErrMalformed, e.id, t, nt)
			}
			if !(e.tf[j] >= 1 && e.tf[j] < 1e6) {
				return nil, fmt.Errorf("%w: document %q has a bad weight", indexfile.ErrMalformed, e.id)
			}
			ix.df[t]++
		}
		if _, dup := ix.byID[e.id]; dup {
			return nil, fmt.Errorf("%w: id %q listed twice", indexfile.ErrMalformed, e.id)
		}
		ix.byID[e.id] = int32(len(ix.docs))
		ix.docs = append(ix.docs, e)
	}
	ix.live = len(ix.docs)
	switch d.Uvarint() {
	case 0:
	case 1:
		modelN, k, terms := d.Uvarint(), d.Len(8), d.Len(1)
		if d.Err() == nil && (k == 0 || terms > nt) {
			return nil, fmt.Errorf("%w: bad LSA model shape", indexfile.ErrMalformed)
		}
		m := &lsa.Model{K: k, Terms: terms, Sigma: make([]float64, k)}
		for i := range m.Sigma {
			m.Sigma[i] = d.Float64()
		}
		m.Vecs = d.Float32s()
		if err := d.Err(); err != nil {
			return nil, err
		}
		if len(m.Vecs) != k*terms {
			return nil, fmt.Errorf("%w: LSA model has %d values, want %d×%d", indexfile.ErrMalformed, len(m.Vecs), terms, k)
		}
		ix.model, ix.modelN = m, int(min(modelN, 1<<40))
	default:
		return nil, fmt.Errorf("%w: bad LSA flag", indexfile.ErrMalformed)
	}
	if d.Version >= 2 {
		flags := d.Uvarint()
		ix.cfg.NoNumbers, ix.cfg.SharedModel = flags&1 != 0, flags&2 != 0
		ix.others = int(min(d.Uvarint(), 1<<40))
		ids := d.DeltaUint32s()
		if len(ids) > 0 && d.Err() == nil {
			if int(ids[len(ids)-1]) >= nt {
				return nil, fmt.Errorf("%w: document frequency for term %d of %d", indexfile.ErrMalformed, ids[len(ids)-1], nt)
			}
			ix.ext = make([]int32, nt)
		}
		for _, t := range ids {
			n := d.Uvarint()
			if n > uint64(ix.others) {
				return nil, fmt.Errorf("%w: document frequency %d above %d documents", indexfile.ErrMalformed, n, ix.others)
			}
			ix.ext[t] = int32(n)
		}
	}
	if err := d.Done(); err != nil {
		return nil, err
	}
	ix.dirty = true
	return ix, nil
}
