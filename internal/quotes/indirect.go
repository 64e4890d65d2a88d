package quotes

import (
	"cmp"
	"iter"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/byline-nlp/byline/internal/text"
)

// Reported speech without quotation marks ("he said the plan would
// fail", "according to the ministry, the talks collapsed", "the talks
// had collapsed, the minister told reporters") is found in two steps.
// Every word the cue lexicon gives a prior proposes content spans of a
// few shapes around it, each with a speaker; a logistic regression
// learned from PolNeAR train scores each span, and the best spans that
// do not repeat one another are kept.

// Indirect candidate shapes.
const (
	shapeAfter   = iota // cue, then the content: "he said (that) …"
	shapeBefore         // content, then speaker and cue: "…, he said."
	shapeAround         // the cue interrupts the content: "…, he said, …"
	shapeSource         // "according to X, …"
	shapePassive        // the subject of a passive cue: "the meeting was first reported by X"
	numShapes
)

// How a candidate's content ends.
const (
	endSentence    = iota // at the sentence end
	endClause             // at the first comma, semicolon, colon or dash
	endCoordinated        // before "and" or "but" and another cue
	endContinued          // a quote in two-apostrophe marks running on past the sentence
	numEnds
)

// An indirectCand is one proposed reported clause.
type indirectCand struct {
	shape   int
	end     int       // how the content ends: endSentence, endClause, endCoordinated, endContinued
	cue     int       // token index of the cue word
	content text.Span // the reported clause
	speaker text.Span
	hasSp   bool
	hasThat bool
	spKind  byte // speakerKind
	// apostrophes: the content is in two-apostrophe quotation marks,
	// which hold no double quotation mark
	apostrophes bool
	// brk is the token index of the first clause break after the
	// content's start (comma, semicolon, colon, dash, parenthesis), -1
	// when none is looked for or found: what follows it tells a clause
	// that ends there ("…, which votes in March") from one that runs on
	brk int
	// objectSpeaker: the content opens with the speaker named after an
	// inverted cue ("…,” said Ann Lee, a pollster), not with what was said
	objectSpeaker bool
	// sentEnd is the index after the sentence's last word
	sentEnd int
	// speech: the cue is a plain reporting verb (speechWord), which has
	// a threshold of its own
	speech bool
	// taken: the cue also attributes a quotation-mark quote ("He said
	// the plan would fail: “…”"), so the clause is one more of its own
	taken bool
	prob  float64
	// rank orders the clauses of one cue (indirectTables.ranker)
	rank float64
}

// clauseWindow bounds, in tokens, how far from a cue its clause break
// or its sentence's subject is looked for, so that a sentence thousands
// of tokens long (a list, markup) costs linear time, not quadratic.
const clauseWindow = 120

// indirectPriorMin is the least prior a word needs to propose spans.
const indirectPriorMin = 0.02

// usePriors looks up every token's cue prior in lex, once per distinct
// word, and counts the strong cues (prior 0.3 or more) before each
// token, so that the candidates' features cost no lookups.
func (x *quoteExtractor) usePriors(lex map[string]float64) {
	x.pri = cleared(x.scr.pri, len(x.toks))
	x.strong = cleared(x.scr.strong, len(x.toks)+1)
	x.scr.pri, x.scr.strong = x.pri, x.strong
	// each word's prior, by vocab id, looked up when first met
	byWord := cleared(x.scr.byWord, len(x.voc.words))
	known := cleared(x.scr.known, len(x.voc.words))
	x.scr.byWord, x.scr.known = byWord, known
	headline := x.headlines()
	strong := int32(0) // strong cues so far
	for k := range x.toks {
		p := 0.0
		switch id, ok := x.priorWord(k); {
		case !ok:
			// a headline's words are capitalised: Minister Says Talks Collapsed
			if headline != nil && headline[k] {
				if q := lex[x.lw(k)]; q > 0 {
					p = q
				}
			}
		case id < 0:
			p = lex[x.toks[k].Text]
		default:
			if !known[id] {
				// the vocab hashed the word: most words are not in
				// the shipped lexicon, which its hashes' bits tell
				// without a lookup
				if x.lexHashes == nil || x.lexHashes.may(x.voc.hashes[id]) {
					byWord[id] = lex[x.voc.words[id]]
				}
				known[id] = true
			}
			p = byWord[id]
		}
		x.pri[k] = p
		if p >= 0.3 {
			strong++
		}
		x.strong[k+1] = strong
	}
}

// headlines marks the tokens of title-cased sentences (a headline whose
// every longer word is capitalised), whose words are looked up
// lowercased; nil when there are none.
func (x *quoteExtractor) headlines() []bool {
	var out []bool
	for si := range x.doc.Sentences {
		s := &x.doc.Sentences[si]
		long := 0
		for k := range s.Tokens {
			t := &s.Tokens[k]
			if t.Kind != text.Word || len(t.Text) < 4 {
				continue
			}
			if c := t.Text[0]; c < 'A' || c > 'Z' {
				long = -1 // a longer word in lowercase: not a headline
				break
			}
			long++
		}
		if long < 3 {
			continue
		}
		if out == nil {
			out = make([]bool, len(x.toks))
		}
		for k := s.First; k < s.First+len(s.Tokens); k++ {
			out[k] = true
		}
	}
	return out
}

// priorWord says whether token k can have a cue prior, and the id of the
// word whose prior it is, or -1 when it is looked up as written. A word
// that opens in lowercase is looked up as written ("iPhone" is not
// "iphone"), "According" and a sentence's first word lowercased ("Asked
// whether …, she said"), and other capitalised words have none.
func (x *quoteExtractor) priorWord(k int) (int32, bool) {
	t := &x.toks[k]
	if t.Kind != text.Word || len(t.Text) < 2 {
		return 0, false
	}
	c := t.Text[0]
	if c == 'A' && t.Text == "According" || c >= 'A' && c <= 'Z' && sentenceInitial(x.toks, k) {
		return x.voc.tok[k], true
	}
	if c < 'a' || c > 'z' {
		return 0, false
	}
	if id := x.voc.tok[k]; x.voc.words[id] == t.Text {
		return id, true
	}
	return -1, true
}

// sentenceInitial reports whether token k opens a sentence (or the
// text): the token before it ends one.
func sentenceInitial(toks []text.Token, k int) bool {
	return k == 0 || isSentEnd(toks[k-1].Text)
}

// prior returns the cue prior of token k (see usePriors).
func (x *quoteExtractor) prior(k int) float64 { return x.pri[k] }

// contentEnd is the byte end of sentence tokens [a, b) without trailing
// punctuation, and the index after its last word.
func (x *quoteExtractor) contentEnd(a, b int) (int, int) {
	e := b
	for e > a && x.toks[e-1].Kind == text.Punct {
		e--
	}
	if e == a {
		return x.toks[a].Start, a
	}
	return x.toks[e-1].End, e
}

// overlapsSeg reports whether [start, end) holds a quotation-mark
// segment: such content is a direct or mixed quote, not indirect.
func (x *quoteExtractor) overlapsSeg(start, end int) bool {
	i := sort.Search(len(x.segs), func(i int) bool { return x.segs[i].end > start })
	return i < len(x.segs) && x.segs[i].start < end
}

// indirectCands proposes reported clauses in one sentence, tokens [a, b).
func (x *quoteExtractor) indirectCands(a, b int, out []indirectCand) []indirectCand {
	t := x.toks
	endByte, endTok := x.contentEnd(a, b)
	// a cue's candidates share one or two speakers: classify each once
	var lastSp text.Span
	var lastKind byte
	add := func(c indirectCand) {
		// a clause may be one short word: "Asked why, …", "said no"
		if c.content.End-c.content.Start < 3 || x.overlapsSeg(c.content.Start, c.content.End) {
			return
		}
		// a cue with a quotation-mark quote of its own needs the general
		// threshold to report a clause as well
		c.taken = c.cue < len(x.takenCue) && x.takenCue[c.cue]
		c.speech = speechWord(x.lw(c.cue)) && !c.taken
		c.sentEnd = endTok
		if !c.hasSp {
			c.spKind = '-'
		} else if c.speaker == lastSp && lastKind != 0 {
			c.spKind = lastKind
		} else {
			c.spKind = x.speakerKind(&c)
			lastSp, lastKind = c.speaker, c.spKind
		}
		out = append(out, c)
	}
	least := max(indirectPriorMin, x.cueMin)
	for k := a; k < endTok; k++ {
		p := x.prior(k)
		if p < least && (!x.speechAnyPrior || p < indirectPriorMin || !speechWord(x.lw(k))) {
			continue
		}
		lw := x.lw(k)
		if x.noAdjectival && x.adjectival(k, endTok) {
			continue
		}
		if lw == "according" {
			if k+1 >= endTok || x.lw(k+1) != "to" {
				continue
			}
			sp, ok := x.objectAfter(k, Source, endTok)
			c := k + 2
			for c < endTok && c-k < clauseWindow && t[c].Text != "," {
				c++
			}
			if c+1 < endTok {
				add(indirectCand{shape: shapeSource, cue: k, content: text.Span{Start: t[c+1].Start, End: endByte}, speaker: sp, hasSp: ok, brk: x.clauseBreak(c+2, endTok)})
			}
			if k-1 > a && t[k-1].Text == "," {
				add(indirectCand{shape: shapeBefore, cue: k, content: text.Span{Start: t[a].Start, End: t[k-2].End}, speaker: sp, hasSp: ok, brk: -1})
				// "the plan, according to officials, would fail": the
				// source interrupts the clause, whose envelope is the
				// sentence
				if c+1 < endTok {
					add(indirectCand{shape: shapeAround, cue: k, content: text.Span{Start: t[a].Start, End: endByte}, speaker: sp, hasSp: ok, brk: -1})
				}
			}
			continue
		}
		// after the cue: skip its particle, a pronoun object, and "that"
		j := k + 1
		if pt := Particle(lw); pt != "" && j < endTok && x.lw(j) == pt {
			j++
		}
		if x.cueOf(k) == Addressed && j < endTok && t[j].Kind == text.Word {
			if addressee(x.lw(j)) {
				j++
			}
		}
		hasThat := false
		ask := asking(lw)
		for m := j; m < endTok && m < j+5; m++ {
			if t[m].Kind == text.Punct && t[m].Text != "," {
				break
			}
			if x.lw(m) == "that" {
				j, hasThat = m+1, true
				break
			}
			// "asked Ann on Monday whether …": the question opens the clause
			if ask && m > j && whWord(x.lw(m)) {
				j = m
				break
			}
		}
		bsp, bok := x.subjectBefore(k, a)
		sp, ok := bsp, bok
		if !ok {
			sp, ok = x.sentenceSubject(k, a)
		}
		cb, ap := x.commaBefore(k, a)
		var osp text.Span
		ook := false
		if cb > a+1 {
			osp, ook = x.objectAfter(k, Speech, endTok)
		}
		if j+1 < endTok {
			brk := x.clauseBreak(j+1, endTok)
			c := indirectCand{shape: shapeAfter, cue: k, content: text.Span{Start: t[j].Start, End: endByte}, speaker: sp, hasSp: ok, hasThat: hasThat, brk: brk}
			if ook && osp.Start == t[j].Start {
				e := x.tokAt(osp.End)
				c.objectSpeaker = e >= endTok || t[e].Text == ","
			}
			add(c)
			if brk >= 0 {
				c.end, c.content.End = endClause, t[brk-1].End
				add(c)
			}
			for m := j + 1; m+1 < endTok && m-j < clauseWindow; m++ {
				if lm := x.lw(m); (lm == "and" || lm == "but") && (x.prior(m+1) >= 0.2 || m+2 < endTok && Skip(x.lw(m+1)) && x.prior(m+2) >= 0.2) {
					end := m - 1
					if t[end].Text == "," {
						end--
					}
					if end > j {
						c.end, c.content.End = endCoordinated, t[end].End
						add(c)
					}
					break
				}
			}
		}
		// a passive cue reports its subject: "the meeting was first
		// reported by X", "some advisers are said to …"
		if lo, hi := x.passiveSubject(k, a); hi >= lo {
			c := indirectCand{shape: shapePassive, cue: k, content: text.Span{Start: t[lo].Start, End: t[hi].End}, brk: -1}
			if by := k + 1; by < endTok && x.lw(by) == "by" {
				c.speaker, c.hasSp = x.objectAfter(by, Speech, endTok)
			}
			add(c)
		}
		// before the cue: "…, the minister said" / "…, said the minister"
		// (the comma may sit inside two-apostrophe quotation marks:
		// ''…,'' she said)
		if cb > a+1 {
			if ook {
				x.addBefore(add, indirectCand{shape: shapeBefore, cue: k, content: text.Span{Start: t[a].Start, End: t[cb-1].End}, speaker: osp, hasSp: true, brk: -1}, ap, b)
			}
			continue
		}
		// the cue ends the clause: "…, she said." / "…, she said on
		// Monday" / "…, she said, …", not "…, she said the …"; an
		// addressed cue may first name its listener: "…, he told the
		// Journal."
		if n := k + 1; n < endTok && !x.endsAttribution(n) {
			if x.cueOf(k) != Addressed {
				continue
			}
			e := n + 1 // after "him", "reporters", …
			if !addressee(x.lw(n)) {
				lis, ok := x.objectAfter(k, Speech, endTok)
				if !ok {
					continue
				}
				e = x.tokAt(lis.End)
			}
			if e < endTok && !x.endsAttribution(e) {
				continue
			}
		}
		c, ap := -1, false
		if bok {
			c, ap = x.commaBefore(x.tokAt(bsp.Start), a)
		}
		if c <= a+1 {
			// "…, a source close to him said", "…, the congressional
			// report said": the subject rules find no speaker right
			// after the comma, but the words between it and the cue are
			// one phrase
			var ok bool
			if c, bsp, ap, ok = x.phraseBefore(k, a); !ok {
				continue
			}
		}
		x.addBefore(add, indirectCand{shape: shapeBefore, cue: k, content: text.Span{Start: t[a].Start, End: t[c-1].End}, speaker: bsp, hasSp: true, brk: -1}, ap, b)
		if k+2 < endTok && (t[k+1].Text == "," || k+3 < endTok && t[k+2].Text == "," && t[k+1].Kind == text.Word) {
			add(indirectCand{shape: shapeAround, cue: k, content: text.Span{Start: t[a].Start, End: endByte}, speaker: bsp, hasSp: true, brk: -1})
		}
	}
	return out
}

// phraseBefore finds, for the cue at token k in a sentence starting at
// token a, the comma at most 12 tokens back with no other punctuation
// between it and the cue's auxiliaries and adverbs. It returns the
// comma's index, the words between as the speaker, and whether
// apostrophes close a quotation before the comma (”…,” a source said);
// ok is false when there is no such comma.
func (x *quoteExtractor) phraseBefore(k, a int) (int, text.Span, bool, bool) {
	t := x.toks
	j := k - 1
	for j > a && t[j].Kind == text.Word && (Skip(x.lw(j)) || isAdverb(x.lw(j))) {
		j--
	}
	m := j
	for m > a && k-m <= 12 && t[m].Kind != text.Punct {
		m--
	}
	if m >= j || t[m].Kind != text.Punct {
		return -1, text.Span{}, false, false
	}
	if t[m].Text == "'" || t[m].Text == "’" {
		c, ap := x.commaBefore(m+1, a)
		if c <= a+1 {
			return -1, text.Span{}, false, false
		}
		return c, text.Span{Start: t[m+1].Start, End: t[j].End}, ap, true
	}
	if t[m].Text != "," || m <= a+1 {
		return -1, text.Span{}, false, false
	}
	return m, text.Span{Start: t[m+1].Start, End: t[j].End}, false, true
}

// adjectival reports whether the cue word at token k is a participle
// used as an adjective before a noun: after an article, a possessive or
// a preposition and before a content word ("for repeated supply
// failures", "the reported figures"), not "officials repeated warnings".
func (x *quoteExtractor) adjectival(k, end int) bool {
	w := x.lw(k)
	if k == 0 || k+1 >= end || !(strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) {
		return false
	}
	switch x.lw(k - 1) {
	case "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
		"for", "of", "with", "by", "from", "in", "on", "over", "against", "after", "amid", "despite", "about":
	default:
		return false
	}
	n := x.toks[k+1]
	if n.Kind != text.Word || isCapTok(n) {
		return false
	}
	nl := x.lw(k + 1)
	return !x.stopAt(k+1) && Cue(nl) == NotCue
}

// passiveSubject returns the tokens [lo, hi] of the subject of cue k
// when it is a passive participle ("was announced", "is widely
// reported", "had been told"), back to the sentence start a, a comma or
// a word that opens a clause; hi < lo when k is not passive.
func (x *quoteExtractor) passiveSubject(k, a int) (int, int) {
	w := x.lw(k)
	switch {
	case strings.HasSuffix(w, "ed"):
	case w == "said", w == "told", w == "written", w == "known", w == "thought", w == "shown", w == "seen":
	default:
		return 0, -1
	}
	m := k - 1
	for m > a && k-m <= 2 && (isAdverb(x.lw(m)) || x.lw(m) == "first" || x.lw(m) == "not") {
		m--
	}
	if m <= a {
		return 0, -1
	}
	switch x.lw(m) {
	case "is", "was", "are", "were", "been", "being", "be":
	default:
		return 0, -1
	}
	hi := m - 1
	for hi >= a {
		switch x.lw(hi) {
		case "has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "must", "to", "not":
			hi--
			continue
		}
		break
	}
	lo := hi
	for lo > a && hi-lo < clauseWindow {
		switch p := x.lw(lo - 1); {
		case p == "," || p == ";" || p == ":" || p == "(" || p == "—" || p == "–" || p == "--" || p == "-":
		case p == "that" || p == "after" || p == "when" || p == "which" || p == "who" || p == "because" || p == "if" ||
			p == "as" || p == "while" || p == "since" || p == "before" || p == "until" || p == "although" || p == "though" || p == "and" || p == "but":
		default:
			lo--
			continue
		}
		break
	}
	if hi < lo || x.toks[hi].Kind != text.Word {
		return 0, -1
	}
	return lo, hi
}

// asking reports whether w is a form of "ask", whose clause is a
// question: "asked whether …", "asks how …".
func asking(w string) bool {
	switch w {
	case "ask", "asks", "asked", "asking":
		return true
	}
	return false
}

// whWord reports whether w opens an indirect question.
func whWord(w string) bool {
	switch w {
	case "whether", "if", "how", "what", "why", "who", "when", "where", "which":
		return true
	}
	return false
}

// addressee reports whether w is a listener an addressed cue names
// before its clause: "told him (that) …", "told reporters …".
func addressee(w string) bool {
	switch w {
	case "him", "her", "them", "us", "me", "reporters", "journalists":
		return true
	}
	return false
}

// clauseBreak returns the first clause break (comma, semicolon, colon,
// dash or opening parenthesis) in tokens [from, end), looking at most
// clauseWindow tokens, or -1.
func (x *quoteExtractor) clauseBreak(from, end int) int {
	for m := from; m < end && m-from < clauseWindow; m++ {
		switch x.toks[m].Text {
		case ",", ";", ":", "—", "–", "--", "-", "(":
			return m
		}
	}
	return -1
}

// endsAttribution reports whether token n may follow a cue that ends its
// clause: a comma, or a word closesAttribution allows ("on Monday",
// "Tuesday", "in a statement").
func (x *quoteExtractor) endsAttribution(n int) bool {
	if x.toks[n].Text == "," || isWeekday(x.toks[n].Text) {
		return true
	}
	return closesAttribution(x.lw(n))
}

// closesAttribution reports whether w may follow a cue that ends its
// clause: a preposition or adverb opening "on Monday", "in a statement".
func closesAttribution(w string) bool {
	switch w {
	case "on", "in", "at", "during", "after", "before", "last", "this", "yesterday", "today", "earlier", "later", "recently", "repeatedly", "afterward", "afterwards", "again", "then", "when", "while", "as":
		return true
	}
	return isAdverb(w)
}

// commaBefore returns the index of the comma right before token i, with
// only apostrophes between (”…,” she said), and whether there were
// apostrophes; -1 when there is none after token lo.
func (x *quoteExtractor) commaBefore(i, lo int) (int, bool) {
	j := i - 1
	for j > lo && (x.toks[j].Text == "'" || x.toks[j].Text == "’") {
		j--
	}
	if j > lo && x.toks[j].Text == "," {
		return j, j < i-1
	}
	return -1, false
}

// addBefore adds a before-the-cue candidate and, when the content is in
// two-apostrophe marks and the next sentence of the paragraph opens
// them again, a candidate running on to where they close.
func (x *quoteExtractor) addBefore(add func(indirectCand), c indirectCand, apostrophes bool, b int) {
	c.apostrophes = apostrophes
	add(c)
	if !apostrophes {
		return
	}
	t := x.toks
	para := x.doc.SentenceAt(t[b-1].Start)
	if para < 0 {
		return
	}
	p := x.doc.Sentences[para].Paragraph
	end := -1
	for si := para + 1; si < len(x.doc.Sentences); si++ {
		s := x.doc.Sentences[si]
		if s.Paragraph != p || si == para+1 && (len(s.Tokens) < 2 || s.Tokens[0].Text != "'" || s.Tokens[1].Text != "'") {
			break
		}
		e, _ := x.contentEnd(s.First, s.First+len(s.Tokens))
		end = e
		if n := len(s.Tokens); n >= 2 && s.Tokens[n-1].Text == "'" && s.Tokens[n-2].Text == "'" {
			break
		}
	}
	if end > c.content.End {
		c.end, c.content.End = endContinued, end
		add(c)
	}
}

// jaccard is the Jaccard of two byte intervals.
func jaccard(a, b text.Span) float64 {
	in := min(a.End, b.End) - max(a.Start, b.Start)
	if in <= 0 {
		return 0
	}
	return float64(in) / float64(max(a.End, b.End)-min(a.Start, b.Start))
}

// scoreIndirect proposes and scores the document's reported clauses:
// each one's probability by m and its rank among its cue's clauses by
// the weights rank (its probability when rank is empty).
func (x *quoteExtractor) scoreIndirect(lex map[string]float64, ctx func([]byte) float64, m *Model, rank []float64) []indirectCand {
	x.usePriors(lex)
	cands := x.scr.cands[:0]
	for _, sen := range x.doc.Sentences {
		cands = x.indirectCands(sen.First, sen.First+len(sen.Tokens), cands)
	}
	f := make([]float64, numIndirectFeatures)
	x.ctxCue = 0 // ctx may be another table than last time
	for i := range cands {
		x.indirectFeatures(ctx, &cands[i], f)
		cands[i].prob = m.Prob(f)
		if len(rank) == 0 {
			cands[i].rank = cands[i].prob
			continue
		}
		r := 0.0
		fr := f[:len(rank)] // one bounds test, not one per weight
		for j, w := range rank {
			r += w * fr[j]
		}
		cands[i].rank = r
	}
	x.scr.cands = cands
	return cands
}

// pickIndirect keeps, most probable first, one clause per cue among the
// candidates at or above their threshold (speechTh for a plain reporting
// cue, th for any other): when a cue comes up, its best ranked clause
// that does not repeat a kept one (Jaccard 0.5 or more). It appends
// them to kept, whose array Extract reuses from document to document.
func pickIndirect(kept, cands []indirectCand, th, speechTh float64) []indirectCand {
	// indexes, most probable first (sorting the structs cost more)
	order := make([]int32, 0, 2*len(cands))
	for i, c := range cands {
		if c.prob >= th || c.speech && c.prob >= speechTh {
			order = append(order, int32(i))
		}
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(cands[b].prob, cands[a].prob) })
	// the same indexes by cue, each cue's most probable first: a cue's
	// clauses are one run, found by binary search, where a map of runs
	// cost more than the rest of the choice
	byCue := append(order[len(order):], order...) // in order's spare capacity
	slices.SortStableFunc(byCue, func(a, b int32) int { return cmp.Compare(cands[a].cue, cands[b].cue) })
	cues := 0
	for i := range byCue {
		if i == 0 || cands[byCue[i]].cue != cands[byCue[i-1]].cue {
			cues++
		}
	}
	repeats := func(c *indirectCand, kept []indirectCand) bool {
		for _, k := range kept {
			if jaccard(k.content, c.content) >= 0.5 {
				return true
			}
		}
		return false
	}
	done := make([]bool, len(byCue)) // by the first index of a cue's run
	kept = slices.Grow(kept, cues)
	start := len(kept)
	for _, i := range order {
		cue := cands[i].cue
		lo, _ := slices.BinarySearchFunc(byCue, cue, func(j int32, cue int) int { return cmp.Compare(cands[j].cue, cue) })
		if done[lo] {
			continue // the cue has had its turn
		}
		done[lo] = true
		hi := lo + 1
		for hi < len(byCue) && cands[byCue[hi]].cue == cue {
			hi++
		}
		best := int32(-1)
		for _, j := range byCue[lo:hi] {
			if (best < 0 || cands[j].rank > cands[best].rank) && !repeats(&cands[j], kept[start:]) {
				best = j
			}
		}
		if best >= 0 {
			kept = append(kept, cands[best])
		}
	}
	return kept
}

// speechWord reports whether a cue word is one of the plain reporting
// verbs of SpeechCue ("according" standing for "according to").
func speechWord(w string) bool {
	switch w {
	case "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added",
		"state", "states", "stated", "note", "notes", "noted", "according", "claim", "claims", "claimed",
		"argue", "argues", "argued", "announce", "announces", "announced", "warn", "warns", "warned",
		"explain", "explains", "explained", "insist", "insists", "insisted", "report", "reports", "reported",
		"write", "writes", "wrote", "ask", "asks", "asked", "deny", "denies", "denied", "suggest", "suggests",
		"suggested", "acknowledge", "acknowledges", "acknowledged", "respond", "responds", "responded",
		"reply", "replies", "replied", "confirm", "confirms", "confirmed", "declare", "declares", "declared",
		"assert", "asserts", "asserted", "admit", "admits", "admitted", "predict", "predicts", "predicted",
		"urge", "urges", "urged", "promise", "promises", "promised", "recall", "recalls", "recalled",
		"tweet", "tweets", "tweeted", "testify", "testified", "contend", "contends", "contended",
		"maintain", "maintains", "maintained":
		return true
	}
	return false
}

// indirect appends the reported speech the indirect model keeps.
func (x *quoteExtractor) indirect(out []Quote) []Quote {
	t := shippedIndirect()
	x.cueMin, x.noAdjectival, x.speechAnyPrior = t.cueMin, t.skipAdjectival, t.speechAnyPrior
	x.lexHashes = usedCueHashes()
	defer func() { x.lexHashes = nil }()
	return x.appendIndirect(out, usedCues(), contextLogit, t.model, t.ranker, t.speechThreshold)
}

// usedCueHashes are the hashWord bits of usedCues' words.
var usedCueHashes = sync.OnceValue(func() *hashBits { return hashBitsOf(maps.Keys(usedCues())) })

// hashBitsOf returns the hashBits of words.
func hashBitsOf(words iter.Seq[string]) *hashBits {
	var b hashBits
	for w := range words {
		b.add(hashWord(w))
	}
	return &b
}

// hashBits is a one-hash Bloom filter over words' hashWord values: a
// clear bit says no word of the set has the hash. With a thousand words
// about one bit in sixteen is set.
type hashBits [1 << 14 / 64]uint64

func (b *hashBits) add(h uint32) { h &= 1<<14 - 1; b[h/64] |= 1 << (h % 64) }

// may reports whether some word of the set may have hash h.
func (b *hashBits) may(h uint32) bool { h &= 1<<14 - 1; return b[h/64]&(1<<(h%64)) != 0 }

// usedCues is the shipped cue priors without the words whose prior no
// rule reads once the first filter is applied: candidates need its least
// prior, and the features ask only whether a prior reaches 0.2 or 0.3.
// The smaller map is the same model, looked up faster.
var usedCues = sync.OnceValue(func() map[string]float64 {
	t := shippedIndirect()
	least := min(0.2, t.cueMin)
	m := map[string]float64{}
	for w, p := range t.cues {
		if p >= least || t.speechAnyPrior && speechWord(w) {
			m[w] = p
		}
	}
	return m
})

func (x *quoteExtractor) appendIndirect(out []Quote, lex map[string]float64, ctx func([]byte) float64, m *Model, rank []float64, speechTh float64) []Quote {
	if m == nil || len(m.Weights) == 0 {
		return out
	}
	x.markTaken(out)
	cands := x.scoreIndirect(lex, ctx, m, rank)
	kept := pickIndirect(x.scr.kept[:0], cands, m.Threshold, speechTh)
	x.scr.kept = kept
	// in order of position, as the quotes they become are merged
	slices.SortStableFunc(kept, func(a, b indirectCand) int { return a.content.Start - b.content.Start })
	return x.indirectQuotes(out, kept)
}

// markTaken records the cues of the quotation-mark quotes qs. Such a cue
// introduces its quote, and its clauses that would hold quotation marks
// are never proposed (overlapsSeg), but it may still report a clause
// outside them: "She said the plan would fail: “…”".
func (x *quoteExtractor) markTaken(qs []Quote) {
	taken := emptied(x.scr.taken, len(x.toks))[:len(x.toks)]
	clear(taken)
	for _, q := range qs {
		if q.CueSpan.Start < 0 {
			continue
		}
		if k := x.tokAt(q.CueSpan.Start); k < len(x.toks) && x.toks[k].Start == q.CueSpan.Start {
			taken[k] = true
		}
	}
	x.takenCue, x.scr.taken = taken, taken
}

// wholeMentions widens each reported clause that ends or starts inside
// an entity mention to the whole mention: a clause broken at a comma
// must not cut a name ("… pipes in Rathfarnham, Dundrum" when the tagger
// reads that as one place). qs are indirect quotes of one part.
func wholeMentions(qs []Quote, entities []text.Entity, body string) []Quote {
	if len(entities) == 0 || len(qs) == 0 {
		return qs
	}
	var ms []text.Span
	for _, e := range entities {
		for _, m := range e.Mentions {
			ms = append(ms, m.Span)
		}
	}
	slices.SortFunc(ms, func(a, b text.Span) int { return cmp.Compare(a.Start, b.Start) })
	// within returns the mention that strictly contains off, if any: the
	// last one starting before it (mentions do not nest)
	within := func(off int) (text.Span, bool) {
		i := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= off }) - 1
		if i >= 0 && ms[i].Start < off && off < ms[i].End {
			return ms[i], true
		}
		return text.Span{}, false
	}
	for i := range qs {
		q := &qs[i]
		sp := q.Span
		if m, ok := within(sp.End); ok {
			sp.End = m.End
		}
		if m, ok := within(sp.Start); ok {
			sp.Start = m.Start
		}
		if sp != q.Span {
			q.Span, q.Parts[0], q.Text = sp, sp, sp.Of(body)
		}
	}
	return qs
}

// indirectQuotes appends the kept candidates to out as quotes.
func (x *quoteExtractor) indirectQuotes(out []Quote, kept []indirectCand) []Quote {
	// one backing array for every quote's single part
	parts := make([]text.Span, len(kept))
	for i, c := range kept {
		parts[i] = c.content
		q := Quote{
			Span:        c.content,
			Parts:       parts[i : i+1 : i+1],
			Kind:        IndirectQuote,
			Text:        c.content.Of(x.body),
			SpeakerSpan: text.Span{Start: -1, End: -1},
			Entity:      -1,
			Confidence:  c.prob,
		}
		cl := x.cueAt(c.cue)
		if cl == NotCue {
			cl = Speech
		}
		q.CueSpan = x.cueSpan(c.cue, cl)
		q.Cue = q.CueSpan.Of(x.body)
		if c.hasSp {
			q.Speaker, q.SpeakerSpan = c.speaker.Of(x.body), c.speaker
		}
		out = append(out, q)
	}
	return out
}
