package entity

import (
	"strings"

	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/text"
)

// trimSpans cuts what the tagger ran into a name: lower-case words at
// its end ("Santa Fe have") or start ("of Sion"), whatever follows a
// comma before a lower-case word ("City Hall, which"), and an acronym
// in brackets, which becomes a mention of its own ("Commission for
// Utility Regulation (CUR)").
func trimSpans(doc *text.Document, tags []string, r Repairs) []string {
	for _, s := range tagSpans(tags) {
		start, end := s.start, s.end
		// "$A86m": an amount in a currency the tokenizer does not know
		// is no name.
		if r&TrimAmounts != 0 && end-start == 1 && start > 0 && strings.ContainsAny(doc.Tokens[start].Text, "0123456789") {
			if c := doc.Tokens[start-1].Text; c == "$" || c == "€" || c == "£" || c == "¥" {
				clearSpan(tags, start, end)
				continue
			}
		}
		for k := start + 1; k < end && r&TrimClauses != 0; k++ {
			if doc.Tokens[k].Text == "," && (k+1 >= end || !startsUpper(doc.Tokens[k+1].Text)) {
				clearSpan(tags, k, end)
				end = k
				break
			}
		}
		if s.typ == "PER" && r&TrimPersonWords != 0 {
			// "Tono Eitel of Germany": no function word but a particle
			// continues a person's name.
			for k := start + 1; k < end; k++ {
				if w := doc.Tokens[k].Text; isLowerWord(w) && !nameParticles[w] && stopwords.Is(w) {
					clearSpan(tags, k, end)
					end = k
					break
				}
			}
		}
		for r&TrimTails != 0 && end > start+1 && (isLowerWord(doc.Tokens[end-1].Text) || doc.Tokens[end-1].Text == ")" && !spanHas(doc, start, end, "(")) {
			end--
			clearSpan(tags, end, end+1)
		}
		// A name may open with a particle ("de Gaulle", "al-Assad") but
		// not with a function word.
		for r&TrimHeads != 0 && start < end-1 && isLowerWord(doc.Tokens[start].Text) && (s.typ != "PER" || !nameParticles[doc.Tokens[start].Text]) && !strings.Contains(doc.Tokens[start].Text, "-") {
			tags[start] = "O"
			start++
		}
		if start < end {
			setSpan(tags, start, end, s.typ)
		}
		if r&SplitAcronyms != 0 && end-start >= 4 && doc.Tokens[end-3].Text == "(" && doc.Tokens[end-1].Text == ")" && isAcronym(doc.Tokens[end-2].Text) &&
			acronymStart(doc, start, end-3, doc.Tokens[end-2].Text) >= 0 {
			setSpan(tags, start, end-3, s.typ)
			tags[end-3], tags[end-1] = "O", "O"
			tags[end-2] = "B-" + s.typ
		}
	}
	return tags
}

func spanHas(doc *text.Document, start, end int, w string) bool {
	for k := start; k < end; k++ {
		if doc.Tokens[k].Text == w {
			return true
		}
	}
	return false
}

// acronymStart returns where the name ending at token end starts if acr
// spells its initials: at start, or up to three capitalised words
// before it. It returns -1 if acr spells neither.
func acronymStart(doc *text.Document, start, end int, acr string) int {
	var ws []string
	for k := start; k < end; k++ {
		ws = append(ws, doc.Tokens[k].Text)
	}
	if isInitials(acr, ws) {
		return start
	}
	for first := start - 1; first >= 0 && start-first <= 3; first-- {
		t := doc.Tokens[first]
		if !startsUpper(t.Text) || t.Kind != text.Word {
			break
		}
		ws = append([]string{t.Text}, ws...)
		if isInitials(acr, ws) {
			return first
		}
	}
	return -1
}

// orgHeads are nouns that head an organisation's name and may take an
// "of"/"for"/"on" phrase: "Institute for the Study of War", "Ministry
// of Defence", "Chamber of Commerce".
var orgHeads = map[string]bool{
	"institute": true, "institution": true, "center": true, "centre": true, "council": true,
	"foundation": true, "society": true, "association": true, "department": true, "ministry": true,
	"bureau": true, "office": true, "agency": true, "commission": true, "committee": true,
	"organization": true, "organisation": true, "university": true, "school": true, "college": true,
	"academy": true, "museum": true, "fund": true, "union": true, "league": true, "federation": true,
	"alliance": true, "board": true, "court": true, "bank": true, "authority": true, "corporation": true,
	"party": true, "front": true, "movement": true, "coalition": true, "forum": true, "tribunal": true,
	"chamber": true, "secretariat": true, "directorate": true, "assembly": true, "congress": true,
	"federal": false, "program": true, "programme": true, "service": true, "trust": true,
	"consortium": true, "network": true, "observatory": true, "laboratory": true, "hospital": true,
}

// orgTypeHeads end names that are organisations whatever the tagger
// said ("Atlantic Seaboard Marine Trust", "Daeyang Semiconductor").
// "Bank" is not one: "West Bank" is a place.
var orgTypeHeads = map[string]bool{
	"institute": true, "council": true, "foundation": true, "society": true, "association": true,
	"ministry": true, "agency": true, "commission": true, "committee": true, "organization": true,
	"organisation": true, "alliance": true, "authority": true, "corporation": true,
	"trust": true, "chamber": true, "partners": true, "securities": true, "semiconductor": true,
	"semiconductors": true, "electronics": true, "holdings": true, "airlines": true, "airways": true,
	"pharmaceuticals": true, "technologies": true, "inc": true, "inc.": true, "corp": true, "corp.": true,
	"ltd": true, "ltd.": true, "plc": true, "llc": true, "consortium": true, "secretariat": true,
	"ventures": true, "bancorp": true, "insurance": true, "telecom": true, "motors": true,
	"investment": true, "investments": true, "fund": true, "cooperative": true, "co-operative": true,
}

// extendOrgs joins an organisation head and its "of"/"for"/"on" phrase
// to the name after it when the tagger kept only that name: "the
// U.S.-based Institute for the Study of War" tagged "Study of War",
// "University of Nairobi" tagged "Nairobi". It also takes in an "of"
// phrase after a tagged head ("Chamber" + "of Commerce").
func extendOrgs(doc *text.Document, tags []string) []string {
	toks := doc.Tokens
	for _, s := range tagSpans(tags) {
		if tags[s.start] != "B-"+s.typ { // changed by an earlier repair
			continue
		}
		k := s.start - 1
		if k >= 0 && strings.ToLower(toks[k].Text) == "the" && isLowerWord(toks[k].Text) {
			k--
		}
		if k < 1 || !isConnector(toks[k].Text) || tags[k] != "O" {
			continue
		}
		h := k - 1
		if !text.LookupLower(orgHeads, toks[h].Text) || !startsUpper(toks[h].Text) {
			continue
		}
		// The head is untagged, or ends an entity of its own ("The
		// Ministry" + "of" + "Trade, Industry").
		first := h
		if tags[h] != "O" {
			for first > 0 && strings.HasPrefix(tags[first], "I-") {
				first--
			}
			if w := toks[first].Text; first < h && (w == "The" || w == "the") {
				tags[first] = "O"
				first++
			}
			setSpan(tags, first, h+1, "ORG")
		}
		// Capitalised untagged words before the head belong to the name
		// ("Royal Institute of ..."), unless one opens the sentence.
		for first > 0 && tags[first-1] == "O" && startsUpper(toks[first-1].Text) && toks[first-1].Kind == text.Word &&
			!stopwords.Is(strings.ToLower(toks[first-1].Text)) && !sentenceStart(doc, first-1) {
			first--
		}
		setSpan(tags, first, s.end, "ORG")
	}
	// "Ministry of Trade, Industry" + "and Energy": a list in an
	// organisation's of-phrase runs on to its last item.
	for _, s := range tagSpans(tags) {
		e := s.end
		if s.typ != "ORG" || e+1 >= len(toks) || toks[e].Text != "and" || !startsUpper(toks[e+1].Text) || toks[e+1].Kind != text.Word ||
			!spanHas(doc, s.start, e, "of") || !spanHas(doc, s.start, e, ",") || tags[e] != "O" ||
			e+2 < len(toks) && startsUpper(toks[e+2].Text) && toks[e+2].Kind == text.Word {
			continue
		}
		setSpan(tags, s.start, e+2, "ORG")
	}
	// A head tagged alone, followed by "of" and capitalised untagged words.
	for _, s := range tagSpans(tags) {
		last := strings.ToLower(toks[s.end-1].Text)
		if !orgHeads[last] || s.end+1 >= len(toks) || tags[s.end] != "O" || !isConnector(toks[s.end].Text) {
			continue
		}
		e := s.end + 1
		if e < len(toks) && toks[e].Text == "the" {
			e++
		}
		n := e
		for n < len(toks) && tags[n] == "O" && startsUpper(toks[n].Text) && toks[n].Kind == text.Word && !text.LookupLower(timeWords, toks[n].Text) {
			n++
		}
		if n > e {
			typ := s.typ
			if orgTypeHeads[last] {
				typ = "ORG"
			}
			setSpan(tags, s.start, n, typ)
		}
	}
	return tags
}

// timeWords follow "on" and "in" without being part of a name
// ("the Security Council on Friday").
var timeWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true, "april": true,
	"may": true, "june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true,
}

func isConnector(w string) bool { return w == "of" || w == "for" || w == "on" }

// sentenceStart reports whether token i opens its sentence (so its
// capital says nothing).
func sentenceStart(doc *text.Document, i int) bool {
	if i == 0 {
		return true
	}
	for _, s := range doc.Sentences {
		if s.First == i {
			return true
		}
	}
	p := doc.Tokens[i-1].Text
	return p == "." || p == `"` || p == "“" || p == ":" || p == "?" || p == "!"
}

// extendToAcronym widens a name defined with an acronym until the
// acronym spells it: "Australian/MISC Institute of Marine Monitoring/ORG
// (AIMM)" is one organisation.
func extendToAcronym(doc *text.Document, tags []string) []string {
	toks := doc.Tokens
	for _, s := range tagSpans(tags) {
		if s.end+2 >= len(toks) || toks[s.end].Text != "(" || toks[s.end+2].Text != ")" || !isAcronym(toks[s.end+1].Text) {
			continue
		}
		first := acronymStart(doc, s.start, s.end, toks[s.end+1].Text)
		if first < 0 || first == s.start {
			continue
		}
		for k := first; k < s.start; k++ {
			if tags[k] == "B-PER" || tags[k] == "I-PER" {
				first = -1
			}
		}
		if first < 0 {
			continue
		}
		typ := s.typ
		if typ == "LOC" || text.LookupLower(orgTypeHeads, toks[s.end-1].Text) || text.LookupLower(orgHeads, toks[s.end-1].Text) {
			typ = "ORG"
		}
		setSpan(tags, first, s.end, typ)
	}
	return tags
}
