package view

import (
	"html"
	"sort"

	"github.com/byline-nlp/byline"
)

// The kinds of layers of marks in the body, outermost first. A mark of an
// inner layer that crosses one of an outer layer is split in two, so the
// HTML stays well nested whatever the stages found. Quotes may take more
// than one layer: reported speech often envelops a direct quote or shares
// words with it, and each quote keeps a layer where it overlaps no other.
const (
	layerSummary = iota
	layerQuote
	layerCue
	layerSpeaker
	layerEntity
)

// A mark is one span to highlight.
type mark struct {
	byline.Span
	ref  int // index into the summary's sentences, the quotes or the entities
	part int // a quote's part
}

// A layer is a kind of mark and its marks, sorted by position and not
// overlapping one another.
type layer struct {
	kind  int
	marks []mark
}

// marks returns the layers of marks, outermost first. Within a layer of
// summary sentences, cues, speakers or entities a mark that overlaps an
// earlier one is dropped; quotes are never dropped but stacked, indirect
// ones (the widest) outermost.
func (r *renderer) marks() []layer {
	body := r.doc.Body
	var summary, cues, speakers, entities []mark
	add := func(ms *[]mark, s byline.Span, ref, part int) {
		if validSpan(s, body) {
			*ms = append(*ms, mark{Span: s, ref: ref, part: part})
		}
	}
	if r.a.Summary != nil {
		for i, s := range r.a.Summary.Sentences {
			add(&summary, s.Span, i, 0)
		}
	}
	for i, q := range r.a.Quotes {
		add(&cues, q.CueSpan, i, 0)
		add(&speakers, q.SpeakerSpan, i, 0)
	}
	for i, e := range r.a.Entities {
		for _, m := range e.Mentions {
			add(&entities, m.Span, i, 0)
		}
	}
	ls := []layer{{kind: layerSummary, marks: disjoint(summary)}}
	ls = append(ls, r.quoteLayers()...)
	return append(ls,
		layer{kind: layerCue, marks: disjoint(cues)},
		layer{kind: layerSpeaker, marks: disjoint(speakers)},
		layer{kind: layerEntity, marks: disjoint(entities)})
}

// quoteLayers puts each quote's parts in the first layer where none of
// them overlaps a mark already there, indirect quotes first.
func (r *renderer) quoteLayers() []layer {
	order := make([]int, len(r.a.Quotes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		return r.a.Quotes[order[i]].Kind == byline.IndirectQuote && r.a.Quotes[order[j]].Kind != byline.IndirectQuote
	})
	var ls []layer
	for _, i := range order {
		var parts []mark
		for j, p := range r.a.Quotes[i].Parts {
			if validSpan(p, r.doc.Body) {
				parts = append(parts, mark{Span: p, ref: i, part: j})
			}
		}
		if len(parts) == 0 {
			continue
		}
		l := 0
		for l < len(ls) && overlapsAny(ls[l].marks, parts) {
			l++
		}
		if l == len(ls) {
			ls = append(ls, layer{kind: layerQuote})
		}
		ls[l].marks = append(ls[l].marks, parts...)
	}
	for l := range ls {
		sortMarks(ls[l].marks)
	}
	return ls
}

// overlapsAny reports whether a mark of ms overlaps one of parts.
func overlapsAny(ms, parts []mark) bool {
	for _, m := range ms {
		for _, p := range parts {
			if m.Start < p.End && p.Start < m.End {
				return true
			}
		}
	}
	return false
}

func sortMarks(ms []mark) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End > b.End
	})
}

// disjoint sorts ms by position and drops each mark that overlaps an
// earlier one.
func disjoint(ms []mark) []mark {
	sortMarks(ms)
	kept := ms[:0]
	end := 0
	for _, m := range ms {
		if m.Start >= end {
			kept = append(kept, m)
			end = m.End
		}
	}
	return kept
}

// open is a mark's element written but not yet closed.
type open struct {
	layer, index int  // the mark: ls[layer].marks[index]
	first        bool // the element starts at the mark's start
}

// body writes the Document's paragraphs (text between them is only
// white space) with their marks.
func (r *renderer) body() {
	ls := r.marks()
	paras := r.doc.Paragraphs
	next := make([]int, len(ls)) // per layer, the first mark not wholly before pos
	var stack, want []open
	for _, p := range paras {
		if !validSpan(p, r.doc.Body) {
			continue
		}
		r.b.WriteString("<p>")
		for pos := p.Start; pos < p.End; {
			want = want[:0]
			end := p.End
			for l, ly := range ls {
				for next[l] < len(ly.marks) && ly.marks[next[l]].End <= pos {
					next[l]++
				}
				if next[l] == len(ly.marks) {
					continue
				}
				m := ly.marks[next[l]]
				if m.Start <= pos {
					want = append(want, open{layer: l, index: next[l], first: m.Start == pos})
					end = min(end, m.End)
				} else {
					end = min(end, m.Start)
				}
			}
			keep := 0
			for keep < len(stack) && keep < len(want) && stack[keep].layer == want[keep].layer && stack[keep].index == want[keep].index {
				keep++
			}
			for len(stack) > keep {
				r.close(ls, stack[len(stack)-1], pos)
				stack = stack[:len(stack)-1]
			}
			for _, o := range want[keep:] {
				r.open(ls, o)
				stack = append(stack, o)
			}
			r.text(r.doc.Body[pos:end])
			pos = end
		}
		for len(stack) > 0 {
			r.close(ls, stack[len(stack)-1], p.End)
			stack = stack[:len(stack)-1]
		}
		r.b.WriteString("</p>\n")
	}
}

func cont(o open) string {
	if o.first {
		return ""
	}
	return " " + ClassContinued
}

func (r *renderer) open(ls []layer, o open) {
	m := ls[o.layer].marks[o.index]
	switch ls[o.layer].kind {
	case layerSummary:
		r.printf("<mark class=\"%s%s\" data-summary=\"%d\">", ClassSummary, cont(o), m.ref)
		if o.first {
			r.b.WriteString("<span class=\"bv-sr\">Summary sentence: </span>")
		}
	case layerQuote:
		q := r.a.Quotes[m.ref]
		r.printf("<span class=\"%s bv-%s%s\" data-quote=\"%d\"", ClassQuote, q.Kind, cont(o), m.ref)
		if o.first {
			r.printf(" tabindex=\"0\" aria-describedby=\"bv-q%d-%d\"", m.ref, m.part)
		}
		r.b.WriteString(">")
	case layerCue:
		r.printf("<span class=\"%s%s\" data-quote=\"%d\">", ClassCue, cont(o), m.ref)
	case layerSpeaker:
		q := r.a.Quotes[m.ref]
		if q.Entity >= 0 && q.Entity < len(r.a.Entities) {
			r.printf("<a class=\"%s%s\" data-quote=\"%d\" href=\"#bv-ent-%d\">", ClassSpeaker, cont(o), m.ref, q.Entity)
		} else {
			r.printf("<span class=\"%s%s\" data-quote=\"%d\">", ClassSpeaker, cont(o), m.ref)
		}
	case layerEntity:
		e := r.a.Entities[m.ref]
		// No aria-label: <mark> may not be named (ARIA in HTML); the
		// type is spoken from the label instead.
		r.printf("<mark class=\"%s %s%s\" data-entity=\"%d\">", ClassEntity, typeClass(e.Type), cont(o), m.ref)
	}
}

// close ends o's element at pos, adding an entity's type label where its
// mention ends (shown as the tag, spoken as the word) and a quote part's
// tooltip to its first piece.
func (r *renderer) close(ls []layer, o open, pos int) {
	m := ls[o.layer].marks[o.index]
	switch ls[o.layer].kind {
	case layerSummary:
		r.b.WriteString("</mark>")
	case layerQuote:
		if o.first {
			r.tip(m)
		}
		r.b.WriteString("</span>")
	case layerCue:
		r.b.WriteString("</span>")
	case layerSpeaker:
		q := r.a.Quotes[m.ref]
		if q.Entity >= 0 && q.Entity < len(r.a.Entities) {
			r.b.WriteString("</a>")
		} else {
			r.b.WriteString("</span>")
		}
	case layerEntity:
		if pos == m.End {
			t := r.a.Entities[m.ref].Type
			r.printf("<span class=\"bv-lbl\"><span aria-hidden=\"true\">%s</span><span class=\"bv-sr\"> (%s)</span></span>",
				html.EscapeString(string(t)), html.EscapeString(typeName(t)))
		}
		r.b.WriteString("</mark>")
	}
}

// tip writes a quote part's tooltip: speaker (linked to the entity list),
// cue and kind.
func (r *renderer) tip(m mark) {
	q := r.a.Quotes[m.ref]
	r.printf("<span class=\"bv-tip\" role=\"tooltip\" id=\"bv-q%d-%d\"><span class=\"bv-tk\">Speaker</span> ", m.ref, m.part)
	name, mention := speakerLabel(q)
	switch {
	case name == "":
		r.b.WriteString("unknown")
	case q.Entity >= 0 && q.Entity < len(r.a.Entities):
		r.printf("<a href=\"#bv-ent-%d\">", q.Entity)
		r.text(name)
		r.b.WriteString("</a>")
	default:
		r.text(name)
	}
	if mention != "" {
		r.b.WriteString(" (“")
		r.text(mention)
		r.b.WriteString("”)")
	}
	r.b.WriteString("<br><span class=\"bv-tk\">Cue</span> ")
	if q.Cue != "" {
		r.text(q.Cue)
	} else {
		r.b.WriteString("none")
	}
	r.printf(" · %s quote · newsworthiness %.2f</span>", q.Kind, q.Score)
}
