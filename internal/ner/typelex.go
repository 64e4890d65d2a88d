package ner

import (
	"fmt"
	"strings"
)

// A type lexicon says, for capitalised words, which type a first model
// gave them most often when it tagged a large body of unlabelled news,
// and how sure it was: self-training at the level of word statistics.
// The training corpora name a few thousand entities; the unlabelled text
// names far more, and more recent ones, so a word the labelled data
// never typed ("Hezbollah", "Uber") still carries its usual type.
//
// The codes ride in the top bits of the word's packed cluster value
// (PackClusters uses the low 60), so the model file keeps its format
// and a model saved without a lexicon reads as one with no entries.

// lexShift is where a word's type-lexicon code starts in its packed
// cluster value; the clusters use the bits below it.
const lexShift = 60

// clusterMask keeps the cluster bits of a packed value.
const clusterMask = 1<<lexShift - 1

// lexAmbiguous is the code of a word no type holds a Low share of.
const lexAmbiguous = 15

// TypeCounts counts how often a tagger tagged each capitalised word,
// as written, O and as each type.
type TypeCounts struct {
	Types []string            // the entity types; a word's counts are O, then one per type
	Words map[string][]uint32 // word → counts
}

// NewTypeCounts returns empty counts over the given types.
func NewTypeCounts(types []string) *TypeCounts {
	return &TypeCounts{Types: append([]string(nil), types...), Words: map[string][]uint32{}}
}

// Add counts the capitalised words of one tagged document (IOB1 or IOB2
// tags, one row per sentence). A word is counted as the type of the span
// it stands in, or O. Sentences written all in capitals (headlines) are
// skipped: their casing says nothing about names.
func (c *TypeCounts) Add(sents, tags [][]string) {
	idx := map[string]int{}
	for i, t := range c.Types {
		idx[t] = i + 1
	}
	for si, ws := range sents {
		if si >= len(tags) || len(tags[si]) != len(ws) || capsSentence(ws) {
			continue
		}
		cls := make([]int, len(ws))
		for _, s := range chunks(tags[si]) {
			k := idx[s.typ]
			for i := s.start; i < s.end; i++ {
				cls[i] = k
			}
		}
		for i, w := range ws {
			if !startsUpper(w) || !hasLetter(w) {
				continue
			}
			n := c.Words[w]
			if n == nil {
				n = make([]uint32, len(c.Types)+1)
				c.Words[w] = n
			}
			n[cls[i]]++
		}
	}
}

// capsSentence says whether a sentence is written all in capitals, as
// prepare judges it.
func capsSentence(ws []string) bool {
	letters, upper := 0, 0
	for _, w := range ws {
		if hasLetter(w) {
			letters++
			if allUpper(w) {
				upper++
			}
		}
	}
	return letters >= 2 && upper == letters
}

// Merge adds o's counts to c's; both must count the same types.
func (c *TypeCounts) Merge(o *TypeCounts) error {
	if strings.Join(c.Types, " ") != strings.Join(o.Types, " ") {
		return fmt.Errorf("ner: type counts: merging types %v into %v", o.Types, c.Types)
	}
	for w, on := range o.Words {
		n := c.Words[w]
		if n == nil {
			c.Words[w] = append([]uint32(nil), on...)
			continue
		}
		for i, v := range on {
			n[i] += v
		}
	}
	return nil
}

// LexiconOptions says which counted words enter a type lexicon and in
// which confidence band. Zero fields take the defaults.
type LexiconOptions struct {
	MinCount int     // a word must have been counted this often (default 3)
	High     float64 // a majority type's share for the sure band (default 0.8)
	Low      float64 // and for the likely band; below it a word is ambiguous (default 0.5)
}

func (o LexiconOptions) withDefaults() LexiconOptions {
	// Chosen by 5-fold CV over 5/0.9/0.6 (internal/ner/README.md).
	if o.MinCount <= 0 {
		o.MinCount = 3
	}
	if o.High <= 0 {
		o.High = 0.8
	}
	if o.Low <= 0 {
		o.Low = 0.5
	}
	return o
}

// Lexicon returns the codes Options.TypeLexicon takes for the model's
// types (matched to the counts' types by name): for each word counted
// MinCount times, its majority class (O or a type) in one of two bands
// of confidence, or ambiguous.
func (c *TypeCounts) Lexicon(types []string, o LexiconOptions) (map[string]uint8, error) {
	o = o.withDefaults()
	// Codes are 1 + 2·class + band, class 0 for O; they must stay below
	// lexAmbiguous in four bits.
	if 2*len(types)+2 >= lexAmbiguous {
		return nil, fmt.Errorf("ner: type lexicon: %d types, at most 6", len(types))
	}
	class := make([]int, len(c.Types)+1) // counts' index → model class (1-based type; -1: unknown)
	for i, t := range c.Types {
		class[i+1] = -1
		for j, mt := range types {
			if mt == t {
				class[i+1] = j + 1
			}
		}
	}
	out := map[string]uint8{}
	for w, n := range c.Words {
		total, best, bi := majorityCount(n)
		if total < uint32(o.MinCount) || class[bi] < 0 {
			continue
		}
		share := float64(best) / float64(total)
		switch {
		case share >= o.High:
			out[w] = uint8(2 + 2*class[bi])
		case share >= o.Low:
			out[w] = uint8(1 + 2*class[bi])
		default:
			out[w] = lexAmbiguous
		}
	}
	return out, nil
}

// withTypeLexicon returns the clusters with the lexicon's codes in their
// top bits. A lexicon word without clusters of its own takes those of
// its lower-case form, which is what the look-up would have found for it.
func withTypeLexicon(clusters map[string]uint64, lex map[string]uint8) map[string]uint64 {
	if len(lex) == 0 {
		return clusters
	}
	out := make(map[string]uint64, len(clusters)+len(lex)/4)
	for w, c := range clusters {
		out[w] = c & clusterMask
	}
	for w, code := range lex {
		c, ok := out[w]
		if !ok {
			c = out[strings.ToLower(w)]
		}
		out[w] = c | uint64(code&0xf)<<lexShift
	}
	return out
}

// TypeLexicon returns the model's type-lexicon codes (see
// Options.TypeLexicon); empty for a model trained without one.
func (m *Model) TypeLexicon() map[string]uint8 {
	out := map[string]uint8{}
	for w, c := range m.clusters {
		if code := uint8(c >> lexShift); code != 0 {
			out[w] = code
		}
	}
	return out
}

// trainSelf trains a first model without opts.SelfTrain, lets
// SelfTrain set the next model's options with it (typically its
// TypeLexicon, from unlabelled text the first model tags), and trains
// the model again with them. In cross-validation the first model has not
// seen the held-out fold, so neither has what it built.
func trainSelf(docs []Doc, opts Options) (*Model, error) {
	self := opts.SelfTrain
	o := opts
	o.SelfTrain = nil
	logf := opts.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	logf("train: first model, for self-training")
	first, err := Train(docs, o)
	if err != nil {
		return nil, err
	}
	if err := self(first, &o); err != nil {
		return nil, fmt.Errorf("ner: train: self-training: %w", err)
	}
	logf("train: type lexicon of %d words; training with it", len(o.TypeLexicon))
	o.SelfTrain = nil
	return Train(docs, o)
}

// lexFeatures appends the type-lexicon features of token t: its code,
// alone and with its shape.
func lexFeatures(fs []uint64, t *tok) []uint64 {
	if t.lex == 0 {
		return fs
	}
	return append(fs, hN(hT(tLex), uint64(t.lex)), hN(hN(hT(tLexSh), uint64(t.lex)), t.hShape))
}

// majorityCount returns the sum of counts, the largest count and its
// index (the first of equal ones).
func majorityCount(counts []uint32) (total, best uint32, at int) {
	for i, v := range counts {
		total += v
		if v > best {
			best, at = v, i
		}
	}
	return total, best, at
}
