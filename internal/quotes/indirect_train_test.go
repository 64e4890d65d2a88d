package quotes

import (
	"bufio"
	"encoding/json"
	"flag"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/shareddata"
	"github.com/byline-nlp/byline/internal/text"
)

// Retrain the indirect-speech lexicon and model from PolNeAR train,
// choosing the threshold by 5-fold cross-validation by document, and
// rewrite indirect.bin.gz:
//
//	go test -run TestTrainIndirect -quotes.train-indirect ./internal/quotes
var trainIndirect = flag.Bool("quotes.train-indirect", false, "retrain indirect.bin.gz from PolNeAR train")

// polnearRecord is one PolNeAR JSONL record, as far as training needs it.
type polnearRecord struct {
	Text   string `json:"text"`
	Quotes []struct {
		Kind           string  `json:"kind"`
		Start          int     `json:"start"`
		End            int     `json:"end"`
		Cue            string  `json:"cue"`
		CueStart       *int    `json:"cue_start"`
		CueEnd         *int    `json:"cue_end"`
		Speaker        *string `json:"speaker"`
		SpeakerStart   *int    `json:"speaker_start"`
		SpeakerEnd     *int    `json:"speaker_end"`
		SpeakerPronoun bool    `json:"speaker_pronoun"`
	} `json:"quotes"`
}

// indirectDoc is a training document: its extractor, gold indirect
// units, and its word counts for the cue lexicon.
type indirectDoc struct {
	x          *quoteExtractor
	direct     []Quote // the quotation-mark quotes, whose cues are taken
	gold       []Unit
	goldCue    []text.Span // each gold unit's cue, {-1, -1} when it has none
	tot, inCue map[string]int
}

func loadIndirectDocs(t testing.TB, path string) []indirectDoc {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var docs []indirectDoc
	for sc.Scan() {
		var r polnearRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		doc := text.NewTextDocument("", r.Text)
		x := newQuoteExtractor(doc)
		x.attribute()
		for i := range x.segs {
			sg := &x.segs[i]
			sg.prob = Default.Prob(x.features(i))
			sg.keep = sg.prob >= Default.Threshold
		}
		d := indirectDoc{x: x, direct: x.build(nil), tot: map[string]int{}, inCue: map[string]int{}}
		var cues []text.Span
		for _, q := range r.Quotes {
			if q.Kind != "indirect" {
				continue
			}
			u := Unit{Pronoun: q.SpeakerPronoun, Speech: SpeechCue(q.Cue)}
			u.Start, u.End = Core(r.Text, q.Start, q.End)
			if q.Speaker != nil && q.SpeakerStart != nil && q.SpeakerEnd != nil {
				u.HasSpeaker, u.Speaker, u.SpeakerStart, u.SpeakerEnd = true, *q.Speaker, *q.SpeakerStart, *q.SpeakerEnd
			}
			d.gold = append(d.gold, u)
			cue := text.Span{Start: -1, End: -1}
			if q.CueStart != nil && q.CueEnd != nil {
				cue = text.Span{Start: *q.CueStart, End: *q.CueEnd}
				cues = append(cues, cue)
			}
			d.goldCue = append(d.goldCue, cue)
		}
		for _, tok := range doc.Tokens {
			if tok.Kind != text.Word {
				continue
			}
			w := strings.ToLower(tok.Text)
			if tok.Text != w && tok.Text != "According" {
				continue
			}
			d.tot[w]++
			for _, c := range cues {
				if tok.Start >= c.Start && tok.End <= c.End {
					d.inCue[w]++
					break
				}
			}
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// cueLexicon returns the prior of every word seen at least 3 times in
// docs (minus the document skip, when not nil) that reaches
// indirectPriorMin: its share of occurrences inside a gold cue, with
// add-two smoothing.
func cueLexicon(docs []indirectDoc, use func(i int) bool) map[string]float64 {
	tot, in := map[string]int{}, map[string]int{}
	for i, d := range docs {
		if !use(i) {
			continue
		}
		for w, n := range d.tot {
			tot[w] += n
		}
		for w, n := range d.inCue {
			in[w] += n
		}
	}
	lex := map[string]float64{}
	for w, n := range in {
		if tot[w] >= 3 {
			if p := float64(n) / float64(tot[w]+2); p >= indirectPriorMin {
				lex[w] = p
			}
		}
	}
	return lex
}

// withoutDoc returns lex with document d's own counts taken out, so that
// a training candidate's prior does not know its own label. totals are
// the counts lex was built from.
func withoutDoc(lex map[string]float64, tot, in map[string]int, d indirectDoc) map[string]float64 {
	out := make(map[string]float64, len(lex))
	for w, p := range lex {
		if d.tot[w] == 0 {
			out[w] = p
			continue
		}
		n, m := in[w]-d.inCue[w], tot[w]-d.tot[w]
		if m >= 3 {
			if q := float64(n) / float64(m+2); q >= indirectPriorMin {
				out[w] = q
			}
		}
	}
	return out
}

func counts(docs []indirectDoc, use func(i int) bool) (tot, in map[string]int) {
	tot, in = map[string]int{}, map[string]int{}
	for i, d := range docs {
		if use(i) {
			for w, n := range d.tot {
				tot[w] += n
			}
			for w, n := range d.inCue {
				in[w] += n
			}
		}
	}
	return tot, in
}

// indirectExamples returns the features and labels of every candidate of
// the documents use selects, each with its leave-one-document-out prior
// and context logits, and the context table learned from all of them.
func indirectExamples(docs []indirectDoc, use func(i int) bool) ([][]float64, []bool, map[string]float64) {
	lex := cueLexicon(docs, use)
	tot, in := counts(docs, use)
	type docCands struct {
		d     indirectDoc
		lex   map[string]float64
		cands []indirectCand
		keys  [][numContextKeys]string
		hits  []bool
	}
	var all []docCands
	n, pos := map[string]int{}, map[string]int{}
	npos, ntot := 0, 0
	for i, d := range docs {
		if !use(i) {
			continue
		}
		dc := docCands{d: d, lex: withoutDoc(lex, tot, in, d)}
		var cands []indirectCand
		d.x.usePriors(dc.lex)
		for _, sen := range d.x.doc.Sentences {
			cands = d.x.indirectCands(sen.First, sen.First+len(sen.Tokens), cands)
		}
		taken := map[int]bool{}
		for _, q := range d.direct {
			taken[q.CueSpan.Start] = true
		}
		for _, c := range cands {
			if taken[d.x.toks[c.cue].Start] {
				continue
			}
			a, b := Core(d.x.body, c.content.Start, c.content.End)
			hit := false
			for _, g := range d.gold {
				if jaccard(text.Span{Start: a, End: b}, text.Span{Start: g.Start, End: g.End}) >= 0.5 {
					hit = true
					break
				}
			}
			keys := d.x.contextKeys(&c)
			for _, k := range keys {
				n[k]++
				if hit {
					pos[k]++
				}
			}
			ntot++
			if hit {
				npos++
			}
			dc.cands = append(dc.cands, c)
			dc.keys = append(dc.keys, keys)
			dc.hits = append(dc.hits, hit)
		}
		all = append(all, dc)
	}
	p0 := float64(npos+1) / float64(ntot+2)
	var xs [][]float64
	var ys []bool
	for _, dc := range all {
		dc.d.x.usePriors(dc.lex)
		// the document's own counts are taken out of its context logits
		dn, dp := map[string]int{}, map[string]int{}
		for j, keys := range dc.keys {
			for _, k := range keys {
				dn[k]++
				if dc.hits[j] {
					dp[k]++
				}
			}
		}
		ctx := func(b []byte) float64 {
			return contextValue(n[string(b)]-dn[string(b)], pos[string(b)]-dp[string(b)], p0)
		}
		for j := range dc.cands {
			f := make([]float64, numIndirectFeatures)
			dc.d.x.indirectFeatures(ctx, &dc.cands[j], f)
			xs = append(xs, f)
			ys = append(ys, dc.hits[j])
		}
	}
	table := map[string]float64{}
	for k, m := range n {
		if v := contextValue(m, pos[k], p0); v != 0 {
			table[k] = v
		}
	}
	return xs, ys, table
}

// contextSmoothing is the pseudo-count that pulls a context's rate
// toward the base rate.
const contextSmoothing = 5

// contextValue is a context's smoothed log-odds of being reported speech
// relative to the base rate p0, from n occurrences with pos positive; 0
// when it occurs fewer than 5 times or moves less than 0.2 (which keeps
// the shipped table small).
func contextValue(n, pos int, p0 float64) float64 {
	if n < 5 {
		return 0
	}
	r := (float64(pos) + contextSmoothing*p0) / (float64(n) + contextSmoothing)
	v := math.Log(r/(1-r)) - math.Log(p0/(1-p0))
	if math.Abs(v) < 0.2 {
		return 0
	}
	return math.Round(v*100) / 100
}

// scoredIndirect is a test document's indirect candidates, scored by a
// fold's model with no first filter, their cues not taken by a
// quotation-mark quote.
type scoredIndirect struct {
	d     indirectDoc
	cands []indirectCand
	prior []float64 // each candidate's cue prior
	adj   []bool    // whether each candidate's cue is adjectival
}

func scoreIndirectDocs(docs []indirectDoc, use func(i int) bool, lex, table map[string]float64, m *Model) []scoredIndirect {
	ctx := func(k []byte) float64 { return table[string(k)] }
	var out []scoredIndirect
	for i, d := range docs {
		if !use(i) {
			continue
		}
		d.x.cueMin, d.x.noAdjectival = 0, false
		taken := map[int]bool{}
		for _, q := range d.direct {
			if q.CueSpan.Start >= 0 {
				taken[q.CueSpan.Start] = true
			}
		}
		s := scoredIndirect{d: d}
		for _, c := range d.x.scoreIndirect(lex, ctx, m) {
			if taken[d.x.toks[c.cue].Start] {
				continue
			}
			s.cands = append(s.cands, c)
			s.prior = append(s.prior, d.x.prior(c.cue))
			s.adj = append(s.adj, d.x.adjectival(c.cue, len(d.x.toks)))
		}
		out = append(out, s)
	}
	return out
}

// tallyFiltered scores the documents by the protocol of evaluate quotes'
// indirect_* keys, keeping only candidates that pass the first filter
// (cue prior at least cueMin; no adjectival cue when noAdj) and the
// threshold th.
func tallyFiltered(scored []scoredIndirect, cueMin float64, noAdj bool, th float64) Tally {
	var t Tally
	var cands []indirectCand
	for _, s := range scored {
		cands = cands[:0]
		for j, c := range s.cands {
			if s.prior[j] >= cueMin && !(noAdj && s.adj[j]) {
				cands = append(cands, c)
			}
		}
		var pred []Unit
		for _, q := range s.d.x.indirectQuotes(nil, pickIndirect(cands, th)) {
			u := Unit{}
			u.Start, u.End = Core(s.d.x.body, q.Span.Start, q.Span.End)
			if q.Speaker != "" {
				u.HasSpeaker, u.Speaker, u.SpeakerStart, u.SpeakerEnd = true, q.Speaker, q.SpeakerSpan.Start, q.SpeakerSpan.End
			}
			pred = append(pred, u)
		}
		t.Add(s.d.gold, pred)
	}
	return t
}

// The first filter's grid: cue priors, and passing over adjectival cues
// or not (kept when it does no harm). cueFilterLoss is the pooled
// cross-validated F1 the filter, and then the threshold, may cost
// against the best, in exchange for speed and precision: the highest
// prior, then the highest threshold, within it is chosen.
var (
	cueMins       = []float64{indirectPriorMin, 0.05, 0.1, 0.15, 0.18, 0.2, 0.22, 0.25, 0.3}
	cueFilterLoss = 0.5
)

func trainIndirectModel(xs [][]float64, ys []bool) *Model {
	return Train(xs, ys, 400, 0.5, 1e-4)
}

var indirectThresholds = []float64{0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5}

func TestTrainIndirect(t *testing.T) {
	if !*trainIndirect {
		t.Skip("run with -quotes.train-indirect to retrain")
	}
	docs := loadIndirectDocs(t, shareddata.Path(t, "quotes/polnear/train.jsonl"))
	const folds = 5
	// pooled[adj][cueMin][threshold]
	var pooled [2][][]Tally
	for a := range pooled {
		pooled[a] = make([][]Tally, len(cueMins))
		for ci := range cueMins {
			pooled[a][ci] = make([]Tally, len(indirectThresholds))
		}
	}
	for f := 0; f < folds; f++ {
		trainSet := func(i int) bool { return i%folds != f }
		test := func(i int) bool { return i%folds == f }
		xs, ys, table := indirectExamples(docs, trainSet)
		m := trainIndirectModel(xs, ys)
		lex := cueLexicon(docs, trainSet)
		scored := scoreIndirectDocs(docs, test, lex, table, m)
		for a := range pooled {
			for ci, cm := range cueMins {
				for ti, th := range indirectThresholds {
					tl := tallyFiltered(scored, cm, a == 1, th)
					p, r, f1 := tl.Quote()
					sr, sa := tl.SpeechRecall()
					_, _, af := tl.Attributed()
					t.Logf("fold %d adj-filter %v cue prior ≥ %.2f th %.2f: indirect P %.1f R %.1f F1 %.1f, speaker acc %.1f, attributed F1 %.1f, speech recall %.1f attributed %.1f (%d candidates)",
						f, a == 1, cm, th, p, r, f1, tl.SpeakerAccuracy(), af, sr, sa, len(xs))
					pt := &pooled[a][ci][ti]
					pt.Documents += tl.Documents
					pt.Gold += tl.Gold
					pt.Pred += tl.Pred
					pt.Matched += tl.Matched
					pt.Speakers += tl.Speakers
					pt.SpeakersOK += tl.SpeakersOK
					pt.Speech += tl.Speech
					pt.SpeechMatched += tl.SpeechMatched
					pt.SpeechOK += tl.SpeechOK
				}
			}
		}
	}
	// best threshold per filter; the adjectival filter stays when it
	// does not lower the unfiltered best; then the highest cue prior
	// within cueFilterLoss of it
	bestTh := func(a, ci int) (int, float64) {
		best, bestF := 0, -1.0
		for ti, tl := range pooled[a][ci] {
			if _, _, f1 := tl.Quote(); f1 > bestF {
				best, bestF = ti, f1
			}
		}
		return best, bestF
	}
	for a := range pooled {
		for ci := range cueMins {
			ti, f1 := bestTh(a, ci)
			tl := pooled[a][ci][ti]
			p, r, _ := tl.Quote()
			sr, sa := tl.SpeechRecall()
			t.Logf("pooled adj-filter %v cue prior ≥ %.2f: best th %.2f indirect P %.1f R %.1f F1 %.1f, speech recall %.1f attributed %.1f",
				a == 1, cueMins[ci], indirectThresholds[ti], p, r, f1, sr, sa)
		}
	}
	_, none := bestTh(0, 0)
	bestOf := func(a int) float64 {
		b := -1.0
		for ci := range cueMins {
			_, f1 := bestTh(a, ci)
			b = max(b, f1)
		}
		return b
	}
	adj := 0
	if bestOf(1) >= bestOf(0) {
		adj = 1
	}
	ref := bestOf(adj)
	chosen := 0
	for ci := range cueMins {
		if _, f1 := bestTh(adj, ci); f1 >= ref-cueFilterLoss {
			chosen = ci
		}
	}
	// the highest threshold within the same tolerance of the chosen
	// filter's best: the fewer, surer clauses (F1 is flat near the best)
	th, f1 := bestTh(adj, chosen)
	for ti, tl := range pooled[adj][chosen] {
		if _, _, g := tl.Quote(); g >= f1-cueFilterLoss {
			th = ti
		}
	}
	_, _, f1 = pooled[adj][chosen][th].Quote()
	t.Logf("chosen: adj-filter %v, cue prior ≥ %.2f, th %.2f: pooled F1 %.1f (no filter %.1f)", adj == 1, cueMins[chosen], indirectThresholds[th], f1, none)
	all := func(int) bool { return true }
	xs, ys, table := indirectExamples(docs, all)
	m := trainIndirectModel(xs, ys)
	m.Threshold = indirectThresholds[th]
	lex := cueLexicon(docs, all)
	writeIndirectWeights(t, lex, table, m, cueMins[chosen], adj == 1)
}

// writeIndirectWeights writes the learned tables to indirect.bin.gz
// (indirect_data.go gives the format) and checks that they load back.
func writeIndirectWeights(t *testing.T, lex, table map[string]float64, m *Model, cueMin float64, noAdj bool) {
	b, err := encodeIndirect(&indirectTables{cues: lex, context: table, model: m, cueMin: cueMin, skipAdjectival: noAdj})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decodeIndirect(b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("indirect.bin.gz", b, 0o644); err != nil {
		t.Fatal(err)
	}
}
