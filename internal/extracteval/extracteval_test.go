package extracteval

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/byline-nlp/byline/internal/shareddata"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"snake_case x-y", []string{"snake_case", "x", "y"}},
		{"Größe 42½ €5", []string{"Größe", "42½", "5"}},    // ½ is No, a number in Python too
		{"서울 café naïve", []string{"서울", "café", "naïve"}}, // non-ASCII letters, which Go's \w misses
		{"a\xffb", []string{"a", "b"}},                     // an invalid byte separates
		{"   ", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShingles(t *testing.T) {
	tests := []struct {
		toks []string
		want int // number of distinct shingles
	}{
		{nil, 0},
		{[]string{"a"}, 1},
		{[]string{"a", "b", "c"}, 1},
		{[]string{"a", "b", "c", "d"}, 1},
		{[]string{"a", "b", "c", "d", "e"}, 2},
		{[]string{"a", "b", "c", "d", "a", "b", "c", "d"}, 4},
	}
	for _, tt := range tests {
		if got := len(shingles(tt.toks)); got != tt.want {
			t.Errorf("shingles(%q): %d distinct, want %d", tt.toks, got, tt.want)
		}
	}
	if m := shingles([]string{"x", "x", "x", "x", "x", "x"}); m["x\x00x\x00x\x00x"] != 3 {
		t.Errorf("repeated shingle counts %v, want 3", m)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreAEB(t *testing.T) {
	tests := []struct {
		name, gold, pred string
		p, r             float64
		exact            bool
	}{
		{"identical", "one two three four five", "one two three four five", 1, 1, true},
		{"punctuation ignored", "one two, three four five.", "one two three\nfour five", 1, 1, true},
		{"empty prediction", "one two three four five", "", 0, 0, false},
		{"both empty", "", "", 1, 1, true},
		// gold has 2 shingles; pred adds one token, so 3 shingles: 2 tp, 1 fp.
		{"extra token", "a b c d e", "a b c d e f", 2.0 / 3, 1, false},
		// pred keeps the first shingle only: 1 tp, 1 fn.
		{"missing token", "a b c d e", "a b c d", 1, 0.5, false},
		{"case kept", "A b c d", "a b c d", 0, 0, false},
		{"short texts", "a b", "a b", 1, 1, true},
	}
	for _, tt := range tests {
		d := ScoreAEB(tt.gold, tt.pred)
		if !near(d.Precision(), tt.p) || !near(d.Recall(), tt.r) || d.Exact != tt.exact {
			t.Errorf("%s: P %v R %v exact %v, want %v %v %v", tt.name, d.Precision(), d.Recall(), d.Exact, tt.p, tt.r, tt.exact)
		}
		if s := d.TP + d.FP + d.FN; s != 0 && !near(s, 1) {
			t.Errorf("%s: counts not normalised: sum %v", tt.name, s)
		}
	}
}

func TestAEBCorpus(t *testing.T) {
	docs := []DocScore{
		ScoreAEB("a b c d e", "a b c d e"),   // P 1, R 1, exact
		ScoreAEB("a b c d e", ""),            // left out of the precision mean; R 0
		ScoreAEB("a b c d e", "a b c d e f"), // P 2/3, R 1
	}
	r := AEBCorpus(docs)
	wantP, wantR := (1+2.0/3)/2, 2.0/3
	if !near(r.Precision, wantP) || !near(r.Recall, wantR) {
		t.Fatalf("P %v R %v, want %v %v", r.Precision, r.Recall, wantP, wantR)
	}
	if !near(r.F1, 2*wantP*wantR/(wantP+wantR)) {
		t.Errorf("F1 %v is not the harmonic mean of the mean P and R", r.F1)
	}
	if !near(r.Accuracy, 1.0/3) {
		t.Errorf("accuracy %v, want 1/3", r.Accuracy)
	}
	if z := AEBCorpus(nil); z != (AEBResult{}) {
		t.Errorf("empty corpus: %+v", z)
	}
	sd := AEBBootstrap(docs, 200, 7)
	if sd.F1 <= 0 || sd.F1 > 0.5 {
		t.Errorf("bootstrap sd of F1 = %v, want a small positive number", sd.F1)
	}
	if sd != AEBBootstrap(docs, 200, 7) {
		t.Error("bootstrap with a fixed seed is not reproducible")
	}
}

func TestNorm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  a  b  ", "a b"},
		{"a\u00a0b\u2009c", "a b c"}, // NBSP and thin space are Unicode \s
		{"a\x1cb\x1fc", "a b c"},     // Python counts the separators as space; Go does not
		{"a\u200bb", "a\u200bb"},     // zero-width space is not \s in Python
		{"\n\tA\r\nB\u3000", "A B"},
	}
	for _, tt := range tests {
		if got := Norm(tt.in); got != tt.want {
			t.Errorf("Norm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScoreSnippets(t *testing.T) {
	with := []string{"The first  sentence.", "last words"}
	without := []string{"Cookie policy", "Share this"}
	tests := []struct {
		name, out string
		want      SnippetScore
	}{
		{"clean", "The first\nsentence. Middle. The last words", SnippetScore{TP: 2, TN: 2}},
		{"leaky", "The first sentence. Share this", SnippetScore{TP: 1, FN: 1, FP: 1, TN: 1}},
		{"case sensitive", "the first sentence. LAST WORDS", SnippetScore{FN: 2, TN: 2}},
		{"empty output is a crash", " \n ", SnippetScore{FN: 2, TN: 2}},
	}
	for _, tt := range tests {
		if got := ScoreSnippets(tt.out, with, without); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
	s := SnippetScore{TP: 6, FN: 2, FP: 3, TN: 9}
	r := s.Result()
	if !near(r.Precision, 6.0/9) || !near(r.Recall, 6.0/8) || !near(r.F1, 12.0/17) || !near(r.Accuracy, 15.0/20) {
		t.Errorf("Result() = %+v", r)
	}
	if (SnippetScore{}).Result() != (SnippetResult{}) {
		t.Error("zero counts should give zero scores, not NaN")
	}
}

func TestMetadataMatch(t *testing.T) {
	titles := []struct {
		gold, pred string
		want       bool
	}{
		{"A Quiet Harbour Reopens", "a quiet  harbour reopens.", true},
		{"„Die Brücke steht“", "Die Brücke steht", true},
		{"Editor’s Letter – Part Two…", "Editor's Letter - Part Two...", true},
		{"A Quiet Harbour Reopens", "A Quiet Harbour Reopens | Town News", false},
		{"", "", false},
	}
	for _, tt := range titles {
		if got := TitleMatch(tt.gold, tt.pred); got != tt.want {
			t.Errorf("TitleMatch(%q, %q) = %v", tt.gold, tt.pred, got)
		}
	}
	authors := []struct {
		gold string
		pred []string
		want bool
	}{
		{"Von Mara Holm und Piet Lenz", []string{"Piet Lenz"}, true},
		{"Mara", []string{"Mara Holm"}, true},
		{"MARA HOLM", []string{"Mara Holm"}, true},
		{"Mara Holm", []string{"Piet Lenz"}, false},
		{"By and", []string{"and"}, false},
		{"Mara Holm", nil, false},
	}
	for _, tt := range authors {
		if got := AuthorMatch(tt.gold, tt.pred); got != tt.want {
			t.Errorf("AuthorMatch(%q, %q) = %v", tt.gold, tt.pred, got)
		}
	}
	late := time.Date(2021, 3, 4, 23, 30, 0, 0, time.FixedZone("CET", 3600))
	dates := []struct {
		gold string
		pred time.Time
		want bool
	}{
		{"2021-03-04", late, true}, // the page's own day, though UTC is still the 4th... and would differ for +1 at 00:30
		{"2021-03-05", late, false},
		{"2021-03-05", time.Date(2021, 3, 5, 0, 30, 0, 0, time.FixedZone("CET", 3600)), true},
		{"2021-03-04", time.Time{}, false},
	}
	for _, tt := range dates {
		if got := DateMatch(tt.gold, tt.pred); got != tt.want {
			t.Errorf("DateMatch(%q, %v) = %v", tt.gold, tt.pred, got)
		}
	}
}

// TestAEBReference reproduces the README's reference rows for the whole
// page-text dump (F1 0.649, P 0.482, R 0.994) and for its lines of at
// least 20 tokens (0.826 / 0.783 / 0.874): a scorer that differs from
// upstream's in any detail would not land on both.
func TestAEBReference(t *testing.T) {
	dir := shareddata.Path(t, "extraction/article-extraction-benchmark")
	f, pages, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if f != AEB || len(pages) != 91 {
		t.Fatalf("format %s, %d pages; want aeb, 91", f, len(pages))
	}
	var whole, long []DocScore
	for _, p := range pages {
		text, err := p.Text()
		if err != nil {
			t.Fatal(err)
		}
		whole = append(whole, ScoreAEB(p.Body, text))
		var keep []string
		for _, line := range strings.Split(text, "\n") {
			if len(Tokens(line)) >= 20 {
				keep = append(keep, line)
			}
		}
		long = append(long, ScoreAEB(p.Body, strings.Join(keep, "\n")))
	}
	for _, c := range []struct {
		name    string
		docs    []DocScore
		f, p, r float64
	}{{"whole page", whole, 0.649, 0.482, 0.994}, {"lines >= 20 tokens", long, 0.826, 0.783, 0.874}} {
		got := AEBCorpus(c.docs)
		if math.Abs(got.F1-c.f) > 0.0005 || math.Abs(got.Precision-c.p) > 0.0005 || math.Abs(got.Recall-c.r) > 0.0005 {
			t.Errorf("%s: F1 %.4f P %.4f R %.4f, want %.3f %.3f %.3f", c.name, got.F1, got.Precision, got.Recall, c.f, c.p, c.r)
		}
	}
	if _, err := pages[0].HTML(); err != nil {
		t.Errorf("HTML: %v", err)
	}
}

// TestTrafilaturaReference reproduces the README's "raw HTML decoded as
// UTF-8" row: P 0.520, R 0.890, accuracy 0.536, F1 0.656.
func TestTrafilaturaReference(t *testing.T) {
	dir := shareddata.Path(t, "extraction/trafilatura-eval")
	f, pages, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if f != Trafilatura || len(pages) != 495 {
		t.Fatalf("format %s, %d pages; want trafilatura, 495", f, len(pages))
	}
	var sum SnippetScore
	for _, p := range pages {
		b, err := p.HTML()
		if err != nil {
			t.Fatal(err)
		}
		sum.Add(ScoreSnippets(strings.ToValidUTF8(string(b), "\uFFFD"), p.With, p.Without))
	}
	r := sum.Result()
	if math.Abs(r.Precision-0.520) > 0.0005 || math.Abs(r.Recall-0.890) > 0.0005 ||
		math.Abs(r.Accuracy-0.536) > 0.0005 || math.Abs(r.F1-0.656) > 0.0005 {
		t.Errorf("raw HTML: %+v, want P 0.520 R 0.890 acc 0.536 F1 0.656", r)
	}
}

// TestPageText checks the whole-page dump on a page of our own: the
// title first, blocks on lines of their own, inline text run together,
// scripts and styles left out, navigation kept.
func TestPageText(t *testing.T) {
	raw := []byte(`<html><head><title>Grain store | Harbour Gazette</title><style>p{color:red}</style></head>` +
		`<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><h1>Grain store</h1>` +
		`<p>The board <b>voted</b> on Tuesday.<br>Work starts in spring.</p><script>var x = 1;</script>` +
		`<ul><li>Quay repairs</li><li>Ferry times</li></ul></body></html>`)
	want := "Grain store | Harbour Gazette\nHome News\nGrain store\nThe board voted on Tuesday.\nWork starts in spring.\nQuay repairs\nFerry times\n"
	if got := PageText(raw); got != want {
		t.Errorf("PageText =\n%q\nwant\n%q", got, want)
	}
	latin1 := []byte("<html><head><meta charset=\"windows-1252\"></head><body><p>Stra\xdfe</p></body></html>")
	if got := PageText(latin1); got != "Straße\n" {
		t.Errorf("windows-1252 page: %q", got)
	}
}
