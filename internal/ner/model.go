// Package ner is byline's named-entity tagger: an averaged perceptron
// over BILOU tags, decoded greedily or with a small beam, with
// orthographic, affix, shape, context, word-cluster, gazetteer,
// capitalised-run and document-level features. It tags
// pre-tokenised documents and knows nothing of byline's Document type,
// so that training and evaluation need only words.
package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// Model is a trained tagger. It is immutable once loaded and safe for
// concurrent use.
type Model struct {
	classes  []string // BILOU classes: "O", then B-, I-, L-, U- per type
	types    []string // entity types, e.g. PER, LOC, ORG, MISC
	keys     []uint64 // row → feature hash
	index    *table   // feature hash → row
	w        []int16  // len(keys) rows of len(classes) weights
	scale    float32
	clusters map[string]uint64
	clT      *table   // hash of a word → index into clIDs
	clIDs    []uint64 // packed cluster ids
	gaz      map[uint64]uint32
	gazT     *table // gaz, for look-ups
	gazCats  []string
	// gazPrefixes holds the hashes of the proper prefixes of multi-word
	// gazetteer phrases, so that a look-up stops at the first word that
	// begins none (most words); nil for models saved without them.
	gazPrefixes      map[uint64]bool
	gazKnowsPrefixes bool     // gazT marks prefixes (models saved with GazPrefixes)
	allowed          [][]bool // allowed[prev][next] class transitions; prev len(classes) is the sentence start
	second           *Model   // the second pass, or nil; it shares clusters and gazetteers
	joint            *joint   // both passes' weights for tagging, built on loading
	beam             int      // hypotheses per sentence when decoding; ≤ 1 is greedy (see WithBeam)
	beamTemp         float64  // the beam's softmax temperature
	beamPrune        float64  // the beam follows no class this many nats below a step's best; 0: all
}

// FirstPass returns the model without its second pass (m itself if it
// has none), decoding as m does.
func (m *Model) FirstPass() *Model {
	if m.second == nil {
		return m
	}
	c := *m
	c.second = nil
	if c.joint != nil {
		c.buildJoint()
	}
	return &c
}

// Types returns the entity types the model tags.
func (m *Model) Types() []string { return append([]string(nil), m.types...) }

// Features returns the number of features with weights in the model.
func (m *Model) Features() int {
	if m.second != nil {
		return len(m.keys) + len(m.second.keys)
	}
	return len(m.keys)
}

// build makes the look-up tables from keys and gaz.
func (m *Model) build() {
	m.index = newTable(len(m.keys))
	for r, k := range m.keys {
		m.index.put(k, int32(r))
	}
	m.gazT = newTable(len(m.gaz))
	for k, v := range m.gaz {
		m.gazT.put(k, int32(v))
	}
	// A phrase's proper prefix carries gazPrefixBit in the same table,
	// so one probe says both what a run of words is and whether a longer
	// phrase starts with it.
	for k := range m.gazPrefixes {
		v, _ := m.gazT.get(k)
		m.gazT.put(k, int32(uint32(v)|gazPrefixBit))
	}
	m.gazKnowsPrefixes = m.gazPrefixes != nil
}

// gazPrefixBit marks a gazetteer key that begins a longer phrase; the
// categories use the bits below it.
const gazPrefixBit = 1 << 31

// addPrefixes notes the proper prefixes of a gazetteer phrase.
func (m *Model) addPrefixes(ws []string) {
	h := uint64(fnvOffset)
	for _, w := range ws[:len(ws)-1] {
		h = hS(h, strings.ToLower(w))
		m.gazPrefixes[h] = true
	}
}

// buildClusters makes the cluster look-up table, keyed by the hash a
// token's word already has.
func (m *Model) buildClusters() {
	m.clT = newTable(len(m.clusters))
	m.clIDs = make([]uint64, 0, len(m.clusters))
	for w, c := range m.clusters {
		m.clT.put(hS(fnvOffset, w), int32(len(m.clIDs)))
		m.clIDs = append(m.clIDs, c)
	}
}

// bilouClasses lists the classes for types: O, then B, I, L, U of each.
func bilouClasses(types []string) []string {
	cs := []string{"O"}
	for _, t := range types {
		for _, p := range []string{"B-", "I-", "L-", "U-"} {
			cs = append(cs, p+t)
		}
	}
	return cs
}

// classType returns the type index (1-based; 0 for O) and the prefix byte of class c.
func classType(c int) (int, byte) {
	if c == 0 {
		return 0, 'O'
	}
	return (c-1)/4 + 1, "BILU"[(c-1)%4]
}

func transitions(n int) [][]bool {
	a := make([][]bool, n+1)
	for p := 0; p <= n; p++ {
		a[p] = make([]bool, n)
		pt, pp := 0, byte('O')
		if p < n {
			pt, pp = classType(p)
		}
		for c := 0; c < n; c++ {
			ct, cp := classType(c)
			if pp == 'B' || pp == 'I' {
				a[p][c] = ct == pt && (cp == 'I' || cp == 'L')
			} else {
				a[p][c] = cp == 'O' || cp == 'B' || cp == 'U'
			}
		}
	}
	return a
}

// toIOB2 turns BILOU classes into IOB2 tags, tags[c] for class c (see
// iob2Tags).
func toIOB2(cs []int, tags []string) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = tags[c]
	}
	return out
}

// iob2Tags returns each BILOU class's IOB2 tag, built once per document
// rather than once per tagged word.
func iob2Tags(types []string) []string {
	tags := []string{"O"}
	for _, t := range types {
		b, i := "B-"+t, "I-"+t
		tags = append(tags, b, i, i, b) // B, I, L, U
	}
	return tags
}

// dynFeatures appends the features that depend on the tags already
// predicted: the previous two classes and what earlier mentions of the
// same word in the document were tagged.
func dynFeatures(fs []uint64, t *tok, p1, p2 int, hist map[uint64]int) []uint64 {
	return tokenDynFeatures(transFeatures(fs, p1, p2), t, p1, hist)
}

// transFeatures appends the features of the previous two classes alone,
// the same at every token.
func transFeatures(fs []uint64, p1, p2 int) []uint64 {
	return append(fs, hN(hT(tP1), uint64(p1)), hN(hN(hT(tP2P1), uint64(p2)), uint64(p1)))
}

// tokenDynFeatures appends the rest of dynFeatures: those of the previous
// class with the token, and of the word's history.
func tokenDynFeatures(fs []uint64, t *tok, p1 int, hist map[uint64]int) []uint64 {
	fs = append(fs,
		hN(hN(hT(tP1W0), uint64(p1)), t.hNorm),
		hN(hN(hT(tP1Sh0), uint64(p1)), t.hShape),
	)
	if t.cap {
		if h, ok := hist[t.hLow]; ok {
			f := hN(hT(tHist), uint64(h))
			fs = append(fs, f, hN(f, t.hShape))
		}
	}
	return fs
}

// record notes the type predicted for a capitalized word, for later
// mentions in the same document.
func record(hist map[uint64]int, t *tok, c int) {
	if t.cap && hasLetter(t.w) {
		ty, _ := classType(c)
		hist[t.hLow] = ty
	}
}

// Tag tags a document given as sentences of words and returns one IOB2
// tag per word. The whole document is context: words are tagged in
// order, what a word was tagged earlier informs later mentions, and a
// second pass sees how the first tagged every mention of each word.
func (m *Model) Tag(sents [][]string) [][]string {
	d := m.prepare(sents)
	var cs [][]int
	if m.beam > 1 {
		cs = m.decodeBeam(d)
	} else if m.joint != nil {
		cs = m.decodeJoint(d)
	} else {
		cs = m.decode(d, nil)
		if m.second != nil {
			cs = m.second.decode(d, aggregates(d, cs, len(m.types)))
		}
	}
	out := make([][]string, len(cs))
	tags := iob2Tags(m.types)
	for si, c := range cs {
		out[si] = toIOB2(c, tags)
	}
	return out
}

// decode tags every sentence greedily, left to right, with the legal
// BILOU transitions only. agg holds extra features per token (the second
// pass's), or nil.
func (m *Model) decode(d *docInfo, agg [][][]uint64) [][]int {
	out := make([][]int, len(d.sents))
	hist := map[uint64]int{}
	nc := len(m.classes)
	scores := make([]int32, nc)
	var fs []uint64
	for si, ts := range d.sents {
		gz := d.gazetteer(m, si)
		cs := make([]int, len(ts))
		p1, p2 := nc, nc
		for i := range ts {
			fs = m.staticFeatures(fs[:0], d, si, i, gz[i])
			if agg != nil {
				fs = append(fs, agg[si][i]...)
			}
			fs = dynFeatures(fs, &ts[i], p1, p2, hist)
			for c := range scores {
				scores[c] = 0
			}
			for _, f := range fs {
				r, ok := m.index.get(f)
				if !ok {
					continue
				}
				row := m.w[int(r)*nc : int(r)*nc+nc]
				for c, v := range row {
					scores[c] += int32(v)
				}
			}
			best := -1
			allow := m.allowed[p1]
			for c := range scores {
				if allow[c] && (best < 0 || scores[c] > scores[best]) {
					best = c
				}
			}
			cs[i] = best
			record(hist, &ts[i], best)
			p2, p1 = p1, best
		}
		out[si] = cs
	}
	return out
}

// aggregates computes the second pass's features from the first pass's
// classes: the token's own and its neighbours' first-pass classes, the
// type most other mentions of the same word were given, and the types of
// multi-word names the word is part of elsewhere in the document.
func aggregates(d *docInfo, cs [][]int, ntypes int) [][][]uint64 {
	counts := map[uint64][]int{}
	partOf := map[uint64]uint32{}
	for si, ts := range d.sents {
		start := -1
		for i := range ts {
			t := &ts[i]
			ty, p := classType(cs[si][i])
			if hasLetter(t.w) && (t.cap || d.capsSent[si]) {
				c := counts[t.hLow]
				if c == nil {
					c = make([]int, ntypes+1)
					counts[t.hLow] = c
				}
				c[ty]++
			}
			switch p {
			case 'B':
				start = i
			case 'L':
				if start >= 0 {
					for j := start; j <= i; j++ {
						partOf[ts[j].hLow] |= 1 << ty
					}
				}
				start = -1
			case 'O', 'U':
				start = -1
			}
		}
	}
	out := make([][][]uint64, len(d.sents))
	for si, ts := range d.sents {
		out[si] = make([][]uint64, len(ts))
		for i := range ts {
			t := &ts[i]
			c0 := cs[si][i]
			cm1, cp1 := -1, -1
			if i > 0 {
				cm1 = cs[si][i-1]
			}
			if i+1 < len(ts) {
				cp1 = cs[si][i+1]
			}
			fs := []uint64{
				hN(hT(tS1), uint64(c0)),
				hN(hN(hT(tS1M1), uint64(cm1+1)), uint64(c0)),
				hN(hN(hT(tS1P1), uint64(c0)), uint64(cp1+1)),
			}
			if c := counts[t.hLow]; c != nil && (t.cap || d.capsSent[si]) {
				ty, _ := classType(c0)
				others, ents, maj := 0, 0, 0
				for k, n := range c {
					if k == ty {
						n--
					}
					others += n
					if k > 0 {
						ents += n
						if n > 0 && (maj == 0 || n > c[maj]) {
							maj = k
						}
					}
				}
				if others > 0 {
					bucket := uint64(1)
					switch {
					case ents == 0:
						bucket = 0
					case ents == others:
						bucket = 2
					}
					f := hN(hN(hT(tDocMaj), uint64(maj)), bucket)
					fs = append(fs, f, hN(hN(hT(tDocMajSh), f), t.hShape))
				}
			}
			if t.cap {
				for mask, ty := partOf[t.hLow], 0; mask != 0; ty++ {
					if mask&1 != 0 {
						fs = append(fs, hN(hT(tPartOf), uint64(ty)))
					}
					mask >>= 1
				}
			}
			out[si][i] = fs
		}
	}
	return out
}

const magic = "byline-ner-model\x00v1\n"

// modelFile is the serialised model, gob-encoded inside gzip.
type modelFile struct {
	Types        []string
	Keys         []uint64
	Weights      []int16
	Scale        float32
	ClusterWords []string
	ClusterIDs   []uint64
	GazKeys      []uint64
	GazMasks     []uint32
	GazCats      []string
	GazPrefixes  []uint64 // hashes of the proper prefixes of multi-word phrases
	// The second pass, if any: its features and weights.
	Keys2    []uint64
	Weights2 []int16
	Scale2   float32 // its quantisation (0 in older files: Scale)
	// BeamTemperature is the softmax temperature the model decodes best
	// at (see WithBeam): a margin-trained model's scores are on a larger
	// scale. 0 in older files: the package's BeamTemperature.
	BeamTemperature float64
}

// ErrFormat reports a model file that is not a byline NER model.
var ErrFormat = errors.New("not a byline NER model")

// Save writes the model in its compact binary form.
func (m *Model) Save(w io.Writer) error {
	f := modelFile{Types: m.types, Scale: m.scale, GazCats: m.gazCats, BeamTemperature: m.beamTemp}
	f.Keys = m.keys
	if m.second != nil {
		f.Keys2, f.Weights2, f.Scale2 = m.second.keys, m.second.w, m.second.scale
	}
	f.Weights = m.w
	for wd, id := range m.clusters {
		f.ClusterWords = append(f.ClusterWords, wd)
		f.ClusterIDs = append(f.ClusterIDs, id)
	}
	for k, v := range m.gaz {
		f.GazKeys = append(f.GazKeys, k)
		f.GazMasks = append(f.GazMasks, v)
	}
	for k := range m.gazPrefixes {
		f.GazPrefixes = append(f.GazPrefixes, k)
	}
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(magic); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	zw, err := gzip.NewWriterLevel(bw, gzip.DefaultCompression)
	if err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	if err := gob.NewEncoder(zw).Encode(&f); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	return nil
}

// Load reads a model written by Save. Truncated or corrupt files are
// reported as errors (gzip's checksum covers every byte).
func Load(r io.Reader) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil {
		return nil, fmt.Errorf("ner: load: %w: %v", ErrFormat, err)
	}
	if !bytes.Equal(head, []byte(magic)) {
		return nil, fmt.Errorf("ner: load: %w", ErrFormat)
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	var f modelFile
	if err := gob.NewDecoder(zr).Decode(&f); err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	// Read to the end so that gzip verifies its checksum and length.
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	return fromFile(&f)
}

func fromFile(f *modelFile) (*Model, error) {
	if len(f.Types) == 0 || len(f.Types) > 64 {
		return nil, fmt.Errorf("ner: load: %w: %d entity types", ErrFormat, len(f.Types))
	}
	for _, t := range f.Types {
		if t == "" || strings.ContainsAny(t, " \t\n") {
			return nil, fmt.Errorf("ner: load: %w: bad entity type %q", ErrFormat, t)
		}
	}
	if t := f.BeamTemperature; t < 0 || math.IsNaN(t) || math.IsInf(t, 0) {
		return nil, fmt.Errorf("ner: load: %w: beam temperature %v", ErrFormat, t)
	}
	m := &Model{types: f.Types, classes: bilouClasses(f.Types), scale: f.Scale, gazCats: f.GazCats, beamTemp: f.BeamTemperature}
	nc := len(m.classes)
	if len(f.Weights) != len(f.Keys)*nc {
		return nil, fmt.Errorf("ner: load: %w: %d weights for %d features of %d classes", ErrFormat, len(f.Weights), len(f.Keys), nc)
	}
	if len(f.ClusterWords) != len(f.ClusterIDs) || len(f.GazKeys) != len(f.GazMasks) {
		return nil, fmt.Errorf("ner: load: %w: mismatched tables", ErrFormat)
	}
	m.keys = f.Keys
	m.w = f.Weights
	m.clusters = make(map[string]uint64, len(f.ClusterWords))
	for i, w := range f.ClusterWords {
		m.clusters[w] = f.ClusterIDs[i]
	}
	m.buildClusters()
	m.gaz = make(map[uint64]uint32, len(f.GazKeys))
	for i, k := range f.GazKeys {
		m.gaz[k] = f.GazMasks[i]
	}
	if len(f.GazPrefixes) > 0 && len(f.GazCats) > 31 {
		return nil, fmt.Errorf("ner: load: %w: %d gazetteer categories with phrase prefixes, at most 31", ErrFormat, len(f.GazCats))
	}
	if len(f.GazPrefixes) > 0 {
		m.gazPrefixes = make(map[uint64]bool, len(f.GazPrefixes))
		for _, k := range f.GazPrefixes {
			m.gazPrefixes[k] = true
		}
	}
	m.allowed = transitions(nc)
	m.build()
	if len(f.Keys2) > 0 {
		if len(f.Weights2) != len(f.Keys2)*nc {
			return nil, fmt.Errorf("ner: load: %w: %d second-pass weights for %d features", ErrFormat, len(f.Weights2), len(f.Keys2))
		}
		s := *m
		s.keys, s.w = f.Keys2, f.Weights2
		if f.Scale2 > 0 {
			s.scale = f.Scale2
		}
		s.index = newTable(len(s.keys))
		for r, k := range s.keys {
			s.index.put(k, int32(r))
		}
		m.second = &s
	}
	if len(f.Keys)+len(f.Keys2) >= maxRows {
		return nil, fmt.Errorf("ner: load: %w: %d features, at most %d", ErrFormat, len(f.Keys)+len(f.Keys2), maxRows-1)
	}
	m.buildJoint()
	return m, nil
}

// joint holds both passes' weights under one look-up: a feature's row
// has the first pass's weights for every class, then the second's, so
// each token's static features are hashed and looked up once for both
// passes.
type joint struct {
	index  *rowTable
	w      []int16 // rows of 2*nc weights
	passes int
	pws    []passWeights // the passes' weights as decoding reads them
}

func (m *Model) buildJoint() {
	nc := len(m.classes)
	j := &joint{passes: 1}
	if m.second != nil {
		j.passes = 2
	}
	rows := map[uint64]int32{}
	for _, k := range m.keys {
		rows[k] = int32(len(rows))
	}
	if m.second != nil {
		for _, k := range m.second.keys {
			if _, ok := rows[k]; !ok {
				rows[k] = int32(len(rows))
			}
		}
	}
	width := j.passes * nc
	j.w = make([]int16, len(rows)*width)
	j.index = newRowTable(len(rows))
	for k, r := range rows {
		j.index.put(k, r)
	}
	for r, k := range m.keys {
		copy(j.w[int(rows[k])*width:], m.w[r*nc:(r+1)*nc])
	}
	if m.second != nil {
		for r, k := range m.second.keys {
			copy(j.w[int(rows[k])*width+nc:], m.second.w[r*nc:(r+1)*nc])
		}
	}
	j.pws = []passWeights{passWeights{get: j.index.get, getAll: j.index.getAll, w: j.w, width: width, scale: m.scale}.withTrans(nc)}
	if j.passes == 2 {
		j.pws = append(j.pws, passWeights{get: j.index.get, getAll: j.index.getAll, w: j.w, width: width, base: nc, scale: m.second.scale}.withTrans(nc))
	}
	m.joint = j
}

// decodeJoint is decode for both passes over the joint table, with each
// token's static feature rows found once.
func (m *Model) decodeJoint(d *docInfo) [][]int {
	j := m.joint
	nc := len(m.classes)
	width := j.passes * nc
	n := 0
	for _, ts := range d.sents {
		n += len(ts)
	}
	// Static feature rows of every token, flattened.
	rows := make([]int32, 0, n*40)
	offs := make([]int, 0, n+1)
	var fs []uint64
	for si, ts := range d.sents {
		gz := d.gazetteer(m, si)
		for i := range ts {
			offs = append(offs, len(rows))
			fs = m.staticFeatures(fs[:0], d, si, i, gz[i])
			for _, f := range fs {
				if r, ok := j.index.get(f); ok {
					rows = append(rows, r)
				}
			}
		}
	}
	offs = append(offs, len(rows))
	var cs [][]int
	var agg [][][]uint64
	for pass := 0; pass < j.passes; pass++ {
		if pass == 1 {
			agg = aggregates(d, cs, len(m.types))
		}
		out := make([][]int, len(d.sents))
		hist := map[uint64]int{}
		scores := make([]int32, nc)
		base := pass * nc
		tokIdx := 0
		for si, ts := range d.sents {
			c := make([]int, len(ts))
			p1, p2 := nc, nc
			for i := range ts {
				for k := range scores {
					scores[k] = 0
				}
				for _, r := range rows[offs[tokIdx]:offs[tokIdx+1]] {
					row := j.w[int(r)*width+base : int(r)*width+base+nc]
					for k, v := range row {
						scores[k] += int32(v)
					}
				}
				tokIdx++
				fs = fs[:0]
				if agg != nil {
					fs = append(fs, agg[si][i]...)
				}
				fs = dynFeatures(fs, &ts[i], p1, p2, hist)
				for _, f := range fs {
					if r, ok := j.index.get(f); ok {
						row := j.w[int(r)*width+base : int(r)*width+base+nc]
						for k, v := range row {
							scores[k] += int32(v)
						}
					}
				}
				best := -1
				allow := m.allowed[p1]
				for k := range scores {
					if allow[k] && (best < 0 || scores[k] > scores[best]) {
						best = k
					}
				}
				c[i] = best
				record(hist, &ts[i], best)
				p2, p1 = p1, best
			}
			out[si] = c
		}
		cs = out
	}
	return cs
}
