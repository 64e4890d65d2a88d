package text

import (
	"strings"
	"testing"
)

func TestLookupLower(t *testing.T) {
	m := map[string]int{"von": 1, "der": 2, "i̇stanbul": 3, "straße": 4, "kl": 5, strings.Repeat("a", 40): 6,
		strings.Repeat("b", 32): 7, strings.Repeat("c", 33): 8, "": 9}
	for _, w := range []string{"von", "Von", "VON", "vOn", "der", "DER", "Dex", "", "İstanbul", "STRASSE", "Straße",
		"\u212Al", "KL", strings.Repeat("A", 40), strings.Repeat("A", 32),
		// the stack buffer's edge: 32 bytes are lowered in it, 33 are not
		strings.Repeat("B", 32), strings.Repeat("B", 31), strings.Repeat("C", 33), strings.Repeat("C", 32),
		"über", "Über", "@[`{", "\x00", "\xff"} {
		if got, want := LookupLower(m, w), m[strings.ToLower(w)]; got != want {
			t.Errorf("LookupLower(%q) = %d, want %d", w, got, want)
		}
	}
}

func TestLookupLowerAllocs(t *testing.T) {
	m := map[string]bool{"von": true}
	if n := testing.AllocsPerRun(100, func() { LookupLower(m, "Von") }); n != 0 {
		t.Errorf("LookupLower allocates %v times", n)
	}
}

// FuzzLookupLower checks LookupLower against strings.ToLower on any
// word, the word's own lower case being in the map and a neighbour not.
func FuzzLookupLower(f *testing.F) {
	for _, w := range []string{"Von", "", "İstanbul", "\u212A", strings.Repeat("Q", 32), strings.Repeat("Q", 33), "\xffA", "Ǆ"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		low := strings.ToLower(w)
		m := map[string]int{low: 1, low + "x": 2, strings.ToUpper(w): 3}
		if got, want := LookupLower(m, w), m[low]; got != want {
			t.Errorf("LookupLower(%q) = %d, want %d", w, got, want)
		}
	})
}
