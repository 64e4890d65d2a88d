package ner

// table is an open-addressing hash table from feature hashes to rows:
// one probe sequence in a flat array, which is several times faster than
// a Go map for the ~50 look-ups every token needs. Keys are already
// hashes, so their low bits index the array directly. It is read-only
// after building and so safe for concurrent reads.
type table struct {
	keys []uint64
	vals []int32
	mask uint64
	n    int
}

func newTable(n int) *table {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &table{keys: make([]uint64, size), vals: make([]int32, size), mask: uint64(size - 1)}
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
		switch t.keys[i] {
		case 0:
			t.keys[i], t.vals[i] = k, v
			t.n++
			return
		case k:
			t.vals[i] = v
			return
		}
	}
}

func (t *table) get(k uint64) (int32, bool) {
	k = fixKey(k)
	for i := (k ^ k>>29) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}
