package ner

import (
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"

	"github.com/byline-nlp/byline/internal/conlleval"
)

// A Doc is one labelled training or evaluation document: sentences of
// words and their IOB1 or IOB2 tags.
type Doc struct {
	Words [][]string
	Tags  [][]string
	// Weight scales the perceptron's updates on this document, so that
	// one corpus can count for more than another (0 means 1).
	Weight float32
}

// Options controls training. The zero value trains with the defaults.
type Options struct {
	Epochs   int               // passes over the training data (default 12)
	MinCount int               // a feature must occur this often in training to get a weight (default 2)
	Seed     int64             // shuffles the documents between epochs
	Clusters map[string]uint64 // word clusters (see PackClusters); may be nil
	// Gazetteers are extra lists of phrases by category (e.g. "country"),
	// compiled into the model; phrases are space-separated tokens.
	Gazetteers map[string][]string
	Dev        []Doc // if set, scored after every epoch; the best epoch is kept
	Prune      int   // quantised weights (of ±32000) with smaller magnitude are dropped (default 32)
	// Margin, if > 0, makes training update also when the gold class
	// wins by less than this (its score minus the best other legal
	// class's, in the unaveraged weights, where one update moves a
	// feature's weight by the document's Weight): a margin perceptron,
	// which keeps pushing classes apart on tokens it already gets right.
	Margin float64
	Folds  int // > 1: train a second pass on jackknifed first-pass output, in this many folds
	// Beam, BeamTemperature and BeamPrune say how the jackknifed first
	// passes decode the documents they did not see (see Model.WithBeam):
	// as the model will be used, so that the second pass learns how far
	// to trust what it will be given. Beam ≤ 1 decodes greedily.
	Beam                       int
	BeamTemperature, BeamPrune float64
	Log                        func(format string, args ...any) // progress; may be nil
	// Progress, when set, is called as training goes with the documents
	// done and due in the current pass (counting every epoch of it).
	Progress func(done, total int)
	docs     []Doc // the training documents, set by Train

	// TypeLexicon gives capitalised words their usual type and how sure
	// it is, as codes made by TypeCounts.Lexicon; may be nil.
	TypeLexicon map[string]uint8
	// SelfTrain, if set, is given a first model trained on the same
	// documents without it and sets the options of the model then
	// trained (typically TypeLexicon, made by tagging unlabelled text
	// with the first model; see trainSelf).
	SelfTrain func(first *Model, next *Options) error
}

func (o *Options) weight(di int) float32 {
	if w := o.docs[di].Weight; w > 0 {
		return w
	}
	return 1
}

// PackClusters packs a word's cluster ids at three granularities (coarse
// to fine, each < 2^20) into the form Options.Clusters takes.
func PackClusters(fine, mid, coarse int) uint64 {
	return uint64(fine+1) | uint64(mid+1)<<20 | uint64(coarse+1)<<40
}

// spans chunks IOB1 or IOB2 tags as conlleval does and returns
// [start, end) token ranges with their types.
type span struct {
	start, end int
	typ        string
}

func chunks(tags []string) []span {
	var out []span
	prevTag, prevType := "O", ""
	for i, t := range tags {
		tag, typ := t, ""
		if j := strings.IndexByte(t, '-'); j >= 0 {
			tag, typ = t[:j], t[j+1:]
		}
		if tag == "O" {
			typ = ""
		}
		start := tag == "B" || (tag != "O" && (prevTag == "O" || prevType != typ))
		if start {
			out = append(out, span{i, i + 1, typ})
		} else if tag != "O" && len(out) > 0 {
			out[len(out)-1].end = i + 1
		}
		prevTag, prevType = tag, typ
	}
	return out
}

type trainer struct {
	m     *Model
	nc    int
	index map[uint64]int32
	w, u  []float32
	c     float32
	prune int16
	opts  Options
	logf  func(string, ...any)
}

func (tr *trainer) row(f uint64, create bool) int32 {
	r, ok := tr.index[f]
	if ok || !create {
		if !ok {
			return -1
		}
		return r
	}
	r = int32(len(tr.index))
	tr.index[f] = r
	tr.w = append(tr.w, make([]float32, tr.nc)...)
	tr.u = append(tr.u, make([]float32, tr.nc)...)
	return r
}

// Train learns a model from labelled documents.
func Train(docs []Doc, opts Options) (*Model, error) {
	if opts.SelfTrain != nil {
		return trainSelf(docs, opts)
	}
	if opts.Epochs <= 0 {
		opts.Epochs = 12
	}
	if opts.MinCount <= 0 {
		opts.MinCount = 2
	}
	if opts.Prune <= 0 || opts.Prune > 32000 {
		opts.Prune = 32
	}
	logf := opts.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	opts.docs = docs
	typeSet := map[string]bool{}
	ntok := 0
	for di, d := range docs {
		if len(d.Words) != len(d.Tags) {
			return nil, fmt.Errorf("ner: train: document %d: %d sentences but %d tag rows", di, len(d.Words), len(d.Tags))
		}
		for si := range d.Words {
			if len(d.Words[si]) != len(d.Tags[si]) {
				return nil, fmt.Errorf("ner: train: document %d sentence %d: %d words but %d tags", di, si, len(d.Words[si]), len(d.Tags[si]))
			}
			ntok += len(d.Words[si])
			for _, s := range chunks(d.Tags[si]) {
				if s.typ == "" {
					return nil, fmt.Errorf("ner: train: document %d sentence %d: entity without a type", di, si)
				}
				typeSet[s.typ] = true
			}
		}
	}
	if len(typeSet) == 0 {
		return nil, fmt.Errorf("ner: train: no entities in %d documents", len(docs))
	}
	var types []string
	for t := range typeSet {
		types = append(types, t)
	}
	sort.Strings(types)
	m := &Model{types: types, classes: bilouClasses(types), clusters: withTypeLexicon(opts.Clusters, opts.TypeLexicon)}
	m.buildClusters()
	m.allowed = transitions(len(m.classes))
	typeIdx := map[string]int{}
	for i, t := range types {
		typeIdx[t] = i
	}
	logf("train: %d documents, %d tokens, types %v", len(docs), ntok, types)

	// Gazetteers: each type's names from the training data, the single
	// words of multi-word names, and the given lists.
	m.gazCats = append([]string(nil), types...)
	for _, t := range types {
		m.gazCats = append(m.gazCats, t+"-word")
	}
	var extCats []string
	for c := range opts.Gazetteers {
		extCats = append(extCats, c)
	}
	sort.Strings(extCats)
	m.gazCats = append(m.gazCats, extCats...)
	if len(m.gazCats) > 31 {
		return nil, fmt.Errorf("ner: train: %d gazetteer categories, at most 31", len(m.gazCats))
	}
	m.gaz = map[uint64]uint32{}
	m.gazPrefixes = map[uint64]bool{}
	docCount := map[uint64][]uint16{}
	contrib := make([]map[uint64]uint32, len(docs))
	for di, d := range docs {
		own := map[uint64]uint32{}
		for si := range d.Words {
			for _, s := range chunks(d.Tags[si]) {
				ws := d.Words[si][s.start:s.end]
				if s.end-s.start <= maxGazLen {
					own[gazKey(ws)] |= 1 << typeIdx[s.typ]
					m.addPrefixes(ws)
				}
				if len(ws) > 1 {
					for _, w := range ws {
						own[gazKey([]string{w})] |= 1 << (len(types) + typeIdx[s.typ])
					}
				}
			}
		}
		for k, mask := range own {
			cnt := docCount[k]
			if cnt == nil {
				cnt = make([]uint16, 2*len(types))
				docCount[k] = cnt
			}
			for b := range cnt {
				if mask&(1<<b) != 0 && cnt[b] < math.MaxUint16 {
					cnt[b]++
				}
			}
			m.gaz[k] |= mask
		}
		contrib[di] = own
	}
	// Leave-one-out: a name only this document contributes is hidden
	// from it during training.
	for di, own := range contrib {
		skip := map[uint64]uint32{}
		for k, mask := range own {
			cnt := docCount[k]
			var s uint32
			for b := range cnt {
				if mask&(1<<b) != 0 && cnt[b] == 1 {
					s |= 1 << b
				}
			}
			if s != 0 {
				skip[k] = s
			}
		}
		contrib[di] = skip
	}
	for ci, c := range extCats {
		bit := uint32(1) << (2*len(types) + ci)
		for _, p := range opts.Gazetteers[c] {
			ws := strings.Fields(p)
			if len(ws) == 0 || len(ws) > maxGazLen {
				continue
			}
			m.gaz[gazKey(ws)] |= bit
			m.addPrefixes(ws)
		}
	}
	logf("train: gazetteer of %d phrases in %d categories", len(m.gaz), len(m.gazCats))
	m.build()

	// Document views and gazetteer features (leave-one-out), once.
	infos := make([]*docInfo, len(docs))
	golds := make([][][]int, len(docs))
	for di, d := range docs {
		info := m.prepare(d.Words)
		info.gaz = make([][][]uint64, len(info.sents))
		golds[di] = make([][]int, len(info.sents))
		for si, ts := range info.sents {
			info.gaz[si] = m.gazFeatures(ts, contrib[di])
			golds[di][si] = goldClasses(d.Tags[si], typeIdx)
		}
		infos[di] = info
	}
	all := make([]int, len(docs))
	for i := range all {
		all[i] = i
	}
	var devEval func(*Model) float64
	if len(opts.Dev) > 0 {
		devEval = func(c *Model) float64 { return Score(c, opts.Dev).F1 }
	}
	logf("train: first pass")
	first, bestEpoch := trainPass(m, infos, golds, all, nil, opts.Epochs, opts, devEval, logf)
	if opts.Folds < 2 {
		return first, nil
	}
	// The second pass learns from the first pass's output. On training
	// documents that output comes from first-pass models that did not
	// see them (jackknifing), so it is as fallible as on new text.
	aggs := make([][][][]uint64, len(docs))
	for k := 0; k < opts.Folds; k++ {
		var in, out []int
		for di := range docs {
			if di%opts.Folds == k {
				out = append(out, di)
			} else {
				in = append(in, di)
			}
		}
		logf("train: fold %d/%d for the second pass (%d epochs)", k+1, opts.Folds, bestEpoch)
		fm, _ := trainPass(m, infos, golds, in, nil, bestEpoch, opts, nil, func(string, ...any) {})
		// Decoded as the shipped model decodes, so that the second pass
		// learns how far to trust the output it will see.
		fb := fm.WithBeam(opts.Beam, opts.BeamTemperature, opts.BeamPrune)
		for _, di := range out {
			aggs[di] = aggregates(infos[di], fb.decodeBeam(infos[di]), len(types))
		}
	}
	logf("train: second pass")
	var devEval2 func(*Model) float64
	if devEval != nil {
		devEval2 = func(c *Model) float64 {
			both := *first
			both.second = c
			return devEval(&both)
		}
	}
	second, _ := trainPass(m, infos, golds, all, aggs, opts.Epochs, opts, devEval2, logf)
	both := *first
	both.second = second
	if devEval != nil {
		logf("train: dev F1 %.2f with one pass, %.2f with two", devEval(first), devEval(&both))
	}
	return &both, nil
}

// trainPass trains one pass's weights on the documents in use; aggs, if
// not nil, adds second-pass features. With devEval it keeps the epoch
// that scores best and returns it.
func trainPass(m *Model, infos []*docInfo, golds [][][]int, use []int, aggs [][][][]uint64, epochs int, opts Options, devEval func(*Model) float64, logf func(string, ...any)) (*Model, int) {
	weights := make([]float32, len(infos))
	for di := range infos {
		weights[di] = opts.weight(di)
	}
	feats := make([][][][]uint64, len(infos))
	counts := map[uint64]int32{}
	for _, di := range use {
		info := infos[di]
		feats[di] = make([][][]uint64, len(info.sents))
		for si, ts := range info.sents {
			feats[di][si] = make([][]uint64, len(ts))
			for i := range ts {
				fs := m.staticFeatures(nil, info, si, i, info.gaz[si][i])
				if aggs != nil {
					fs = append(fs, aggs[di][si][i]...)
				}
				feats[di][si][i] = fs
				for _, f := range fs {
					counts[f]++
				}
			}
		}
	}
	tr := &trainer{m: m, nc: len(m.classes), index: map[uint64]int32{}, opts: opts, logf: logf, prune: int16(opts.Prune)}
	for f, n := range counts {
		if int(n) >= opts.MinCount {
			tr.row(f, true)
		}
	}
	counts = nil
	logf("train: %d static features kept (min count %d)", len(tr.index), opts.MinCount)

	rng := rand.New(rand.NewSource(opts.Seed))
	order := append([]int(nil), use...)
	nc := tr.nc
	scores := make([]float32, nc)
	rows := make([]int32, 0, 128)
	var dyn []uint64
	var best *Model
	bestF, bestEpoch := -1.0, epochs
	for ep := 1; ep <= epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		marginSum, marginN, marginUpd := 0.0, 0, 0 // gold's lead on tokens it wins, with Margin; updates within it
		for oi, di := range order {
			if opts.Progress != nil {
				opts.Progress((ep-1)*len(order)+oi, epochs*len(order))
			}
			info := infos[di]
			hist := map[uint64]int{}
			a := weights[di]
			for si, ts := range info.sents {
				p1, p2 := nc, nc
				for i := range ts {
					tr.c++
					dyn = dynFeatures(dyn[:0], &ts[i], p1, p2, hist)
					rows = rows[:0]
					for _, f := range feats[di][si][i] {
						if r, ok := tr.index[f]; ok {
							rows = append(rows, r)
						}
					}
					for c := range scores {
						scores[c] = 0
					}
					for _, r := range rows {
						for c, v := range tr.w[int(r)*nc : int(r)*nc+nc] {
							scores[c] += v
						}
					}
					for _, f := range dyn {
						if r, ok := tr.index[f]; ok {
							for c, v := range tr.w[int(r)*nc : int(r)*nc+nc] {
								scores[c] += v
							}
						}
					}
					pred := -1
					for c := range scores {
						if m.allowed[p1][c] && (pred < 0 || scores[c] > scores[pred]) {
							pred = c
						}
					}
					gold := golds[di][si][i]
					total++
					// rival is the class the update moves weight from: the
					// prediction if it is wrong; with a margin, the best
					// other legal class if it comes within the margin.
					rival := pred
					if pred != gold {
						errs++
					} else if r, lead, ok := runnerUp(opts.Margin, scores, gold, m.allowed[p1]); ok {
						marginSum += lead
						marginN++
						if lead < opts.Margin {
							rival = r
							marginUpd++
						}
					}
					if rival != gold {
						for _, r := range rows {
							tr.update(r, gold, rival, a)
						}
						for _, f := range dyn {
							tr.update(tr.row(f, true), gold, rival, a)
						}
					}
					record(hist, &ts[i], pred)
					p2, p1 = p1, pred
				}
			}
		}
		msg := fmt.Sprintf("epoch %d: %d/%d training tokens wrong (%.2f%%), %d features", ep, errs, total, 100*float64(errs)/float64(total), len(tr.index))
		if marginN > 0 {
			msg += fmt.Sprintf(", gold leads by %.1f on average where it wins, by less than the margin on %d", marginSum/float64(marginN), marginUpd)
		}
		if devEval == nil {
			logf("%s", msg)
			if ep == epochs {
				best = tr.finish()
			}
			continue
		}
		cand := tr.finish()
		f1 := devEval(cand)
		logf("%s; dev F1 %.2f", msg, f1)
		if f1 > bestF {
			best, bestF, bestEpoch = cand, f1, ep
		}
	}
	if opts.Progress != nil {
		opts.Progress(epochs*len(order), epochs*len(order))
	}
	logf("train: pass has %d features", len(best.keys))
	return best, bestEpoch
}

// update moves weight a from the predicted class to the gold one, and
// keeps the running sums that averaging needs.
func (tr *trainer) update(r int32, gold, pred int, a float32) {
	o := int(r) * tr.nc
	tr.w[o+gold] += a
	tr.u[o+gold] += tr.c * a
	tr.w[o+pred] -= a
	tr.u[o+pred] -= tr.c * a
}

// finish averages the weights, drops features whose weights all round to
// zero, and quantises the rest to 16 bits.
func (tr *trainer) finish() *Model {
	nc := tr.nc
	avg := make([]float32, len(tr.w))
	var maxAbs float32
	for i := range tr.w {
		v := tr.w[i] - tr.u[i]/tr.c
		avg[i] = v
		if a := float32(math.Abs(float64(v))); a > maxAbs {
			maxAbs = a
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 32000
	m := *tr.m
	m.scale = scale
	m.keys = make([]uint64, 0, len(tr.index)/2)
	m.w = make([]int16, 0, len(tr.w)/2)
	row := make([]int16, nc)
	for f, r := range tr.index {
		nz := false
		for c := 0; c < nc; c++ {
			q := int16(math.Round(float64(avg[int(r)*nc+c] / scale)))
			// Weights this small next to the largest do not change
			// decisions; dropping them keeps the model small.
			if q > -tr.prune && q < tr.prune {
				q = 0
			}
			row[c] = q
			nz = nz || q != 0
		}
		if !nz {
			continue
		}
		m.keys = append(m.keys, f)
		m.w = append(m.w, row...)
	}
	m.build()
	return &m
}

func goldClasses(tags []string, typeIdx map[string]int) []int {
	out := make([]int, len(tags))
	for _, s := range chunks(tags) {
		base := 1 + 4*typeIdx[s.typ]
		if s.end-s.start == 1 {
			out[s.start] = base + 3
			continue
		}
		out[s.start] = base
		for i := s.start + 1; i < s.end-1; i++ {
			out[i] = base + 1
		}
		out[s.end-1] = base + 2
	}
	return out
}

// Score tags docs with m and scores the result with conlleval.
func Score(m *Model, docs []Doc) conlleval.Result {
	e := conlleval.New()
	for _, d := range docs {
		pred := m.Tag(d.Words)
		for si := range d.Words {
			for i, w := range d.Words[si] {
				e.Add(w, d.Tags[si][i], pred[si][i])
			}
			e.Boundary()
		}
	}
	return e.Result()
}

// FromCoNLL converts a parsed CoNLL file to training documents.
func FromCoNLL(f *conlleval.File) []Doc {
	docs := make([]Doc, len(f.Documents))
	for i, d := range f.Documents {
		for _, s := range d.Sentences {
			docs[i].Words = append(docs[i].Words, s.Words)
			docs[i].Tags = append(docs[i].Tags, s.Tags)
		}
	}
	return docs
}

// runnerUp returns, for a margin perceptron (margin > 0), the best legal
// class other than gold and how far gold leads it; ok is false without a
// margin or when gold is the only legal class.
func runnerUp(margin float64, scores []float32, gold int, allowed []bool) (rival int, lead float64, ok bool) {
	if margin <= 0 {
		return 0, 0, false
	}
	rival = -1
	for c := range scores {
		if c != gold && allowed[c] && (rival < 0 || scores[c] > scores[rival]) {
			rival = c
		}
	}
	if rival < 0 {
		return 0, 0, false
	}
	return rival, float64(scores[gold] - scores[rival]), true
}
