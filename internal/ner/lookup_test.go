package ner

import (
	"math/rand/v2"
	"slices"
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

// TestAdders checks addRow, addRows and addSums against plain loops for
// lengths around their blocks of sixteen (0, under one block, one, one
// and a remainder, several), with rows placed at the end of the weights
// so that a block read past a row's end would go out of range.
func TestAdders(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 4, 15, 16, 17, 31, 32, 33, 34, 50} {
		row := make([]int16, n)
		src := make([]int32, n)
		for i := range row {
			row[i] = int16(rng.IntN(1<<16) - 1<<15)
			src[i] = rng.Int32() >> 2
		}
		base := make([]int32, n+3) // longer than the row: only n change
		for i := range base {
			base[i] = rng.Int32() >> 2
		}
		wantRow, wantSums := append([]int32(nil), base...), append([]int32(nil), base...)
		for i := range n {
			wantRow[i] += int32(row[i])
			wantSums[i] += src[i]
		}
		got := append([]int32(nil), base...)
		addRow(got, row)
		if !slices.Equal(got, wantRow) {
			t.Errorf("addRow, %d weights: %v, want %v", n, got, wantRow)
		}
		got = append([]int32(nil), base...)
		addSums(got, src)
		if !slices.Equal(got, wantSums) {
			t.Errorf("addSums, %d weights: %v, want %v", n, got, wantSums)
		}
		// addRows over three rows of width n+2, the last ending w, with
		// -1 (no row) between them: rows 2, -1, 0 add rows 2 and 0.
		width := n + 2
		w := make([]int16, 3*width)
		for i := range w {
			w[i] = int16(rng.IntN(1<<16) - 1<<15)
		}
		want := append([]int32(nil), base[:n]...)
		for _, r := range []int{2, 0} {
			for i := range n {
				want[i] += int32(w[r*width+i])
			}
		}
		got = append([]int32(nil), base[:n]...)
		addRows(got, w, width, []int32{2, -1, 0})
		if !slices.Equal(got, want) {
			t.Errorf("addRows, %d weights: %v, want %v", n, got, want)
		}
	}
}

// TestLegalNext checks that each class's successors are exactly those
// transitions allows, in increasing order, for one to five types.
func TestLegalNext(t *testing.T) {
	for types := 1; types <= 5; types++ {
		nc := 4*types + 1
		allowed := transitions(nc)
		legal := legalNext(allowed)
		if len(legal) != len(allowed) {
			t.Fatalf("%d types: %d rows, want %d", types, len(legal), len(allowed))
		}
		for p, a := range allowed {
			var want []int32
			for c, ok := range a {
				if ok {
					want = append(want, int32(c))
				}
			}
			if !slices.Equal(legal[p], want) {
				t.Errorf("%d types: after class %d: %v, want %v", types, p, legal[p], want)
			}
			if cap(legal[p]) != len(legal[p]) {
				t.Errorf("%d types: after class %d: cap %d, len %d: an append would write over the next row", types, p, cap(legal[p]), len(legal[p]))
			}
		}
	}
}
