package byline

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/quotes"
	"github.com/byline-nlp/byline/internal/stopwords"
)

// QuoteKind says how a quote reports speech.
type QuoteKind uint8

// Quote kinds.
const (
	// DirectQuote is speech in quotation marks standing on its own:
	// “We are ready,” she said.
	DirectQuote QuoteKind = iota
	// MixedQuote is a quoted fragment inside reported speech or a
	// description: The mayor argued that “the budget is sound”.
	MixedQuote
	// IndirectQuote is reported speech without quotation marks, a cue
	// verb introducing a that-clause: He insisted that the vote was fair.
	IndirectQuote
)

var quoteKindNames = [...]string{"direct", "mixed", "indirect"}

// String returns the kind's lowercase name.
func (k QuoteKind) String() string {
	if int(k) < len(quoteKindNames) {
		return quoteKindNames[k]
	}
	return "unknown"
}

// MarshalText makes kinds read as their names in JSON.
func (k QuoteKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind's name, so that results round-trip through
// JSON.
func (k *QuoteKind) UnmarshalText(b []byte) error {
	for i, n := range quoteKindNames {
		if string(b) == n {
			*k = QuoteKind(i)
			return nil
		}
	}
	return fmt.Errorf("byline: unknown quote kind %q", b)
}

// A Quote is one piece of reported speech and who said it.
//
// All spans are byte offsets into the Document's Body. A quote
// interrupted by its attribution (“We are ready,” she said. “The vote is
// on Monday.”) is one Quote with two Parts; a mixed quote's Parts are its
// quoted fragments; an indirect quote has one Part, its that-clause.
type Quote struct {
	Span  Span      `json:"span"`  // the whole quotation: from the first part to the last, or the reported clause
	Parts []Span    `json:"parts"` // the quoted segments, quotation marks included (indirect: the clause)
	Kind  QuoteKind `json:"kind"`
	Text  string    `json:"text"` // the parts' text without the marks, joined by a space

	// Speaker is the mention at the cue, as written: "he" in “…,” he
	// added; "Jonas" in Jonas, a farmer, said. Empty when no speaker was
	// found; SpeakerSpan is then {-1, -1}.
	Speaker     string `json:"speaker,omitempty"`
	SpeakerSpan Span   `json:"speaker_span"`
	Cue         string `json:"cue,omitempty"` // the reporting verb with its particle: said, told, pointed out, according to; empty when the quote's sentence subject speaks without one
	CueSpan     Span   `json:"cue_span"`

	// Person is the named speaker the mention refers to: the name in
	// the speaker itself, titles dropped, when it is a name (of a person,
	// or of an organisation that speaks); for a pronoun, a person named
	// before it outside quotation marks, preferring the subject (a name
	// earlier in its sentence, the previous quote's speaker, the previous
	// sentence's first person) to the nearest name.
	// Entity indexes the entities slice given to Quotes when the speaker
	// was linked to one, else -1.
	Person string `json:"person,omitempty"`
	Entity int    `json:"entity"`

	// Confidence is the probability, from a model learned on news
	// attributions, that the segment is attributed speech rather than a
	// scare quote, title or nickname.
	Confidence float64 `json:"confidence"`
	// Score is the quote's newsworthiness in [0, 1], for choosing pull
	// quotes: speaker salience, position, length, claims and strong
	// language, novelty and overlap with the headline.
	Score float64 `json:"score"`
}

// Quotes finds the quotes in doc, attributes each to a speaker and scores
// it, in order of position. entities are the document's entities, from
// (*NERModel).Entities; when given, speakers are linked to them and
// pronouns resolve to Person mentions, and when nil, speakers resolve by
// capitalised-name heuristics on the tokens.
//
// Quotation marks may be curly or straight; single quotes inside double
// quotes are part of the quote. A quote left open at the end of a
// paragraph continues into the next one, as news style writes quotes
// that run over several paragraphs. Quotes is safe for concurrent use.
func Quotes(doc *Document, entities []Entity) []Quote {
	if doc == nil || len(doc.Body) == 0 || len(doc.Tokens) == 0 {
		return nil
	}
	x := newQuoteExtractor(doc)
	x.attribute()
	model := quotes.Default
	var out []Quote
	for i := range x.segs {
		s := &x.segs[i]
		s.prob = model.Prob(x.features(i))
		s.keep = s.prob >= model.Threshold
	}
	out = x.build(out)
	out = x.indirect(out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	low := lowerBody(doc)
	resolveSpeakers(x, entities, out, low)
	scoreQuotes(doc, entities, out, low)
	return out
}

// qseg is one quotation-mark segment, a candidate quote part.
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
	cue      Span
	cueClass quotes.CueClass
	speaker  Span
	ok       bool
	dist     int // tokens between the quote and the cue
	// participle: the cue is a participle after the quote ("…,”
	// insisting that), whose speaker is the sentence's subject; a cue
	// before the quote governs the quote itself and wins
	participle bool
}

type quoteExtractor struct {
	doc   *Document
	body  string
	toks  []Token
	paras []Span
	segs  []qseg
	stats segStats
}

// segStats are document-level counts the features need, computed once so
// that a text full of quotation marks stays linear.
type segStats struct {
	perPara    map[int]int  // segments per paragraph
	attributed map[int]bool // paragraphs with an attributed segment
	noneRatio  float64      // share of segments without attribution
}

func (x *quoteExtractor) countSegs() {
	x.stats = segStats{perPara: map[int]int{}, attributed: map[int]bool{}}
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

func newQuoteExtractor(doc *Document) *quoteExtractor {
	x := &quoteExtractor{doc: doc, body: doc.Body, toks: doc.Tokens, paras: doc.Paragraphs}
	if len(x.paras) == 0 {
		x.paras = []Span{{Start: 0, End: len(doc.Body)}}
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

// scanParagraph finds the double-quoted segments of one paragraph.
// Opening and closing marks pair up; straight marks alternate; a segment
// still open at the paragraph end runs to it.
func (x *quoteExtractor) scanParagraph(pi int, p Span) {
	b := x.body
	open := -1
	openLen := 0
	for i := p.Start; i < p.End; {
		c := b[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			if c != '"' {
				i++
				continue
			}
			r = '"'
		} else {
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
	return sort.Search(len(x.toks), func(i int) bool { return x.toks[i].Start >= off })
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
		n := x.toks[j+1]
		if n.Text == "," || n.Text == ")" || n.Kind == Word && !isCapTok(n) && n.Start-x.toks[j].End < 2 {
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

func isCapTok(t Token) bool {
	if t.Kind != Word || t.Text == "" {
		return false
	}
	c := t.Text[0]
	if c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

// cueAt reports the cue class of token j, joining "according to".
func (x *quoteExtractor) cueAt(j int) quotes.CueClass {
	t := x.toks[j]
	if t.Kind != Word {
		return quotes.NotCue
	}
	lw := lower(t.Text)
	c := quotes.Cue(lw)
	if c == quotes.NotCue {
		// a verb that reports speech only with its particle: "shot
		// back", "went on to say"
		if c = quotes.PhrasalOnly(lw); c == quotes.NotCue || x.particleEnd(j) < 0 {
			return quotes.NotCue
		}
	}
	if c == quotes.Source && (j+1 >= len(x.toks) || lower(x.toks[j+1].Text) != "to") {
		return quotes.NotCue
	}
	if j > 0 {
		p := x.toks[j-1]
		pl := lower(p.Text)
		// a capitalised cue inside a sentence is a name ("the United
		// States"); after a determiner or possessive it is a noun ("his
		// comments", "Trump's tweets")
		if isCapTok(t) && !isSentEnd(p.Text) && !isQuoteTok(p.Text) && p.Text != "," && p.Text != ":" {
			return quotes.NotCue
		}
		// (a hyphenated word before it is a compound adjective, "long-
		// awaited statement", unless it is a name: "Yoon Sang-hoon told")
		if c != quotes.Source && (quotes.Determiner(pl) && pl != "that" || isPossessiveTok(pl) || pl == "’" || strings.Contains(pl, "-") && !isCapTok(p)) {
			return quotes.NotCue
		}
		// "Kim's mental state", "32% of Republican claims": a cue that can
		// be a noun, after a possessive or "of" and an adjective
		if j > 1 && quotes.Nounlike(lw) && p.Kind == Word && !quotes.Pronoun(pl) {
			if pp := lower(x.toks[j-2].Text); isPossessiveTok(pp) || pp == "of" {
				return quotes.NotCue
			}
		}
	}
	return c
}

// sentenceSubject returns the name, pronoun or description that opens
// the clause holding token ci: the speaker of a participle ("Clinton
// spoke in Tulsa, arguing that …") or a coordinated cue ("Trump
// outlined his plan and vowed …").
func (x *quoteExtractor) sentenceSubject(ci, lo int) (Span, bool) {
	t := x.toks
	k := ci - 1
	for k > lo && !x.endsSentence(k-1) {
		k--
	}
	// an opening adverbial phrase or clause ends at a comma ("In an
	// interview at his office, he …", "When asked, she …")
	if k < ci && (isOpener(lower(t[k].Text)) || x.opensParticipleClause(k, ci)) {
		e := k
		for e < ci && e-k < 20 && t[e].Text != "," {
			e++
		}
		if e < ci && t[e].Text == "," {
			k = e + 1
		}
	}
	for k < ci && (t[k].Kind != Word || stopwords.Is(lower(t[k].Text)) && !quotes.Pronoun(lower(t[k].Text)) && !quotes.Determiner(lower(t[k].Text))) {
		k++
	}
	if k >= ci {
		return Span{}, false
	}
	// a sentence adverb: "Meanwhile, it attacked …"
	if k+1 < ci && t[k+1].Text == "," {
		k += 2
	}
	if k >= ci || t[k].Kind != Word {
		return Span{}, false
	}
	// a date is not a subject: "On September 27 they published …"
	for k < ci && (isMonth(t[k].Text) || isWeekday(t[k].Text)) {
		k++
		for k < ci && (t[k].Kind == Number || t[k].Text == ",") {
			k++
		}
	}
	if k >= ci || t[k].Kind != Word {
		return Span{}, false
	}
	lw := lower(t[k].Text)
	if quotes.Pronoun(lw) {
		return t[k].Span, true
	}
	// an opening phrase whose end no comma marks ("Following Monday's
	// debate Politifact did …"): its words are not the subject
	if isOpener(lw) {
		// but a single adverb may stand before a pronoun: "Later he …"
		if k+1 < ci && t[k+1].Kind == Word && quotes.Pronoun(lower(t[k+1].Text)) {
			return t[k+1].Span, true
		}
		return Span{}, false
	}
	if isCapTok(t[k]) && !stopwords.Is(lw) {
		return x.nameStartingAt(k, ci)
	}
	if quotes.Determiner(lw) {
		e := k
		for e+1 < ci && e-k < 5 && t[e+1].Kind == Word && quotes.Cue(lower(t[e+1].Text)) == quotes.NotCue && !stopwords.Is(lower(t[e+1].Text)) {
			e++
		}
		if e > k {
			return Span{Start: t[k].Start, End: t[e].End}, true
		}
	}
	return Span{}, false
}

// isParticiple reports whether token j is a present participle after a
// comma: "…,” insisting that …", "…, adding: …".
func (x *quoteExtractor) isParticiple(j int) bool {
	t := x.toks
	return j > 0 && t[j-1].Text == "," && t[j].Kind == Word && len(t[j].Text) > 4 &&
		strings.HasSuffix(t[j].Text, "ing") && !isCapTok(t[j])
}

// opensParticipleClause reports whether token k, at a sentence start,
// opens a participial clause that precedes the subject ("Standing next
// to the mayor, Holm said …"): an -ing word followed by a lowercase word
// that is neither a cue nor an auxiliary, so that a name ending in -ing
// ("Browning said", "Manning, a lawyer,") is not skipped.
func (x *quoteExtractor) opensParticipleClause(k, ci int) bool {
	t := x.toks
	if k+1 >= ci || t[k].Kind != Word || len(t[k].Text) < 5 || !strings.HasSuffix(t[k].Text, "ing") {
		return false
	}
	n := t[k+1]
	if n.Kind != Word || isCapTok(n) {
		return false
	}
	nl := lower(n.Text)
	return quotes.Cue(nl) == quotes.NotCue && !quotes.Skip(nl)
}

// nameStartingAt collects a capitalised name (titles included) starting
// at token j, before token hi.
func (x *quoteExtractor) nameStartingAt(j, hi int) (Span, bool) {
	t := x.toks
	if j >= hi || !isCapTok(t[j]) {
		return Span{}, false
	}
	k := j
	for k+1 < hi {
		if isCapTok(t[k+1]) {
			k++
			continue
		}
		// a title between names: "NATO leader Mark Rutte"
		if k+2 < hi && t[k+1].Kind == Word && quotes.Title(t[k+1].Text) && isCapTok(t[k+2]) {
			k += 2
			continue
		}
		// a run of particles inside a name: "Ursula von der Leyen"
		m := k + 1
		for m < hi && m-k <= 3 && isNameParticle(t[m].Text) {
			m++
		}
		if m == k+1 || m >= hi || !isCapTok(t[m]) {
			break
		}
		k = m
	}
	return Span{Start: t[j].Start, End: t[k].End}, true
}

// cueSpan is the cue at token j: "according to", or a verb with its
// particle ("pointed out", "went on to say").
func (x *quoteExtractor) cueSpan(j int, c quotes.CueClass) Span {
	sp := x.toks[j].Span
	if c == quotes.Source && j+1 < len(x.toks) {
		sp.End = x.toks[j+1].End
	} else if e := x.particleEnd(j); e > j {
		sp.End = x.toks[e].End
	}
	return sp
}

// particleEnd returns the last token of the phrasal cue whose verb is
// token j ("pointed out", "went on to say"), or -1 when the verb has no
// particle there. "go on" reports speech only when a quote, a colon, a
// comma, a that-clause or "to" and a reporting verb follows ("the talks
// went on for hours" is not a cue).
func (x *quoteExtractor) particleEnd(j int) int {
	t := x.toks
	if j+1 >= len(t) || t[j].Kind != Word {
		return -1
	}
	lw := lower(t[j].Text)
	p := quotes.Particle(lw)
	if p == "" || t[j+1].Kind != Word || lower(t[j+1].Text) != p || t[j+1].Start-t[j].End > 1 {
		return -1
	}
	if p != "on" {
		return j + 1
	}
	if j+2 >= len(t) {
		return -1
	}
	n := t[j+2]
	nl := lower(n.Text)
	switch {
	case n.Text == "," || n.Text == ":" || isQuoteTok(n.Text) || nl == "that":
		return j + 1
	case nl == "to" && j+3 < len(t) && quotes.Cue(lower(t[j+3].Text)) != quotes.NotCue:
		return j + 3
	}
	return -1
}

// subjectBefore finds the speaker ending before cue token ci, not before
// token lo: a pronoun, a name (with an appositive skipped: "Jonas, a
// farmer, said"), or a description ("the minister").
func (x *quoteExtractor) subjectBefore(ci, lo int) (Span, bool) {
	t := x.toks
	j := ci - 1
	passive := false
	for j >= lo && t[j].Kind == Word && (quotes.Skip(lower(t[j].Text)) || isAdverb(lower(t[j].Text)) || t[j].Text == "n't" || t[j].Text == "n’t") {
		switch lower(t[j].Text) {
		case "was", "were", "is", "are", "been", "being":
			passive = true
		}
		j--
	}
	// a passive cue's subject is what was said or who was named, not a
	// speaker: "he was formally called to testify", "it was reported"
	// (but "she was asked" answers: addressed cues keep their subject)
	if passive && quotes.Cue(lower(t[ci].Text)) != quotes.Addressed && strings.HasSuffix(t[ci].Text, "ed") {
		return Span{}, false
	}
	// "Smith on Tuesday said", "who in 2010 said"
	if j-1 >= lo && (isWeekday(t[j].Text) && lower(t[j-1].Text) == "on" || t[j].Kind == Number && lower(t[j-1].Text) == "in") {
		j -= 2
	}
	// "Rep. Gwen Moore (D-Wis.) said"
	if j >= lo && t[j].Text == ")" {
		k := j - 1
		for k >= lo && j-k < 10 && t[k].Text != "(" {
			k--
		}
		if k > lo && t[k].Text == "(" {
			j = k - 1
		}
	}
	if j < lo {
		return Span{}, false
	}
	if t[j].Text == "," || t[j].Text == "—" || t[j].Text == "–" {
		sep := t[j].Text
		k := j - 1
		for k >= lo && j-k < 25 && t[k].Text != sep && !isQuoteTok(t[k].Text) && !isSentEnd(t[k].Text) {
			k--
		}
		if k >= lo && t[k].Text == sep && k-1 >= lo {
			if sp, ok := x.nameEndingAt(k-1, lo); ok {
				// "the city's finance director, Dr. Karin Öberg, told": a
				// description before the commas and a name between them,
				// the name is who spoke ("Karin Öberg, the director, said"
				// keeps the name before them)
				if !isCapTok(t[k-1]) && j-1 > k && isCapTok(t[j-1]) {
					if name, ok := x.nameEndingAt(j-1, k+1); ok {
						return name, true
					}
				}
				// "one senior analyst in New York, who asked not to be
				// named, said": the place qualifies the description
				// that speaks
				if s0 := x.tokAt(sp.Start); s0-2 >= lo && isCapTok(t[s0]) && locative(lower(t[s0-1].Text)) &&
					t[s0-2].Kind == Word && !isCapTok(t[s0-2]) && !stopwords.Is(lower(t[s0-2].Text)) {
					return x.descriptionEndingAt(s0-2, lo), true
				}
				return sp, true
			}
		}
		return Span{}, false
	}
	w := t[j]
	if w.Kind != Word {
		return Span{}, false
	}
	lw := lower(w.Text)
	if quotes.Pronoun(lw) || lw == "who" || lw == "which" {
		return w.Span, true
	}
	if isCapTok(w) {
		if stopwords.Is(lw) || isWeekday(w.Text) || isMonth(w.Text) {
			return Span{}, false
		}
		return x.nameEndingAt(j, lo)
	}
	if stopwords.Is(lw) || quotes.Cue(lw) != quotes.NotCue {
		return Span{}, false
	}
	return x.descriptionEndingAt(j, lo), true
}

// descriptionEndingAt returns the description whose last word is token
// j: back to its determiner, at most 6 words.
func (x *quoteExtractor) descriptionEndingAt(j, lo int) Span {
	t := x.toks
	k := j
	// (a number may be part of it: "only 52 percent of voters")
	for k-1 >= lo && j-(k-1) < 6 && (t[k-1].Kind == Word || t[k-1].Kind == Number || t[k-1].Text == "’s" || t[k-1].Text == "'s") {
		pl := lower(t[k-1].Text)
		if quotes.Cue(pl) != quotes.NotCue || isQuoteTok(pl) {
			break
		}
		k--
		if quotes.Determiner(pl) {
			break
		}
		if stopwords.Is(pl) && pl != "of" {
			k++
			break
		}
	}
	return Span{Start: t[k].Start, End: t[j].End}
}

// nameEndingAt collects a capitalised name ending at token j.
func (x *quoteExtractor) nameEndingAt(j, lo int) (Span, bool) {
	t := x.toks
	if j < lo || !(isCapTok(t[j]) || t[j].Kind == Word && quotes.Pronoun(lower(t[j].Text))) {
		// "the company's spokesman, John Smith, said" ends in a name; a
		// description before the comma is still a speaker
		if j >= lo && t[j].Kind == Word && !stopwords.Is(lower(t[j].Text)) {
			return t[j].Span, true
		}
		return Span{}, false
	}
	k := j
	for k-1 >= lo && j-(k-1) < 6 {
		if isCapTok(t[k-1]) {
			k--
			continue
		}
		// a run of particles inside a name: "Ursula von der Leyen"
		m := k - 1
		for m >= lo && k-m <= 3 && t[m].Kind == Word && isNameParticle(t[m].Text) {
			m--
		}
		if m == k-1 || m < lo || !isCapTok(t[m]) {
			break
		}
		k = m
	}
	// drop a sentence-initial function word ("But Smith said")
	for k < j && stopwords.Is(lower(t[k].Text)) {
		k++
	}
	return Span{Start: t[k].Start, End: t[j].End}, true
}

func isNameParticle(w string) bool {
	switch w {
	case "de", "van", "von", "der", "den", "da", "di", "al", "bin", "ibn", "la", "le", "del", "du", "dos", "das", "ter", "of":
		return true
	}
	return false
}

// isAdverb reports whether the lowercased word w is an -ly adverb that
// may sit between a speaker and its cue ("she angrily said", "he was
// formally called"), not one of the nouns and adjectives ending in -ly.
func isAdverb(w string) bool {
	if len(w) < 5 || !strings.HasSuffix(w, "ly") {
		return false
	}
	switch w {
	case "family", "rally", "ally", "assembly", "supply", "italy", "july", "anomaly", "monopoly",
		"bully", "belly", "jelly", "folly", "holly", "tally", "homily", "melancholy", "early",
		"only", "likely", "unlikely", "daily", "weekly", "monthly", "yearly", "friendly", "lonely",
		"elderly", "costly", "deadly", "ugly", "silly", "lovely", "orderly", "butterfly", "reply",
		"apply", "comply", "imply", "multiply", "fly":
		return false
	}
	return true
}

func isPossessiveTok(w string) bool {
	return strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s")
}

// isOpener reports whether w opens an adverbial phrase or clause that
// precedes a sentence's subject.
func isOpener(w string) bool {
	switch w {
	case "in", "on", "at", "after", "during", "before", "with", "for", "from", "as", "since", "when",
		"while", "although", "though", "because", "if", "by", "under", "despite", "speaking",
		"asked", "earlier", "later", "meanwhile", "still", "yet", "instead", "however",
		"following", "amid", "throughout", "unlike", "upon", "without", "across", "outside":
		return true
	}
	return false
}

// locative reports whether w is a preposition placing a description:
// "an analyst in New York", "a trader at Mizuho".
func locative(w string) bool { return w == "in" || w == "at" || w == "from" || w == "near" }

func isConjunction(w string) bool { return w == "and" || w == "but" || w == "or" || w == "then" }

func isMonth(w string) bool {
	switch w {
	case "January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December", "Today", "Yesterday", "Tomorrow", "Tonight":
		return true
	}
	return false
}

func isWeekday(w string) bool {
	switch w {
	case "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday":
		return true
	}
	return false
}

// objectAfter finds a speaker after cue token ci (up to token hi): the
// subject of an inverted cue ("said the minister") or the source of
// "according to".
func (x *quoteExtractor) objectAfter(ci int, c quotes.CueClass, hi int) (Span, bool) {
	t := x.toks
	j := ci + 1
	if c == quotes.Source {
		j++
		// "according to conservative talk radio host Rush Limbaugh, …":
		// the source runs to the comma
		k := j
		for k < hi && k < len(t) && k-j < 15 && t[k].Text != "," && !isQuoteTok(t[k].Text) && !isSentEnd(t[k].Text) {
			k++
		}
		if k > j {
			return Span{Start: t[j].Start, End: t[k-1].End}, true
		}
		return Span{}, false
	}
	if j >= hi || j >= len(t) {
		return Span{}, false
	}
	lw := lower(t[j].Text)
	if lw == "that" {
		return Span{}, false // a complementizer: "insisting that the plan …"
	}
	if t[j].Kind == Word && quotes.Pronoun(lw) {
		if lw == "it" || lw == "you" {
			return Span{}, false
		}
		return t[j].Span, true
	}
	// "said 9/11 widow Terry Strada", "said former senator Bob Dole"
	for k := j; k < hi && k < len(t) && k-j < 4; k++ {
		if isCapTok(t[k]) {
			if isWeekday(t[k].Text) || isMonth(t[k].Text) {
				return Span{}, false
			}
			return x.nameStartingAt(k, hi)
		}
		if t[k].Kind == Punct || quotes.Determiner(lower(t[k].Text)) {
			break
		}
	}
	if quotes.Determiner(lw) {
		k := j
		for k+1 < hi && k-j < 6 && t[k+1].Kind == Word {
			nl := lower(t[k+1].Text)
			if nl != "of" && stopwords.Is(nl) || quotes.Cue(nl) != quotes.NotCue {
				break
			}
			k++
		}
		if k > j {
			return Span{Start: t[j].Start, End: t[k].End}, true
		}
	}
	return Span{}, false
}

// findAfter looks for the attribution right after segment s: “…,” she
// said / said the minister / Smith, a farmer, said.
func (x *quoteExtractor) findAfter(s *qseg) qattr {
	t := x.toks
	j := s.after
	// a dash and a name: “…” ― Jane Doe
	if j+1 < len(t) && j < s.aHi && (t[j].Text == "―" || t[j].Text == "—" || t[j].Text == "–") {
		if sp, ok := x.nameStartingAt(j+1, min(len(t), j+6)); ok {
			return qattr{cue: t[j].Span, cueClass: quotes.Speech, speaker: sp, ok: true}
		}
	}
	for j < s.aHi && (t[j].Kind == Punct && !isQuoteTok(t[j].Text)) {
		j++
	}
	if j >= s.aHi {
		return qattr{}
	}
	// a participle after the quote ("…,” insisting that …) shares the
	// sentence's subject; what follows it is its complement, not a speaker
	if c := x.cueAt(j); c != quotes.NotCue && x.isParticiple(j) && j > s.after {
		if s.before > s.bLo {
			if sp, ok := x.sentenceSubject(s.before, s.bLo); ok {
				return qattr{cue: x.cueSpan(j, c), cueClass: c, speaker: sp, ok: true, dist: j - s.after, participle: true}
			}
		}
		return qattr{}
	}
	if c := x.cueAt(j); c != quotes.NotCue && (quotes.Invertible(c) || c == quotes.Source) {
		if sp, ok := x.objectAfter(j, c, s.aHi); ok {
			return qattr{cue: x.cueSpan(j, c), cueClass: c, speaker: sp, ok: true, dist: j - s.after}
		}
	}
	for k := j; k < s.aHi && k-j < 25; k++ {
		c := x.cueAt(k)
		if c == quotes.NotCue {
			continue
		}
		if c == quotes.Source {
			if sp, ok := x.objectAfter(k, c, s.aHi); ok {
				return qattr{cue: x.cueSpan(k, c), cueClass: c, speaker: sp, ok: true, dist: k - s.after}
			}
			continue
		}
		// the attribution opens with its speaker: “…,” Scott Pruitt, the
		// attorney general of Oklahoma, said
		if k > j {
			lw := lower(t[j].Text)
			if quotes.Pronoun(lw) && lw != "it" && lw != "you" && k-j <= 3 {
				return qattr{cue: x.cueSpan(k, c), cueClass: c, speaker: t[j].Span, ok: true, dist: k - s.after}
			}
			if isCapTok(t[j]) && !stopwords.Is(lw) && !isWeekday(t[j].Text) && !isMonth(t[j].Text) {
				if sp, ok := x.nameStartingAt(j, k); ok {
					return qattr{cue: x.cueSpan(k, c), cueClass: c, speaker: sp, ok: true, dist: k - s.after}
				}
			}
		}
		if k-j > 14 {
			continue
		}
		if sp, ok := x.subjectBefore(k, j); ok {
			return qattr{cue: x.cueSpan(k, c), cueClass: c, speaker: sp, ok: true, dist: k - s.after}
		}
	}
	return qattr{}
}

// findBefore looks for the nearest cue before segment s in its sentence:
// she said: “…” / The mayor argued that “…” / According to Smith, “…”.
func (x *quoteExtractor) findBefore(s *qseg) qattr {
	// a cue whose subject is "it" ("She says it underscores that “…”")
	// is kept only when no earlier cue of the sentence has a speaker
	var fallback qattr
	for k := s.before - 1; k >= s.bLo; k-- {
		c := x.cueAt(k)
		if c == quotes.NotCue {
			continue
		}
		a := qattr{cue: x.cueSpan(k, c), cueClass: c, dist: s.before - k}
		sp, ok := x.speakerAtCue(s, k, c)
		if !ok {
			continue
		}
		a.speaker, a.ok = sp, true
		if lower(sp.Of(x.body)) != "it" {
			return a
		}
		if !fallback.ok {
			fallback = a
		}
	}
	return fallback
}

// speakerAtCue finds the speaker of cue token k (of class c) before
// segment s.
func (x *quoteExtractor) speakerAtCue(s *qseg, k int, c quotes.CueClass) (Span, bool) {
	if c == quotes.Source {
		return x.objectAfter(k, c, s.before)
	}
	// a participle or a coordinated cue takes the clause's subject
	if k > s.bLo && (x.toks[k-1].Text == "," && strings.HasSuffix(x.toks[k].Text, "ing") || isConjunction(lower(x.toks[k-1].Text))) {
		if sp, ok := x.sentenceSubject(k, s.bLo); ok {
			return sp, true
		}
		// the subject may sit before an earlier quote of the sentence
		// (The mayor argued that “…” but warned that “…”; The chief
		// called the plan “bold” and praised the staff, adding, “…”),
		// but never inside it
		if sp, ok := x.sentenceSubject(k, x.tokAt(x.paras[s.para].Start)); ok && !x.inSeg(sp.Start) {
			return sp, true
		}
	}
	if sp, ok := x.subjectBefore(k, s.bLo); ok {
		return sp, true
	}
	if quotes.Invertible(c) {
		return x.objectAfter(k, c, s.before)
	}
	return Span{}, false
}

// inSeg reports whether byte off lies inside a quotation-mark segment.
func (x *quoteExtractor) inSeg(off int) bool {
	i := sort.Search(len(x.segs), func(i int) bool { return x.segs[i].end > off })
	return i < len(x.segs) && x.segs[i].start <= off
}

// attribute finds every segment's cue and speaker, then lets segments of
// one quote (split by the attribution, or running over paragraphs) share
// it.
func (x *quoteExtractor) attribute() {
	segs := x.segs
	for i := range segs {
		s := &segs[i]
		a := x.findAfter(s)
		preferAfter := a.ok && !a.participle && (x.innerEndsSoft(s) || x.commaAfter(s))
		if preferAfter {
			s.attr, s.how = a, howAfter
			continue
		}
		if b := x.findBefore(s); b.ok {
			s.attr, s.how = b, howBefore
			continue
		}
		if a.ok {
			s.attr, s.how = a, howAfter
		}
	}
	// links: a segment continues the previous one's quote when both are
	// in one paragraph, or the previous was left open at its paragraph end
	// and this one opens the next paragraph.
	for i := 1; i < len(segs); i++ {
		p, s := &segs[i-1], &segs[i]
		switch {
		case p.para == s.para:
			s.linkPrev = s.how == howNone || p.how == howAfter && s.how == howBefore && s.attr.cue == p.attr.cue
		case !p.closed && s.para == p.para+1 && s.start == x.paras[s.para].Start:
			s.linkPrev = true
		}
	}
	// forward then backward inheritance along links
	for i := 1; i < len(segs); i++ {
		if segs[i].how == howNone && segs[i].linkPrev && segs[i-1].attr.ok {
			segs[i].attr, segs[i].how = segs[i-1].attr, howInherit
		}
	}
	for i := len(segs) - 2; i >= 0; i-- {
		if segs[i].how == howNone && segs[i+1].linkPrev && segs[i+1].attr.ok {
			segs[i].attr, segs[i].how = segs[i+1].attr, howInherit
			segs[i+1].linkPrev = true
		}
	}
	// a paragraph that opens with a quote and no attribution: introduced
	// by a colon ending the previous paragraph, or continuing its quote.
	for i := range segs {
		s := &segs[i]
		if s.how != howNone || s.start != x.paras[s.para].Start || s.para == 0 {
			continue
		}
		prev := x.paras[s.para-1]
		end := trimRightSpace(x.body, prev.Start, prev.End)
		if end > prev.Start && x.body[end-1] == ':' {
			a := x.findBeforeOffset(end, s.para-1)
			if !a.ok {
				// no reporting verb ("he laid out his concern at length:"):
				// the introducing sentence's subject speaks
				e := x.tokAt(end) - 1
				if sp, ok := x.sentenceSubject(e, x.tokAt(prev.Start)); ok {
					a = qattr{speaker: sp, cue: x.toks[e].Span, cueClass: quotes.Speech, ok: true}
				}
			}
			if a.ok {
				s.attr, s.how = a, howColon
				x.spread(i)
				continue
			}
		}
		if i > 0 && segs[i-1].para == s.para-1 && segs[i-1].attr.ok {
			s.attr, s.how = segs[i-1].attr, howInheritPara
			x.spread(i)
		}
	}
	x.subjectFallback()
	x.countSegs()
}

// subjectFallback attributes a quoted fragment that no cue claims to the
// subject of its sentence: Trump openly admires Putin as a “strong
// leader”.
func (x *quoteExtractor) subjectFallback() {
	for i := range x.segs {
		s := &x.segs[i]
		if s.how != howNone || x.standalone(i) || s.before == 0 {
			continue
		}
		if sp, ok := x.sentenceSubject(s.before, s.bLo); ok {
			s.attr = qattr{speaker: sp, cue: Span{Start: -1, End: -1}, ok: true, dist: s.before - x.tokAt(sp.Start)}
			s.how = howSubject
		}
	}
}

// spread gives segment i's attribution to the unattributed segments that
// follow it in its paragraph.
func (x *quoteExtractor) spread(i int) {
	for k := i + 1; k < len(x.segs) && x.segs[k].para == x.segs[i].para; k++ {
		if x.segs[k].how != howNone && x.segs[k].how != howInherit {
			break
		}
		x.segs[k].attr, x.segs[k].how, x.segs[k].linkPrev = x.segs[i].attr, howInherit, true
	}
}

// findBeforeOffset finds a cue and speaker in the sentence ending at
// byte end (a paragraph ending in a colon: "The Times reports:").
func (x *quoteExtractor) findBeforeOffset(end, para int) qattr {
	paraStart := x.paras[para].Start
	e := x.tokAt(end)
	lo := e - 1
	for lo > 0 && e-lo < 40 && x.toks[lo-1].Start >= paraStart && !isSentEnd(x.toks[lo-1].Text) {
		lo--
	}
	s := qseg{before: e, bLo: lo, para: para}
	return x.findBefore(&s)
}

// innerEndsSoft reports whether the segment's text ends in a comma, a
// question or exclamation mark or a dash: the sentence goes on, usually
// with the attribution.
func (x *quoteExtractor) innerEndsSoft(s *qseg) bool {
	in := strings.TrimRight(x.body[s.innerStart:s.innerEnd], " \n")
	return strings.HasSuffix(in, ",") || strings.HasSuffix(in, "?") || strings.HasSuffix(in, "!") ||
		strings.HasSuffix(in, "—") || strings.HasSuffix(in, "-")
}

func (x *quoteExtractor) commaAfter(s *qseg) bool {
	return s.after < len(x.toks) && s.after < s.aHi && x.toks[s.after].Text == ","
}

// standalone reports whether a segment stands on its own as a direct
// quote rather than being a fragment inside a sentence.
func (x *quoteExtractor) standalone(i int) bool {
	s := &x.segs[i]
	p := x.paras[s.para]
	b := x.body
	k := s.start
	for k > p.Start && isSpaceByte(b[k-1]) {
		k--
	}
	startOK := k == p.Start
	if !startOK {
		r, _ := utf8.DecodeLastRuneInString(b[p.Start:k])
		switch r {
		case ':', '.', '?', '!', '”', '"', '—', '(':
			startOK = true
		case ',':
			startOK = s.how == howBefore && s.attr.dist <= 15 || s.how == howInherit
		}
	}
	if !startOK {
		return false
	}
	if !s.closed || s.after >= s.aHi || s.how == howAfter {
		return true
	}
	in := strings.TrimRight(b[s.innerStart:s.innerEnd], " \n")
	return strings.HasSuffix(in, ".") || x.innerEndsSoft(s)
}

// Feature indexes of the segment classifier (see internal/quotes).
const (
	fBias = iota
	fLogWords
	fOneWord
	fShort
	fAfter
	fBefore
	fInherit
	fInheritPara
	fColon
	fNone
	fEndsPunct
	fStartsUpper
	fUnclosed
	fStandalone
	fScarePrev
	fDetPrev
	fTitleCase
	fFirstPara
	fLogDist
	fPronounSpeaker
	fNamingCue
	fAddressedCue
	fLogSegsInPara
	fParaStart
	fInParens
	fHasVerbish
	fCueNoSpeaker
	fPrevPossessive
	fPrevPrep
	fTranscript
	fPrevEquals
	fNextLowerNonCue
	fPrevThat
	fPrevCue
	fShortNoAttr
	fShortTitleCase
	fNoneStandalone
	fNoneParaStart
	fNoneLogWords
	fNoneUpper
	fDocNoneRatio
	fPrevParaAttributed
	fTitleAfterPossPrep
	fTitleAttributed
	fSubject
	numQuoteFeatures
)

// features describes segment i for the classifier.
func (x *quoteExtractor) features(i int) []float64 {
	s := &x.segs[i]
	f := make([]float64, numQuoteFeatures)
	f[fBias] = 1
	words, caps, verbish, content, contentCaps := 0, 0, 0, 0, 0
	for k := s.lo; k < s.hi && k < len(x.toks); k++ {
		t := x.toks[k]
		if t.Kind != Word && t.Kind != Number {
			continue
		}
		words++
		if isCapTok(t) {
			caps++
		}
		lw := lower(t.Text)
		if !stopwords.Is(lw) {
			content++
			if isCapTok(t) {
				contentCaps++
			}
		}
		if lw == "i" || lw == "we" || lw == "you" || lw == "is" || lw == "are" || lw == "will" || lw == "was" || lw == "be" || lw == "have" || lw == "not" {
			verbish++
		}
	}
	f[fLogWords] = math.Log1p(float64(words))
	if words <= 1 {
		f[fOneWord] = 1
	}
	if words <= 4 {
		f[fShort] = 1
	}
	switch s.how {
	case howAfter:
		f[fAfter] = 1
	case howBefore:
		f[fBefore] = 1
	case howInherit:
		f[fInherit] = 1
	case howInheritPara:
		f[fInheritPara] = 1
	case howColon:
		f[fColon] = 1
	case howSubject:
		f[fSubject] = 1
	default:
		f[fNone] = 1
	}
	in := strings.TrimRight(x.body[s.innerStart:s.innerEnd], " \n")
	if in != "" {
		switch in[len(in)-1] {
		case '.', ',', '?', '!':
			f[fEndsPunct] = 1
		}
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(in, " …."))
		if unicode.IsUpper(r) {
			f[fStartsUpper] = 1
		}
	}
	if !s.closed {
		f[fUnclosed] = 1
	}
	if x.standalone(i) {
		f[fStandalone] = 1
	}
	if s.before > 0 && s.before-1 >= s.bLo {
		pw := lower(x.toks[s.before-1].Text)
		if quotes.Scare(pw) {
			f[fScarePrev] = 1
		}
		if quotes.Determiner(pw) {
			f[fDetPrev] = 1
		}
		if pw == "(" {
			f[fInParens] = 1
		}
	}
	// a title: every content word capitalised ("Face the Nation")
	titleCase := content >= 1 && words <= 8 && contentCaps == content
	if titleCase {
		f[fTitleCase] = 1
		if s.attr.ok {
			f[fTitleAttributed] = 1
		}
	}
	if s.para == 0 {
		f[fFirstPara] = 1
	}
	if s.attr.ok {
		f[fLogDist] = math.Log1p(float64(s.attr.dist))
		if sp := s.attr.speaker; sp.End > sp.Start && quotes.Pronoun(lower(x.body[sp.Start:sp.End])) {
			f[fPronounSpeaker] = 1
		}
		switch s.attr.cueClass {
		case quotes.Naming:
			f[fNamingCue] = 1
		case quotes.Addressed:
			f[fAddressedCue] = 1
		}
	}
	f[fLogSegsInPara] = math.Log(float64(x.stats.perPara[s.para]))
	if s.start == x.paras[s.para].Start {
		f[fParaStart] = 1
	}
	if verbish > 0 {
		f[fHasVerbish] = 1
	}
	if !s.attr.ok {
		for k := s.bLo; k < s.before; k++ {
			if x.cueAt(k) != quotes.NotCue {
				f[fCueNoSpeaker] = 1
			}
		}
		for k := s.after; k < s.aHi && k < s.after+8; k++ {
			if x.cueAt(k) != quotes.NotCue {
				f[fCueNoSpeaker] = 1
			}
		}
		if words <= 4 {
			f[fShortNoAttr] = 1
		}
	}
	if words <= 4 && caps == words {
		f[fShortTitleCase] = 1
	}
	if s.before > 0 && s.before-1 >= s.bLo {
		pt := x.toks[s.before-1]
		pw := lower(pt.Text)
		if strings.HasSuffix(pw, "’s") || strings.HasSuffix(pw, "'s") || pw == "s" {
			f[fPrevPossessive] = 1
		}
		switch pw {
		case "on", "of", "in", "at", "during", "for", "from", "with", "by", "to", "about":
			f[fPrevPrep] = 1
		case "that":
			f[fPrevThat] = 1
		}
		if x.cueAt(s.before-1) != quotes.NotCue || pw == ":" || pw == "," && s.before-2 >= s.bLo && x.cueAt(s.before-2) != quotes.NotCue {
			f[fPrevCue] = 1
		}
	}
	if !s.attr.ok {
		f[fNoneStandalone] = f[fStandalone]
		f[fNoneParaStart] = f[fParaStart]
		f[fNoneLogWords] = f[fLogWords]
		f[fNoneUpper] = f[fStartsUpper]
	}
	if s.para > 0 && x.stats.attributed[s.para-1] {
		f[fPrevParaAttributed] = 1
	}
	f[fDocNoneRatio] = x.stats.noneRatio
	if titleCase && (f[fPrevPossessive] > 0 || f[fPrevPrep] > 0) {
		f[fTitleAfterPossPrep] = 1
	}
	if s.start > 0 && x.body[s.start-1] == '=' {
		f[fPrevEquals] = 1
	}
	// a transcript's speaker label: "WALLACE: ..."
	if lbl, _, ok := strings.Cut(x.body[s.innerStart:min(s.innerEnd, s.innerStart+40)], ":"); ok && len(lbl) >= 2 && strings.ToUpper(lbl) == lbl && !strings.ContainsAny(lbl, "0123456789") {
		f[fTranscript] = 1
	}
	if s.after < s.aHi {
		nt := x.toks[s.after]
		if nt.Kind == Word && !isCapTok(nt) && x.cueAt(s.after) == quotes.NotCue && !quotes.Pronoun(lower(nt.Text)) {
			f[fNextLowerNonCue] = 1
		}
	}
	return f
}

// build turns the kept segments into Quotes: consecutive kept segments
// that share an attribution and are linked become one quote's parts.
func (x *quoteExtractor) build(out []Quote) []Quote {
	var cur *Quote
	var curAttr qattr
	for i := range x.segs {
		s := &x.segs[i]
		if !s.keep {
			continue
		}
		if cur != nil && s.linkPrev && i > 0 && x.segs[i-1].keep && s.attr.cue == curAttr.cue && s.attr.speaker == curAttr.speaker {
			cur.Parts = append(cur.Parts, Span{Start: s.start, End: s.end})
			cur.Span.End = s.end
			if !x.standalone(i) {
				cur.Kind = MixedQuote
			}
			cur.Confidence = math.Max(cur.Confidence, s.prob)
			continue
		}
		out = append(out, Quote{
			Span:        Span{Start: s.start, End: s.end},
			Parts:       []Span{{Start: s.start, End: s.end}},
			Kind:        DirectQuote,
			SpeakerSpan: Span{Start: -1, End: -1},
			CueSpan:     Span{Start: -1, End: -1},
			Entity:      -1,
			Confidence:  s.prob,
		})
		cur = &out[len(out)-1]
		curAttr = s.attr
		if !x.standalone(i) {
			cur.Kind = MixedQuote
		}
		if s.attr.ok {
			cur.SpeakerSpan, cur.Speaker = s.attr.speaker, s.attr.speaker.Of(x.body)
			if s.attr.cue.Start >= 0 {
				cur.CueSpan, cur.Cue = s.attr.cue, s.attr.cue.Of(x.body)
			}
		}
	}
	for i := range out {
		q := &out[i]
		texts := make([]string, len(q.Parts))
		for k, p := range q.Parts {
			texts[k] = strings.Trim(x.body[p.Start:p.End], "\"“”„«»‟ \n")
		}
		q.Text = strings.Join(texts, " ")
		if q.Kind == MixedQuote && q.CueSpan.Start >= 0 && q.CueSpan.End <= q.Span.Start {
			// the reported clause runs from after the cue
			q.Span.Start = q.CueSpan.End
			for q.Span.Start < len(x.body) && isSpaceByte(x.body[q.Span.Start]) {
				q.Span.Start++
			}
		}
	}
	return out
}

// indirect finds reported speech without quotation marks: a speaker, a
// cue and a that-clause, in sentences holding no quoted segment.
func (x *quoteExtractor) indirect(out []Quote) []Quote {
	si := 0
	for _, sen := range x.doc.Sentences {
		for si < len(x.segs) && x.segs[si].end <= sen.Start {
			si++
		}
		if si < len(x.segs) && x.segs[si].start < sen.End {
			continue // the sentence holds quotation marks
		}
		toks := sen.Tokens
		for k := 0; k+1 < len(toks); k++ {
			// reporting verbs inside a sentence are lowercase: test the
			// text as is, without lowering every word
			if toks[k].Kind != Word || toks[k].Text[0] < 'a' || toks[k].Text[0] > 'z' {
				continue
			}
			c := quotes.Cue(toks[k].Text)
			if c != quotes.Speech && c != quotes.Addressed {
				continue
			}
			// the that-clause follows the cue, or the cue's addressee
			th := k + 1
			if c == quotes.Addressed && th < len(toks) && toks[th].Kind == Word && lower(toks[th].Text) != "that" {
				th++
			}
			if th >= len(toks)-1 || lower(toks[th].Text) != "that" {
				continue
			}
			ci := sen.First + k
			sp, ok := x.subjectBefore(ci, sen.First)
			if !ok {
				continue
			}
			clause := Span{Start: toks[th].Start, End: sen.End}
			out = append(out, Quote{
				Span:        clause,
				Parts:       []Span{clause},
				Kind:        IndirectQuote,
				Text:        clause.Of(x.body),
				Speaker:     sp.Of(x.body),
				SpeakerSpan: sp,
				Cue:         toks[k].Text,
				CueSpan:     toks[k].Span,
				Entity:      -1,
				Confidence:  0.5,
			})
			break
		}
	}
	return out
}

// resolveSpeakers fills Person and Entity: a named speaker is its own
// person (linked to the entity with a mention there or the same last
// name); a pronoun resolves to a named person outside quotation marks (a
// name inside a quote is what the speaker talks about, not an
// antecedent). Preferred, in order: the first person named earlier in the
// pronoun's own sentence, the speaker of the previous quote when it is
// attributed in the same or the previous sentence (the subject a reader
// follows: “…,” Artem said. “…,” he added), the first person named in
// the previous sentence (its subject, more often than not), and last the
// nearest person named before it.
func resolveSpeakers(x *quoteExtractor, entities []Entity, qs []Quote, low string) {
	doc := x.doc
	body := doc.Body
	need := false
	for _, q := range qs {
		need = need || q.SpeakerSpan.Start >= 0
	}
	if !need {
		return
	}
	// people resolve he, she and I; groups (organisations, from entities
	// only) resolve they and we. Mentions inside quotation marks are
	// dropped.
	var people, groups []quoteNamed
	// without entities, names are found on first need (in text order):
	// only pronouns and short names look back
	peopleReady := entities != nil
	needPeople := func() {
		if !peopleReady {
			people = x.outsideQuotes(capitalisedNames(doc, low))
			peopleReady = true
		}
	}
	if entities != nil {
		for ei, e := range entities {
			for _, m := range e.Mentions {
				switch e.Type {
				case Person:
					people = append(people, quoteNamed{m.Start, e.Name, ei})
				case Organization:
					groups = append(groups, quoteNamed{m.Start, e.Name, ei})
				}
			}
		}
		sort.Slice(people, func(i, j int) bool { return people[i].at < people[j].at })
		sort.Slice(groups, func(i, j int) bool { return groups[i].at < groups[j].at })
		people, groups = x.outsideQuotes(people), x.outsideQuotes(groups)
	}
	// the previous quote's resolved person speaker, and where its
	// attribution ends
	prev, prevAt := quoteNamed{entity: -1}, -1
	for i := range qs {
		q := &qs[i]
		sp := q.SpeakerSpan
		if sp.Start < 0 || sp.End > len(body) || sp.End <= sp.Start {
			continue
		}
		text := body[sp.Start:sp.End]
		lw := lower(text)
		if quotes.Pronoun(lw) {
			switch lw {
			case "it", "you":
				continue
			case "they", "we":
				needPeople()
				k := sort.Search(len(groups), func(k int) bool { return groups[k].at >= sp.Start }) - 1
				if k >= 0 {
					q.Person, q.Entity = groups[k].name, groups[k].entity
				}
				continue
			}
			needPeople()
			if c, ok := x.antecedent(people, sp.Start, prev, prevAt); ok {
				q.Person, q.Entity = c.name, c.entity
				prev, prevAt = c, max(q.Span.End, sp.End)
			}
			continue
		}
		if lw == "who" {
			// a relative pronoun refers to the name it follows: "Smith,
			// who led the talks, said"
			if sp2, ok := x.relativeHead(sp.Start); ok {
				hq := *q
				hq.SpeakerSpan = sp2
				resolveNamed(x, entities, &hq, needPeople, &people)
				q.Person, q.Entity = hq.Person, hq.Entity
				if q.Person != "" && (q.Entity < 0 || entities[q.Entity].Type == Person) {
					prev, prevAt = quoteNamed{sp2.Start, q.Person, q.Entity}, max(q.Span.End, sp.End)
				}
			}
			continue
		}
		resolveNamed(x, entities, q, needPeople, &people)
		if q.Person != "" && headCapitalised(text) && (q.Entity < 0 || entities[q.Entity].Type == Person) {
			prev, prevAt = quoteNamed{sp.Start, q.Person, q.Entity}, max(q.Span.End, sp.End)
		}
	}
}

// relativeHead returns the capitalised name right before the relative
// pronoun at byte at ("Jonas Berg, who …" → Jonas Berg).
func (x *quoteExtractor) relativeHead(at int) (Span, bool) {
	j := x.tokAt(at) - 1
	if j >= 0 && x.toks[j].Text == "," {
		j--
	}
	if j < 0 || !isCapTok(x.toks[j]) {
		return Span{}, false
	}
	return x.nameEndingAt(j, max(0, j-6))
}

// antecedent picks the person a he, she or I at byte at refers to, from
// people (sorted, outside quotes) and the previous quote's speaker prev,
// attributed up to byte prevAt (see resolveSpeakers for the order).
func (x *quoteExtractor) antecedent(people []quoteNamed, at int, prev quoteNamed, prevAt int) (quoteNamed, bool) {
	sents := x.doc.Sentences
	si := sort.Search(len(sents), func(k int) bool { return sents[k].Start > at }) - 1
	before := sort.Search(len(people), func(k int) bool { return people[k].at >= at })
	firstFrom := func(from int) (quoteNamed, bool) {
		k := sort.Search(before, func(k int) bool { return people[k].at >= from })
		if k < before {
			return people[k], true
		}
		return quoteNamed{}, false
	}
	if si >= 0 {
		if c, ok := firstFrom(sents[si].Start); ok {
			return c, true
		}
	}
	if prevAt >= 0 && prev.name != "" {
		pi := sort.Search(len(sents), func(k int) bool { return sents[k].Start >= prevAt }) - 1
		if si < 0 || pi >= si-1 {
			return prev, true
		}
	}
	if si >= 1 {
		if c, ok := firstFrom(sents[si-1].Start); ok {
			return c, true
		}
	}
	if before > 0 {
		return people[before-1], true
	}
	return quoteNamed{}, false
}

// outsideQuotes drops the names that sit inside a quotation-mark
// segment. names and x.segs are in text order.
func (x *quoteExtractor) outsideQuotes(names []quoteNamed) []quoteNamed {
	out := names[:0]
	si := 0
	for _, n := range names {
		for si < len(x.segs) && x.segs[si].end <= n.at {
			si++
		}
		if si < len(x.segs) && x.segs[si].start <= n.at {
			continue
		}
		out = append(out, n)
	}
	return out
}

// resolveNamed fills Person and Entity for a speaker that is a name or a
// description: linked to an entity mention at its head, or to an entity
// sharing its last word, or to an earlier full form of the name.
func resolveNamed(x *quoteExtractor, entities []Entity, q *Quote, needPeople func(), people *[]quoteNamed) {
	body := x.body
	sp := q.SpeakerSpan
	text := body[sp.Start:sp.End]
	if ei := entityAt(entities, body, sp); ei >= 0 {
		q.Person, q.Entity = entities[ei].Name, ei
		// a name the tagger split or typed as a place ("Ursula" and
		// "Leyen" for Ursula von der Leyen) is the speaker's name as
		// written, not the entity
		if t := entities[ei].Type; t != Person && t != Organization {
			if name := headName(text); strings.Contains(name, " ") && len(name) > len(entities[ei].Name) && strings.Contains(name, entities[ei].Name) {
				q.Person, q.Entity = name, -1
				for ej, e := range entities {
					if e.Type == Person && e.Name == name {
						q.Entity = ej
						break
					}
				}
			}
		}
		return
	}
	last := lastCapWord(text)
	if last == "" || !headCapitalised(text) {
		return // a description ("the minister", "Kenya's grid operator")
	}
	// the name without the titles and descriptions before it: "Council
	// leader Mira Holt" is Mira Holt
	q.Person = stripTitles(headName(text))
	if q.Person == "" {
		q.Person = stripTitles(text)
	}
	for ei, e := range entities {
		if e.Type == Person && lastCapWord(e.Name) == last {
			q.Person, q.Entity = e.Name, ei
			break
		}
	}
	if q.Entity < 0 {
		// a later mention of a name seen in full earlier ("Smith" after
		// "John Smith") takes the full name.
		needPeople()
		ps := *people
		before := sort.Search(len(ps), func(k int) bool { return ps[k].at >= sp.Start })
		for k := before - 1; k >= 0 && k >= before-500; k-- {
			if ps[k].at < sp.Start && lastCapWord(ps[k].name) == last && len(ps[k].name) > len(q.Person) {
				q.Person = ps[k].name
				break
			}
		}
	}
}

// headName returns the name at the end of a speaker mention: its last
// capitalised words with the particles between them, without the titles
// and descriptions before ("EU chief Ursula von der Leyen" → "Ursula von
// der Leyen").
func headName(s string) string {
	f := strings.Fields(s)
	k := len(f)
	for k > 0 {
		w := f[k-1]
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && !quotes.Title(lower(w)) {
			k--
			continue
		}
		// particles count only between capitalised words
		m := k - 1
		for m > 0 && isNameParticle(f[m]) {
			m--
		}
		if m < k-1 && k < len(f) {
			if r, _ := utf8.DecodeRuneInString(f[m]); unicode.IsUpper(r) && !quotes.Title(lower(f[m])) {
				k = m
				continue
			}
		}
		break
	}
	return strings.Join(f[k:], " ")
}

// quoteNamed is a named person at a byte offset, for pronoun resolution.
type quoteNamed struct {
	at     int
	name   string
	entity int
}

// entityAt returns the index of the entity named at the head of the
// speaker span sp, its last word: "Kenya's grid operator" is not Kenya,
// "Finance minister Ana Ríos" is Ana Ríos.
func entityAt(entities []Entity, body string, sp Span) int {
	head := sp.End
	for head > sp.Start && body[head-1] != ' ' && body[head-1] != '\n' {
		head--
	}
	for ei, e := range entities {
		for _, m := range e.Mentions {
			if m.Start < sp.End && head < m.End {
				return ei
			}
		}
	}
	return -1
}

// capitalisedNames finds runs of two or more capitalised words, the
// shape of a person's full name, when no entities were given.
func capitalisedNames(doc *Document, low string) []quoteNamed {
	var out []quoteNamed
	for _, sen := range doc.Sentences {
		toks := sen.Tokens
		for k := 0; k < len(toks); {
			if !isCapTok(toks[k]) || quotes.Title(lowerTok(low, toks[k])) || stopwords.Is(lowerTok(low, toks[k])) {
				k++
				continue
			}
			j := k
			for j+1 < len(toks) && isCapTok(toks[j+1]) {
				j++
			}
			// "the consultancy Pampa Macro" names a thing; "minister Ana
			// Ríos" and "said Ana Ríos" name a person
			thing := false
			if k > 0 && toks[k-1].Kind == Word && !isCapTok(toks[k-1]) {
				pl := lower(toks[k-1].Text)
				thing = !stopwords.Is(pl) && !quotes.Title(pl) && quotes.Cue(pl) == quotes.NotCue
			}
			if j > k && j-k < 4 && !thing {
				out = append(out, quoteNamed{toks[k].Start, doc.Body[toks[k].Start:toks[j].End], -1})
			}
			k = j + 1
		}
	}
	return out
}

// lastCapWord returns the last capitalised word of s, trimmed of a
// possessive, or "".
func lastCapWord(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\n' })
	for i := len(f) - 1; i >= 0; i-- {
		w := strings.TrimSuffix(strings.TrimSuffix(f[i], "’s"), "'s")
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && !quotes.Title(lower(w)) && !stopwords.Is(lower(w)) {
			return w
		}
	}
	return ""
}

// headCapitalised reports whether the last word of s, its head, is
// capitalised, as in a name.
func headCapitalised(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[len(f)-1])
	return unicode.IsUpper(r)
}

// stripTitles drops leading honorifics and function words from a name.
func stripTitles(s string) string {
	f := strings.Fields(s)
	for len(f) > 1 && (quotes.Title(lower(f[0])) || stopwords.Is(lower(f[0]))) {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

// Newsworthiness signals, in the order of quoteScoreWeights.
const (
	sigLength     = iota // content words, rising to a plateau at 12, falling past 40
	sigShort             // 1 for a pull-quote-sized quote (at most 15 content words)
	sigSalience          // the speaker's entity salience or how often the speaker is quoted
	sigPosition          // 1 at the top of the article, 0 at its end
	sigNovelty           // share of the quote's words the rest of the article never uses
	sigLead              // share of the quote's words that the lead (first 3 sentences) uses
	sigStrong            // claims and strong language
	sigHeadline          // share of the headline's words the quote repeats
	sigNamed             // the speaker is a named person
	sigConfidence        // the extractor's confidence it is a quote
	numQuoteSignals
)

// quoteScoreWeights blend the signals (after a bias) into a logit. They
// were chosen on CNN/DailyMail dev (TestTuneQuoteScore, coordinate ascent
// on p@1; a two-fold split of dev keeps +0.10 over the best baseline on
// the held-out halves): editors reuse short, early quotes whose words are
// the story's own, so novelty and length weigh against a quote and the
// lead's words for it. Salience keeps a small weight (0 scored one
// article more on dev, too few to drop a signal editors weigh).
var quoteScoreWeights = [numQuoteSignals]float64{
	sigLength: -2.0, sigShort: 1.5, sigSalience: 0.5, sigPosition: 1.5, sigNovelty: -2.0,
	sigLead: 2.0, sigStrong: -0.5, sigHeadline: 1.5, sigNamed: 0.5, sigConfidence: 0.5,
}

const quoteScoreBias = -3.0

// quoteContext holds what scoring needs from the whole document, built
// once per call.
type quoteContext struct {
	words  map[string]int // the quotes' content words, to index counts and lead
	counts []int          // how often each word occurs in the document
	lead   []bool         // whether each word occurs in the lead
	title  map[string]bool
	quoted map[string]int
	low    string // the body lowercased, or "" (see lowerBody)
}

func (c *quoteContext) count(w string) int {
	if i, ok := c.words[w]; ok {
		return c.counts[i]
	}
	return 0
}

func (c *quoteContext) inLead(w string) bool {
	i, ok := c.words[w]
	return ok && c.lead[i]
}

func newQuoteContext(doc *Document, qs []Quote, low string) *quoteContext {
	c := &quoteContext{words: map[string]int{}, title: map[string]bool{}, quoted: map[string]int{}, low: low}
	// Only the quotes' own words are counted: one pass over the document
	// with lookups, not a map of every word, keeps scoring cheap.
	for _, q := range qs {
		for _, p := range q.Parts {
			lo := sort.Search(len(doc.Tokens), func(k int) bool { return doc.Tokens[k].Start >= p.Start })
			for k := lo; k < len(doc.Tokens) && doc.Tokens[k].End <= p.End; k++ {
				if t := doc.Tokens[k]; t.Kind == Word || t.Kind == Number {
					if lw := lowerTok(low, t); !stopwords.Is(lw) {
						if _, ok := c.words[lw]; !ok {
							c.words[lw] = len(c.words)
						}
					}
				}
			}
		}
	}
	leadEnd := len(doc.Body)
	if len(doc.Sentences) > 3 {
		leadEnd = doc.Sentences[2].End
	}
	c.counts = make([]int, len(c.words))
	c.lead = make([]bool, len(c.words))
	// a cheap filter before the map: the quotes' words' lengths and
	// (lowercased ASCII) first bytes
	var lengths uint64
	var first [256]bool
	for w := range c.words {
		lengths |= 1 << min(len(w), 63)
		first[w[0]] = true
	}
	var buf []byte
	for _, t := range doc.Tokens {
		if t.Kind != Word && t.Kind != Number || lengths&(1<<min(len(t.Text), 63)) == 0 {
			continue
		}
		if b := t.Text[0]; b < utf8.RuneSelf {
			if b >= 'A' && b <= 'Z' {
				b += 'a' - 'A'
			}
			if !first[b] {
				continue
			}
		}
		key := ""
		if low != "" {
			key = low[t.Start:t.End]
		} else {
			buf = appendLowerASCII(buf[:0], t.Text)
			key = string(buf)
		}
		if i, ok := c.words[key]; ok {
			c.counts[i]++
			if t.End <= leadEnd {
				c.lead[i] = true
			}
		}
	}
	for _, t := range doc.TitleTokens {
		if t.Kind == Word || t.Kind == Number {
			if lw := lower(t.Text); !stopwords.Is(lw) {
				c.title[lw] = true
			}
		}
	}
	for _, q := range qs {
		if q.Person != "" {
			c.quoted[q.Person]++
		}
	}
	return c
}

// lowerBody returns doc.Body lowercased when lowercasing keeps every
// byte offset (it does for ASCII and nearly all text), so that a token's
// lowercase form is a slice of it, not an allocation; else "".
func lowerBody(doc *Document) string {
	low := strings.ToLower(doc.Body)
	if len(low) != len(doc.Body) {
		return ""
	}
	for _, t := range doc.Tokens {
		if t.End > len(low) || len(t.Text) != t.End-t.Start {
			return ""
		}
	}
	return low
}

// lowerTok returns token t lowercased, from low when it is available.
func lowerTok(low string, t Token) string {
	if low != "" {
		return low[t.Start:t.End]
	}
	return lower(t.Text)
}

// appendLowerASCII appends s lowercased to b; non-ASCII text goes through
// strings.ToLower so that it matches lower.
func appendLowerASCII(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// quoteSignals measures one quote's newsworthiness signals.
func quoteSignals(doc *Document, entities []Entity, c *quoteContext, q *Quote) (sig [numQuoteSignals]float64, ok bool) {
	inQuote := map[string]int{}
	n, strong := 0, 0
	for _, p := range q.Parts {
		lo := sort.Search(len(doc.Tokens), func(k int) bool { return doc.Tokens[k].Start >= p.Start })
		for k := lo; k < len(doc.Tokens) && doc.Tokens[k].End <= p.End; k++ {
			t := doc.Tokens[k]
			if t.Text == "!" {
				strong++
			}
			if t.Kind != Word && t.Kind != Number {
				continue
			}
			lw := lowerTok(c.low, t)
			if quotes.Strong(lw) {
				strong++
			}
			if stopwords.Is(lw) {
				continue
			}
			n++
			inQuote[lw]++
		}
	}
	if n == 0 {
		return sig, false
	}
	length := math.Min(float64(n), 12) / 12
	if n > 40 {
		length -= math.Min(float64(n-40)/40, 0.5)
	}
	sig[sigLength] = length
	if n <= 15 {
		sig[sigShort] = 1
	}
	if q.Entity >= 0 && q.Entity < len(entities) {
		sig[sigSalience] = entities[q.Entity].Salience
	} else if q.Person != "" {
		sig[sigSalience] = math.Min(float64(c.quoted[q.Person])/3, 1)
	}
	sig[sigPosition] = 1 - float64(q.Span.Start)/float64(len(doc.Body)+1)
	novel, lead, head := 0, 0, 0
	for w, k := range inQuote {
		if c.count(w) <= k {
			novel++
		}
		if c.inLead(w) {
			lead++
		}
		if c.title[w] {
			head++
		}
	}
	sig[sigNovelty] = float64(novel) / float64(len(inQuote))
	sig[sigLead] = float64(lead) / float64(len(inQuote))
	sig[sigStrong] = math.Min(float64(strong)/3, 1)
	if len(c.title) > 0 {
		sig[sigHeadline] = float64(head) / float64(len(c.title))
	}
	if q.Person != "" {
		sig[sigNamed] = 1
	}
	sig[sigConfidence] = q.Confidence
	return sig, true
}

// scoreQuotes gives each quote its newsworthiness in [0, 1], a logistic
// blend of the signals an editor picking a pull quote weighs: who says it
// (salience), where (early is news), how long (a sentence, not a word),
// whether its words are the story's or new, whether it claims something
// in strong words, and whether it speaks to the headline.
func scoreQuotes(doc *Document, entities []Entity, qs []Quote, low string) {
	if len(qs) == 0 {
		return
	}
	c := newQuoteContext(doc, qs, low)
	for i := range qs {
		sig, ok := quoteSignals(doc, entities, c, &qs[i])
		if !ok {
			qs[i].Score = 0
			continue
		}
		z := quoteScoreBias
		for k, v := range sig {
			z += quoteScoreWeights[k] * v
		}
		qs[i].Score = 1 / (1 + math.Exp(-z))
	}
}
