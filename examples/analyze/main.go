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
//
// Given several files, a folder (its .txt, .html and .htm files), or
// JSONL records ({"id", "title", "text" or "html", "url"} per line, from
// a .jsonl file or, with -jsonl, standard input), it analyses them on -j
// workers and writes one JSON line per input, in input order:
//
//	go run ./examples/analyze -j 2 testdata/articles/ > analyses.jsonl
//	go run ./examples/analyze records.jsonl a.html b.txt > analyses.jsonl
//
// An input that fails becomes a line {"id": ..., "error": ...} and the run
// goes on (the exit status is then 1). A progress bar is drawn on standard
// error when it is a terminal, and a closing line gives counts and
// throughput.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/job"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "analyze:", err)
		os.Exit(1)
	}
}

// options are the flags that shape every input's analysis.
type options struct {
	asHTML, asText bool
	pageURL        string
	analyzer       *byline.Analyzer
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON document")
	asHTML := fs.Bool("html", false, "the input is HTML")
	asText := fs.Bool("text", false, "the input is scraped page text")
	pageURL := fs.String("url", "", "the page's URL, for resolving links in HTML")
	showSentences := fs.Bool("sentences", true, "list every sentence (-sentences=false to hide them)")
	summaryLen := fs.Int("n", 3, "summary length in sentences")
	jsonl := fs.Bool("jsonl", false, "read JSONL records from standard input (batch mode)")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "batch mode: how many inputs to analyse at once")
	quiet := fs.Bool("quiet", false, "batch mode: no progress bar and no closing line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	opt := options{asHTML: *asHTML, asText: *asText, pageURL: *pageURL,
		analyzer: byline.New(byline.WithSummary(byline.SummarySentences(*summaryLen)))}
	if *jsonl || len(fs.Args()) > 1 || isBatchSource(fs.Args()) {
		b := batch{opt: opt, workers: max(*workers, 1), stdin: stdin, stdout: stdout, stderr: stderr, quiet: *quiet, sentences: true}
		if *jsonl && fs.NArg() == 0 {
			return b.run([]string{"-"}, true)
		}
		return b.run(fs.Args(), *jsonl)
	}
	var data []byte
	var err error
	switch fs.NArg() {
	case 0:
		data, err = io.ReadAll(stdin)
	default:
		data, err = os.ReadFile(fs.Arg(0))
	}
	if err != nil {
		return err
	}
	a, err := opt.article(data)
	if err != nil {
		return err
	}
	out, doc, err := job.Analyze(context.Background(), opt.analyzer, a, *showSentences || *asJSON)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	printText(stdout, doc, *out, *showSentences)
	return nil
}

// article parses one input file's bytes as HTML or as page text.
func (o options) article(data []byte) (*byline.Article, error) {
	in := job.Input{URL: o.pageURL}
	if o.asHTML || !o.asText && looksLikeHTML(data) {
		in.HTML = string(data)
	} else {
		in.Text = string(data)
	}
	return in.Article()
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

func printText(w io.Writer, doc *byline.Document, out job.Output, showSentences bool) {
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
