package byline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/byline-nlp/byline"
)

func sampleDocs(t testing.TB) []*byline.Document {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "articles", "*.txt"))
	if len(files) == 0 {
		t.Skip("no sample articles")
	}
	var docs []*byline.Document
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := byline.Parse(string(data))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, byline.NewDocument(a))
	}
	return docs
}

// TestAnalyzeConcurrent runs one Analyzer over every sample article from
// several goroutines at once (run with -race), and checks that each
// result is the same as a sequential run's and that every span is inside
// the Body.
func TestAnalyzeConcurrent(t *testing.T) {
	docs := sampleDocs(t)
	an := byline.New()
	want := make([]*byline.Analysis, len(docs))
	for i, d := range docs {
		res, err := an.Analyze(context.Background(), d)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = res
		checkSpans(t, d, res)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, d := range docs {
				res, err := an.Analyze(context.Background(), d)
				if err != nil {
					t.Error(err)
					return
				}
				if len(res.Entities) != len(want[i].Entities) || len(res.Quotes) != len(want[i].Quotes) {
					t.Errorf("doc %d: concurrent run differs", i)
				}
			}
		}()
	}
	wg.Wait()
}

func checkSpans(t *testing.T, d *byline.Document, res *byline.Analysis) {
	t.Helper()
	in := func(s byline.Span) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= len(d.Body) }
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if !in(m.Span) || d.Body[m.Start:m.End] != m.Text {
				t.Errorf("entity %q mention %+v outside body or wrong text", e.Name, m)
			}
		}
	}
	for _, q := range res.Quotes {
		for _, p := range q.Parts {
			if !in(p) {
				t.Errorf("quote part %+v outside body", p)
			}
		}
	}
	if res.Summary != nil {
		for _, s := range res.Summary.Sentences {
			if !in(s.Span) {
				t.Errorf("summary span %+v outside body", s.Span)
			}
		}
	}
}

func TestAnalyzeEmptyAndCancelled(t *testing.T) {
	an := byline.New()
	if _, err := an.Analyze(context.Background(), byline.NewTextDocument("", "  ")); !errors.Is(err, byline.ErrEmpty) {
		t.Errorf("empty document: err = %v, want ErrEmpty", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := byline.NewTextDocument("", "The mayor said the vote was fair. “We won,” she said.")
	if _, err := an.Analyze(ctx, doc); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
	var zero byline.Analyzer
	res, err := zero.Analyze(context.Background(), doc)
	if err != nil || res.Summary == nil {
		t.Errorf("zero Analyzer: %v %+v", err, res)
	}
	only := byline.New(byline.WithoutEntities(), byline.WithoutSummary(), byline.WithoutKeyPhrases())
	res, err = only.Analyze(context.Background(), doc)
	if err != nil || res.Entities != nil || res.Summary != nil || res.KeyPhrases != nil || len(res.Quotes) == 0 {
		t.Errorf("stages not skipped: %v %+v", err, res)
	}
	two := byline.New(byline.WithKeyPhrases(2))
	res, err = two.Analyze(context.Background(), sampleDocs(t)[0])
	if err != nil || len(res.KeyPhrases) != 2 {
		t.Errorf("WithKeyPhrases(2) gave %d key phrases (%v)", len(res.KeyPhrases), err)
	}
}

// TestAnalyzeSharedFormsMatchStages checks that the word forms the
// Analyzer stems once for the summary and key phrases give exactly what
// each stage finds on its own, for every method and style.
func TestAnalyzeSharedFormsMatchStages(t *testing.T) {
	docs := sampleDocs(t)
	if raw, err := os.ReadFile(filepath.Join("testdata", "long.txt")); err == nil {
		title, body, _ := strings.Cut(string(raw), "\n")
		docs = append(docs, byline.NewTextDocument(title, body))
	}
	ctx := context.Background()
	for _, method := range byline.SummaryMethods {
		for _, style := range byline.SummaryStyles {
			an := byline.New(byline.WithSummary(byline.SummaryMethod(method), byline.SummaryStyle(style)))
			for i, doc := range docs {
				res, err := an.Analyze(ctx, doc)
				if err != nil {
					t.Fatal(err)
				}
				sum := byline.Summarize(doc, byline.SummaryEntities(res.Entities), byline.SummaryQuotes(res.Quotes),
					byline.SummaryMethod(method), byline.SummaryStyle(style))
				if !reflect.DeepEqual(res.Summary, sum) {
					t.Errorf("doc %d, %s/%s: Analyze's summary\n%+v\nSummarize's\n%+v", i, method, style, res.Summary, sum)
				}
				if kp := byline.KeyPhrases(doc, 10, res.Entities); !reflect.DeepEqual(res.KeyPhrases, kp) {
					t.Errorf("doc %d: Analyze's key phrases\n%+v\nKeyPhrases'\n%+v", i, res.KeyPhrases, kp)
				}
			}
		}
	}
}
