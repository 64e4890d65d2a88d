// Package extracteval scores main-text extraction exactly as the two
// public benchmarks in ../shared/data/extraction do: the Zyte
// article-extraction-benchmark (4-token shingles, per-document precision
// and recall, macro-averaged) and trafilatura's evaluation (must-contain
// and must-not-contain snippets, micro-averaged). It also loads both
// folder layouts, so the evaluate CLI and tests share one reader.
//
// The scorers are ports of upstream evaluate.py and tests/eval_common.py
// as the data README describes them; any change here changes every
// number we report, so the tests pin their edge cases.
package extracteval

import (
	"math"
	"math/rand/v2"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Tokens splits text as Python 3's re.findall(r'\w+', text) does: maximal
// runs of letters, numbers and underscores, case kept. Go's regexp \w is
// ASCII-only, so the classes are spelled out ([\p{L}\p{N}_]+); invalid
// UTF-8 bytes separate tokens, as U+FFFD would.
func Tokens(text string) []string {
	var toks []string
	start := -1
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			toks = append(toks, text[start:i])
			start = -1
		}
		i += n
	}
	if start >= 0 {
		toks = append(toks, text[start:])
	}
	return toks
}

// shingleSize is the benchmark's n-gram length.
const shingleSize = 4

// shingles counts the contiguous 4-token windows of toks, as upstream's
// _ngrams: range(max(1, n-3)) windows, so 1 to 3 tokens give one short
// shingle and no tokens give none. A window is keyed by its tokens joined
// with a NUL byte, which no token contains.
func shingles(toks []string) map[string]int {
	m := make(map[string]int, len(toks))
	n := max(1, len(toks)-shingleSize+1)
	for i := 0; i < n; i++ {
		w := toks[i:min(i+shingleSize, len(toks))]
		if len(w) == 0 {
			continue
		}
		k := w[0]
		for _, t := range w[1:] {
			k += "\x00" + t
		}
		m[k]++
	}
	return m
}

// A DocScore is one page's article-extraction-benchmark score: the
// shingle counts normalised by their sum (so every page weighs the same),
// and whether the token lists are identical.
type DocScore struct {
	TP, FP, FN float64
	Exact      bool
}

// Precision is upstream's precision_score: 1 when nothing is wrong, 0
// when nothing was predicted right or wrong, else tp/(tp+fp).
func (d DocScore) Precision() float64 {
	switch {
	case d.FP == 0 && d.FN == 0:
		return 1
	case d.TP == 0 && d.FP == 0:
		return 0
	}
	return d.TP / (d.TP + d.FP)
}

// Recall is upstream's recall_score, the mirror of Precision.
func (d DocScore) Recall() float64 {
	switch {
	case d.FP == 0 && d.FN == 0:
		return 1
	case d.TP == 0 && d.FN == 0:
		return 0
	}
	return d.TP / (d.TP + d.FN)
}

// ScoreAEB scores one predicted body against the gold articleBody, as
// upstream string_tp_fp_fn and get_accuracy do.
func ScoreAEB(gold, pred string) DocScore {
	gt, pt := Tokens(gold), Tokens(pred)
	gs, ps := shingles(gt), shingles(pt)
	var tp, fp, fn int
	for k, g := range gs {
		p := ps[k]
		tp += min(g, p)
		fn += max(0, g-p)
		fp += max(0, p-g)
	}
	for k, p := range ps {
		if _, ok := gs[k]; !ok {
			fp += p
		}
	}
	d := DocScore{TP: float64(tp), FP: float64(fp), FN: float64(fn), Exact: slices.Equal(gt, pt)}
	if s := tp + fp + fn; s > 0 {
		d.TP /= float64(s)
		d.FP /= float64(s)
		d.FN /= float64(s)
	}
	return d
}

// AEBResult is the corpus score of the article-extraction-benchmark.
type AEBResult struct {
	Precision float64 `json:"precision"` // mean per-page precision over pages with tp+fp > 0
	Recall    float64 `json:"recall"`    // mean per-page recall over pages with tp+fn > 0
	F1        float64 `json:"f1"`        // 2PR/(P+R) of the two means, not a mean of F1s
	Accuracy  float64 `json:"accuracy"`  // share of pages whose token lists are equal
}

// AEBCorpus combines per-page scores as upstream metrics_from_tp_fp_fns.
// An empty prediction is left out of the precision mean (it costs recall
// only), exactly as upstream does.
func AEBCorpus(docs []DocScore) AEBResult {
	var r AEBResult
	var np, nr, exact int
	for _, d := range docs {
		if d.TP+d.FP > 0 {
			r.Precision += d.Precision()
			np++
		}
		if d.TP+d.FN > 0 {
			r.Recall += d.Recall()
			nr++
		}
		if d.Exact {
			exact++
		}
	}
	if np > 0 {
		r.Precision /= float64(np)
	}
	if nr > 0 {
		r.Recall /= float64(nr)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	if len(docs) > 0 {
		r.Accuracy = float64(exact) / float64(len(docs))
	}
	return r
}

// AEBBootstrap returns the standard deviation of each corpus score over
// n resamples of the pages with replacement, as upstream's ± columns.
// Upstream does not seed its resampling; a fixed seed keeps our reports
// reproducible.
func AEBBootstrap(docs []DocScore, n int, seed uint64) AEBResult {
	if len(docs) == 0 || n < 2 {
		return AEBResult{}
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	sample := make([]DocScore, len(docs))
	var sum, sq [4]float64
	for range n {
		for i := range sample {
			sample[i] = docs[rng.IntN(len(docs))]
		}
		r := AEBCorpus(sample)
		for j, v := range [4]float64{r.Precision, r.Recall, r.F1, r.Accuracy} {
			sum[j] += v
			sq[j] += v * v
		}
	}
	var sd [4]float64
	for j := range sd {
		m := sum[j] / float64(n)
		sd[j] = math.Sqrt(max(0, sq[j]/float64(n)-m*m))
	}
	return AEBResult{Precision: sd[0], Recall: sd[1], F1: sd[2], Accuracy: sd[3]}
}
