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
