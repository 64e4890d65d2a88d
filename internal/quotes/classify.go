package quotes

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/text"
)

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
	return x.featuresInto(i, make([]float64, numQuoteFeatures))
}

// featuresInto is features written into f, numQuoteFeatures long, so
// that classifying every segment reuses one buffer.
func (x *quoteExtractor) featuresInto(i int, f []float64) []float64 {
	s := &x.segs[i]
	clear(f)
	f[fBias] = 1
	words, caps, verbish, content, contentCaps := 0, 0, 0, 0, 0
	for k := s.lo; k < s.hi && k < len(x.toks); k++ {
		t := &x.toks[k]
		if t.Kind != text.Word && t.Kind != text.Number {
			continue
		}
		words++
		capital := x.voc.capital[k] // isCapTok
		if capital {
			caps++
		}
		lw := x.lw(k)
		if !x.voc.stop[x.voc.tok[k]] {
			content++
			if capital {
				contentCaps++
			}
		}
		switch lw { // a switch, not a chain of comparisons: it looks at the length first
		case "i", "we", "you", "is", "are", "will", "was", "be", "have", "not":
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
		pw := x.lw(s.before - 1)
		if Scare(pw) {
			f[fScarePrev] = 1
		}
		if Determiner(pw) {
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
		if sp := s.attr.speaker; sp.End > sp.Start && Pronoun(lower(x.body[sp.Start:sp.End])) {
			f[fPronounSpeaker] = 1
		}
		switch s.attr.cueClass {
		case Naming:
			f[fNamingCue] = 1
		case Addressed:
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
			if x.cueAt(k) != NotCue {
				f[fCueNoSpeaker] = 1
			}
		}
		for k := s.after; k < s.aHi && k < s.after+8; k++ {
			if x.cueAt(k) != NotCue {
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
		pw := x.lw(s.before - 1)
		if strings.HasSuffix(pw, "’s") || strings.HasSuffix(pw, "'s") || pw == "s" {
			f[fPrevPossessive] = 1
		}
		switch pw {
		case "on", "of", "in", "at", "during", "for", "from", "with", "by", "to", "about":
			f[fPrevPrep] = 1
		case "that":
			f[fPrevThat] = 1
		}
		if x.cueAt(s.before-1) != NotCue || pw == ":" || pw == "," && s.before-2 >= s.bLo && x.cueAt(s.before-2) != NotCue {
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
		if nt.Kind == text.Word && !isCapTok(nt) && x.cueAt(s.after) == NotCue && !Pronoun(x.lw(s.after)) {
			f[fNextLowerNonCue] = 1
		}
	}
	return f
}
