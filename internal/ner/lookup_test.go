package ner

import (
	"math/rand/v2"
	"testing"
)

// TestGetAll checks the batched look-ups against one-at-a-time ones, on
// tables full enough that many keys find their first slot taken, for
// key lists shorter and longer than a batch.
func TestGetAll(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 3000
	rt, tb := newRowTable(n), newTable(n)
	for i := range n {
		k := rng.Uint64()
		rt.put(k, int32(i))
		tb.put(k, int32(i))
	}
	// Half the keys were put, half were not; keys 0 and 1 are fixKey's
	// edge cases.
	probe := rand.New(rand.NewPCG(1, 2))
	keys := []uint64{0, 1}
	for range 2 * probeBatch {
		keys = append(keys, probe.Uint64(), rng.Uint64())
	}
	for _, m := range []int{0, 1, 7, probeBatch, probeBatch + 1, len(keys)} {
		ks := keys[:m]
		rows, scratch := make([]int32, m), make([]uint64, m)
		for name, tab := range map[string]interface {
			getAll(keys []uint64, rows []int32, probe []uint64)
			get(k uint64) (int32, bool)
		}{"rowTable": rt, "table": tb} {
			tab.getAll(ks, rows, scratch)
			found := 0
			for i, k := range ks {
				want, ok := tab.get(k)
				if !ok {
					want = -1
				} else {
					found++
				}
				if rows[i] != want {
					t.Fatalf("%s: %d keys: getAll gives row %d for key %d, get %d", name, m, rows[i], i, want)
				}
			}
			if m > 10 && (found == 0 || found == m) {
				t.Fatalf("%s: %d keys, %d found: the test should look up both kinds", name, m, found)
			}
		}
	}
}
