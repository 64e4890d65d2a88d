package entity

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/segment"
	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/text"
)

// A mentionRec is one tagged mention, cleaned.
type mentionRec struct {
	typ      text.EntityType
	first    int      // first document token of the cleaned name
	end      int      // one past its last token
	words    []string // cleaned name tokens
	key      string   // lower-case words joined by spaces
	sentence int
	subject  bool // at the start of its sentence, or the speaker of "said"
}

// titleWords are titles and honorifics that may precede a name. The
// tagger usually leaves them out; when it does not, they are stripped.
var titleWords = map[string]bool{
	"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true, "miss": true,
	"dr": true, "dr.": true, "prof": true, "prof.": true, "professor": true, "sir": true, "dame": true,
	"lord": true, "lady": true, "president": true, "vice": true, "prime": true, "minister": true,
	"chancellor": true, "secretary": true, "senator": true, "sen": true, "sen.": true, "rep": true,
	"rep.": true, "representative": true, "gov": true, "gov.": true, "governor": true, "mayor": true,
	"king": true, "queen": true, "prince": true, "princess": true, "pope": true, "saint": true,
	"general": true, "gen": true, "gen.": true, "col": true, "col.": true, "lt": true, "lt.": true,
	"capt": true, "capt.": true, "captain": true, "sgt": true, "sgt.": true, "major": true,
	"admiral": true, "commander": true, "chief": true, "judge": true, "justice": true,
	"ambassador": true, "chairman": true, "chairwoman": true, "ceo": true, "coach": true,
	"manager": true, "director": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"premier": true, "emperor": true, "sheikh": true, "ayatollah": true, "rev": true, "rev.": true,
	"reverend": true, "father": true, "bishop": true, "archbishop": true, "cardinal": true,
	"foreign": true, "defence": true, "defense": true, "finance": true, "interior": true,
	"eu": true, "un": true, "nato": true, "us": true, "u.s.": true, "uk": true, "state": true,
	"deputy": true, "former": true, "late": true, "opposition": true, "leader": true, "head": true,
	"boss": true, "mp": true, "mep": true, "councillor": true, "detective": true, "officer": true,
	"inspector": true, "superintendent": true, "sheriff": true, "attorney": true, "td": true,
	"councilor": true, "commissioner": true, "lawmaker": true,
}

// corporateSuffixes may end an organisation's full name and be left out
// in later mentions ("Apple Inc" / "Apple").
var corporateSuffixes = map[string]bool{
	"inc": true, "inc.": true, "corp": true, "corp.": true, "corporation": true, "co": true,
	"co.": true, "ltd": true, "ltd.": true, "plc": true, "llc": true, "ag": true, "sa": true,
	"nv": true, "group": true, "holdings": true, "company": true, "limited": true, "gmbh": true,
}

func isPossessive(w string) bool {
	w = CanonWord(w)
	return w == "'s" || w == "'" || w == "'S"
}

// cleanMention strips possessives, titles and edge punctuation from the
// tokens [first, end) of a mention of type typ.
func cleanMention(doc *text.Document, first, end int, typ text.EntityType) (int, int) {
	for end > first {
		w := CanonWord(doc.Tokens[end-1].Text)
		if w == "'s" || w == "'" || w == "s" && end-2 >= first && CanonWord(doc.Tokens[end-2].Text) == "'" {
			end--
			continue
		}
		if k := doc.Tokens[end-1].Kind; k == text.Punct && w != ")" && w != "." {
			end--
			continue
		}
		break
	}
	for first < end {
		w := doc.Tokens[first].Text
		if doc.Tokens[first].Kind == text.Punct {
			first++
			continue
		}
		if typ == text.Person && end-first > 1 && text.LookupLower(titleWords, w) {
			first++
			continue
		}
		break
	}
	return first, end
}

// merge chunks IOB2 tags into mentions and merges them into entities.
func merge(doc *text.Document, tags []string) []text.Entity {
	sentOf := make([]int, len(doc.Tokens))
	sentFirst := make([]int, 0, len(doc.Sentences))
	for si, r := range SentenceRuns(doc) {
		for i := r[0]; i < r[1]; i++ {
			sentOf[i] = si
		}
		sentFirst = append(sentFirst, r[0])
	}
	// Chunk IOB2 tags into mentions.
	var ms []mentionRec
	for i := 0; i < len(tags); {
		t := tags[i]
		if t == "O" || len(t) < 3 {
			i++
			continue
		}
		typ := t[2:]
		j := i + 1
		for j < len(tags) && isInside(tags[j], typ) && sentOf[j] == sentOf[i] {
			j++
		}
		first, end := cleanMention(doc, i, j, text.EntityType(typ))
		if first < end && !hasAmount(doc.Tokens[first:end]) {
			words := make([]string, 0, end-first)
			for k := first; k < end; k++ {
				words = append(words, CanonWord(doc.Tokens[k].Text))
			}
			rec := mentionRec{typ: text.EntityType(typ), first: first, end: end, words: words,
				key: strings.ToLower(strings.Join(words, " ")), sentence: sentOf[first]}
			rec.subject = isSubject(doc, sentFirst[sentOf[first]], first, end)
			ms = append(ms, rec)
		}
		i = j
	}
	if len(ms) == 0 {
		return nil
	}
	acronyms := definedAcronyms(doc, ms)

	// Group mentions by their words, then attach short forms to long ones.
	type group struct {
		key      string
		words    []string
		mentions []int
		votes    map[text.EntityType]int
		typ      text.EntityType
		parent   int // index of the group it merged into, or -1
	}
	var groups []*group
	byKey := map[string]int{}
	for i, mr := range ms {
		g, ok := byKey[mr.key]
		if !ok {
			g = len(groups)
			byKey[mr.key] = g
			groups = append(groups, &group{key: mr.key, words: mr.words, votes: map[text.EntityType]int{}, parent: -1})
		}
		groups[g].mentions = append(groups[g].mentions, i)
		groups[g].votes[mr.typ]++
	}
	for _, g := range groups {
		g.typ = majority(g.votes, ms[g.mentions[0]].typ)
	}
	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return len(groups[order[a]].words) > len(groups[order[b]].words)
	})
	root := func(g int) int {
		for groups[g].parent >= 0 {
			g = groups[g].parent
		}
		return g
	}
	for oi, gi := range order {
		g := groups[gi]
		target := -1
		if full, ok := acronyms[g.key]; ok {
			if t, ok := byKey[full]; ok && t != gi {
				target = t
			}
		}
		if target < 0 {
			best := 0
			for _, ci := range order[:oi] {
				c := groups[ci]
				if len(c.words) <= len(g.words) || c.parent >= 0 {
					continue
				}
				score := 0
				switch {
				case g.typ == text.Person && c.typ == text.Person && hasAffix(c.words, g.words):
					score = 3 + len(c.mentions)
				case g.typ != text.Person && c.typ == text.Person && len(g.words) == 1 && isSuffix(c.words, g.words) && len(g.mentions) <= len(c.mentions):
					// A surname the tagger took for something else.
					score = 2 + len(c.mentions)
				case g.typ != text.Person && c.typ == g.typ && isPrefix(c.words, g.words) && text.LookupLower(corporateSuffixes, c.words[len(c.words)-1]) && len(c.words) == len(g.words)+1:
					score = 3 + len(c.mentions)
				case c.typ == text.Organization && isPrefix(c.words, g.words) && len(c.words) == len(g.words)+1 && text.LookupLower(orgTypeHeads, c.words[len(c.words)-1]):
					// "Daeyang" for "Daeyang Semiconductor", whatever the
					// tagger took the short form for.
					score = 3 + len(c.mentions)
				case len(g.words) == 1 && c.typ != text.Person && isInitials(g.words[0], c.words):
					score = 2 + len(c.mentions)
				case len(g.words) == 1 && g.typ == text.Organization && c.typ == text.Organization && text.LookupLower(orgHeads, g.words[0]) && hasWord(c.words, g.words[0]):
					// "the Board" after "the Chicago Board of Education".
					score = 1 + len(c.mentions)
				}
				if score > best {
					best, target = score, ci
				}
			}
		}
		if target >= 0 {
			g.parent = root(target)
		}
	}
	// Build the entities.
	type agg struct {
		groups []int
	}
	roots := map[int]*agg{}
	var rootOrder []int
	for gi := range groups {
		r := root(gi)
		a, ok := roots[r]
		if !ok {
			a = &agg{}
			roots[r] = a
			rootOrder = append(rootOrder, r)
		}
		a.groups = append(a.groups, gi)
	}
	titleWordsLower := map[string]bool{}
	for _, t := range doc.TitleTokens {
		// A headline in sentence case writes common nouns in lower case:
		// "school board" does not name "the Board".
		if w := CanonWord(t.Text); !isLowerWord(w) {
			titleWordsLower[strings.ToLower(w)] = true
		}
	}
	type scored struct {
		e                     text.Entity
		count, subj, firstTok int
	}
	var out []scored
	maxCount := 0
	for _, r := range rootOrder {
		a := roots[r]
		votes := map[text.EntityType]int{}
		var idx []int
		var aliases []string
		for _, gi := range a.groups {
			for _, mi := range groups[gi].mentions {
				votes[ms[mi].typ]++
				idx = append(idx, mi)
			}
			if a := surface(doc, ms[groups[gi].mentions[0]]); gi != r && !strings.EqualFold(a, surface(doc, ms[groups[r].mentions[0]])) {
				aliases = append(aliases, a)
			}
		}
		sort.Ints(idx)
		s := scored{firstTok: ms[idx[0]].first}
		s.e.Name = surface(doc, ms[groups[r].mentions[0]])
		s.e.Type = majority(votes, groups[r].typ)
		if rw := groups[r].words; len(rw) > 1 && text.LookupLower(orgTypeHeads, rw[len(rw)-1]) {
			// The full name says what the short forms' votes may not.
			s.e.Type = text.Organization
		}
		if s.e.Type != text.Location && len(groups[r].words) == 1 && len(a.groups) == 1 &&
			2*votes[s.e.Type] <= len(idx) && placeEvidence(doc, ms, idx) {
			// A lone word the tagger could not settle, never part of a
			// longer name, and found where places go ("an alert for
			// Mumbai", "shut in Surat"): a city the 1996 training news
			// did not know (it calls most of them people or companies).
			s.e.Type = text.Location
		}
		sort.Strings(aliases)
		s.e.Aliases = aliases
		for _, mi := range idx {
			mr := ms[mi]
			sp := text.Span{Start: doc.Tokens[mr.first].Start, End: doc.Tokens[mr.end-1].End}
			said := ""
			if sp.Start >= 0 && sp.End <= len(doc.Body) && sp.Start <= sp.End {
				said = doc.Body[sp.Start:sp.End]
			}
			s.e.Mentions = append(s.e.Mentions, text.Mention{Span: sp, Text: said})
			if mr.subject {
				s.subj++
			}
		}
		s.count = len(idx)
		if s.count > maxCount {
			maxCount = s.count
		}
		s.e.InTitle = namedIn(titleWordsLower, groups[r].words, s.e.Type, aliases)
		out = append(out, s)
	}
	n := float64(len(doc.Tokens))
	res := make([]text.Entity, len(out))
	for i, s := range out {
		freq := math.Log1p(float64(s.count)) / math.Log1p(float64(maxCount))
		early := 1 - float64(s.firstTok)/n
		head := 0.0
		if s.e.InTitle {
			head = 1
		}
		subj := float64(s.subj) / float64(s.count)
		sal := 0.45*freq + 0.2*early + 0.25*head + 0.1*subj
		s.e.Salience = math.Round(sal*1e4) / 1e4
		res[i] = s.e
	}
	sort.SliceStable(res, func(a, b int) bool {
		if res[a].Salience != res[b].Salience {
			return res[a].Salience > res[b].Salience
		}
		return res[a].Mentions[0].Start < res[b].Mentions[0].Start
	})
	return res
}

// hasAmount reports whether a tagged name holds an amount ("KSh 1.9m",
// "$4bn"): the tagger's mistake, not a name. Plain numbers stay, as in
// "Apollo 11" or "Euro 2024".
func hasAmount(toks []text.Token) bool {
	for _, t := range toks {
		if t.Kind != text.Number {
			continue
		}
		for _, r := range t.Text {
			if r < '0' || r > '9' {
				return true
			}
		}
	}
	return false
}

// surface returns a mention as the text writes it ("AT&T", not the
// tokens joined by spaces), with runs of white space made one space.
func surface(doc *text.Document, mr mentionRec) string {
	start, end := doc.Tokens[mr.first].Start, doc.Tokens[mr.end-1].End
	if start < 0 || end > len(doc.Body) || start >= end {
		return strings.Join(mr.words, " ")
	}
	return strings.Join(strings.Fields(segment.Visible(doc.Body[start:end])), " ")
}

// placeEvidence reports whether one of the mentions idx of ms follows a
// preposition of place or "Greater".
func placeEvidence(doc *text.Document, ms []mentionRec, idx []int) bool {
	for _, mi := range idx {
		if p := ms[mi].first - 1; p >= 0 {
			switch doc.Tokens[p].Text {
			case "in", "at", "for", "from", "near", "across", "around", "outside", "Greater":
				return true
			}
		}
	}
	return false
}

func majority(votes map[text.EntityType]int, fallback text.EntityType) text.EntityType {
	best, bestN := fallback, votes[fallback]
	for _, t := range []text.EntityType{text.Person, text.Organization, text.Location, text.Misc} {
		if votes[t] > bestN {
			best, bestN = t, votes[t]
		}
	}
	for t, n := range votes {
		if n > bestN {
			best, bestN = t, n
		}
	}
	return best
}

// hasWord reports whether words holds w, case aside.
func hasWord(words []string, w string) bool {
	for _, x := range words {
		if strings.EqualFold(x, w) {
			return true
		}
	}
	return false
}

// hasAffix reports whether short is a run of words at the start or end of long.
func hasAffix(long, short []string) bool {
	return isPrefix(long, short) || isSuffix(long, short)
}

func isPrefix(long, short []string) bool {
	if len(short) > len(long) {
		return false
	}
	for i, w := range short {
		if !strings.EqualFold(w, long[i]) {
			return false
		}
	}
	return true
}

func isSuffix(long, short []string) bool {
	if len(short) > len(long) {
		return false
	}
	off := len(long) - len(short)
	for i, w := range short {
		if !strings.EqualFold(w, long[off+i]) {
			return false
		}
	}
	return true
}

// isInitials reports whether acr (all capitals, two letters or more)
// spells the initials of words, skipping lower-case function words:
// "ISW" for "Institute for the Study of War".
//
// Merging asks it of every pair of a one-word name and a longer one, so
// it reads acr in place rather than building strings: dots are skipped.
func isInitials(acr string, words []string) bool {
	n := 0
	for i := 0; i < len(acr); {
		r, size := utf8.DecodeRuneInString(acr[i:])
		i += size
		if r == '.' {
			continue
		}
		if r == utf8.RuneError && size == 1 || unicode.ToUpper(r) != r {
			return false
		}
		n++
	}
	if n < 2 {
		return false
	}
	// The capitalised words' first letters, in order, are acr's letters.
	at := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			continue
		}
		for at < len(acr) && acr[at] == '.' {
			at++
		}
		a, size := utf8.DecodeRuneInString(acr[at:])
		if at == len(acr) || a != r {
			return false
		}
		at += size
	}
	for at < len(acr) && acr[at] == '.' {
		at++
	}
	return at == len(acr)
}

// definedAcronyms finds "Long Name (ACR)" in the text and maps the
// acronym's key to the long name's key.
func definedAcronyms(doc *text.Document, ms []mentionRec) map[string]string {
	out := map[string]string{}
	for _, mr := range ms {
		i := mr.end
		for i < len(doc.Tokens) && i < mr.end+2 && isPossessive(doc.Tokens[i].Text) {
			i++
		}
		if i+2 >= len(doc.Tokens) || doc.Tokens[i].Text != "(" || doc.Tokens[i+2].Text != ")" {
			continue
		}
		acr := doc.Tokens[i+1].Text
		if utf8.RuneCountInString(acr) < 2 || strings.ToUpper(acr) != acr || !hasLetters(acr) {
			continue
		}
		if len(mr.words) > 1 {
			out[strings.ToLower(acr)] = mr.key
		}
	}
	return out
}

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isSubject guesses whether a mention is its sentence's grammatical
// subject: it opens the sentence (after at most a title or two), or it
// is followed by a speech verb ("Merz said").
func isSubject(doc *text.Document, sentStart, first, end int) bool {
	lead := 0
	for i := sentStart; i < first; i++ {
		w := strings.ToLower(doc.Tokens[i].Text)
		if doc.Tokens[i].Kind == text.Punct || stopwords.Is(w) || titleWords[w] {
			lead++
			continue
		}
		return false
	}
	if lead <= 3 {
		return true
	}
	if end < len(doc.Tokens) {
		switch strings.ToLower(doc.Tokens[end].Text) {
		case "said", "says", "told", "announced", "added", "warned", "claimed", "insisted":
			return true
		}
	}
	return false
}

// namedIn reports whether the headline's words name the entity: all its
// words, a person's surname, or one of its aliases.
func namedIn(title map[string]bool, words []string, typ text.EntityType, aliases []string) bool {
	if len(title) == 0 {
		return false
	}
	all := true
	for _, w := range words {
		lw := strings.ToLower(w)
		if isLowerWord(w) {
			continue // "for the", "of": the headline may write them so
		}
		// "Europeans" in a headline names the "European" entity.
		if !title[lw] && !(typ == text.Misc && title[lw+"s"]) {
			all = false
			break
		}
	}
	if all {
		return true
	}
	if typ == text.Person && len(words) > 1 && text.LookupLower(title, words[len(words)-1]) {
		return true
	}
	for _, a := range aliases {
		aw := strings.Fields(a)
		ok := len(aw) > 0
		for _, w := range aw {
			if isLowerWord(w) && len(aw) > 1 {
				continue // "der" in "Von der Leyen"
			}
			if w = strings.ToLower(w); !title[w] || stopwords.Is(w) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// CanonWord maps a token to the spelling the tagger was trained on:
// curly quotes become straight ones, dashes hyphens.
func CanonWord(w string) string {
	switch w {
	case "\u2019", "\u2018", "`":
		return "'"
	case "\u201c", "\u201d", "``", "''", "\u00ab", "\u00bb":
		return `"`
	case "\u2014", "\u2013":
		return "-"
	}
	if strings.ContainsRune(w, '\u2019') {
		return strings.ReplaceAll(w, "\u2019", "'")
	}
	return w
}

// SentenceRuns covers doc.Tokens with runs of [first, end) tokens: its
// sentences in order, and whatever tokens no sentence holds.
func SentenceRuns(doc *text.Document) [][2]int {
	var runs [][2]int
	covered := 0
	for _, s := range doc.Sentences {
		first, end := s.First, s.First+len(s.Tokens)
		if first < covered || end > len(doc.Tokens) || first >= end {
			continue
		}
		if first > covered {
			runs = append(runs, [2]int{covered, first})
		}
		runs = append(runs, [2]int{first, end})
		covered = end
	}
	if covered < len(doc.Tokens) {
		runs = append(runs, [2]int{covered, len(doc.Tokens)})
	}
	return runs
}
