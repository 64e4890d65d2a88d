package byline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/goldenrules"
	"github.com/byline-nlp/byline/internal/segment"
	"github.com/byline-nlp/byline/internal/shareddata"
	"github.com/jdkato/prose/v2"
)

// sharedData returns the path of rel under ../shared/data, or skips.
func sharedData(tb testing.TB, rel string) string { tb.Helper(); return shareddata.Path(tb, rel) }

func sentences(d *byline.Document) []string {
	out := make([]string, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = s.Of(d.Body)
	}
	return out
}

func TestGoldenRules(t *testing.T) {
	cases, err := goldenrules.Load(sharedData(t, "segmentation/golden_rules_en.json"))
	if err != nil {
		t.Fatal(err)
	}
	r := goldenrules.Score(cases, func(s string) []string { return sentences(byline.NewTextDocument("", s)) })
	if r.Valid != 44 {
		t.Errorf("valid cases = %d, want 44 (scoring changed?)", r.Valid)
	}
	if r.Passed < 42 {
		t.Errorf("passed %d of %d valid Golden Rules; failed: %q", r.Passed, r.Valid, r.Failed)
	}
}

// checkDocument verifies the invariants every Document keeps: tokens are
// Body substrings in order, sentences cover their tokens, and every
// sentence lies inside its paragraph.
func checkDocument(t *testing.T, d *byline.Document) {
	t.Helper()
	if !utf8.ValidString(d.Body) {
		t.Fatalf("Body is not valid UTF-8: %q", d.Body)
	}
	prev := 0
	for i, tok := range d.Tokens {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(d.Body) {
			t.Fatalf("token %d %+v out of order or range (body %d bytes)", i, tok.Span, len(d.Body))
		}
		if segment.Visible(d.Body[tok.Start:tok.End]) != tok.Text {
			t.Fatalf("token %d text %q != body %q", i, tok.Text, d.Body[tok.Start:tok.End])
		}
		prev = tok.End
	}
	next := 0
	for i, s := range d.Sentences {
		if s.First != next || len(s.Tokens) == 0 {
			t.Fatalf("sentence %d starts at token %d, want %d (%d tokens)", i, s.First, next, len(s.Tokens))
		}
		next += len(s.Tokens)
		if s.Start != s.Tokens[0].Start || s.End != s.Tokens[len(s.Tokens)-1].End {
			t.Fatalf("sentence %d span %+v does not match its tokens", i, s.Span)
		}
		p := d.Paragraphs[s.Paragraph]
		if s.Start < p.Start || s.End > p.End {
			t.Fatalf("sentence %d %+v outside paragraph %+v", i, s.Span, p)
		}
		if got := d.SentenceAt(s.Start); got != i {
			t.Fatalf("SentenceAt(%d) = %d, want %d", s.Start, got, i)
		}
	}
	if next != len(d.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
	}
}

func TestNewTextDocumentKeepsBytes(t *testing.T) {
	text := "(CNN)Officials said the U.S. plan costs $4.5bn.\n\n“It will work,” Dr. Ana Ruiz said. “Trust us.”\n"
	d := byline.NewTextDocument("A headline", text)
	if d.Body != text {
		t.Fatalf("Body changed: %q", d.Body)
	}
	checkDocument(t, d)
	if len(d.Paragraphs) != 2 {
		t.Errorf("paragraphs = %d, want 2", len(d.Paragraphs))
	}
	want := []string{"(CNN)Officials said the U.S. plan costs $4.5bn.", "“It will work,” Dr. Ana Ruiz said.", "“Trust us.”"}
	if got := sentences(d); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if len(d.TitleTokens) != 2 || d.TitleTokens[1].Text != "headline" {
		t.Errorf("title tokens = %+v", d.TitleTokens)
	}
}

func TestNewDocumentJoinsParagraphs(t *testing.T) {
	a := &byline.Article{Title: "T", Paragraphs: []string{"First one.", "Second one. Third."}}
	d := byline.NewDocument(a)
	if d.Body != "First one.\n\nSecond one. Third." {
		t.Fatalf("Body = %q", d.Body)
	}
	checkDocument(t, d)
	if len(d.Sentences) != 3 || d.Sentences[2].Paragraph != 1 {
		t.Errorf("sentences = %+v", d.Sentences)
	}
}

func TestInvalidUTF8IsRepaired(t *testing.T) {
	d := byline.NewTextDocument("bad \xff title", "Caf\xe9 owners \xc3 met. They agreed.")
	checkDocument(t, d)
	if !strings.Contains(d.Body, "\uFFFD") || !strings.Contains(d.Title, "\uFFFD") {
		t.Errorf("invalid bytes not replaced: %q %q", d.Title, d.Body)
	}
	if len(d.Sentences) != 2 {
		t.Errorf("sentences = %q", sentences(d))
	}
}

func TestNewTokenizedDocument(t *testing.T) {
	d := byline.NewTokenizedDocument([][]string{{"EU", "rejects", "German", "call", "."}, {"Peter", "Blackburn"}})
	checkDocument(t, d)
	if len(d.Tokens) != 7 || d.Tokens[5].Text != "Peter" || d.Sentences[1].First != 5 {
		t.Errorf("tokens = %+v", d.Tokens)
	}
	if d.Tokens[4].Kind != byline.Punct || d.Tokens[0].Kind != byline.Word {
		t.Errorf("kinds: %v %v", d.Tokens[4].Kind, d.Tokens[0].Kind)
	}
}

func TestEmptyDocuments(t *testing.T) {
	for _, d := range []*byline.Document{
		byline.NewTextDocument("", ""), byline.NewTextDocument("", " \n\n\t "),
		byline.NewDocument(nil), byline.NewDocument(&byline.Article{}), byline.NewTokenizedDocument(nil),
	} {
		checkDocument(t, d)
		if len(d.Sentences) != 0 || len(d.Tokens) != 0 {
			t.Errorf("empty input gave %d sentences", len(d.Sentences))
		}
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"Hello World. My name is Jonas.", "I live in the U.S. How about you?", "“We are ready,” she said.",
		"Visit https://x.org/a_(b). Mail a@b.co!", "end . . . . Next", "1. One. 2. Two.", "\xff\xfe ...", "Doug An\u00addres \u200bsaid\u200b."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := byline.NewTextDocument(s, s)
		checkDocument(t, d)
		if utf8.ValidString(s) && d.Body != s {
			t.Fatalf("valid text changed")
		}
	})
}

// longText loads testdata/long.txt, the article every throughput
// benchmark uses.
func longText(b *testing.B) string {
	data, err := os.ReadFile(filepath.Join("testdata", "long.txt"))
	if err != nil {
		b.Skipf("testdata/long.txt: %v", err)
	}
	return string(data)
}

// BenchmarkSegment measures tokenizing and sentence splitting, with
// prose's tokenizer and segmenter (tagging and entities off, its fastest
// setting) on the same text for the ratio.
func BenchmarkSegment(b *testing.B) {
	text := longText(b)
	b.Run("byline", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			byline.NewTextDocument("", text)
		}
	})
	b.Run("prose", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := prose.NewDocument(text, prose.WithTagging(false), prose.WithExtraction(false)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
