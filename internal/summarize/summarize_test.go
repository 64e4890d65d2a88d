package summarize

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func toks(words ...string) []Token {
	out := make([]Token, len(words))
	for i, w := range words {
		k := Word
		switch w {
		case "(", ")", "--", ",", ".", "\"", "“", "”", "?":
			k = Punct
		}
		out[i] = Token{Text: w, Kind: k}
	}
	return out
}

func TestPageRank(t *testing.T) {
	// A star: node 0 linked to 1 and 2 with weight 1. Worked by hand:
	// leaves x = 0.05 + 0.425·c, centre c = 0.05 + 1.7·x, so
	// c = 0.135/0.2775 and x = 0.05 + 0.425·c.
	w := []float64{0, 1, 1, 1, 0, 0, 1, 0, 0}
	got := PageRank(w, 3, 0.85)
	c := 0.135 / 0.2775
	want := []float64{c, 0.05 + 0.425*c, 0.05 + 0.425*c}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-5 {
			t.Errorf("star rank[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	// No edges: every node is dangling and ranks 1/n.
	for _, r := range PageRank(make([]float64, 16), 4, 0.85) {
		if math.Abs(r-0.25) > 1e-12 {
			t.Errorf("edgeless rank = %v, want 0.25", r)
		}
	}
	if PageRank(nil, 0, 0.85) != nil {
		t.Error("empty graph should rank nothing")
	}
}

func TestDateline(t *testing.T) {
	tests := []struct {
		name string
		toks []Token
		want int
	}{
		{"glued", toks("(", "CNN", ")", "Officials", "said"), 3},
		{"place and dash", toks("WASHINGTON", "(", "CNN", ")", "--", "The", "vote"), 5},
		{"place with comma", toks("London", ",", "England", "(", "CNN", ")", "--", "A", "fire"), 7},
		{"none", toks("The", "mayor", "said", "."), 0},
		{"aside mid-sentence", toks("The", "report", "(", "PDF", ")", "says"), 0},
		{"lowercase", toks("(", "cnn", ")", "x"), 0},
		{"nothing after", toks("(", "CNN", ")"), 0},
	}
	for _, tt := range tests {
		if got := Dateline(tt.toks); got != tt.want {
			t.Errorf("%s: Dateline = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestQuotedShare(t *testing.T) {
	in := &Input{Sentences: []Sentence{
		{Tokens: toks("“", "We", "will", "win", ",", "”", "she", "said", ".")},
		{Tokens: toks("The", "vote", "is", "Monday", ".")},
		{Tokens: toks("\"", "It", "is", "over", ".")},     // left open...
		{Tokens: toks("We", "go", "home", ".", "\"")},     // ...and closed here
		{Tokens: toks("Rain", "fell", "."), Paragraph: 1}, // a new paragraph resets
	}}
	got := quotedShare(in, false)
	want := []float64{3.0 / 5, 0, 1, 1, 0}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("quotedShare = %v, want %v", got, want)
	}
}

func TestRankMethods(t *testing.T) {
	// Sentence 2 shares words with every other sentence, so both graph
	// methods rank it first; lead takes the opening sentences.
	in := &Input{Sentences: []Sentence{
		{Tokens: toks("Rain", "fell", "in", "the", "north", ".")},
		{Tokens: toks("The", "council", "met", "on", "Monday", ".")},
		{Tokens: toks("The", "council", "approved", "the", "school", "budget", "after", "rain", "delayed", "Monday", "meeting", ".")},
		{Tokens: toks("School", "budget", "rises", "by", "a", "tenth", ".")},
		{Tokens: toks("Officials", "approved", "the", "meeting", "minutes", ".")},
	}}
	for _, tt := range []struct {
		method string
		n      int
		want   []int
	}{
		{"lead", 2, []int{0, 1}},
		{"textrank", 1, []int{2}},
		{"lexrank", 1, []int{2}},
		{"lead", 9, []int{0, 1, 2, 3, 4}},
	} {
		picks := Rank(in, tt.method, Options{Sentences: tt.n}, nil)
		var got []int
		for _, p := range picks {
			got = append(got, p.Index)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s n=%d: %v, want %v", tt.method, tt.n, got, tt.want)
		}
	}
}

func TestSelectBudgetAndMMR(t *testing.T) {
	// Three sentences, scores 3 > 2 > 1 from one feature; 0 and 1 are
	// identical, so with a large Lambda MMR skips 1 for 2.
	f := make([][NumFeatures]float64, 3)
	f[0][FPos], f[1][FPos], f[2][FPos] = 3, 2, 1
	a := sparseVec{ids: []int32{1, 2}, vals: []float64{1, 1}, norm: math.Sqrt2}
	b := sparseVec{ids: []int32{3}, vals: []float64{1}, norm: 1}
	vecs := []sparseVec{a, a, b}
	words := []int{5, 5, 20}
	var w Weights
	w.W[FPos], w.WLong[FPos] = 1, 1
	pick := func(w Weights, opt Options) []int {
		var out []int
		for _, p := range Select(f, vecs, words, &w, opt, 0) {
			out = append(out, p.Index)
		}
		return out
	}
	if got := pick(w, Options{Sentences: 2}); !reflect.DeepEqual(got, []int{0, 1}) {
		t.Errorf("no MMR: %v, want [0 1]", got)
	}
	w.Lambda = 5
	if got := pick(w, Options{Sentences: 2}); !reflect.DeepEqual(got, []int{0, 2}) {
		t.Errorf("MMR: %v, want [0 2]", got)
	}
	// A 12-word budget fits sentence 0 (5 words) but not 2 (20).
	if got := pick(w, Options{Words: 12}); !reflect.DeepEqual(got, []int{0, 1}) {
		t.Errorf("budget: %v, want [0 1]", got)
	}
	// The first sentence is always taken, even over budget.
	if got := pick(w, Options{Words: 1}); !reflect.DeepEqual(got, []int{0}) {
		t.Errorf("tiny budget: %v, want [0]", got)
	}
}

func TestFeatures(t *testing.T) {
	in := &Input{
		Title: toks("Council", "approves", "budget"),
		Sentences: []Sentence{
			{Tokens: toks("The", "council", "approved", "the", "budget", ".")},
			{Tokens: toks("Is", "it", "enough", "?")},
			{Tokens: toks("Follow", "us", "for", "updates", ".")},
		},
	}
	f, _ := Features(in)
	if f[0][FFirst] != 1 || f[1][FFirst] != 0 {
		t.Error("FFirst wrong")
	}
	if f[0][FTitle] != 1 { // council, approve, budget all present (stemmed)
		t.Errorf("FTitle = %v, want 1", f[0][FTitle])
	}
	if f[1][FQuestion] != 1 || f[0][FQuestion] != 0 {
		t.Error("FQuestion wrong")
	}
	if f[2][FBoiler] == 0 {
		t.Error("follow us not boilerplate")
	}
	if f[1][FShort] != 1 {
		t.Error("short sentence not flagged")
	}
}

// TestCueWords checks attribution's and boilerplate's word lists in any
// case, and the words just too short or long for them: lowerWord skips
// ASCII words outside the lengths each caller passes. The lists below
// copy those in rank.go; a word added there must be added here too for
// this test to check its length against the bounds.
func TestCueWords(t *testing.T) {
	attr := []string{"said", "says", "told", "added", "explained", "stated"}
	boiler := []string{"click", "subscribe", "newsletter", "contributed", "copyright", "reporting", "photos", "video", "watch"}
	cases := []struct {
		words       []string
		attr, boilr float64
	}{
		{[]string{"according", "to"}, 1, 0},
		{[]string{"ACCORDING", "TO"}, 1, 0},
		{[]string{"according"}, 0, 0},
		{[]string{"follow", "us"}, 0, 1},
		{[]string{"Follow", "US"}, 0, 1},
		{[]string{"sai", "explaineds", "clic", "contributedx"}, 0, 0},
		{[]string{"CLIC\u212A"}, 0, 0.5}, // the Kelvin sign lowers to k
		{[]string{"SAİD"}, 1, 0},         // İ lowers to a plain i (Go's simple case mapping)
		{[]string{""}, 0, 0},
	}
	for _, list := range []struct {
		words       []string
		attr, boilr float64
	}{{attr, 1, 0}, {boiler, 0, 0.5}} {
		for _, w := range list.words {
			for _, v := range []string{w, strings.ToUpper(w[:1]) + w[1:], strings.ToUpper(w)} {
				cases = append(cases, struct {
					words       []string
					attr, boilr float64
				}{[]string{v}, list.attr, list.boilr})
			}
		}
	}
	for _, c := range cases {
		ts := toks(c.words...)
		if got := attribution(ts); got != c.attr {
			t.Errorf("attribution(%q) = %v, want %v", c.words, got, c.attr)
		}
		if got := boilerplate(ts); got != c.boilr {
			t.Errorf("boilerplate(%q) = %v, want %v", c.words, got, c.boilr)
		}
	}
}
