package quotes

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/shareddata"
	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/text"
	"github.com/kljensen/snowball/english"
)

// TestTuneQuoteScore searches the newsworthiness weights on CNN/DailyMail
// dev by coordinate ascent on p@1, with the definitions of evaluate
// quote-rank. Run with -quotes.dump=rank; it prints the weights.
func TestTuneQuoteScore(t *testing.T) {
	if *dumpQuotes != "rank" {
		t.Skip("run with -quotes.dump=rank")
	}
	f, err := os.Open(shareddata.Path(t, "summarization/cnndm/dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	alnum := regexp.MustCompile(`[a-z0-9]+`)
	content := func(s string) map[string]bool {
		out := map[string]bool{}
		for _, w := range alnum.FindAllString(strings.ToLower(s), -1) {
			if !stopwords.Is(w) {
				out[english.Stem(w, false)] = true
			}
		}
		return out
	}
	type cand struct {
		sig    [numQuoteSignals]float64
		picked bool
	}
	var arts [][]cand
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var rec struct{ Article, Highlights string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		doc := text.NewTextDocument("", rec.Article)
		qs := Extract(doc, nil)
		ctx := newQuoteContext(doc, qs, lowerBody(doc))
		hl := content(rec.Highlights)
		var cs []cand
		any := false
		for i := range qs {
			q := &qs[i]
			if q.Kind == IndirectQuote {
				continue
			}
			parts := make([]string, len(q.Parts))
			for k, p := range q.Parts {
				parts[k] = p.Of(doc.Body)
			}
			ct := content(strings.Join(parts, " "))
			if len(ct) < 4 {
				continue
			}
			in := 0
			for w := range ct {
				if hl[w] {
					in++
				}
			}
			sig, _ := quoteSignals(doc, nil, ctx, q)
			c := cand{sig: sig, picked: in >= 4 && float64(in) >= 0.6*float64(len(ct))}
			any = any || c.picked
			cs = append(cs, c)
		}
		if len(cs) >= 2 && any {
			arts = append(arts, cs)
		}
	}
	all := arts
	p1 := func(w [numQuoteSignals]float64) int {
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
		return hits
	}
	search := func() ([numQuoteSignals]float64, int) {
		w := quoteScoreWeights
		best := p1(w)
		for round := 0; round < 3; round++ {
			for k := range w {
				for v := -3.0; v <= 3.0; v += 0.5 {
					old := w[k]
					w[k] = v
					if h := p1(w); h > best {
						best = h
					} else {
						w[k] = old
					}
				}
			}
		}
		return w, best
	}
	t.Logf("current weights: %d/%d", p1(quoteScoreWeights), len(arts))
	// two-fold check of how well a search generalises
	var even, odd [][]cand
	for i, a := range all {
		if i%2 == 0 {
			even = append(even, a)
		} else {
			odd = append(odd, a)
		}
	}
	arts = even
	we, _ := search()
	arts = odd
	wo, _ := search()
	heldOut := p1(we)
	arts = even
	heldOut += p1(wo)
	t.Logf("two-fold held-out: %d/%d", heldOut, len(all))
	arts = all
	w, best := search()
	t.Logf("best: %d/%d weights %v", best, len(arts), w)
}
