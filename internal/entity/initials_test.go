package entity

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// initialsByStrings is isInitials as first written, building the
// strings it compares: the reference the allocation-free one must match.
func initialsByStrings(acr string, words []string) bool {
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

var initialsCases = []struct {
	acr   string
	words string
	want  bool
}{
	{"ISW", "Institute for the Study of War", true},
	{"I.S.W.", "Institute for the Study of War", true},
	{"ISW", "Institute for Study", false},
	{"IS", "Institute for the Study of War", false},
	{"Isw", "Institute Study War", false},
	{"A", "Agency", false},
	{"A.", "Agency", false},
	{"..", "", false},
	{"ÉFD", "Électricité de France Ditto", true},
	{"G7", "Group of Seven", false},
	{"\uFFFD\uFFFD", "\uFFFDx \uFFFDy", false},
	{"\xffA", "\xffx Apple", false},
	{"AB.", "Alpha Beta", true},
	{"ABC", "Alpha Beta", false},
	{"AB", "Alpha Beta Gamma", false},
}

func TestIsInitials(t *testing.T) {
	for _, c := range initialsCases {
		ws := strings.Fields(c.words)
		if got := isInitials(c.acr, ws); got != c.want {
			t.Errorf("isInitials(%q, %q) = %v, want %v", c.acr, ws, got, c.want)
		}
		if ref := initialsByStrings(c.acr, ws); ref != c.want {
			t.Errorf("reference(%q, %q) = %v, want %v", c.acr, ws, ref, c.want)
		}
	}
}

func FuzzIsInitials(f *testing.F) {
	for _, c := range initialsCases {
		f.Add(c.acr, c.words)
	}
	f.Fuzz(func(t *testing.T, acr, words string) {
		ws := strings.Fields(words)
		if got, want := isInitials(acr, ws), initialsByStrings(acr, ws); got != want {
			t.Fatalf("isInitials(%q, %q) = %v, the string-building reference %v", acr, ws, got, want)
		}
	})
}
