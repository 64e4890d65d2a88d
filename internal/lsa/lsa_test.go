package lsa

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/byline-nlp/byline/internal/sparse"
	"gonum.org/v1/gonum/mat"
)

// lowRank builds a non-negative n×v sparse matrix of rank at most r: each
// row mixes r sparse "topics".
func lowRank(n, v, r int) ([]sparse.Vector, *mat.Dense) {
	rng := rand.New(rand.NewPCG(3, 4))
	topics := mat.NewDense(r, v, nil)
	for i := range r {
		for range v / 4 {
			topics.Set(i, rng.IntN(v), rng.Float64())
		}
	}
	dense := mat.NewDense(n, v, nil)
	rows := make([]sparse.Vector, n)
	for i := range n {
		for j := range r {
			if rng.IntN(2) == 0 {
				continue
			}
			w := rng.Float64()
			for t := range v {
				dense.Set(i, t, dense.At(i, t)+w*topics.At(j, t))
			}
		}
		for t := range v {
			if x := dense.At(i, t); x != 0 {
				rows[i].Idx = append(rows[i].Idx, uint32(t))
				rows[i].Val = append(rows[i].Val, float32(x))
			}
		}
	}
	return rows, dense
}

func TestFitMatchesSVD(t *testing.T) {
	rows, dense := lowRank(60, 40, 6)
	a := sparse.NewMatrix(rows, 40)
	var svd mat.SVD
	if !svd.Factorize(dense, mat.SVDThin) {
		t.Fatal("gonum SVD failed")
	}
	want := svd.Values(nil)
	for _, k := range []int{1, 3, 6} {
		m, err := Fit(a, k, nil)
		if err != nil {
			t.Fatal(err)
		}
		if m.K != k {
			t.Fatalf("K = %d, want %d", m.K, k)
		}
		for i := range k {
			if math.Abs(m.Sigma[i]-want[i]) > 1e-4*want[0] {
				t.Errorf("k=%d σ%d = %v, want %v", k, i, m.Sigma[i], want[i])
			}
		}
	}
	// With k = rank, projecting preserves inner products of rows.
	m, _ := Fit(a, 6, nil)
	for i := range 10 {
		for j := range 10 {
			x, y := m.Project(nil, rows[i]), m.Project(nil, rows[j])
			var got float64
			for c := range x {
				got += float64(x[c]) * float64(y[c])
			}
			wantDot := float64(sparse.Dot(rows[i], rows[j]))
			if math.Abs(got-wantDot) > 1e-3*(1+math.Abs(wantDot)) {
				t.Fatalf("rows %d,%d: projected dot %v, want %v", i, j, got, wantDot)
			}
		}
	}
}

func TestFitErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows []sparse.Vector
		k    int
	}{
		{"k zero", []sparse.Vector{{Idx: []uint32{0}, Val: []float32{1}}}, 0},
		{"no rows", nil, 3},
		{"all empty", []sparse.Vector{{}, {}}, 2},
	} {
		if _, err := Fit(sparse.NewMatrix(tc.rows, 2), tc.k, nil); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	// k above the rank bound is capped, not an error.
	m, err := Fit(sparse.NewMatrix([]sparse.Vector{{Idx: []uint32{0}, Val: []float32{1}}, {Idx: []uint32{1}, Val: []float32{2}}}, 2), 50, nil)
	if err != nil || m.K != 2 {
		t.Fatalf("capped fit: %v, K=%v", err, m)
	}
}

func TestProjectIgnoresUnknownTerms(t *testing.T) {
	rows, _ := lowRank(30, 20, 3)
	m, err := Fit(sparse.NewMatrix(rows, 20), 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := m.Project(nil, sparse.Vector{Idx: []uint32{5, 99}, Val: []float32{1, 1}})
	y := m.Project(nil, sparse.Vector{Idx: []uint32{5}, Val: []float32{1}})
	for c := range x {
		if x[c] != y[c] {
			t.Fatalf("unknown term changed the projection: %v vs %v", x, y)
		}
	}
}

func BenchmarkFit(b *testing.B) {
	rows, _ := lowRank(400, 300, 20)
	a := sparse.NewMatrix(rows, 300)
	b.ReportMetric(float64(a.NNZ()), "nnz")
	for b.Loop() {
		if _, err := Fit(a, 20, nil); err != nil {
			b.Fatal(err)
		}
	}
}
