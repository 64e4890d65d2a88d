// Package entity turns a tagger's IOB2 tags into byline's entities: it
// repairs the tags' spans with what is known about how news English
// writes names, then merges the mentions of one referent and ranks them
// by salience. The files are grouped by what they fix: boundaries.go
// (where a name starts and ends), persons.go (people's names: given
// names, particles, titles), types.go (a name's type from the words
// around it and from names newer than the tagger's training text), and
// merge.go (mentions into entities).
package entity

import "github.com/byline-nlp/byline/internal/text"

// Repairs selects groups of span repairs. Each group is kept only while
// it measures better on cross-validation folds (train-ner -cv -repairs)
// without costing Worldwide dev; Default is the set that does.
type Repairs uint

// The groups of repairs. Trims, GivenNames and Recent are unions of
// finer rules, measured one by one.
const (
	// TrimAmounts clears a one-word name with digits after a currency
	// sign ("$A86m").
	TrimAmounts Repairs = 1 << iota
	// TrimClauses cuts a name at a comma before a lower-case word
	// ("City Hall, which").
	TrimClauses
	// TrimPersonWords cuts a person's name at a lower-case function word
	// ("Tono Eitel of Germany").
	TrimPersonWords
	// TrimTails cuts lower-case words and an unopened ")" at a name's end
	// ("Santa Fe have").
	TrimTails
	// TrimHeads cuts lower-case words other than particles at a name's
	// start ("of Sion").
	TrimHeads
	// SplitAcronyms makes a bracketed acronym that spells the name before
	// it a mention of its own ("Commission for Utility Regulation (CUR)").
	SplitAcronyms
	// Extends widens an organisation's head over its of-phrase and to
	// the acronym it spells.
	Extends
	// Particles joins name particles to the person's name around them
	// ("Ursula von der Leyen", "Mohammed bin Salman").
	Particles
	// InitialParticles reads as a person's name a capitalised particle
	// the tagger left out and the name it started at the next particle
	// ("Von/O der/B-ORG Leyen/I-ORG said").
	InitialParticles
	// GivenNamesLOC, GivenNamesORG and GivenNamesMISC type as people
	// names the tagger read as places, organisations or other names that
	// start with a known given name.
	GivenNamesLOC
	GivenNamesORG
	GivenNamesMISC
	// Titles splits a title inside a tagged name off the person after it
	// ("Ukrainian President Volodymyr Zelensky").
	Titles
	// Context types a name by its head word and the words around it
	// ("the consultancy ...", "north of ..."), and one-word names in a
	// list with a place as places.
	Context
	// PlatformX types "X" as the platform where the words around it say
	// so ("wrote on X", "X, formerly Twitter").
	PlatformX
	// RecentOrgs types one-word names of firms and platforms newer than
	// the training text ("Nvidia", "TikTok").
	RecentOrgs
	// RecentProducts types one-word names of products and events newer
	// than the training text ("ChatGPT", "Brexit") as MISC.
	RecentProducts

	// Trims cuts lower-case words a name ran into and splits off a
	// bracketed acronym.
	Trims = TrimAmounts | TrimClauses | TrimPersonWords | TrimTails | TrimHeads | SplitAcronyms
	// GivenNames types as people names that start with a known given
	// name.
	GivenNames = GivenNamesLOC | GivenNamesORG | GivenNamesMISC
	// Recent types names newer than the training text: platforms
	// ("wrote on X"), firms and products since 1996.
	Recent = PlatformX | RecentOrgs | RecentProducts

	// Boundaries is where a name starts and ends: Trims and Extends.
	Boundaries = Trims | Extends
	// Persons is people's names: Particles, InitialParticles, GivenNames
	// and Titles.
	Persons = Particles | InitialParticles | GivenNames | Titles
	// All is every group.
	All = Boundaries | Persons | Context | Recent
)

// Rules lists every single rule with its name, in the order Repair
// applies them, for measuring them one at a time.
var Rules = []struct {
	Name string
	R    Repairs
}{
	{"trim-amounts", TrimAmounts}, {"trim-clauses", TrimClauses}, {"trim-person-words", TrimPersonWords},
	{"trim-tails", TrimTails}, {"trim-heads", TrimHeads}, {"split-acronyms", SplitAcronyms},
	{"extends", Extends}, {"particles", Particles}, {"initial-particles", InitialParticles},
	{"given-names-loc", GivenNamesLOC},
	{"given-names-org", GivenNamesORG}, {"given-names-misc", GivenNamesMISC}, {"titles", Titles},
	{"context", Context}, {"platform-x", PlatformX}, {"recent-orgs", RecentOrgs},
	{"recent-products", RecentProducts},
}

// Default is the set of repairs Entities applies: the rules that raised
// F1 on the held-out folds of 5-fold cross-validation over CoNLL-2003
// and Worldwide train with the shipped model's settings (train-ner -cv 5
// -repairs), or left every fold as it was, and did not lower it on
// Worldwide dev. Left out: TrimTails cost every Worldwide fold about 0.7
// F1 (its annotators keep lower-case words inside names); TrimHeads and
// TrimPersonWords cost Worldwide folds; GivenNamesORG cost the CoNLL
// folds; RecentOrgs and RecentProducts moved Worldwide folds both ways;
// GivenNamesMISC helped the folds a little but cost Worldwide dev 0.02.
// InitialParticles and PlatformX change no fold of either corpus (their
// names are newer than both) and are kept for the modern names they fix
// ("Von der Leyen said", "wrote on X"). Callers may ask for any rule.
const Default = Extends | Particles | Titles | Context | TrimClauses | SplitAcronyms |
	InitialParticles | GivenNamesLOC | PlatformX

// Repair applies the selected repairs, in order, to a copy of IOB2 tags,
// one per doc.Tokens entry. Rules only ever relabel.
func Repair(doc *text.Document, tags []string, r Repairs) []string {
	tags = append([]string(nil), tags...)
	if r&Trims != 0 {
		tags = trimSpans(doc, tags, r)
	}
	if r&Extends != 0 {
		tags = extendToAcronym(doc, extendOrgs(doc, tags))
	}
	if r&InitialParticles != 0 {
		tags = initialParticleNames(doc, tags)
	}
	if r&Particles != 0 {
		tags = joinParticles(doc, tags)
	}
	if r&GivenNames != 0 {
		tags = personsByGivenName(doc, tags, r)
	}
	if r&Titles != 0 {
		tags = splitAtTitles(doc, tags)
	}
	if r&Context != 0 {
		tags = retypeByContext(doc, retypeByHead(doc, tags))
	}
	if r&(RecentOrgs|RecentProducts) != 0 {
		tags = recentNames(doc, tags, r)
	}
	if r&PlatformX != 0 {
		tags = platformX(doc, tags)
	}
	if r&Context != 0 {
		tags = listsAsPlaces(doc, tags)
	}
	return tags
}

// Merge repairs IOB2 tags (one per doc.Tokens entry) with the selected
// repairs and merges their mentions into entities, sorted by salience,
// highest first.
//
// Merging: a shorter person name that ends or begins a longer one in the
// same article ("Zelensky", "Volodymyr Zelensky") is the same person; an
// organisation named without its corporate suffix, or by an acronym the
// text defines or that spells its initials, is the same organisation;
// otherwise mentions merge when their words match, case aside. An
// entity's type is the one most of its mentions were tagged with.
func Merge(doc *text.Document, tags []string, r Repairs) []text.Entity {
	return merge(doc, Repair(doc, tags, r))
}

// Tags renders entities as IOB2 tags, one per doc.Tokens entry: each
// mention's tokens, typed with its entity's type. It is what a user of
// the entities sees, in the form taggers are scored in.
func Tags(doc *text.Document, ents []text.Entity) []string {
	tags := make([]string, len(doc.Tokens))
	for i := range tags {
		tags[i] = "O"
	}
	// Token i covers bytes [Start, End); mentions begin and end on token
	// boundaries.
	starts := make(map[int]int, len(doc.Tokens))
	for i, t := range doc.Tokens {
		starts[t.Start] = i
	}
	for _, e := range ents {
		for _, m := range e.Mentions {
			i, ok := starts[m.Start]
			if !ok {
				continue
			}
			for j := i; j < len(doc.Tokens) && doc.Tokens[j].Start < m.End; j++ {
				if j == i {
					tags[j] = "B-" + string(e.Type)
				} else {
					tags[j] = "I-" + string(e.Type)
				}
			}
		}
	}
	return tags
}
