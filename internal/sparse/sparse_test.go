package sparse

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomRows makes n unit rows over cols terms with a Zipf-like term
// distribution, so some columns are long (the case pruning is for).
func randomRows(rng *rand.Rand, n, cols, perRow int) []Vector {
	z := rand.NewZipf(rng, 1.1, 2, uint64(cols-1))
	rows := make([]Vector, n)
	for i := range rows {
		set := map[uint32]float32{}
		m := 1 + rng.IntN(perRow)
		for range m {
			set[uint32(z.Uint64())] += 1 + rng.Float32()
		}
		var v Vector
		for t := range set {
			v.Idx = append(v.Idx, t)
		}
		slices.Sort(v.Idx)
		for _, t := range v.Idx {
			v.Val = append(v.Val, set[t])
		}
		Normalize(v)
		rows[i] = v
	}
	return rows
}

// brute scores every row.
func brute(rows []Vector, q Vector, k int, skip func(int32) bool) []Hit {
	var t TopK
	t.Reset(k)
	for i, r := range rows {
		if skip != nil && skip(int32(i)) {
			continue
		}
		if s := Dot(q, r); s > 0 {
			t.Push(Hit{int32(i), s})
		}
	}
	return t.Sorted(nil)
}

func TestSearchIsExact(t *testing.T) {
	for _, tc := range []struct {
		name         string
		n, cols, per int
		k            int
	}{
		{"tiny", 5, 8, 4, 3},
		{"k larger than rows", 20, 30, 6, 50},
		{"k one", 300, 200, 20, 1},
		{"k ten", 500, 400, 30, 10},
		{"long columns", 800, 60, 25, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, uint64(tc.n)))
			rows := randomRows(rng, tc.n, tc.cols, tc.per)
			m := NewMatrix(rows, tc.cols)
			s := NewSearcher(m)
			for qi := range min(tc.n, 60) {
				skip := func(r int32) bool { return r == int32(qi) || r%7 == 3 }
				got := s.Search(nil, m.Row(qi), tc.k, skip)
				want := brute(rows, rows[qi], tc.k, skip)
				if len(got) != len(want) {
					t.Fatalf("query %d: %d hits, want %d", qi, len(got), len(want))
				}
				for i := range got {
					// Ties may order differently only when scores agree.
					if math.Abs(float64(got[i].Score-want[i].Score)) > 1e-5 {
						t.Fatalf("query %d rank %d: %+v, want %+v", qi, i, got[i], want[i])
					}
					if skip(got[i].Row) {
						t.Fatalf("query %d: skipped row %d returned", qi, got[i].Row)
					}
				}
			}
		})
	}
}

func TestMatrixColumns(t *testing.T) {
	rows := []Vector{
		{Idx: []uint32{0, 2}, Val: []float32{0.6, 0.8}},
		{Idx: []uint32{2}, Val: []float32{1}},
		{},
	}
	m := NewMatrix(rows, 4)
	if m.Rows() != 3 || m.Cols() != 4 || m.NNZ() != 3 {
		t.Fatalf("shape %d×%d nnz %d", m.Rows(), m.Cols(), m.NNZ())
	}
	r, v := m.Col(2)
	if !slices.Equal(r, []int32{0, 1}) || !slices.Equal(v, []float32{0.8, 1}) {
		t.Errorf("col 2 = %v %v", r, v)
	}
	if r, _ := m.Col(3); len(r) != 0 {
		t.Errorf("col 3 = %v, want empty", r)
	}
	if r, _ := m.Col(-1); r != nil {
		t.Errorf("col -1 = %v", r)
	}
}

func TestDotNormalize(t *testing.T) {
	for _, tc := range []struct {
		a, b Vector
		want float32
	}{
		{Vector{[]uint32{1, 3}, []float32{1, 2}}, Vector{[]uint32{3, 4}, []float32{5, 1}}, 10},
		{Vector{[]uint32{1}, []float32{1}}, Vector{[]uint32{2}, []float32{1}}, 0},
		{Vector{}, Vector{[]uint32{2}, []float32{1}}, 0},
	} {
		if got := Dot(tc.a, tc.b); got != tc.want {
			t.Errorf("Dot(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	v := Vector{[]uint32{0, 1}, []float32{3, 4}}
	Normalize(v)
	if v.Val[0] != 0.6 || v.Val[1] != 0.8 {
		t.Errorf("Normalize = %v", v.Val)
	}
	Normalize(Vector{}) // must not divide by zero
}

func TestTopK(t *testing.T) {
	var h TopK
	h.Reset(3)
	for i, s := range []float32{0.1, 0.9, 0.5, 0.7, 0.2, 0.9} {
		h.Push(Hit{int32(i), s})
	}
	got := h.Sorted(nil)
	want := []Hit{{1, 0.9}, {5, 0.9}, {3, 0.7}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	h.Reset(0)
	h.Push(Hit{1, 1})
	if len(h.Sorted(nil)) != 0 {
		t.Error("k=0 kept a hit")
	}
}

func BenchmarkSearch(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 7))
	rows := randomRows(rng, 20000, 50000, 150)
	m := NewMatrix(rows, 50000)
	b.Run("accumulate", func(b *testing.B) {
		s := NewSearcher(m)
		var dst []Hit
		i := 0
		for b.Loop() {
			dst = s.Search(dst[:0], m.Row(i%len(rows)), 10, nil)
			i++
		}
	})
	// The baseline: every row scored by a merge, as a scan would.
	b.Run("scan", func(b *testing.B) {
		i := 0
		for b.Loop() {
			brute(rows, rows[i%len(rows)], 10, nil)
			i++
		}
	})
}

func TestAllPairsIsExact(t *testing.T) {
	for _, tc := range []struct {
		name            string
		n, cols, per, k int
		workers         int
	}{
		{"one worker", 300, 200, 20, 5, 1},
		{"three workers", 500, 100, 15, 10, 3},
		{"k above rows", 12, 10, 4, 50, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := randomRows(rand.New(rand.NewPCG(9, uint64(tc.n))), tc.n, tc.cols, tc.per)
			m := NewMatrix(rows, tc.cols)
			got := m.AllPairs(tc.k, tc.workers, nil)
			for i := range rows {
				want := brute(rows, rows[i], tc.k, func(r int32) bool { return r == int32(i) })
				if len(got[i]) != len(want) {
					t.Fatalf("row %d: %d hits, want %d", i, len(got[i]), len(want))
				}
				for j := range want {
					if math.Abs(float64(got[i][j].Score-want[j].Score)) > 1e-5 {
						t.Fatalf("row %d rank %d: %+v, want %+v", i, j, got[i][j], want[j])
					}
				}
			}
		})
	}
	m := NewMatrix(randomRows(rand.New(rand.NewPCG(1, 1)), 100, 50, 5), 50)
	if got := m.AllPairs(3, 2, func() bool { return true }); got != nil {
		t.Error("stopped run returned results")
	}
}

func TestAllPairsBlend(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	rows := randomRows(rng, 200, 80, 10)
	const dim = 6
	vecs := make([]float32, len(rows)*dim)
	for i := range vecs {
		vecs[i] = rng.Float32() - 0.3
	}
	m := NewMatrix(rows, 80)
	d := Dense{Vecs: vecs, Dim: dim, Weight: 0.6, SparseWeight: 0.4}
	got := m.AllPairsBlend(4, 2, nil, d)
	for i := range rows {
		var want TopK
		want.Reset(4)
		for r := range rows {
			if r == i {
				continue
			}
			s := 0.4*Dot(rows[i], rows[r]) + 0.6*Dot32(vecs[i*dim:(i+1)*dim], vecs[r*dim:(r+1)*dim])
			if s > 1e-6 {
				want.Push(Hit{int32(r), s})
			}
		}
		w := want.Sorted(nil)
		if len(got[i]) != len(w) {
			t.Fatalf("row %d: %v, want %v", i, got[i], w)
		}
		for j := range w {
			if math.Abs(float64(got[i][j].Score-w[j].Score)) > 1e-5 {
				t.Fatalf("row %d: %v, want %v", i, got[i], w)
			}
		}
	}
	for _, n := range []int{0, 1, 3, 4, 5, 9} {
		a := make([]float32, n)
		b := make([]float32, n)
		var want float32
		for i := range a {
			a[i], b[i] = float32(i+1), 2
			want += a[i] * 2
		}
		if got := Dot32(a, b); got != want {
			t.Errorf("Dot32 len %d = %v, want %v", n, got, want)
		}
	}
}
