// Command tune learns the default summary method's weights on the dev
// halves of CNN/DailyMail and BBC News Summary, by coordinate ascent on
// the mean ROUGE-1 + ROUGE-2 F of the 3-sentence summaries, and reports
// k-fold cross-validated scores so the weights are not judged on the
// articles they were fit to. BBC articles that repeat an earlier dev
// article's body (listed in the data README) are left out of fitting and
// of cross-validation.
//
//	go run ./internal/summarize/tune -cnn ../shared/data/summarization/cnndm/dev.jsonl \
//	    -bbc ../shared/data/summarization/bbc/dev.jsonl -folds 5
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
	toks   [][]int32 // per sentence: ROUGE token ids
	ref1   map[int32]int
	ref2   map[uint64]int
	n1, n2 int
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
	conv := func(ts []byline.Token) []summarize.Token {
		out := make([]summarize.Token, len(ts))
		for i, t := range ts {
			out[i] = summarize.Token{Text: t.Text, Kind: summarize.Kind(t.Kind)}
		}
		return out
	}
	in := &summarize.Input{Title: conv(doc.TitleTokens)}
	for _, s := range doc.Sentences {
		in.Sentences = append(in.Sentences, summarize.Sentence{Tokens: conv(s.Tokens), Paragraph: s.Paragraph})
	}
	return in
}

func prepare(p summeval.Pair) *item {
	in := input(p.Doc)
	it := &item{src: p.Source}
	f, vecs := summarize.Features(in)
	it.f, it.vecs = f, vecs
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

// score returns the F of the 3-sentence summary w picks.
func (it *item) score(w *summarize.Weights) (float64, float64) {
	picks := summarize.SelectAny(it.f, it.vecs, it.words, w, summarize.Options{Sentences: 3}, it.skip0)
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
	v := m.cnn1 + m.cnn2 + g.bbc*(m.bbc1+m.bbc2)
	if g.lead1 > 0 {
		v -= 10 * max(0, g.lead1+1.5-m.cnn1)
		v -= 10 * max(0, g.lead2+0.5-m.cnn2)
	}
	if g.bar > 0 {
		v -= 10 * max(0, g.bar+0.5-m.bbc1)
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

var step0 = flag.Float64("step", 0.5, "initial coordinate step")

func params(w *summarize.Weights) []*float64 {
	ps := make([]*float64, 0, summarize.NumFeatures+1)
	for k := range w.W {
		ps = append(ps, &w.W[k], &w.WLong[k])
	}
	return append(ps, &w.Lambda, &w.LongFrom, &w.LongWidth)
}

// fit runs coordinate ascent from start.
func fit(items []*item, start summarize.Weights, rounds int, g goal) summarize.Weights {
	w := start
	best := g.value(evaluate(items, &w))
	step := *step0
	for r := 0; r < rounds && step > 0.01; r++ {
		improved := false
		for _, p := range params(&w) {
			orig := *p
			for _, d := range []float64{step, -step, 2 * step, -2 * step} {
				*p = orig + d
				if v := g.value(evaluate(items, &w)); v > best+1e-9 {
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

// procedure is the whole fitting procedure on items: W on the BBC
// articles alone, WLong on the CNN articles alone, then both jointly
// under the bars (CNN Lead-3 measured on items).
func procedure(items []*item, rounds int) summarize.Weights {
	var bbc, cnn []*item
	for _, it := range items {
		if it.src == "bbc" {
			bbc = append(bbc, it)
		} else {
			cnn = append(cnn, it)
		}
	}
	w := neutral()
	wb := fit(bbc, w, rounds, goal{bbc: 1})
	wc := fit(cnn, w, rounds, goal{})
	w.W, w.WLong, w.Lambda = wb.W, wc.WLong, (wb.Lambda+wc.Lambda)/2
	lead := leadScores(cnn)
	return fit(items, w, rounds, goal{bbc: *bbcWeight, lead1: lead.cnn1, lead2: lead.cnn2, bar: *bbcBar})
}

// leadScores measures Lead-3 on items.
func leadScores(items []*item) metrics {
	var w summarize.Weights
	w.W[summarize.FPos], w.WLong[summarize.FPos] = 1, 1
	return evaluate(items, &w)
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
		var sum metrics
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
			sum.cnn1 += m.cnn1 / float64(*folds)
			sum.cnn2 += m.cnn2 / float64(*folds)
			sum.bbc1 += m.bbc1 / float64(*folds)
			sum.bbc2 += m.bbc2 / float64(*folds)
		}
		if *leadOnly {
			return
		}
		fmt.Printf("cross-validated (%d folds): CNN R-1 %.2f R-2 %.2f, BBC R-1 %.2f R-2 %.2f\n",
			*folds, sum.cnn1, sum.cnn2, sum.bbc1, sum.bbc2)
	}
	var w summarize.Weights
	if *scratch {
		w = procedure(items, *rounds)
	} else {
		w = fit(items, base, *rounds, joint)
	}
	m := evaluate(items, &w)
	fmt.Printf("fit on all: CNN R-1 %.2f R-2 %.2f, BBC R-1 %.2f R-2 %.2f\n", m.cnn1, m.cnn2, m.bbc1, m.bbc2)
	fmt.Println("var Default = Weights{\n\tW: [NumFeatures]float64{")
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
