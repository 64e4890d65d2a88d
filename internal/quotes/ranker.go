package quotes

import (
	"math"
	"strings"

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
// model sees them twice, alone and for reported speech only (offset
// numSpeakerBase), since a quote's and a that-clause's speakers sit in
// different places.
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
	numSpeakerBase
	numSpeakerFeatures = 2 * numSpeakerBase
)

// speakerCand is one candidate speaker of a quote: its span, its tokens
// [first, last] and its features.
type speakerCand struct {
	span        text.Span
	first, last int
	f           [numSpeakerFeatures]float64
}

// maxSpeakerCands bounds the candidates of one quote; the window is one
// sentence either way of the cue, so it is rarely reached.
const maxSpeakerCands = 24

// speakerWindow bounds, in tokens, how far either side of the cue the
// candidates may sit.
const speakerWindow = 40

// rankSpeakers re-chooses the speaker of every quote that has a cue or a
// speaker, by SpeakerRanker. It rewrites SpeakerSpan and Speaker only.
func (x *quoteExtractor) rankSpeakers(qs []Quote) []Quote {
	w := SpeakerRanker
	if len(w) == 0 {
		return qs
	}
	var buf []speakerCand
	for i := range qs {
		q := &qs[i]
		buf = x.speakerCandidates(q, buf[:0])
		if len(buf) == 0 {
			continue
		}
		best, bestScore := -1, math.Inf(-1)
		for ci := range buf {
			s := 0.0
			for fi, v := range buf[ci].f {
				if v != 0 {
					s += w[fi] * v
				}
			}
			if s > bestScore {
				best, bestScore = ci, s
			}
		}
		q.SpeakerSpan, q.Speaker = buf[best].span, buf[best].span.Of(x.body)
	}
	return qs
}

// speakerCandidates appends quote q's speaker candidates, with their
// features, to buf. A quote with neither cue nor speaker has none.
func (x *quoteExtractor) speakerCandidates(q *Quote, buf []speakerCand) []speakerCand {
	t := x.toks
	if len(t) == 0 || q.CueSpan.Start < 0 && q.SpeakerSpan.Start < 0 {
		return buf
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
	for lo > 0 && k-lo < speakerWindow && !x.endsSentence(lo-1) && !x.paraBreak(lo-1, lo) {
		lo--
	}
	hi := ke + 1
	for hi < len(t) && hi-ke < speakerWindow && !x.paraBreak(hi-1, hi) {
		hi++
		if x.endsSentence(hi - 1) {
			break
		}
	}
	indirect := q.Kind == IndirectQuote
	// tokens inside a part are the quote's own words, unless the cue sits
	// inside it ("The plan, Brandt said, will fail")
	inPart := func(j int) bool {
		off := t[j].Start
		for _, p := range q.Parts {
			if p.Start <= off && off < p.End && !(hasCue && p.Start <= q.CueSpan.Start && q.CueSpan.Start < p.End) {
				return true
			}
		}
		return x.inSeg(off)
	}
	add := func(sp text.Span, rule int) {
		if sp.End <= sp.Start || sp.Start < 0 || sp.End > len(x.body) {
			return
		}
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
		first, last := x.tokAt(sp.Start), x.tokAt(sp.End)-1
		if last < first || first >= len(t) {
			return
		}
		if hasCue && first <= ke && last >= k {
			return // the cue is no speaker
		}
		buf = append(buf, speakerCand{span: sp, first: first, last: last})
		if rule >= 0 {
			buf[len(buf)-1].f[rule] = 1
		}
	}
	// the rules' proposals
	if q.SpeakerSpan.Start >= 0 {
		add(q.SpeakerSpan, sRule)
	}
	if hasCue && t[k].Kind == text.Word {
		c := x.cueAt(k)
		if c == NotCue {
			c = Speech
		}
		if c != Source {
			if sp, ok := x.subjectBefore(k, lo); ok {
				add(sp, sSubjectBefore)
				add(x.headOfModified(sp, lo), sSubjectBefore)
			}
			if sp, ok := x.sentenceSubject(k, lo); ok {
				add(sp, sSentSubject)
			}
		}
		if c == Source || Invertible(c) {
			if sp, ok := x.objectAfter(k, c, hi); ok {
				add(sp, sObjectAfter)
			}
		}
	}
	// every pronoun, name and description of the window
	for j := lo; j < hi; j++ {
		tk := t[j]
		if tk.Kind != text.Word || hasCue && j >= k && j <= ke || inPart(j) {
			continue
		}
		lw := x.lw(j)
		switch {
		case Pronoun(lw) || lw == "who":
			add(tk.Span, -1)
		case isCapTok(tk) && !x.stopAt(j) && x.cueOf(j) == NotCue:
			e := j
			for e+1 < hi && isCapTok(t[e+1]) && !inPart(e+1) && !(hasCue && e+1 >= k && e+1 <= ke) {
				e++
			}
			add(text.Span{Start: tk.Start, End: t[e].End}, -1)
			j = e
		case Determiner(lw) && lw != "that":
			e := j
			for e+1 < hi && e-j < 5 && t[e+1].Kind == text.Word && x.cueOf(e+1) == NotCue && !x.stopAt(e+1) && !inPart(e+1) {
				e++
			}
			if e > j {
				add(text.Span{Start: tk.Start, End: t[e].End}, -1)
				j = e
			}
		}
	}
	x.speakerFeatures(q, buf, k, ke, hasCue, indirect)
	return buf
}

// paraBreak reports whether a paragraph break falls between tokens a
// and b.
func (x *quoteExtractor) paraBreak(a, b int) bool {
	return strings.Contains(x.body[x.toks[a].End:x.toks[b].Start], "\n\n")
}

// speakerFeatures fills the features of the candidates in buf for quote
// q, whose cue is tokens [k, ke] (or, without a cue, whose rules' speaker
// starts at k).
func (x *quoteExtractor) speakerFeatures(q *Quote, buf []speakerCand, k, ke int, hasCue, indirect bool) {
	t := x.toks
	cueAfterQuote := hasCue && q.CueSpan.Start >= q.Span.End
	cueBeforeQuote := hasCue && q.CueSpan.End <= q.Span.Start
	var cueClass CueClass
	if hasCue {
		cueClass = x.cueAt(k)
	}
	colonCue := hasCue && !isWordByte(x.body[q.CueSpan.Start])
	nearestBefore, nearestAfter, nearestName := -1, -1, -1
	nameDist := 1 << 30
	for ci := range buf {
		c := &buf[ci]
		f := &c.f
		if q.SpeakerSpan.Start >= 0 && f[sRule] == 0 && c.span.Start < q.SpeakerSpan.End && q.SpeakerSpan.Start < c.span.End {
			f[sRuleOverlap] = 1
		}
		s := c.span.Of(x.body)
		firstW := x.lw(c.first)
		single := c.first == c.last
		switch {
		case single && (firstW == "he" || firstW == "she"):
			f[sPronounHeShe] = 1
		case single && firstW == "i":
			f[sPronounI] = 1
		case single && (firstW == "we" || firstW == "they"):
			f[sPronounWeThey] = 1
		case single && firstW == "it":
			f[sPronounIt] = 1
		case single && firstW == "you":
			f[sPronounYou] = 1
		case single && firstW == "who":
			f[sWho] = 1
		case Determiner(firstW):
			f[sDescription] = 1
		case headCapitalised(s):
			caps := 0
			for j := c.first; j <= c.last; j++ {
				if isCapTok(t[j]) {
					caps++
				}
			}
			if caps >= 2 {
				f[sNameMulti] = 1
			} else {
				f[sNameSingle] = 1
			}
		}
		if Title(strings.TrimSuffix(firstW, ".")) || Title(firstW) {
			f[sTitle] = 1
		}
		for j := c.first; j <= c.last; j++ {
			if orgWord(x.lw(j)) {
				f[sOrgWord] = 1
				break
			}
		}
		// position against the cue
		var dist, commas int
		adjacent := true
		switch {
		case !hasCue:
			f[sNoCue] = 1
		case c.last < k:
			f[sBeforeCue] = 1
			for j := c.last + 1; j < k; j++ {
				dist++
				if t[j].Text == "," {
					commas++
				}
				lw := x.lw(j)
				if t[j].Kind != text.Word || !(Skip(lw) || isAdverb(lw) || lw == "n't" || lw == "n’t") {
					adjacent = false
				}
			}
			if cueBeforeQuote {
				f[sBeforeCueEarly] = 1
			}
			if nearestBefore < 0 || c.last > buf[nearestBefore].last {
				nearestBefore = ci
			}
		default:
			f[sAfterCue] = 1
			for j := ke + 1; j < c.first; j++ {
				dist++
				if t[j].Text == "," {
					commas++
				}
				if t[j].Kind != text.Word || !(Skip(x.lw(j)) || Determiner(x.lw(j))) {
					adjacent = false
				}
			}
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
			f[sLogDist] = math.Log1p(float64(dist))
			f[sCommas] = float64(min(commas, 2)) / 2
			if f[sNameMulti]+f[sNameSingle] > 0 && dist < nameDist {
				nearestName, nameDist = ci, dist
			}
		}
		// the sentence start: nothing but function words before it
		j := c.first - 1
		for j >= 0 && t[j].Kind == text.Word && x.stopAt(j) && c.first-j < 3 {
			j--
		}
		if j < 0 || x.endsSentence(j) || x.paraBreak(j, j+1) || isQuoteTok(t[j].Text) && j > 0 && x.endsSentence(j-1) {
			f[sSentStart] = 1
		}
		// what frames it
		p := c.first - 1
		if p >= 0 && x.lw(p) == "the" {
			p--
		}
		if p >= 0 {
			switch x.lw(p) {
			case "of", "from", "at", "for", "with", "in", "by", "to", "on", "about", "against":
				f[sPrepBefore] = 1
			}
		}
		if n := c.last + 1; n < len(t) {
			nw := x.lw(n)
			switch nw {
			case "of", "from", "at", "for", "with":
				f[sPrepAfter] = 1
			case "’s", "'s", "’", "'":
				f[sPossessor] = 1
			}
			if c.first > 0 && t[c.first-1].Text == "," && nw == "," {
				f[sApposed] = 1
			}
		}
		if isPossessiveTok(x.lw(c.last)) {
			f[sPossessor] = 1
		}
		if len(q.Parts) > 1 && c.span.Start > q.Parts[0].End && c.span.End < q.Parts[len(q.Parts)-1].Start {
			f[sInEnvelope] = 1
		}
		if colonCue {
			f[sAfterColonCue] = 1
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
	}
	if indirect {
		for ci := range buf {
			f := &buf[ci].f
			copy(f[numSpeakerBase:], f[:numSpeakerBase])
		}
	}
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
