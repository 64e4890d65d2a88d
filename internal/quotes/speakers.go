package quotes

import (
	"sort"
	"strings"

	"github.com/byline-nlp/byline/internal/text"
)

// sentenceSubject returns the name, pronoun or description that opens
// the clause holding token ci: the speaker of a participle ("Clinton
// spoke in Tulsa, arguing that …") or a coordinated cue ("Trump
// outlined his plan and vowed …").
func (x *quoteExtractor) sentenceSubject(ci, lo int) (text.Span, bool) {
	if ci <= lo {
		return text.Span{}, false // the clause opens at the cue
	}
	t := x.toks
	k := ci - 1
	for k > lo && !x.endsSentence(k-1) {
		if ci-k > clauseWindow {
			return text.Span{}, false // not prose: keep it linear
		}
		k--
	}
	// an opening adverbial phrase or clause ends at a comma ("In an
	// interview at his office, he …", "When asked, she …")
	if k < ci && (isOpener(x.lw(k)) || x.opensParticipleClause(k, ci)) {
		e := k
		for e < ci && e-k < 20 && t[e].Text != "," {
			e++
		}
		if e < ci && t[e].Text == "," {
			k = e + 1
		}
	}
	for k < ci && (t[k].Kind != text.Word || x.stopAt(k) && !Pronoun(x.lw(k)) && !Determiner(x.lw(k))) {
		k++
	}
	if k >= ci {
		return text.Span{}, false
	}
	// a sentence adverb: "Meanwhile, it attacked …"
	if k+1 < ci && t[k+1].Text == "," {
		k += 2
	}
	if k >= ci || t[k].Kind != text.Word {
		return text.Span{}, false
	}
	// a date is not a subject: "On September 27 they published …"
	for k < ci && (isMonth(t[k].Text) || isWeekday(t[k].Text)) {
		k++
		for k < ci && (t[k].Kind == text.Number || t[k].Text == ",") {
			k++
		}
	}
	if k >= ci || t[k].Kind != text.Word {
		return text.Span{}, false
	}
	lw := x.lw(k)
	if Pronoun(lw) {
		return t[k].Span, true
	}
	// an opening phrase whose end no comma marks ("Following Monday's
	// debate Politifact did …"): its words are not the subject
	if isOpener(lw) {
		// but a single adverb may stand before a pronoun: "Later he …"
		if k+1 < ci && t[k+1].Kind == text.Word && Pronoun(x.lw(k+1)) {
			return t[k+1].Span, true
		}
		return text.Span{}, false
	}
	if x.voc.capital[k] && !x.stopAt(k) {
		return x.nameStartingAt(k, ci)
	}
	if Determiner(lw) {
		e := k
		for e+1 < ci && e-k < 5 && t[e+1].Kind == text.Word && x.cueOf(e+1) == NotCue && !x.stopAt(e+1) {
			e++
		}
		if e > k {
			return text.Span{Start: t[k].Start, End: t[e].End}, true
		}
	}
	return text.Span{}, false
}

// nameStartingAt collects a capitalised name (titles included) starting
// at token j, before token hi.
func (x *quoteExtractor) nameStartingAt(j, hi int) (text.Span, bool) {
	t := x.toks
	if j >= hi || !x.voc.capital[j] {
		return text.Span{}, false
	}
	k := j
	for k+1 < hi {
		if x.voc.capital[k+1] {
			k++
			continue
		}
		// a title between names: "NATO leader Mark Rutte"
		if k+2 < hi && t[k+1].Kind == text.Word && Title(t[k+1].Text) && x.voc.capital[k+2] {
			k += 2
			continue
		}
		// a run of particles inside a name: "Ursula von der Leyen"
		m := k + 1
		for m < hi && m-k <= 3 && isNameParticle(t[m].Text) {
			m++
		}
		if m == k+1 || m >= hi || !x.voc.capital[m] {
			break
		}
		k = m
	}
	return text.Span{Start: t[j].Start, End: t[k].End}, true
}

// subjectBefore finds the speaker ending before cue token ci, not before
// token lo: a pronoun, a name (with an appositive skipped: "Jonas, a
// farmer, said"), or a description ("the minister").
func (x *quoteExtractor) subjectBefore(ci, lo int) (text.Span, bool) {
	t := x.toks
	j := ci - 1
	passive := false
	for j >= lo && t[j].Kind == text.Word && (Skip(x.lw(j)) || isAdverb(x.lw(j)) || t[j].Text == "n't" || t[j].Text == "n’t") {
		switch x.lw(j) {
		case "was", "were", "is", "are", "been", "being":
			passive = true
		}
		j--
	}
	// a passive cue's subject is what was said or who was named, not a
	// speaker: "he was formally called to testify", "it was reported"
	// (but "she was asked" answers: addressed cues keep their subject)
	if passive && x.cueOf(ci) != Addressed && strings.HasSuffix(t[ci].Text, "ed") {
		return text.Span{}, false
	}
	// "Smith on Tuesday said", "who in 2010 said"
	if j-1 >= lo && (isWeekday(t[j].Text) && x.lw(j-1) == "on" || t[j].Kind == text.Number && x.lw(j-1) == "in") {
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
		return text.Span{}, false
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
				if !x.voc.capital[k-1] && j-1 > k && x.voc.capital[j-1] {
					if name, ok := x.nameEndingAt(j-1, k+1); ok {
						return name, true
					}
				}
				// "one senior analyst in New York, who asked not to be
				// named, said": the place qualifies the description
				// that speaks
				if s0 := x.tokAt(sp.Start); s0-2 >= lo && x.voc.capital[s0] && locative(x.lw(s0-1)) &&
					t[s0-2].Kind == text.Word && !x.voc.capital[s0-2] && !x.stopAt(s0-2) {
					return x.descriptionEndingAt(s0-2, lo), true
				}
				return sp, true
			}
		}
		return text.Span{}, false
	}
	w := t[j]
	if w.Kind != text.Word {
		return text.Span{}, false
	}
	lw := x.lw(j)
	if Pronoun(lw) || lw == "who" || lw == "which" {
		return w.Span, true
	}
	if isCapTok(w) {
		if x.stopAt(j) || isWeekday(w.Text) || isMonth(w.Text) {
			return text.Span{}, false
		}
		sp, ok := x.nameEndingAt(j, lo)
		if !ok {
			return sp, false
		}
		return x.headOfModified(x.organisationName(sp, lo), lo), true
	}
	if x.stopAt(j) || x.cueOf(j) != NotCue {
		return text.Span{}, false
	}
	return x.headOfModified(x.descriptionEndingAt(j, lo), lo), true
}

// organisationName extends a capitalised name back over the "for the",
// "of the", "on" and "and" inside an organisation's name: "Study of War"
// is the end of "Institute for the Study of War".
func (x *quoteExtractor) organisationName(sp text.Span, lo int) text.Span {
	for s0 := x.tokAt(sp.Start); ; s0 = x.tokAt(sp.Start) {
		k := s0 - 1
		if k >= lo && x.lw(k) == "the" {
			k--
		}
		if k-1 < lo || !x.voc.capital[k-1] {
			return sp
		}
		switch x.lw(k) {
		case "for", "of", "on", "and":
		default:
			return sp
		}
		head, ok := x.nameEndingAt(k-1, lo)
		if !ok || x.stopAt(x.tokAt(head.Start)) {
			return sp
		}
		sp.Start = head.Start
	}
}

// headOfModified returns who speaks in a phrase sp that ends a noun
// phrase's post-modifier: the name it modifies ("Councillor Petter
// Ahlgren of the Green Left group" is Petter Ahlgren speaking); for a
// document from an organisation, the organisation ("an analysis from
// the Institute …"); for any other description, the whole phrase ("a
// spokesman for the ministry").
func (x *quoteExtractor) headOfModified(sp text.Span, lo int) text.Span {
	t := x.toks
	s0 := x.tokAt(sp.Start)
	p := s0 - 1
	if p >= lo && x.lw(p) == "the" {
		p--
	}
	if p-1 < lo || t[p-1].Kind != text.Word {
		return sp
	}
	prep := x.lw(p)
	switch prep {
	case "of", "from", "at", "for", "with", "in":
	default:
		return sp
	}
	h := p - 1
	if x.voc.capital[h] {
		if head, ok := x.nameEndingAt(h, lo); ok && !x.stopAt(x.tokAt(head.Start)) {
			return head
		}
		return sp
	}
	if x.stopAt(h) || x.cueOf(h) != NotCue {
		return sp
	}
	if documentNoun(x.lw(h)) && (prep == "from" || prep == "by" || prep == "of") && x.voc.capital[s0] {
		return sp
	}
	d := x.descriptionEndingAt(h, lo)
	return text.Span{Start: d.Start, End: sp.End}
}

// documentNoun reports whether w names a document or finding that
// reports for whoever produced it.
func documentNoun(w string) bool {
	switch w {
	case "analysis", "report", "study", "statement", "survey", "poll", "review", "letter", "memo", "filing", "assessment", "paper", "release", "audit":
		return true
	}
	return false
}

// descriptionEndingAt returns the description whose last word is token
// j: back to its determiner, at most 6 words.
func (x *quoteExtractor) descriptionEndingAt(j, lo int) text.Span {
	t := x.toks
	k := j
	// (a number may be part of it: "only 52 percent of voters")
	for k-1 >= lo && j-(k-1) < 6 && (t[k-1].Kind == text.Word || t[k-1].Kind == text.Number || t[k-1].Text == "’s" || t[k-1].Text == "'s") {
		pl := x.lw(k - 1)
		if Cue(pl) != NotCue || isQuoteTok(pl) {
			break
		}
		k--
		if Determiner(pl) {
			break
		}
		if x.stopAt(k) && pl != "of" { // pl is token k's
			k++
			break
		}
	}
	return text.Span{Start: t[k].Start, End: t[j].End}
}

// nameEndingAt collects a capitalised name ending at token j.
func (x *quoteExtractor) nameEndingAt(j, lo int) (text.Span, bool) {
	t := x.toks
	if j < lo || !(x.voc.capital[j] || t[j].Kind == text.Word && Pronoun(x.lw(j))) {
		// "the company's spokesman, John Smith, said" ends in a name; a
		// description before the comma is still a speaker
		if j >= lo && t[j].Kind == text.Word && !x.stopAt(j) {
			return t[j].Span, true
		}
		return text.Span{}, false
	}
	k := j
	for k-1 >= lo && j-(k-1) < 6 {
		if x.voc.capital[k-1] {
			k--
			continue
		}
		// a run of particles inside a name: "Ursula von der Leyen"
		m := k - 1
		for m >= lo && k-m <= 3 && t[m].Kind == text.Word && isNameParticle(t[m].Text) {
			m--
		}
		if m == k-1 || m < lo || !x.voc.capital[m] {
			break
		}
		k = m
	}
	// drop a sentence-initial function word ("But Smith said")
	for k < j && x.stopAt(k) {
		k++
	}
	return text.Span{Start: t[k].Start, End: t[j].End}, true
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
func (x *quoteExtractor) objectAfter(ci int, c CueClass, hi int) (text.Span, bool) {
	t := x.toks
	j := ci + 1
	if c == Source {
		j++
		// "according to conservative talk radio host Rush Limbaugh, …":
		// the source runs to the comma
		k := j
		for k < hi && k < len(t) && k-j < 15 && t[k].Text != "," && !isQuoteTok(t[k].Text) && !isSentEnd(t[k].Text) {
			k++
		}
		if k > j {
			return text.Span{Start: t[j].Start, End: t[k-1].End}, true
		}
		return text.Span{}, false
	}
	if j >= hi || j >= len(t) {
		return text.Span{}, false
	}
	lw := x.lw(j)
	if lw == "that" {
		return text.Span{}, false // a complementizer: "insisting that the plan …"
	}
	if t[j].Kind == text.Word && Pronoun(lw) {
		if lw == "it" || lw == "you" {
			return text.Span{}, false
		}
		return t[j].Span, true
	}
	// "said 9/11 widow Terry Strada", "said former senator Bob Dole"
	for k := j; k < hi && k < len(t) && k-j < 4; k++ {
		if x.voc.capital[k] {
			if isWeekday(t[k].Text) || isMonth(t[k].Text) {
				return text.Span{}, false
			}
			return x.nameStartingAt(k, hi)
		}
		if t[k].Kind == text.Punct || Determiner(x.lw(k)) {
			break
		}
	}
	if Determiner(lw) {
		k := j
		for k+1 < hi && k-j < 6 && t[k+1].Kind == text.Word {
			nl := x.lw(k + 1)
			if nl != "of" && x.stopAt(k+1) || Cue(nl) != NotCue {
				break
			}
			k++
		}
		if k > j {
			return text.Span{Start: t[j].Start, End: t[k].End}, true
		}
	}
	return text.Span{}, false
}

// findAfter looks for the attribution right after segment s: “…,” she
// said / said the minister / Smith, a farmer, said.
func (x *quoteExtractor) findAfter(s *qseg) qattr {
	t := x.toks
	j := s.after
	// a dash and a name: “…” ― Jane Doe
	if j+1 < len(t) && j < s.aHi && (t[j].Text == "―" || t[j].Text == "—" || t[j].Text == "–") {
		if sp, ok := x.nameStartingAt(j+1, min(len(t), j+6)); ok {
			return qattr{cue: t[j].Span, cueClass: Speech, speaker: sp, ok: true}
		}
	}
	for j < s.aHi && (t[j].Kind == text.Punct && !isQuoteTok(t[j].Text)) {
		j++
	}
	if j >= s.aHi {
		return qattr{}
	}
	// a participle after the quote ("…,” insisting that …) shares the
	// sentence's subject; what follows it is its complement, not a speaker
	if c := x.cueAt(j); c != NotCue && x.isParticiple(j) && j > s.after {
		if s.before > s.bLo {
			if sp, ok := x.sentenceSubject(s.before, s.bLo); ok {
				return qattr{cue: x.cueSpan(j, c), cueClass: c, speaker: sp, ok: true, dist: j - s.after, participle: true}
			}
		}
		return qattr{}
	}
	if c := x.cueAt(j); c != NotCue && (Invertible(c) || c == Source) {
		if sp, ok := x.objectAfter(j, c, s.aHi); ok {
			return qattr{cue: x.cueSpan(j, c), cueClass: c, speaker: sp, ok: true, dist: j - s.after}
		}
	}
	for k := j; k < s.aHi && k-j < 25; k++ {
		c := x.cueAt(k)
		if c == NotCue {
			continue
		}
		if c == Source {
			if sp, ok := x.objectAfter(k, c, s.aHi); ok {
				return qattr{cue: x.cueSpan(k, c), cueClass: c, speaker: sp, ok: true, dist: k - s.after}
			}
			continue
		}
		// the attribution opens with its speaker: “…,” Scott Pruitt, the
		// attorney general of Oklahoma, said
		if k > j {
			lw := x.lw(j)
			if Pronoun(lw) && lw != "it" && lw != "you" && k-j <= 3 {
				return qattr{cue: x.cueSpan(k, c), cueClass: c, speaker: t[j].Span, ok: true, dist: k - s.after}
			}
			if x.voc.capital[j] && !x.stopAt(j) && !isWeekday(t[j].Text) && !isMonth(t[j].Text) {
				// (a possessor is not the speaker: “…,” Liffey Water's chief
				// executive, Declan Moriarty, said)
				if sp, ok := x.nameStartingAt(j, k); ok && !x.possessedAt(sp.End, k) {
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

// possessedAt reports whether the name ending at byte end, before token
// hi, is a possessor: followed by 's or ’s.
func (x *quoteExtractor) possessedAt(end, hi int) bool {
	n := x.tokAt(end)
	if n >= hi || n >= len(x.toks) {
		return false
	}
	switch x.toks[n].Text {
	case "'s", "’s", "'", "’":
		return true
	}
	return isPossessiveTok(x.lw(n - 1))
}

// findBefore looks for the nearest cue before segment s in its sentence:
// she said: “…” / The mayor argued that “…” / According to Smith, “…”.
func (x *quoteExtractor) findBefore(s *qseg) qattr {
	// a cue whose subject is "it" ("She says it underscores that “…”")
	// is kept only when no earlier cue of the sentence has a speaker
	var fallback qattr
	for k := s.before - 1; k >= s.bLo; k-- {
		c := x.cueAt(k)
		if c == NotCue {
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
func (x *quoteExtractor) speakerAtCue(s *qseg, k int, c CueClass) (text.Span, bool) {
	if c == Source {
		return x.objectAfter(k, c, s.before)
	}
	// a participle or a coordinated cue takes the clause's subject
	if k > s.bLo && (x.toks[k-1].Text == "," && strings.HasSuffix(x.toks[k].Text, "ing") || isConjunction(x.lw(k-1))) {
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
	if Invertible(c) {
		return x.objectAfter(k, c, s.before)
	}
	return text.Span{}, false
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
					a = qattr{speaker: sp, cue: x.toks[e].Span, cueClass: Speech, ok: true}
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
			s.attr = qattr{speaker: sp, cue: text.Span{Start: -1, End: -1}, ok: true, dist: s.before - x.tokAt(sp.Start)}
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
