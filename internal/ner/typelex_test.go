package ner

import (
	"bytes"
	"reflect"
	"testing"
)

func TestTypeLexicon(t *testing.T) {
	c := NewTypeCounts([]string{"LOC", "ORG", "PER"})
	sent := []string{"Acme", "Corp", "hired", "Ann", "in", "Paris", "."}
	tags := []string{"B-ORG", "I-ORG", "O", "B-PER", "O", "B-LOC", "O"}
	for range 9 {
		c.Add([][]string{sent}, [][]string{tags})
	}
	// "Paris" once a person, "Ann" once a place, a headline skipped.
	c.Add([][]string{{"Paris", "Ann", "said"}, {"ANN", "IN", "PARIS"}},
		[][]string{{"B-PER", "B-LOC", "O"}, {"B-ORG", "O", "B-ORG"}})
	other := NewTypeCounts([]string{"LOC", "ORG", "PER"})
	for range 4 {
		other.Add([][]string{{"Jordan", "won"}, {"Jordan", "said"}}, [][]string{{"B-PER", "O"}, {"B-LOC", "O"}})
	}
	other.Add([][]string{{"The", "Rare", "one"}}, [][]string{{"O", "B-ORG", "O"}})
	if err := c.Merge(other); err != nil {
		t.Fatal(err)
	}
	if err := c.Merge(NewTypeCounts([]string{"PER"})); err == nil {
		t.Error("merging counts of other types: no error")
	}
	if got, want := c.Words["Paris"], []uint32{0, 9, 0, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("Paris counted %v, want %v", got, want)
	}
	if _, ok := c.Words["ANN"]; ok {
		t.Error("a headline's words were counted")
	}
	// The model's types are sorted as Train sorts them, with MISC too.
	lex, err := c.Lexicon([]string{"LOC", "MISC", "ORG", "PER"}, LexiconOptions{MinCount: 2, High: 0.9, Low: 0.6})
	if err != nil {
		t.Fatal(err)
	}
	// Codes: 1 + 2·class + band (class 0 O, 1 LOC, 2 MISC, 3 ORG, 4 PER).
	tests := []struct {
		word string
		code uint8
	}{
		{"Acme", 2 + 2*3},  // ORG 9 of 9: sure
		{"Paris", 2 + 2*1}, // LOC 9 of 10: sure
		{"Ann", 2 + 2*4},   // PER 9 of 10: sure
		{"Jordan", 15},     // PER 4, LOC 4: ambiguous
		{"Rare", 0},        // counted once: left out
		{"The", 0},         // counted once: left out
	}
	for _, tc := range tests {
		if got := lex[tc.word]; got != tc.code {
			t.Errorf("%s: code %d, want %d", tc.word, got, tc.code)
		}
	}
	lex, _ = c.Lexicon([]string{"LOC", "MISC", "ORG", "PER"}, LexiconOptions{MinCount: 2, High: 0.95, Low: 0.6})
	if got, want := lex["Paris"], uint8(1+2*1); got != want {
		t.Errorf("Paris at High 0.95: code %d, want %d (likely band)", got, want)
	}
	if _, err := c.Lexicon([]string{"A", "B", "C", "D", "E", "F", "G"}, LexiconOptions{}); err == nil {
		t.Error("7 types: no error")
	}
}

func TestTrainTypeLexicon(t *testing.T) {
	docs := synthetic(12)
	clusters := map[string]uint64{"paris": PackClusters(1, 2, 3), "Oslo": PackClusters(4, 5, 6)}
	calls := 0
	m, err := Train(docs, Options{Epochs: 2, MinCount: 1, Clusters: clusters,
		SelfTrain: func(first *Model, next *Options) error {
			calls++
			if len(first.TypeLexicon()) != 0 {
				t.Error("the first model has a type lexicon")
			}
			next.TypeLexicon = map[string]uint8{"Paris": 4, "Oslo": 3}
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("TypeLexiconFrom called %d times, want 1", calls)
	}
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m2.TypeLexicon(), map[string]uint8{"Paris": 4, "Oslo": 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("loaded lexicon %v, want %v", got, want)
	}
	// Clusters come back without the lexicon; "Paris", which had none of
	// its own, has those of "paris", as its look-up had before.
	want := map[string]uint64{"paris": PackClusters(1, 2, 3), "Paris": PackClusters(1, 2, 3), "Oslo": PackClusters(4, 5, 6)}
	if got := m2.Clusters(); !reflect.DeepEqual(got, want) {
		t.Errorf("loaded clusters %v, want %v", got, want)
	}
	// A lexicon word without clusters keeps its lower-case form's.
	d := m2.prepare([][]string{{"Paris", "Oslo", "paris"}})
	ts := d.sents[0]
	if ts[0].cl != PackClusters(1, 2, 3) || ts[0].lex != 4 || ts[1].cl != PackClusters(4, 5, 6) || ts[1].lex != 3 || ts[2].lex != 0 {
		t.Errorf("tokens' clusters and codes: %+v %+v %+v", ts[0], ts[1], ts[2])
	}
}
