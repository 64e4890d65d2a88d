package ner

import (
	"bytes"
	_ "embed" // the shipped model
	"sync"
)

// english is the shipped model: trained by examples/train-ner on
// CoNLL-2003 English (Reuters news, under research terms) and English
// Worldwide Newswire train (research use), CoNLL weighted 3:1, with word
// clusters learned from about 60 million words of unlabelled news and
// Debian's public word lists as gazetteers. Only learned weights and
// statistics are stored, never text.
//
//go:embed english.model
var english []byte

// LoadDefault decodes the shipped model. Each call decodes it afresh;
// callers keep one (byline.DefaultNERModel does).
func LoadDefault() (*Model, error) { return Load(bytes.NewReader(english)) }

// Clusters returns the model's word clusters in the form Options.Clusters
// takes, so that a model trained on other data can reuse them. Its type
// lexicon (TypeLexicon) is left out: it was built by this model.
func (m *Model) Clusters() map[string]uint64 {
	out := make(map[string]uint64, len(m.clusters))
	for w, c := range m.clusters {
		if c &= clusterMask; c != 0 {
			out[w] = c
		}
	}
	return out
}

var (
	sharedOnce sync.Once
	shared     *Model
	sharedErr  error
)

// Shared returns the shipped model, decoded once on first use; every
// call returns the same model. Callers that want a beam take a copy with
// WithBeam, which shares the decoded tables.
func Shared() (*Model, error) {
	sharedOnce.Do(func() { shared, sharedErr = LoadDefault() })
	return shared, sharedErr
}

// GazetteerCategories returns the gazetteer categories (such as "LOC",
// "PER", "PER-word", "city", "country") the model holds the phrase
// under, matched on its lower-case words; nil when it holds none.
func (m *Model) GazetteerCategories(words []string) []string {
	if m.gazT == nil || len(words) == 0 || len(words) > maxGazLen {
		return nil
	}
	v, ok := m.gazT.get(gazKey(words))
	if !ok {
		return nil
	}
	var cats []string
	mask := uint32(v) &^ gazPrefixBit
	for c := 0; mask != 0 && c < len(m.gazCats); c++ {
		if mask&1 != 0 {
			cats = append(cats, m.gazCats[c])
		}
		mask >>= 1
	}
	return cats
}
