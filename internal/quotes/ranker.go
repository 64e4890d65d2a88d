package quotes

import (
	"math"
	"math/bits"
	"strings"
	"sync"

	"github.com/byline-nlp/byline/internal/text"
)

// The speaker ranker. The rules of speakers.go propose one speaker per
// quote; the ranker gathers every plausible speaker around the quote's
// cue (the rules' proposals, each pronoun, each capitalised name, each
// determiner-led description of the cue's sentence, outside quotation
// marks) and picks the one a linear model, learned listwise on PolNeAR
// train (ranker_train_test.go), scores highest. The rules become
// features: which rule proposed a candidate, where it sits relative to
// the cue, what kind of phrase it is and what frames it.

// Speaker-candidate features. Each is computed once per candidate; the
// model sees them twice, alone and in the block of the quote's context
// (speakerContext: reported speech or quotation marks, crossed with
// where the cue stands), since a quote's and a that-clause's speakers,
// and those of a cue before and after the quote, sit in different places.
const (
	sRule          = iota // the rules' speaker
	sRuleOverlap          // overlaps the rules' speaker without being it
	sSubjectBefore        // the subject right before the cue (subjectBefore)
	sSentSubject          // the cue's clause subject (sentenceSubject)
	sObjectAfter          // the inverted subject or source after the cue (objectAfter)
	sPronounHeShe
	sPronounI
	sPronounWeThey
	sPronounIt
	sPronounYou
	sWho
	sNameMulti  // two or more capitalised words
	sNameSingle // one capitalised word
	sDescription
	sTitle   // opens with a title: "Sen.", "Councillor"
	sOrgWord // names an organisation's kind: "Institute", "Ministry"
	sBeforeCue
	sAfterCue
	sNoCue
	sAdjacent // only adverbs and auxiliaries between it and the cue
	sLogDist  // log(1 + tokens between it and the cue)
	sCommas   // commas between it and the cue (at most 2) / 2
	sSentStart
	sPrepBefore   // the object of a preposition: "of the Green Left group"
	sPrepAfter    // post-modified: "Petter Ahlgren of …"
	sPossessor    // followed by a possessive: "Liffey Water's chief executive"
	sApposed      // between commas: ", Declan Moriarty,"
	sAfterAddress // right after an addressed cue: "told reporters"
	sSourceAfter  // after "according to"
	sAfterCueLate // after a cue that follows the quote: "…,” said Smith
	sBeforeCueEarly
	sInEnvelope // between the quote's parts: “…,” she said, “…”
	sNearestBefore
	sNearestAfter
	sNearestName
	sAfterColonCue // the cue is a colon or dash
	sOther         // none of the kinds above: "remained in a sour mood"
	sLowerSeen     // its first word is capitalised here but lowercase elsewhere: "Later", "Hastily"
	sDate          // a day or month: "Friday"
	sHeadLower     // its last word is lowercase, and it is no pronoun or description
	sPossDet       // a description opening with a possessive: "his wife"
	sQuantDet      // a description opening with a quantifier: "some voters"
	sPartSentStart // the cue is a participle and it opens the sentence
	sPartNearName  // the cue is a participle and it is the nearest name
	sPartRule      // the cue is a participle and the rules chose it
	sPrevSpeaker   // written as the rules' speaker of the quote before: a story quotes one person in a row
	sPrevHead      // ends in the word that speaker ends in, any case: "Brandt" after "Ilse Brandt", "he" after "He"
	numSpeakerBase
)

// Speaker contexts: a quotation-mark quote or reported speech, with its
// cue before the quote, after it, or neither (inside it, or no cue).
const (
	ctxDirectBefore = iota
	ctxDirectAfter
	ctxDirectOther
	ctxIndirectBefore
	ctxIndirectAfter
	ctxIndirectOther
	numSpeakerContexts
)

// The weights: the base features, a block of them per context, and one
// per pair of binary base features both present (i < j, at pairOffset +
// i*numSpeakerBase + j), so that a rule's proposal can weigh differently
// when it is, say, a capitalised word seen lowercase elsewhere.
const (
	pairOffset        = (1 + numSpeakerContexts) * numSpeakerBase
	numSpeakerWeights = pairOffset + numSpeakerBase*numSpeakerBase
)

// realValued reports whether base feature i is not binary (it takes no
// part in pairs).
func realValued(i int) bool { return i == sLogDist || i == sCommas }

// A speakerFeature is one weight index present in a candidate, with its
// value.
type speakerFeature struct {
	i int32
	v float64
}

// active appends the candidate's present weight indexes to out.
func (c *speakerCand) active(out []speakerFeature) []speakerFeature {
	off := int32((1 + c.ctx) * numSpeakerBase)
	n := len(out)
	for i, v := range c.f {
		if v != 0 {
			out = append(out, speakerFeature{int32(i), v}, speakerFeature{off + int32(i), v})
		}
	}
	// pairs of the binary features (every other entry above is a base one)
	base := out[n:]
	for a := 0; a < len(base); a += 2 {
		i := base[a].i
		if realValued(int(i)) {
			continue
		}
		for b := a + 2; b < len(base); b += 2 {
			if j := base[b].i; !realValued(int(j)) {
				out = append(out, speakerFeature{int32(pairOffset) + i*numSpeakerBase + j, 1})
			}
		}
	}
	return out
}

// Lexical contexts of a candidate, each a key into SpeakerLexicon: the
// cue word with the side the candidate is on and its kind ("said", after,
// a pronoun), and a description's head word ("officials", "statement").
const numSpeakerKeys = 2

// speakerKey appends candidate c's lexical key i to b, or returns b
// unchanged when it has none.
func (x *quoteExtractor) speakerKey(b []byte, c *speakerCand, i int) []byte {
	kind := byte('o')
	switch {
	case c.f[sPronounHeShe]+c.f[sPronounI]+c.f[sPronounWeThey]+c.f[sPronounIt]+c.f[sPronounYou]+c.f[sWho] > 0:
		kind = 'p'
	case c.f[sNameMulti]+c.f[sNameSingle] > 0:
		kind = 'n'
	case c.f[sDescription] > 0:
		kind = 'd'
	}
	switch i {
	case 0:
		if c.cue < 0 {
			return b
		}
		side := byte('a')
		if c.f[sBeforeCue] > 0 {
			side = 'b'
		}
		b = append(b, "c|"...)
		b = append(b, x.lw(c.cue)...)
		return append(b, '|', side, kind)
	case 1:
		if kind != 'd' {
			return b
		}
		b = append(b, "h|"...)
		return append(b, x.lw(c.last)...)
	}
	return b
}

// speakerScore is the candidate's score under weights w.
func speakerScore(fs []speakerFeature, w []float64) float64 {
	s := 0.0
	for _, f := range fs {
		s += w[f.i] * f.v
	}
	return s
}

// speakerCand is one candidate speaker of a quote: its span, its tokens
// [first, last] and its features.
type speakerCand struct {
	span        text.Span
	first, last int
	ctx         int // the quote's speaker context
	cue         int // the cue's first token, or -1
	f           [numSpeakerBase]float64
}

// maxSpeakerCands bounds the candidates of one quote; the window is one
// sentence either way of the cue, so it is rarely reached.
const maxSpeakerCands = 24

// speakerWindow and speakerWindowAfter bound, in tokens, how far before
// and after the cue the candidates may sit (the rules' own speaker
// aside): a sentence's subject, and an inverted speaker after the cue,
// are near it.
const (
	speakerWindow      = 25
	speakerWindowAfter = 12
)

// rankSpeakers re-chooses the speaker of every quote that has a cue or a
// speaker, by SpeakerRanker. It rewrites SpeakerSpan and Speaker only.
func (x *quoteExtractor) rankSpeakers(qs []Quote) []Quote {
	w := SpeakerRanker
	if len(w) != numSpeakerWeights {
		return qs
	}
	r := speakerScratchPool.Get().(*speakerScratch)
	defer r.release()
	for i := range qs {
		q := &qs[i]
		buf := x.speakerCandidates(q, r)
		if len(buf) == 0 {
			continue
		}
		best, bestScore := 0, math.Inf(-1)
		for ci := 0; ci < len(buf) && len(buf) > 1; ci++ {
			if s := x.candScore(r, &buf[ci], w); s > bestScore {
				best, bestScore = ci, s
			}
		}
		if sp := chosenSpeaker(q, buf[best].span); sp != q.SpeakerSpan {
			q.SpeakerSpan, q.Speaker = sp, sp.Of(x.body)
		}
	}
	return qs
}

// speakerScratchPool holds the ranker's per-document buffers between
// extractions, so that a document's flags and candidates are cleared, not
// allocated and collected.
var speakerScratchPool = sync.Pool{New: func() any { return new(speakerScratch) }}

// release drops r's reference to the last quote and returns r to
// speakerScratchPool.
func (r *speakerScratch) release() {
	r.q, r.ready = nil, false
	r.prev, r.prevLast = text.Span{}, -1
	r.cands = r.cands[:0]
	speakerScratchPool.Put(r)
}

// Candidate kinds of a lexical key, in speakerKey's letters.
const (
	kindOther       = iota // 'o'
	kindPronoun            // 'p'
	kindName               // 'n'
	kindDescription        // 'd'
)

// Base features by the kind of candidate they mark (speakerKey).
const (
	pronounBits = 1<<sPronounHeShe | 1<<sPronounI | 1<<sPronounWeThey | 1<<sPronounIt | 1<<sPronounYou | 1<<sWho
	nameBits    = 1<<sNameMulti | 1<<sNameSingle
	binaryBits  = 1<<numSpeakerBase - 1&^(1<<sLogDist|1<<sCommas)
)

// candScore is candidate c's score under weights w and SpeakerLexicon:
// speakerScore of c.active plus the lexicon weights of c's speakerKeys,
// the same floating-point additions in the same order, without building
// the feature list or the keys. The pairs' weights are one dense row per
// feature, the pair (i, j) at pairOffset + i*numSpeakerBase + j.
func (x *quoteExtractor) candScore(r *speakerScratch, c *speakerCand, w []float64) float64 {
	w = w[:numSpeakerWeights]
	ctxW := w[(1+c.ctx)*numSpeakerBase:][:numSpeakerBase]
	s := 0.0
	var present uint64
	for i, v := range c.f {
		if v != 0 {
			s += w[i] * v
			s += ctxW[i] * v
			present |= 1 << i
		}
	}
	pairs := present & binaryBits
	for rest := pairs; rest != 0; rest &= rest - 1 {
		i := bits.TrailingZeros64(rest)
		row := w[pairOffset+i*numSpeakerBase:][:numSpeakerBase]
		for js := rest &^ (1 << i); js != 0; js &= js - 1 {
			s += row[bits.TrailingZeros64(js)] // w[p] * 1 in speakerScore
		}
	}
	kind := kindOther
	switch {
	case present&pronounBits != 0:
		kind = kindPronoun
	case present&nameBits != 0:
		kind = kindName
	case present&(1<<sDescription) != 0:
		kind = kindDescription
	}
	if c.cue >= 0 {
		side := 0
		if present&(1<<sBeforeCue) != 0 {
			side = 1
		}
		s += x.cueLex(r, c, side, kind)
	}
	if kind == kindDescription {
		s += x.headLex(r, c.last)
	}
	return s
}

// cueLex is the lexicon weight of key 0 (speakerKey) of a candidate of
// the quote being ranked, on side (1 before the cue) with kind, looked up
// once per cue word of the document (a news story's cues are a few verbs).
func (x *quoteExtractor) cueLex(r *speakerScratch, c *speakerCand, side, kind int) float64 {
	e := &r.cueLex
	if id := x.voc.tok[c.cue]; id >= 0 {
		e = nil
		for i := range r.cueLexes {
			if r.cueLexes[i].id == id {
				e = &r.cueLexes[i]
				break
			}
		}
		if e == nil {
			r.cueLexes = append(r.cueLexes, cueLexEntry{id: id})
			e = &r.cueLexes[len(r.cueLexes)-1]
		}
	}
	i := side*4 + kind
	if e.done&(1<<i) == 0 {
		r.key = x.speakerKey(r.key[:0], c, 0)
		e.w[i] = SpeakerLexicon[string(r.key)]
		e.done |= 1 << i
	}
	return e.w[i]
}

// A cueLexEntry holds the lexicon weights of a cue word (id), by side
// and kind, those looked up marked in done's bits.
type cueLexEntry struct {
	id   int32
	done uint8
	w    [8]float64
}

// headLex is the lexicon weight of a description whose head is token j
// (speakerKey's key 1), looked up once per word.
func (x *quoteExtractor) headLex(r *speakerScratch, j int) float64 {
	id := x.voc.tok[j]
	if id < 0 || int(id) >= len(r.headW) {
		r.key = append(append(r.key[:0], "h|"...), x.lw(j)...)
		return SpeakerLexicon[string(r.key)]
	}
	if r.headDone[id] == 0 {
		r.key = append(append(r.key[:0], "h|"...), x.lw(j)...)
		r.headW[id] = SpeakerLexicon[string(r.key)]
		r.headDone[id] = 1
	}
	return r.headW[id]
}

// chosenSpeaker is the speaker span of q once the ranker chose sp: the
// rules' own span when sp overlaps it (the rules trim titles and
// particles with more care than the candidates' shapes do), else sp.
func chosenSpeaker(q *Quote, sp text.Span) text.Span {
	if r := q.SpeakerSpan; r.Start >= 0 && sp.Start < r.End && r.Start < sp.End {
		return r
	}
	return sp
}

// speakerScratch is the ranker's per-document state, reused from quote to
// quote: the candidates, each token's flags (computed when a window
// first reaches it, so that the work stays linear in the document) and
// which words occur in lowercase.
type speakerScratch struct {
	cands []speakerCand
	// the quote being ranked, its cue tokens [k, ke] and whether it has one
	q *Quote
	// the rules' speaker of the last quote before it that had one (empty
	// when none) and its last token (-1 when none)
	prev     text.Span
	prevLast int
	k, ke    int
	lo, hi   int // the window's tokens [lo, hi)
	// the cue's class, NotCue without one
	cueClass CueClass
	hasCue   bool
	flags    []uint16 // by token
	words    []uint16 // wordFlags by word id
	kinds    []uint16 // wordKinds by word id
	seen     []bool   // lowerSeen
	ready    bool     // whether the tables above are this document's
	// lexicon weights: a description's head by word id (headDone 1 once
	// looked up), and the cue's by cue word (cueLex when it has no id)
	headW    []float64
	headDone []uint8
	cueLexes []cueLexEntry
	cueLex   cueLexEntry
	key      []byte
}

// Token flags of the ranker's windows.
const (
	tfDone uint16 = 1 << iota
	tfWord
	tfCap
	tfStop
	tfPronoun // a personal pronoun or "who"
	tfDet
	tfGapBefore // may not stand between a speaker and its cue (auxiliaries and -ly adverbs may)
	tfGapAfter  // may not stand between a cue and its inverted speaker (auxiliaries and determiners may)
	tfCue
	tfInSeg // inside quotation marks
	tfPrepBefore
	tfPrepAfter
	tfPossessive
	tfSentEnd
	tfParaBefore // a paragraph break before the token
	tfComma
)

// flag returns token j's flags; r is ready (speakerCandidates). It is
// small enough to inline, the flags being computed once per token.
func (x *quoteExtractor) flag(r *speakerScratch, j int) uint16 {
	if fl := r.flags[j]; fl&tfDone != 0 {
		return fl
	}
	return x.computeFlag(r, j)
}

// computeFlag computes and records token j's flags.
func (x *quoteExtractor) computeFlag(r *speakerScratch, j int) uint16 {
	if !r.ready {
		x.initFlags(r)
	}
	tk := &x.toks[j]
	fl := tfDone | tfGapBefore | tfGapAfter | r.flags[j]&tfInSeg
	if id := x.voc.tok[j]; id >= 0 && tk.Kind == text.Word {
		wf := r.words[id]
		if wf == 0 {
			wf = wordFlags(x.voc.words[id], x.voc.stop[id])
			if x.cueOf(j) != NotCue {
				wf |= tfCue
			}
			r.words[id] = wf
		}
		fl = wf | fl&tfInSeg
		if x.voc.capital[j] {
			fl |= tfCap
		}
	}
	switch tk.Text {
	case "’s", "'s", "’", "'":
		fl |= tfPossessive
	case ",":
		fl |= tfComma
	}
	if j > 0 && tk.Start-x.toks[j-1].End >= 2 && x.paraBreak(j-1, j) {
		fl |= tfParaBefore
	}
	if x.endsSentence(j) {
		fl |= tfSentEnd
	}
	r.flags[j] = fl
	return fl
}

// initFlags sizes r's tables for the document, reusing their arrays,
// finds which words occur in lowercase and marks the tokens inside
// quotation marks, a walk over the segments rather than a search per
// token.
func (x *quoteExtractor) initFlags(r *speakerScratch) {
	r.flags = clearedTo(r.flags, len(x.toks))
	r.words = clearedTo(r.words, len(x.voc.words))
	r.kinds = clearedTo(r.kinds, len(x.voc.words))
	r.headW = clearedTo(r.headW, len(x.voc.words))
	r.headDone = clearedTo(r.headDone, len(x.voc.words))
	r.seen = x.lowerSeen(r.seen)
	r.cueLexes = r.cueLexes[:0]
	r.ready = true
	for _, s := range x.segs {
		for j := x.tokAt(s.start); j < len(x.toks) && x.toks[j].Start < s.end; j++ {
			r.flags[j] |= tfInSeg
		}
	}
}

// wordFlags returns the flags of a word token that depend only on its
// lowercased word lw.
func wordFlags(lw string, stop bool) uint16 {
	fl := tfDone | tfWord
	if stop {
		fl |= tfStop
	}
	if Pronoun(lw) || lw == "who" {
		fl |= tfPronoun
	}
	if Determiner(lw) && lw != "that" {
		fl |= tfDet
	}
	skip := Skip(lw)
	if !(skip || isAdverb(lw) || lw == "n't" || lw == "n’t") {
		fl |= tfGapBefore
	}
	if !(skip || Determiner(lw)) {
		fl |= tfGapAfter
	}
	switch lw {
	case "of", "from", "at", "for", "with":
		fl |= tfPrepBefore | tfPrepAfter
	case "in", "by", "to", "on", "about", "against":
		fl |= tfPrepBefore
	}
	if isPossessiveTok(lw) {
		fl |= tfPossessive
	}
	return fl
}

// count returns how many tokens strictly between a and b are commas,
// and how many have flag gap.
func (x *quoteExtractor) count(r *speakerScratch, gap uint16, a, b int) (commas, gaps int) {
	for j := a + 1; j < b; j++ {
		fl := x.flag(r, j)
		if fl&tfComma != 0 {
			commas++
		}
		if fl&gap != 0 {
			gaps++
		}
	}
	return commas, gaps
}

// speakerCandidates returns quote q's speaker candidates, with their
// features, in r.cands. A quote with neither cue nor speaker has none.
func (x *quoteExtractor) speakerCandidates(q *Quote, r *speakerScratch) []speakerCand {
	t := x.toks
	buf := r.cands[:0]
	if len(t) == 0 || q.CueSpan.Start < 0 && q.SpeakerSpan.Start < 0 {
		return buf
	}
	if !r.ready {
		x.initFlags(r)
	}
	hasCue := q.CueSpan.Start >= 0 && q.CueSpan.End > q.CueSpan.Start
	var k int // the anchor: the cue, or the rules' speaker
	if hasCue {
		k = x.tokAt(q.CueSpan.Start)
	} else {
		k = x.tokAt(q.SpeakerSpan.Start)
	}
	if k >= len(t) {
		return buf
	}
	ke := k // the cue's last token
	if hasCue {
		ke = max(k, x.tokAt(q.CueSpan.End)-1)
	}
	// the window: the anchor's sentence, within its paragraph
	lo := k
	for lo > 0 && k-lo < speakerWindow && x.flag(r, lo-1)&tfSentEnd == 0 && x.flag(r, lo)&tfParaBefore == 0 {
		lo--
	}
	hi := ke + 1
	for hi < len(t) && hi-ke < speakerWindowAfter && x.flag(r, hi)&tfParaBefore == 0 {
		hi++
		if x.flag(r, hi-1)&tfSentEnd != 0 {
			break
		}
	}
	r.q, r.k, r.ke, r.hasCue, r.lo, r.hi = q, k, ke, hasCue, lo, hi
	r.cueLex = cueLexEntry{}
	r.cands = buf
	inPart := func(j int) bool { return x.inQuote(r, j) }
	add := func(sp text.Span, first, last, rule int) { x.addCand(r, sp, first, last, rule) }
	prev, prevLast := r.prev, r.prevLast
	// the rules' proposals
	if q.SpeakerSpan.Start >= 0 {
		add(q.SpeakerSpan, -1, -1, sRule)
	}
	if sp := q.SpeakerSpan; sp.Start >= 0 && sp.End > sp.Start {
		r.prev, r.prevLast = sp, -1
		if n := len(r.cands); n > 0 && r.cands[0].span == sp {
			r.prevLast = r.cands[0].last // found once by addCand
		} else if e := x.tokAtIn(sp.End, lo, hi) - 1; e >= 0 && e < len(t) {
			r.prevLast = e
		}
	}
	r.cueClass = NotCue
	if hasCue {
		r.cueClass = x.cueAt(k) // NotCue unless t[k] is a word
	}
	if hasCue && t[k].Kind == text.Word {
		c := r.cueClass
		if c == NotCue {
			c = Speech
		}
		if c != Source {
			if sp, ok := x.subjectBefore(k, lo); ok {
				add(sp, -1, -1, sSubjectBefore)
				add(x.headOfModified(sp, lo), -1, -1, sSubjectBefore)
			}
			if sp, ok := x.sentenceSubject(k, lo); ok {
				add(sp, -1, -1, sSentSubject)
			}
		}
		if c == Source || Invertible(c) {
			if sp, ok := x.objectAfter(k, c, hi); ok {
				add(sp, -1, -1, sObjectAfter)
			}
		}
	}
	// every pronoun, name and description of the window
	for j := lo; j < hi; j++ {
		fl := x.flag(r, j)
		if fl&tfWord == 0 || hasCue && j >= k && j <= ke || inPart(j) {
			continue
		}
		tk := &t[j]
		switch {
		case fl&tfPronoun != 0:
			add(tk.Span, j, j, -1)
		case fl&tfCap != 0 && fl&(tfStop|tfCue) == 0:
			e := j
			for e+1 < hi && x.flag(r, e+1)&tfCap != 0 && !inPart(e+1) && !(hasCue && e+1 >= k && e+1 <= ke) {
				e++
			}
			add(text.Span{Start: tk.Start, End: t[e].End}, j, e, -1)
			j = e
		case fl&tfDet != 0:
			e := j
			for e+1 < hi && e-j < 5 && x.flag(r, e+1)&(tfWord|tfCue|tfStop) == tfWord && !inPart(e+1) {
				e++
			}
			if e > j {
				add(text.Span{Start: tk.Start, End: t[e].End}, j, e, -1)
				j = e
			}
		}
	}
	buf = r.cands
	// the words of the previous quote's speaker (the rules', so that
	// training, which ranks no quote, sees what Extract does)
	if prev.End > prev.Start {
		pw := x.body[prev.Start:prev.End]
		for ci := range buf {
			if c := &buf[ci]; c.span.End-c.span.Start == len(pw) && x.body[c.span.Start:c.span.End] == pw {
				c.f[sPrevSpeaker] = 1
			}
		}
		if prevLast >= 0 && x.voc.tok[prevLast] >= 0 {
			id := x.voc.tok[prevLast]
			for ci := range buf {
				if c := &buf[ci]; x.voc.tok[c.last] == id {
					c.f[sPrevHead] = 1
				}
			}
		}
	}
	x.speakerFeatures(q, buf, r, k, ke, hasCue)
	return buf
}

// inQuote reports whether token j is inside quotation marks or one of the
// quote's parts, the quote's own words, unless the cue sits inside the
// part ("The plan, Brandt said, will fail").
func (x *quoteExtractor) inQuote(r *speakerScratch, j int) bool {
	if x.flag(r, j)&tfInSeg != 0 {
		return true
	}
	q := r.q
	off := x.toks[j].Start
	for _, p := range q.Parts {
		if p.Start <= off && off < p.End && !(r.hasCue && p.Start <= q.CueSpan.Start && q.CueSpan.Start < p.End) {
			return true
		}
	}
	return false
}

// addCand adds the candidate sp (tokens first..last, or -1 to look them
// up) to r.cands, or marks the rule that proposed it when it is there.
func (x *quoteExtractor) addCand(r *speakerScratch, sp text.Span, first, last, rule int) {
	if sp.End <= sp.Start || sp.Start < 0 || sp.End > len(x.body) {
		return
	}
	buf := r.cands
	for ci := range buf {
		if buf[ci].span == sp {
			if rule >= 0 {
				buf[ci].f[rule] = 1
			}
			return
		}
	}
	if len(buf) >= maxSpeakerCands {
		return
	}
	if first < 0 {
		first, last = x.tokAtIn(sp.Start, r.lo, r.hi), x.tokAtIn(sp.End, r.lo, r.hi)-1
	}
	if last < first || first >= len(x.toks) {
		return
	}
	if r.hasCue && first <= r.ke && last >= r.k {
		return // the cue is no speaker
	}
	buf = append(buf, speakerCand{span: sp, first: first, last: last})
	if rule >= 0 {
		buf[len(buf)-1].f[rule] = 1
	}
	r.cands = buf
}

// tokAtIn is tokAt(off), searched among tokens [lo, hi) when off falls
// within them (the rules' speakers mostly sit in the ranker's window),
// fewer steps than over the whole document.
func (x *quoteExtractor) tokAtIn(off, lo, hi int) int {
	t := x.toks
	if lo < 0 || hi > len(t) || lo >= hi || t[lo].Start >= off || t[hi-1].Start < off {
		return x.tokAt(off)
	}
	// t[lo].Start < off <= t[hi-1].Start: the answer is in (lo, hi-1]
	a, b := lo+1, hi-1
	for a < b {
		m := int(uint(a+b) >> 1)
		if t[m].Start < off {
			a = m + 1
		} else {
			b = m
		}
	}
	return a
}

// paraBreak reports whether a paragraph break falls between tokens a
// and b.
func (x *quoteExtractor) paraBreak(a, b int) bool {
	gap := x.body[x.toks[a].End:x.toks[b].Start]
	return len(gap) >= 2 && strings.Contains(gap, "\n\n")
}

// lowerSeen reports, by word id, whether the word occurs in lowercase in
// the document: a capitalised word that also does is a sentence's first
// word, not a name.
func (x *quoteExtractor) lowerSeen(buf []bool) []bool {
	v := x.voc
	seen := clearedTo(buf, len(v.words))
	if v.starts != nil {
		// the dense token starts and the body's bytes, not the tokens
		for k, id := range v.tok {
			if id >= 0 && !seen[id] {
				if c := x.body[v.starts[k]]; c >= 'a' && c <= 'z' {
					seen[id] = true
				}
			}
		}
		return seen
	}
	for k, tk := range x.toks {
		if id := v.tok[k]; id >= 0 && tk.Text != "" && tk.Text[0] >= 'a' && tk.Text[0] <= 'z' {
			seen[id] = true
		}
	}
	return seen
}

// speakerFeatures fills the features of the candidates in buf for quote
// q, whose cue is tokens [k, ke] (or, without a cue, whose rules' speaker
// starts at k), from the window flags in r.
func (x *quoteExtractor) speakerFeatures(q *Quote, buf []speakerCand, r *speakerScratch, k, ke int, hasCue bool) {
	t := x.toks
	indirect := q.Kind == IndirectQuote
	cueAfterQuote := hasCue && q.CueSpan.Start >= q.Span.End
	cueBeforeQuote := hasCue && q.CueSpan.End <= q.Span.Start
	cueClass := r.cueClass
	colonCue := hasCue && !isWordByte(x.body[q.CueSpan.Start])
	participle := hasCue && strings.HasSuffix(x.lw(k), "ing")
	nearestBefore, nearestAfter, nearestName := -1, -1, -1
	nameDist := 1 << 30
	for ci := range buf {
		c := &buf[ci]
		f := &c.f
		if q.SpeakerSpan.Start >= 0 && f[sRule] == 0 && c.span.Start < q.SpeakerSpan.End && q.SpeakerSpan.Start < c.span.End {
			f[sRuleOverlap] = 1
		}
		lex := x.lexKinds(r, c.first)
		first := x.flag(r, c.first)
		single := c.first == c.last
		caps := 0
		for j := c.first; j <= c.last; j++ {
			fl := x.flag(r, j)
			if fl&tfCap != 0 {
				caps++
			}
			if fl&tfWord != 0 && f[sOrgWord] == 0 && x.lexKinds(r, j)&lkOrg != 0 {
				f[sOrgWord] = 1
			}
		}
		switch {
		case single && lex&lkPronouns != 0:
			f[pronounFeature[lex&lkPronouns]] = 1
		case lex&lkDet != 0:
			f[sDescription] = 1
			if lex&lkPossDet != 0 {
				f[sPossDet] = 1
			}
			if lex&lkQuantDet != 0 {
				f[sQuantDet] = 1
			}
		case x.flag(r, c.last)&tfCap != 0:
			if caps >= 2 {
				f[sNameMulti] = 1
			} else {
				f[sNameSingle] = 1
			}
		}
		kinds := f[sNameMulti] + f[sNameSingle] + f[sDescription]
		if kinds == 0 && (!single || first&tfPronoun == 0) {
			f[sOther] = 1
		}
		if first&tfCap != 0 && first&(tfPronoun|tfDet) == 0 {
			if id := x.voc.tok[c.first]; id >= 0 && int(id) < len(r.seen) && r.seen[id] {
				f[sLowerSeen] = 1
			}
			if single && (isWeekday(t[c.first].Text) || isMonth(t[c.first].Text)) {
				f[sDate] = 1
			}
		}
		if last := x.flag(r, c.last); last&(tfCap|tfPronoun) == 0 && f[sDescription] == 0 {
			f[sHeadLower] = 1
		}
		if lex&lkTitle != 0 {
			f[sTitle] = 1
		}
		// position against the cue
		var dist, commas int
		adjacent := true
		switch {
		case !hasCue:
			f[sNoCue] = 1
		case c.last < k:
			f[sBeforeCue] = 1
			dist = max(0, k-c.last-1)
			var gaps int
			commas, gaps = x.count(r, tfGapBefore, c.last, k)
			adjacent = gaps == 0
			if cueBeforeQuote {
				f[sBeforeCueEarly] = 1
			}
			if nearestBefore < 0 || c.last > buf[nearestBefore].last {
				nearestBefore = ci
			}
		default:
			f[sAfterCue] = 1
			dist = max(0, c.first-ke-1)
			var gaps int
			commas, gaps = x.count(r, tfGapAfter, ke, c.first)
			adjacent = gaps == 0
			if cueAfterQuote {
				f[sAfterCueLate] = 1
			}
			if cueClass == Source {
				f[sSourceAfter] = 1
			}
			if cueClass == Addressed && dist == 0 {
				f[sAfterAddress] = 1
			}
			if nearestAfter < 0 || c.first < buf[nearestAfter].first {
				nearestAfter = ci
			}
		}
		if hasCue {
			if adjacent {
				f[sAdjacent] = 1
			}
			f[sLogDist] = log1p(dist)
			f[sCommas] = float64(min(commas, 2)) / 2
			if f[sNameMulti]+f[sNameSingle] > 0 && dist < nameDist {
				nearestName, nameDist = ci, dist
			}
		}
		// the sentence start: nothing but function words before it
		j := c.first - 1
		for j >= 0 && x.flag(r, j)&(tfWord|tfStop) == tfWord|tfStop && x.flag(r, j+1)&tfParaBefore == 0 && c.first-j < 3 {
			j--
		}
		if j < 0 || x.flag(r, j)&tfSentEnd != 0 || x.flag(r, j+1)&tfParaBefore != 0 ||
			t[j].Kind != text.Word && j > 0 && isQuoteTok(t[j].Text) && x.flag(r, j-1)&tfSentEnd != 0 {
			f[sSentStart] = 1
		}
		// what frames it
		p := c.first - 1
		if p >= 0 && x.lexKinds(r, p)&lkThe != 0 {
			p--
		}
		if p >= 0 && x.flag(r, p)&tfPrepBefore != 0 {
			f[sPrepBefore] = 1
		}
		if n := c.last + 1; n < len(t) {
			nf := x.flag(r, n)
			if nf&tfPrepAfter != 0 {
				f[sPrepAfter] = 1
			}
			if nf&tfPossessive != 0 && nf&tfWord == 0 {
				f[sPossessor] = 1
			}
			if c.first > 0 && t[c.first-1].Text == "," && t[n].Text == "," {
				f[sApposed] = 1
			}
		}
		if x.flag(r, c.last)&tfPossessive != 0 {
			f[sPossessor] = 1
		}
		if len(q.Parts) > 1 && c.span.Start > q.Parts[0].End && c.span.End < q.Parts[len(q.Parts)-1].Start {
			f[sInEnvelope] = 1
		}
		if colonCue {
			f[sAfterColonCue] = 1
		}
		if participle {
			f[sPartSentStart] = f[sSentStart]
			f[sPartRule] = f[sRule]
		}
	}
	if nearestBefore >= 0 {
		buf[nearestBefore].f[sNearestBefore] = 1
	}
	if nearestAfter >= 0 {
		buf[nearestAfter].f[sNearestAfter] = 1
	}
	if nearestName >= 0 {
		buf[nearestName].f[sNearestName] = 1
		if participle {
			buf[nearestName].f[sPartNearName] = 1
		}
	}
	ctx := ctxDirectOther
	switch {
	case cueBeforeQuote:
		ctx = ctxDirectBefore
	case cueAfterQuote:
		ctx = ctxDirectAfter
	}
	if indirect {
		ctx += ctxIndirectBefore
	}
	cue := -1
	if hasCue && t[k].Kind == text.Word {
		cue = k
	}
	for ci := range buf {
		buf[ci].ctx, buf[ci].cue = ctx, cue
	}
}

// Lexical kinds of a word (lexKinds), for the candidate's features: a
// pronoun (lkPronouns, an index into pronounFeature), a determiner, a
// possessive or quantifier determiner, a title, an organisation's kind
// and "the".
const (
	lkPronouns = 7 // the pronoun bits: 1 he/she, 2 I, 3 we/they, 4 it, 5 you, 6 who
	lkDet      = 1 << (3 + iota)
	lkPossDet
	lkQuantDet
	lkTitle
	lkOrg
	lkThe
	lkDone
)

var pronounFeature = [...]int{1: sPronounHeShe, 2: sPronounI, 3: sPronounWeThey, 4: sPronounIt, 5: sPronounYou, 6: sWho}

// wordKinds returns the lexical kinds of the lowercased word w.
func wordKinds(w string) uint16 {
	k := uint16(lkDone)
	switch w {
	case "he", "she":
		k |= 1
	case "i":
		k |= 2
	case "we", "they":
		k |= 3
	case "it":
		k |= 4
	case "you":
		k |= 5
	case "who":
		k |= 6
	}
	if Determiner(w) {
		k |= lkDet
		switch w {
		case "his", "her", "their", "its", "our", "my", "your":
			k |= lkPossDet
		case "some", "many", "several", "most", "few", "all", "both", "other":
			k |= lkQuantDet
		}
	}
	if Title(strings.TrimSuffix(w, ".")) || Title(w) {
		k |= lkTitle
	}
	if orgWord(w) {
		k |= lkOrg
	}
	if w == "the" {
		k |= lkThe
	}
	return k
}

// lexKinds returns the lexical kinds of token j's lowercased word, looked
// up once per word.
func (x *quoteExtractor) lexKinds(r *speakerScratch, j int) uint16 {
	id := x.voc.tok[j]
	if id < 0 || int(id) >= len(r.kinds) {
		return wordKinds(x.lw(j))
	}
	if r.kinds[id] == 0 {
		r.kinds[id] = wordKinds(x.voc.words[id])
	}
	return r.kinds[id]
}

// log1pTable holds math.Log1p of the small distances, which the window
// bounds.
var log1pTable = func() (t [64]float64) {
	for d := range t {
		t[d] = math.Log1p(float64(d))
	}
	return t
}()

// log1p is math.Log1p(float64(d)), from log1pTable when d is small.
func log1p(d int) float64 {
	if d >= 0 && d < len(log1pTable) {
		return log1pTable[d]
	}
	return math.Log1p(float64(d))
}

// orgWord reports whether the lowercased word w names a kind of
// organisation, which speaks through its statements and reports.
func orgWord(w string) bool {
	switch w {
	case "institute", "party", "department", "ministry", "council", "university", "committee",
		"agency", "group", "association", "company", "campaign", "office", "commission", "court",
		"board", "administration", "police", "government", "foundation", "center", "centre",
		"union", "coalition", "organization", "organisation", "bureau", "service", "inc.", "corp.":
		return true
	}
	return false
}

// clearedTo returns b with length n and every element zero, reusing its
// array when large enough.
func clearedTo[T uint8 | uint16 | float64 | bool](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	b = b[:n]
	clear(b)
	return b
}
