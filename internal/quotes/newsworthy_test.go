package quotes_test

import (
	"flag"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/quotes"
	"github.com/byline-nlp/byline/internal/shareddata"
	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/summeval"
	"github.com/kljensen/snowball/english"
)

// Tune the newsworthiness weights (quoteScoreWeights in newsworthy.go):
//
//	go test -run TestTuneQuoteScore -quotes.tune ./internal/quotes
var tuneScore = flag.Bool("quotes.tune", false, "search the newsworthiness weights on CNN/DailyMail and BBC dev")

type rankCand struct {
	sig    []float64
	picked bool
}

var alnum = regexp.MustCompile(`[a-z0-9]+`)

func contentTokens(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range alnum.FindAllString(strings.ToLower(s), -1) {
		if !stopwords.Is(w) {
			out[english.Stem(w, false)] = true
		}
	}
	return out
}

// rankArticles returns, for each eligible article, its candidates as
// evaluate quote-rank defines them (CNN: highlight overlap; BBC: the
// first part's sentence is a summary sentence) with their signals.
func rankArticles(t *testing.T, rel string) [][]rankCand {
	pairs, err := summeval.Load(shareddata.Path(t, rel), 0)
	if err != nil {
		t.Fatal(err)
	}
	var arts [][]rankCand
	for _, p := range pairs {
		doc := p.Doc
		qs := quotes.Extract(doc, nil)
		sigs := quotes.Signals(doc, qs)
		hl := contentTokens(p.Reference)
		ref := map[string]bool{}
		for _, line := range strings.Split(p.Reference, "\n") {
			ref[strings.Join(strings.Fields(line), " ")] = true
		}
		var cs []rankCand
		any := false
		for i, q := range qs {
			if q.Kind == quotes.IndirectQuote || sigs[i] == nil {
				continue
			}
			parts := make([]string, len(q.Parts))
			for k, sp := range q.Parts {
				parts[k] = sp.Of(doc.Body)
			}
			ct := contentTokens(strings.Join(parts, " "))
			if len(ct) < 4 {
				continue
			}
			var picked bool
			if p.Source == "bbc" {
				if si := doc.SentenceAt(q.Parts[0].Start); si >= 0 {
					picked = ref[strings.Join(strings.Fields(doc.Sentences[si].Of(doc.Body)), " ")]
				}
			} else {
				in := 0
				for w := range ct {
					if hl[w] {
						in++
					}
				}
				picked = in >= 4 && float64(in) >= 0.6*float64(len(ct))
			}
			any = any || picked
			cs = append(cs, rankCand{sig: sigs[i], picked: picked})
		}
		if len(cs) >= 2 && any {
			arts = append(arts, cs)
		}
	}
	return arts
}

// pAt1 is the share of arts whose best candidate under w is picked
// (ties to the earlier candidate, as Score's ties go to position).
func pAt1(arts [][]rankCand, w []float64) float64 {
	hits := 0
	for _, cs := range arts {
		best, bz := 0, -1e18
		for i, c := range cs {
			z := 0.0
			for k, v := range c.sig {
				z += w[k] * v
			}
			if z > bz {
				best, bz = i, z
			}
		}
		if cs[best].picked {
			hits++
		}
	}
	if len(arts) == 0 {
		return 0
	}
	return float64(hits) / float64(len(arts))
}

// search is coordinate ascent on the mean p@1 of the sets, from w.
func search(sets [][][]rankCand, w []float64) []float64 {
	w = append([]float64(nil), w...)
	obj := func() float64 {
		s := 0.0
		for _, a := range sets {
			s += pAt1(a, w)
		}
		return s / float64(len(sets))
	}
	best := obj()
	for round := 0; round < 3; round++ {
		for k := range w {
			for v := -3.0; v <= 3.0; v += 0.5 {
				old := w[k]
				w[k] = v
				if h := obj(); h > best+1e-9 {
					best = h
				} else {
					w[k] = old
				}
			}
		}
	}
	return w
}

// fit learns weights by a listwise softmax over each article's
// candidates (the log-probability of its picked ones), each set weighing
// the same, with L2 regularisation: smoother than searching p@1, which
// moves by whole articles.
func fit(sets [][][]rankCand, l2 float64) []float64 {
	n := len(sets[0][0][0].sig)
	w := make([]float64, n)
	g := make([]float64, n)
	h := make([]float64, n)
	for it := 0; it < 400; it++ {
		for k := range g {
			g[k] = l2 * w[k]
		}
		for _, arts := range sets {
			scale := 1 / float64(len(arts))
			for _, cs := range arts {
				z := make([]float64, len(cs))
				mx := -1e18
				for i, c := range cs {
					for k, v := range c.sig {
						z[i] += w[k] * v
					}
					mx = math.Max(mx, z[i])
				}
				sum, sumP := 0.0, 0.0
				for i, c := range cs {
					z[i] = math.Exp(z[i] - mx)
					sum += z[i]
					if c.picked {
						sumP += z[i]
					}
				}
				for i, c := range cs {
					p := z[i] / sum
					q := 0.0
					if c.picked {
						q = z[i] / sumP
					}
					for k, v := range c.sig {
						g[k] += scale * (p - q) * v
					}
				}
			}
		}
		for k := range w {
			h[k] += g[k] * g[k]
			w[k] -= 0.3 * g[k] / (math.Sqrt(h[k]) + 1e-8)
		}
	}
	for k := range w {
		w[k] = math.Round(w[k]*100) / 100
	}
	return w
}

func half(arts [][]rankCand, parity int) [][]rankCand {
	var out [][]rankCand
	for i, a := range arts {
		if i%2 == parity {
			out = append(out, a)
		}
	}
	return out
}

// TestTuneQuoteScore searches the weights on CNN/DailyMail and BBC dev
// together (the mean of their p@1), reports a two-fold cross-validation
// by article, and prints the weights found on all articles.
func TestTuneQuoteScore(t *testing.T) {
	if !*tuneScore {
		t.Skip("run with -quotes.tune")
	}
	cnn := rankArticles(t, "summarization/cnndm/dev.jsonl")
	bbc := rankArticles(t, "summarization/bbc/dev.jsonl")
	t.Logf("current weights: CNN %.3f (%d), BBC %.3f (%d)", pAt1(cnn, quotes.ScoreWeights), len(cnn), pAt1(bbc, quotes.ScoreWeights), len(bbc))
	for _, l2 := range []float64{0.001, 0.01, 0.1} {
		for fold := 0; fold < 2; fold++ {
			w := fit([][][]rankCand{half(cnn, 1-fold), half(bbc, 1-fold)}, l2)
			t.Logf("fit l2 %g fold %d held out: CNN %.3f, BBC %.3f (in sample CNN %.3f, BBC %.3f)", l2, fold,
				pAt1(half(cnn, fold), w), pAt1(half(bbc, fold), w), pAt1(half(cnn, 1-fold), w), pAt1(half(bbc, 1-fold), w))
		}
		w := fit([][][]rankCand{cnn, bbc}, l2)
		t.Logf("fit l2 %g all: CNN %.3f, BBC %.3f, weights %s", l2, pAt1(cnn, w), pAt1(bbc, w), fmt.Sprint(w))
	}
	for fold := 0; fold < 2; fold++ {
		w := search([][][]rankCand{half(cnn, 1-fold), half(bbc, 1-fold)}, quotes.ScoreWeights)
		t.Logf("fold %d held out: CNN %.3f, BBC %.3f (in sample CNN %.3f, BBC %.3f)", fold,
			pAt1(half(cnn, fold), w), pAt1(half(bbc, fold), w), pAt1(half(cnn, 1-fold), w), pAt1(half(bbc, 1-fold), w))
	}
	w := search([][][]rankCand{cnn, bbc}, quotes.ScoreWeights)
	t.Logf("all: CNN %.3f, BBC %.3f, weights %s", pAt1(cnn, w), pAt1(bbc, w), fmt.Sprint(w))
}
