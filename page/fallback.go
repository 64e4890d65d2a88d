package page

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bounds past which the engine is not used: go-trafilatura's cost grows
// faster than linearly with the number of paragraphs (a generated page
// of 2,600 paragraphs took 1.6 s), while the largest dev page has 10,112
// elements and 720 paragraphs. Beyond these, denseText, which is linear,
// extracts the text instead.
const (
	maxEngineElements   = 20000
	maxEngineParagraphs = 1200
)

// tooBigForEngine reports whether a tree exceeds the engine's bounds.
func tooBigForEngine(doc *html.Node) bool {
	els, ps := 0, 0
	big := false
	eachElement(doc, func(n *html.Node) bool {
		els++
		if n.DataAtom == atom.P {
			ps++
		}
		if els > maxEngineElements || ps > maxEngineParagraphs {
			big = true
		}
		return !big
	})
	return big
}

// boilerClass matches class or id values of page furniture.
var boilerClass = regexp.MustCompile(`(?i)(^|[-_ ])(nav|navbar|menu|share|sharing|social|related|comments?|footer|header|sidebar|cookie|consent|newsletter|subscribe|promo|advert|ad|ads|breadcrumbs?|tags|byline|meta)([-_ ]|$)`)

// denseText is the linear fallback extractor: the element whose child
// paragraphs hold the most text is the article, rendered without its
// navigation, asides, forms and elements whose class names page furniture.
func denseText(doc *html.Node) []string {
	score := map[*html.Node]int{}
	var best *html.Node
	eachElement(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Nav, atom.Footer, atom.Aside, atom.Form, atom.Noscript:
			return false
		}
		if n.DataAtom == atom.P && n.Parent != nil {
			score[n.Parent] += len(nodeText(n))
			if best == nil || score[n.Parent] > score[best] {
				best = n.Parent
			}
			return false
		}
		return true
	})
	if best == nil {
		best = doc
	}
	pruned := pruneBoilerplate(best)
	return paragraphs(pruned, nil)
}

// pruneBoilerplate returns a shallow-cost copy of n's subtree without
// navigation, asides, forms and furniture-classed elements. The copy is
// built with an explicit stack.
func pruneBoilerplate(n *html.Node) *html.Node {
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	type pair struct{ src, dst *html.Node }
	stack := []pair{{n, root}}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := p.src.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				switch c.DataAtom {
				case atom.Nav, atom.Aside, atom.Form, atom.Footer, atom.Header, atom.Script, atom.Style, atom.Button:
					continue
				}
				if boilerClass.MatchString(attr(c, "class")) || boilerClass.MatchString(attr(c, "id")) {
					continue
				}
			}
			if c.Type != html.ElementNode && c.Type != html.TextNode {
				continue
			}
			d := &html.Node{Type: c.Type, Data: c.Data, DataAtom: c.DataAtom}
			p.dst.AppendChild(d)
			if c.Type == html.ElementNode {
				stack = append(stack, pair{c, d})
			}
		}
	}
	return root
}

// flatten rewrites a page whose nesting the HTML parser refuses (x/net/html
// stops at 512 open elements) into a shallow one: block elements become
// <p>, inline markup is dropped, and the head's metadata tags, title and
// JSON-LD scripts are kept. One pass of the tokenizer, so linear.
func flatten(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	b.Grow(len(s) / 2)
	skip := 0     // inside a script or style being dropped
	keepRaw := "" // the end tag of a kept raw-text element (title, ld+json script)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip > 0 {
				continue
			}
			if keepRaw != "" {
				b.WriteString(html.EscapeString(string(z.Text())))
				continue
			}
			b.WriteString(html.EscapeString(string(z.Text())))
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			a := tok.DataAtom
			if tt == html.EndTagToken {
				switch {
				case (a == atom.Script || a == atom.Style) && skip > 0:
					skip--
				case keepRaw != "" && tok.Data == keepRaw:
					b.WriteString("</" + keepRaw + ">")
					keepRaw = ""
				case blockAtoms[a]:
					b.WriteString("\n<p>")
				}
				continue
			}
			switch {
			case a == atom.Script:
				for _, at := range tok.Attr {
					if at.Key == "type" && strings.Contains(strings.ToLower(at.Val), "ld+json") {
						keepRaw = "script"
						b.WriteString(`<script type="application/ld+json">`)
					}
				}
				if keepRaw == "" {
					skip++
				}
			case a == atom.Style:
				skip++
			case a == atom.Title:
				keepRaw = "title"
				b.WriteString("<title>")
			case a == atom.Meta, a == atom.Link, a == atom.Html, a == atom.Time:
				b.WriteString(tok.String())
			case a == atom.H1, a == atom.H2, a == atom.H3:
				b.WriteString("\n<" + tok.Data + ">")
			case a == atom.Br:
				b.WriteString("<br>")
			case blockAtoms[a]:
				b.WriteString("\n<p>")
			}
		}
	}
}
