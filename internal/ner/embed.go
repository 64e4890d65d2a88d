package ner

import (
	"bytes"
	_ "embed" // the shipped model
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
// takes, so that a model trained on other data can reuse them.
func (m *Model) Clusters() map[string]uint64 {
	out := make(map[string]uint64, len(m.clusters))
	for w, c := range m.clusters {
		out[w] = c
	}
	return out
}
