package byline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-nlp/byline/internal/indexfile"
	"github.com/byline-nlp/byline/internal/jsonl"
)

// relatedCorpus are short stories we wrote for these tests
// (testdata/related/stories.jsonl): pairs on the same topic, so each
// story's best match is known.
var relatedCorpus = func() []struct{ id, title, text string } {
	recs, err := jsonl.ReadFile[struct{ ID, Title, Text string }]("testdata/related/stories.jsonl", 0)
	if err != nil {
		panic(err)
	}
	out := make([]struct{ id, title, text string }, len(recs))
	for i, r := range recs {
		out[i].id, out[i].title, out[i].text = r.ID, r.Title, r.Text
	}
	return out
}()

func buildIndex(t testing.TB, opts ...IndexOption) *Index {
	t.Helper()
	ix := NewIndex(opts...)
	for _, d := range relatedCorpus {
		if err := ix.Add(d.id, NewTextDocument(d.title, d.text)); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

func TestRelatedFindsTopicPartner(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []IndexOption
	}{
		{"tfidf", []IndexOption{WithLSA(0)}},
		{"default", nil},
		{"lsa", []IndexOption{WithLSA(4), WithLSAWeight(0.5)}},
		{"boosts", []IndexOption{WithLSA(0), WithTitleBoost(2), WithEntityBoost(2)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := buildIndex(t, tc.opts...)
			for i, d := range relatedCorpus {
				partner := relatedCorpus[i^1].id
				got, err := ix.Related(d.id, 3)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) == 0 || got[0].ID != partner {
					t.Errorf("Related(%s) = %v, want %s first", d.id, got, partner)
				}
				for j, m := range got {
					if m.ID == d.id {
						t.Errorf("Related(%s) returned itself", d.id)
					}
					if m.Score <= 0 || m.Score > 1+1e-6 || (j > 0 && m.Score > got[j-1].Score) {
						t.Errorf("Related(%s): bad score order %v", d.id, got)
					}
				}
			}
		})
	}
}

func TestRelatedErrorsAndEdges(t *testing.T) {
	ix := buildIndex(t)
	if _, err := ix.Related("nope", 3); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: err = %v", err)
	}
	if got, err := ix.Related("rates1", 0); err != nil || len(got) != 0 {
		t.Errorf("k=0: %v %v", got, err)
	}
	if got, _ := ix.Related("rates1", 100); len(got) >= len(relatedCorpus) {
		t.Errorf("k=100 returned %d results for %d docs", len(got), len(relatedCorpus))
	}
	if _, err := ix.Query(nil, 3); err == nil {
		t.Error("Query(nil) gave no error")
	}
	if err := ix.Add("x", nil); err == nil {
		t.Error("Add(nil) gave no error")
	}
	var empty Index // the zero value works
	if got, err := empty.Query(NewTextDocument("", "interest rates"), 3); err != nil || len(got) != 0 {
		t.Errorf("empty index: %v %v", got, err)
	}
	if err := empty.Add("a", NewTextDocument("", "interest rates rise")); err != nil || empty.Len() != 1 {
		t.Errorf("zero Index Add: %v, len %d", err, empty.Len())
	}
	// A document with no indexable words is held but relates to nothing.
	if err := ix.Add("blank", NewTextDocument("", "the of and ...")); err != nil {
		t.Fatal(err)
	}
	if got, err := ix.Related("blank", 3); err != nil || len(got) != 0 {
		t.Errorf("blank doc: %v %v", got, err)
	}
}

func TestQueryNewDocument(t *testing.T) {
	ix := buildIndex(t)
	got, err := ix.Query(NewTextDocument("Aftershocks hit the coast", "More aftershocks followed the earthquake, and rescue teams kept searching."), 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !strings.HasPrefix(got[0].ID, "quake") || !strings.HasPrefix(got[1].ID, "quake") {
		t.Errorf("Query = %v, want the quake stories", got)
	}
}

func TestRemoveAndReplace(t *testing.T) {
	ix := buildIndex(t)
	if !ix.Remove("rates2") || ix.Remove("rates2") {
		t.Fatal("Remove should succeed once")
	}
	got, _ := ix.Related("rates1", 5)
	for _, m := range got {
		if m.ID == "rates2" {
			t.Errorf("removed doc returned: %v", got)
		}
	}
	// Re-adding under an existing id replaces the document.
	ix.Add("quake2", NewTextDocument("", "Lenders raised mortgage interest rates after the central bank moved."))
	if got, _ := ix.Related("rates1", 1); len(got) != 1 || got[0].ID != "quake2" {
		t.Errorf("after replace: %v", got)
	}
	if ix.Len() != len(relatedCorpus)-1 {
		t.Errorf("Len = %d", ix.Len())
	}
}

func TestIDFKeptCurrent(t *testing.T) {
	ix := NewIndex(WithLSA(0))
	ix.Add("a", NewTextDocument("", "volcano ash cloud"))
	ix.Add("b", NewTextDocument("", "volcano ash"))
	before, _ := ix.Score("a", "b")
	// Once many documents mention ash, it says less about a shared story.
	for i := range 20 {
		ix.Add(fmt.Sprint("n", i), NewTextDocument("", fmt.Sprintf("ash tree number %d", i)))
	}
	after, _ := ix.Score("a", "b")
	if !(after < before) {
		t.Errorf("score did not follow idf: before %.3f, after %.3f", before, after)
	}
}

func TestQueryOptions(t *testing.T) {
	day := 24 * time.Hour
	base := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	dated := func(text string, at time.Time) *Document {
		d := NewTextDocument("", text)
		d.Article = &Article{Published: at}
		return d
	}
	story := "The city council approved a new budget for public transport, adding bus lanes and night trains across the northern districts."
	ix := NewIndex(WithLSA(0))
	ix.Add("q", dated(story, base))
	ix.Add("copy", dated(story+" Reporting by staff.", base))     // syndicated copy
	ix.Add("copy2", dated("Update: "+story, base.Add(time.Hour))) // another copy
	ix.Add("old", dated("The council debated bus lanes for the northern districts and public transport.", base.Add(-400*day)))
	ix.Add("fresh", dated("Night trains and new bus lanes were welcomed by riders in the northern districts.", base.Add(2*day)))
	ix.Add("undated", NewTextDocument("", "Public transport riders asked the council for more night trains."))

	ids := func(ms []Match) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.ID)
		}
		return out
	}
	all, _ := ix.Related("q", 10)
	if !slices.Contains(ids(all), "copy") || !slices.Contains(ids(all), "old") {
		t.Fatalf("plain results %v", ids(all))
	}
	for _, tc := range []struct {
		name     string
		opts     []QueryOption
		mustNot  []string
		must     []string
		firstNot string
	}{
		{"near duplicates", []QueryOption{WithoutNearDuplicates(0.5)}, []string{"copy", "copy2"}, []string{"old", "fresh", "undated"}, ""},
		{"window", []QueryOption{Within(30 * day)}, []string{"old"}, []string{"fresh", "undated", "copy"}, ""},
		{"window as of", []QueryOption{Within(30 * day), AsOf(base.Add(-400 * day))}, []string{"fresh", "copy"}, []string{"old", "undated"}, ""},
		{"decay", []QueryOption{WithRecencyDecay(day), WithoutNearDuplicates(0)}, nil, []string{"fresh", "old"}, ""},
		{"diversity", []QueryOption{WithDiversity(0.3)}, nil, nil, "copy2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ix.Related("q", 10, tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range tc.mustNot {
				if slices.Contains(ids(got), id) {
					t.Errorf("%v contains %s", ids(got), id)
				}
			}
			for _, id := range tc.must {
				if !slices.Contains(ids(got), id) {
					t.Errorf("%v lacks %s", ids(got), id)
				}
			}
			if tc.name == "decay" {
				// The 400-day-old story falls below the undated one.
				if slices.Index(ids(got), "old") < slices.Index(ids(got), "undated") {
					t.Errorf("decay did not demote the old story: %v", ids(got))
				}
			}
			if tc.name == "diversity" {
				// The two copies say the same; MMR must not rank them 1 and 2.
				if len(got) > 1 && strings.HasPrefix(got[0].ID, "copy") && strings.HasPrefix(got[1].ID, "copy") {
					t.Errorf("MMR kept both copies on top: %v", ids(got))
				}
			}
		})
	}
}

func TestScoreAndSimilarity(t *testing.T) {
	ix := buildIndex(t)
	s, err := ix.Score("rates1", "rates2")
	if err != nil || s <= 0 {
		t.Fatalf("Score = %v, %v", s, err)
	}
	got, _ := ix.Related("rates1", 1)
	if d := got[0].Score - s; d > 1e-6 || d < -1e-6 {
		t.Errorf("Score %v differs from Related's %v", s, got[0].Score)
	}
	if _, err := ix.Score("rates1", "zzz"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing id: %v", err)
	}
	a := NewTextDocument("", relatedCorpus[0].text)
	for _, tc := range []struct {
		name   string
		b      *Document
		lo, hi float64
	}{
		{"identical", NewTextDocument("", relatedCorpus[0].text), 0.999, 1},
		{"same topic", NewTextDocument("", relatedCorpus[1].text), 0.1, 0.9},
		{"unrelated", NewTextDocument("", relatedCorpus[4].text), 0, 0.05},
		{"empty", NewTextDocument("", ""), 0, 0},
		{"nil", nil, 0, 0},
	} {
		if got := Similarity(a, tc.b); got < tc.lo || got > tc.hi {
			t.Errorf("%s: Similarity = %.3f, want [%v, %v]", tc.name, got, tc.lo, tc.hi)
		}
	}
}

func TestAllPairsMatchesRelated(t *testing.T) {
	for _, tc := range []struct {
		workers int
		opts    []IndexOption
	}{{1, nil}, {3, nil}, {2, []IndexOption{WithLSA(3)}}} {
		ix := buildIndex(t, tc.opts...)
		all, err := ix.AllPairs(context.Background(), 3, tc.workers)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != len(relatedCorpus) {
			t.Fatalf("%d neighbour lists", len(all))
		}
		for i, nb := range all {
			if nb.ID != relatedCorpus[i].id {
				t.Errorf("order: %s at %d", nb.ID, i)
			}
			want, _ := ix.Related(nb.ID, 3)
			if len(nb.Related) != len(want) {
				t.Fatalf("%s: AllPairs %v, Related %v", nb.ID, nb.Related, want)
			}
			for j := range want {
				// Summation order differs between the two paths.
				if nb.Related[j].ID != want[j].ID || math.Abs(nb.Related[j].Score-want[j].Score) > 1e-5 {
					t.Errorf("%s: AllPairs %v, Related %v", nb.ID, nb.Related, want)
				}
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := buildIndex(t).AllPairs(ctx, 3, 2); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	for _, opts := range [][]IndexOption{{WithLSA(0)}, {WithLSA(3), WithLSAWeight(0.4), WithTitleBoost(2)}} {
		ix := buildIndex(t, opts...)
		ix.Remove("match2")
		ix.Related("rates1", 1) // fits LSA, so the model is saved
		var buf bytes.Buffer
		if err := ix.Save(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := Load(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(back.IDs(), ix.IDs()) {
			t.Fatalf("ids %v, want %v", back.IDs(), ix.IDs())
		}
		for _, id := range ix.IDs() {
			a, _ := ix.Related(id, 4)
			b, _ := back.Related(id, 4)
			if !slices.Equal(a, b) {
				t.Errorf("%s: before %v, after %v", id, a, b)
			}
		}
		// Loaded indexes keep growing like any other.
		if err := back.Add("new", NewTextDocument("", "The derby ended with a late header.")); err != nil {
			t.Fatal(err)
		}
		if got, _ := back.Related("new", 1); len(got) != 1 || got[0].ID != "match1" {
			t.Errorf("after load and add: %v", got)
		}
	}
}

func TestSaveFileAtomicAndCorrupt(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "related.idx")
	ix := buildIndex(t)
	if err := ix.SaveFile(path); err != nil {
		t.Fatal(err)
	}
	if err := ix.SaveFile(path); err != nil { // overwriting works too
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	back, err := LoadFile(path)
	if err != nil || back.Len() != ix.Len() {
		t.Fatalf("LoadFile: %v", err)
	}
	data, _ := os.ReadFile(path)
	flipped := slices.Clone(data)
	flipped[len(flipped)/2] ^= 1
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"truncated", data[:len(data)/2], indexfile.ErrTruncated},
		{"last byte missing", data[:len(data)-1], indexfile.ErrTruncated},
		{"corrupted", flipped, indexfile.ErrChecksum},
		{"not an index", []byte("hello world, this is text"), indexfile.ErrNotIndex},
	} {
		p := filepath.Join(dir, tc.name)
		os.WriteFile(p, tc.data, 0o644)
		_, err := LoadFile(p)
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), "byline: load index") {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := LoadFile(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if err := ix.SaveFile(filepath.Join(dir, "no", "such", "dir", "x")); err == nil {
		t.Error("SaveFile into a missing directory succeeded")
	}
}

// TestConcurrentAddRelated runs writers and readers together; run it with
// -race. Readers must always see a consistent index.
func TestConcurrentAddRelated(t *testing.T) {
	ix := NewIndex(WithLSA(2))
	for _, d := range relatedCorpus[:2] {
		ix.Add(d.id, NewTextDocument(d.title, d.text))
	}
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				d := relatedCorpus[i%len(relatedCorpus)]
				id := fmt.Sprintf("w%d-%d", w, i)
				if err := ix.Add(id, NewTextDocument(d.title, d.text)); err != nil {
					t.Error(err)
				}
				if i%5 == 0 {
					ix.Remove(id)
				}
			}
		}()
	}
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 40 {
				got, err := ix.Related("rates1", 3)
				if err != nil {
					t.Error(err)
					return
				}
				for _, m := range got {
					if m.ID == "rates1" {
						t.Error("self returned")
					}
				}
				ix.Query(NewTextDocument("", "earthquake rescue"), 2)
				var buf bytes.Buffer
				ix.Save(&buf)
			}
		}()
	}
	wg.Wait()
	if want := 2 + 2*(40-8); ix.Len() != want {
		t.Errorf("Len = %d, want %d", ix.Len(), want)
	}
}
