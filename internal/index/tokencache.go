package index

import (
	"hash/maphash"
	"runtime"
	"slices"
	"strings"
	"sync"
)

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
