package page

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is everything a page says about itself, gathered in one walk over
// the tree before any guessing: JSON-LD objects, <meta> tags (OpenGraph,
// Twitter, Dublin Core, Parse.ly, plain names), microdata, <link> tags,
// the <title>, the first <h1> and the <html lang>.
type meta struct {
	ld        []map[string]any  // every JSON-LD object, @graph and arrays flattened
	tags      map[string]string // <meta> name/property/itemprop (lower-cased) -> first content
	multi     map[string][]string
	micro     map[string]string // microdata itemprop -> first value
	microAuth []string          // microdata author names
	links     map[string]string // <link rel> (lower-cased) -> first href
	title     string            // <title>
	h1        []string          // the <h1> texts, in order
	lang      string            // <html lang>
	times     []string          // <time datetime> values, in order
	weakDate  time.Time         // a date from generic meta tags, set by article
}

// collectMeta walks the whole tree once (iteratively, so depth is no
// risk) and gathers the page's declared metadata.
func collectMeta(doc *html.Node) *meta {
	m := &meta{tags: map[string]string{}, multi: map[string][]string{}, micro: map[string]string{}, links: map[string]string{}}
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if v := attr(n, "lang"); v != "" && m.lang == "" {
					m.lang = v
				} else if v := attr(n, "xml:lang"); v != "" && m.lang == "" {
					m.lang = v
				}
			case atom.Meta:
				content := attr(n, "content")
				if content == "" {
					content = attr(n, "value")
				}
				content = cleanText(content)
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					key := strings.ToLower(strings.TrimSpace(attr(n, k)))
					if key == "" || content == "" {
						continue
					}
					if _, ok := m.tags[key]; !ok {
						m.tags[key] = content
					}
					m.multi[key] = append(m.multi[key], content)
				}
			case atom.Link:
				rel := strings.ToLower(strings.TrimSpace(attr(n, "rel")))
				if href := strings.TrimSpace(attr(n, "href")); rel != "" && href != "" {
					if _, ok := m.links[rel]; !ok {
						m.links[rel] = href
					}
				}
			case atom.Title:
				if m.title == "" && !inSVG(n) {
					m.title = cleanText(nodeText(n))
				}
			case atom.H1:
				if t := cleanText(nodeText(n)); t != "" && len(m.h1) < 8 {
					m.h1 = append(m.h1, t)
				}
			case atom.Time:
				if v := attr(n, "datetime"); v != "" && len(m.times) < 32 {
					m.times = append(m.times, v)
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					m.ld = append(m.ld, parseJSONLD(scriptText(n))...)
				}
				continue
			case atom.Style, atom.Template:
				continue
			}
			if prop := attr(n, "itemprop"); prop != "" && n.DataAtom != atom.Meta {
				m.addMicrodata(n, prop)
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return m
}

// inPicture reports whether n sits in a figure or in an image or video
// item (schema.org ImageObject, Photograph, VideoObject).
func inPicture(n *html.Node) bool {
	for p, depth := n, 0; p != nil && depth < 12; p, depth = p.Parent, depth+1 {
		if p.DataAtom == atom.Figure || p.DataAtom == atom.Figcaption || p.DataAtom == atom.Picture {
			return true
		}
		if t := attr(p, "itemtype"); t != "" && p != n {
			return strings.Contains(t, "ImageObject") || strings.Contains(t, "Photograph") || strings.Contains(t, "VideoObject")
		}
	}
	return false
}

func inSVG(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Svg {
			return true
		}
	}
	return false
}

// addMicrodata records a schema.org microdata property of an element that
// is not a <meta> tag (those are in tags already).
func (m *meta) addMicrodata(n *html.Node, props string) {
	for _, prop := range strings.Fields(strings.ToLower(props)) {
		var v string
		switch {
		case attr(n, "content") != "":
			v = attr(n, "content")
		case n.DataAtom == atom.Time && attr(n, "datetime") != "":
			v = attr(n, "datetime")
		case n.DataAtom == atom.Img:
			v = attr(n, "src")
		case n.DataAtom == atom.A && prop == "url":
			v = attr(n, "href")
		case prop == "author" || prop == "creator":
			// The author item's own name property, when it has one.
			if name := findItemprop(n, "name"); name != "" {
				v = name
			} else {
				v = nodeText(n)
			}
		default:
			if prop == "articlebody" || prop == "text" {
				continue
			}
			v = nodeText(n)
		}
		v = cleanText(v)
		if v == "" || len(v) > 2000 {
			continue
		}
		if prop == "author" || prop == "creator" {
			// The creator of a picture is its photographer, not the
			// article's author.
			if inPicture(n) {
				continue
			}
			if len(m.microAuth) < 10 {
				m.microAuth = append(m.microAuth, v)
			}
			continue
		}
		if _, ok := m.micro[prop]; !ok {
			m.micro[prop] = v
		}
	}
}

// findItemprop returns the text or content of the first descendant of n
// with the given itemprop.
func findItemprop(n *html.Node, prop string) string {
	stack := []*html.Node{n}
	for steps := 0; len(stack) > 0 && steps < 2000; steps++ {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c != n && c.Type == html.ElementNode && strings.EqualFold(attr(c, "itemprop"), prop) {
			if v := attr(c, "content"); v != "" {
				return v
			}
			return nodeText(c)
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func scriptText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// parseJSONLD decodes one ld+json script into its objects, flattening
// top-level arrays and @graph lists. Real pages wrap the JSON in HTML
// comments or CDATA, leave trailing semicolons, or put raw newlines into
// strings; those are repaired, anything else unparsable is skipped.
func parseJSONLD(s string) []map[string]any {
	s = strings.TrimSpace(s)
	for _, w := range [][2]string{{"<!--", "-->"}, {"//<![CDATA[", "//]]>"}, {"<![CDATA[", "]]>"}} {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, w[0]), w[1]))
	}
	s = strings.TrimRight(s, "; \n\r\t")
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		// Raw control characters inside strings are the commonest
		// breakage; JSON-LD never needs them outside strings either.
		fixed := strings.Map(func(r rune) rune {
			if r < 0x20 {
				return ' '
			}
			return r
		}, s)
		if err := json.Unmarshal([]byte(fixed), &v); err != nil {
			return nil
		}
	}
	var out []map[string]any
	var flatten func(v any, depth int)
	flatten = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				flatten(e, depth+1)
			}
		case map[string]any:
			out = append(out, x)
			if g, ok := x["@graph"]; ok {
				flatten(g, depth+1)
			}
			// A WebPage's mainEntity is often the article itself.
			if me, ok := x["mainEntity"].(map[string]any); ok {
				flatten(me, depth+1)
			}
		}
	}
	flatten(v, 0)
	return out
}

// ldTypes returns an object's @type values.
func ldTypes(o map[string]any) []string {
	switch t := o["@type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// articleRank orders schema.org types by how surely they describe the
// page's article: news types first, generic creative works last, 0 for
// types that are no article at all.
func articleRank(o map[string]any) int {
	best := 0
	for _, t := range ldTypes(o) {
		t = strings.TrimPrefix(strings.TrimPrefix(t, "http://schema.org/"), "https://schema.org/")
		r := 0
		switch t {
		case "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
			"BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle":
			r = 5
		case "Article", "BlogPosting", "LiveBlogPosting", "TechArticle", "ScholarlyArticle", "Report",
			"SatiricalArticle", "SocialMediaPosting", "DiscussionForumPosting", "Review":
			r = 4
		case "WebPage", "ItemPage", "AboutPage", "ContactPage", "CollectionPage", "FAQPage", "QAPage":
			r = 1
		}
		best = max(best, r)
	}
	return best
}

// ldString reads a JSON-LD value as text: a string, the first string of
// a list, or an object's name (or @value).
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return cleanText(html.UnescapeString(x))
	case []any:
		for _, e := range x {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case map[string]any:
		for _, k := range []string{"name", "@value", "headline"} {
			if s, ok := x[k].(string); ok {
				return cleanText(html.UnescapeString(s))
			}
		}
	case float64:
		return ""
	}
	return ""
}

// ldURL reads a JSON-LD URL-valued property: a string, an object's url
// or @id, or the first of a list.
func ldURL(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		for _, e := range x {
			if s := ldURL(e); s != "" {
				return s
			}
		}
	case map[string]any:
		for _, k := range []string{"url", "contentUrl", "@id"} {
			if s, ok := x[k].(string); ok && s != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// ldNames reads a JSON-LD author-like property: names of persons or
// organisations, a string, or a list of either.
func ldNames(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{cleanText(html.UnescapeString(x))}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
		return out
	case map[string]any:
		if s := ldString(x["name"]); s != "" {
			return []string{s}
		}
		given, family := ldString(x["givenName"]), ldString(x["familyName"])
		if given != "" || family != "" {
			return []string{strings.TrimSpace(given + " " + family)}
		}
	}
	return nil
}

// resolve makes ref absolute against base, when it parses.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

// dateLayouts are the date shapes found in metadata, most specific first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.000Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"20060102",
	"2006/01/02 15:04:05",
	"2006/01/02",
	"02.01.2006 15:04",
	"02.01.2006",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon Jan 2 15:04:05 2006",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
}

// parseDate reads a metadata date in any of the common shapes; the zero
// time when none fits or the year is implausible.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return plausible(t)
		}
	}
	// A date followed by anything else: take the leading ISO date.
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return plausible(t)
		}
	}
	return time.Time{}
}

func plausible(t time.Time) time.Time {
	if t.Year() < 1990 || t.Year() > time.Now().Year()+1 {
		return time.Time{}
	}
	return localMidnight(t)
}

// localMidnight restores the zone of a date that a CMS stored as local
// midnight and printed in UTC: "2022-11-06T23:00:00Z" is 7 November at
// 00:00 in Central Europe, the day the page shows. A UTC time on the
// hour between 20:00 and 23:00, with no minutes or seconds, is read so;
// the instant is the same, only the day it is read in changes.
func localMidnight(t time.Time) time.Time {
	if _, off := t.Zone(); off != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 || t.Hour() < 20 {
		return t
	}
	return t.In(time.FixedZone("", (24-t.Hour())*3600))
}
