package byline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
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
