package index

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/indexfile"
	"github.com/byline-nlp/byline/internal/jsonl"
	"github.com/byline-nlp/byline/internal/text"
)

// relatedCorpus are short stories we wrote for these tests
// (testdata/related/stories.jsonl): pairs on the same topic, so each
// story's best match is known.
var relatedCorpus = func() []struct{ id, title, text string } {
	recs, err := jsonl.ReadFile[struct{ ID, Title, Text string }]("../../testdata/related/stories.jsonl", 0)
	if err != nil {
		panic(err)
	}
	out := make([]struct{ id, title, text string }, len(recs))
	for i, r := range recs {
		out[i].id, out[i].title, out[i].text = r.ID, r.Title, r.Text
	}
	return out
}()

func buildIndex(t testing.TB, cfg Config) *Index {
	t.Helper()
	ix := New(cfg)
	for _, d := range relatedCorpus {
		if err := ix.Add(d.id, text.NewTextDocument(d.title, d.text)); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Running", []string{"run"}},
		{"rates", []string{"rate"}},
		{"the", nil},
		{"The", nil},
		{"a", nil},
		{"x", nil},
		{"Zelensky's", []string{"zelenski"}},
		{"Zelensky’s", []string{"zelenski"}},
		{"state-owned", []string{"state", "own"}},
		{"U.S.", []string{"u.s."}},
		{"2024", []string{"2024"}},
		{"--", nil},
		{"COVID-19", []string{"covid", "19"}},
	} {
		if got := normalize(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzLoad: no payload may panic Load, and whatever loads must be
// usable. The input is framed with a valid header and checksum so the
// fuzzer reaches the decoder rather than stopping at the checksum.
func FuzzLoad(f *testing.F) {
	var buf bytes.Buffer
	ix := New(Config{LSAK: 2, LSAWeight: 0.7, TitleBoost: 1, EntityBoost: 1})
	ix.Add("a", text.NewTextDocument("", "interest rates rise"))
	ix.Add("b", text.NewTextDocument("", "rates fall again"))
	ix.Related("a", 1, DefaultQuery())
	ix.Save(&buf)
	f.Add(buf.Bytes()[20 : buf.Len()-4]) // the payload, without header and checksum
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, payload []byte) {
		var e indexfile.Encoder
		e.Raw(payload)
		var data bytes.Buffer
		e.WriteTo(&data, indexMagic, indexVersion)
		back, err := Load(&data)
		if err != nil {
			return
		}
		for _, id := range back.IDs() {
			back.Related(id, 2, DefaultQuery())
		}
		back.Query(text.NewTextDocument("", "rates"), 2, DefaultQuery())
	})
}

// TestLSAFoldIn checks that documents added after an LSA fit are folded
// into the fitted space, and that the model is refitted once the index
// has grown by more than a quarter.
func TestLSAFoldIn(t *testing.T) {
	ix := buildIndex(t, Config{LSAK: 4, LSAWeight: 0.5, TitleBoost: 1, EntityBoost: 1, NoNumbers: true})
	if _, err := ix.Related("rates1", 1, DefaultQuery()); err != nil {
		t.Fatal(err)
	}
	fitted := ix.model
	if fitted == nil || ix.modelN != len(relatedCorpus) {
		t.Fatalf("no model after the first query (modelN %d)", ix.modelN)
	}
	ix.Add("quake3", text.NewTextDocument("Aftershocks rattle the coast", "Aftershocks shook the coast where rescue teams searched collapsed buildings after the earthquake."))
	got, _ := ix.Related("quake3", 2, DefaultQuery())
	if ix.model != fitted {
		t.Error("one added document refitted the model")
	}
	if len(got) != 2 || !strings.HasPrefix(got[0].ID, "quake") || !strings.HasPrefix(got[1].ID, "quake") {
		t.Errorf("folded-in document: %v", got)
	}
	for i := range 4 {
		ix.Add(fmt.Sprint("extra", i), text.NewTextDocument("", fmt.Sprintf("The derby header number %d decided the match.", i)))
	}
	ix.Related("rates1", 1, DefaultQuery())
	if ix.model == fitted || ix.modelN != ix.Len() {
		t.Errorf("model not refitted after growing from %d to %d", len(relatedCorpus), ix.Len())
	}
}

// TestTokenCacheLookup checks that the token cache's table and its front
// answer every spelling with the terms normalize gives it, whether the
// answer comes from the front, the table, a case variant's entry or a
// fresh stemming, and across the table's growth and front evictions.
func TestTokenCacheLookup(t *testing.T) {
	ix := New(DefaultConfig())
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
	ix := New(DefaultConfig())
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
