package ner

import "math"

// The decoding byline's NERModel uses, chosen on the held-out folds of
// 5-fold cross-validation over CoNLL-2003 and Worldwide train with the
// shipped settings (train-ner -cv 5 -repairs -beams ...): after the
// default repairs, 89.51 against greedy decoding's 89.36 on CoNLL's
// folds (four of five higher) and 75.11 against 74.54 on Worldwide's
// (all five). A beam of 4 scored 89.52 and 75.19 at more cost; a
// temperature of 32 or 64 less on one corpus or the other.
const (
	Beam            = 2
	BeamTemperature = 48
	BeamPrune       = 10
)

// Temperature is the beam temperature the model was saved to decode at
// (train-ner -beam-temperature), or the package's BeamTemperature for a
// model saved without one.
func (m *Model) Temperature() float64 {
	if m.beamTemp > 0 {
		return m.beamTemp
	}
	return BeamTemperature
}

// WithBeam returns a copy of m that decodes with a beam of k hypotheses
// per sentence instead of greedily (k ≤ 1). The tagger's features look at
// the two previous classes and at what earlier mentions of a word were
// tagged, so exact Viterbi does not apply; each hypothesis carries its
// own history, and of hypotheses ending in the same two classes only the
// best is kept. A two-pass model decodes both passes so.
//
// The perceptron was trained greedily, so its raw scores are comparable
// between classes of one token and one history but not between
// histories (a history never met in training has no weights at all; a
// beam over raw scores falls to 10 F1). Each step's scores are therefore
// log-probabilities of a softmax over the legal classes at temperature
// t (in the model's weight units, t > 0), and a hypothesis sums them.
// With prune > 0, classes more than prune nats below a step's best are
// not followed.
func (m *Model) WithBeam(k int, t, prune float64) *Model {
	c := *m
	c.beam = k
	c.beamTemp = t
	c.beamPrune = prune
	if t <= 0 || k < 1 {
		c.beam = 1
	}
	return &c
}

// hyp is one partial tagging of a sentence: its class at position i,
// the hypothesis it extends at i-1, its total score and its previous
// two classes.
type hyp struct {
	score  float64
	parent int32
	class  int32
	p2     int32
}

// passWeights is one pass's weights as decoding reads them: a look-up
// from feature hash to row, rows of width weights of which this pass's
// nc start at base, and the scale of their quantisation. trans holds
// the summed weights of the features of the previous two classes alone
// (transFeatures), the same at every token: nc for each pair, p1 after
// p2, at trans[(p2·(nc+1)+p1)·nc:] (see withTrans).
type passWeights struct {
	get    func(uint64) (int32, bool)
	getAll func(keys []uint64, rows []int32, probe []uint64)
	w      []int16
	width  int
	base   int
	scale  float32
	trans  []int32
}

// withTrans returns pw with trans filled in for nc classes (and the
// sentence start, class nc).
func (pw passWeights) withTrans(nc int) passWeights {
	pw.trans = make([]int32, (nc+1)*(nc+1)*nc)
	var fs []uint64
	for p2 := 0; p2 <= nc; p2++ {
		for p1 := 0; p1 <= nc; p1++ {
			sums := pw.transSums(nc, p1, p2)
			fs = transFeatures(fs[:0], p1, p2)
			for _, f := range fs {
				if r, ok := pw.get(f); ok {
					o := int(r)*pw.width + pw.base
					addRow(sums, pw.w[o:o+nc])
				}
			}
		}
	}
	return pw
}

// transSums returns the summed weights of transFeatures(p1, p2).
func (pw *passWeights) transSums(nc, p1, p2 int) []int32 {
	o := (p2*(nc+1) + p1) * nc
	return pw.trans[o : o+nc]
}

// passes returns the weights of the model's passes in order: the joint
// table's when loaded (built with it), else the training-time tables'.
func (m *Model) passes() []passWeights {
	if j := m.joint; j != nil {
		return j.pws
	}
	nc := len(m.classes)
	ps := []passWeights{passWeights{get: m.index.get, getAll: m.index.getAll, w: m.w, width: nc, scale: m.scale}.withTrans(nc)}
	if m.second != nil {
		ps = append(ps, passWeights{get: m.second.index.get, getAll: m.second.index.getAll, w: m.second.w, width: nc, scale: m.second.scale}.withTrans(nc))
	}
	return ps
}

// decodeBeam tags every sentence with a beam of m.beam hypotheses over
// the first pass's weights, and with a second pass, again over the
// second's with the first's output as its document-level features.
//
// Over the joint table a static feature's row holds both passes'
// weights, so the first pass sums both halves and keeps the second's
// sums for it: each feature is looked up once, not once per pass.
func (m *Model) decodeBeam(d *docInfo) [][]int {
	ps := m.passes()
	if len(ps) == 1 {
		return m.beamPass(d, ps[0], nil, nil, nil)
	}
	var second []int32 // the second pass's static scores, nc per token of the document
	keep := &second
	if m.joint == nil {
		keep = nil
	}
	cs := m.beamPass(d, ps[0], nil, keep, nil)
	return m.beamPass(d, ps[1], aggregates(d, cs, len(m.types)), nil, second)
}

// beamPass tags every sentence with a beam over one pass's weights; agg
// holds extra features per token (the second pass's), or nil. Static
// features are scored once per token; only the features of the tag
// history are scored per hypothesis. If keep is not nil, the pass's rows
// are followed by the next pass's nc weights, whose static sums are
// appended to *keep (nc per token); if statics is not nil, it holds
// this pass's static sums, so kept, and no feature is looked up.
func (m *Model) beamPass(d *docInfo, pw passWeights, agg [][][]uint64, keep *[]int32, statics []int32) [][]int {
	out := make([][]int, len(d.sents))
	hist := make(map[uint64]int, len(d.ctx)) // a type per capitalised word
	nc := len(m.classes)
	k := m.beam
	dyn := make([]int32, nc)
	var fs []uint64
	var lattice [][]hyp
	var store []hyp
	get, w, width, base := pw.get, pw.w, pw.width, pw.base
	addRow := func(scores []int32, f uint64) {
		r, ok := get(f)
		if !ok {
			return
		}
		o := int(r)*width + base
		addRow(scores, w[o:o+nc])
	}
	inv := float64(pw.scale) / m.beamTemp
	one := map[uint64]int{}
	span := nc // static sums per token the scorer gives
	if keep != nil {
		span = 2 * nc
	}
	// Each previous class's legal successors, in order: the loops over a
	// step's classes go over these alone (two after B- or I-, not nc).
	legal := legalNext(m.allowed)
	followed := make([]int32, 0, nc)
	var ss staticScorer
	if statics == nil {
		ss = m.newStaticScorer(pw, span)
		defer ss.release()
	}
	var sentStatics []int32
	for si, ts := range d.sents {
		stride := nc
		if statics != nil {
			sentStatics, statics = statics[:nc*len(ts)], statics[nc*len(ts):]
		} else {
			sentStatics, stride = ss.sentence(m, d, si, d.gazetteer(m, si)), span
			if keep != nil {
				for i := range ts {
					*keep = append(*keep, sentStatics[i*span+nc:i*span+2*nc]...)
				}
			}
		}
		lattice = lattice[:0]
		// One block of k hypotheses per token: next is filled in place.
		if cap(store) < k*len(ts) {
			store = make([]hyp, k*len(ts))
		}
		store = store[:k*len(ts)]
		prev := []hyp{{parent: -1, class: int32(nc), p2: int32(nc)}}
		for i := range ts {
			t := &ts[i]
			static := sentStatics[i*stride : i*stride+nc]
			if agg != nil {
				for _, f := range agg[si][i] {
					addRow(static, f)
				}
			}
			next := store[i*k : i*k : i*k+k]
			for hi := range prev {
				h := &prev[hi]
				copy(dyn, static)
				// The history of this hypothesis: the document's so far,
				// overridden by this sentence's earlier words on its path.
				hs := hist
				if t.cap {
					if ty, ok := pathHist(lattice, ts, i, int32(hi), t.hLow); ok {
						clear(one)
						one[t.hLow] = ty
						hs = one
					}
				}
				addSums(dyn, pw.transSums(nc, int(h.class), int(h.p2)))
				fs = tokenDynFeatures(fs[:0], t, int(h.class), hs)
				for _, f := range fs {
					addRow(dyn, f)
				}
				succ := legal[h.class]
				best := int32(math.MinInt32)
				for _, c := range succ {
					best = max(best, dyn[c])
				}
				// Classes below the best by more than prune nats are not
				// followed (nor counted in the softmax: they add at most
				// nc·e^-prune to it). Most tokens have one class left,
				// and the beam costs little more than greedy decoding.
				cut := int32(math.MinInt32)
				if m.beamPrune > 0 {
					cut = best - int32(m.beamPrune/inv)
				}
				// log Σ exp((s - best)·inv) over the classes followed,
				// which are noted so that only they are gone over again.
				lse := 0.0
				followed = followed[:0]
				for _, c := range succ {
					if dyn[c] >= cut {
						followed = append(followed, c)
						if dyn[c] != best {
							lse += math.Exp(float64(dyn[c]-best) * inv)
						}
					}
				}
				if len(followed) > 1 {
					lse = math.Log1p(lse)
				}
				for _, c := range followed {
					step := float64(dyn[c]-best)*inv - lse
					next = insert(next, k, hyp{score: h.score + step, parent: int32(hi), class: c, p2: h.class})
				}
			}
			lattice = append(lattice, next)
			prev = next
		}
		cs := make([]int, len(ts))
		for i, hi := len(ts)-1, int32(0); i >= 0; i-- {
			h := lattice[i][hi]
			cs[i] = int(h.class)
			hi = h.parent
		}
		for i := range ts {
			record(hist, &ts[i], cs[i])
		}
		out[si] = cs
	}
	return out
}

// legalNext lists, for each previous class p, the classes c with
// allowed[p][c], in increasing order.
func legalNext(allowed [][]bool) [][]int32 {
	n := 0
	for _, a := range allowed {
		for _, ok := range a {
			if ok {
				n++
			}
		}
	}
	all := make([]int32, 0, n)
	out := make([][]int32, len(allowed))
	for p, a := range allowed {
		start := len(all)
		for c, ok := range a {
			if ok {
				all = append(all, int32(c))
			}
		}
		out[p] = all[start:len(all):len(all)]
	}
	return out
}

// pathHist finds the type the nearest earlier word of the sentence with
// hash low was given on the path through lattice that ends, at position
// i-1, in hypothesis hi.
func pathHist(lattice [][]hyp, ts []tok, i int, hi int32, low uint64) (int, bool) {
	for j := i - 1; j >= 0 && hi >= 0; j-- {
		h := lattice[j][hi]
		if ts[j].hLow == low && ts[j].cap && hasLetter(ts[j].w) {
			ty, _ := classType(int(h.class))
			return ty, true
		}
		hi = h.parent
	}
	return 0, false
}

// insert adds h to next, the best hypotheses so far (at most k, best
// first), unless next is full of better ones or holds a better one with
// the same two last classes; a worse one with them gives way. Ties keep
// the earlier hypothesis, so a beam of one is greedy decoding.
func insert(next []hyp, k int, h hyp) []hyp {
	for j := range next {
		if next[j].class == h.class && next[j].p2 == h.p2 {
			if next[j].score >= h.score {
				return next
			}
			// Remove the worse duplicate; h goes in below.
			next = append(next[:j], next[j+1:]...)
			break
		}
	}
	if len(next) == k {
		if next[k-1].score >= h.score {
			return next
		}
		next = next[:k-1]
	}
	j := len(next)
	for j > 0 && next[j-1].score < h.score {
		j--
	}
	// Shifted by hand: next holds at most a beam's few hypotheses, too
	// few for copy's call to memmove to pay.
	next = append(next, hyp{})
	for m := len(next) - 1; m > j; m-- {
		next[m] = next[m-1]
	}
	next[j] = h
	return next
}
