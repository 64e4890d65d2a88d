// Package view renders an article and what byline found in it as HTML, in
// the manner of spaCy's displaCy: the running text with every entity
// mention marked and labelled by type, quotes marked with their speaker
// and cue, the summary sentences highlighted, and beside it a legend, the
// entities ranked by salience, the key phrases and the summary.
//
// The output is self-contained: no scripts, no web fonts, no external
// resources, so it works offline and under a strict Content-Security-Policy.
// Every piece of article text is escaped. Screen readers hear what each
// mark is (an entity's type after it, "summary sentence" before one, a
// quote described through aria-describedby by its speaker and cue), and
// quotes are reachable with the keyboard, where focus shows the speaker
// and cue as hover does.
//
// To view an analysis saved as `analyze -json` prints it, decode its
// "article" and "analysis" and render byline.NewDocument(article): the
// Document's Body, and so every span, comes out the same.
package view

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/byline-nlp/byline"
)

// An Option configures Render.
type Option func(*config)

type config struct {
	fragment bool
	noStyle  bool
}

// Fragment makes Render write only the view's element, with its
// stylesheet, for embedding in a page of your own, instead of a whole
// HTML document.
func Fragment() Option { return func(c *config) { c.fragment = true } }

// WithoutStyle leaves the stylesheet out of a fragment, for a page that
// links Stylesheet itself (as one served under a Content-Security-Policy
// without inline styles would).
func WithoutStyle() Option { return func(c *config) { c.noStyle = true } }

// Stylesheet returns the CSS the view uses, scoped to its root element
// (class "byline-view").
func Stylesheet() string { return stylesheet }

// Class names the view gives its marks, for tests and for hosts that
// restyle or script the view.
const (
	ClassEntity  = "bv-ent"     // an entity mention, with data-entity set to its index in Analysis.Entities
	ClassQuote   = "bv-quote"   // a quote's part, with data-quote set to its index in Analysis.Quotes
	ClassSummary = "bv-sum"     // a summary sentence
	ClassSpeaker = "bv-speaker" // a quote's speaker mention
	ClassCue     = "bv-cue"     // a quote's reporting verb
	// ClassContinued marks the second and later pieces of a mark that had
	// to be split because it crosses another one (a quote running over
	// paragraphs, say); counting marks without it counts spans.
	ClassContinued = "bv-cont"
)

// Render writes doc and a as HTML to w: by default a whole HTML5
// document; with Fragment, one element. a may be nil or partial (stages
// skipped); spans that do not fit doc.Body are left unmarked, so an
// Analysis read back from JSON cannot break the page. Render is safe for
// concurrent use.
func Render(w io.Writer, doc *byline.Document, a *byline.Analysis, opts ...Option) error {
	var c config
	for _, o := range opts {
		o(&c)
	}
	if doc == nil {
		doc = &byline.Document{}
	}
	if a == nil {
		a = &byline.Analysis{}
	}
	var b bytes.Buffer
	b.Grow(4*len(doc.Body) + 8<<10)
	if !c.fragment {
		title := doc.Title
		if title == "" {
			title = "byline view"
		}
		b.WriteString("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
		b.WriteString(html.EscapeString(title))
		b.WriteString("</title>\n<style>\nbody{margin:0;background:#f6f7f9}\n")
		b.WriteString(stylesheet)
		b.WriteString("</style>\n</head>\n<body>\n<main>\n")
	} else if !c.noStyle {
		b.WriteString("<style>\n")
		b.WriteString(stylesheet)
		b.WriteString("</style>\n")
	}
	r := renderer{b: &b, doc: doc, a: a}
	r.view()
	if !c.fragment {
		b.WriteString("</main>\n</body>\n</html>\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

type renderer struct {
	b   *bytes.Buffer
	doc *byline.Document
	a   *byline.Analysis
}

// text writes article text escaped. A NUL, which HTML parsers drop or
// replace, becomes U+FFFD, so what the reader sees is what is there.
func (r *renderer) text(s string) {
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	}
	r.b.WriteString(html.EscapeString(s))
}

func (r *renderer) printf(format string, args ...any) { fmt.Fprintf(r.b, format, args...) }

// entityTypes are the types the legend explains, in its order, with the
// words a screen reader says for them.
var entityTypes = []struct {
	typ  byline.EntityType
	name string
}{
	{byline.Person, "person"},
	{byline.Organization, "organization"},
	{byline.Location, "place"},
	{byline.Misc, "other name"},
}

// typeClass is the CSS class of an entity type; types this package does
// not know (a stage added later) share a neutral colour.
func typeClass(t byline.EntityType) string {
	switch t {
	case byline.Person, byline.Organization, byline.Location, byline.Misc:
		return "bv-" + string(t)
	}
	return "bv-other"
}

func typeName(t byline.EntityType) string {
	for _, et := range entityTypes {
		if et.typ == t {
			return et.name
		}
	}
	return strings.ToLower(string(t))
}

func (r *renderer) view() {
	a, doc := r.a, r.doc
	mentions := 0
	for _, e := range a.Entities {
		mentions += len(e.Mentions)
	}
	nsum := 0
	if a.Summary != nil {
		nsum = len(a.Summary.Sentences)
	}
	r.b.WriteString("<div class=\"byline-view\">\n<header class=\"bv-head\">\n")
	if doc.Title != "" {
		r.b.WriteString("<h1>")
		r.text(doc.Title)
		r.b.WriteString("</h1>\n")
	}
	r.meta()
	r.printf("<p class=\"bv-stats\">%d entities, %d mentions · %d quotes · %d summary sentences · %d key phrases</p>\n",
		len(a.Entities), mentions, len(a.Quotes), nsum, len(a.KeyPhrases))
	r.b.WriteString("</header>\n<div class=\"bv-cols\">\n<section class=\"bv-body\" aria-label=\"Article text with entities, quotes and summary marked\">\n")
	r.legend()
	r.body()
	r.b.WriteString("</section>\n<aside class=\"bv-side\" aria-label=\"Analysis\">\n")
	r.entities()
	r.keyPhrases()
	r.summary()
	r.b.WriteString("</aside>\n</div>\n</div>\n")
}

// meta writes the article's byline, date, site and link, when known.
func (r *renderer) meta() {
	art := r.doc.Article
	if art == nil {
		return
	}
	var parts []string
	if len(art.Authors) > 0 {
		parts = append(parts, "By "+html.EscapeString(strings.Join(art.Authors, ", ")))
	}
	if !art.Published.IsZero() {
		parts = append(parts, "<time datetime=\""+art.Published.Format("2006-01-02T15:04:05Z07:00")+"\">"+art.Published.Format("2 January 2006")+"</time>")
	}
	for _, s := range []string{art.Section, art.Site} {
		if s != "" {
			parts = append(parts, html.EscapeString(s))
		}
	}
	if u, err := url.Parse(art.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		// Only web links: an article's URL is input too, and a
		// javascript: one must not become a link.
		parts = append(parts, "<a href=\""+html.EscapeString(u.String())+"\" rel=\"noopener noreferrer nofollow\">"+html.EscapeString(u.Host)+"</a>")
	}
	if len(parts) > 0 {
		r.b.WriteString("<p class=\"bv-meta\">")
		r.b.WriteString(strings.Join(parts, " · "))
		r.b.WriteString("</p>\n")
	}
}

func (r *renderer) legend() {
	r.b.WriteString("<ul class=\"bv-legend\" aria-label=\"Legend\">")
	for _, et := range entityTypes {
		r.printf("<li><span class=\"bv-chip %s\" aria-hidden=\"true\">%s</span> %s</li>", typeClass(et.typ), et.typ, et.name)
	}
	r.b.WriteString("<li><span class=\"bv-key-quote\" aria-hidden=\"true\">“…”</span> quote (hover or focus for speaker)</li>" +
		"<li><span class=\"bv-key-sum\" aria-hidden=\"true\">abc</span> summary sentence</li></ul>\n")
}

// entities writes the ranked entity list; quote speakers link to its items.
func (r *renderer) entities() {
	if len(r.a.Entities) == 0 {
		return
	}
	r.b.WriteString("<section aria-labelledby=\"bv-ents-h\">\n<h2 id=\"bv-ents-h\">Entities by salience</h2>\n<ol class=\"bv-entities\">\n")
	for i, e := range r.a.Entities {
		sal := min(max(e.Salience, 0), 1)
		r.printf("<li id=\"bv-ent-%d\"><span class=\"bv-chip %s\" title=\"%s\">%s</span> <span class=\"bv-name\">", i, typeClass(e.Type), typeName(e.Type), html.EscapeString(string(e.Type)))
		r.text(e.Name)
		r.b.WriteString("<span class=\"bv-sub\">")
		if len(e.Mentions) == 1 {
			r.b.WriteString("1 mention")
		} else {
			r.printf("%d mentions", len(e.Mentions))
		}
		if len(e.Aliases) > 0 {
			r.b.WriteString(" · also ")
			r.text(strings.Join(e.Aliases, ", "))
		}
		r.printf("</span></span><meter min=\"0\" max=\"1\" value=\"%.3f\" aria-label=\"salience\">%.2f</meter><span class=\"bv-n\">%.2f</span>", sal, sal, sal)
		r.b.WriteString("</li>\n")
	}
	r.b.WriteString("</ol>\n</section>\n")
}

func (r *renderer) keyPhrases() {
	if len(r.a.KeyPhrases) == 0 {
		return
	}
	r.b.WriteString("<section aria-labelledby=\"bv-kp-h\">\n<h2 id=\"bv-kp-h\">Key phrases</h2>\n<ol class=\"bv-phrases\">\n")
	for _, p := range r.a.KeyPhrases {
		class := "bv-phrase"
		if p.Entity != "" {
			class += " " + typeClass(p.Entity)
		}
		r.printf("<li class=\"%s\">", class)
		r.text(p.Text)
		r.printf(" <span class=\"bv-n\">%.2f</span></li>\n", p.Score)
	}
	r.b.WriteString("</ol>\n</section>\n")
}

func (r *renderer) summary() {
	s := r.a.Summary
	if s == nil || len(s.Sentences) == 0 {
		return
	}
	r.b.WriteString("<section aria-labelledby=\"bv-sum-h\">\n<h2 id=\"bv-sum-h\">Summary</h2>\n<ol class=\"bv-summary\">\n")
	for _, ss := range s.Sentences {
		r.b.WriteString("<li>")
		r.text(ss.Text)
		r.b.WriteString("</li>\n")
	}
	r.b.WriteString("</ol>\n</section>\n")
}

// validSpan reports whether s covers a non-empty run of whole UTF-8
// characters of body.
func validSpan(s byline.Span, body string) bool {
	return s.Start >= 0 && s.Start < s.End && s.End <= len(body) &&
		utf8.RuneStart(body[s.Start]) && (s.End == len(body) || utf8.RuneStart(body[s.End]))
}

// speakerLabel says who a quote's speaker is: the named person, and the
// mention at the cue when it differs ("she").
func speakerLabel(q byline.Quote) (name, mention string) {
	name, mention = q.Person, q.Speaker
	if name == "" {
		name, mention = mention, ""
	}
	if strings.EqualFold(name, mention) {
		mention = ""
	}
	return name, mention
}
