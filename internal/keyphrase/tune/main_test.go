package main

import (
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/kpeval"
)

// TestClusters checks the duplicate rule on stories we wrote: the same
// number under two categories, and a repost sharing 90% of its 8-word
// shingles, join one cluster (transitively); a different story does not.
func TestClusters(t *testing.T) {
	story := strings.Repeat("the harbour council voted to build a new ferry terminal on the east pier ", 3)
	other := "a storm closed schools across the valley and officials said they would reopen when it passes over the hills"
	docs := []kpeval.Doc{
		{ID: "business-1", Text: story},
		{ID: "tech-1", Text: "a different text filed twice under one number"},
		{ID: "crime-2", Text: story + " extra"},
		{ID: "sports-3", Text: other},
	}
	cl := clusters(docs)
	if cl[0] != cl[1] || cl[0] != cl[2] {
		t.Errorf("clusters %v: the first three are one cluster", cl)
	}
	if cl[3] == cl[0] {
		t.Errorf("clusters %v: the storm story stands alone", cl)
	}
}

// TestFitSeparates checks that the logistic fit learns a feature that
// separates tagged candidates and ranks by it.
func TestFitSeparates(t *testing.T) {
	doc := kpeval.Doc{ID: "x-1", Title: "Ferry fares", Body: "Ferry fares rose. Ferry fares fell. The council met. The council spoke. Ferry fares rose."}
	items := []*item{newItem(doc, 0)}
	items[0].gold = map[string]bool{"ferri fare": true}
	for i, c := range items[0].cands {
		items[0].labels[i] = items[0].gold[c.Key]
	}
	setPrior(items, items)
	w, _ := fitSD(items, nil)
	if m := evaluate(items, &w); m[1] <= 0 {
		t.Errorf("F1@10 %v: the gold phrase should be listed", m[1])
	}
}
