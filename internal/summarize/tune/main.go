// Command tune learns the default summary method's weights on the dev
// halves of CNN/DailyMail and BBC News Summary, by coordinate ascent on
// the mean ROUGE-1 + ROUGE-2 F of the 3-sentence summaries, and reports
// k-fold cross-validated scores so the weights are not judged on the
// articles they were fit to. BBC articles that repeat an earlier dev
// article's body (listed in the data README) are left out of fitting and
// of cross-validation.
//
// Each summary style is fit on its own corpus: the highlights style on
// CNN (-proc cnnonly), the extract style on BBC (-proc bbconly):
//
//	go run ./internal/summarize/tune -cnn ../shared/data/summarization/cnndm/dev.jsonl \
//	    -folds 3 -scratch -rounds 8 -proc cnnonly -name Highlights
//	go run ./internal/summarize/tune -bbc ../shared/data/summarization/bbc/dev.jsonl \
//	    -folds 3 -scratch -rounds 5 -proc bbconly -name Extract
//
// It prints the weights as Go source for internal/summarize/weights.go.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/rouge"
	"github.com/byline-nlp/byline/internal/summarize"
	"github.com/byline-nlp/byline/internal/summeval"
)

// bbcDuplicates are the dev articles whose body repeats an earlier one.
var bbcDuplicates = strings.Fields(`business_253 business_333 business_365 entertainment_069 entertainment_127
entertainment_145 entertainment_235 entertainment_261 entertainment_273 entertainment_335 politics_285 politics_287
politics_299 politics_311 politics_321 politics_341 politics_351 politics_359 sport_387 sport_471 sport_509 tech_159
tech_175 tech_179 tech_185 tech_215 tech_233 tech_291 tech_303 tech_315 tech_317 tech_321 tech_323 tech_327 tech_333
tech_373 tech_393`)

// item is one article, precomputed for fast scoring.
type item struct {
	src    string
	f      [][summarize.NumFeatures]float64
	vecs   any // the summarizer's content vectors, passed back to Select
	words  []int
	skip0  int
	blocks []summarize.Block // summarize.Blocks, or nil when no sentence is Free
	toks   [][]int32         // per sentence: ROUGE token ids
	ref1   map[int32]int
	ref2   map[uint64]int
	n1, n2 int
	// Fast scoring: the cosines between sentences, and per sentence the
	// reference grams it holds as (slot, count) pairs.
	cos        []float64
	refc       []int32 // per slot: the reference's count (unigram slots first)
	nu         int     // unigram slots
	s1, s2     [][][2]int32
	first      []int32 // per sentence: first and last token id (-1: none)
	last       []int32
	bigramSlot map[uint64]int32
}

var vocab = map[string]int32{}

func ids(toks []string) []int32 {
	out := make([]int32, len(toks))
	for i, t := range toks {
		id, ok := vocab[t]
		if !ok {
			id = int32(len(vocab))
			vocab[t] = id
		}
		out[i] = id
	}
	return out
}

func input(doc *byline.Document) *summarize.Input {
	in := &summarize.Input{Title: doc.TitleTokens}
	for _, s := range doc.Sentences {
		in.Sentences = append(in.Sentences, summarize.Sentence{Tokens: s.Tokens, Paragraph: s.Paragraph})
	}
	return in
}

func prepare(p summeval.Pair) *item {
	in := input(p.Doc)
	it := &item{src: p.Source}
	f, vecs := summarize.Features(in)
	it.f, it.vecs = f, vecs
	if b := summarize.Blocks(in, f); !summarize.AllBlocked(b) {
		it.blocks = b
	}
	it.skip0 = summarize.Dateline(in.Sentences[0].Tokens)
	for i, s := range in.Sentences {
		w := summarize.Words(s.Tokens)
		span := p.Doc.Sentences[i].Span
		if i == 0 {
			w -= summarize.Words(s.Tokens[:it.skip0])
			if it.skip0 > 0 {
				span.Start = p.Doc.Sentences[0].Tokens[it.skip0].Start
			}
		}
		it.words = append(it.words, w)
		it.toks = append(it.toks, ids(rouge.Tokenize(span.Of(p.Doc.Body))))
	}
	ref := ids(rouge.Tokenize(p.Reference))
	it.ref1, it.ref2 = map[int32]int{}, map[uint64]int{}
	for i, t := range ref {
		it.ref1[t]++
		if i > 0 {
			it.ref2[uint64(ref[i-1])<<32|uint64(uint32(t))]++
		}
	}
	it.n1, it.n2 = len(ref), max(len(ref)-1, 0)
	it.cos = summarize.Cosines(vecs)
	uslot := map[int32]int32{}
	for k, v := range it.ref1 {
		uslot[k] = int32(len(it.refc))
		it.refc = append(it.refc, int32(v))
	}
	it.nu = len(it.refc)
	it.bigramSlot = map[uint64]int32{}
	for k, v := range it.ref2 {
		it.bigramSlot[k] = int32(len(it.refc))
		it.refc = append(it.refc, int32(v))
	}
	for _, toks := range it.toks {
		c1 := map[int32]int32{}
		c2 := map[int32]int32{}
		for i, t := range toks {
			if sl, ok := uslot[t]; ok {
				c1[sl]++
			}
			if i > 0 {
				if sl, ok := it.bigramSlot[uint64(toks[i-1])<<32|uint64(uint32(t))]; ok {
					c2[sl]++
				}
			}
		}
		var a1, a2 [][2]int32
		for k, v := range c1 {
			a1 = append(a1, [2]int32{k, v})
		}
		for k, v := range c2 {
			a2 = append(a2, [2]int32{k, v})
		}
		it.s1, it.s2 = append(it.s1, a1), append(it.s2, a2)
		f, l := int32(-1), int32(-1)
		if len(toks) > 0 {
			f, l = toks[0], toks[len(toks)-1]
		}
		it.first, it.last = append(it.first, f), append(it.last, l)
	}
	return it
}

func f1(hit, cand, ref int) float64 {
	p := float64(hit) / float64(max(cand, 1))
	r := float64(hit) / float64(max(ref, 1))
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// pick is summarize.Select for 3 sentences over the cached cosines: the
// same scores, the same greedy MMR and the same tie-breaking (the lowest
// index wins), so it picks the same sentences (TestFastScoreMatchesSelect).
func (it *item) pick(w *summarize.Weights, out []int) []int {
	n := len(it.f)
	docWords := 0
	for _, k := range it.words {
		docWords += k
	}
	long := w.LongShare(docWords)
	var scoreBuf [256]float64
	var score []float64
	if n <= len(scoreBuf) {
		score = scoreBuf[:n]
	} else {
		score = make([]float64, n)
	}
	for i := range it.f {
		s, sl := 0.0, 0.0
		for k, v := range it.f[i] {
			s += w.W[k] * v
			sl += w.WLong[k] * v
		}
		score[i] = (1-long)*s + long*sl
	}
	var chosenBuf [256]bool
	var chosen []bool
	if n <= len(chosenBuf) {
		chosen = chosenBuf[:n]
	} else {
		chosen = make([]bool, n)
	}
	limit := min(3, n)
	out = out[:0]
	for len(out) < limit {
		best, bestV := -1, math.Inf(-1)
	next:
		for i := 0; i < n; i++ {
			if !summarize.Allowed(it.blocks, i, chosen) {
				continue
			}
			ms := 0.0
			for _, j := range out {
				if j == i {
					continue next
				}
				ms = max(ms, it.cos[i*n+j])
			}
			if v := score[i] - w.Lambda*ms; v > bestV {
				best, bestV = i, v
			}
		}
		if best < 0 {
			break
		}
		out = append(out, best)
		chosen[best] = true
	}
	for a := 1; a < len(out); a++ {
		for b := a; b > 0 && out[b] < out[b-1]; b-- {
			out[b], out[b-1] = out[b-1], out[b]
		}
	}
	return out
}

// fastScore is score over the cached gram counts.
func (it *item) fastScore(w *summarize.Weights) (float64, float64) {
	var pb [3]int
	picks := it.pick(w, pb[:0])
	var cbuf [512]int32
	var cnt []int32
	if len(it.refc) <= len(cbuf) {
		cnt = cbuf[:len(it.refc)]
	} else {
		cnt = make([]int32, len(it.refc))
	}
	clen := 0
	for k, p := range picks {
		for _, e := range it.s1[p] {
			cnt[e[0]] += e[1]
		}
		for _, e := range it.s2[p] {
			cnt[e[0]] += e[1]
		}
		if k > 0 && it.first[p] >= 0 {
			prev := -1
			for j := k - 1; j >= 0; j-- {
				if it.last[picks[j]] >= 0 {
					prev = picks[j]
					break
				}
			}
			if prev >= 0 {
				if sl, ok := it.bigramSlot[uint64(it.last[prev])<<32|uint64(uint32(it.first[p]))]; ok {
					cnt[sl]++
				}
			}
		}
		clen += len(it.toks[p])
	}
	h1, h2 := 0, 0
	for s, c := range cnt {
		h := int(min(c, it.refc[s]))
		if s < it.nu {
			h1 += h
		} else {
			h2 += h
		}
	}
	return f1(h1, clen, it.n1), f1(h2, max(clen-1, 0), it.n2)
}

// score returns the F of the 3-sentence summary w picks.
func (it *item) score(w *summarize.Weights) (float64, float64) {
	if !*slow {
		return it.fastScore(w)
	}
	picks := summarize.SelectAny(it.f, it.vecs, it.words, w, summarize.Options{Sentences: 3, Blocks: it.blocks}, it.skip0)
	var cand []int32
	for _, p := range picks {
		cand = append(cand, it.toks[p.Index]...)
	}
	c1 := map[int32]int{}
	c2 := map[uint64]int{}
	for i, t := range cand {
		c1[t]++
		if i > 0 {
			c2[uint64(cand[i-1])<<32|uint64(uint32(t))]++
		}
	}
	h1, h2 := 0, 0
	for k, v := range it.ref1 {
		h1 += min(v, c1[k])
	}
	for k, v := range it.ref2 {
		h2 += min(v, c2[k])
	}
	return f1(h1, len(cand), it.n1), f1(h2, max(len(cand)-1, 0), it.n2)
}

// metrics are mean F per source, in percent.
type metrics struct{ cnn1, cnn2, bbc1, bbc2 float64 }

func evaluate(items []*item, w *summarize.Weights) metrics {
	var m metrics
	nc, nb := 0, 0
	for _, it := range items {
		r1, r2 := it.score(w)
		if it.src == "cnndm" {
			m.cnn1 += r1
			m.cnn2 += r2
			nc++
		} else {
			m.bbc1 += r1
			m.bbc2 += r2
			nb++
		}
	}
	if nc > 0 {
		m.cnn1, m.cnn2 = 100*m.cnn1/float64(nc), 100*m.cnn2/float64(nc)
	}
	if nb > 0 {
		m.bbc1, m.bbc2 = 100*m.bbc1/float64(nb), 100*m.bbc2/float64(nb)
	}
	return m
}

// objective weighs the two corpora equally: ROUGE-1 + ROUGE-2 on each.
// goal is what a fit maximizes: ROUGE-1 + ROUGE-2 on each corpus, the
// BBC part weighted by bbc, and the bars (CNN R-1 ≥ Lead-3 + 1, R-2 ≥
// Lead-3; BBC R-1 ≥ 59) as hinge penalties with a margin, so that the
// search does not trade one corpus's bar for the other's. A zero bar
// means no penalty.
type goal struct{ bbc, lead1, lead2, bar float64 }

func (g goal) value(m metrics) float64 {
	v := m.cnn1 + *r2w*m.cnn2 + g.bbc*(m.bbc1+*r2w*m.bbc2)
	if g.lead1 > 0 {
		v -= *pen * max(0, g.lead1+*m1-m.cnn1)
		v -= *pen * max(0, g.lead2+*m2-m.cnn2)
	}
	if g.bar > 0 {
		v -= *pen * max(0, g.bar+*mb-m.bbc1)
	}
	return v
}

var (
	cnnLead1  = flag.Float64("cnnlead1", 0, "CNN Lead-3 R-1 (0: no bar penalty)")
	cnnLead2  = flag.Float64("cnnlead2", 0, "CNN Lead-3 R-2")
	bbcBar    = flag.Float64("bbcbar", 0, "BBC R-1 bar (0: no penalty)")
	bbcWeight = flag.Float64("bbcweight", 1, "weight of the BBC objective against CNN's")
	perturb   = flag.Int("perturb", 0, "jitter the starting weights with this seed (0: none)")
	leadOnly  = flag.Bool("leadonly", false, "only print each fold's Lead-3 scores")
	scratch   = flag.Bool("scratch", false, "cross-validate the whole procedure from neutral weights: per fold, fit W on the fold's BBC articles, WLong on its CNN articles, then both jointly")
)

var (
	from  = flag.Float64("from", 0, "start the long regime at this many hundred words (0: shipped)")
	width = flag.Float64("width", 0, "ramp width in hundreds of words (0: shipped)")
)

// The variants tried for issue 5 (see the package comment).
var (
	varName = flag.String("name", "Highlights", "the Go variable the printed weights are for")
	r2w     = flag.Float64("r2weight", 1, "weight of ROUGE-2 against ROUGE-1 in the objective")
	cvOnly  = flag.Bool("cvonly", false, "stop after cross-validation")
	step0   = flag.Float64("step", 0.5, "initial coordinate step")
	slow    = flag.Bool("slow", false, "score through summarize.SelectAny and maps (to check the fast path)")
	diag    = flag.Bool("diag", false, "per length bucket, each corpus under the BBC-only and CNN-only fits (in sample), then exit")
	m1      = flag.Float64("m1", 1.5, "CNN R-1 hinge: Lead-3 + this")
	m2      = flag.Float64("m2", 0.5, "CNN R-2 hinge: Lead-3 + this")
	mb      = flag.Float64("mb", 0.5, "BBC R-1 hinge: the bar + this")
	pen     = flag.Float64("pen", 10, "hinge penalty slope")
	proc    = flag.String("proc", "orig", "procedure: orig (separate fits, then all weights jointly), sep (separate fits, then only Lambda and the ramp jointly), l2 (joint with an L2 pull of -l2 toward the separate fits), bbconly, cnnonly (one weight set fit on one corpus)")
	l2      = flag.Float64("l2", 1, "L2 strength for -proc l2")
	bags    = flag.Int("bags", 0, "average the procedure's weights over this many half-samples (0 or 1: none)")
	jrounds = flag.Int("jrounds", -1, "rounds of the joint stage (-1: -rounds)")
	refine  = flag.Int("refine", 0, "after bagging, refine all weights jointly for this many rounds")
	rstep   = flag.Float64("rstep", 0.25, "the refinement's initial step")
)

func params(w *summarize.Weights) []*float64 {
	ps := make([]*float64, 0, summarize.NumFeatures+1)
	for k := range w.W {
		ps = append(ps, &w.W[k], &w.WLong[k])
	}
	return append(ps, &w.Lambda, &w.LongFrom, &w.LongWidth)
}

// fit runs coordinate ascent from start.
func fit(items []*item, start summarize.Weights, rounds int, g goal) summarize.Weights {
	return fitSel(items, start, rounds, g, params, nil, 0)
}

// fitSel is coordinate ascent over the parameters sel returns, with an
// L2 pull of strength l2 toward anchor (nil: none).
func fitSel(items []*item, start summarize.Weights, rounds int, g goal, sel func(*summarize.Weights) []*float64, anchor *summarize.Weights, l2 float64) summarize.Weights {
	w := start
	obj := func() float64 {
		v := g.value(evaluate(items, &w))
		if anchor != nil && l2 > 0 {
			a := *anchor
			for k := range w.W {
				v -= l2 * ((w.W[k]-a.W[k])*(w.W[k]-a.W[k]) + (w.WLong[k]-a.WLong[k])*(w.WLong[k]-a.WLong[k]))
			}
		}
		return v
	}
	best := obj()
	step := *step0
	for r := 0; r < rounds && step > 0.01; r++ {
		improved := false
		for _, p := range sel(&w) {
			orig := *p
			for _, d := range []float64{step, -step, 2 * step, -2 * step} {
				*p = orig + d
				if v := obj(); v > best+1e-9 {
					best, orig, improved = v, *p, true
				}
			}
			*p = orig
		}
		if !improved {
			step /= 2
		}
		log.Printf("round %d step %.3f objective %.3f", r, step, best)
	}
	return w
}

// neutral is where the from-scratch procedure starts: position and
// centrality only.
func neutral() summarize.Weights {
	var w summarize.Weights
	w.W[summarize.FPos], w.W[summarize.FCent] = 1, 1
	w.WLong = w.W
	w.Lambda, w.LongFrom, w.LongWidth = 0.5, 3, 6
	return w
}

// rampParams are the joint stage's parameters under -proc sep.
func rampParams(w *summarize.Weights) []*float64 {
	return []*float64{&w.Lambda, &w.LongFrom, &w.LongWidth}
}

// procedure runs procedure1 on items, or with -bags averages its
// weights over half-samples of items (optionally refined after).
func procedure(items []*item, rounds int) summarize.Weights {
	if *bags <= 1 {
		return procedure1(items, rounds)
	}
	var avg summarize.Weights
	rng := rand.New(rand.NewPCG(uint64(len(items)), 7))
	for b := 0; b < *bags; b++ {
		var sub []*item
		for _, it := range items {
			if rng.IntN(2) == 0 {
				sub = append(sub, it)
			}
		}
		w := procedure1(sub, rounds)
		f := 1 / float64(*bags)
		for k := range w.W {
			avg.W[k] += f * w.W[k]
			avg.WLong[k] += f * w.WLong[k]
		}
		avg.Lambda += f * w.Lambda
		avg.LongFrom += f * w.LongFrom
		avg.LongWidth += f * w.LongWidth
	}
	if *refine > 0 {
		var cnn []*item
		for _, it := range items {
			if it.src == "cnndm" {
				cnn = append(cnn, it)
			}
		}
		lead := leadScores(cnn)
		g := goal{bbc: *bbcWeight, lead1: lead.cnn1, lead2: lead.cnn2, bar: *bbcBar}
		s := *step0
		*step0 = *rstep
		avg = fit(items, avg, *refine, g)
		*step0 = s
	}
	return avg
}

// procedure1 is the whole fitting procedure on items: W on the BBC
// articles alone, WLong on the CNN articles alone, then (-proc orig)
// both jointly under the bars (CNN Lead-3 measured on items).
func procedure1(items []*item, rounds int) summarize.Weights {
	bbc, cnn := bySource(items)
	w := neutral()
	jr := rounds
	if *jrounds >= 0 {
		jr = *jrounds
	}
	switch *proc {
	case "cnnonly":
		wc := fit(cnn, w, rounds, goal{})
		wc.W = wc.WLong
		return wc
	case "bbconly":
		wb := fit(bbc, w, rounds, goal{bbc: 1})
		wb.WLong = wb.W
		return wb
	}
	wb := fit(bbc, w, rounds, goal{bbc: 1})
	wc := fit(cnn, w, rounds, goal{})
	w.W, w.WLong, w.Lambda = wb.W, wc.WLong, (wb.Lambda+wc.Lambda)/2
	lead := leadScores(cnn)
	g := goal{bbc: *bbcWeight, lead1: lead.cnn1, lead2: lead.cnn2, bar: *bbcBar}
	switch *proc {
	case "sep":
		return fitSel(items, w, jr, g, rampParams, nil, 0)
	case "l2":
		anchor := w
		w = fitSel(items, w, jr, g, rampParams, nil, 0)
		anchor.LongFrom, anchor.LongWidth, anchor.Lambda = w.LongFrom, w.LongWidth, w.Lambda
		return fitSel(items, w, jr, g, params, &anchor, *l2)
	}
	return fit(items, w, jr, g)
}

// leadScores measures Lead-3 on items: the first three sentences,
// blocked or not, as the baseline is defined.
func leadScores(items []*item) metrics {
	var w summarize.Weights
	w.W[summarize.FPos], w.WLong[summarize.FPos] = 1, 1
	plain := make([]*item, len(items))
	for i, it := range items {
		c := *it
		c.blocks = nil
		plain[i] = &c
	}
	return evaluate(plain, &w)
}

func main() {
	cnn := flag.String("cnn", "", "CNN/DM dev JSONL")
	bbc := flag.String("bbc", "", "BBC dev JSONL")
	folds := flag.Int("folds", 5, "cross-validation folds (0: fit on all only)")
	rounds := flag.Int("rounds", 12, "coordinate-ascent rounds")
	flag.Parse()
	dup := map[string]bool{}
	for _, id := range bbcDuplicates {
		dup[id] = true
	}
	var items []*item
	for _, path := range []string{*cnn, *bbc} {
		if path == "" {
			continue
		}
		pairs, err := summeval.Load(path, 0)
		if err != nil {
			log.Fatal(err)
		}
		for _, p := range pairs {
			if dup[p.ID] || len(p.Doc.Sentences) == 0 {
				continue
			}
			items = append(items, prepare(p))
		}
	}
	log.Printf("%d articles", len(items))
	if *diag {
		diagnose(items, *rounds)
		return
	}
	joint := goal{bbc: *bbcWeight, lead1: *cnnLead1, lead2: *cnnLead2, bar: *bbcBar}
	base := summarize.Default
	if *from > 0 {
		base.LongFrom = *from
	}
	if *width > 0 {
		base.LongWidth = *width
	}
	if *perturb != 0 {
		// A restart: jitter every weight, to leave a local optimum.
		rng := rand.New(rand.NewPCG(uint64(*perturb), 1))
		for _, p := range params(&base)[:2*summarize.NumFeatures] {
			*p += rng.NormFloat64() * 0.25
		}
	}
	log.Printf("shipped weights: %+v", evaluate(items, &base))
	if *folds > 1 {
		var sum, leadSum metrics
		for k := 0; k < *folds; k++ {
			var train, test []*item
			for i, it := range items {
				if i%*folds == k {
					test = append(test, it)
				} else {
					train = append(train, it)
				}
			}
			if *leadOnly {
				log.Printf("fold %d Lead-3: %+v", k, leadScores(test))
				continue
			}
			var w summarize.Weights
			if *scratch {
				w = procedure(train, *rounds)
			} else {
				w = fit(train, base, *rounds, joint)
			}
			m := evaluate(test, &w)
			log.Printf("fold %d held out: %+v (Lead-3 on it: %+v)", k, m, leadScores(test))
			lt := leadScores(test)
			leadSum.cnn1 += lt.cnn1 / float64(*folds)
			leadSum.cnn2 += lt.cnn2 / float64(*folds)
			sum.cnn1 += m.cnn1 / float64(*folds)
			sum.cnn2 += m.cnn2 / float64(*folds)
			sum.bbc1 += m.bbc1 / float64(*folds)
			sum.bbc2 += m.bbc2 / float64(*folds)
		}
		if *leadOnly {
			return
		}
		fmt.Printf("cross-validated (%d folds): CNN R-1 %.2f R-2 %.2f (Lead-3 %.2f / %.2f), BBC R-1 %.2f R-2 %.2f\n",
			*folds, sum.cnn1, sum.cnn2, leadSum.cnn1, leadSum.cnn2, sum.bbc1, sum.bbc2)
		if *cvOnly {
			return
		}
	}
	var w summarize.Weights
	if *scratch {
		w = procedure(items, *rounds)
	} else {
		w = fit(items, base, *rounds, joint)
	}
	m := evaluate(items, &w)
	fmt.Printf("fit on all: CNN R-1 %.2f R-2 %.2f, BBC R-1 %.2f R-2 %.2f\n", m.cnn1, m.cnn2, m.bbc1, m.bbc2)
	fmt.Printf("var %s = Weights{\n\tW: [NumFeatures]float64{\n", *varName)
	for k, v := range w.W {
		fmt.Printf("\t\tF%s: %s,\n", goName(summarize.FeatureNames[k]), fmtF(v))
	}
	fmt.Println("\t},\n\tWLong: [NumFeatures]float64{")
	for k, v := range w.WLong {
		fmt.Printf("\t\tF%s: %s,\n", goName(summarize.FeatureNames[k]), fmtF(v))
	}
	fmt.Printf("\t},\n\tLambda: %s,\n\tLongFrom: %s,\n\tLongWidth: %s,\n}\n", fmtF(w.Lambda), fmtF(w.LongFrom), fmtF(w.LongWidth))
	_ = os.Stdout.Sync()
}

func fmtF(v float64) string { return fmt.Sprintf("%.4g", math.Round(v*1e4)/1e4) }

func goName(s string) string {
	names := map[string]string{"first": "First", "pos": "Pos", "rel": "Rel", "parafirst": "ParaFirst", "len": "Len",
		"len2": "Len2", "short": "Short", "cent": "Cent", "title": "Title", "entity": "Entity", "quoted": "Quoted",
		"quotestart": "QuoteStart", "boiler": "Boiler", "question": "Question", "number": "Number",
		"second": "Second", "third": "Third", "degree": "Degree", "centrel": "CentRel", "freqsum": "FreqSum", "freqmean": "FreqMean",
		"anaphor": "Anaphor", "attrib": "Attrib"}
	return names[s]
}

// bySource splits items into the BBC articles and the CNN ones.
func bySource(items []*item) (bbc, cnn []*item) {
	for _, it := range items {
		if it.src == "bbc" {
			bbc = append(bbc, it)
		} else {
			cnn = append(cnn, it)
		}
	}
	return bbc, cnn
}

// diagnose shows how far the two corpora want different weights at
// every article length: the in-sample scores of BBC-only and CNN-only
// fits, and Lead-3, per length bucket.
func diagnose(items []*item, rounds int) {
	bbc, cnn := bySource(items)
	w := neutral()
	wb := fit(bbc, w, rounds, goal{bbc: 1})
	wb.WLong = wb.W
	wc := fit(cnn, w, rounds, goal{})
	wc.W = wc.WLong
	lead := summarize.Weights{}
	lead.W[summarize.FPos], lead.WLong[summarize.FPos] = 1, 1
	fmt.Printf("wb %+v\nwc %+v\n", wb, wc)
	edges := []int{0, 200, 300, 400, 500, 600, 800, 1000, 100000}
	for _, src := range []string{"cnndm", "bbc"} {
		for b := 0; b+1 < len(edges); b++ {
			var n int
			var s [3][2]float64
			for _, it := range items {
				dw := 0
				for _, k := range it.words {
					dw += k
				}
				if it.src != src || dw < edges[b] || dw >= edges[b+1] {
					continue
				}
				n++
				for j, ww := range []*summarize.Weights{&wb, &wc, &lead} {
					r1, r2 := it.score(ww)
					s[j][0] += r1
					s[j][1] += r2
				}
			}
			if n == 0 {
				continue
			}
			fmt.Printf("%s %4d-%5d n=%3d  bbcW %.2f/%.2f  cnnW %.2f/%.2f  lead %.2f/%.2f\n", src, edges[b], edges[b+1], n,
				100*s[0][0]/float64(n), 100*s[0][1]/float64(n), 100*s[1][0]/float64(n), 100*s[1][1]/float64(n), 100*s[2][0]/float64(n), 100*s[2][1]/float64(n))
		}
	}
}
