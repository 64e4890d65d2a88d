package main

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/summarize"
	"github.com/byline-nlp/byline/internal/summeval"
)

// TestFastScoreMatchesSelect checks the tuner's cached scoring (its own
// MMR over precomputed cosines, gram counts by slot, bigrams across the
// joins of the chosen sentences) against summarize.SelectAny and plain
// count maps, for many random weight settings on the repository's long
// test article. The reference is made of some of the article's own
// sentences and a few unrelated words, so hits are neither all nor none.
func TestFastScoreMatchesSelect(t *testing.T) {
	raw, err := os.ReadFile("../../../testdata/long.txt")
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ := strings.Cut(string(raw), "\n")
	doc := byline.NewTextDocument(title, body)
	if len(doc.Sentences) < 20 {
		t.Fatalf("only %d sentences", len(doc.Sentences))
	}
	var ref []string
	for _, k := range []int{0, 5, 6, 17} {
		ref = append(ref, doc.Sentences[k].Of(doc.Body))
	}
	ref = append(ref, "sleeper trains return to the night")
	// Two inputs: the whole article, and its first eight sentences.
	short := byline.NewTextDocument(title, body[:doc.Sentences[7].End])
	rng := rand.New(rand.NewPCG(1, 2))
	defer func(v bool) { *slow = v }(*slow)
	for _, d := range []*byline.Document{doc, short} {
		it := prepare(summeval.Pair{ID: "long", Source: "bbc", Doc: d, Reference: strings.Join(ref, "\n")})
		for trial := 0; trial < 200; trial++ {
			w := summarize.Default
			if trial > 0 {
				for k := range w.W {
					w.W[k] = rng.NormFloat64()
					w.WLong[k] = rng.NormFloat64()
				}
				w.Lambda = 2 * rng.Float64()
				w.LongFrom, w.LongWidth = 10*rng.Float64(), 10*rng.Float64()
			}
			*slow = false
			f1, f2 := it.score(&w)
			*slow = true
			s1, s2 := it.score(&w)
			if f1 != s1 || f2 != s2 {
				t.Fatalf("%d sentences, trial %d: fast %v %v, SelectAny %v %v", len(d.Sentences), trial, f1, f2, s1, s2)
			}
			if trial == 0 && (s1 <= 0 || s1 >= 1) {
				t.Errorf("shipped weights score R-1 %v: the test reference should give partial overlap", s1)
			}
		}
	}
}
