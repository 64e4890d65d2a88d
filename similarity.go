package byline

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/lsa"
	"github.com/byline-nlp/byline/internal/minhash"
	"github.com/byline-nlp/byline/internal/sparse"
	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/kljensen/snowball/english"
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

// An IndexOption configures an Index.
type IndexOption func(*indexConfig)

// indexConfig holds what NewIndex's options set.
type indexConfig struct {
	lsaK        int     // LSA dimensions; 0 disables LSA
	lsaWeight   float64 // share of the LSA cosine in the blended score
	titleBoost  float64 // a title token counts as this many body tokens
	entityBoost float64 // a capitalized mid-sentence word counts as this many
	noNumbers   bool    // drop number tokens
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

func defaultConfig() indexConfig {
	return indexConfig{
		lsaK:        defaultLSAK,
		lsaWeight:   defaultLSAWeight,
		titleBoost:  defaultTitleBoost,
		entityBoost: defaultEntityBoost,
		noNumbers:   !defaultNumbers,
	}
}

// WithLSA turns on latent semantic analysis with k dimensions (k ≤ 0
// turns it off): a truncated SVD of the TF-IDF matrix, refitted when the
// index has grown or shrunk by a quarter since the last fit, with
// documents added in between folded in. Scores blend the TF-IDF and LSA
// cosines (see WithLSAWeight). LSA finds related documents that share
// topics rather than words, at the cost of a dense k-vector per document
// and a scan of all of them per query.
func WithLSA(k int) IndexOption {
	return func(c *indexConfig) { c.lsaK = max(k, 0) }
}

// WithLSAWeight sets the share w in [0, 1] of the LSA cosine in the score
// (the rest is the TF-IDF cosine) when LSA is on; 1 ranks by LSA alone.
func WithLSAWeight(w float64) IndexOption {
	return func(c *indexConfig) { c.lsaWeight = min(max(w, 0), 1) }
}

// WithTitleBoost makes every title token count as b body tokens (b ≥ 1;
// 1 treats the title as body text). Headlines name the story.
func WithTitleBoost(b float64) IndexOption {
	return func(c *indexConfig) { c.titleBoost = max(b, 1) }
}

// WithEntityBoost makes every capitalized word that does not start a
// sentence, a cheap stand-in for a named entity, count as b tokens
// (b ≥ 1). Stories about the same people and places share those names.
func WithEntityBoost(b float64) IndexOption {
	return func(c *indexConfig) { c.entityBoost = max(b, 1) }
}

// WithNumbers sets whether number tokens ("1987", "4.5") are terms. Dates
// and figures tie stories together less often than they add noise.
func WithNumbers(keep bool) IndexOption {
	return func(c *indexConfig) { c.noNumbers = !keep }
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
	cfg    indexConfig
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
}

// docEntry is one added document's raw statistics, from which its vector
// is recomputed whenever idf changes.
type docEntry struct {
	id        string
	terms     []uint32  // sorted term ids
	tf        []float32 // sublinear, boosted term frequencies
	published int64     // Unix seconds, or noDate
	sketch    []uint64  // MinHash sketch of its stem shingles
	removed   bool
}

// noDate marks a document without a publication date.
const noDate = math.MinInt64

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

// NewIndex returns an empty index. Without options it uses the
// configuration that scored best on the dev data.
func NewIndex(opts ...IndexOption) *Index {
	ix := &Index{cfg: defaultConfig(), cfgSet: true}
	for _, o := range opts {
		o(&ix.cfg)
	}
	return ix
}

// conf returns the configuration; the zero Index uses the defaults.
func (ix *Index) conf() indexConfig {
	if !ix.cfgSet {
		return defaultConfig()
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

// --- turning documents into terms ---

// normalize returns the index terms of one token text: lowercased,
// possessive dropped, split at hyphens, stop words and one-character
// words dropped, the rest Snowball-stemmed. Dotted abbreviations ("U.S.")
// are kept whole, since without their dots many become stop words.
// Stemming is the costly part of indexing, so each Index caches this per
// token spelling (Index.tokenTerms).
func normalize(tok string) []string {
	var out []string
	w := strings.ToLower(strings.TrimLeft(tok, "#@"))
	w = strings.ReplaceAll(w, "’", "'")
	w = strings.TrimSuffix(w, "'s")
	w = strings.Trim(w, "'")
	if strings.Contains(w, ".") && isAbbrev(w) {
		if utf8.RuneCountInString(strings.ReplaceAll(w, ".", "")) >= 2 {
			out = append(out, w)
		}
	} else {
		for part := range strings.SplitSeq(w, "-") {
			if t := stemWord(part); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// isAbbrev reports whether w looks like "u.s." or "e.g.": letters and dots.
func isAbbrev(w string) bool {
	for _, r := range w {
		if r != '.' && !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// stemWord stems one lowercased word, or returns "" for a stop word or a
// word with fewer than two letters or digits.
func stemWord(w string) string {
	w = strings.Trim(w, "'.")
	if utf8.RuneCountInString(w) < 2 || stopwords.Is(w) {
		return ""
	}
	letters, digits := false, false
	for _, r := range w {
		letters = letters || unicode.IsLetter(r)
		digits = digits || unicode.IsDigit(r)
	}
	switch {
	case !letters && !digits:
		return ""
	case digits || len(w) > 40:
		return w // codes, figures and junk have no English suffixes to strip
	}
	s := english.Stem(w, true)
	if s == "" {
		return w
	}
	return s
}

// termCounts are a document's normalized terms with their boosted counts,
// sorted by term.
type termCounts struct {
	terms  []string
	counts []float32
	hashes []uint64 // hashes of the kept terms in text order, for the near-duplicate sketch
}

// eachToken calls emit for every token of the document that can carry a
// term (words, numbers unless configured out, hashtags), title first,
// with the weight its boosts give it. Terms come from the tokens, never
// from re-tokenizing the text.
func eachToken(doc *Document, cfg indexConfig, emit func(text string, w float32)) {
	if doc == nil {
		return
	}
	keep := func(tok Token) bool {
		switch tok.Kind {
		case Word, Hashtag:
			return true
		case Number:
			return !cfg.noNumbers
		}
		return false
	}
	for _, tok := range doc.TitleTokens {
		if keep(tok) {
			emit(tok.Text, float32(cfg.titleBoost))
		}
	}
	if cfg.entityBoost <= 1 {
		for _, tok := range doc.Tokens {
			if keep(tok) {
				emit(tok.Text, 1)
			}
		}
		return
	}
	// A capitalized word that does not open a sentence is most likely a
	// name; headline-style ALL CAPS text is not evidence of one.
	s := 0
	for i, tok := range doc.Tokens {
		if !keep(tok) {
			continue
		}
		for s < len(doc.Sentences) && doc.Sentences[s].First < i {
			s++
		}
		opens := i == 0 || (s < len(doc.Sentences) && doc.Sentences[s].First == i)
		w := float32(1)
		if tok.Kind == Word && !opens && capitalizedName(tok.Text) {
			w = float32(cfg.entityBoost)
		}
		emit(tok.Text, w)
	}
}

// extract collects a document's terms by string, for documents that are
// not being added (queries, Similarity).
func extract(doc *Document, cfg indexConfig) termCounts {
	counts := map[string]float32{}
	var tc termCounts
	eachToken(doc, cfg, func(text string, w float32) {
		for _, t := range normalize(text) {
			counts[t] += w
			tc.hashes = append(tc.hashes, termSeed(t))
		}
	})
	tc.terms = slices.Sorted(maps.Keys(counts))
	tc.counts = make([]float32, len(tc.terms))
	for i, t := range tc.terms {
		tc.counts[i] = counts[t]
	}
	return tc
}

// capitalizedName reports whether a word starts with an upper-case letter
// and is not written entirely in capitals.
func capitalizedName(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, r := range w {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// sublinear is the tf transform: 1 + ln(tf).
func sublinear(c float32) float32 { return 1 + float32(math.Log(float64(c))) }

// published returns the document's publication time in Unix seconds, or noDate.
func published(doc *Document) int64 {
	if doc != nil && doc.Article != nil && !doc.Article.Published.IsZero() {
		return doc.Article.Published.Unix()
	}
	return noDate
}

// --- adding and removing ---

// Add indexes doc under id, replacing any document already held under
// that id. Its terms come from doc.TitleTokens and doc.Tokens.
//
// Normalizing and stemming run before the index is locked, against one of
// a few token caches, so Adds from several goroutines proceed in
// parallel; only recording the document takes the write lock.
func (ix *Index) Add(id string, doc *Document) error {
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
	return nil
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
type tokenCache struct {
	mu      sync.Mutex
	seed    maphash.Seed
	slots   []tokenSlot  // len a power of two; hash 0 marks an empty slot
	used    int          // slots in use
	spilled []tokenEntry // the spellings too long, or with too many terms, for a slot
	max     int          // spellings the table may hold
	counts  []float32    // per-term counts, zero between Adds
	touched []uint32
	seq     []uint64
	scratch tokenEntry // lookup's answer when the table is full
	front   [frontSize]tokenSlot
}

// frontSize is the number of slots of a tokenCache's front (a power of
// two): 8,192 slots of 48 bytes fit a core's L2 cache, and the 8,192 most
// frequent spellings are most of any English text's tokens.
const frontSize = 1 << 13

// A tokenSlot holds a spelling with at most one term, key and term
// inline, so a hit reads one slot and nothing else; a longer spelling, or
// one with several terms (a hyphenated word), is spilled to an entry.
//
// In the front, a slot goes to the more frequent of the spellings hashing
// to it: cnt counts the occupant's uses, and a spelling missing the front
// takes the slot only once the table has answered for it more often (its
// table slot's cnt). Rare words therefore never evict frequent ones.
type tokenSlot struct {
	hash  uint64 // 0: empty
	thash [1]uint64
	id    [1]uint32 // the term; for a spilled spelling, its index in spilled
	cnt   uint32
	klen  uint8 // key length, or spilledKey
	n     uint8 // terms: 0 (a stop word) or 1
	key   [slotKey]byte
}

// slotKey is the longest spelling a slot holds: 22 bytes make a 48-byte
// slot, and hold nearly every English word.
const slotKey = 22

// spilledKey marks a slot whose spelling is in tokenCache.spilled.
const spilledKey = 0xff

// tokenCacheMax bounds an index's token caches on adversarial input.
const tokenCacheMax = 1 << 21

// A tokenEntry is a spilled token spelling's terms: their ids and hashes.
type tokenEntry struct {
	key    string
	ids    []uint32
	hashes []uint64 // termSeed of each term, for near-duplicate sketches
}

// tokenCache locks and returns a free token cache, or waits for one.
func (ix *Index) tokenCache() *tokenCache {
	ix.cachesOnce.Do(func() {
		n := min(max(runtime.GOMAXPROCS(0), 1), 8)
		for range n {
			ix.caches = append(ix.caches, &tokenCache{seed: maphash.MakeSeed(), slots: make([]tokenSlot, 1<<12), max: tokenCacheMax / n})
		}
	})
	for _, c := range ix.caches {
		if c.mu.TryLock() {
			return c
		}
	}
	c := ix.caches[int(ix.nextCache.Add(1))%len(ix.caches)]
	c.mu.Lock()
	return c
}

// holds reports whether the used slot s holds text.
func (c *tokenCache) holds(s *tokenSlot, text string) bool {
	if s.klen == spilledKey {
		return c.spilled[s.id[0]].key == text
	}
	return int(s.klen) == len(text) && string(s.key[:s.klen]) == text
}

// find returns the table slot holding text, whose hash is h, and true, or
// the empty slot where it would go and false.
func (c *tokenCache) find(text string, h uint64) (int, bool) {
	mask := len(c.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := &c.slots[i]
		if s.hash == 0 {
			return i, false
		}
		if s.hash == h && c.holds(s, text) {
			return i, true
		}
	}
}

// terms returns the term ids and hashes of the used slot s.
func (c *tokenCache) terms(s *tokenSlot) ([]uint32, []uint64) {
	if s.klen == spilledKey {
		e := &c.spilled[s.id[0]]
		return e.ids, e.hashes
	}
	return s.id[:s.n], s.thash[:s.n]
}

// hash is text's table hash, never 0.
func (c *tokenCache) hash(text string) uint64 { return maphash.String(c.seed, text) | 1 }

// insert puts s in the empty slot i found by find, growing the table to
// keep it at most three quarters full, and returns s's slot.
func (c *tokenCache) insert(s tokenSlot, i int) *tokenSlot {
	c.slots[i] = s
	if c.used++; 4*c.used <= 3*len(c.slots) {
		return &c.slots[i]
	}
	old := c.slots
	c.slots = make([]tokenSlot, 2*len(old))
	mask := len(c.slots) - 1
	var at *tokenSlot
	for k := range old {
		o := &old[k]
		if o.hash == 0 {
			continue
		}
		j := int(o.hash) & mask
		for c.slots[j].hash != 0 {
			j = (j + 1) & mask
		}
		c.slots[j] = *o
		if k == i {
			at = &c.slots[j]
		}
	}
	return at
}

// lookup returns the term ids and term hashes of a token spelling,
// creating terms the index has not seen. The caller holds c.mu; the
// slices are valid until the next lookup.
func (c *tokenCache) lookup(ix *Index, text string) ([]uint32, []uint64) {
	h := c.hash(text)
	f := &c.front[(h>>32)&(frontSize-1)]
	if f.hash == h && int(f.klen) == len(text) && string(f.key[:f.klen]) == text {
		f.cnt++
		return f.id[:f.n], f.thash[:f.n]
	}
	i, ok := c.find(text, h)
	var s *tokenSlot
	if ok {
		s = &c.slots[i]
	} else if s = c.add(ix, text, h, i); s == nil {
		return c.scratch.ids, c.scratch.hashes
	}
	if s.klen != spilledKey {
		if s.cnt++; s.cnt > f.cnt {
			*f = *s
		}
	}
	return c.terms(s)
}

// add stems a spelling the table lacks, whose hash is h and whose empty
// slot is i, and records it. It returns its slot, or nil when the table
// is full, leaving the terms in c.scratch.
func (c *tokenCache) add(ix *Index, text string, h uint64, i int) *tokenSlot {
	// Case variants ("Rates", "RATES") share the lowercase spelling's
	// terms, so each word is stemmed once per cache.
	var ids []uint32
	var hashes []uint64
	lower := strings.ToLower(text)
	stemmed := false
	if lower != text {
		if j, ok := c.find(lower, c.hash(lower)); ok {
			ids, hashes = c.terms(&c.slots[j])
			stemmed = true
		}
	}
	if !stemmed {
		terms := normalize(lower)
		ids, hashes = ix.termIDs(terms), make([]uint64, len(terms))
		for k, t := range terms {
			hashes[k] = termSeed(t)
		}
	}
	if c.used >= c.max {
		// Cloned: the terms may be a slot's, which the next insert moves.
		c.scratch = tokenEntry{ids: slices.Clone(ids), hashes: slices.Clone(hashes)}
		return nil
	}
	s := tokenSlot{hash: h, n: uint8(min(len(ids), 1))}
	if len(text) <= slotKey && len(ids) <= 1 {
		s.klen = uint8(len(text))
		copy(s.key[:], text)
		if len(ids) == 1 {
			s.id[0], s.thash[0] = ids[0], hashes[0]
		}
	} else {
		// Clone: the token is a substring of the document's Body, which
		// the index must not keep alive.
		s.klen, s.id[0] = spilledKey, uint32(len(c.spilled))
		c.spilled = append(c.spilled, tokenEntry{key: strings.Clone(text), ids: slices.Clone(ids), hashes: slices.Clone(hashes)})
	}
	return c.insert(s, i)
}

// termIDs returns the ids of terms, adding those the vocabulary lacks.
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
		ix.cfg, ix.cfgSet = defaultConfig(), true
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

// --- compiling the searchable form ---

// current returns the compiled index for the present version, building
// it if needed. The caller must hold ix.mu for reading.
func (ix *Index) current() *compiled {
	if c := ix.comp; c != nil && !ix.dirty {
		return c
	}
	return nil
}

// snapshot returns an up-to-date compiled index and holds ix.mu for
// reading; the caller must call ix.mu.RUnlock.
func (ix *Index) snapshot() *compiled {
	for {
		ix.mu.RLock()
		if c := ix.current(); c != nil {
			return c
		}
		ix.mu.RUnlock()
		ix.mu.Lock()
		if ix.dirty || ix.comp == nil {
			ix.compileLocked()
		}
		ix.mu.Unlock()
	}
}

// compileLocked recomputes idf, every document's vector, the inverted
// index and (fitting or folding in) the LSA vectors.
func (ix *Index) compileLocked() {
	ix.initLocked()
	cfg := ix.cfg
	c := &compiled{n: ix.live, rowOf: make([]int32, len(ix.docs))}
	c.idf = make([]float32, len(ix.df))
	for t, df := range ix.df {
		c.idf[t] = smoothIDF(c.n, int(df))
	}
	rows := make([]sparse.Vector, 0, ix.live)
	// One backing array for all weights keeps the rows contiguous.
	total := 0
	for i := range ix.docs {
		total += len(ix.docs[i].terms)
	}
	buf := make([]float32, total)
	for i := range ix.docs {
		d := &ix.docs[i]
		if d.removed {
			c.rowOf[i] = -1
			continue
		}
		c.rowOf[i] = int32(len(rows))
		c.slots = append(c.slots, int32(i))
		v := sparse.Vector{Idx: d.terms, Val: buf[:len(d.terms):len(d.terms)]}
		buf = buf[len(d.terms):]
		for j, t := range d.terms {
			v.Val[j] = d.tf[j] * c.idf[t]
		}
		sparse.Normalize(v)
		rows = append(rows, v)
	}
	c.m = sparse.NewMatrix(rows, len(ix.df))
	if cfg.lsaK > 0 && c.n > 1 {
		if ix.model == nil || float64(c.n) > 1.25*float64(ix.modelN) || float64(c.n) < 0.75*float64(ix.modelN) {
			seeds := make([]uint64, len(ix.df))
			ix.vmu.RLock()
			for t := range seeds {
				seeds[t] = termSeed(ix.terms[t])
			}
			ix.vmu.RUnlock()
			if m, err := lsa.Fit(c.m, cfg.lsaK, seeds); err == nil {
				ix.model, ix.modelN = m, c.n
			}
		}
		if ix.model != nil {
			c.lsaK = ix.model.K
			c.lsaVecs = make([]float32, len(rows)*c.lsaK)
			for r, v := range rows {
				p := ix.model.Project(c.lsaVecs[r*c.lsaK:r*c.lsaK:(r+1)*c.lsaK], v)
				sparse.Normalize(sparse.Vector{Val: p})
			}
		}
	}
	c.searcher.New = func() any { return &scratch{s: sparse.NewSearcher(c.m)} }
	ix.comp = c
	ix.dirty = false
}

// smoothIDF is the smoothed inverse document frequency ln((1+n)/(1+df)) + 1.
func smoothIDF(n, df int) float32 {
	return float32(math.Log(float64(1+n)/float64(1+df)) + 1)
}

// queryVector is a document's TF-IDF vector under c's idf, with terms the
// index has never seen counted in the norm (at the idf of df = 0) but
// dropped from the vector, since they cannot match.
func (ix *Index) queryVector(c *compiled, tc termCounts) sparse.Vector {
	type pair struct {
		t uint32
		w float32
	}
	var ps []pair
	var norm float64
	unseen := smoothIDF(c.n, 0)
	for i, t := range tc.terms {
		tf := sublinear(tc.counts[i])
		ix.vmu.RLock()
		tid, ok := ix.vocab[t]
		ix.vmu.RUnlock()
		if !ok || int(tid) >= len(c.idf) {
			w := float64(tf * unseen)
			norm += w * w
			continue
		}
		w := tf * c.idf[tid]
		norm += float64(w) * float64(w)
		ps = append(ps, pair{tid, w})
	}
	slices.SortFunc(ps, func(a, b pair) int { return int(a.t) - int(b.t) })
	v := sparse.Vector{Idx: make([]uint32, len(ps)), Val: make([]float32, len(ps))}
	inv := float32(0)
	if norm > 0 {
		inv = float32(1 / math.Sqrt(norm))
	}
	for i, p := range ps {
		v.Idx[i], v.Val[i] = p.t, p.w*inv
	}
	return v
}

// --- querying ---

// A QueryOption shapes one query's results.
type QueryOption func(*queryConfig)

type queryConfig struct {
	nearDup  float64       // exclude results resembling the query or a better result this much; 0: off
	window   time.Duration // keep results published within this of the reference time; 0: off
	halfLife time.Duration // decay scores by age difference; 0: off
	asOf     int64         // reference time (Unix seconds), or noDate for the query's own date
	mmr      float64       // MMR λ in (0, 1); 0: off
}

// WithoutNearDuplicates drops results whose text resembles the query's,
// or a better-ranked result's, with an estimated shingle Jaccard
// similarity of at least threshold (0 < threshold ≤ 1; 0.5 when out of
// range): syndicated copies of one story should not fill "related
// posts".
func WithoutNearDuplicates(threshold float64) QueryOption {
	return func(q *queryConfig) {
		if threshold <= 0 || threshold > 1 {
			threshold = 0.5
		}
		q.nearDup = threshold
	}
}

// Within keeps only results published within d of the reference time:
// the query article's publication date, or the AsOf time, or now when
// neither is known. Documents without a date are kept.
func Within(d time.Duration) QueryOption {
	return func(q *queryConfig) { q.window = max(d, 0) }
}

// WithRecencyDecay multiplies each score by 0.5^(Δ/halfLife), Δ being the
// time between a result's publication and the reference time (see
// Within). Documents without a date are not decayed.
func WithRecencyDecay(halfLife time.Duration) QueryOption {
	return func(q *queryConfig) { q.halfLife = max(halfLife, 0) }
}

// AsOf sets the reference time for Within and WithRecencyDecay.
func AsOf(t time.Time) QueryOption {
	return func(q *queryConfig) { q.asOf = t.Unix() }
}

// WithDiversity re-ranks results by maximal marginal relevance (Carbonell
// and Goldstein 1998): each pick maximizes λ·sim(query, d) − (1−λ)·max
// sim(d, picked), so the k results do not all retell one angle. λ in
// (0, 1); 1 or more means no re-ranking, 0.7 is a usual choice.
func WithDiversity(lambda float64) QueryOption {
	return func(q *queryConfig) {
		if lambda > 0 && lambda < 1 {
			q.mmr = lambda
		} else {
			q.mmr = 0
		}
	}
}

// query is a resolved query: its vectors, sketch and date.
type query struct {
	v       sparse.Vector
	lsa     []float32
	sketch  []uint64
	date    int64
	exclude int32 // row to leave out (the query document itself), or -1
}

// Related returns the k documents most similar to the one held under id,
// best first, leaving out that document itself. Without query options
// the result is exact: the top k of all held documents.
func (ix *Index) Related(id string, k int, opts ...QueryOption) ([]Match, error) {
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	slot, ok := ix.byID[id]
	if !ok {
		return nil, fmt.Errorf("byline: related %q: %w", id, ErrNotFound)
	}
	row := c.rowOf[slot]
	d := &ix.docs[slot]
	q := query{v: c.m.Row(int(row)), sketch: d.sketch, date: d.published, exclude: row}
	if c.lsaK > 0 {
		q.lsa = c.lsaVecs[int(row)*c.lsaK : int(row+1)*c.lsaK]
	}
	return ix.search(c, q, k, opts), nil
}

// Query returns the k held documents most similar to doc, which need not
// be held, best first.
func (ix *Index) Query(doc *Document, k int, opts ...QueryOption) ([]Match, error) {
	if doc == nil {
		return nil, errors.New("byline: query: nil document")
	}
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	tc := extract(doc, ix.conf())
	q := query{v: ix.queryVector(c, tc), sketch: minhash.SketchHashes(tc.hashes), date: published(doc), exclude: -1}
	if c.lsaK > 0 {
		q.lsa = ix.model.Project(nil, q.v)
		sparse.Normalize(sparse.Vector{Val: q.lsa})
	}
	return ix.search(c, q, k, opts), nil
}

// Score returns the similarity of two held documents, the score Related
// would give one for the other.
func (ix *Index) Score(id1, id2 string) (float64, error) {
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	a, ok1 := ix.byID[id1]
	b, ok2 := ix.byID[id2]
	if !ok1 || !ok2 {
		missing := id1
		if ok1 {
			missing = id2
		}
		return 0, fmt.Errorf("byline: score %q: %w", missing, ErrNotFound)
	}
	return float64(ix.pairScore(c, c.rowOf[a], c.rowOf[b])), nil
}

// pairScore is the blended similarity of two rows.
func (ix *Index) pairScore(c *compiled, a, b int32) float32 {
	s := sparse.Dot(c.m.Row(int(a)), c.m.Row(int(b)))
	if c.lsaK > 0 {
		w := float32(ix.cfg.lsaWeight)
		l := sparse.Dot32(c.lsaVecs[int(a)*c.lsaK:int(a+1)*c.lsaK], c.lsaVecs[int(b)*c.lsaK:int(b+1)*c.lsaK])
		s = (1-w)*s + w*l
	}
	return s
}

// search runs one query on c. The caller holds ix.mu for reading.
func (ix *Index) search(c *compiled, q query, k int, opts []QueryOption) []Match {
	if k <= 0 || c.n == 0 {
		return nil
	}
	qc := queryConfig{asOf: noDate}
	for _, o := range opts {
		o(&qc)
	}
	sc := c.searcher.Get().(*scratch)
	defer c.searcher.Put(sc)

	ref := qc.asOf
	if ref == noDate {
		ref = q.date
	}
	if ref == noDate && (qc.window > 0 || qc.halfLife > 0) {
		ref = time.Now().Unix()
	}
	var skip func(int32) bool
	if qc.window > 0 {
		win := int64(qc.window / time.Second)
		skip = func(r int32) bool {
			p := ix.docs[c.slots[r]].published
			return p != noDate && (p-ref > win || ref-p > win)
		}
	}
	plain := qc.nearDup == 0 && qc.halfLife == 0 && qc.mmr == 0
	want := k
	if !plain {
		want = 4*k + 16
	}
	for {
		sc.hits = ix.candidates(c, sc, q, want, skip)
		if plain {
			return ix.matches(c, sc.hits)
		}
		res, exact := ix.refine(c, q, sc.hits, k, qc, ref)
		// Fetch more when the filters left too few results, or when decay
		// may have let an unfetched document outrank the k-th.
		if exact || len(sc.hits) < want || want >= c.n {
			return ix.matches(c, res)
		}
		want *= 4
	}
}

// candidates returns the want best rows for q by the index's score.
func (ix *Index) candidates(c *compiled, sc *scratch, q query, want int, skip func(int32) bool) []sparse.Hit {
	if len(q.v.Idx) == 0 {
		return sc.hits[:0] // a document with no indexable terms relates to nothing
	}
	skipRow := func(r int32) bool { return r == q.exclude || (skip != nil && skip(r)) }
	if c.lsaK == 0 || q.lsa == nil {
		return sc.s.Search(sc.hits[:0], q.v, want, skipRow)
	}
	// LSA vectors are dense, so every row has a score: scan them all,
	// adding the TF-IDF cosine accumulated from the postings.
	n := c.m.Rows()
	if cap(sc.scores) < n {
		sc.scores = make([]float32, n)
	}
	scores := sc.scores[:n]
	clear(scores)
	w := float32(ix.cfg.lsaWeight)
	if w < 1 {
		for i, t := range q.v.Idx {
			rows, vals := c.m.Col(int(t))
			qw := q.v.Val[i] * (1 - w)
			for p, r := range rows {
				scores[r] += qw * vals[p]
			}
		}
	}
	sc.top.Reset(want)
	K := c.lsaK
	for r := range n {
		if skipRow(int32(r)) {
			continue
		}
		// Unrelated documents have LSA cosines scattered around zero; a
		// score that is not positive relates nothing.
		if s := scores[r] + w*sparse.Dot32(q.lsa, c.lsaVecs[r*K:(r+1)*K]); s > 1e-6 {
			sc.top.Push(sparse.Hit{Row: int32(r), Score: s})
		}
	}
	return sc.top.Sorted(sc.hits[:0])
}

// refine applies decay, near-duplicate exclusion and MMR to candidates
// sorted by score, returning up to k hits and whether they are certainly
// the true top k under these options.
func (ix *Index) refine(c *compiled, q query, hits []sparse.Hit, k int, qc queryConfig, ref int64) ([]sparse.Hit, bool) {
	cand := slices.Clone(hits)
	if qc.halfLife > 0 {
		hl := qc.halfLife.Seconds()
		for i := range cand {
			p := ix.docs[c.slots[cand[i].Row]].published
			if p != noDate {
				age := math.Abs(float64(p - ref))
				cand[i].Score *= float32(math.Exp2(-age / hl))
			}
		}
		slices.SortStableFunc(cand, func(a, b sparse.Hit) int {
			switch {
			case a.Score > b.Score:
				return -1
			case a.Score < b.Score:
				return 1
			}
			return 0
		})
	}
	if qc.nearDup > 0 {
		kept := cand[:0]
		for _, h := range cand {
			sk := ix.docs[c.slots[h.Row]].sketch
			dup := q.sketch != nil && minhash.Resemblance(q.sketch, sk) >= qc.nearDup
			for _, g := range kept {
				if dup {
					break
				}
				dup = minhash.Resemblance(ix.docs[c.slots[g.Row]].sketch, sk) >= qc.nearDup
			}
			if !dup {
				kept = append(kept, h)
			}
		}
		cand = kept
	}
	var out []sparse.Hit
	if qc.mmr > 0 {
		lam := float32(qc.mmr)
		used := make([]bool, len(cand))
		for len(out) < k && len(out) < len(cand) {
			best, bestVal := -1, float32(math.Inf(-1))
			for i, h := range cand {
				if used[i] {
					continue
				}
				var red float32
				for _, o := range out {
					red = max(red, ix.pairScore(c, h.Row, o.Row))
				}
				if v := lam*h.Score - (1-lam)*red; v > bestVal {
					best, bestVal = i, v
				}
			}
			used[best] = true
			out = append(out, cand[best])
		}
	} else {
		out = cand[:min(k, len(cand))]
	}
	// Scores only shrink under decay, so the result is exact when its k-th
	// score is no lower than the raw score of the last candidate fetched.
	exact := len(out) == k
	if exact && qc.halfLife > 0 && len(hits) > 0 {
		exact = out[len(out)-1].Score >= hits[len(hits)-1].Score
	}
	return out, exact
}

func (ix *Index) matches(c *compiled, hits []sparse.Hit) []Match {
	out := make([]Match, len(hits))
	for i, h := range hits {
		out[i] = Match{ID: ix.docs[c.slots[h.Row]].id, Score: float64(h.Score)}
	}
	return out
}

// AllPairs returns the k most related documents of every held document
// (in the order they were added), the batch mode for a whole corpus,
// using workers goroutines (all CPUs when workers ≤ 0). It holds the
// index for reading throughout; ctx cancels it.
func (ix *Index) AllPairs(ctx context.Context, k, workers int) ([]Neighbors, error) {
	c := ix.snapshot()
	defer ix.mu.RUnlock()
	if workers <= 0 {
		workers = runtimeCPUs()
	}
	n := c.m.Rows()
	out := make([]Neighbors, n)
	// The symmetric batch product finds every row's exact top k at half
	// the cost of n separate searches.
	dense := sparse.Dense{}
	if c.lsaK > 0 {
		w := float32(ix.cfg.lsaWeight)
		dense = sparse.Dense{Vecs: c.lsaVecs, Dim: c.lsaK, Weight: w, SparseWeight: 1 - w}
	}
	hits := c.m.AllPairsBlend(k, workers, func() bool { return ctx.Err() != nil }, dense)
	if hits == nil {
		return nil, fmt.Errorf("byline: all pairs: %w", ctx.Err())
	}
	for r, hs := range hits {
		out[r] = Neighbors{ID: ix.docs[c.slots[r]].id, Related: ix.matches(c, hs)}
	}
	return out, nil
}

// Similarity returns the cosine similarity of two documents' TF-IDF
// vectors, with idf fitted on the two of them (so shared terms weigh
// less than the terms only one has) and the default boosts. To compare
// documents against a corpus's statistics, add them to an Index and use
// Score.
func Similarity(a, b *Document) float64 {
	cfg := defaultConfig()
	ta, tb := extract(a, cfg), extract(b, cfg)
	if len(ta.terms) == 0 || len(tb.terms) == 0 {
		return 0
	}
	in := func(tc termCounts, t string) bool {
		_, ok := slices.BinarySearch(tc.terms, t)
		return ok
	}
	vec := func(tc, other termCounts) sparse.Vector {
		v := sparse.Vector{Idx: make([]uint32, len(tc.terms)), Val: make([]float32, len(tc.terms))}
		for i, t := range tc.terms {
			df := 1
			if in(other, t) {
				df = 2
			}
			v.Idx[i] = uint32(i)
			v.Val[i] = sublinear(tc.counts[i]) * smoothIDF(2, df)
		}
		sparse.Normalize(v)
		return v
	}
	va, vb := vec(ta, tb), vec(tb, ta)
	// Both vectors index their own sorted term lists; merge by term.
	var s float64
	i, j := 0, 0
	for i < len(ta.terms) && j < len(tb.terms) {
		switch cmp := strings.Compare(ta.terms[i], tb.terms[j]); {
		case cmp == 0:
			s += float64(va.Val[i]) * float64(vb.Val[j])
			i++
			j++
		case cmp < 0:
			i++
		default:
			j++
		}
	}
	return min(s, 1)
}

func runtimeCPUs() int { return runtime.GOMAXPROCS(0) }

// termSeed is FNV-1a of a term, the seed of its row in LSA's random projection.
func termSeed(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
