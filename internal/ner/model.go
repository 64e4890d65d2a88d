// Package ner is byline's named-entity tagger: a greedy averaged
// perceptron over BILOU tags with orthographic, affix, shape, context,
// word-cluster, gazetteer and document-level features. It tags
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
	"strings"
)

// Model is a trained tagger. It is immutable once loaded and safe for
// concurrent use.
type Model struct {
	classes  []string // BILOU classes: "O", then B-, I-, L-, U- per type
	types    []string // entity types, e.g. PER, LOC, ORG, MISC
	index    map[uint64]int32
	w        []int16 // len(index) rows of len(classes) weights
	scale    float32
	clusters map[string]uint64
	gaz      map[uint64]uint32
	gazCats  []string
	allowed  [][]bool // allowed[prev][next] class transitions; prev len(classes) is the sentence start
}

// Types returns the entity types the model tags.
func (m *Model) Types() []string { return append([]string(nil), m.types...) }

// Features returns the number of features with weights in the model.
func (m *Model) Features() int { return len(m.index) }

func (m *Model) cluster(w, low string) uint64 {
	if len(m.clusters) == 0 {
		return 0
	}
	if c, ok := m.clusters[w]; ok {
		return c
	}
	return m.clusters[low]
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

// toIOB2 turns BILOU classes into IOB2 tags.
func (m *Model) toIOB2(cs []int) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		t, p := classType(c)
		switch p {
		case 'O':
			out[i] = "O"
		case 'B', 'U':
			out[i] = "B-" + m.types[t-1]
		default:
			out[i] = "I-" + m.types[t-1]
		}
	}
	return out
}

// dynFeatures appends the features that depend on the tags already
// predicted: the previous two classes and what earlier mentions of the
// same word in the document were tagged.
func dynFeatures(fs []uint64, t *tok, p1, p2 int, hist map[string]int) []uint64 {
	fp1 := hN(hT(tP1), uint64(p1))
	fs = append(fs, fp1,
		hN(hN(hT(tP2P1), uint64(p2)), uint64(p1)),
		hN(hN(hT(tP1W0), uint64(p1)), t.hNorm),
		hN(hN(hT(tP1Sh0), uint64(p1)), t.hShape),
	)
	if t.cap {
		if h, ok := hist[t.low]; ok {
			f := hN(hT(tHist), uint64(h))
			fs = append(fs, f, hN(f, t.hShape))
		}
	}
	return fs
}

// record notes the type predicted for a capitalized word, for later
// mentions in the same document.
func record(hist map[string]int, t *tok, c int) {
	if t.cap && hasLetter(t.w) {
		ty, _ := classType(c)
		hist[t.low] = ty
	}
}

// Tag tags a document given as sentences of words and returns one IOB2
// tag per word. The whole document is context: words are tagged in
// order, and what a word was tagged earlier informs later mentions.
func (m *Model) Tag(sents [][]string) [][]string {
	d := m.prepare(sents)
	out := make([][]string, len(sents))
	hist := map[string]int{}
	nc := len(m.classes)
	scores := make([]int32, nc)
	var fs []uint64
	for si, ts := range d.sents {
		gz := m.gazFeatures(ts, nil)
		cs := make([]int, len(ts))
		p1, p2 := nc, nc
		for i := range ts {
			fs = m.staticFeatures(fs[:0], d, si, i, gz[i])
			fs = dynFeatures(fs, &ts[i], p1, p2, hist)
			for c := range scores {
				scores[c] = 0
			}
			for _, f := range fs {
				r, ok := m.index[f]
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
		out[si] = m.toIOB2(cs)
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
}

// ErrFormat reports a model file that is not a byline NER model.
var ErrFormat = errors.New("not a byline NER model")

// Save writes the model in its compact binary form.
func (m *Model) Save(w io.Writer) error {
	f := modelFile{Types: m.types, Scale: m.scale, GazCats: m.gazCats}
	f.Keys = make([]uint64, len(m.index))
	for k, r := range m.index {
		f.Keys[r] = k
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
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(magic); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	zw, err := gzip.NewWriterLevel(bw, gzip.BestCompression)
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
	m := &Model{types: f.Types, classes: bilouClasses(f.Types), scale: f.Scale, gazCats: f.GazCats}
	nc := len(m.classes)
	if len(f.Weights) != len(f.Keys)*nc {
		return nil, fmt.Errorf("ner: load: %w: %d weights for %d features of %d classes", ErrFormat, len(f.Weights), len(f.Keys), nc)
	}
	if len(f.ClusterWords) != len(f.ClusterIDs) || len(f.GazKeys) != len(f.GazMasks) {
		return nil, fmt.Errorf("ner: load: %w: mismatched tables", ErrFormat)
	}
	m.index = make(map[uint64]int32, len(f.Keys))
	for i, k := range f.Keys {
		m.index[k] = int32(i)
	}
	m.w = f.Weights
	m.clusters = make(map[string]uint64, len(f.ClusterWords))
	for i, w := range f.ClusterWords {
		m.clusters[w] = f.ClusterIDs[i]
	}
	m.gaz = make(map[uint64]uint32, len(f.GazKeys))
	for i, k := range f.GazKeys {
		m.gaz[k] = f.GazMasks[i]
	}
	m.allowed = transitions(nc)
	return m, nil
}
