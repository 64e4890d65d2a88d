package text

import (
	"strings"
	"testing"
)

func TestLookupLower(t *testing.T) {
	m := map[string]int{"von": 1, "der": 2, "i̇stanbul": 3, "straße": 4, "kl": 5, strings.Repeat("a", 40): 6}
	for _, w := range []string{"von", "Von", "VON", "vOn", "der", "DER", "Dex", "", "İstanbul", "STRASSE", "Straße",
		"\u212Al", "KL", strings.Repeat("A", 40), strings.Repeat("A", 32), "über", "Über"} {
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
