package quotes

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/byline-nlp/byline/internal/text"
)

type qseg struct {
	start, end           int // bytes, marks included
	innerStart, innerEnd int // bytes inside the marks
	closed               bool
	para                 int
	lo, hi               int // inner tokens [lo, hi)
	bLo, aHi             int // before region tokens [bLo, lo-mark), after region (close, aHi)
	before, after        int // first token before the opening mark +1, first token after the closing mark

	attr     qattr
	how      uint8
	linkPrev bool // continues the previous segment's quote (same paragraph or an open paragraph)
	prob     float64
	keep     bool
}

// How a segment got its attribution.
const (
	howNone uint8 = iota
	howAfter
	howBefore
	howInherit     // from a neighbour in the same quote
	howInheritPara // from the previous paragraph's quote
	howColon       // from the previous paragraph ending in a colon
	howSubject     // no cue: the subject of the quote's sentence
)

// qattr is a cue and its speaker, as token-free byte spans.
type qattr struct {
	cue      text.Span
	cueClass CueClass
	speaker  text.Span
	ok       bool
	dist     int // tokens between the quote and the cue
	// participle: the cue is a participle after the quote ("…,”
	// insisting that), whose speaker is the sentence's subject; a cue
	// before the quote governs the quote itself and wins
	participle bool
}

type quoteExtractor struct {
	doc   *text.Document
	body  string
	toks  []text.Token
	paras []text.Span
	segs  []qseg
	stats segStats

	low    string    // the body lowercased, or "" (lowerBody)
	lows   []string  // without low, each token lowercased; else nil
	voc    *vocab    // the document's words, numbered
	scr    *scratch  // the per-token buffers
	pri    []float64 // each token's cue prior (usePriors)
	strong []int32   // strong cues before each token (usePriors)
	keyBuf []byte    // scratch for context keys
	// the indirect stage's first filter: the least cue prior that
	// proposes clauses (indirectPriorMin when lower), and whether a
	// participle used as an adjective ("for repeated supply failures")
	// is passed over
	cueMin       float64
	noAdjectival bool
	// speechAnyPrior lets a plain reporting verb (speechWord) propose
	// whatever its prior, as long as it has one
	speechAnyPrior bool
	// lexHashes are the hashes of the cue lexicon's words while the
	// indirect stage uses the shipped one, else nil (usePriors)
	lexHashes *hashBits
	// takenCue marks, by token, every cue that attributes a
	// quotation-mark quote (markTaken): such a cue may still report a
	// clause outside the marks, and says so in a feature
	takenCue []bool
	// the context logits that depend on the cue alone (contextKey 1 and
	// 2), kept for the next candidate of the same cue: ctxCue is that
	// cue's index plus one, 0 for none
	ctxCue   int
	ctxOfCue [2]float64
}

// segStats are document-level counts the features need, computed once so
// that a text full of quotation marks stays linear.
type segStats struct {
	perPara    []int32 // segments per paragraph
	attributed []bool  // paragraphs with an attributed segment
	noneRatio  float64 // share of segments without attribution
}

func (x *quoteExtractor) countSegs() {
	// by paragraph, in the scratch's arrays: slices cost less than maps
	x.stats = segStats{perPara: cleared(x.scr.perPara, len(x.paras)), attributed: cleared(x.scr.attributed, len(x.paras))}
	x.scr.perPara, x.scr.attributed = x.stats.perPara, x.stats.attributed
	none := 0
	for _, s := range x.segs {
		x.stats.perPara[s.para]++
		if s.attr.ok {
			x.stats.attributed[s.para] = true
		} else {
			none++
		}
	}
	if len(x.segs) > 0 {
		x.stats.noneRatio = float64(none) / float64(len(x.segs))
	}
}

func newQuoteExtractor(doc *text.Document) *quoteExtractor {
	return newQuoteExtractorIn(doc, new(scratch))
}

// newQuoteExtractorIn is newQuoteExtractor with its per-token buffers
// in s, which the extractor owns until it is dropped.
func newQuoteExtractorIn(doc *text.Document, s *scratch) *quoteExtractor {
	x := &quoteExtractor{doc: doc, body: doc.Body, toks: doc.Tokens, paras: doc.Paragraphs, low: lowerBody(doc), scr: s, segs: s.segs[:0]}
	if x.low == "" {
		x.lows = make([]string, len(doc.Tokens))
		for k, t := range doc.Tokens {
			x.lows[k] = lower(t.Text)
		}
	}
	x.voc = newVocab(doc, x.low, s)
	if len(x.paras) == 0 {
		x.paras = []text.Span{{Start: 0, End: len(doc.Body)}}
	}
	for pi, p := range x.paras {
		x.scanParagraph(pi, p)
	}
	for i := range x.segs {
		x.bound(i)
	}
	return x
}

// Quotation-mark directions.
const (
	markNone = iota
	markOpen
	markClose
	markBoth // straight ", decided by alternation
)

// doubleMark classifies the rune r as a double quotation mark.
func doubleMark(r rune) int {
	switch r {
	case '"':
		return markBoth
	case '“', '„', '«', '‟':
		return markOpen
	case '”', '»':
		return markClose
	}
	return markNone
}

// markLead marks the bytes that may begin a double quotation mark: '"'
// and the lead bytes of « » (0xC2) and of “ ” „ ‟ (0xE2). No UTF-8
// continuation byte is among them, so scanParagraph may step over every
// other byte one at a time and still meet each mark at its first byte.
var markLead = [256]bool{'"': true, 0xC2: true, 0xE2: true}

// nextMarkLead returns the first offset in [i, end) whose byte is a
// markLead, or end. Most of a body is ASCII without double quotes, which
// it passes over eight bytes at a time.
func nextMarkLead(b string, i, end int) int {
	const ones, highs, quotes = 0x0101010101010101, 0x8080808080808080, 0x2222222222222222
	for i < end {
		if i+8 <= end {
			w := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(b[i:]), 8))
			// the bytes with their high bit set (not ASCII) or equal to
			// '"' (zero in w^quotes, the classic has-zero-byte test, whose
			// lowest flag is exact)
			q := w ^ quotes
			m := (w | (q-ones)&^q) & highs
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
		}
		if markLead[b[i]] {
			return i
		}
		i++
	}
	return end
}

// scanParagraph finds the double-quoted segments of one paragraph.
// Opening and closing marks pair up; straight marks alternate; a segment
// still open at the paragraph end runs to it.
func (x *quoteExtractor) scanParagraph(pi int, p text.Span) {
	b := x.body
	open := -1
	openLen := 0
	for i := p.Start; i < p.End; {
		if !markLead[b[i]] {
			i = nextMarkLead(b, i+1, p.End)
			continue
		}
		r, size := rune('"'), 1
		if b[i] >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(b[i:])
		}
		m := doubleMark(r)
		if m == markNone {
			i += size
			continue
		}
		if m == markBoth {
			if open < 0 {
				m = markOpen
			} else {
				m = markClose
			}
		}
		// A curly mark pointing the wrong way: trust the context (an
		// opening mark glued to the preceding word closes, a closing
		// mark before a word after a space opens).
		if m == markOpen && open >= 0 && i > p.Start && !isSpaceByte(b[i-1]) && (i+size >= p.End || !isWordByte(b[i+size])) {
			m = markClose
		} else if m == markClose && open < 0 && (i == p.Start || isSpaceByte(b[i-1])) && i+size < p.End && isWordByte(b[i+size]) {
			m = markOpen
		}
		switch {
		case m == markOpen && open < 0:
			open, openLen = i, size
		case m == markOpen && r == '“':
			if end := nestedEnd(b, i+size, p.End); end > 0 {
				// “… calls “hell” than …”: a double quote nested in a
				// double quote; the outer one goes on
				i = end
				continue
			}
			x.addSeg(pi, open, openLen, trimRightSpace(b, open, i), 0, false)
			open, openLen = i, size
		case m == markOpen:
			// An opening mark inside an open segment: the earlier one was
			// never closed; end it before this mark.
			x.addSeg(pi, open, openLen, trimRightSpace(b, open, i), 0, false)
			open, openLen = i, size
		case m == markClose && open >= 0:
			x.addSeg(pi, open, openLen, i+size, size, true)
			open = -1
		}
		i += size
	}
	if open >= 0 {
		x.addSeg(pi, open, openLen, trimRightSpace(b, open, p.End), 0, false)
	}
}

// nestedEnd reports, for a curly opening mark inside an open quote, the
// offset just past its closing mark when the text from from to end holds
// two closing marks (”) before any other opening mark (“): the inner
// quote's and the outer one's. Else 0.
func nestedEnd(b string, from, end int) int {
	first := -1
	for i := from; i < end; {
		r, size := utf8.DecodeRuneInString(b[i:end])
		switch r {
		case '“', '"':
			return 0
		case '”':
			if first >= 0 {
				return first
			}
			first = i + size
		}
		i += size
	}
	return 0
}

func (x *quoteExtractor) addSeg(pi, start, openLen, end, closeLen int, closed bool) {
	s := qseg{start: start, end: end, innerStart: start + openLen, innerEnd: end - closeLen, closed: closed, para: pi}
	if s.innerEnd < s.innerStart {
		s.innerEnd = s.innerStart
	}
	x.segs = append(x.segs, s)
}

func trimRightSpace(b string, lo, hi int) int {
	for hi > lo && isSpaceByte(b[hi-1]) {
		hi--
	}
	return hi
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func isWordByte(c byte) bool {
	return c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '$' || c == '\''
}

// tokAt returns the index of the first token starting at or after off.
func (x *quoteExtractor) tokAt(off int) int {
	return x.voc.tokAt(off)
}

// bound finds a segment's tokens and the regions around it where its
// attribution may be: back to the sentence start, the paragraph start or
// the previous segment, and on to the sentence end or the next segment.
func (x *quoteExtractor) bound(i int) {
	s := &x.segs[i]
	s.lo = x.tokAt(s.innerStart)
	s.hi = x.tokAt(s.innerEnd)
	if s.hi < s.lo {
		s.hi = s.lo
	}
	p := x.paras[s.para]
	// before: tokens ending at or before the opening mark
	s.before = x.tokAt(s.start) // tokens [.., before) precede the mark
	lim := p.Start
	if i > 0 && x.segs[i-1].para == s.para {
		lim = x.segs[i-1].end
	}
	j := s.before - 1
	for j >= 0 && s.before-j <= 40 && x.toks[j].Start >= lim {
		if j < s.before-1 && x.endsSentence(j) {
			break
		}
		j--
	}
	s.bLo = j + 1
	// after: tokens starting at or after the closing mark's end
	s.after = x.tokAt(s.end)
	lim = p.End
	if i+1 < len(x.segs) && x.segs[i+1].para == s.para {
		lim = x.segs[i+1].start
	}
	j = s.after
	for j < len(x.toks) && j-s.after < 30 && x.toks[j].End <= lim {
		if x.endsSentence(j) {
			break
		}
		j++
	}
	s.aHi = j
}

// endsSentence reports whether token j ends a sentence: a full stop,
// question or exclamation mark not followed by a comma, a bracket or a
// lowercase word ("Mitch McConnell, R-Ky., said").
func (x *quoteExtractor) endsSentence(j int) bool {
	if !isSentEnd(x.toks[j].Text) {
		return false
	}
	if j+1 < len(x.toks) {
		n := &x.toks[j+1]
		if n.Text == "," || n.Text == ")" || n.Kind == text.Word && !x.voc.capital[j+1] && n.Start-x.toks[j].End < 2 {
			return false
		}
	}
	return true
}

func isSentEnd(t string) bool { return t == "." || t == "?" || t == "!" || t == "..." || t == "…" }

// isQuoteTok reports whether a token is a quotation mark or holds one.
func isQuoteTok(t string) bool {
	return strings.ContainsAny(t, "\"“”„«»")
}

// lw returns token k lowercased, sliced from the lowercased body when
// there is one, so that it allocates nothing, else from lows. It is
// kept small enough to inline, being called for nearly every token by
// every stage.
func (x *quoteExtractor) lw(k int) string {
	if x.lows != nil {
		return x.lows[k]
	}
	t := &x.toks[k]
	return x.low[t.Start:t.End]
}

// lower returns t lowercased, without allocating when it already is.
func lower(t string) string {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(t)
		}
	}
	return t
}

func isCapTok(t text.Token) bool {
	if t.Kind != text.Word || t.Text == "" {
		return false
	}
	c := t.Text[0]
	if c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}
