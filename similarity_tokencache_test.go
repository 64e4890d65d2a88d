package byline

import (
	"fmt"
	"slices"
	"testing"
)

// TestTokenCacheLookup checks that the token cache's table and its front
// answer every spelling with the terms normalize gives it, whether the
// answer comes from the front, the table, a case variant's entry or a
// fresh stemming, and across the table's growth and front evictions.
func TestTokenCacheLookup(t *testing.T) {
	ix := NewIndex()
	c := ix.tokenCache()
	defer c.mu.Unlock()
	want := func(text string) []string { return normalize(text) }
	check := func(text string) {
		t.Helper()
		ids, hashes := c.lookup(ix, text)
		terms := want(text)
		if len(ids) != len(terms) || len(hashes) != len(terms) {
			t.Fatalf("lookup(%q): %d ids, %d hashes, want %d terms %q", text, len(ids), len(hashes), len(terms), terms)
		}
		for i, id := range ids {
			if got := ix.terms[id]; got != terms[i] {
				t.Fatalf("lookup(%q) term %d = %q, want %q", text, i, got, terms[i])
			}
			if hashes[i] != termSeed(terms[i]) {
				t.Fatalf("lookup(%q) hash %d wrong", text, i)
			}
		}
	}
	tests := []struct {
		name  string
		texts []string
	}{
		{"plain words", []string{"running", "runs", "ran", "elections"}},
		{"stop words have no terms", []string{"the", "The", "THE", "and"}},
		{"case variants share the lowercase entry", []string{"Rates", "RATES", "rates", "rAtes"}},
		{"hyphenated words give several terms", []string{"state-of-the-art", "well-known", "Well-Known"}},
		{"abbreviations", []string{"U.S.", "u.s.", "e.g."}},
		{"too long for the front", []string{"internationalization-reorganizations", "antidisestablishmentarianism"}},
		{"numbers and codes", []string{"1987", "4.5", "b52"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Repeated lookups move spellings into the front; every
			// answer must stay the same.
			for range 5 {
				for _, text := range tc.texts {
					check(text)
				}
			}
		})
	}
	// Many distinct spellings grow the table past its first size. The
	// frequent ones, used throughout the first half, must keep their
	// front slots through the second half's rare words, which under
	// plain direct mapping would evict nearly all of them.
	frequent := []string{"market", "Markets", "president", "said"}
	const rare = 3 * (1 << 14)
	for i := range rare {
		check(fmt.Sprintf("rareword%dx", i))
		if i%7 == 0 && i < rare/2 {
			for _, f := range frequent {
				check(f)
			}
		}
	}
	if 4*c.used > 3*len(c.slots) || c.used < rare {
		t.Fatalf("table holds %d spellings in %d slots, want at least %d and at most 3/4 full", c.used, len(c.slots), rare)
	}
	// Frequent spellings sharing a slot (unlikely) can hold it only one
	// at a time.
	slots := map[uint64]bool{}
	for _, f := range frequent {
		slots[(c.hash(f)>>32)&(frontSize-1)] = true
	}
	held := 0
	for _, f := range c.front {
		if f.hash != 0 && slices.Contains(frequent, string(f.key[:f.klen])) {
			held++
		}
	}
	if held != len(slots) {
		t.Errorf("front holds %d of the %d frequent spellings after many rare ones", held, len(slots))
	}
}

// TestTokenCacheFull checks that a cache whose table is full (the bound
// that keeps adversarial input from growing it without limit) still
// answers every spelling correctly, without recording it.
func TestTokenCacheFull(t *testing.T) {
	ix := NewIndex()
	c := ix.tokenCache()
	defer c.mu.Unlock()
	c.lookup(ix, "election")
	c.max = c.used
	for _, text := range []string{"Elections", "state-of-the-art", "internationalization-reorganizations", "voters", "Voters", "election"} {
		ids, hashes := c.lookup(ix, text)
		terms := normalize(text)
		if len(ids) != len(terms) || len(hashes) != len(terms) {
			t.Fatalf("lookup(%q): %d ids, want %d", text, len(ids), len(terms))
		}
		for i, id := range ids {
			if ix.terms[id] != terms[i] || hashes[i] != termSeed(terms[i]) {
				t.Errorf("lookup(%q) term %d = %q, want %q", text, i, ix.terms[id], terms[i])
			}
		}
	}
	if c.used != c.max {
		t.Errorf("full table grew to %d spellings", c.used)
	}
}
