package quotes

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/segment"
	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/text"
)

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
func resolveSpeakers(x *quoteExtractor, entities []text.Entity, qs []Quote, low string) {
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
			people = x.outsideQuotes(capitalisedNames(doc, low, x.voc))
			peopleReady = true
		}
	}
	if entities != nil {
		for ei, e := range entities {
			for _, m := range e.Mentions {
				switch e.Type {
				case text.Person:
					people = append(people, quoteNamed{at: m.Start, name: e.Name, entity: ei})
				case text.Organization:
					groups = append(groups, quoteNamed{at: m.Start, name: e.Name, entity: ei})
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
	gendered := false // people's genders filled in (genders)
	for i := range qs {
		q := &qs[i]
		sp := q.SpeakerSpan
		if sp.Start < 0 || sp.End > len(body) || sp.End <= sp.Start {
			continue
		}
		mention := body[sp.Start:sp.End]
		var buf [32]byte
		lw := ""
		if n := lowerASCII(&buf, mention); n >= 0 {
			lw = string(buf[:n]) // on the stack: it does not escape
		} else {
			lw = lower(mention)
		}
		if Pronoun(lw) {
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
			if !gendered {
				x.genders(people)
				gendered = true
			}
			if c, ok := x.antecedent(people, sp.Start, prev, prevAt, pronounGender(lw)); ok {
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
				if q.Person != "" && (q.Entity < 0 || entities[q.Entity].Type == text.Person) {
					prev, prevAt = quoteNamed{at: sp2.Start, name: q.Person, entity: q.Entity}, max(q.Span.End, sp.End)
				}
			}
			continue
		}
		resolveNamed(x, entities, q, needPeople, &people)
		if q.Person != "" && headCapitalised(mention) && (q.Entity < 0 || entities[q.Entity].Type == text.Person) {
			prev, prevAt = quoteNamed{at: sp.Start, name: q.Person, entity: q.Entity}, max(q.Span.End, sp.End)
		}
	}
}

// relativeHead returns the capitalised name right before the relative
// pronoun at byte at ("Jonas Berg, who …" → Jonas Berg).
func (x *quoteExtractor) relativeHead(at int) (text.Span, bool) {
	j := x.tokAt(at) - 1
	if j >= 0 && x.toks[j].Text == "," {
		j--
	}
	if j < 0 || !isCapTok(x.toks[j]) {
		return text.Span{}, false
	}
	return x.nameEndingAt(j, max(0, j-6))
}

// antecedent picks the person a he, she or I at byte at refers to, from
// people (sorted, outside quotes) and the previous quote's speaker prev,
// attributed up to byte prevAt (see resolveSpeakers for the order). A
// person whose gender the text shows and differs from the pronoun's g
// (0 for I) is passed over.
func (x *quoteExtractor) antecedent(people []quoteNamed, at int, prev quoteNamed, prevAt int, g byte) (quoteNamed, bool) {
	sents := x.doc.Sentences
	si := sort.Search(len(sents), func(k int) bool { return sents[k].Start > at }) - 1
	before := sort.Search(len(people), func(k int) bool { return people[k].at >= at })
	fits := func(p quoteNamed) bool { return g == 0 || p.gender == 0 || p.gender == g }
	firstFrom := func(from int) (quoteNamed, bool) {
		for k := sort.Search(before, func(k int) bool { return people[k].at >= from }); k < before; k++ {
			if fits(people[k]) {
				return people[k], true
			}
		}
		return quoteNamed{}, false
	}
	if si >= 0 {
		if c, ok := firstFrom(sents[si].Start); ok {
			return c, true
		}
	}
	if prevAt >= 0 && prev.name != "" && fits(prev) {
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
	for k := before - 1; k >= 0 && k >= before-500; k-- {
		if fits(people[k]) {
			return people[k], true
		}
	}
	return quoteNamed{}, false
}

// Genders, where the text shows them.
const (
	male   byte = 'm'
	female byte = 'f'
)

// pronounGender is the gender of the lowercased pronoun w, 0 when it has
// none.
func pronounGender(w string) byte {
	switch w {
	case "he":
		return male
	case "she":
		return female
	}
	return 0
}

// genders fills each person's gender where the text shows it: an
// honorific or gendered title right before a mention ("Mrs. Holt",
// "Councilwoman Ana Ríos") or inside the name; one mention shows it for
// every mention sharing the last name, unless two disagree.
func (x *quoteExtractor) genders(people []quoteNamed) {
	byLast := map[string]byte{}
	for i := range people {
		p := &people[i]
		var g byte
		if k := x.tokAt(p.at); k < len(x.toks) && x.toks[k].Kind == text.Word {
			g = genderOfWord(x.lw(k)) // the mention's own first word: "Mrs. Holt"
		}
		if k := x.tokAt(p.at) - 1; g == 0 && k >= 0 && k < len(x.toks) && x.toks[k].Kind == text.Word {
			g = genderOfWord(x.lw(k))
		}
		if g == 0 || p.last == "" {
			continue
		}
		if old, ok := byLast[p.last]; ok && old != g {
			byLast[p.last] = 'x' // both: unknown
			continue
		}
		byLast[p.last] = g
	}
	for i := range people {
		if g := byLast[people[i].last]; g == male || g == female {
			people[i].gender = g
		}
	}
}

// genderOfWord is the gender an honorific or title shows.
func genderOfWord(w string) byte {
	switch strings.TrimSuffix(w, ".") {
	case "mr", "sir", "lord", "king", "prince", "congressman", "councilman", "spokesman", "chairman",
		"businessman", "father", "brother", "uncle", "husband", "son", "grandfather":
		return male
	case "mrs", "ms", "miss", "madam", "lady", "dame", "queen", "princess", "congresswoman",
		"councilwoman", "spokeswoman", "chairwoman", "businesswoman", "mother", "sister", "aunt",
		"wife", "daughter", "grandmother":
		return female
	}
	return 0
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
		n.last = lastCapWord(n.name)
		out = append(out, n)
	}
	return out
}

// resolveNamed fills Person and Entity for a speaker that is a name or a
// description: linked to an entity mention at its head, or to an entity
// sharing its last word, or to an earlier full form of the name.
func resolveNamed(x *quoteExtractor, entities []text.Entity, q *Quote, needPeople func(), people *[]quoteNamed) {
	body := x.body
	sp := q.SpeakerSpan
	mention := segment.Visible(body[sp.Start:sp.End])
	if ei := entityAt(entities, body, sp); ei >= 0 {
		q.Person, q.Entity = entities[ei].Name, ei
		// a name the tagger split or typed as a place ("Ursula" and
		// "Leyen" for Ursula von der Leyen) is the speaker's name as
		// written, not the entity
		if t := entities[ei].Type; t != text.Person && t != text.Organization {
			if name := headName(mention); strings.Contains(name, " ") && len(name) > len(entities[ei].Name) && strings.Contains(name, entities[ei].Name) {
				q.Person, q.Entity = name, -1
				for ej, e := range entities {
					if e.Type == text.Person && e.Name == name {
						q.Entity = ej
						break
					}
				}
			}
		}
		return
	}
	last := lastCapWord(mention)
	if last == "" || !headCapitalised(mention) {
		return // a description ("the minister", "Kenya's grid operator")
	}
	// the name without the titles and descriptions before it: "Council
	// leader Mira Holt" is Mira Holt
	q.Person = stripTitles(headName(mention))
	if q.Person == "" {
		q.Person = stripTitles(mention)
	}
	for ei, e := range entities {
		if e.Type == text.Person && lastCapWord(e.Name) == last {
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
			if ps[k].at < sp.Start && ps[k].last == last && len(ps[k].name) > len(q.Person) {
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
		if unicode.IsUpper(r) && !Title(lower(w)) && !hyphenatedAdjective(w) {
			k--
			continue
		}
		// particles count only between capitalised words, and so do the
		// joints of an organisation's name ("Institute for the Study of
		// War")
		m := k - 1
		for m > 0 && (isNameParticle(f[m]) || f[m] == "for" || f[m] == "the" || f[m] == "on") {
			m--
		}
		if m < k-1 && k < len(f) {
			if r, _ := utf8.DecodeRuneInString(f[m]); unicode.IsUpper(r) && !Title(lower(f[m])) {
				k = m
				continue
			}
		}
		break
	}
	return strings.Join(f[k:], " ")
}

// hyphenatedAdjective reports whether a capitalised word is a compound
// adjective ending in a lowercase part: "U.S.-based", "Kyiv-backed".
func hyphenatedAdjective(w string) bool {
	i := strings.LastIndexByte(w, '-')
	return i > 0 && i+1 < len(w) && w[i+1] >= 'a' && w[i+1] <= 'z'
}

// quoteNamed is a named person at a byte offset, for pronoun resolution.
type quoteNamed struct {
	at     int
	name   string
	entity int
	last   string // lastCapWord(name), filled by outsideQuotes
	gender byte   // male, female or 0 when the text does not show it (genders)
}

// entityAt returns the index of the entity named at the head of the
// speaker span sp, its last word: "Kenya's grid operator" is not Kenya,
// "Finance minister Ana Ríos" is Ana Ríos.
func entityAt(entities []text.Entity, body string, sp text.Span) int {
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
func capitalisedNames(doc *text.Document, low string, v *vocab) []quoteNamed {
	var out []quoteNamed
	for si := range doc.Sentences {
		sen := &doc.Sentences[si]
		toks := sen.Tokens
		capital := v.capital[sen.First : sen.First+len(toks)]
		for k := 0; k < len(toks); {
			// a capitalised token is a word, so it has an id
			if !capital[k] || v.stop[v.tok[sen.First+k]] || Title(lowerTok(low, toks[k])) {
				k++
				continue
			}
			j := k
			for j+1 < len(toks) && capital[j+1] {
				j++
			}
			// "the consultancy Pampa Macro" names a thing; "minister Ana
			// Ríos" and "said Ana Ríos" name a person
			thing := false
			if k > 0 && toks[k-1].Kind == text.Word && !capital[k-1] {
				pl := lower(toks[k-1].Text)
				thing = !stopwords.Is(pl) && !Title(pl) && Cue(pl) == NotCue
			}
			if j > k && j-k < 4 && !thing {
				out = append(out, quoteNamed{at: toks[k].Start, name: segment.Visible(doc.Body[toks[k].Start:toks[j].End]), entity: -1})
			}
			k = j + 1
		}
	}
	return out
}

// lastCapWord returns the last capitalised word of s, trimmed of a
// possessive, or "".
func lastCapWord(s string) string {
	// the fields of s split at space, comma and newline, from the last,
	// without allocating them
	end := len(s)
	for end > 0 {
		start := end
		for start > 0 && !capWordSep(s[start-1]) {
			start--
		}
		if start < end {
			w := strings.TrimSuffix(strings.TrimSuffix(s[start:end], "’s"), "'s")
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(r) {
				var buf [32]byte
				lw := ""
				if n := lowerASCII(&buf, w); n >= 0 {
					lw = string(buf[:n]) // on the stack: it does not escape
				} else {
					lw = lower(w)
				}
				if !Title(lw) && !stopwords.Is(lw) {
					return w
				}
			}
		}
		end = start - 1
	}
	return ""
}

func capWordSep(c byte) bool { return c == ' ' || c == ',' || c == '\n' }

// lowerASCII lowercases w into buf and returns its length, or -1 when
// w is not ASCII or does not fit, so that looking up a capitalised
// word's lowercase form allocates nothing.
func lowerASCII(buf *[32]byte, w string) int {
	if len(w) > len(buf) {
		return -1
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return -1
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return len(w)
}

// headCapitalised reports whether the last word of s, its head, is
// capitalised, as in a name.
func headCapitalised(s string) bool {
	// the last of strings.Fields(s), without allocating the fields
	end := len(s)
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	start := end
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if unicode.IsSpace(r) {
			break
		}
		start -= size
	}
	if start == end {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[start:end])
	return unicode.IsUpper(r)
}

// stripTitles drops leading honorifics and function words from a name.
func stripTitles(s string) string {
	f := strings.Fields(s)
	for len(f) > 1 && (Title(lower(f[0])) || stopwords.Is(lower(f[0]))) {
		f = f[1:]
	}
	return strings.Join(f, " ")
}
