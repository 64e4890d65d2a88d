// Package sparse holds the compact sparse vectors behind byline's
// related-posts index (sorted term ids with float32 weights), a CSR
// matrix of them with its inverted (term-major) twin, an exact top-k
// search that accumulates scores term at a time, and an exact all-pairs
// top-k that scores every pair once.
package sparse

import (
	"math"
	"slices"
	"sync"
	"sync/atomic"
)

// atomicInt hands out row chunks to workers.
type atomicInt struct{ v atomic.Int64 }

func (a *atomicInt) add(d int) int { return int(a.v.Add(int64(d))) }

// A Vector is a sparse vector: Idx holds strictly increasing term ids and
// Val their weights. float32 halves memory and doubles cache use; cosine
// scores need no more precision than that.
type Vector struct {
	Idx []uint32
	Val []float32
}

// Len reports the number of non-zero entries.
func (v Vector) Len() int { return len(v.Idx) }

// Dot returns the inner product of a and b, merging the sorted ids.
func Dot(a, b Vector) float32 {
	var s float32
	i, j := 0, 0
	for i < len(a.Idx) && j < len(b.Idx) {
		x, y := a.Idx[i], b.Idx[j]
		switch {
		case x == y:
			s += a.Val[i] * b.Val[j]
			i++
			j++
		case x < y:
			i++
		default:
			j++
		}
	}
	return s
}

// Norm returns the Euclidean length of v, computed in float64.
func Norm(v Vector) float64 {
	var s float64
	for _, x := range v.Val {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

// Normalize scales v in place to unit length; a zero vector stays zero.
func Normalize(v Vector) {
	n := Norm(v)
	if n == 0 {
		return
	}
	inv := 1 / n
	for i := range v.Val {
		v.Val[i] = float32(float64(v.Val[i]) * inv)
	}
}

// A Matrix is a set of row vectors in compressed sparse row form with its
// inverted (column-major) copy, built once and then read concurrently.
// Rows must be L2-normalized with non-negative weights for Search's
// bounds to hold.
type Matrix struct {
	rows     int
	rowStart []int64 // len rows+1
	rowIdx   []uint32
	rowVal   []float32

	colStart []int64 // len cols+1
	colRow   []int32
	colVal   []float32
	cols     int
}

// NewMatrix builds a Matrix from rows; cols is one past the largest term
// id. The rows' slices are copied, so callers may reuse them.
func NewMatrix(rows []Vector, cols int) *Matrix {
	m := &Matrix{rows: len(rows), rowStart: make([]int64, len(rows)+1)}
	var nnz int64
	for i, r := range rows {
		nnz += int64(len(r.Idx))
		m.rowStart[i+1] = nnz
	}
	m.rowIdx = make([]uint32, 0, nnz)
	m.rowVal = make([]float32, 0, nnz)
	counts := make([]int64, cols+1)
	for _, r := range rows {
		m.rowIdx = append(m.rowIdx, r.Idx...)
		m.rowVal = append(m.rowVal, r.Val...)
		for _, t := range r.Idx {
			counts[t+1]++
		}
	}
	for t := 1; t <= cols; t++ {
		counts[t] += counts[t-1]
	}
	m.colStart = counts
	m.colRow = make([]int32, nnz)
	m.colVal = make([]float32, nnz)
	m.cols = cols
	next := make([]int64, cols)
	copy(next, counts[:cols])
	// Rows are visited in order, so every column lists its rows ascending.
	for i, r := range rows {
		for j, t := range r.Idx {
			p := next[t]
			next[t]++
			m.colRow[p] = int32(i)
			w := r.Val[j]
			m.colVal[p] = w
		}
	}
	return m
}

// Rows reports the number of rows.
func (m *Matrix) Rows() int { return m.rows }

// Cols reports the number of columns.
func (m *Matrix) Cols() int { return m.cols }

// NNZ reports the number of stored entries.
func (m *Matrix) NNZ() int { return len(m.rowIdx) }

// Row returns row i; its slices alias the matrix and must not be changed.
func (m *Matrix) Row(i int) Vector {
	a, b := m.rowStart[i], m.rowStart[i+1]
	return Vector{Idx: m.rowIdx[a:b:b], Val: m.rowVal[a:b:b]}
}

// Col returns the rows holding term t and their weights, rows ascending.
func (m *Matrix) Col(t int) ([]int32, []float32) {
	if t < 0 || t >= m.cols {
		return nil, nil
	}
	a, b := m.colStart[t], m.colStart[t+1]
	return m.colRow[a:b:b], m.colVal[a:b:b]
}

// A Hit is one scored row.
type Hit struct {
	Row   int32
	Score float32
}

// better orders hits by score, then by row so results are deterministic.
func better(a, b Hit) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.Row < b.Row
}

// A TopK keeps the k best hits seen in a min-heap (the worst on top).
type TopK struct {
	k int
	h []Hit
}

// Reset empties the heap and sets its capacity to k.
func (t *TopK) Reset(k int) {
	t.k = k
	t.h = t.h[:0]
}

// Full reports whether k hits are held.
func (t *TopK) Full() bool { return len(t.h) >= t.k }

// Min returns the worst hit held; only meaningful when Full.
func (t *TopK) Min() Hit { return t.h[0] }

// Push offers a hit.
func (t *TopK) Push(x Hit) {
	if t.k <= 0 {
		return
	}
	if len(t.h) < t.k {
		t.h = append(t.h, x)
		for i := len(t.h) - 1; i > 0; {
			p := (i - 1) / 2
			if !better(t.h[p], t.h[i]) {
				break
			}
			t.h[p], t.h[i] = t.h[i], t.h[p]
			i = p
		}
		return
	}
	if !better(x, t.h[0]) {
		return
	}
	t.h[0] = x
	n := len(t.h)
	for i := 0; ; {
		l := 2*i + 1
		if l >= n {
			break
		}
		w := l
		if r := l + 1; r < n && better(t.h[l], t.h[r]) {
			w = r
		}
		if !better(t.h[i], t.h[w]) {
			break
		}
		t.h[i], t.h[w] = t.h[w], t.h[i]
		i = w
	}
}

// Sorted returns the hits held, best first, appended to dst.
func (t *TopK) Sorted(dst []Hit) []Hit {
	start := len(dst)
	dst = append(dst, t.h...)
	slices.SortFunc(dst[start:], cmpHit)
	return dst
}

// cmpHit sorts hits best first.
func cmpHit(a, b Hit) int {
	switch {
	case better(a, b):
		return -1
	case better(b, a):
		return 1
	}
	return 0
}

// A Searcher holds the scratch space for searches on one Matrix. It is
// not safe for concurrent use: give each goroutine its own.
type Searcher struct {
	m       *Matrix
	acc     []float32
	touched []int32
	top     TopK
}

// NewSearcher returns a Searcher over m.
func NewSearcher(m *Matrix) *Searcher {
	return &Searcher{m: m, acc: make([]float32, m.rows)}
}

// Search returns the k rows with the highest dot product with q, best
// first, appended to dst. Rows for which skip returns true (skip may be
// nil) and rows sharing no term with q are never returned. The result is
// exact.
//
// It accumulates every posting of q's terms into a dense array (term at
// a time) and then selects with a bounded heap. Pruning by score bounds
// (MaxScore) was tried and measured slower on 20 Newsgroups: with
// sublinear tf and L2 norms the bounds of frequent terms are loose, so
// few postings are skipped and the candidates' exact rescoring costs more
// than the postings it saves.
func (s *Searcher) Search(dst []Hit, q Vector, k int, skip func(row int32) bool) []Hit {
	m := s.m
	if k <= 0 || len(q.Idx) == 0 || m.rows == 0 {
		return dst
	}
	acc := s.acc
	touched := s.touched[:0]
	for i, t := range q.Idx {
		rows, vals := m.Col(int(t))
		w := q.Val[i]
		if w <= 0 {
			continue
		}
		for p, r := range rows {
			if acc[r] == 0 {
				touched = append(touched, r)
			}
			acc[r] += w * vals[p]
		}
	}
	s.top.Reset(k)
	for _, r := range touched {
		sc := acc[r]
		acc[r] = 0
		if skip != nil && skip(r) {
			continue
		}
		if !s.top.Full() || sc >= s.top.h[0].Score {
			s.top.Push(Hit{r, sc})
		}
	}
	s.touched = touched
	return s.top.Sorted(dst)
}

// AllPairs returns, for every row, the k rows with the highest dot
// product with it (itself excluded; rows sharing no term are never
// listed), best first. It is exact and computes each pair once: row i
// accumulates only the rows after it, and every score found is offered to
// both rows' heaps. That halves the work of a sparse X·Xᵀ, whose cost is
// the sum of squared column lengths. workers goroutines split the rows;
// each keeps its own heaps, merged at the end, so nothing is shared while
// scoring. stop is polled between chunks of rows and aborts the run
// (returning nil) when it returns true; it may be nil.
func (m *Matrix) AllPairs(k, workers int, stop func() bool) [][]Hit {
	return m.AllPairsBlend(k, workers, stop, Dense{})
}

// Dense is an optional dense part of AllPairsBlend's score: row r's
// vector is Vecs[r*Dim:(r+1)*Dim], and a pair scores
// SparseWeight·(sparse dot) + Weight·(dense dot).
type Dense struct {
	Vecs         []float32
	Dim          int
	Weight       float32
	SparseWeight float32
}

// AllPairsBlend is AllPairs for a score that adds a dense dot product to
// the sparse one (LSA vectors beside TF-IDF). Every pair then has a
// score, so each row scans all rows after it, still once per pair; pairs
// scoring 0 or less are not listed.
func (m *Matrix) AllPairsBlend(k, workers int, stop func() bool, dense Dense) [][]Hit {
	n := m.rows
	if k <= 0 || n == 0 {
		return make([][]Hit, n)
	}
	workers = max(1, min(workers, n))
	heaps := make([][]TopK, workers)
	const chunk = 32
	var next atomicInt
	var wg sync.WaitGroup
	aborted := false
	var abortMu sync.Mutex
	// One backing array per worker for its n heaps, rather than n slices
	// grown by append, spares the allocator (and, with several workers,
	// the garbage collector) ~5 allocations per row.
	kk := k
	if int64(n)*int64(k) > 1<<24 {
		kk = 0 // a huge k: let the heaps grow as hits arrive
	}
	pos := m.colPositions()
	for w := range workers {
		heaps[w] = make([]TopK, n)
		backing := make([]Hit, n*kk)
		for i := range heaps[w] {
			heaps[w][i].Reset(k)
			heaps[w][i].h = backing[i*kk : i*kk : (i+1)*kk]
		}
		wg.Add(1)
		go func(h []TopK) {
			defer wg.Done()
			acc := make([]float32, n)
			var dd []float32 // dense dot products of a block of rows
			// floor[r] is the score row r's heap requires: minScore
			// until it holds k hits, then its worst score (never below
			// minScore, since only scores reaching the floor are pushed).
			// A flat array keeps the common rejection to one load and
			// compare.
			floor := make([]float32, n)
			for i := range floor {
				floor[i] = minScore
			}
			for {
				if stop != nil && stop() {
					abortMu.Lock()
					aborted = true
					abortMu.Unlock()
					return
				}
				start := next.add(chunk) - chunk
				if start >= n {
					return
				}
				for i := start; i < min(start+chunk, n); i++ {
					if dense.Dim > 0 && (i-start)%denseBlock == 0 {
						dd = dense.block(dd, i, min(i+denseBlock, start+chunk, n), n)
					}
					m.accumulateAfter(i, acc, pos)
					if dense.Dim > 0 {
						di := dd[(i-start)%denseBlock*n : ((i-start)%denseBlock+1)*n]
						for r := i + 1; r < n; r++ {
							acc[r] = dense.SparseWeight*acc[r] + dense.Weight*di[r]
						}
					}
					// A sequential scan for the rows touched is cheaper than
					// tracking them in the accumulation loop. Nearly 90% of
					// the tail is touched on 20 Newsgroups, and nearly every
					// score falls short of both heaps once they are full, so
					// the loop is kept to that test; offering a score is a
					// call, which keeps the loop's variables in registers.
					fi := floor[i]
					tail := acc[i+1 : n]
					floors := floor[i+1 : n]
					floors = floors[:len(tail)]
					for j, s := range tail {
						if s < min(fi, floors[j]) {
							continue
						}
						fi = offer(h, floor, i, i+1+j, s, fi)
					}
					floor[i] = fi
					clear(tail)
				}
			}
		}(heaps[w])
	}
	wg.Wait()
	if aborted {
		return nil
	}
	out := make([][]Hit, n)
	for i := range out {
		h := &heaps[0][i]
		for w := 1; w < workers; w++ {
			for _, x := range heaps[w][i].h {
				h.Push(x)
			}
		}
		out[i] = h.Sorted(make([]Hit, 0, len(h.h)))
	}
	return out
}

// denseBlock is how many rows' dense dot products AllPairsBlend computes
// together: each later row's vector is read once per block rather than
// once per row, and the block's own vectors (16×64 float32 for LSA's 64
// dimensions) stay in L1. Without blocking, every row streamed all n
// vectors (4.8 MB on 20 Newsgroups) from L3 or memory.
const denseBlock = 16

// block computes the dense dot products of rows lo..hi-1 (hi-lo ≤
// denseBlock) with every row after each of them: dd[b*n+r] is row lo+b's
// with row r, for r > lo+b. Each product is Dot32's, so scores are the
// same as computing them a row at a time.
func (d Dense) block(dd []float32, lo, hi, n int) []float32 {
	if cap(dd) < denseBlock*n {
		dd = make([]float32, denseBlock*n)
	}
	dd = dd[:denseBlock*n]
	D := d.Dim
	var vs [denseBlock][]float32
	for b := range hi - lo {
		vs[b] = d.Vecs[(lo+b)*D : (lo+b+1)*D]
	}
	for r := lo + 1; r < n; r++ {
		vr := d.Vecs[r*D : (r+1)*D]
		for b := range min(hi-lo, r-lo) {
			dd[b*n+r] = Dot32(vs[b], vr)
		}
	}
	return dd
}

// minScore is the least score a pair needs to be listed: the smallest
// float32 above 1e-6. Unrelated pairs score 0, or, with a dense part,
// scatter around it; a score that is not positive relates nothing.
var minScore = math.Nextafter32(1e-6, 1)

// offer gives the score s of rows i < r to both rows' heaps in h where it
// reaches their floors (row i's being fi, which it returns updated).
func offer(h []TopK, floor []float32, i, r int, s, fi float32) float32 {
	if s >= fi {
		hi := &h[i]
		hi.Push(Hit{int32(r), s})
		if hi.Full() {
			fi = hi.h[0].Score
		}
	}
	if s >= floor[r] {
		hr := &h[r]
		hr.Push(Hit{int32(i), s})
		if hr.Full() {
			floor[r] = hr.h[0].Score
		}
	}
	return fi
}

// colPositions returns, for every stored entry in row order, its
// position in the column-major arrays. Columns list rows ascending and
// rows list terms ascending, so one pass over the columns with a cursor
// per row finds them all, in time linear in the entries.
func (m *Matrix) colPositions() []int64 {
	pos := make([]int64, len(m.rowIdx))
	cur := make([]int64, m.rows)
	copy(cur, m.rowStart[:m.rows])
	for q, r := range m.colRow {
		pos[cur[r]] = int64(q)
		cur[r]++
	}
	return pos
}

// accumulateAfter adds row i's dot products with every row after it into
// acc. pos is colPositions: the entry after row i's own in each column is
// where the rows after i start, which spares a binary search per term.
func (m *Matrix) accumulateAfter(i int, acc []float32, pos []int64) {
	a, b := m.rowStart[i], m.rowStart[i+1]
	idx, val, at := m.rowIdx[a:b], m.rowVal[a:b], pos[a:b]
	for p, t := range idx {
		w := val[p]
		start, end := at[p]+1, m.colStart[t+1]
		rows := m.colRow[start:end]
		vals := m.colVal[start:end]
		vals = vals[:len(rows)]
		// Unrolled by four: a column's rows are distinct, so the four
		// read-modify-writes are independent and overlap, and each acc[r]
		// still gets its terms' products in the same order.
		q := 0
		for ; q+4 <= len(rows); q += 4 {
			rs, vs := rows[q:q+4:q+4], vals[q:q+4:q+4]
			acc[rs[0]] += w * vs[0]
			acc[rs[1]] += w * vs[1]
			acc[rs[2]] += w * vs[2]
			acc[rs[3]] += w * vs[3]
		}
		for ; q < len(rows); q++ {
			acc[rows[q]] += w * vals[q]
		}
	}
}

// Dot32 is the inner product of two dense vectors of equal length, with
// four accumulators so the additions pipeline.
func Dot32(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}
