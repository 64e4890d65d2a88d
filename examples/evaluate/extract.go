package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/extracteval"
	"github.com/byline-nlp/byline/page"
)

// extractFlags holds the extract task's own flags.
var extractFlags struct {
	input string
	worst int
	folds int
}

func init() {
	register("extract", task{
		summary: "main-text extraction: -input text (Parse on page-text dumps) or -input html (page.Parse)",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&extractFlags.input, "input", "text", "what to extract from: text (whole-page text dumps: aeb's page-text/, or trafilatura pages rendered as dumps) or html")
			fs.IntVar(&extractFlags.worst, "worst", 0, "also list the N worst-scored pages (for tuning)")
			fs.IntVar(&extractFlags.folds, "folds", 0, "site-disjoint N-fold report: with -input text, Parse's thresholds chosen on the other folds and scored on each; with -input html, the score on each fold")
		},
		run: runExtract,
	})
}

// extractResult is the task's JSON object. Scores are fractions (0-1).
type extractResult struct {
	Task      string  `json:"task"`
	Input     string  `json:"input"`
	Format    string  `json:"format"`
	Pages     int     `json:"pages"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Accuracy  float64 `json:"accuracy"`
	MsPerPage float64 `json:"ms_per_page"`
	// Metadata match rates (trafilatura format only), each over the pages
	// whose gold has that field; see metadataMatch for the rules.
	TitleAccuracy  *float64 `json:"title_accuracy,omitempty"`
	AuthorAccuracy *float64 `json:"author_accuracy,omitempty"`
	DateAccuracy   *float64 `json:"date_accuracy,omitempty"`
	// CV is the -folds cross-validation of Parse's thresholds (-input
	// text); FoldF1 the F1 on each of the same site-disjoint folds of the
	// HTML path, which has no thresholds to choose (-input html).
	CV     *cvResult `json:"cv,omitempty"`
	FoldF1 []float64 `json:"fold_f1,omitempty"`
	// FoldMetadata are the metadata match rates on each of those folds
	// (-input html, trafilatura format), so that a metadata rule can be
	// judged on the folds it was not written from.
	FoldMetadata []foldMetadata `json:"fold_metadata,omitempty"`
}

// foldMetadata is one fold's metadata match rates; nil where the fold
// has no gold for the field.
type foldMetadata struct {
	Fold           int      `json:"fold"`
	TitleAccuracy  *float64 `json:"title_accuracy,omitempty"`
	AuthorAccuracy *float64 `json:"author_accuracy,omitempty"`
	DateAccuracy   *float64 `json:"date_accuracy,omitempty"`
}

// prediction is one page's entry in the -out file, in the benchmark's own
// prediction format (articleBody), plus the metadata we extracted.
type prediction struct {
	ArticleBody string   `json:"articleBody"`
	Title       string   `json:"title,omitempty"`
	Authors     []string `json:"authors,omitempty"`
	Date        string   `json:"date,omitempty"`
}

// pageScore keeps one page's score for the -worst listing.
type pageScore struct {
	id    string
	score float64
	note  string
}

func runExtract(c *common) ([][]string, any, error) {
	format, pages, err := extracteval.Load(c.Data)
	if err != nil {
		return nil, nil, err
	}
	if c.Limit > 0 && c.Limit < len(pages) {
		pages = pages[:c.Limit]
	}
	if len(pages) == 0 {
		return nil, nil, fmt.Errorf("no pages in %s", c.Data)
	}
	var extract func(p extracteval.Page) (*byline.Article, time.Duration, error)
	var texts []string // the dumps, for -folds
	switch extractFlags.input {
	case "text":
		// aeb: its page-text/ dumps; trafilatura: each page's HTML
		// rendered as such a dump (extracteval.PageText).
		extract = func(p extracteval.Page) (*byline.Article, time.Duration, error) {
			text, err := p.Text()
			if err != nil {
				return nil, 0, err
			}
			if extractFlags.folds > 1 {
				texts = append(texts, text)
			}
			t0 := time.Now()
			a, err := byline.Parse(text)
			return a, time.Since(t0), err
		}
	case "html":
		extract = extractHTML
	default:
		return nil, nil, fmt.Errorf("-input must be text or html, not %q", extractFlags.input)
	}

	res := extractResult{Task: "extract", Input: extractFlags.input, Format: string(format), Pages: len(pages)}
	preds := make(map[string]prediction, len(pages))
	var (
		elapsed  time.Duration
		docs     []extracteval.DocScore
		snippets extracteval.SnippetScore
		meta     metadataCounts
		pageMeta []metadataCounts // each page's own counts, for the folds
		scores   []pageScore
	)
	bar := c.bar(len(pages))
	defer bar.Finish()
	for _, p := range pages {
		bar.Add(1)
		a, d, err := extract(p)
		elapsed += d
		if err != nil && a == nil {
			// A page we cannot extract scores as an empty prediction, as a
			// crash does upstream; the run goes on.
			fmt.Fprintf(os.Stderr, "extract: %s: %v\n", p.ID, err)
			a = &byline.Article{}
		}
		body := strings.Join(a.Paragraphs, "\n")
		pr := prediction{ArticleBody: body, Title: a.Title, Authors: a.Authors}
		if !a.Published.IsZero() {
			pr.Date = a.Published.Format("2006-01-02")
		}
		preds[p.ID] = pr
		switch format {
		case extracteval.AEB:
			ds := extracteval.ScoreAEB(p.Body, body)
			docs = append(docs, ds)
			dp, dr := ds.Precision(), ds.Recall()
			scores = append(scores, pageScore{p.ID, f1of(dp, dr), fmt.Sprintf("P %.3f R %.3f", dp, dr)})
		case extracteval.Trafilatura:
			s := extracteval.ScoreSnippets(body, p.With, p.Without)
			snippets.Add(s)
			var pm metadataCounts
			pm.add(p, a)
			meta.merge(pm)
			pageMeta = append(pageMeta, pm)
			scores = append(scores, pageScore{p.ID, float64(s.TP+s.TN) / float64(max(1, s.TP+s.TN+s.FP+s.FN)),
				fmt.Sprintf("missed %d, leaked %d", s.FN, s.FP)})
		}
	}
	res.MsPerPage = float64(elapsed.Microseconds()) / 1000 / float64(len(pages))

	table := [][]string{{"task", "input", "format", "pages", "precision", "recall", "f1", "accuracy", "ms/page"}}
	switch format {
	case extracteval.AEB:
		r := extracteval.AEBCorpus(docs)
		res.Precision, res.Recall, res.F1, res.Accuracy = r.Precision, r.Recall, r.F1, r.Accuracy
		sd := extracteval.AEBBootstrap(docs, 1000, 1)
		table = append(table, []string{"extract", res.Input, res.Format, fmt.Sprint(res.Pages),
			pm(r.Precision, sd.Precision), pm(r.Recall, sd.Recall), pm(r.F1, sd.F1), pm(r.Accuracy, sd.Accuracy), f3(res.MsPerPage)})
	case extracteval.Trafilatura:
		r := snippets.Result()
		res.Precision, res.Recall, res.F1, res.Accuracy = r.Precision, r.Recall, r.F1, r.Accuracy
		table = append(table, []string{"extract", res.Input, res.Format, fmt.Sprint(res.Pages),
			f3(r.Precision), f3(r.Recall), f3(r.F1), f3(r.Accuracy), f3(res.MsPerPage)})
		res.TitleAccuracy, res.AuthorAccuracy, res.DateAccuracy = meta.rates()
		table = append(table, []string{}, []string{"metadata", "pages with gold", "matched", "rate"})
		for _, m := range []struct {
			name string
			n, k int
		}{{"title", meta.titles, meta.titleOK}, {"author", meta.authors, meta.authorOK}, {"date", meta.dates, meta.dateOK}} {
			table = append(table, []string{m.name, fmt.Sprint(m.n), fmt.Sprint(m.k), f3(ratio(m.k, m.n))})
		}
	}
	if k := extractFlags.folds; k > 1 && extractFlags.input == "html" {
		bodies := make([]string, len(pages))
		for i, p := range pages {
			bodies[i] = preds[p.ID].ArticleBody
		}
		f1s, t := foldScores(format, pages, bodies, k)
		res.FoldF1 = f1s
		if format == extracteval.Trafilatura {
			res.FoldMetadata = foldMetadataRates(pages, pageMeta, k)
			t[1] = append(t[1], "title", "author", "date")
			for f, fm := range res.FoldMetadata {
				t[f+2] = append(t[f+2], f3p(fm.TitleAccuracy), f3p(fm.AuthorAccuracy), f3p(fm.DateAccuracy))
			}
		}
		table = append(table, t...)
	} else if k > 1 {
		if len(texts) != len(pages) {
			return nil, nil, fmt.Errorf("-folds: %d of %d pages have no text", len(pages)-len(texts), len(pages))
		}
		cv, t := crossValidate(format, pages, texts, k)
		res.CV = &cv
		table = append(table, t...)
	}
	if n := extractFlags.worst; n > 0 {
		sort.SliceStable(scores, func(i, j int) bool { return scores[i].score < scores[j].score })
		table = append(table, []string{}, []string{"worst pages", "score", "detail"})
		for _, s := range scores[:min(n, len(scores))] {
			table = append(table, []string{s.id, f3(s.score), s.note})
		}
	}
	if c.Out != "" {
		b, err := json.MarshalIndent(preds, "", " ")
		if err != nil {
			return nil, nil, err
		}
		if err := os.WriteFile(c.Out, append(b, '\n'), 0o644); err != nil {
			return nil, nil, fmt.Errorf("write predictions: %w", err)
		}
	}
	return table, res, nil
}

func f1of(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}

// pm formats a score with its bootstrap standard deviation, as upstream.
func pm(x, sd float64) string { return fmt.Sprintf("%.3f ± %.3f", x, sd) }

// metadataCounts tallies the metadata match rates on trafilatura-eval,
// each over the pages whose gold has that field (non-empty). The match
// rules live in internal/extracteval (TitleMatch, AuthorMatch, DateMatch).
type metadataCounts struct {
	titles, titleOK, authors, authorOK, dates, dateOK int
}

func (m *metadataCounts) add(p extracteval.Page, a *byline.Article) {
	if p.Title != "" {
		m.titles++
		if extracteval.TitleMatch(p.Title, a.Title) {
			m.titleOK++
		}
	}
	if p.Author != "" {
		m.authors++
		if extracteval.AuthorMatch(p.Author, a.Authors) {
			m.authorOK++
		}
	}
	if p.Date != "" {
		m.dates++
		if extracteval.DateMatch(p.Date, a.Published) {
			m.dateOK++
		}
	}
}

func (m *metadataCounts) merge(o metadataCounts) {
	m.titles += o.titles
	m.titleOK += o.titleOK
	m.authors += o.authors
	m.authorOK += o.authorOK
	m.dates += o.dates
	m.dateOK += o.dateOK
}

// foldMetadataRates sums the pages' metadata counts over the same
// site-disjoint folds that foldScores uses.
func foldMetadataRates(pages []extracteval.Page, pageMeta []metadataCounts, k int) []foldMetadata {
	var out []foldMetadata
	for f, idx := range siteFolds(pages, k) {
		var m metadataCounts
		for _, i := range idx {
			m.merge(pageMeta[i])
		}
		fm := foldMetadata{Fold: f + 1}
		fm.TitleAccuracy, fm.AuthorAccuracy, fm.DateAccuracy = m.rates()
		out = append(out, fm)
	}
	return out
}

// f3p formats a rate that may be absent.
func f3p(x *float64) string {
	if x == nil {
		return "-"
	}
	return f3(*x)
}

func (m *metadataCounts) rates() (title, author, date *float64) {
	r := func(k, n int) *float64 {
		if n == 0 {
			return nil
		}
		x := ratio(k, n)
		return &x
	}
	return r(m.titleOK, m.titles), r(m.authorOK, m.authors), r(m.dateOK, m.dates)
}

// extractHTML runs the page package on one page's raw bytes.
// Only page.ParseBytes is timed: reading and gunzipping the file are not
// the extractor's work.
func extractHTML(p extracteval.Page) (*byline.Article, time.Duration, error) {
	b, err := p.HTML()
	if err != nil {
		return nil, 0, err
	}
	t0 := time.Now()
	a, err := page.ParseBytes(b, p.URL)
	return a, time.Since(t0), err
}
