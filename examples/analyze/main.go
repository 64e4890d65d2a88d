// Command analyze turns a news article into structure: its metadata and
// paragraphs, the people, places and organizations it names, who said
// what, a three-sentence summary and its key phrases.
//
//	go run ./examples/analyze testdata/articles/01-harbour-vote.txt
//	go run ./examples/analyze -json page.html
//	curl -s https://example.com/story | go run ./examples/analyze -html -url https://example.com/story
//
// The input is scraped page text (as byline.Parse reads it) or HTML (as
// page.Parse reads it), detected from its first bytes or forced with
// -html or -text. With no file it reads standard input.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/page"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "analyze:", err)
		os.Exit(1)
	}
}

// output is what -json prints: one JSON document per input.
type output struct {
	Article   *byline.Article  `json:"article"`
	Sentences []string         `json:"sentences,omitempty"`
	Analysis  *byline.Analysis `json:"analysis"`
}

func run(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON document")
	asHTML := fs.Bool("html", false, "the input is HTML")
	asText := fs.Bool("text", false, "the input is scraped page text")
	pageURL := fs.String("url", "", "the page's URL, for resolving links in HTML")
	showSentences := fs.Bool("sentences", true, "list every sentence (-sentences=false to hide them)")
	summaryLen := fs.Int("n", 3, "summary length in sentences")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var data []byte
	var err error
	switch fs.NArg() {
	case 0:
		data, err = io.ReadAll(stdin)
	case 1:
		data, err = os.ReadFile(fs.Arg(0))
	default:
		return errors.New("usage: analyze [-json] [-html|-text] [-url URL] [FILE]")
	}
	if err != nil {
		return err
	}
	isHTML := *asHTML || !*asText && looksLikeHTML(data)
	var a *byline.Article
	if isHTML {
		a, err = page.ParseBytes(data, *pageURL)
	} else {
		a, err = byline.Parse(string(data))
	}
	if err != nil {
		return err
	}
	doc := byline.NewDocument(a)
	an := byline.New(byline.WithSummary(byline.SummarySentences(*summaryLen)))
	res, err := an.Analyze(context.Background(), doc)
	if err != nil && !errors.Is(err, byline.ErrEmpty) {
		return err
	}
	if res == nil {
		res = &byline.Analysis{}
	}
	out := output{Article: a, Analysis: res}
	if *showSentences || *asJSON {
		for _, s := range doc.Sentences {
			out.Sentences = append(out.Sentences, s.Of(doc.Body))
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	printText(stdout, doc, out, *showSentences)
	return nil
}

// looksLikeHTML reports whether data starts, after white space and a
// byte-order mark, with a tag.
func looksLikeHTML(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 || data[0] != '<' {
		return false
	}
	head := strings.ToLower(string(data[:min(len(data), 512)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.Contains(head, "<html") ||
		strings.Contains(head, "<head") || strings.Contains(head, "<body") || strings.Contains(head, "<meta")
}

func printText(w io.Writer, doc *byline.Document, out output, showSentences bool) {
	a := out.Article
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-10s %s\n", name+":", value)
		}
	}
	field("Title", a.Title)
	field("Section", a.Section)
	field("Site", a.Site)
	field("Authors", strings.Join(a.Authors, ", "))
	if !a.Published.IsZero() {
		field("Published", a.Published.Format("2006-01-02 15:04"))
	}
	field("URL", a.URL)
	fmt.Fprintf(w, "%-10s %d paragraphs, %d sentences, %d tokens\n", "Body:", len(doc.Paragraphs), len(doc.Sentences), len(doc.Tokens))
	if len(a.Related) > 0 {
		fmt.Fprintln(w, "\nRelated posts:")
		for _, r := range a.Related {
			fmt.Fprintf(w, "  - %s\n", r.Title)
		}
	}
	if showSentences {
		fmt.Fprintln(w, "\nSentences:")
		for i, s := range out.Sentences {
			fmt.Fprintf(w, "  %3d  %s\n", i+1, oneLine(s))
		}
	}
	res := out.Analysis
	if len(res.Entities) > 0 {
		fmt.Fprintln(w, "\nEntities (most salient first):")
		for _, e := range res.Entities {
			fmt.Fprintf(w, "  %-4s %-32s %2d mentions  salience %.2f\n", e.Type, e.Name, len(e.Mentions), e.Salience)
		}
	}
	if len(res.Quotes) > 0 {
		qs := append([]byline.Quote(nil), res.Quotes...)
		sort.SliceStable(qs, func(i, j int) bool { return qs[i].Score > qs[j].Score })
		fmt.Fprintln(w, "\nQuotes (most newsworthy first):")
		for _, q := range qs {
			who := q.Person
			if who == "" {
				who = q.Speaker
			}
			if q.Speaker != "" && q.Speaker != who {
				who += " (" + q.Speaker + ")"
			}
			if who == "" {
				who = "?"
			}
			fmt.Fprintf(w, "  %.2f  %-8s %s %s: %s\n", q.Score, q.Kind, who, q.Cue, clip(oneLine(q.Text), 160))
		}
	}
	if res.Summary != nil && len(res.Summary.Sentences) > 0 {
		fmt.Fprintln(w, "\nSummary:")
		for _, s := range res.Summary.Sentences {
			fmt.Fprintf(w, "  - %s\n", s.Text)
		}
	}
	if len(res.KeyPhrases) > 0 {
		texts := make([]string, len(res.KeyPhrases))
		for i, p := range res.KeyPhrases {
			texts[i] = p.Text
		}
		fmt.Fprintf(w, "\nKey phrases: %s\n", strings.Join(texts, "; "))
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
