package quotes

import "math"

// A Model is a logistic regression over a quotation-mark segment's
// features (which the root package computes, in its own fixed order)
// that tells attributed speech from scare quotes, titles and nicknames.
type Model struct {
	Weights   []float64
	Threshold float64 // keep segments whose probability is at least this
}

// Prob returns the probability that the segment with features f is a
// quote. Features beyond the weights are ignored, so that an older
// weight vector still loads.
func (m *Model) Prob(f []float64) float64 {
	z := 0.0
	ws := m.Weights[:min(len(m.Weights), len(f))]
	f = f[:len(ws)] // the same sum, without a test per weight
	for i, w := range ws {
		z += w * f[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// Train fits a model by full-batch gradient descent with L2
// regularisation on features xs and 0/1 labels ys. It is deterministic.
func Train(xs [][]float64, ys []bool, epochs int, rate, l2 float64) *Model {
	if len(xs) == 0 {
		return &Model{}
	}
	n := len(xs[0])
	w := make([]float64, n)
	g := make([]float64, n)
	// Adagrad keeps rare binary features learning at the same pace.
	h := make([]float64, n)
	for e := 0; e < epochs; e++ {
		for i := range g {
			g[i] = l2 * w[i]
		}
		for k, x := range xs {
			z := 0.0
			for i, v := range x {
				z += w[i] * v
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if ys[k] {
				y = 1
			}
			d := (p - y) / float64(len(xs))
			for i, v := range x {
				g[i] += d * v
			}
		}
		for i := range w {
			h[i] += g[i] * g[i]
			w[i] -= rate * g[i] / (math.Sqrt(h[i]) + 1e-8)
		}
	}
	return &Model{Weights: w, Threshold: 0.5}
}
