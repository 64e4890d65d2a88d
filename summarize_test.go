package byline

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// summaryText is a short news-like article we wrote for these tests.
const summaryText = `(CNN)The city council approved a new school budget on Monday after a long debate.

The budget adds money for teachers, repairs and school buses across the city. Council members voted seven to two.

"This is a good day for our children," said Mayor Ana Ruiz. "We promised this."

Opponents said the budget raises taxes too much. The new budget takes effect in July.`

func TestSummarize(t *testing.T) {
	doc := NewTextDocument("Council approves school budget", summaryText)
	if len(doc.Sentences) < 6 {
		t.Fatalf("test text split into %d sentences", len(doc.Sentences))
	}
	tests := []struct {
		name string
		opts []SummaryOption
		n    int   // sentences wanted
		want []int // exact indices when known
	}{
		{"default 3", nil, 3, nil},
		{"lead 2", []SummaryOption{SummaryMethod(MethodLead), SummarySentences(2)}, 2, []int{0, 1}},
		{"textrank 1", []SummaryOption{SummaryMethod(MethodTextRank), SummarySentences(1)}, 1, nil},
		{"lexrank 4", []SummaryOption{SummaryMethod(MethodLexRank), SummarySentences(4)}, 4, nil},
		{"more than there are", []SummaryOption{SummaryMethod(MethodLead), SummarySentences(100)}, len(doc.Sentences), nil},
		{"unknown method is default", []SummaryOption{SummaryMethod("nope")}, 3, nil},
		{"extract style", []SummaryOption{SummaryStyle(StyleExtract)}, 3, nil},
		{"unknown style is highlights", []SummaryOption{SummaryStyle("nope")}, 3, nil},
		{"nil option ignored", []SummaryOption{nil}, 3, nil},
	}
	for _, tt := range tests {
		s := Summarize(doc, tt.opts...)
		if len(s.Sentences) != tt.n {
			t.Errorf("%s: %d sentences, want %d", tt.name, len(s.Sentences), tt.n)
			continue
		}
		idx := s.Indices()
		if tt.want != nil && !reflect.DeepEqual(idx, tt.want) {
			t.Errorf("%s: indices %v, want %v", tt.name, idx, tt.want)
		}
		for i, x := range s.Sentences {
			if i > 0 && x.Index <= idx[i-1] {
				t.Errorf("%s: not in article order: %v", tt.name, idx)
			}
			if x.Span.Start < doc.Sentences[x.Index].Start || x.Span.End != doc.Sentences[x.Index].End {
				t.Errorf("%s: span %v outside sentence %v", tt.name, x.Span, doc.Sentences[x.Index].Span)
			}
			if x.Text != x.Span.Of(doc.Body) {
				t.Errorf("%s: text %q is not the span's", tt.name, x.Text)
			}
		}
		if got := strings.Count(s.Text(), "\n"); got != tt.n-1 {
			t.Errorf("%s: Text has %d line breaks, want %d", tt.name, got, tt.n-1)
		}
	}
	if m := Summarize(doc, SummaryMethod("nope")).Method; m != MethodDefault {
		t.Errorf("unknown method reported as %q", m)
	}
	for _, tt := range []struct {
		opts []SummaryOption
		want string
	}{
		{nil, StyleHighlights},
		{[]SummaryOption{SummaryStyle(StyleExtract)}, StyleExtract},
		{[]SummaryOption{SummaryStyle("nope")}, StyleHighlights},
		{[]SummaryOption{SummaryMethod(MethodLead), SummaryStyle(StyleExtract)}, ""},
	} {
		if got := Summarize(doc, tt.opts...).Style; got != tt.want {
			t.Errorf("style %q, want %q", got, tt.want)
		}
	}
}

// TestSummaryStandsAlone checks that, even with no sentence limit, the
// default method leaves out a quote-only sentence nobody attributes, a
// sentence split inside a name, and the one after it, in both styles.
func TestSummaryStandsAlone(t *testing.T) {
	text := "The harbour council met on Monday to vote on the new ferry terminal.\n\n" +
		"\"This is a great day for the town.\"\n\n" +
		"The plan was drawn up by George W. Hale, who chairs the council.\n\n" +
		"The mayor said: \"We waited ten years.\"\n\n" +
		"Work on the terminal starts in May."
	doc := NewTextDocument("Council backs ferry terminal", text)
	for _, style := range SummaryStyles {
		s := Summarize(doc, SummaryStyle(style), SummarySentences(0))
		for _, x := range s.Sentences {
			switch {
			case strings.HasPrefix(x.Text, "\"This is"):
				t.Errorf("%s: picked the unattributed quote %q", style, x.Text)
			case strings.HasSuffix(x.Text, "W.") || strings.HasPrefix(x.Text, "Hale"):
				t.Errorf("%s: picked a sentence split inside a name: %q", style, x.Text)
			}
		}
		if len(s.Sentences) == 0 {
			t.Errorf("%s: empty summary", style)
		}
	}
}

func TestSummarizeDateline(t *testing.T) {
	doc := NewTextDocument("", summaryText)
	s := Summarize(doc, SummaryMethod(MethodLead), SummarySentences(1))
	if got := s.Sentences[0].Text; !strings.HasPrefix(got, "The city council") {
		t.Errorf("dateline kept: %q", got)
	}
	doc = NewTextDocument("", "WASHINGTON (CNN) -- Senators met on Tuesday. They agreed.")
	s = Summarize(doc, SummaryMethod(MethodLead), SummarySentences(1))
	if got := s.Sentences[0].Text; got != "Senators met on Tuesday." {
		t.Errorf("dateline kept: %q", got)
	}
}

func TestSummarizeWords(t *testing.T) {
	doc := NewTextDocument("", "One two three four five. Six seven eight. Nine ten eleven twelve thirteen fourteen fifteen.")
	for _, tt := range []struct {
		budget int
		want   []int
	}{
		{8, []int{0, 1}}, // 5 + 3 words
		{7, []int{0}},    // the second no longer fits; the third (7) neither
		{2, []int{0}},    // at least one sentence
		{100, []int{0, 1, 2}},
	} {
		s := Summarize(doc, SummaryMethod(MethodLead), SummarySentences(0), SummaryWords(tt.budget))
		if got := s.Indices(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("budget %d: %v, want %v", tt.budget, got, tt.want)
		}
	}
}

func TestSummarizeEmpty(t *testing.T) {
	for _, doc := range []*Document{nil, {}, NewTextDocument("", "   \n\n ")} {
		s := Summarize(doc)
		if s == nil || len(s.Sentences) != 0 || s.Text() != "" || len(s.Indices()) != 0 {
			t.Errorf("empty document gave %+v", s)
		}
	}
	var s *Summary
	if s.Text() != "" || s.Indices() != nil {
		t.Error("nil Summary methods")
	}
}

func TestSummaryInputEntitiesAndQuotes(t *testing.T) {
	doc := NewTextDocument("", summaryText)
	quoteAt := strings.Index(doc.Body, `"This is`)
	quoteEnd := strings.Index(doc.Body, `children,"`) + len(`children,"`)
	ruiz := strings.Index(doc.Body, "Ana Ruiz")
	c := &summaryConfig{
		entities: []Entity{{Name: "Ana Ruiz", Type: Person, Salience: 0.8,
			Mentions: []Mention{{Span: Span{Start: ruiz, End: ruiz + len("Ana Ruiz")}, Text: "Ana Ruiz"}}}},
		quotes: []Quote{{Span: Span{Start: quoteAt, End: quoteEnd}, Parts: []Span{{Start: quoteAt, End: quoteEnd}}},
			// An indirect quote over the first sentence is not counted.
			{Kind: IndirectQuote, Span: doc.Sentences[0].Span, Parts: []Span{doc.Sentences[0].Span}}},
		hasQuotes: true,
	}
	in := summaryInput(doc, c)
	k := doc.SentenceAt(ruiz)
	if !in.HasEntities || in.Sentences[k].Entity != 0.8 {
		t.Errorf("entity salience not on sentence %d: %+v", k, in.Sentences[k].Entity)
	}
	q := doc.SentenceAt(quoteAt + 1)
	// "This is a good day for our children" is 8 of the sentence's 12 words.
	if got := in.Sentences[q].Quoted; math.Abs(got-8.0/12) > 1e-9 {
		t.Errorf("quoted share = %v, want 8/12", got)
	}
	if in.Sentences[0].Quoted != 0 {
		t.Error("unquoted sentence marked quoted")
	}
}

func TestSummarizeConcurrent(t *testing.T) {
	doc := NewTextDocument("Council approves school budget", summaryText)
	want := Summarize(doc).Text()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := Summarize(doc).Text(); got != want {
				t.Errorf("concurrent summary differs: %q", got)
			}
		}()
	}
	wg.Wait()
}

func FuzzSummarize(f *testing.F) {
	f.Add("", summaryText, 3)
	f.Add("T", "(CNN) -- \"Quote.\" ? A\xffB.", 1)
	f.Fuzz(func(t *testing.T, title, text string, n int) {
		doc := NewTextDocument(title, text)
		for _, m := range SummaryMethods {
			s := Summarize(doc, SummaryMethod(m), SummarySentences(n%8), SummaryWords(n%50))
			prev := -1
			for _, x := range s.Sentences {
				if x.Index <= prev || x.Index >= len(doc.Sentences) {
					t.Fatalf("%s: bad index %d", m, x.Index)
				}
				prev = x.Index
				if x.Span.Start < 0 || x.Span.Start > x.Span.End || x.Span.End > len(doc.Body) {
					t.Fatalf("%s: bad span %v", m, x.Span)
				}
			}
		}
	})
}

// summaryLongText reads testdata/long.txt, which the benchmark needs.
func summaryLongText(b *testing.B) string {
	data, err := os.ReadFile(filepath.Join("testdata", "long.txt"))
	if err != nil {
		b.Skip("testdata/long.txt missing")
	}
	return string(data)
}

// BenchmarkSummarize measures Summarize given a built Document, in
// tokens per second, for every method and both styles of the default:
// lead is the floor any method pays (converting the Document), textrank
// and lexrank the classic baselines.
func BenchmarkSummarize(b *testing.B) {
	text := summaryLongText(b)
	title, body, _ := strings.Cut(text, "\n")
	doc := NewTextDocument(title, body)
	runs := []struct{ name, method, style string }{
		{MethodDefault, MethodDefault, StyleHighlights},
		{MethodDefault + "-" + StyleExtract, MethodDefault, StyleExtract},
		{MethodLead, MethodLead, ""}, {MethodTextRank, MethodTextRank, ""}, {MethodLexRank, MethodLexRank, ""},
	}
	for _, r := range runs {
		b.Run(r.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(doc.Body)))
			for b.Loop() {
				Summarize(doc, SummaryMethod(r.method), SummaryStyle(r.style))
			}
			b.ReportMetric(float64(len(doc.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
