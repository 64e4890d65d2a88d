// Package lsa fits latent semantic analysis models: a truncated SVD of a
// sparse document-term matrix, computed with a randomized range finder
// (Halko, Martinsson and Tropp 2011) so that only k+p dense columns are
// ever formed, with gonum for the small dense factorizations.
package lsa

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/byline-nlp/byline/internal/sparse"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"
)

// A Model maps sparse term vectors into a k-dimensional latent space.
// It is immutable after Fit and safe for concurrent use.
type Model struct {
	K     int       // dimensions kept
	Terms int       // number of term ids the model knows
	Sigma []float64 // singular values, largest first
	Vecs  []float32 // Terms×K, row-major: the right singular vectors
}

// oversample and powerIters trade time for accuracy of the randomized
// SVD; 10 extra columns and 2 power iterations recover the leading
// singular vectors of text matrices, whose spectra decay slowly, to
// well within what retrieval quality can notice.
const (
	oversample = 10
	powerIters = 2
)

// Fit computes a rank-k truncated SVD of a (rows are documents) and keeps
// its right singular vectors. k is capped by the matrix's rank bound
// min(rows, cols). seeds[t], when given, seeds the random projection's
// row for term t; seeding by the term itself (a hash of its text) makes
// the fit independent of the order terms were numbered in, so an index
// built by concurrent adds fits the same model every time.
func Fit(a *sparse.Matrix, k int, seeds []uint64) (*Model, error) {
	n, v := a.Rows(), a.Cols()
	if k <= 0 {
		return nil, fmt.Errorf("lsa: k must be positive, got %d", k)
	}
	if n == 0 || v == 0 || a.NNZ() == 0 {
		return nil, errors.New("lsa: empty matrix")
	}
	k = min(k, n, v)
	l := min(k+oversample, n, v)

	omega := make([]float64, v*l)
	for t := range v {
		seed := uint64(t)
		if t < len(seeds) {
			seed = seeds[t]
		}
		rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
		for c := range l {
			omega[t*l+c] = rng.NormFloat64()
		}
	}
	y := mulA(a, omega, l) // n×l
	q := orthonormal(y, n, l)
	for range powerIters {
		// Subspace iteration orthonormalizes after every product with
		// A·Aᵀ rather than after each factor: Aᵀq is not made orthonormal
		// before A multiplies it. The columns' conditioning grows by at
		// most (σ₁/σₗ)² between QRs, far within float64's reach, and the
		// vocabulary-sized QRs this spares were two thirds of the fit.
		y = mulA(a, mulAT(a, q, l), l)
		q = orthonormal(y, n, l)
	}
	bt := mat.NewDense(v, l, mulAT(a, q, l)) // Bᵀ = Aᵀ Q, v×l

	// The right singular vectors of A are those of B = Qᵀ A. Rather than a
	// v×l SVD, take the eigenvectors W of the small l×l B Bᵀ: then
	// σ = √λ and V = Bᵀ W Σ⁻¹.
	var g mat.SymDense
	g.SymOuterK(1, bt.T())
	var eig mat.EigenSym
	if !eig.Factorize(&g, true) {
		return nil, errors.New("lsa: eigendecomposition did not converge")
	}
	vals := eig.Values(nil) // ascending
	var w mat.Dense
	eig.VectorsTo(&w)

	m := &Model{K: k, Terms: v, Sigma: make([]float64, 0, k)}
	cols := make([]int, 0, k)
	for j := l - 1; j >= 0 && len(cols) < k; j-- {
		if vals[j] <= 1e-12 {
			break
		}
		cols = append(cols, j)
		m.Sigma = append(m.Sigma, math.Sqrt(vals[j]))
	}
	if len(cols) == 0 {
		return nil, errors.New("lsa: matrix has rank 0")
	}
	m.K = len(cols)
	wk := mat.NewDense(l, m.K, nil)
	for c, j := range cols {
		inv := 1 / m.Sigma[c]
		for r := range l {
			wk.Set(r, c, w.At(r, j)*inv)
		}
	}
	var vk mat.Dense
	vk.Mul(bt, wk)
	m.Vecs = make([]float32, v*m.K)
	for t := range v {
		for c, x := range vk.RawRowView(t) {
			m.Vecs[t*m.K+c] = float32(x)
		}
	}
	return m, nil
}

// Project folds a sparse term vector into the latent space: x·V, the
// standard fold-in, which equals UΣ's row for a document the model was
// fitted on. Unknown term ids are ignored. The result is written to dst
// (resized to K) and returned.
func (m *Model) Project(dst []float32, x sparse.Vector) []float32 {
	if cap(dst) < m.K {
		dst = make([]float32, m.K)
	}
	dst = dst[:m.K]
	clear(dst)
	for i, t := range x.Idx {
		if int(t) >= m.Terms {
			continue
		}
		w := x.Val[i]
		row := m.Vecs[int(t)*m.K : int(t+1)*m.K]
		for c, r := range row {
			dst[c] += w * r
		}
	}
	return dst
}

// mulA returns A·X for a dense v×l X (row-major), as an n×l row-major slice.
func mulA(a *sparse.Matrix, x []float64, l int) []float64 {
	out := make([]float64, a.Rows()*l)
	for i := range a.Rows() {
		r := a.Row(i)
		o := out[i*l : (i+1)*l]
		for p, t := range r.Idx {
			w := float64(r.Val[p])
			xr := x[int(t)*l : int(t+1)*l]
			for c := range o {
				o[c] += w * xr[c]
			}
		}
	}
	return out
}

// mulAT returns Aᵀ·Y for a dense n×l Y (row-major), as a v×l row-major slice.
func mulAT(a *sparse.Matrix, y []float64, l int) []float64 {
	out := make([]float64, a.Cols()*l)
	for i := range a.Rows() {
		r := a.Row(i)
		yr := y[i*l : (i+1)*l]
		for p, t := range r.Idx {
			w := float64(r.Val[p])
			o := out[int(t)*l : int(t+1)*l]
			for c := range o {
				o[c] += w * yr[c]
			}
		}
	}
	return out
}

// orthonormal returns an orthonormal basis of the columns of the rows×l
// row-major matrix x (rows ≥ l), via a thin QR.
// LAPACK's geqrf+orgqr form the thin rows×l Q in place; gonum's mat.QR
// would form the full rows×rows Q, which for a vocabulary-sized matrix
// does not fit in memory.
func orthonormal(x []float64, rows, l int) []float64 {
	g := blas64.General{Rows: rows, Cols: l, Stride: l, Data: x}
	tau := make([]float64, l)
	work := make([]float64, 1)
	lapack64.Geqrf(g, tau, work, -1)
	work = make([]float64, int(work[0]))
	lapack64.Geqrf(g, tau, work, len(work))
	lapack64.Orgqr(g, tau, work, -1)
	if n := int(work[0]); n > len(work) {
		work = make([]float64, n)
	}
	lapack64.Orgqr(g, tau, work, len(work))
	return x
}
