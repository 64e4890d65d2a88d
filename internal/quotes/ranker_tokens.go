package quotes

import (
	"math"
	"strings"

	"github.com/byline-nlp/byline/internal/text"
)

// The ranker's view of tokens and words: flags computed once per token
// (what may stand between a speaker and its cue, quotation marks,
// sentence and paragraph ends) and lexical kinds once per word.

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
