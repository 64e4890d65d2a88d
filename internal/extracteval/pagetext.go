package extracteval

import (
	"bytes"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// PageText renders a page as a scraper's whole-page text dump, the way
// the article-extraction-benchmark's page-text/ was made with html-text:
// the <title> on the first line, then every visible text of the body,
// block elements on lines of their own, inline text run together with
// its white space collapsed. Scripts, styles, templates, forms' controls
// and other invisible elements are left out; navigation, related lists,
// footers and banners stay in, as a scraper delivers them. The charset
// is sniffed as a browser does (byte-order mark, <meta>, else
// windows-1252 for invalid UTF-8).
func PageText(raw []byte) string {
	doc, err := html.Parse(strings.NewReader(decodePage(raw)))
	if err != nil {
		return ""
	}
	var (
		b     strings.Builder
		line  strings.Builder
		space bool
		title string
	)
	flush := func() {
		if line.Len() > 0 {
			b.WriteString(line.String())
			b.WriteByte('\n')
			line.Reset()
		}
		space = false
	}
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := []frame{{n: doc}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.exit {
			flush()
			continue
		}
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if unicode.IsSpace(r) {
					space = true
					continue
				}
				if space && line.Len() > 0 {
					line.WriteByte(' ')
				}
				space = false
				line.WriteRune(r)
			}
			continue
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Title:
				if title == "" && n.FirstChild != nil {
					title = strings.Join(strings.Fields(n.FirstChild.Data), " ")
				}
				continue
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math,
				atom.Iframe, atom.Object, atom.Select, atom.Textarea, atom.Head:
				if n.DataAtom == atom.Head {
					// The title is the one visible thing in the head.
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.DataAtom == atom.Title && c.FirstChild != nil && title == "" {
							title = strings.Join(strings.Fields(c.FirstChild.Data), " ")
						}
					}
				}
				continue
			case atom.Br:
				flush()
				continue
			}
			if blockElements[n.DataAtom] {
				flush()
				stack = append(stack, frame{n: n, exit: true})
			}
		case html.CommentNode, html.DoctypeNode:
			continue
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c})
		}
	}
	flush()
	if title != "" {
		return title + "\n" + b.String()
	}
	return b.String()
}

// blockElements start lines of their own in the dump.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Figure: true,
	atom.Figcaption: true, atom.Main: true, atom.Nav: true, atom.Form: true, atom.Hr: true,
	atom.Address: true, atom.Details: true, atom.Summary: true, atom.Caption: true,
	atom.Center: true, atom.Body: true, atom.Option: true, atom.Label: true, atom.Button: true,
}

// decodePage decodes a page's bytes to UTF-8 as a browser would.
func decodePage(raw []byte) string {
	enc, name, certain := charset.DetermineEncoding(raw, "")
	if !certain && name != "utf-8" && isUTF8(raw) {
		return string(raw)
	}
	if name == "utf-8" {
		return strings.ToValidUTF8(string(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))), "\uFFFD")
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return strings.ToValidUTF8(string(raw), "\uFFFD")
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

func isUTF8(b []byte) bool { return strings.ToValidUTF8(string(b), "") == string(b) }
