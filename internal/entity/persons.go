package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/ner"
	"github.com/byline-nlp/byline/internal/text"
)

// personsByGivenName types as a person a name that starts with a known
// given name ("Ursula von der Leyen", "Keir Starmer"), after any title,
// when the tagger called it something else, unless its last word heads
// an organisation or a place ("Victoria Station" is not on the list
// anyway, but "Angela Merkel Foundation" would be).
func personsByGivenName(doc *text.Document, tags []string, r Repairs) []string {
	toks := doc.Tokens
	for _, s := range tagSpans(tags) {
		switch {
		case s.typ == "LOC" && r&GivenNamesLOC != 0, s.typ == "ORG" && r&GivenNamesORG != 0, s.typ == "MISC" && r&GivenNamesMISC != 0:
		default:
			continue
		}
		first := s.start
		for first < s.end-1 && text.LookupLower(titleWords, toks[first].Text) {
			first++
		}
		if s.end-first < 2 || !ner.IsGivenName(toks[first].Text) {
			continue
		}
		ok := true
		for k := first + 1; k < s.end; k++ {
			w := toks[k].Text
			lw := strings.ToLower(w)
			if !(startsUpper(w) || nameParticles[lw] || w == "-" || w == ".") || orgHeads[lw] || orgTypeHeads[lw] || placeHeads[lw] || notNameWords[lw] ||
				// "Santiago de Cuba": a place the tagger read whole.
				s.typ == "LOC" && nameParticles[lw] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		clearSpan(tags, s.start, first)
		setSpan(tags, first, s.end, "PER")
	}
	return tags
}

// notNameWords follow given names in names of groups and things
// ("Christian Democrats", "Victor Emmanuel Monument").
var notNameWords = map[string]bool{
	"democrats": true, "democratic": true, "democrat": true, "catholic": true, "catholics": true,
	"church": true, "empire": true, "republic": true, "orthodox": true, "socialists": true,
	"science": true, "era": true, "kingdom": true, "monument": true, "memorial": true,
}

// nameParticles join the parts of a name: "Ursula von der Leyen",
// "Ludwig van Beethoven", "Mohammed bin Salman".
var nameParticles = map[string]bool{
	"von": true, "van": true, "der": true, "den": true, "de": true, "da": true, "di": true, "del": true,
	"della": true, "du": true, "des": true, "la": true, "le": true, "dos": true, "das": true, "ter": true,
	"ten": true, "bin": true, "bint": true, "ibn": true, "al": true, "el": true, "zu": true, "y": true,
}

// strongParticles are the particles that are not also ordinary words
// of English, French or Spanish text ("de", "la", "y" are).
var strongParticles = map[string]bool{
	"von": true, "van": true, "der": true, "den": true, "bin": true, "bint": true, "ibn": true,
	"al": true, "zu": true, "ter": true, "ten": true, "del": true, "della": true, "di": true, "dos": true,
}

// joinParticles relabels name particles the tagger left out of a person's
// name ("Ursula/B-PER von/O der/O Leyen/B-PER") so the name is one
// mention, and takes in a capitalised particle that opens a sentence
// ("Von der Leyen said").
func joinParticles(doc *text.Document, tags []string) []string {
	out := append([]string(nil), tags...)
	isPer := func(t string) bool { return t == "B-PER" || t == "I-PER" }
	for i := 0; i < len(out); i++ {
		if !text.LookupLower(nameParticles, doc.Tokens[i].Text) || (out[i] != "O" && !isPer(out[i])) {
			continue
		}
		j := i
		for j < len(out) && text.LookupLower(nameParticles, doc.Tokens[j].Text) && (out[j] == "O" || isPer(out[j])) {
			j++
		}
		// A given name before the particles makes a person's name of
		// whatever the tagger made of the parts: "Ursula/B-LOC von der
		// Leyen/B-LOC".
		given := i > 0 && ner.IsGivenName(doc.Tokens[i-1].Text)
		for k := i; k < j && given; k++ {
			// Particles inside a tagged name ("Santiago de Cuba") are
			// the tagger's considered reading.
			given = out[k] == "O"
		}
		// After a person's name, an untagged capitalised word behind a
		// particle that is only ever one ("bin", "von") is the name's
		// end: "Mohammed/B-PER bin Salman".
		strong := i > 0 && isPer(out[i-1]) && j < len(out) && out[j] == "O" && (j+1 == len(out) || !startsUpper(doc.Tokens[j+1].Text))
		for k := i; k < j && strong; k++ {
			strong = out[k] == "O" && text.LookupLower(strongParticles, doc.Tokens[k].Text)
		}
		if j == len(out) || j-i > 3 || !(isPer(out[j]) || given && out[j] != "O" || strong) || !startsUpper(doc.Tokens[j].Text) {
			i = j
			continue
		}
		switch {
		case i > 0 && (isPer(out[i-1]) || given):
			s := i - 1
			for s > 0 && strings.HasPrefix(out[s], "I-") {
				s--
			}
			out[s] = "B-PER"
			for k := s + 1; k <= j; k++ {
				out[k] = "I-PER"
			}
		case startsUpper(doc.Tokens[i].Text) || out[i] == "B-PER":
			out[i] = "B-PER"
			for k := i + 1; k <= j; k++ {
				out[k] = "I-PER"
			}
		default:
			i = j
			continue
		}
		// The rest of the entity the last part opened is the name's too.
		for j+1 < len(out) && strings.HasPrefix(out[j+1], "I-") {
			j++
			out[j] = "I-PER"
		}
		i = j
	}
	return out
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// splitTitles are titles that, written inside a tagged name, separate
// what comes before from a person's name after: "Ukrainian President
// Volodymyr Zelensky" tagged as one organisation becomes "Ukrainian" and
// the person "Volodymyr Zelensky".
var splitTitles = map[string]bool{
	"president": true, "chancellor": true, "minister": true, "secretary": true, "senator": true,
	"sen.": true, "governor": true, "gov.": true, "mayor": true, "pope": true, "ambassador": true,
	"chairman": true, "chairwoman": true, "ceo": true, "premier": true, "sheikh": true, "mr": true,
	"mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true, "dr": true, "dr.": true,
	"sir": true, "prof.": true, "rep.": true, "spokesman": true, "spokeswoman": true,
	"officer": true, "councillor": true, "councilor": true, "commissioner": true, "director": true,
	"spokesperson": true, "lawmaker": true, "mp": true, "mep": true, "inspector": true,
	"sheriff": true, "superintendent": true, "treasurer": true, "prosecutor": true, "professor": true,
	"chief": true,
}

// titleQualifiers are words of compound job titles ("Chief Operating
// Officer", "Acting Police Commissioner").
var titleQualifiers = map[string]bool{
	"operating": true, "financial": true, "executive": true, "technology": true, "information": true,
	"marketing": true, "senior": true, "assistant": true, "associate": true, "acting": true,
	"interim": true, "police": true, "district": true, "managing": true, "general": true,
}

// splitAtTitles applies splitTitles to IOB2 tags.
func splitAtTitles(doc *text.Document, tags []string) []string {
	for i := 0; i < len(tags); {
		if !strings.HasPrefix(tags[i], "B-") {
			i++
			continue
		}
		typ := tags[i][2:]
		j := i + 1
		for j < len(tags) && isInside(tags[j], typ) {
			j++
		}
		// The last title counts: "Chief Financial Officer Howard Lin".
		for k := j - 2; k >= i; k-- {
			if !text.LookupLower(splitTitles, doc.Tokens[k].Text) || !startsUpper(doc.Tokens[k].Text) || !startsUpper(doc.Tokens[k+1].Text) {
				continue
			}
			if k > i && typ != "PER" && k-i == 1 && isDemonym(doc.Tokens[i].Text) {
				tags[i] = "B-MISC"
			}
			// "Chief Operating Officer Mira Holt": the words before the
			// title are the title's.
			allTitle := true
			for m := i; m < k; m++ {
				w := strings.ToLower(doc.Tokens[m].Text)
				allTitle = allTitle && (titleWords[w] || titleQualifiers[w])
			}
			if allTitle {
				for m := i; m < k; m++ {
					tags[m] = "O"
				}
			}
			tags[k] = "O"
			tags[k+1] = "B-PER"
			for m := k + 2; m < j; m++ {
				tags[m] = "I-PER"
			}
			break
		}
		i = j
	}
	return tags
}

// isDemonym guesses whether a capitalised word names a nationality
// ("Ukrainian", "Japanese", "British", "Israeli").
func isDemonym(w string) bool {
	for _, suf := range []string{"an", "ese", "ish", "i", "ch"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// initialParticleNames reads as a person a name the tagger started at a
// lower-case particle after a capitalised one it left out, as a
// sentence-initial surname with particles comes out ("Von/O der/B-ORG
// Leyen/I-ORG said"): the capitalised particle opens the name, and the
// whole is a person's, provided the rest of it is capitalised words.
func initialParticleNames(doc *text.Document, tags []string) []string {
	toks := doc.Tokens
	for _, s := range tagSpans(tags) {
		if s.typ == "PER" || s.start == 0 || tags[s.start-1] != "O" || s.end-s.start > 4 {
			continue
		}
		first := toks[s.start].Text
		if !isLowerWord(first) || !nameParticles[first] {
			continue
		}
		open := toks[s.start-1].Text
		if !startsUpper(open) || !text.LookupLower(nameParticles, open) {
			continue
		}
		k := s.start
		for k < s.end && nameParticles[toks[k].Text] {
			k++
		}
		ok := k < s.end
		for m := k; m < s.end && ok; m++ {
			ok = startsUpper(toks[m].Text)
		}
		if ok {
			setSpan(tags, s.start-1, s.end, "PER")
		}
	}
	return tags
}
