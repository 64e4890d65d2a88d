package page

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockAtoms are the elements that start a new paragraph: their text is
// never run together with their neighbours'.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Figure: true,
	atom.Figcaption: true, atom.Main: true, atom.Nav: true, atom.Form: true, atom.Hr: true,
	atom.Address: true, atom.Details: true, atom.Summary: true, atom.Caption: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Center: true,
}

// skipAtoms hold no readable text.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Head: true,
}

// paragraphs renders a subtree as clean paragraphs: one per block element
// (and per <br>-separated line), whitespace collapsed, soft hyphens and
// zero-width characters dropped, empty lines left out. It walks the tree
// with an explicit stack, so deeply nested markup cannot exhaust the
// goroutine stack, and it visits every node once.
func paragraphs(n *html.Node) []string {
	if n == nil {
		return nil
	}
	var (
		out  []string
		line strings.Builder
		sp   bool // a space is pending before the next word
	)
	flush := func() {
		if line.Len() > 0 {
			out = append(out, line.String())
			line.Reset()
		}
		sp = false
	}
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := []frame{{n: n}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		c := f.n
		if f.exit {
			flush()
			continue
		}
		switch c.Type {
		case html.TextNode:
			appendText(&line, &sp, c.Data)
			continue
		case html.ElementNode:
			a := atomOf(c)
			if skipAtoms[a] {
				continue
			}
			if a == atom.Br {
				flush()
				continue
			}
			if blockAtoms[a] {
				flush()
				stack = append(stack, frame{n: c, exit: true})
			}
		case html.CommentNode, html.DoctypeNode:
			continue
		}
		// Push children last-first so they pop in document order.
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, frame{n: k})
		}
	}
	flush()
	return out
}

// appendText adds text to line with whitespace collapsed to single
// spaces and invisible characters dropped.
func appendText(line *strings.Builder, sp *bool, s string) {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f:
			*sp = true
		case r == '\u00ad', r == '\u200b', r == '\ufeff', r == '\u2060':
			// soft hyphen, zero-width space, BOM, word joiner: invisible
			// on the page, noise in the text
		case unicode.IsControl(r):
			*sp = true
		default:
			if *sp && line.Len() > 0 {
				line.WriteByte(' ')
			}
			*sp = false
			line.WriteRune(r)
		}
	}
}

// cleanText collapses whitespace and drops invisible characters in a
// metadata string.
func cleanText(s string) string {
	var b strings.Builder
	sp := false
	appendText(&b, &sp, s)
	return b.String()
}

// nodeText is n's text content with whitespace collapsed.
func nodeText(n *html.Node) string {
	var b strings.Builder
	sp := false
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > 64 {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				appendText(&b, &sp, c.Data)
			case html.ElementNode:
				a := atomOf(c)
				if skipAtoms[a] {
					continue
				}
				if blockAtoms[a] || a == atom.Br {
					sp = true
				}
				walk(c, depth+1)
				if blockAtoms[a] {
					sp = true
				}
			}
		}
	}
	walk(n, 0)
	return b.String()
}

// atomOf is an element's atom. Engines that build nodes by name (as
// go-trafilatura does) leave DataAtom zero, so it is looked up then.
func atomOf(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}
