package ner

import (
	_ "embed" // the given-name list
	"strings"
	"sync"
)

// givenNamesText is a list of given names, one a line, written for byline
// (not taken from any labelled data): common first names across the
// languages international news reports on, with a bias toward people in
// the news since 2020 ("Volodymyr", "Keir", "Kamala", "Ursula"), since
// the tagger's own training text is from 1996. Words that are just as
// often places or firms' first words ("Jordan", "Victoria", "Morgan")
// are left out on purpose.
//
//go:embed givennames.txt
var givenNamesText string

var (
	givenOnce  sync.Once
	givenNames map[string]bool
)

// GivenNames returns the given-name list, in its written case. The
// slice is a fresh copy.
func GivenNames() []string {
	var out []string
	for _, l := range strings.Split(givenNamesText, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// IsGivenName reports whether w, as written (capitalised), is a given
// name on the list. It is safe for concurrent use.
func IsGivenName(w string) bool {
	givenOnce.Do(func() {
		names := GivenNames()
		givenNames = make(map[string]bool, len(names))
		for _, n := range names {
			givenNames[n] = true
		}
	})
	return givenNames[w]
}
