// Package job runs byline's whole pipeline on one input, parse to
// analysis, for the commands and the service that all emit the same JSON
// (`analyze -json`, its JSONL batch lines and `serve`'s /v1/analyze).
package job

import (
	"context"
	"errors"
	"strings"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/page"
)

// An Input is one article to analyse: scraped page text or HTML, as a
// JSONL record or a service request gives it.
type Input struct {
	ID    string `json:"id,omitempty"`
	Title string `json:"title,omitempty"` // overrides the title the parser finds
	Text  string `json:"text,omitempty"`  // scraped page text, read by byline.Parse
	HTML  string `json:"html,omitempty"`  // an HTML page, read by page.Parse
	URL   string `json:"url,omitempty"`   // the page's address, for HTML's relative links; never fetched
}

// Output is what `analyze -json` prints for one article. Its shape is
// public: keep its keys stable.
type Output struct {
	ID        string           `json:"id,omitempty"`
	Article   *byline.Article  `json:"article"`
	Sentences []string         `json:"sentences,omitempty"`
	Analysis  *byline.Analysis `json:"analysis"`
}

// ErrorLine is a batch line for an input that failed.
type ErrorLine struct {
	ID    string `json:"id,omitempty"`
	Error string `json:"error"`
}

// ErrBothBodies is returned for an Input that gives both text and HTML.
var ErrBothBodies = errors.New(`give "text" or "html", not both`)

// Article parses the input: HTML through page.Parse, text through
// byline.Parse. An input with neither is byline.ErrEmpty.
func (in *Input) Article() (*byline.Article, error) {
	var a *byline.Article
	var err error
	switch {
	case in.Text != "" && in.HTML != "":
		return nil, ErrBothBodies
	case in.HTML != "":
		a, err = page.ParseBytes([]byte(in.HTML), in.URL)
	case strings.TrimSpace(in.Text) == "":
		return nil, byline.ErrEmpty
	default:
		a, err = byline.Parse(in.Text)
	}
	if err != nil {
		return nil, err
	}
	if in.Title != "" {
		a.Title = in.Title
	}
	if in.URL != "" && a.URL == "" {
		a.URL = in.URL
	}
	return a, nil
}

// Analyze runs an over the article's Document and returns the output
// with the Document it was computed on (for rendering). An article with no
// body text gets an empty Analysis, as `analyze` has always printed.
func Analyze(ctx context.Context, an *byline.Analyzer, a *byline.Article, sentences bool) (*Output, *byline.Document, error) {
	doc := byline.NewDocument(a)
	res, err := an.Analyze(ctx, doc)
	if err != nil && !errors.Is(err, byline.ErrEmpty) {
		return nil, nil, err
	}
	if res == nil {
		res = &byline.Analysis{}
	}
	out := &Output{Article: a, Analysis: res}
	if sentences {
		out.Sentences = make([]string, len(doc.Sentences))
		for i, s := range doc.Sentences {
			out.Sentences[i] = s.Of(doc.Body)
		}
	}
	return out, doc, nil
}

// Run parses in and analyses it.
func Run(ctx context.Context, an *byline.Analyzer, in *Input, sentences bool) (*Output, *byline.Document, error) {
	a, err := in.Article()
	if err != nil {
		return nil, nil, err
	}
	out, doc, err := Analyze(ctx, an, a, sentences)
	if out != nil {
		out.ID = in.ID
	}
	return out, doc, err
}
