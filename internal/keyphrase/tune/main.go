// Command tune learns byline.KeyPhrases' weights on the 500N-KPCrowd dev
// set by L2-regularized logistic regression over the candidates'
// features (a candidate is positive when the data README's protocol
// counts it as a gold phrase), and reports cross-validated F1@5/F1@10
// beside the three baselines on each fold's held-out articles. Folds
// keep together the duplicate clusters the data README describes: the
// 21 pairs of identical stories filed under two categories and the
// reposted wire stories (90% of 8-word shingles shared).
//
//	go run ./internal/keyphrase/tune -data ../shared/data/keyphrases/500n-kpcrowd/dev.jsonl \
//	    -folds 5 -nested yes -minseen 2 -rounds 4 -prior prior.txt
//
// It prints the weights fit on all articles as Go source for
// internal/keyphrase/weights.go and, with -prior, writes the
// keyphraseness counts that ship (gzip them into prior.txt.gz).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"html"
	"log"
	"math"
	"os"
	"regexp"
	"strings"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/keyphrase"
	"github.com/byline-nlp/byline/internal/kpeval"
)

var (
	data     = flag.String("data", "", "500N-KPCrowd dev JSONL")
	folds    = flag.Int("folds", 5, "cross-validation folds")
	l2       = flag.Float64("l2", 1, "L2 penalty on the standardized weights")
	k        = flag.Int("k", 10, "phrases scored")
	nestedF  = flag.String("nested", "both", "drop nested phrases: yes, no or both (report each)")
	minSeen  = flag.Int("minseen", 2, "keep prior keys seen in at least this many articles")
	priorOut = flag.String("prior", "", "write the prior counted on all articles here (gzip it into internal/keyphrase/prior.txt.gz)")
	rounds   = flag.Int("rounds", 0, "coordinate-ascent rounds on F1@k after the logistic fit (0: none)")
	rstep    = flag.Float64("rstep", 0.5, "the refinement's first step, in standard deviations")
	drop     = flag.String("drop", "", "comma-separated features to leave out (ablation)")
)

// item is one article: its candidates with labels, and the baselines' lists.
type item struct {
	id      string
	cands   []*keyphrase.Candidate
	labels  []bool
	gold    map[string]bool
	base    map[string][]string
	cluster int
}

func input(doc *byline.Document) *keyphrase.Input {
	in := &keyphrase.Input{Body: doc.Body, Title: doc.TitleTokens, Tokens: doc.Tokens}
	for _, s := range doc.Sentences {
		in.Sentences = append(in.Sentences, s.First)
	}
	return in
}

// newItem builds an article's candidates, without a prior, and their
// labels. Entities are left out: the scorer has no entity features
// (they cross-validated lower, 21.52 against 21.78).
func newItem(d kpeval.Doc, cluster int) *item {
	doc := byline.NewTextDocument(html.UnescapeString(d.Title), html.UnescapeString(d.Body))
	it := &item{id: d.ID, gold: kpeval.GoldSet(d.Gold), base: map[string][]string{}, cluster: cluster}
	it.cands = keyphrase.CandidatesWith(input(doc), nil)
	for _, c := range it.cands {
		it.labels = append(it.labels, it.gold[c.Key])
	}
	return it
}

func main() {
	flag.Parse()
	docs, err := kpeval.Load(*data, 0)
	if err != nil {
		log.Fatal(err)
	}
	base := kpeval.RankBaselines(docs)
	cl := clusters(docs)
	items := make([]*item, len(docs))
	for i, d := range docs {
		it := newItem(d, cl[i])
		for _, name := range kpeval.Baselines {
			it.base[name] = base[name][i]
		}
		items[i] = it
	}
	dropped := map[int]bool{}
	for _, name := range strings.Split(*drop, ",") {
		if name == "" {
			continue
		}
		for f, n := range keyphrase.FeatureNames {
			if n == name {
				dropped[f] = true
			}
		}
	}
	// Folds: clusters in file order, dealt round-robin.
	foldOf := map[int]int{}
	next := 0
	for _, it := range items {
		if _, ok := foldOf[it.cluster]; !ok {
			foldOf[it.cluster] = next % max(*folds, 1)
			next++
		}
	}
	nestedModes := map[string][]bool{"yes": {true}, "no": {false}, "both": {false, true}}[*nestedF]
	if *folds > 1 {
		for _, nest := range nestedModes {
			var sum [4]float64
			allAbove := true
			for f := 0; f < *folds; f++ {
				var train, test []*item
				for _, it := range items {
					if foldOf[it.cluster] == f {
						test = append(test, it)
					} else {
						train = append(train, it)
					}
				}
				setPrior(items, train)
				w, sd := fitSD(train, dropped)
				w.DropNested = nest
				if *rounds > 0 {
					w = refine(train, w, sd, *rounds)
				}
				ours := evaluate(test, &w)
				line := fmt.Sprintf("fold %d (%d docs): ours F1@5 %.2f F1@10 %.2f", f, len(test), ours[0], ours[1])
				for bi, name := range kpeval.Baselines {
					b := evalBaseline(test, name)
					line += fmt.Sprintf(" | %s %.2f", name, b)
					sum[1+bi] += b / float64(*folds)
					if ours[1] <= b {
						allAbove = false
					}
				}
				sum[0] += ours[1] / float64(*folds)
				log.Print(line)
			}
			fmt.Printf("nested=%v: cross-validated F1@10 %.2f (frequency %.2f, tfidf %.2f, first %.2f); above every baseline on every fold: %v\n",
				nest, sum[0], sum[1], sum[2], sum[3], allAbove)
		}
	}
	{
		setPrior(items, items)
		if *priorOut != "" {
			f, err := os.Create(*priorOut)
			if err != nil {
				log.Fatal(err)
			}
			if err := shippedPrior(items).WriteTo(bufio.NewWriter(f)); err != nil {
				log.Fatal(err)
			}
			f.Close()
		}
		w, sd := fitSD(items, dropped)
		w.DropNested = nestedModes[len(nestedModes)-1]
		if *rounds > 0 {
			w = refine(items, w, sd, *rounds)
		}
		m := evaluate(items, &w)
		fmt.Printf("// fit on all: F1@5 %.2f F1@10 %.2f (prior features leaving out each cluster)\n", m[0], m[1])
		fmt.Printf("W: [NumFeatures]float64{\n")
		for f, x := range w.W {
			fmt.Printf("\tF%s: %.4g,\n", goName(keyphrase.FeatureNames[f]), x)
		}
		fmt.Println("},")
	}
}

func goName(s string) string {
	names := map[string]string{"bias": "Bias", "logtf": "LogTF", "tfrel": "TFRel", "tfper100": "TFPer100",
		"first": "First", "firstsent": "FirstSent", "spread": "Spread", "sentshare": "SentShare", "intitle": "InTitle",
		"title": "Title", "one": "One", "two": "Two", "idf": "IDF", "idfmin": "IDFMin", "cap": "Cap", "acronym": "Acronym",
		"super": "Super", "cohesion": "Cohesion", "verbish": "Verbish", "number": "Number",
		"weak": "Weak", "filler": "Filler", "onetf": "OneTF", "onefirst": "OneFirst", "oneidf": "OneIDF", "onecap": "OneCap", "tffirst": "TFFirst", "prior": "Prior", "priorseen": "PriorSeen", "priorwords": "PriorWords"}
	return names[s]
}

// setPrior counts keyphraseness over train and sets every item's prior
// features from it, so that held-out articles see only training counts.
func setPrior(items, train []*item) *keyphrase.Prior {
	p := keyphrase.NewPrior()
	for _, it := range train {
		keys := make([]string, len(it.cands))
		for i, c := range it.cands {
			keys[i] = c.Key
		}
		p.Add(keys, func(k string) bool { return it.gold[k] })
	}
	// Training articles see the prior without their own cluster's counts
	// (leave-cluster-out), or the fit would learn that the prior knows
	// the answer.
	own := map[int]*keyphrase.Prior{}
	for _, it := range train {
		o := own[it.cluster]
		if o == nil {
			o = keyphrase.NewPrior()
			own[it.cluster] = o
		}
		keys := make([]string, len(it.cands))
		for i, c := range it.cands {
			keys[i] = c.Key
		}
		o.Add(keys, func(k string) bool { return it.gold[k] })
	}
	full := *p
	full.Seen, full.Tagged = map[string]int32{}, map[string]int32{}
	for k, n := range p.Seen {
		full.Seen[k], full.Tagged[k] = n, p.Tagged[k]
	}
	p.Finish(int32(*minSeen))
	full.Rate = p.Rate
	for _, it := range items {
		o := own[it.cluster]
		for _, c := range it.cands {
			if o != nil {
				keyphrase.SetPrior(c, func(k string) (float64, float64) { return full.FeaturesWithout(k, o.Seen[k], o.Tagged[k]) })
			} else {
				keyphrase.SetPrior(c, p.Features)
			}
		}
	}
	return p
}

// shippedPrior counts the prior that ships: each duplicate cluster
// counts once (a key seen, or tagged, in any of its articles), so that
// -minseen articles means as many distinct stories and no phrase of a
// single story ships, only phrases news shares.
func shippedPrior(items []*item) *keyphrase.Prior {
	seen := map[int]map[string]bool{}
	tagged := map[int]map[string]bool{}
	for _, it := range items {
		if seen[it.cluster] == nil {
			seen[it.cluster], tagged[it.cluster] = map[string]bool{}, map[string]bool{}
		}
		for _, c := range it.cands {
			seen[it.cluster][c.Key] = true
			if it.gold[c.Key] {
				tagged[it.cluster][c.Key] = true
			}
		}
	}
	p := keyphrase.NewPrior()
	for cl, keys := range seen {
		list := make([]string, 0, len(keys))
		for k := range keys {
			list = append(list, k)
		}
		p.Add(list, func(k string) bool { return tagged[cl][k] })
	}
	p.Finish(int32(*minSeen))
	return p
}

// evaluate returns mean F1@5 and F1@k in percent.
func evaluate(items []*item, w *keyphrase.Weights) [2]float64 {
	var m kpeval.Mean
	for _, it := range items {
		top, _ := keyphrase.Rank(it.cands, w, max(*k, 5))
		texts := make([]string, len(top))
		for i, c := range top {
			texts[i] = c.Form()
		}
		m.Add(kpeval.ScoreAt(texts, it.gold, 5), kpeval.ScoreAt(texts, it.gold, *k))
	}
	r := m.Result()
	return [2]float64{r.F5, r.FK}
}

func evalBaseline(items []*item, name string) float64 {
	var m kpeval.Mean
	for _, it := range items {
		m.Add(kpeval.ScoreAt(it.base[name], it.gold, 5), kpeval.ScoreAt(it.base[name], it.gold, *k))
	}
	return m.Result().FK
}

// fitSD is logistic regression by Newton's method on standardized
// features, the L2 penalty on every weight but the bias. The weights
// come back on the raw feature scale, with each feature's standard
// deviation (0 for features left out).
func fitSD(items []*item, dropped map[int]bool) (keyphrase.Weights, [keyphrase.NumFeatures]float64) {
	const d = keyphrase.NumFeatures
	var mean, sd [d]float64
	n := 0
	for _, it := range items {
		for _, c := range it.cands {
			for f, x := range c.F {
				mean[f] += x
			}
			n++
		}
	}
	for f := range mean {
		mean[f] /= float64(n)
	}
	for _, it := range items {
		for _, c := range it.cands {
			for f, x := range c.F {
				sd[f] += (x - mean[f]) * (x - mean[f])
			}
		}
	}
	active := func(f int) bool { return !dropped[f] && (f == keyphrase.FBias || sd[f] > 0) }
	for f := range sd {
		sd[f] = math.Sqrt(sd[f] / float64(n))
		if f == keyphrase.FBias || sd[f] == 0 {
			mean[f], sd[f] = 0, 1
		}
	}
	z := func(c *keyphrase.Candidate, f int) float64 {
		if !active(f) {
			return 0
		}
		return (c.F[f] - mean[f]) / sd[f]
	}
	var beta [d]float64
	for iter := 0; iter < 12; iter++ {
		var g [d]float64
		var h [d][d]float64
		for _, it := range items {
			for ci, c := range it.cands {
				var x [d]float64
				s := 0.0
				for f := range x {
					x[f] = z(c, f)
					s += beta[f] * x[f]
				}
				p := 1 / (1 + math.Exp(-s))
				y := 0.0
				if it.labels[ci] {
					y = 1
				}
				wgt := p * (1 - p)
				for a := range x {
					if x[a] == 0 {
						continue
					}
					g[a] += (y - p) * x[a]
					for b := range x {
						h[a][b] += wgt * x[a] * x[b]
					}
				}
			}
		}
		for a := range g {
			if a != keyphrase.FBias {
				g[a] -= *l2 * beta[a]
				h[a][a] += *l2
			}
			if !active(a) {
				h[a][a] += 1
			}
		}
		step := solve(h, g)
		for a := range beta {
			beta[a] += step[a]
		}
	}
	var w keyphrase.Weights
	for f := range beta {
		if !active(f) {
			continue
		}
		w.W[f] = beta[f] / sd[f]
		w.W[keyphrase.FBias] -= beta[f] * mean[f] / sd[f]
	}
	w.W[keyphrase.FBias] += beta[keyphrase.FBias]
	for f := range sd {
		if !active(f) {
			sd[f] = 0
		}
	}
	return w, sd
}

// refine is coordinate ascent on mean F1@k over items from w, stepping
// each active weight by multiples of its feature's standard-deviation
// unit, halving the step when a round finds nothing better. Ranking is
// what F1@k sees, so the bias stays put.
func refine(items []*item, w keyphrase.Weights, sd [keyphrase.NumFeatures]float64, rounds int) keyphrase.Weights {
	obj := func() float64 {
		sum := 0.0
		for _, it := range items {
			sum += fastF1(it, &w)
		}
		return sum / float64(len(items))
	}
	best := obj()
	step := *rstep
	for r := 0; r < rounds && step > 0.01; r++ {
		improved := false
		for f := range w.W {
			if f == keyphrase.FBias || sd[f] == 0 {
				continue
			}
			orig := w.W[f]
			for _, d := range []float64{step, -step} {
				w.W[f] = orig + d/sd[f]
				if o := obj(); o > best+1e-9 {
					best, orig, improved = o, w.W[f], true
				}
			}
			w.W[f] = orig
		}
		if !improved {
			step /= 2
		}
		log.Printf("refine round %d step %.3f F1@%d %.3f", r, step, *k, 100*best)
	}
	return w
}

// fastF1 is F1@k of the ranking under w, from the candidates' labels:
// candidate keys are distinct and are what the protocol's Norm gives
// their forms, so this equals kpeval.ScoreAt on the forms.
func fastF1(it *item, w *keyphrase.Weights) float64 {
	top, _ := keyphrase.Rank(it.cands, w, *k)
	if len(top) == 0 || len(it.gold) == 0 {
		return 0
	}
	hits := 0
	for _, c := range top {
		if it.gold[c.Key] {
			hits++
		}
	}
	p := float64(hits) / float64(len(top))
	r := float64(hits) / float64(len(it.gold))
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// solve returns x with h x = g, by Gaussian elimination with partial pivoting.
func solve(h [keyphrase.NumFeatures][keyphrase.NumFeatures]float64, g [keyphrase.NumFeatures]float64) [keyphrase.NumFeatures]float64 {
	const d = keyphrase.NumFeatures
	for c := 0; c < d; c++ {
		p := c
		for r := c + 1; r < d; r++ {
			if math.Abs(h[r][c]) > math.Abs(h[p][c]) {
				p = r
			}
		}
		h[c], h[p] = h[p], h[c]
		g[c], g[p] = g[p], g[c]
		if h[c][c] == 0 {
			continue
		}
		for r := c + 1; r < d; r++ {
			f := h[r][c] / h[c][c]
			for k := c; k < d; k++ {
				h[r][k] -= f * h[c][k]
			}
			g[r] -= f * g[c]
		}
	}
	var x [d]float64
	for r := d - 1; r >= 0; r-- {
		s := g[r]
		for k := r + 1; k < d; k++ {
			s -= h[r][k] * x[k]
		}
		if h[r][r] != 0 {
			x[r] = s / h[r][r]
		}
	}
	return x
}

var alnum = regexp.MustCompile(`[a-z0-9]+`)

// clusters numbers each article's duplicate cluster: articles with the
// same number under two categories, and pairs sharing at least 90% of
// the smaller one's 8-word shingles (words: lower-cased [a-z0-9]+, which
// finds the README's 36 such pairs), joined transitively. Singletons get
// their own number.
func clusters(docs []kpeval.Doc) []int {
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) { parent[find(a)] = find(b) }
	byNum := map[string]int{}
	shingles := make([]map[string]bool, len(docs))
	for i, d := range docs {
		if _, num, ok := strings.Cut(d.ID, "-"); ok {
			if j, seen := byNum[num]; seen {
				union(i, j)
			} else {
				byNum[num] = i
			}
		}
		words := alnum.FindAllString(strings.ToLower(d.Text), -1)
		shingles[i] = map[string]bool{}
		for s := 0; s+8 <= len(words); s++ {
			shingles[i][strings.Join(words[s:s+8], " ")] = true
		}
	}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			a, b := shingles[i], shingles[j]
			if len(a) == 0 || len(b) == 0 {
				continue
			}
			if len(a) > len(b) {
				a, b = b, a
			}
			shared := 0
			for s := range a {
				if b[s] {
					shared++
				}
			}
			if float64(shared) >= 0.9*float64(len(a)) {
				union(i, j)
			}
		}
	}
	out := make([]int, len(docs))
	size := map[int]int{}
	for i := range docs {
		out[i] = find(i)
		size[out[i]]++
	}
	multi, covered := 0, 0
	for _, s := range size {
		if s > 1 {
			multi++
			covered += s
		}
	}
	log.Printf("%d duplicate clusters covering %d articles", multi, covered)
	return out
}
