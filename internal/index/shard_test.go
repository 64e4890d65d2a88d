package index

import (
	"bytes"
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"testing"

	"github.com/byline-nlp/byline/internal/text"
)

// shardedCorpus is relatedCorpus plus near-copies, so that scores tie.
func shardedCorpus() (ids []string, terms []Terms) {
	cfg := DefaultConfig()
	for _, d := range relatedCorpus {
		for _, suffix := range []string{"", "-copy"} {
			ids = append(ids, d.id+suffix)
			terms = append(terms, Extract(text.NewTextDocument(d.title, d.text), cfg))
		}
	}
	return ids, terms
}

func shardOf(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

// buildShards splits the corpus over n indexes that count each other's
// documents, as the cluster's shards do.
func buildShards(t *testing.T, cfg Config, n int, ids []string, terms []Terms) []*Index {
	t.Helper()
	shards := make([]*Index, n)
	for s := range shards {
		shards[s] = New(cfg)
	}
	for i, id := range ids {
		for s, sh := range shards {
			var err error
			if shardOf(id, n) == s {
				err = sh.AddTerms(id, terms[i], int64(i))
			} else {
				err = sh.CountTerms(terms[i].Terms)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	return shards
}

// mergeHits is the cluster's merge: best score first, ties by stream order.
func mergeHits(k int, lists ...[]Hit) []Hit {
	var all []Hit
	for _, l := range lists {
		all = append(all, l...)
	}
	slices.SortFunc(all, func(a, b Hit) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return cmp.Compare(a.Order, b.Order)
	})
	return all[:min(k, len(all))]
}

// TestShardsMatchOneIndex checks the property the cluster relies on:
// documents spread over shards that count each other's document
// frequencies give, merged, exactly the results and scores of one index
// holding them all, for TF-IDF and for a shared LSA model.
func TestShardsMatchOneIndex(t *testing.T) {
	ids, terms := shardedCorpus()
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"tfidf", Config{TitleBoost: 1, EntityBoost: 1, NoNumbers: true}},
		{"lsa", Config{LSAK: 4, LSAWeight: 0.7, TitleBoost: 1, EntityBoost: 1, NoNumbers: true, SharedModel: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			one := buildShards(t, tc.cfg, 1, ids, terms)[0]
			shards := buildShards(t, tc.cfg, 3, ids, terms)
			if tc.cfg.LSAK > 0 {
				m, err := one.FitModel()
				if err != nil {
					t.Fatal(err)
				}
				// The model travels through its file format, as through the object store.
				var buf bytes.Buffer
				if err := m.Save(&buf); err != nil {
					t.Fatal(err)
				}
				back, err := LoadModel(&buf)
				if err != nil {
					t.Fatal(err)
				}
				one.SetModel(back)
				for _, sh := range shards {
					sh.SetModel(back)
				}
			}
			for _, id := range ids {
				owner := shards[shardOf(id, 3)]
				v, ok := owner.DocVector(id)
				if !ok {
					t.Fatalf("%s not on its shard", id)
				}
				want, err := one.SearchVector(v, id, 5, DefaultQuery())
				if err != nil {
					t.Fatal(err)
				}
				var lists [][]Hit
				for _, sh := range shards {
					hs, err := sh.SearchVector(v, id, 5, DefaultQuery())
					if err != nil {
						t.Fatal(err)
					}
					lists = append(lists, hs)
				}
				if got := mergeHits(5, lists...); !slices.Equal(got, want) {
					t.Fatalf("%s: sharded %v\nwant %v", id, got, want)
				}
				for _, h := range want {
					s, err := shards[shardOf(h.ID, 3)].ScoreVector(v, h.ID)
					if err != nil || s != h.Score {
						t.Fatalf("ScoreVector(%s, %s) = %v, %v; want %v", id, h.ID, s, err, h.Score)
					}
				}
			}
		})
	}
}

// TestShardSaveLoad checks that a shard's snapshot keeps the document
// frequencies it counted for the others, its stream orders and its
// shared model.
func TestShardSaveLoad(t *testing.T) {
	ids, terms := shardedCorpus()
	cfg := Config{LSAK: 4, LSAWeight: 0.7, TitleBoost: 1, EntityBoost: 1, NoNumbers: true, SharedModel: true}
	shards := buildShards(t, cfg, 2, ids, terms)
	m, err := buildShards(t, cfg, 1, ids, terms)[0].FitModel()
	if err != nil {
		t.Fatal(err)
	}
	sh := shards[0]
	sh.SetModel(m)
	var buf bytes.Buffer
	if err := sh.Save(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back.Others() != sh.Others() || back.Len() != sh.Len() {
		t.Fatalf("loaded %d held + %d others, want %d + %d", back.Len(), back.Others(), sh.Len(), sh.Others())
	}
	for _, id := range sh.IDs() {
		v, _ := sh.DocVector(id)
		want, _ := sh.SearchVector(v, id, 4, DefaultQuery())
		got, err := back.SearchVector(v, id, 4, DefaultQuery())
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("%s after load: %v, %v; want %v", id, got, err, want)
		}
	}
}

// TestAddTermsRejectsMalformed checks the validation of terms that come
// over the network.
func TestAddTermsRejectsMalformed(t *testing.T) {
	ix := New(DefaultConfig())
	for i, bad := range []Terms{
		{Terms: []string{"b", "a"}, Counts: []float32{1, 1}},
		{Terms: []string{"a", "a"}, Counts: []float32{1, 1}},
		{Terms: []string{"a"}, Counts: []float32{}},
		{Terms: []string{"a"}, Counts: []float32{0}},
		{Terms: []string{""}, Counts: []float32{1}},
		{Terms: []string{"a"}, Counts: []float32{1}, Sketch: []uint64{2, 1}},
	} {
		if err := ix.AddTerms(fmt.Sprint(i), bad, 0); err == nil {
			t.Errorf("case %d: malformed terms accepted", i)
		}
	}
	if err := ix.CountTerms([]string{"b", "a"}); err == nil {
		t.Error("unsorted terms counted")
	}
	if ix.Len() != 0 || ix.Others() != 0 {
		t.Errorf("index changed: %d held, %d others", ix.Len(), ix.Others())
	}
}
