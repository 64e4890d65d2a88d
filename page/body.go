package page

import (
	"net/url"
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

// extractBody finds the main text.
func extractBody(doc *html.Node, base *url.URL, m *meta, a *byline.Article) bodyResult {
	opts := trafilatura.Options{
		OriginalURL:     base,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
	var r bodyResult
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil || res == nil {
		return r
	}
	r.paragraphs = paragraphs(res.ContentNode)
	md := res.Metadata
	r.title, r.author, r.site, r.lang, r.categories, r.date = md.Title, md.Author, md.Sitename, langTag(md.Language), md.Categories, md.Date
	return r
}
