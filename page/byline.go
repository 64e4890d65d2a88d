package page

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// bylineClass matches the class or id of an element holding the byline.
var bylineClass = regexp.MustCompile(`(?i)(^|[-_ ])(byline|by-line|author|author-?name|autor|autorin|auteur|writer|article-?author)([-_ ]|$)`)

// bylineText finds "By Jane Doe", "Written by Jane Doe on ...", "Von Jane
// Doe": a byline word followed by one to four capitalised name words.
var bylineText = regexp.MustCompile(`(?:^|[\s(|·•])(?:[Ww]ritten by|[Pp]osted by|[Bb]y|BY|[Vv]on:?|VON|[Pp]ar|[Pp]or:?|[Tt]ext:|[Tt]exto:|[Aa]utor:|[Aa]utorin:|[Aa]uthor:|[Aa]uteur:|[Rr]edaktion:)\s+(\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|den|da|di|du|le|la|del|dos)){0,4})`)

// commentClass matches the class or id of a reader-comment section or
// of one comment.
// A class token must start with the word: "showing-comments" on a
// page's <body> is no comment.
var commentClass = regexp.MustCompile(`(?i)(^|\s)(comments?|kommentare?|commentaires?|comentarios?|respond|disqus)([-_]\S*)?(\s|$)`)

// creditClass matches the class or id of a picture's licence, credit or
// caption: the "author" named there is the photographer's or the
// artist's, not the article's.
var creditClass = regexp.MustCompile(`(?i)(^|[-_ ])(licen[cs]e|lizenz|credits?|caption|copyright|bildnachweis|bildquelle)([-_ ]|$)`)

// maxBylineScan bounds the elements guessBylines looks at: a byline sits
// near the top of the article, and the bound keeps huge pages linear.
const maxBylineScan = 20000

// guessBylines looks for a byline in the markup, for pages that declare
// no author. It returns the names found in the markup (a rel="author"
// link, an element whose class names the author) and those found in a
// short line that starts "By ...", each cleaned.
func guessBylines(doc *html.Node) (fromMarkup, fromLine []string) {
	var fromClass, fromText []string
	steps := 0
	eachElement(doc, func(n *html.Node) bool {
		steps++
		if steps > maxBylineScan || len(fromClass) > 0 {
			return false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Nav, atom.Footer, atom.Noscript, atom.Svg, atom.Form, atom.Label, atom.Figcaption:
			return false
		}
		// (A theme's "caption-dark" on the <body> styles captions.)
		if n.DataAtom != atom.Body && n.DataAtom != atom.Article && n.DataAtom != atom.Main &&
			(creditClass.MatchString(attr(n, "class")) || creditClass.MatchString(attr(n, "id"))) {
			return false
		}
		// Readers' comments name their writers as bylines do
		// ("comment-author vcard"); they are not the article's.
		if n.DataAtom != atom.Body && n.DataAtom != atom.Article && n.DataAtom != atom.Main &&
			(commentClass.MatchString(attr(n, "class")) || commentClass.MatchString(attr(n, "id"))) {
			return false
		}
		if n.DataAtom == atom.A && strings.Contains(strings.ToLower(attr(n, "rel")), "author") {
			if authorPage.MatchString(attr(n, "href")) {
				fromClass = append(fromClass, relAuthorNames(n)...)
			} else if t := cleanText(nodeText(n)); isNameLike(t) {
				fromClass = append(fromClass, cleanAuthors([]string{t})...)
			}
			return false
		}
		if n.DataAtom == atom.A {
			if name := authorLinkName(n); name != "" {
				fromClass = append(fromClass, cleanAuthors([]string{name})...)
				return false
			}
		}
		if bylineClass.MatchString(attr(n, "class")) || bylineClass.MatchString(attr(n, "id")) {
			// What reads as a name, in order: a link to the author's
			// page inside (in an author box whose text is a biography,
			// "von Fischern" is no byline), "By ..." in its text, the
			// whole text.
			names := cleanAuthors([]string{innerAuthorLink(n)})
			if t := cleanText(nodeText(n)); len(names) > 0 {
			} else if m := bylineText.FindStringSubmatch(t); m != nil {
				names = cleanAuthors([]string{m[1]})
			} else if isNameLike(t) {
				names = cleanAuthors([]string{t})
			}
			fromClass = append(fromClass, names...)
			return false
		}
		if len(fromText) == 0 && (n.DataAtom == atom.P || n.DataAtom == atom.Span || n.DataAtom == atom.Div || n.DataAtom == atom.Address) {
			if t := ownShortText(n); t != "" {
				// A line that starts with the byline, or a short one
				// ("Photos: A. Roe | Text: Jane Doe"): "by" inside a
				// sentence ("an exercise by South Korea") names no author.
				if m := bylineText.FindStringSubmatchIndex(t); m != nil && (m[0] == 0 || len(strings.Fields(t)) <= 8) {
					fromText = append(fromText, cleanAuthors([]string{t[m[2]:m[3]]})...)
				} else if name := datedName(t); name != "" {
					fromText = append(fromText, cleanAuthors([]string{name})...)
				}
			}
		}
		return true
	})
	return cleanAuthors(fromClass), cleanAuthors(fromText)
}

// isNameLike reports whether s looks like a person's name rather than a
// sentence or a label: two to five words, short, with a capital.
func isNameLike(s string) bool {
	s = strings.TrimSpace(s)
	for _, p := range authorPrefixes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = s[len(p):]
		}
	}
	w := strings.Fields(s)
	if len(w) < 1 || len(w) > 5 || utf8.RuneCountInString(s) > 50 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) == string(r) && !strings.ContainsAny(s, ":|@/")
}

// ownShortText returns an element's text when it is a short line (a
// byline is never long), or "".
func ownShortText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
		case c.Type == html.ElementNode && (c.DataAtom == atom.A || c.DataAtom == atom.Span || c.DataAtom == atom.Strong || c.DataAtom == atom.B ||
			c.DataAtom == atom.Time || c.DataAtom == atom.Em || c.DataAtom == atom.I || c.DataAtom == atom.Small || c.DataAtom == atom.Cite):
			b.WriteString(nodeText(c))
		}
		b.WriteByte(' ')
		if b.Len() > 200 {
			return ""
		}
	}
	return cleanText(b.String())
}

// metaSeparator splits a line of article metadata into its fields.
var metaSeparator = regexp.MustCompile(`\s+[|•·–—-]\s+|\s*\|\s*`)

// datedName reads the name in a line of metadata that gives a date and a
// name and nothing else: "04.02.2022 | 13:10 Uhr | Jane Doe",
// "25.10.2022 - Jane Doe".
func datedName(t string) string {
	if len(strings.Fields(t)) > 12 {
		return ""
	}
	fields := metaSeparator.Split(t, -1)
	if len(fields) < 2 || len(fields) > 4 {
		return ""
	}
	dated, name := false, ""
	for _, f := range fields {
		f = strings.TrimSpace(f)
		switch {
		case dateLine.MatchString(f) || timeField.MatchString(f):
			dated = true
		case name == "" && personName.MatchString(f):
			name = f
		default:
			return ""
		}
	}
	if !dated {
		return ""
	}
	return name
}

// timeField matches a time of day: "13:10", "13:10 Uhr", "1:10 pm".
var timeField = regexp.MustCompile(`(?i)^\d{1,2}[:.]\d{2}(\s*(uhr|h|[ap]\.?m\.?))?$`)

// personName matches two or three capitalised words.
var personName = regexp.MustCompile(`^\p{Lu}[\p{L}'’.-]+(\s+\p{Lu}[\p{L}'’.-]+){1,2}$`)

// authorPage matches the path of a link to an author's page, the slug
// in group 1: /author/jane-doe/, /autoren/jane-doe-1234, /profil/207/Jane_Doe.
var authorPage = regexp.MustCompile(`(?i)/(?:author|authors|autor|autoren|autorin|auteur|auteurs|autore|redakteur|redaktion/autor|profil|profile)/(?:\d+/)?([^/?#]+)`)

// authorLinkName reads the name from a link to the author's page on the
// site, as blog engines and CMSs print bylines: the link's schema.org
// name or its text, when the slug spells it (so handles such as
// "freeman1984" pass, and a link to an author index does not).
func authorLinkName(n *html.Node) string {
	m := authorPage.FindStringSubmatch(attr(n, "href"))
	if m == nil {
		return ""
	}
	t := cleanText(findItemprop(n, "name"))
	if t == "" {
		t = cleanText(nodeText(n))
	}
	// A name printed twice in the link (a visible and a screen-reader
	// copy, or a caption's) comes once.
	if h := len(t) / 2; h > 0 && t[:h] == t[len(t)-h:] && (len(t)%2 == 0 || t[h] == ' ') {
		t = t[:h]
	}
	w := strings.Fields(t)
	if len(w) == 0 || len(w) > 4 || utf8.RuneCountInString(t) > 50 {
		return ""
	}
	if !strings.Contains(asciiFold(m[1]), asciiFold(w[0])) || len(asciiFold(w[0])) < 2 {
		return ""
	}
	return t
}

// relAuthorNames reads a rel="author" link to the author's page: its
// text when the slug spells it or it is a name, else the slug ("Archiv
// anzeigen" links to /author/jessie/).
func relAuthorNames(n *html.Node) []string {
	names := cleanAuthors([]string{authorLinkName(n)})
	if t := cleanText(nodeText(n)); len(names) == 0 && isNameLike(t) {
		names = cleanAuthors([]string{t})
	}
	if len(names) == 0 {
		if m := authorPage.FindStringSubmatch(attr(n, "href")); m != nil {
			names = cleanAuthors([]string{slugName(m[1])})
		}
	}
	return names
}

// slugName reads a name from an author page's slug of one to three
// words of letters ("jane-doe" is "Jane Doe"); "" for any other slug
// (ids, e-mail addresses, numbered slugs).
func slugName(slug string) string {
	parts := strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' || r == '+' })
	if len(parts) == 0 || len(parts) > 3 {
		return ""
	}
	for i, p := range parts {
		if len(p) < 2 || strings.Trim(strings.ToLower(p), "abcdefghijklmnopqrstuvwxyz") != "" {
			return ""
		}
		parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
	}
	return strings.Join(parts, " ")
}

// innerAuthorLink is authorLinkName of the first link inside n that
// has one, or the slug of a rel="author" link to an author's page.
func innerAuthorLink(n *html.Node) string {
	var name string
	steps := 0
	eachElement(n, func(c *html.Node) bool {
		steps++
		if name != "" || steps > 200 {
			return false
		}
		if c.DataAtom == atom.A {
			if name = authorLinkName(c); name == "" && strings.Contains(strings.ToLower(attr(c, "rel")), "author") && authorPage.MatchString(attr(c, "href")) {
				name = strings.Join(relAuthorNames(c), ", ")
			}
			return false
		}
		return true
	})
	return name
}

// asciiFold is s lower-cased with only its ASCII letters and digits,
// umlauts and accents reduced to the base letter as URL slugs write them.
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune("àáâãäåā", r):
			b.WriteByte('a')
		case strings.ContainsRune("èéêëē", r):
			b.WriteByte('e')
		case strings.ContainsRune("ìíîïī", r):
			b.WriteByte('i')
		case strings.ContainsRune("òóôõöøō", r):
			b.WriteByte('o')
		case strings.ContainsRune("ùúûüū", r):
			b.WriteByte('u')
		case r == 'ç' || r == 'ć' || r == 'č':
			b.WriteByte('c')
		case r == 'ñ' || r == 'ń':
			b.WriteByte('n')
		case r == 'ß':
			b.WriteString("ss")
		case r == 'ł':
			b.WriteByte('l')
		case r == 'ś' || r == 'š':
			b.WriteByte('s')
		case r == 'ż' || r == 'ź' || r == 'ž':
			b.WriteByte('z')
		}
	}
	return b.String()
}
