// Package index is the machinery of byline's related-posts Index: terms
// from a Document's tokens, TF-IDF vectors in an inverted index searched
// exactly for the top k, LSA fitted or supplied, and the statistics a
// sharded index needs to share its document frequencies and model.
package index

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/byline-nlp/byline/internal/lsa"
	"github.com/byline-nlp/byline/internal/minhash"
	"github.com/byline-nlp/byline/internal/sparse"
	"github.com/byline-nlp/byline/internal/text"
)

// ErrNotFound is returned by Related and Score for an id the index does
// not hold.
var ErrNotFound = errors.New("byline: id not in index")

// A Match is one related document and its similarity to the query, a
// cosine in [0, 1] (a blend of TF-IDF and LSA cosines when LSA is on).
type Match struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

// Neighbors are the related documents of one indexed document, as
// AllPairs returns them.
type Neighbors struct {
	ID      string  `json:"id"`
	Related []Match `json:"related"`
}

// Config is an Index's configuration, which byline's options set. Every
// shard of a distributed index, and every worker extracting terms for
// one, must use the same Config.
type Config struct {
	LSAK        int     // LSA dimensions; 0 disables LSA
	LSAWeight   float64 // share of the LSA cosine in the blended score
	TitleBoost  float64 // a title token counts as this many body tokens
	EntityBoost float64 // a capitalized mid-sentence word counts as this many
	NoNumbers   bool    // drop number tokens
	// SharedModel means the LSA model is supplied by SetModel, fitted once
	// for every shard, and never fitted by this index.
	SharedModel bool
}

// The defaults were chosen on the dev data with examples/evaluate's
// related task (SemEval-2022 pairs, Reuters ModApte train labels): LSA
// with 64 dimensions blended 0.7 LSA / 0.3 TF-IDF, numbers dropped.
// Fewer dimensions helped Reuters' topic labels (k=30 MAP 0.657 on the
// first 1,500 queries, 50: 0.652, 70: 0.644, 100: 0.637) but hurt
// SemEval's story similarity (Pearson 0.783 at 30, 0.812 at 50, 0.821 at
// 70 and 100); title and entity boosts of 2 lowered Reuters MAP (by 0.004
// and 0.019) and are off.
const (
	defaultLSAK        = 64
	defaultLSAWeight   = 0.7
	defaultTitleBoost  = 1
	defaultEntityBoost = 1
	defaultNumbers     = false
)

// DefaultConfig is the configuration that scored best on the dev data.
func DefaultConfig() Config {
	return Config{
		LSAK:        defaultLSAK,
		LSAWeight:   defaultLSAWeight,
		TitleBoost:  defaultTitleBoost,
		EntityBoost: defaultEntityBoost,
		NoNumbers:   !defaultNumbers,
	}
}

// An Index finds related documents: TF-IDF vectors (lowercased tokens,
// stop words dropped, Snowball English stems, sublinear tf, smoothed
// idf, L2 norm) in an inverted index searched exactly for the top k, with
// optional LSA. Documents can be added and removed at any time; idf is
// kept current (the vectors are recomputed on the first query after a
// change, in time linear in the index size).
//
// An Index is safe for concurrent use: many goroutines may query while
// others add or remove. The zero value is an empty index with the
// default configuration.
type Index struct {
	mu     sync.RWMutex // guards everything below but the vocabulary
	cfg    Config
	cfgSet bool
	df     []int32 // per term id; may lag the vocabulary by terms still being added

	// The vocabulary is append-only, so term ids never change, and has its
	// own lock so that concurrent Adds can stem and look up terms before
	// taking mu. Lock order: a token cache, then mu, then vmu.
	vmu   sync.RWMutex
	vocab map[string]uint32
	terms []string

	cachesOnce sync.Once
	caches     []*tokenCache
	nextCache  atomic.Uint32

	docs   []docEntry
	byID   map[string]int32
	live   int
	dirty  bool
	comp   *compiled
	model  *lsa.Model
	modelN int // live documents when model was fitted

	// A shard of a distributed index also counts the documents other
	// shards hold, so its idf is the whole collection's (CountTerms).
	others int     // documents held elsewhere, counted in N
	ext    []int32 // per term id, their document frequencies
}

// docEntry is one added document's raw statistics, from which its vector
// is recomputed whenever idf changes.
type docEntry struct {
	id        string
	terms     []uint32  // sorted term ids
	tf        []float32 // sublinear, boosted term frequencies
	published int64     // Unix seconds, or NoDate
	sketch    []uint64  // MinHash sketch of its stem shingles
	order     int64     // position in a shared stream (AddTerms), which breaks ties across shards
	removed   bool
}

// NoDate marks a document without a publication date, and a query
// without a reference time.
const NoDate = math.MinInt64

// compiled is the searchable form of the index at one version: TF-IDF
// rows, their inverted index, and LSA vectors. It is immutable.
type compiled struct {
	n        int // live documents, the N of idf
	idf      []float32
	slots    []int32 // row → docs slot
	rowOf    []int32 // docs slot → row, or -1
	m        *sparse.Matrix
	lsaK     int
	lsaVecs  []float32 // rows×lsaK, unit length (zero for empty rows)
	searcher sync.Pool // *scratch
}

// scratch is per-goroutine search state.
type scratch struct {
	s      *sparse.Searcher
	scores []float32
	hits   []sparse.Hit
	top    sparse.TopK
}

// New returns an empty index with configuration cfg.
func New(cfg Config) *Index {
	return &Index{cfg: cfg, cfgSet: true}
}

// conf returns the configuration; the zero Index uses the defaults.
func (ix *Index) conf() Config {
	if !ix.cfgSet {
		return DefaultConfig()
	}
	return ix.cfg
}

// Len reports the number of documents held.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Has reports whether id is held.
func (ix *Index) Has(id string) bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	_, ok := ix.byID[id]
	return ok
}

// IDs returns the ids held, in the order they were added.
func (ix *Index) IDs() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]string, 0, ix.live)
	for i := range ix.docs {
		if !ix.docs[i].removed {
			out = append(out, ix.docs[i].id)
		}
	}
	return out
}

// --- adding and removing ---

// Add indexes doc under id, replacing any document already held under
// that id. Its terms come from doc.TitleTokens and doc.Tokens.
//
// Normalizing and stemming run before the index is locked, against one of
// a few token caches, so Adds from several goroutines proceed in
// parallel; only recording the document takes the write lock.
func (ix *Index) Add(id string, doc *text.Document) error {
	if doc == nil {
		return fmt.Errorf("byline: index add %q: nil document", id)
	}
	ix.mu.RLock()
	cfg := ix.conf()
	ix.mu.RUnlock()

	tc := ix.tokenCache()
	tc.touched, tc.seq = tc.touched[:0], tc.seq[:0]
	eachToken(doc, cfg, func(text string, w float32) {
		ids, hashes := tc.lookup(ix, text)
		for j, t := range ids {
			if int(t) >= len(tc.counts) {
				tc.counts = append(tc.counts, make([]float32, int(t)+1-len(tc.counts)+1024)...)
			}
			if tc.counts[t] == 0 {
				tc.touched = append(tc.touched, t)
			}
			tc.counts[t] += w
			tc.seq = append(tc.seq, hashes[j])
		}
	})
	slices.Sort(tc.touched)
	e := docEntry{id: id, published: published(doc), sketch: minhash.SketchHashes(tc.seq),
		terms: slices.Clone(tc.touched), tf: make([]float32, len(tc.touched))}
	for i, t := range tc.touched {
		e.tf[i] = sublinear(tc.counts[t])
		tc.counts[t] = 0
	}
	tc.mu.Unlock()

	ix.record(e)
	return nil
}

// record adds e, replacing any document held under its id.
func (ix *Index) record(e docEntry) {
	id := e.id
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.initLocked()
	if slot, ok := ix.byID[id]; ok {
		ix.removeLocked(slot)
	}
	if n := len(e.terms); n > 0 && int(e.terms[n-1]) >= len(ix.df) {
		ix.df = append(ix.df, make([]int32, int(e.terms[n-1])+1-len(ix.df))...)
	}
	for _, t := range e.terms {
		ix.df[t]++
	}
	ix.byID[id] = int32(len(ix.docs))
	ix.docs = append(ix.docs, e)
	ix.live++
	ix.changedLocked()
}

// A tokenCache maps token spellings to term ids, so each spelling is
// normalized and stemmed once (stemming is the costly part of indexing),
// and holds one Add's scratch space. An Index keeps one per CPU; an Add
// uses one at a time, locked.
//
// The map is an open-addressing table of its own rather than a Go map:
// every token costs one hash (maphash, the runtime's AES hash) and, almost
// always, one probe. A slot holds a short spelling and its term inline,
// so a probe that finds it reads one slot and nothing else; a Go map, or
// slots pointing at entries that point at their keys, cost three
// dependent cache misses per lookup, and on 20 Newsgroups the table
// answers 800,000 lookups an index build. In front of the table sits a
// smaller direct-mapped copy of the most frequent spellings that stays
// in a core's L2 cache.
func (ix *Index) termIDs(terms []string) []uint32 {
	if len(terms) == 0 {
		return nil
	}
	ids := make([]uint32, len(terms))
	ix.vmu.Lock()
	defer ix.vmu.Unlock()
	if ix.vocab == nil {
		ix.vocab = make(map[string]uint32)
	}
	for i, t := range terms {
		id, ok := ix.vocab[t]
		if !ok {
			id = uint32(len(ix.terms))
			ix.vocab[t] = id
			ix.terms = append(ix.terms, t)
		}
		ids[i] = id
	}
	return ids
}

func (ix *Index) initLocked() {
	if !ix.cfgSet {
		ix.cfg, ix.cfgSet = DefaultConfig(), true
	}
	if ix.byID == nil {
		ix.byID = make(map[string]int32)
	}
}

func (ix *Index) changedLocked() {
	ix.dirty = true
}

// Remove drops the document held under id and reports whether there was one.
func (ix *Index) Remove(id string) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slot, ok := ix.byID[id]
	if !ok {
		return false
	}
	ix.removeLocked(slot)
	ix.changedLocked()
	// Compact once tombstones outnumber live documents, so slots stay dense.
	if removed := len(ix.docs) - ix.live; removed > 64 && removed > ix.live {
		kept := ix.docs[:0]
		for _, d := range ix.docs {
			if !d.removed {
				ix.byID[d.id] = int32(len(kept))
				kept = append(kept, d)
			}
		}
		clear(ix.docs[len(kept):])
		ix.docs = kept
	}
	return true
}

func (ix *Index) removeLocked(slot int32) {
	d := &ix.docs[slot]
	for _, t := range d.terms {
		ix.df[t]--
	}
	delete(ix.byID, d.id)
	*d = docEntry{id: d.id, removed: true}
	ix.live--
}
