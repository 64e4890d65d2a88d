package job

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/byline-nlp/byline"
)

func TestArticle(t *testing.T) {
	text, err := os.ReadFile("../../testdata/articles/01-harbour-vote.txt")
	if err != nil {
		t.Fatal(err)
	}
	page := "<html><head><title>Port strike ends | Harbour Times</title></head><body><article><h1>Port strike ends</h1>" +
		"<p>Dock workers in Rotterdam returned to work on Tuesday after a deal with the port authority, their union said.</p></article></body></html>"
	for _, tc := range []struct {
		name      string
		in        Input
		title     string
		url       string
		err       error
		wantError bool
	}{
		{name: "page text", in: Input{Text: string(text)}, title: "Gothenburg council backs €1.2bn harbour tunnel after marathon session"},
		{name: "title given", in: Input{Text: string(text), Title: "Tunnel vote"}, title: "Tunnel vote"},
		{name: "html with url", in: Input{HTML: page, URL: "https://harbour.example/strike"}, title: "Port strike ends", url: "https://harbour.example/strike"},
		{name: "both", in: Input{Text: "a", HTML: "<p>b</p>"}, err: ErrBothBodies},
		{name: "neither", in: Input{}, err: byline.ErrEmpty},
		{name: "blank text", in: Input{Text: " \n\t"}, err: byline.ErrEmpty},
		{name: "blank html", in: Input{HTML: "  "}, err: byline.ErrEmpty},
		{name: "bad url", in: Input{HTML: page, URL: "::"}, wantError: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := tc.in.Article()
			switch {
			case tc.err != nil || tc.wantError:
				if err == nil || tc.err != nil && !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if a.Title != tc.title || a.URL != tc.url {
				t.Errorf("title %q, url %q; want %q, %q", a.Title, a.URL, tc.title, tc.url)
			}
		})
	}
}

func TestRun(t *testing.T) {
	text, _ := os.ReadFile("../../testdata/articles/01-harbour-vote.txt")
	an := byline.New()
	out, doc, err := Run(context.Background(), an, &Input{ID: "x", Text: string(text)}, true)
	if err != nil {
		t.Fatal(err)
	}
	if out.ID != "x" || len(out.Sentences) != len(doc.Sentences) || len(out.Analysis.Entities) == 0 {
		t.Errorf("id %q, %d sentences of %d, %d entities", out.ID, len(out.Sentences), len(doc.Sentences), len(out.Analysis.Entities))
	}
	// An article whose body is empty (a title line only) gets an empty
	// Analysis, as analyze has always printed.
	out, _, err = Run(context.Background(), an, &Input{Text: "Just a headline"}, false)
	if err != nil || out.Analysis == nil || out.Sentences != nil {
		t.Errorf("headline only: %+v, %v", out, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Run(ctx, an, &Input{Text: string(text)}, false); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
}
