// Command summarize prints an extractive summary of a news article and
// its key phrases.
//
//	go run ./examples/summarize testdata/articles/01-harbour-vote.txt
//	go run ./examples/summarize -n 5 -method textrank story.txt
//	go run ./examples/summarize -style extract -n 6 story.txt
//	cat story.txt | go run ./examples/summarize -plain -json
//
// The input is scraped page text, which byline.Parse turns into an
// article (headline, body paragraphs, no menus or banners), or with
// -plain a plain text whose paragraphs are separated by blank lines.
// -style picks the default method's style: highlights (a few short,
// self-contained sentences, the default) or extract (a shortened
// article). With no file it reads standard input. -entities runs the entity tagger
// and the quote finder first and hands both to the summarizer, which
// then weighs entity salience and quotation from them instead of
// estimating both from the tokens.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/byline-nlp/byline"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "summarize:", err)
		os.Exit(1)
	}
}

// output is what -json prints.
type output struct {
	Title      string             `json:"title,omitempty"`
	Summary    *byline.Summary    `json:"summary"`
	KeyPhrases []byline.KeyPhrase `json:"key_phrases,omitempty"`
}

func run(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("summarize", flag.ContinueOnError)
	n := fs.Int("n", 3, "summary length in sentences (0: no limit, use -words)")
	words := fs.Int("words", 0, "word budget (0: none)")
	method := fs.String("method", byline.MethodDefault, "default, lead, textrank or lexrank")
	style := fs.String("style", byline.StyleHighlights, "the default method's style: highlights (short bullet sentences) or extract (a shortened article)")
	asJSON := fs.Bool("json", false, "print one JSON document")
	plain := fs.Bool("plain", false, "the input is plain text, not a scraped page")
	phrases := fs.Int("phrases", 8, "how many key phrases to list (0: none)")
	useEntities := fs.Bool("entities", false, "tag entities and quotes first and use them")
	if err := fs.Parse(args); err != nil {
		return err
	}
	known := false
	for _, m := range byline.SummaryMethods {
		known = known || m == *method
	}
	if *style != byline.StyleHighlights && *style != byline.StyleExtract {
		return fmt.Errorf("unknown -style %q (want %s)", *style, strings.Join(byline.SummaryStyles, " or "))
	}
	if !known {
		return fmt.Errorf("unknown -method %q (want %s)", *method, strings.Join(byline.SummaryMethods, ", "))
	}
	var data []byte
	var err error
	switch fs.NArg() {
	case 0:
		data, err = io.ReadAll(stdin)
	case 1:
		data, err = os.ReadFile(fs.Arg(0))
	default:
		return errors.New("at most one input file")
	}
	if err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	var doc *byline.Document
	if *plain {
		doc = byline.NewTextDocument("", string(data))
	} else {
		a, err := byline.Parse(string(data))
		if err != nil {
			return fmt.Errorf("parse: %w", err)
		}
		doc = byline.NewDocument(a)
	}
	if len(doc.Sentences) == 0 {
		return byline.ErrEmpty
	}
	opts := []byline.SummaryOption{byline.SummarySentences(*n), byline.SummaryWords(*words), byline.SummaryMethod(*method), byline.SummaryStyle(*style)}
	var entities []byline.Entity
	if *useEntities {
		m, err := byline.DefaultNERModel()
		if err != nil {
			return fmt.Errorf("load entity model: %w", err)
		}
		entities = m.Entities(doc)
		opts = append(opts, byline.SummaryEntities(entities), byline.SummaryQuotes(byline.Quotes(doc, entities)))
	}
	out := output{Title: doc.Title, Summary: byline.Summarize(doc, opts...)}
	if *phrases > 0 {
		out.KeyPhrases = byline.KeyPhrases(doc, *phrases, entities)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	if out.Title != "" {
		fmt.Fprintf(stdout, "%s\n\n", out.Title)
	}
	for _, s := range out.Summary.Sentences {
		fmt.Fprintf(stdout, "- %s\n", s.Text)
	}
	if len(out.KeyPhrases) > 0 {
		texts := make([]string, len(out.KeyPhrases))
		for i, p := range out.KeyPhrases {
			texts[i] = p.Text
		}
		fmt.Fprintf(stdout, "\nkey phrases: %s\n", strings.Join(texts, "; "))
	}
	return nil
}
