package quotes

import (
	"strings"

	"github.com/byline-nlp/byline/internal/text"
)

// Gathering a quote's speaker candidates and computing their features.

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
