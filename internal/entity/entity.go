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

// The groups of repairs.
const (
	// Trims cuts lower-case words a name ran into and splits off a
	// bracketed acronym.
	Trims Repairs = 1 << iota
	// Extends widens an organisation's head over its of-phrase and to
	// the acronym it spells.
	Extends
	// Particles joins name particles to the person's name around them
	// ("Ursula von der Leyen", "Mohammed bin Salman").
	Particles
	// GivenNames types as people names that start with a known given
	// name.
	GivenNames
	// Titles splits a title inside a tagged name off the person after it
	// ("Ukrainian President Volodymyr Zelensky").
	Titles
	// Context types a name by its head word and the words around it
	// ("the consultancy ...", "north of ..."), and one-word names in a
	// list with a place as places.
	Context
	// Recent types names newer than the training text: platforms
	// ("wrote on X"), firms and products since 1996.
	Recent

	// Boundaries is where a name starts and ends: Trims and Extends.
	Boundaries = Trims | Extends
	// Persons is people's names: Particles, GivenNames and Titles.
	Persons = Particles | GivenNames | Titles
	// All is every group.
	All = Boundaries | Persons | Context | Recent
)

// Default is the set of repairs Entities applies: the groups that raised
// F1 on the held-out folds of 5-fold cross-validation over CoNLL-2003
// and Worldwide train with the shipped model's settings (train-ner -cv 5
// -repairs) and did not lower it on Worldwide dev. Left out: Trims cost
// the Worldwide folds 0.7 F1 (in every fold) for 0.13 on CoNLL's;
// GivenNames cost the CoNLL folds 0.05 and Worldwide dev 0.3; Recent
// changed neither corpus's folds by more than 0.01, since both predate
// the names it knows. Callers may still ask for them.
const Default = Extends | Particles | Titles | Context

// Repair applies the selected repairs, in order, to a copy of IOB2 tags,
// one per doc.Tokens entry. Rules only ever relabel.
func Repair(doc *text.Document, tags []string, r Repairs) []string {
	tags = append([]string(nil), tags...)
	if r&Trims != 0 {
		tags = trimSpans(doc, tags)
	}
	if r&Extends != 0 {
		tags = extendToAcronym(doc, extendOrgs(doc, tags))
	}
	if r&Particles != 0 {
		tags = joinParticles(doc, tags)
	}
	if r&GivenNames != 0 {
		tags = personsByGivenName(doc, tags)
	}
	if r&Titles != 0 {
		tags = splitAtTitles(doc, tags)
	}
	if r&Context != 0 {
		tags = retypeByContext(doc, retypeByHead(doc, tags))
	}
	if r&Recent != 0 {
		tags = platformX(doc, recentNames(doc, tags))
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
