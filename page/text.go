package page

import (
	"slices"
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
// their own, breaking a sentence in three. When it falls back to its
// baseline on a short page, it does the opposite: it takes an
// <article>'s whole text content as one string, so on a minified page
// "<h1>Port strike ends</h1><p>Dock workers" reaches us as "Port strike
// endsDock workers". src holds the page's own text, so each boundary
// reads as the page has it: a block boundary always starts a new
// paragraph, and an inline one is a space, no space ("W<b>ord</b>",
// "CO<sub>2</sub>") or no line break, as on the page. A boundary the
// page does not have is a space. A nil src keeps the text as it is.
func paragraphs(n *html.Node, src *pageText) []string {
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
			if src != nil && !startsWithSpace(c.Data) {
				head := textHead(c.Data)
				switch {
				case line.Len() > 0 && !sp:
					switch k := src.joins[joinKey(line.String(), head)]; {
					case k == blocked:
						flush()
						broken = false
					case k != glued || datelineEnd(line.String(), head):
						sp = true
					}
				case line.Len() == 0 && broken && head != "":
					// A break the page does not have: take the last
					// paragraph back and go on with it.
					if k := src.joins[joinKey(out[len(out)-1], head)]; k == glued || k == spaced {
						line.WriteString(out[len(out)-1])
						out = out[:len(out)-1]
						sp = k == spaced
					}
				}
			}
			from, hide := 0, false
			for _, cut := range src.cuts(c.Data) {
				if !hide {
					appendText(&line, &sp, c.Data[from:cut.at])
				}
				if cut.block {
					flush()
				}
				from, hide = cut.at, cut.hidden
			}
			if !hide {
				appendText(&line, &sp, c.Data[from:])
			}
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
	blocked        // a block boundary: the page sets the two apart
)

// joins records how a page runs its text on across element
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

// pageText is what paragraphs needs to know of the page itself: how it
// joins its text across element boundaries, and its text nodes in
// document order with the block boundaries between them, to find them
// again in text the engine ran together.
type pageText struct {
	joins joins
	runs  []textRun
	// byHead indexes runs by the first headLen bytes of their text (all
	// of it when shorter).
	byHead map[string][]int
}

// A textRun is one text node of the page.
type textRun struct {
	text   string // squeezed: white space and invisible characters left out
	block  bool   // a block boundary lies between it and the text before it
	hidden bool   // in an element that shows no readable text (a button)
}

// headLen is how many bytes of squeezed text index a run: enough to find
// one again, few enough that short runs ("Port strike ends") have a key
// of full length.
const headLen = 8

// chainWindow is how many runs blockStarts looks ahead for the next
// part of a text: nodes the engine dropped (scripts, asides) lie between.
const chainWindow = 16

// pageJoins reads the page's visible text, in one walk. The text of
// elements that show none (buttons, noscript) is indexed too, since the
// engine's text content may hold it, but joins nothing.
func pageJoins(doc *html.Node) *pageText {
	p := &pageText{joins: joins{}, byHead: map[string][]int{}}
	var (
		line      strings.Builder
		sp        bool
		blockTail string // the tail of the text before the last block boundary
		block     = true
		hidden    int // depth inside elements with no readable text
		code      int // depth inside scripts and style sheets, which no engine keeps
	)
	eachNode(doc, func(c *html.Node, enter bool) bool {
		switch c.Type {
		case html.TextNode:
			if code > 0 {
				return false
			}
			if sq := squeeze(c.Data); sq != "" {
				k := sq[:min(len(sq), headLen)]
				p.byHead[k] = append(p.byHead[k], len(p.runs))
				p.runs = append(p.runs, textRun{text: sq, block: block, hidden: hidden > 0})
				block = false
			}
			if hidden > 0 {
				return false
			}
			head := textHead(c.Data)
			switch {
			case head == "":
			case line.Len() > 0:
				k := uint8(glued)
				if sp || startsWithSpace(c.Data) {
					k = spaced
				}
				if key := joinKey(line.String(), head); p.joins[key] != blocked {
					p.joins[key] = k
				}
			case blockTail != "":
				p.joins[joinKey(blockTail, head)] = blocked
				blockTail = ""
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
				d := 1
				if !enter {
					d = -1
				}
				hidden += d
				if a == atom.Script || a == atom.Style {
					code += d
				}
				return true
			}
			if hidden == 0 && (blockAtoms[a] || a == atom.Br) {
				block = true
				if line.Len() > 0 {
					blockTail = line.String()
				}
				line.Reset()
				sp = false
			}
			return true
		}
		return true
	})
	return p
}

// A cut is a place in a text node of the engine's where the page's text
// changes: a block begins, or text that the page does not show (a
// button's, a noscript's) begins or ends.
type cut struct {
	at     int  // byte offset in the engine's text
	block  bool // a block of the page begins here
	hidden bool // the text from here to the next cut is not shown
}

// cuts finds the cuts in s, a text node of the engine's, where s is the
// text of several of the page's text nodes run together (the engine's
// baseline takes an element's whole text content). It follows s through
// the page's runs in order, and stops where it loses them. A text that
// is one run of the page has none.
func (p *pageText) cuts(s string) []cut {
	if p == nil || len(p.runs) == 0 {
		return nil
	}
	sq, pos := squeezeMap(s)
	var cuts []cut
	prev, hidden, n := -1, false, 0
	for off := 0; off < len(sq); n++ {
		i := p.nextRun(sq[off:], prev, off == 0)
		if i < 0 {
			break
		}
		r := p.runs[i]
		if block := off > 0 && r.block; block || r.hidden != hidden {
			at := 0
			if off > 0 {
				at = pos[off]
			}
			cuts = append(cuts, cut{at: at, block: block, hidden: r.hidden})
			hidden = r.hidden
		}
		off += len(r.text)
		prev = i
	}
	if n < 2 {
		return nil
	}
	return cuts
}

// nextRun finds the run that rest begins with: the one after prev, one a
// little further on, or one found by its head (by a shorter head too at
// the start of a text, where short runs like a headline are common).
func (p *pageText) nextRun(rest string, prev int, start bool) int {
	if prev >= 0 && prev+1 < len(p.runs) && strings.HasPrefix(rest, p.runs[prev+1].text) {
		return prev + 1
	}
	for n := min(len(rest), headLen); n > 0; n-- {
		// The longest match, looked for first among the runs after prev;
		// a bounded number of candidates keeps a page of many equal
		// runs linear.
		bucket := p.byHead[rest[:n]]
		after, _ := slices.BinarySearch(bucket, prev+1)
		if best := longestPrefix(p.runs, rest, bucket[after:]); best >= 0 {
			return best
		}
		if best := longestPrefix(p.runs, rest, bucket[:after]); best >= 0 {
			return best
		}
		if !start && n == min(len(rest), headLen) {
			break
		}
	}
	for k := prev + 2; prev >= 0 && k < len(p.runs) && k <= prev+chainWindow; k++ {
		if strings.HasPrefix(rest, p.runs[k].text) {
			return k
		}
	}
	return -1
}

// longestPrefix is the candidate run with the longest text that rest
// begins with, among the first maxCandidates, or -1.
func longestPrefix(runs []textRun, rest string, candidates []int) int {
	best := -1
	for _, k := range candidates[:min(len(candidates), maxCandidates)] {
		if t := runs[k].text; strings.HasPrefix(rest, t) && (best < 0 || len(t) > len(runs[best].text)) {
			best = k
		}
	}
	return best
}

// maxCandidates bounds the runs nextRun compares at one place.
const maxCandidates = 32

// squeeze is s without white space and invisible characters, the form in
// which the page's text and the engine's are compared.
func squeeze(s string) string {
	sq, _ := squeezeMap(s)
	return sq
}

// squeezeMap is squeeze(s) and, for each of its bytes, its offset in s.
func squeezeMap(s string) (string, []int) {
	var b strings.Builder
	var pos []int
	for i, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r >= 0x1c && r <= 0x1f || r == '\u00ad' || r == '\u200b' || r == '\ufeff' || r == '\u2060' {
			continue
		}
		n := b.Len()
		b.WriteRune(r)
		for ; n < b.Len(); n++ {
			pos = append(pos, i)
		}
	}
	return b.String(), pos
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
