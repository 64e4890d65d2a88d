package ner

// table is an open-addressing hash table from feature hashes to rows:
// one probe sequence in a flat array, which is several times faster than
// a Go map for the ~50 look-ups every token needs. Keys are already
// hashes, so their low bits index the array directly. It is read-only
// after building and so safe for concurrent reads.
type table struct {
	slots []slot // key and value side by side: one cache miss per probe
	mask  uint64
	n     int
}

type slot struct {
	key uint64
	val int32
}

func newTable(n int) *table {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &table{slots: make([]slot, size), mask: uint64(size - 1)}
}

// fixKey keeps 0 free to mark empty slots.
func fixKey(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

func (t *table) put(k uint64, v int32) {
	k = fixKey(k)
	for i := (k ^ k>>29) & t.mask; ; i = (i + 1) & t.mask {
		switch t.slots[i].key {
		case 0:
			t.slots[i] = slot{k, v}
			t.n++
			return
		case k:
			t.slots[i].val = v
			return
		}
	}
}

func (t *table) get(k uint64) (int32, bool) {
	k = fixKey(k)
	for i := (k ^ k>>29) & t.mask; ; i = (i + 1) & t.mask {
		switch s := &t.slots[i]; s.key {
		case k:
			return s.val, true
		case 0:
			return 0, false
		}
	}
}

// rowTable is table for row numbers below 1<<rowBits, packed with a
// 40-bit fingerprint of the key into one 8-byte slot: half the memory of
// table, so the look-ups tagging makes for every feature of every token
// miss the cache half as often. Two keys alike in their top 39 bits and
// in their slot could be confused; among 2^64 hashes and a few hundred
// thousand features that does not happen in practice.
type rowTable struct {
	slots []uint64
	mask  uint64
}

const rowBits = 24

// maxRows is the largest number of rows a rowTable holds.
const maxRows = 1 << rowBits

func newRowTable(n int) *rowTable {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &rowTable{slots: make([]uint64, size), mask: uint64(size - 1)}
}

// fingerprint is the key's top 40 bits with the highest set, so that no
// slot in use is 0.
func fingerprint(k uint64) uint64 { return k>>rowBits | 1<<(63-rowBits) }

// put stores row v (0 ≤ v < maxRows) for key k.
func (t *rowTable) put(k uint64, v int32) {
	fp := fingerprint(k)
	for i := (k ^ k>>29) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 || s>>rowBits == fp {
			t.slots[i] = fp<<rowBits | uint64(v)
			return
		}
	}
}

func (t *rowTable) get(k uint64) (int32, bool) {
	fp := fingerprint(k)
	for i := (k ^ k>>29) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if s>>rowBits == fp {
			return int32(s & (maxRows - 1)), true
		}
	}
}
