package byline

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/ner"
	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/text"
)

// EntityType is a named entity's class, as in CoNLL-2003.
type EntityType = text.EntityType

// The entity classes byline tags.
const (
	Person       = text.Person
	Location     = text.Location
	Organization = text.Organization
	Misc         = text.Misc // nationalities, events, works, products
)

// A Mention is one place in the Document's Body where an entity is named.
type Mention = text.Mention

// An Entity is one referent named in an article: all its mentions merged
// ("Volodymyr Zelensky", "Zelensky", "Zelensky's"), titles stripped, and
// ranked by Salience, how central it is to the article.
type Entity = text.Entity

// NERModel is a trained named-entity tagger. The shipped one
// (DefaultNERModel) was trained on CoNLL-2003 English, Reuters news under
// research terms; LoadNERModel reads one trained with examples/train-ner.
// A NERModel is immutable and safe for concurrent use.
type NERModel struct {
	m *ner.Model
}

var (
	defaultNEROnce sync.Once
	defaultNER     *NERModel
	defaultNERErr  error
)

// DefaultNERModel returns the shipped model, decoding it on first use
// only; every call returns the same model.
func DefaultNERModel() (*NERModel, error) {
	defaultNEROnce.Do(func() {
		m, err := ner.LoadDefault()
		if err != nil {
			defaultNERErr = fmt.Errorf("byline: load default NER model: %w", err)
			return
		}
		defaultNER = &NERModel{m: m}
	})
	return defaultNER, defaultNERErr
}

// LoadNERModel reads a model written by examples/train-ner. Truncated or
// corrupt files are errors.
func LoadNERModel(r io.Reader) (*NERModel, error) {
	m, err := ner.Load(r)
	if err != nil {
		return nil, fmt.Errorf("byline: load NER model: %w", err)
	}
	return &NERModel{m: m}, nil
}

// WriteTo writes the model in the binary form LoadNERModel reads.
func (m *NERModel) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	if err := m.m.Save(cw); err != nil {
		return cw.n, fmt.Errorf("byline: write NER model: %w", err)
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Types returns the entity types the model tags, such as PER and LOC.
func (m *NERModel) Types() []EntityType {
	var out []EntityType
	for _, t := range m.m.Types() {
		out = append(out, EntityType(t))
	}
	return out
}

// tagView maps the document's tokens to the words the tagger was trained
// on: curly quotes become straight ones and a possessive split into "'"
// and "s" becomes CoNLL's "'s". view[i] lists the document tokens behind
// word i.
type tagView struct {
	sents [][]string
	toks  [][][2]int // per sentence, per word: the [first, end) document tokens
}

func canonWord(w string) string {
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

func sentenceRuns(doc *Document) [][2]int {
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

func newTagView(doc *Document) *tagView {
	v := &tagView{}
	for _, r := range sentenceRuns(doc) {
		var ws []string
		var ix [][2]int
		for i := r[0]; i < r[1]; i++ {
			t := doc.Tokens[i]
			w := canonWord(t.Text)
			if w == "'" && i+1 < r[1] && doc.Tokens[i+1].Start == t.End && (doc.Tokens[i+1].Text == "s" || doc.Tokens[i+1].Text == "S") {
				ws = append(ws, "'"+doc.Tokens[i+1].Text)
				ix = append(ix, [2]int{i, i + 2})
				i++
				continue
			}
			if w == "" {
				w = "_"
			}
			ws = append(ws, w)
			ix = append(ix, [2]int{i, i + 1})
		}
		v.sents = append(v.sents, ws)
		v.toks = append(v.toks, ix)
	}
	return v
}

// Tag returns one IOB2 tag ("B-PER", "I-PER", "O", ...) per entry of
// doc.Tokens. Sentences are tagged in order with the whole document as
// context, so a name tagged early informs its later mentions.
func (m *NERModel) Tag(doc *Document) []string {
	if doc == nil {
		return nil
	}
	tags := make([]string, len(doc.Tokens))
	for i := range tags {
		tags[i] = "O"
	}
	v := newTagView(doc)
	pred := m.m.Tag(v.sents)
	for si, ts := range pred {
		for wi, t := range ts {
			r := v.toks[si][wi]
			tags[r[0]] = t
			for j := r[0] + 1; j < r[1]; j++ {
				if t == "O" {
					tags[j] = "O"
				} else {
					tags[j] = "I-" + t[2:]
				}
			}
		}
	}
	return tags
}

// Entities tags doc and returns its entities: mentions of one referent
// merged, titles, honorifics and possessives stripped, and ranked by
// salience. It is DefaultNERModel().Entities(doc); it returns an error
// only if the shipped model cannot be decoded.
func Entities(doc *Document) ([]Entity, error) {
	m, err := DefaultNERModel()
	if err != nil {
		return nil, err
	}
	return m.Entities(doc), nil
}

// A mentionRec is one tagged mention, cleaned.
type mentionRec struct {
	typ      EntityType
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
	w = canonWord(w)
	return w == "'s" || w == "'" || w == "'S"
}

// cleanMention strips possessives, titles and edge punctuation from the
// tokens [first, end) of a mention of type typ.
func cleanMention(doc *Document, first, end int, typ EntityType) (int, int) {
	for end > first {
		w := canonWord(doc.Tokens[end-1].Text)
		if w == "'s" || w == "'" || w == "s" && end-2 >= first && canonWord(doc.Tokens[end-2].Text) == "'" {
			end--
			continue
		}
		if k := doc.Tokens[end-1].Kind; k == Punct && w != ")" && w != "." {
			end--
			continue
		}
		break
	}
	for first < end {
		w := doc.Tokens[first].Text
		if doc.Tokens[first].Kind == Punct {
			first++
			continue
		}
		if typ == Person && end-first > 1 && titleWords[strings.ToLower(w)] {
			first++
			continue
		}
		break
	}
	return first, end
}

// Entities tags doc and merges its mentions into entities, sorted by
// Salience, highest first. Mention spans are byte offsets into doc.Body.
//
// Merging: a shorter person name that ends or begins a longer one in the
// same article ("Zelensky", "Volodymyr Zelensky") is the same person; an
// organisation named without its corporate suffix, or by an acronym the
// text defines ("the Institute for the Study of War (ISW)") or that
// spells its initials, is the same organisation; otherwise mentions
// merge when their words match, case aside. An entity's type is the one
// most of its mentions were tagged with.
//
// Salience combines how often the entity is mentioned, how early it
// first appears, whether the headline (doc.Title) names it, and how
// often it is a sentence's subject.
func (m *NERModel) Entities(doc *Document) []Entity {
	if doc == nil || len(doc.Tokens) == 0 {
		return nil
	}
	return mergeEntities(doc, m.Tag(doc))
}

// MergeEntities builds entities from IOB2 (or IOB1) tags given for
// doc.Tokens, one per token, merging and ranking mentions as Entities
// does. It lets another tagger's output, or gold annotations, go through
// the same merging. Tags beyond len(doc.Tokens) are ignored; missing
// ones count as "O".
func MergeEntities(doc *Document, tags []string) []Entity {
	if doc == nil || len(doc.Tokens) == 0 {
		return nil
	}
	norm := make([]string, len(doc.Tokens))
	prevType := ""
	for i := range norm {
		t := "O"
		if i < len(tags) {
			t = tags[i]
		}
		typ := ""
		if len(t) > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-' {
			typ = t[2:]
		}
		switch {
		case typ == "":
			norm[i] = "O"
		case t[0] == 'B' || typ != prevType:
			norm[i] = "B-" + typ
		default:
			norm[i] = "I-" + typ
		}
		prevType = typ
	}
	return mergeEntities(doc, norm)
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
func joinParticles(doc *Document, tags []string) []string {
	out := append([]string(nil), tags...)
	isPer := func(t string) bool { return t == "B-PER" || t == "I-PER" }
	for i := 0; i < len(out); i++ {
		if !nameParticles[strings.ToLower(doc.Tokens[i].Text)] || (out[i] != "O" && !isPer(out[i])) {
			continue
		}
		j := i
		for j < len(out) && nameParticles[strings.ToLower(doc.Tokens[j].Text)] && (out[j] == "O" || isPer(out[j])) {
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
			strong = out[k] == "O" && strongParticles[strings.ToLower(doc.Tokens[k].Text)]
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
func splitAtTitles(doc *Document, tags []string) []string {
	for i := 0; i < len(tags); {
		if !strings.HasPrefix(tags[i], "B-") {
			i++
			continue
		}
		typ := tags[i][2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+typ {
			j++
		}
		// The last title counts: "Chief Financial Officer Howard Lin".
		for k := j - 2; k >= i; k-- {
			if !splitTitles[strings.ToLower(doc.Tokens[k].Text)] || !startsUpper(doc.Tokens[k].Text) || !startsUpper(doc.Tokens[k+1].Text) {
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

func mergeEntities(doc *Document, tags []string) []Entity {
	tags = repairTags(doc, tags)
	sentOf := make([]int, len(doc.Tokens))
	sentFirst := make([]int, 0, len(doc.Sentences))
	for si, r := range sentenceRuns(doc) {
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
		for j < len(tags) && tags[j] == "I-"+typ && sentOf[j] == sentOf[i] {
			j++
		}
		first, end := cleanMention(doc, i, j, EntityType(typ))
		if first < end && !hasAmount(doc.Tokens[first:end]) {
			words := make([]string, 0, end-first)
			for k := first; k < end; k++ {
				words = append(words, canonWord(doc.Tokens[k].Text))
			}
			rec := mentionRec{typ: EntityType(typ), first: first, end: end, words: words,
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
		votes    map[EntityType]int
		typ      EntityType
		parent   int // index of the group it merged into, or -1
	}
	var groups []*group
	byKey := map[string]int{}
	for i, mr := range ms {
		g, ok := byKey[mr.key]
		if !ok {
			g = len(groups)
			byKey[mr.key] = g
			groups = append(groups, &group{key: mr.key, words: mr.words, votes: map[EntityType]int{}, parent: -1})
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
				case g.typ == Person && c.typ == Person && hasAffix(c.words, g.words):
					score = 3 + len(c.mentions)
				case g.typ != Person && c.typ == Person && len(g.words) == 1 && isSuffix(c.words, g.words) && len(g.mentions) <= len(c.mentions):
					// A surname the tagger took for something else.
					score = 2 + len(c.mentions)
				case g.typ != Person && c.typ == g.typ && isPrefix(c.words, g.words) && corporateSuffixes[strings.ToLower(c.words[len(c.words)-1])] && len(c.words) == len(g.words)+1:
					score = 3 + len(c.mentions)
				case c.typ == Organization && isPrefix(c.words, g.words) && len(c.words) == len(g.words)+1 && orgTypeHeads[strings.ToLower(c.words[len(c.words)-1])]:
					// "Daeyang" for "Daeyang Semiconductor", whatever the
					// tagger took the short form for.
					score = 3 + len(c.mentions)
				case len(g.words) == 1 && c.typ != Person && isInitials(g.words[0], c.words):
					score = 2 + len(c.mentions)
				case len(g.words) == 1 && g.typ == Organization && c.typ == Organization && orgHeads[strings.ToLower(g.words[0])] && hasWord(c.words, g.words[0]):
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
		if w := canonWord(t.Text); !isLowerWord(w) {
			titleWordsLower[strings.ToLower(w)] = true
		}
	}
	type scored struct {
		e                     Entity
		count, subj, firstTok int
	}
	var out []scored
	maxCount := 0
	for _, r := range rootOrder {
		a := roots[r]
		votes := map[EntityType]int{}
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
		if rw := groups[r].words; len(rw) > 1 && orgTypeHeads[strings.ToLower(rw[len(rw)-1])] {
			// The full name says what the short forms' votes may not.
			s.e.Type = Organization
		}
		if s.e.Type != Location && len(groups[r].words) == 1 && len(a.groups) == 1 &&
			2*votes[s.e.Type] <= len(idx) && placeEvidence(doc, ms, idx) {
			// A lone word the tagger could not settle, never part of a
			// longer name, and found where places go ("an alert for
			// Mumbai", "shut in Surat"): a city the 1996 training news
			// did not know (it calls most of them people or companies).
			s.e.Type = Location
		}
		sort.Strings(aliases)
		s.e.Aliases = aliases
		for _, mi := range idx {
			mr := ms[mi]
			sp := Span{Start: doc.Tokens[mr.first].Start, End: doc.Tokens[mr.end-1].End}
			text := ""
			if sp.Start >= 0 && sp.End <= len(doc.Body) && sp.Start <= sp.End {
				text = doc.Body[sp.Start:sp.End]
			}
			s.e.Mentions = append(s.e.Mentions, Mention{Span: sp, Text: text})
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
	res := make([]Entity, len(out))
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
func hasAmount(toks []Token) bool {
	for _, t := range toks {
		if t.Kind != Number {
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
func surface(doc *Document, mr mentionRec) string {
	start, end := doc.Tokens[mr.first].Start, doc.Tokens[mr.end-1].End
	if start < 0 || end > len(doc.Body) || start >= end {
		return strings.Join(mr.words, " ")
	}
	return strings.Join(strings.Fields(doc.Body[start:end]), " ")
}

// placeEvidence reports whether one of the mentions idx of ms follows a
// preposition of place or "Greater".
func placeEvidence(doc *Document, ms []mentionRec, idx []int) bool {
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

func majority(votes map[EntityType]int, fallback EntityType) EntityType {
	best, bestN := fallback, votes[fallback]
	for _, t := range []EntityType{Person, Organization, Location, Misc} {
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
func isInitials(acr string, words []string) bool {
	acr = strings.ReplaceAll(acr, ".", "")
	if utf8.RuneCountInString(acr) < 2 || strings.ToUpper(acr) != acr {
		return false
	}
	var b strings.Builder
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String() == acr
}

// definedAcronyms finds "Long Name (ACR)" in the text and maps the
// acronym's key to the long name's key.
func definedAcronyms(doc *Document, ms []mentionRec) map[string]string {
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
func isSubject(doc *Document, sentStart, first, end int) bool {
	lead := 0
	for i := sentStart; i < first; i++ {
		w := strings.ToLower(doc.Tokens[i].Text)
		if doc.Tokens[i].Kind == Punct || stopwords.Is(w) || titleWords[w] {
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
func namedIn(title map[string]bool, words []string, typ EntityType, aliases []string) bool {
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
		if !title[lw] && !(typ == Misc && title[lw+"s"]) {
			all = false
			break
		}
	}
	if all {
		return true
	}
	if typ == Person && len(words) > 1 && title[strings.ToLower(words[len(words)-1])] {
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
