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
	f           [numSpeakerBase]float64
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
	if len(w) != numSpeakerWeights {
		return qs
	}
	var buf []speakerCand
	var seen []bool
	var fs []speakerFeature
	for i := range qs {
		q := &qs[i]
		buf, seen = x.speakerCandidates(q, buf[:0], seen)
		if len(buf) == 0 {
			continue
		}
		best, bestScore := -1, math.Inf(-1)
		for ci := range buf {
			fs = buf[ci].active(fs[:0])
			if s := speakerScore(fs, w); s > bestScore {
				best, bestScore = ci, s
			}
		}
		q.SpeakerSpan, q.Speaker = buf[best].span, buf[best].span.Of(x.body)
	}
	return qs
}

// speakerCandidates appends quote q's speaker candidates, with their
// features, to buf. A quote with neither cue nor speaker has none. seen
// is the document's lowerSeen, nil until first needed.
func (x *quoteExtractor) speakerCandidates(q *Quote, buf []speakerCand, seen []bool) ([]speakerCand, []bool) {
	t := x.toks
	if len(t) == 0 || q.CueSpan.Start < 0 && q.SpeakerSpan.Start < 0 {
		return buf, seen
	}
	if seen == nil {
		seen = x.lowerSeen()
	}
	hasCue := q.CueSpan.Start >= 0 && q.CueSpan.End > q.CueSpan.Start
	var k int // the anchor: the cue, or the rules' speaker
	if hasCue {
		k = x.tokAt(q.CueSpan.Start)
	} else {
		k = x.tokAt(q.SpeakerSpan.Start)
	}
	if k >= len(t) {
		return buf, seen
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
	x.speakerFeatures(q, buf, k, ke, hasCue, indirect, seen)
	return buf, seen
}

// lowerSeen reports, by word id, whether the word occurs in lowercase in
// the document: a capitalised word that also does is a sentence's first
// word, not a name.
func (x *quoteExtractor) lowerSeen() []bool {
	seen := make([]bool, len(x.voc.words))
	for k, tk := range x.toks {
		if id := x.voc.tok[k]; id >= 0 && tk.Text != "" && tk.Text[0] >= 'a' && tk.Text[0] <= 'z' {
			seen[id] = true
		}
	}
	return seen
}

// paraBreak reports whether a paragraph break falls between tokens a
// and b.
func (x *quoteExtractor) paraBreak(a, b int) bool {
	return strings.Contains(x.body[x.toks[a].End:x.toks[b].Start], "\n\n")
}

// speakerFeatures fills the features of the candidates in buf for quote
// q, whose cue is tokens [k, ke] (or, without a cue, whose rules' speaker
// starts at k).
func (x *quoteExtractor) speakerFeatures(q *Quote, buf []speakerCand, k, ke int, hasCue, indirect bool, seen []bool) {
	t := x.toks
	cueAfterQuote := hasCue && q.CueSpan.Start >= q.Span.End
	cueBeforeQuote := hasCue && q.CueSpan.End <= q.Span.Start
	var cueClass CueClass
	if hasCue {
		cueClass = x.cueAt(k)
	}
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
			switch firstW {
			case "his", "her", "their", "its", "our", "my", "your":
				f[sPossDet] = 1
			case "some", "many", "several", "most", "few", "all", "both", "other":
				f[sQuantDet] = 1
			}
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
		if f[sNameMulti]+f[sNameSingle]+f[sDescription] == 0 && !single || f[sNameMulti]+f[sNameSingle]+f[sDescription] == 0 && !Pronoun(firstW) && firstW != "who" {
			f[sOther] = 1
		}
		if isCapTok(t[c.first]) && !Pronoun(firstW) && !Determiner(firstW) {
			if id := x.voc.tok[c.first]; id >= 0 && int(id) < len(seen) && seen[id] {
				f[sLowerSeen] = 1
			}
			if single && (isWeekday(t[c.first].Text) || isMonth(t[c.first].Text)) {
				f[sDate] = 1
			}
		}
		if !isCapTok(t[c.last]) && !Pronoun(x.lw(c.last)) && x.lw(c.last) != "who" && f[sDescription] == 0 {
			f[sHeadLower] = 1
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
	for ci := range buf {
		buf[ci].ctx = ctx
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
