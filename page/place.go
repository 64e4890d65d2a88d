package page

import (
	"strings"

	"github.com/byline-nlp/byline/internal/ner"
)

// isPlace reports whether an author candidate is a place's name, such as
// the "Munich" or "Germany" a dateline or a location widget prints where
// the byline would be. It asks the shipped entity model's gazetteers
// (the places of its training news, and Debian's iso-codes countries
// and regions and tzdata cities): a place is a phrase held as a
// location, a city, a country or a region and never as a person's name
// or part of one, so that "Florence" or "Washington" stay names.
func isPlace(name string) bool {
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	gazetteer, err := ner.Shared() // decoded once, shared with the entity stage
	if err != nil {
		return false
	}
	place := false
	for _, c := range gazetteer.GazetteerCategories(words) {
		switch c {
		case "PER", "PER-word":
			return false
		case "LOC", "city", "country", "region":
			place = true
		}
	}
	return place
}
