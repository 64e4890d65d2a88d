package page

import (
	"net/url"
	"strings"
	"time"

	"github.com/byline-nlp/byline"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// bodyResult is the main text and what the engine found besides it, used
// where the page declared nothing better.
type bodyResult struct {
	paragraphs []string
	related    []byline.Link
	title      string
	author     string
	site       string
	lang       string
	categories []string
	date       time.Time
}

// bodyConfig holds the choices behind extractBody; defaultBody is what
// measured best on the dev halves (see the package tests for the numbers).
type bodyConfig struct {
	fallback  bool // let trafilatura compare with readability and dom-distiller
	focus     trafilatura.ExtractionFocus
	dropTitle bool // drop leading paragraphs that repeat the headline
	ldBody    bool // prefer JSON-LD articleBody when it is complete
	dateMode  trafilatura.HtmlDateMode
}

var defaultBody = bodyConfig{dropTitle: true, ldBody: true, dateMode: trafilatura.Fast}

// extractBody finds the main text.
func extractBody(doc *html.Node, base *url.URL, m *meta, a *byline.Article) bodyResult {
	return defaultBody.extract(doc, base, m, a)
}

func (c bodyConfig) extract(doc *html.Node, base *url.URL, m *meta, a *byline.Article) bodyResult {
	opts := trafilatura.Options{
		OriginalURL:     base,
		ExcludeComments: true,
		EnableFallback:  c.fallback,
		Focus:           c.focus,
		HtmlDateMode:    c.dateMode,
	}
	var r bodyResult
	if tooBigForEngine(doc) {
		r.paragraphs = dropHeadline(denseText(doc), a.Title, m.h1)
		return r
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err == nil && res != nil {
		r.paragraphs = paragraphs(res.ContentNode)
		md := res.Metadata
		r.title, r.author, r.site, r.lang, r.categories, r.date = md.Title, md.Author, md.Sitename, langTag(md.Language), md.Categories, md.Date
	}
	if c.dropTitle {
		r.paragraphs = dropHeadline(r.paragraphs, a.Title, m.h1)
	}
	if c.ldBody {
		if ld := m.articleBody(); ld != nil && ldComplete(ld, r.paragraphs) {
			r.paragraphs = ld
		}
	}
	return r
}

// dropHeadline removes leading paragraphs that repeat the headline: the
// engine keeps the <h1>, but the headline is the Article's Title, not
// part of its body.
func dropHeadline(ps []string, title string, h1s []string) []string {
	for len(ps) > 0 {
		p := strings.TrimSpace(ps[0])
		same := strings.EqualFold(p, title)
		for _, h := range h1s {
			same = same || strings.EqualFold(p, h)
		}
		if !same {
			break
		}
		ps = ps[1:]
	}
	return ps
}

// articleBody returns the JSON-LD article's articleBody as paragraphs.
func (m *meta) articleBody() []string {
	var best []string
	for _, o := range m.ld {
		if articleRank(o) < 4 {
			continue
		}
		s, _ := o["articleBody"].(string)
		if s == "" {
			continue
		}
		var ps []string
		for _, line := range strings.Split(html.UnescapeString(s), "\n") {
			if line = cleanText(line); line != "" {
				ps = append(ps, line)
			}
		}
		if len(ps) > len(best) {
			best = ps
		}
	}
	return best
}

// ldComplete reports whether a JSON-LD articleBody can stand for the
// engine's text: publishers often truncate it to a teaser or strip it to
// one unbroken line, so it must hold at least as many words as the text
// it would replace.
func ldComplete(ld, extracted []string) bool {
	n := 0
	for _, p := range ld {
		n += len(strings.Fields(p))
	}
	m := 0
	for _, p := range extracted {
		m += len(strings.Fields(p))
	}
	return n >= 50 && n >= m*9/10
}
