package quotes

import (
	"math"
	"math/bits"
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
