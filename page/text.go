package page

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
//
// The engine trims the white space around the text of inline elements,
// so "the <a>Address</a>" reaches us as "the" and "Address", and it
// wraps inline elements of text outside any paragraph in paragraphs of
// their own, breaking a sentence in three. j holds how the page itself
// joins its text across element boundaries, so each boundary reads as
// the page has it: a space, no space ("W<b>ord</b>", "CO<sub>2</sub>"),
// or no line break. A boundary the page does not have is a space. A nil
// j keeps the text as it is.
func paragraphs(n *html.Node, j joins) []string {
	if n == nil {
		return nil
	}
	var (
		out    []string
		line   strings.Builder
		sp     bool // a space is pending before the next word
		broken bool // out's last paragraph ended at an element boundary just now
	)
	flush := func() {
		if line.Len() > 0 {
			out = append(out, line.String())
			line.Reset()
			broken = true
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
			if j != nil && !startsWithSpace(c.Data) {
				head := textHead(c.Data)
				switch {
				case line.Len() > 0 && !sp:
					if j[joinKey(line.String(), head)] != glued || datelineEnd(line.String(), head) {
						sp = true
					}
				case line.Len() == 0 && broken && head != "":
					// A break the page does not have: take the last
					// paragraph back and go on with it.
					if k := j[joinKey(out[len(out)-1], head)]; k != 0 {
						line.WriteString(out[len(out)-1])
						out = out[:len(out)-1]
						sp = k == spaced
					}
				}
			}
			appendText(&line, &sp, c.Data)
			if line.Len() > 0 {
				broken = false
			}
			continue
		case html.ElementNode:
			a := atomOf(c)
			if skipAtoms[a] {
				continue
			}
			if a == atom.Br {
				flush()
				broken = false // a real line break
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
	return dropRepeats(out)
}

// dropRepeats removes a paragraph that repeats the one before it: list
// items that wrap a paragraph (<li><p>…</p></li>) come out of the
// engine twice.
func dropRepeats(ps []string) []string {
	out := ps[:0]
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// joinContext is how much text on either side of an element boundary
// identifies it: enough to tell one place on a page from another.
const joinContext = 32

// How a page joins the text on two sides of an element boundary.
const (
	unknown = iota // not a boundary inside one line of the page
	glued          // no space: "W<b>ord</b>", "<a>link</a>,"
	spaced         // a space
)

// joins records how a page runs its text on across inline element
// boundaries, keyed by the text before the boundary (its last
// joinContext bytes, white space collapsed) and after it (the next text
// node's first joinContext bytes).
type joins map[string]uint8

func joinKey(before, after string) string {
	before = strings.TrimRight(before, " ")
	return before[len(before)-min(len(before), joinContext):] + "\x00" + after
}

// textHead is the start of a text node's visible text, as appendText
// keeps it, leading white space left out.
func textHead(s string) string {
	var b strings.Builder
	sp := false
	appendText(&b, &sp, s[:min(len(s), 4*joinContext)])
	h := b.String()
	return h[:min(len(h), joinContext)]
}

// pageJoins finds the joins in the page's visible text, in one walk.
func pageJoins(doc *html.Node) joins {
	j := joins{}
	var (
		line strings.Builder
		sp   bool
	)
	eachNode(doc, func(c *html.Node, enter bool) bool {
		switch c.Type {
		case html.TextNode:
			if line.Len() > 0 {
				head := textHead(c.Data)
				if head != "" {
					k := uint8(glued)
					if sp || startsWithSpace(c.Data) {
						k = spaced
					}
					j[joinKey(line.String(), head)] = k
				}
			}
			appendText(&line, &sp, c.Data)
			if line.Len() > 4*joinContext {
				// Only the tail matters; keep the builder small.
				tail := line.String()[line.Len()-2*joinContext:]
				line.Reset()
				line.WriteString(tail)
			}
			return false
		case html.ElementNode:
			a := atomOf(c)
			if skipAtoms[a] {
				return false
			}
			if blockAtoms[a] || a == atom.Br {
				line.Reset()
				sp = false
			}
			return true
		}
		return true
	})
	return j
}

// eachNode walks root's subtree in document order with an explicit
// stack, calling f on entering every node and on leaving the ones it
// entered with f returning true.
func eachNode(root *html.Node, f func(n *html.Node, enter bool) bool) {
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 {
		fr := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if fr.exit {
			f(fr.n, false)
			continue
		}
		if !f(fr.n, true) {
			continue
		}
		stack = append(stack, frame{n: fr.n, exit: true})
		for k := fr.n.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, frame{n: k})
		}
	}
}

// datelineEnd reports whether line ends in a dateline that markup set
// apart from the first word of the story without a space ("<b>BERLIN
// –</b>Die", "<span>OTTAWA (AP)</span>The"): an all-capitals word, with
// its punctuation, before a capitalised word.
func datelineEnd(line, next string) bool {
	r1, n := utf8.DecodeRuneInString(next)
	r2, _ := utf8.DecodeRuneInString(next[n:])
	if !unicode.IsUpper(r1) || !unicode.IsLower(r2) {
		return false
	}
	w := strings.TrimRight(line, " .:,–—-)")
	w = strings.TrimLeft(w[strings.LastIndexByte(w, ' ')+1:], "(")
	letters := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		letters++
	}
	return letters >= 2
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s == "" || unicode.IsSpace(r)
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
