package page

import (
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/byline-nlp/byline"
)

// article builds the Article's metadata from what the page declares, in
// order of trust: the JSON-LD article object, then OpenGraph and other
// <meta> tags, then microdata, then the <title>, <h1> and <html lang>.
func (m *meta) article(base *url.URL) *byline.Article {
	a := &byline.Article{}
	var art, site map[string]any
	rank := 0
	for _, o := range m.ld {
		if r := articleRank(o); r > rank {
			art, rank = o, r
		}
		for _, t := range ldTypes(o) {
			if t == "WebSite" && site == nil {
				site = o
			}
		}
	}
	if art == nil {
		art = map[string]any{}
	}
	tag := func(keys ...string) string {
		for _, k := range keys {
			if v := m.tags[k]; v != "" {
				return v
			}
		}
		return ""
	}

	// Site name first: the title cleanup needs it.
	a.Site = first(tag("og:site_name"), ldString(publisher(art)), ldString(site["name"]),
		tag("application-name", "apple-mobile-web-app-title", "twitter:app:name:iphone", "dc.publisher", "publisher"))

	headline := first(ldString(art["headline"]), ldString(art["name"]))
	if rank < 4 { // a WebPage's name is the <title>, not a headline
		headline = ""
	}
	a.Title = cleanTitle(first(headline, tag("og:title", "twitter:title", "dc.title", "parsely-title", "sailthru.title"),
		m.micro["headline"], m.title, firstOf(m.h1)), a.Site, m.h1, base)

	a.Section = first(ldString(art["articleSection"]), tag("article:section", "section", "parsely-section",
		"article.section", "sailthru.section", "category", "dc.subject"), m.micro["articlesection"])

	a.Authors = cleanAuthors(ldNames(art["author"]))
	if len(a.Authors) == 0 {
		a.Authors = cleanAuthors(ldNames(art["creator"]))
	}
	if len(a.Authors) == 0 {
		a.Authors = cleanAuthors(m.microAuth)
	}
	if len(a.Authors) == 0 {
		var names []string
		for _, k := range []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "twitter:creator:name", "citation_author"} {
			for _, v := range m.multi[k] {
				names = append(names, splitAuthors(v)...)
			}
			if len(names) > 0 {
				break
			}
		}
		a.Authors = cleanAuthors(names)
	}

	a.Published = firstDate(ldString(art["datePublished"]), ldString(art["dateCreated"]),
		tag("article:published_time", "og:article:published_time", "datepublished", "date", "pubdate", "publishdate", "publish-date",
			"article.published", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
			"dcterms.created", "dc.date.created", "citation_publication_date", "citation_date", "og:published_time", "cxenseparse:recs:publishtime",
			"last-modified"), m.micro["datepublished"], m.micro["datecreated"])
	a.Modified = firstDate(ldString(art["dateModified"]), tag("article:modified_time", "og:updated_time", "datemodified",
		"dcterms.modified", "dc.date.modified", "last-modified"), m.micro["datemodified"])

	a.URL = resolve(base, first(m.links["canonical"], tag("og:url", "twitter:url"), ldURL(art["mainEntityOfPage"]), ldURL(art["url"])))
	if a.URL == "" && base != nil {
		a.URL = base.String()
	}

	a.Language = langTag(first(m.lang, tag("content-language", "dc.language", "language", "og:locale"), ldString(art["inLanguage"])))
	a.Description = first(tag("og:description", "description", "twitter:description", "dc.description"), ldString(art["description"]), m.micro["description"])
	a.Image = resolve(base, first(tag("og:image", "og:image:url", "og:image:secure_url"), ldURL(art["image"]), ldURL(art["thumbnailUrl"]),
		tag("twitter:image", "twitter:image:src"), m.links["image_src"], m.micro["image"]))
	return a
}

func publisher(o map[string]any) any {
	if p, ok := o["publisher"]; ok {
		return p
	}
	if p, ok := o["isPartOf"].(map[string]any); ok {
		return p["name"]
	}
	return nil
}

func first(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func firstOf(vs []string) string {
	if len(vs) > 0 {
		return vs[0]
	}
	return ""
}

func firstDate(vs ...string) time.Time {
	for _, v := range vs {
		if t := parseDate(v); !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// langTag turns "en_US", "EN-us" or "de-DE,en" into a BCP 47 tag.
func langTag(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",; "); i >= 0 {
		s = s[:i]
	}
	s = strings.ReplaceAll(s, "_", "-")
	parts := strings.Split(s, "-")
	if len(parts[0]) < 2 || len(parts[0]) > 3 {
		return ""
	}
	for _, r := range s {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
			return ""
		}
	}
	parts[0] = strings.ToLower(parts[0])
	for i := 1; i < len(parts); i++ {
		if len(parts[i]) == 2 {
			parts[i] = strings.ToUpper(parts[i])
		}
	}
	return strings.Join(parts, "-")
}

// titleSeparators split a <title> into headline, section and site.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " » ", " :: ", " · ", " • ", " // ", " : ", " ‹ ", " « "}

// cleanTitle strips the "| Section | Site" suffixes (or "Site - "
// prefixes) that pages add to their headline. A segment is dropped when
// it names the site or the host; when the page's <h1> is one of the
// segments, that is the headline; otherwise the longest segment is.
func cleanTitle(t, site string, h1s []string, base *url.URL) string {
	t = cleanText(t)
	if t == "" {
		return ""
	}
	for _, h := range h1s {
		if h == t {
			return t
		}
	}
	var sep string
	for _, s := range titleSeparators {
		if strings.Contains(t, s) {
			sep = s
			break
		}
	}
	if sep == "" {
		return t
	}
	segs := strings.Split(t, sep)
	for _, h := range h1s {
		for _, s := range segs {
			if strings.EqualFold(strings.TrimSpace(s), h) {
				return strings.TrimSpace(s)
			}
		}
		// The h1 may itself contain the separator: a prefix of the title.
		if strings.HasPrefix(t, h+sep) {
			return h
		}
	}
	host := ""
	if base != nil {
		host = strings.TrimPrefix(strings.ToLower(base.Hostname()), "www.")
	}
	var keep []string
	for _, s := range segs {
		s = strings.TrimSpace(s)
		if s == "" || isSiteName(s, site, host) {
			continue
		}
		keep = append(keep, s)
	}
	switch len(keep) {
	case 0:
		return t
	case 1:
		return keep[0]
	}
	// Headline | Section | Site: the headline is the first segment unless
	// a later one is much longer (Site - Headline).
	best := keep[0]
	for _, s := range keep[1:] {
		if utf8.RuneCountInString(s) > 2*utf8.RuneCountInString(best) {
			best = s
		}
	}
	if len(keep) == len(segs) && utf8.RuneCountInString(best) < 3*len(keep) {
		return t
	}
	return best
}

// isSiteName reports whether a title segment names the site.
func isSiteName(s, site, host string) bool {
	ls := strings.ToLower(s)
	if site != "" && (ls == strings.ToLower(site) || strings.Contains(strings.ToLower(site), ls) && len(ls) > 3) {
		return true
	}
	if host != "" {
		compact := strings.ReplaceAll(strings.ReplaceAll(ls, " ", ""), "-", "")
		name := host
		if i := strings.IndexByte(name, '.'); i > 0 {
			name = name[:i]
		}
		if compact == host || compact == name || strings.HasPrefix(host, compact+".") {
			return true
		}
	}
	return false
}

// authorPrefixes are byline words that are not part of a name.
var authorPrefixes = []string{"by ", "von ", "par ", "por ", "di ", "de ", "door ", "af ", "av "}

// splitAuthors splits a byline into names: "By Jane Doe and John Roe",
// "Jane Doe, John Roe", "Jane Doe & John Roe", "Von A und B".
func splitAuthors(s string) []string {
	s = cleanText(s)
	for _, p := range authorPrefixes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = s[len(p):]
			break
		}
	}
	for _, sep := range []string{" and ", " und ", " & ", " et ", " y ", " e ", " i ", ";", "|", " / "} {
		s = strings.ReplaceAll(s, sep, ",")
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// cleanAuthors drops what is no name (URLs, e-mail addresses, handles,
// long texts), strips "By", splits joint bylines and removes duplicates.
func cleanAuthors(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		for _, p := range splitAuthors(n) {
			p = strings.Trim(p, " .:-–—|")
			lp := strings.ToLower(p)
			switch {
			case p == "", strings.Contains(p, "://"), strings.HasPrefix(lp, "www."), strings.Contains(p, "@") && strings.Contains(p, "."),
				utf8.RuneCountInString(p) > 60, len(strings.Fields(p)) > 6, seen[lp]:
				continue
			}
			seen[lp] = true
			out = append(out, p)
		}
	}
	return out
}
