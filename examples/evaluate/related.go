package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/jsonl"
)

// The related task scores "related posts" (issue 6). ARTICLES is JSONL
// {"id","title","text"} with an optional "label" or "labels"; PAIRS is
// JSONL {"id1","id2","score"}, higher meaning more similar. The model is
// fitted on ARTICLES only.
//
// With -pairs: Pearson and Spearman correlation between the index's
// similarity and the gold score over all pairs. Without: every article
// with a label and at least one other article sharing a label is a query;
// all other articles are ranked (those the index gives no score follow in
// file order) and P@5, MAP and nDCG@10 (binary gain, log2 discount) are
// averaged, relevant meaning sharing a label.
func init() {
	var pairs, method string
	var dims, shards int
	var lsaWeight, titleBoost, entityBoost float64
	var numbers string
	register("related", task{
		summary: "related posts: TF-IDF/LSA similarity (pairs: pearson/spearman; labels: p_at_5/map/ndcg_at_10)",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&pairs, "pairs", "", "JSONL {id1,id2,score} pairs to correlate with (else label retrieval)")
			fs.StringVar(&method, "method", "default", "tfidf, lsa or default (what NewIndex() uses)")
			fs.IntVar(&dims, "dims", 0, "LSA dimensions for -method lsa or default (0: the method's own)")
			fs.IntVar(&shards, "shards", 0, "run through an embedded NATS cluster with this many shards (0: one in-process Index)")
			// Tuning knobs for -method default, to choose NewIndex's defaults on dev data.
			fs.Float64Var(&lsaWeight, "lsa-weight", -1, "tuning: LSA share of the score for -method default (-1: the default)")
			fs.Float64Var(&titleBoost, "title-boost", 0, "tuning: title boost for -method default (0: the default)")
			fs.StringVar(&numbers, "numbers", "", "tuning: keep number tokens for -method default (true/false; empty: the default)")
			fs.Float64Var(&entityBoost, "entity-boost", 0, "tuning: entity boost for -method default (0: the default)")
		},
		run: func(c *common) ([][]string, any, error) {
			var tune []byline.IndexOption
			if lsaWeight >= 0 {
				tune = append(tune, byline.WithLSAWeight(lsaWeight))
			}
			if titleBoost > 0 {
				tune = append(tune, byline.WithTitleBoost(titleBoost))
			}
			if numbers != "" {
				tune = append(tune, byline.WithNumbers(numbers == "true"))
			}
			if entityBoost > 0 {
				tune = append(tune, byline.WithEntityBoost(entityBoost))
			}
			return runRelated(c, pairs, method, dims, shards, tune)
		},
	})
}

type relatedRecord struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Text   string   `json:"text"`
	Label  string   `json:"label"`
	Labels []string `json:"labels"`
}

// lsaDims is the LSA size for -method lsa when -dims is not given.
const lsaDims = 100

func relatedOptions(method string, dims int, tune []byline.IndexOption) ([]byline.IndexOption, error) {
	switch method {
	case "tfidf":
		return []byline.IndexOption{byline.WithLSA(0), byline.WithTitleBoost(1), byline.WithEntityBoost(1), byline.WithNumbers(true)}, nil
	case "lsa":
		if dims <= 0 {
			dims = lsaDims
		}
		return []byline.IndexOption{byline.WithLSA(dims), byline.WithLSAWeight(1), byline.WithTitleBoost(1), byline.WithEntityBoost(1), byline.WithNumbers(true)}, nil
	case "default":
		if dims > 0 {
			tune = append(tune, byline.WithLSA(dims))
		}
		return tune, nil
	}
	return nil, fmt.Errorf("unknown -method %q (want tfidf, lsa or default)", method)
}

// A relater answers the task's queries: an Index, or a sharded cluster.
type relater interface {
	Len() int
	Related(id string, k int) ([]byline.Match, error)
	Score(id1, id2 string) (float64, error)
}

// plainIndex is a byline.Index as a relater.
type plainIndex struct{ *byline.Index }

func (p plainIndex) Related(id string, k int) ([]byline.Match, error) { return p.Index.Related(id, k) }

// buildIndex adds recs to one in-process Index, calling tick after each.
func buildIndex(recs []relatedRecord, opts []byline.IndexOption, tick func()) (relater, func(), error) {
	ix := byline.NewIndex(opts...)
	// Build Documents in parallel: tokenizing is the costly part, and Add
	// stems before it locks.
	var wg sync.WaitGroup
	errs := make([]error, len(recs))
	work := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				errs[i] = ix.Add(recs[i].ID, byline.NewTextDocument(recs[i].Title, recs[i].Text))
				tick()
			}
		}()
	}
	for i := range recs {
		work <- i
	}
	close(work)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return plainIndex{ix}, func() {}, nil
}

func runRelated(c *common, pairsPath, method string, dims, shards int, tune []byline.IndexOption) ([][]string, any, error) {
	start := time.Now()
	recs, err := jsonl.ReadFile[relatedRecord](c.Data, 0)
	if err != nil {
		return nil, nil, err
	}
	opts, err := relatedOptions(method, dims, tune)
	if err != nil {
		return nil, nil, err
	}
	bar := c.bar(len(recs))
	build := func(recs []relatedRecord, opts []byline.IndexOption) (relater, func(), error) {
		return buildIndex(recs, opts, func() { bar.Add(1) })
	}
	if shards > 0 {
		build = func(recs []relatedRecord, opts []byline.IndexOption) (relater, func(), error) {
			return buildCluster(recs, opts, shards)
		}
	}
	ix, stop, err := build(recs, opts)
	bar.Finish()
	if err != nil {
		return nil, nil, err
	}
	defer stop()
	res := map[string]any{"task": "related", "method": method, "documents": ix.Len()}
	if shards > 0 {
		res["shards"] = shards
	}
	out, err := c.jsonlOut()
	if err != nil {
		return nil, nil, err
	}
	var table [][]string
	if pairsPath != "" {
		type pair struct {
			ID1   string  `json:"id1"`
			ID2   string  `json:"id2"`
			Score float64 `json:"score"`
		}
		ps, err := jsonl.ReadFile[pair](pairsPath, 0)
		if err != nil {
			return nil, nil, err
		}
		if c.Limit > 0 && len(ps) > c.Limit {
			ps = ps[:c.Limit]
		}
		sims, gold := make([]float64, len(ps)), make([]float64, len(ps))
		for i, p := range ps {
			s, err := ix.Score(p.ID1, p.ID2)
			if err != nil {
				return nil, nil, err
			}
			sims[i], gold[i] = s, p.Score
			if out != nil {
				if err := out.Encode(map[string]any{"id1": p.ID1, "id2": p.ID2, "similarity": s}); err != nil {
					return nil, nil, err
				}
			}
		}
		pr, sr := pearson(sims, gold), pearson(ranks(sims), ranks(gold))
		res["pairs"], res["pearson"], res["spearman"] = len(ps), pr, sr
		table = [][]string{{"method", "docs", "pairs", "pearson", "spearman"},
			{method, fmt.Sprint(ix.Len()), fmt.Sprint(len(ps)), f3(pr), f3(sr)}}
	} else {
		q, p5, ap, ndcg, err := labelRetrieval(ix, recs, c.Limit, out)
		if err != nil {
			return nil, nil, err
		}
		res["queries"], res["p_at_5"], res["map"], res["ndcg_at_10"] = q, p5, ap, ndcg
		table = [][]string{{"method", "docs", "queries", "P@5", "MAP", "nDCG@10"},
			{method, fmt.Sprint(ix.Len()), fmt.Sprint(q), f3(p5), f3(ap), f3(ndcg)}}
	}
	res["seconds"] = time.Since(start).Seconds()
	return table, res, nil
}

// labelRetrieval ranks every other article for each labelled article.
func labelRetrieval(ix relater, recs []relatedRecord, limit int, out *json.Encoder) (queries int, p5, mapScore, ndcg float64, err error) {
	labels := make(map[string][]string, len(recs))
	order := make([]string, 0, len(recs))
	for _, r := range recs {
		ls := r.Labels
		if r.Label != "" {
			ls = append(slices.Clone(ls), r.Label)
		}
		if _, dup := labels[r.ID]; !dup {
			order = append(order, r.ID)
		}
		labels[r.ID] = ls
	}
	byLabel := map[string]int{}
	for _, ls := range labels {
		for _, l := range slices.Compact(slices.Sorted(slices.Values(ls))) {
			byLabel[l]++
		}
	}
	shares := func(a, b []string) bool {
		for _, x := range a {
			if slices.Contains(b, x) {
				return true
			}
		}
		return false
	}
	var qs []string
	for _, id := range order {
		ls := labels[id]
		if len(ls) == 0 {
			continue
		}
		// Any other article sharing a label makes the query scorable.
		ok := false
		for _, l := range ls {
			if byLabel[l] > 1 {
				ok = true
			}
		}
		if ok {
			qs = append(qs, id)
		}
	}
	if limit > 0 && len(qs) > limit {
		qs = qs[:limit]
	}
	type result struct {
		p5, ap, ndcg float64
		top          []byline.Match
		err          error
	}
	results := make([]result, len(qs))
	n := len(order)
	var wg sync.WaitGroup
	work := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for qi := range work {
				id := qs[qi]
				ms, err := ix.Related(id, n-1)
				if err != nil {
					results[qi].err = err
					continue
				}
				ranked := make([]string, 0, n-1)
				seen := make(map[string]bool, len(ms)+1)
				seen[id] = true
				for _, m := range ms {
					ranked = append(ranked, m.ID)
					seen[m.ID] = true
				}
				for _, o := range order {
					if !seen[o] {
						ranked = append(ranked, o)
					}
				}
				rel := make([]bool, len(ranked))
				total := 0
				for i, o := range ranked {
					rel[i] = shares(labels[id], labels[o])
					if rel[i] {
						total++
					}
				}
				r := &results[qi]
				r.top = ms[:min(10, len(ms))]
				hits := 0
				var dcg, idcg float64
				for i, ok := range rel {
					if ok {
						hits++
						r.ap += float64(hits) / float64(i+1)
						if i < 5 {
							r.p5++
						}
						if i < 10 {
							dcg += 1 / math.Log2(float64(i+2))
						}
					}
				}
				for i := range min(total, 10) {
					idcg += 1 / math.Log2(float64(i+2))
				}
				r.p5 /= 5
				r.ap /= float64(total)
				r.ndcg = dcg / idcg
			}
		}()
	}
	for i := range qs {
		work <- i
	}
	close(work)
	wg.Wait()
	for i, r := range results {
		if r.err != nil {
			return 0, 0, 0, 0, r.err
		}
		p5 += r.p5
		mapScore += r.ap
		ndcg += r.ndcg
		if out != nil {
			if err := out.Encode(map[string]any{"id": qs[i], "related": r.top}); err != nil {
				return 0, 0, 0, 0, err
			}
		}
	}
	queries = len(qs)
	if queries > 0 {
		p5 /= float64(queries)
		mapScore /= float64(queries)
		ndcg /= float64(queries)
	}
	return queries, p5, mapScore, ndcg, nil
}

// pearson is the sample correlation coefficient (0 when either side is constant).
func pearson(x, y []float64) float64 {
	n := float64(len(x))
	if n < 2 {
		return 0
	}
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}

// ranks returns fractional ranks (ties share their mean rank), the
// convention of Spearman's rho as scipy computes it.
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}
