package quotes

import (
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/jsonl"
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
	records, err := jsonl.ReadFile[polnearRecord](path, 0)
	if err != nil {
		t.Fatal(err)
	}
	var docs []indirectDoc
	for _, r := range records {
		doc := text.NewTextDocument("", r.Text)
		x := newQuoteExtractor(doc)
		x.attribute()
		x.keepSegments(Default)
		d := indirectDoc{x: x, direct: x.build(nil), tot: map[string]int{}, inCue: map[string]int{}}
		var cues, quoteCues []text.Span
		for _, q := range r.Quotes {
			if q.Kind != "indirect" {
				// a quotation-mark quote's cue is not counted: its
				// clauses are never proposed (the cue is taken)
				if q.CueStart != nil && q.CueEnd != nil {
					quoteCues = append(quoteCues, text.Span{Start: *q.CueStart, End: *q.CueEnd})
				}
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
		for k, tok := range doc.Tokens {
			if tok.Kind != text.Word {
				continue
			}
			// as priorWord looks words up
			w := strings.ToLower(tok.Text)
			if tok.Text != w && tok.Text != "According" && !sentenceInitial(doc.Tokens, k) {
				continue
			}
			quoteCue := false
			for _, c := range quoteCues {
				if tok.Start >= c.Start && tok.End <= c.End {
					quoteCue = true
					break
				}
			}
			if quoteCue {
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
// and context logits, the ranker's pairs (indexes of a cue's best clause
// and of another of its clauses), and the context table learned from all
// of them.
func indirectExamples(docs []indirectDoc, use func(i int) bool) ([][]float64, []bool, [][2]int, map[string]float64) {
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
		d.x.markTaken(d.direct)
		for _, sen := range d.x.doc.Sentences {
			cands = d.x.indirectCands(sen.First, sen.First+len(sen.Tokens), cands)
		}
		for j, c := range cands {
			hit := bestClause(d, cands, j)
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
	var pairs [][2]int
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
		first := len(xs)
		dc.d.x.ctxCue = 0 // a new ctx: no cached logits
		for j := range dc.cands {
			f := make([]float64, numIndirectFeatures)
			dc.d.x.indirectFeatures(ctx, &dc.cands[j], f)
			xs = append(xs, f)
			ys = append(ys, dc.hits[j])
		}
		// the ranker's pairs: a cue's best clause against each of its others
		for j, cj := range dc.cands {
			if !dc.hits[j] {
				continue
			}
			for i, ci := range dc.cands {
				if ci.cue == cj.cue && !dc.hits[i] {
					pairs = append(pairs, [2]int{first + j, first + i})
				}
			}
		}
	}
	table := map[string]float64{}
	for k, m := range n {
		if v := contextValue(m, pos[k], p0); v != 0 {
			table[k] = v
		}
	}
	return xs, ys, pairs, table
}

// trainClauseRanker learns weights that score a cue's best clause above its
// others: a logistic regression on the pairs' feature differences, each
// pair both ways round.
func trainClauseRanker(xs [][]float64, pairs [][2]int) []float64 {
	var dx [][]float64
	var dy []bool
	for _, p := range pairs {
		d := make([]float64, len(xs[p[0]]))
		for i := range d {
			d[i] = xs[p[0]][i] - xs[p[1]][i]
		}
		neg := make([]float64, len(d))
		for i := range d {
			neg[i] = -d[i]
		}
		dx = append(dx, d, neg)
		dy = append(dy, true, false)
	}
	return Train(dx, dy, 200, 0.5, 1e-4).Weights
}

// bestClause reports whether candidate j is a positive example: it
// matches a gold unit (Jaccard of cores 0.5 or more) at least as well as
// every other clause its cue proposes. Only the best of a cue's clauses
// is positive, so that the model learns where a clause ends ("…, which
// votes in March" is not what was said) rather than only that the cue
// reports something.
func bestClause(d indirectDoc, cands []indirectCand, j int) bool {
	core := func(c indirectCand) text.Span {
		a, b := Core(d.x.body, c.content.Start, c.content.End)
		return text.Span{Start: a, End: b}
	}
	cj := core(cands[j])
	for _, g := range d.gold {
		gs := text.Span{Start: g.Start, End: g.End}
		v := jaccard(cj, gs)
		if v < 0.5 {
			continue
		}
		best := true
		for i, c := range cands {
			if i != j && c.cue == cands[j].cue && jaccard(core(c), gs) > v {
				best = false
				break
			}
		}
		if best {
			return true
		}
	}
	return false
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

func scoreIndirectDocs(docs []indirectDoc, use func(i int) bool, lex, table map[string]float64, m *Model, rank []float64) []scoredIndirect {
	ctx := func(k []byte) float64 { return table[string(k)] }
	var out []scoredIndirect
	for i, d := range docs {
		if !use(i) {
			continue
		}
		d.x.cueMin, d.x.noAdjectival = 0, false
		d.x.markTaken(d.direct)
		s := scoredIndirect{d: d}
		for _, c := range d.x.scoreIndirect(lex, ctx, m, rank) {
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
// thresholds th and, for a plain reporting cue, speechTh.
func tallyFiltered(scored []scoredIndirect, cueMin float64, noAdj bool, th, speechTh float64) Tally {
	return tallyBypass(scored, cueMin, noAdj, false, th, speechTh)
}

// tallyBypass is tallyFiltered where, when anyPrior is set, a plain
// reporting verb passes the first filter whatever its prior.
func tallyBypass(scored []scoredIndirect, cueMin float64, noAdj, anyPrior bool, th, speechTh float64) Tally {
	var t Tally
	var cands []indirectCand
	for _, s := range scored {
		cands = cands[:0]
		for j, c := range s.cands {
			if (s.prior[j] >= cueMin || anyPrior && speechWord(s.d.x.lw(c.cue))) && !(noAdj && s.adj[j]) {
				cands = append(cands, c)
			}
		}
		var pred []Unit
		for _, q := range s.d.x.indirectQuotes(nil, pickIndirect(nil, cands, th, speechTh)) {
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

// indirectThresholds is the thresholds' grid; a plain reporting cue's
// threshold is at most the other one.
var indirectThresholds = []float64{0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5}

// addTally adds u's counts to t.
func addTally(t *Tally, u Tally) {
	t.Documents += u.Documents
	t.Gold += u.Gold
	t.Pred += u.Pred
	t.Matched += u.Matched
	t.Speakers += u.Speakers
	t.SpeakersOK += u.SpeakersOK
	t.Speech += u.Speech
	t.SpeechMatched += u.SpeechMatched
	t.SpeechOK += u.SpeechOK
}

func logTally(t *testing.T, what string, tl Tally) {
	p, r, f1 := tl.Quote()
	sr, sa := tl.SpeechRecall()
	_, _, af := tl.Attributed()
	t.Logf("%s: indirect P %.1f R %.1f F1 %.1f, speaker acc %.1f, attributed F1 %.1f, speech recall %.1f attributed %.1f",
		what, p, r, f1, tl.SpeakerAccuracy(), af, sr, sa)
}

func TestTrainIndirect(t *testing.T) {
	if !*trainIndirect {
		t.Skip("run with -quotes.train-indirect to retrain")
	}
	docs := loadIndirectDocs(t, shareddata.Path(t, "quotes/polnear/train.jsonl"))
	const folds = 5
	nt := len(indirectThresholds)
	// tallies[fold][adj][cueMin][threshold][speech threshold]
	type grid [2][][][]Tally
	newGrid := func() grid {
		var g grid
		for a := range g {
			g[a] = make([][][]Tally, len(cueMins))
			for ci := range cueMins {
				g[a][ci] = make([][]Tally, nt)
				for ti := range g[a][ci] {
					g[a][ci][ti] = make([]Tally, nt)
				}
			}
		}
		return g
	}
	pooled := newGrid()
	perFold := make([]grid, folds)
	var folded [][]scoredIndirect // each fold's scored test documents
	for f := 0; f < folds; f++ {
		perFold[f] = newGrid()
		trainSet := func(i int) bool { return i%folds != f }
		test := func(i int) bool { return i%folds == f }
		xs, ys, pairs, table := indirectExamples(docs, trainSet)
		m := trainIndirectModel(xs, ys)
		rank := trainClauseRanker(xs, pairs)
		lex := cueLexicon(docs, trainSet)
		scored := scoreIndirectDocs(docs, test, lex, table, m, rank)
		folded = append(folded, scored)
		t.Logf("fold %d: %d training candidates, %d ranker pairs", f, len(xs), len(pairs))
		for a := range pooled {
			for ci, cm := range cueMins {
				for ti, th := range indirectThresholds {
					for si := 0; si <= ti; si++ {
						tl := tallyFiltered(scored, cm, a == 1, th, indirectThresholds[si])
						perFold[f][a][ci][ti][si] = tl
						addTally(&pooled[a][ci][ti][si], tl)
					}
				}
			}
		}
	}
	f1Of := func(tl Tally) float64 { _, _, f := tl.Quote(); return f }
	// first, with one threshold for every cue (the diagonal): the best
	// threshold per filter; the adjectival filter stays when it does not
	// lower the unfiltered best; then the highest cue prior within
	// cueFilterLoss of it
	bestTh := func(a, ci int) (int, float64) {
		best, bestF := 0, -1.0
		for ti := range indirectThresholds {
			if f1 := f1Of(pooled[a][ci][ti][ti]); f1 > bestF {
				best, bestF = ti, f1
			}
		}
		return best, bestF
	}
	for a := range pooled {
		for ci := range cueMins {
			ti, _ := bestTh(a, ci)
			logTally(t, fmt.Sprintf("pooled adj-filter %v cue prior ≥ %.2f best th %.2f", a == 1, cueMins[ci], indirectThresholds[ti]), pooled[a][ci][ti][ti])
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
	for ti := range indirectThresholds {
		if f1Of(pooled[adj][chosen][ti][ti]) >= f1-cueFilterLoss {
			th = ti
		}
	}
	// then the plain reporting cues' threshold: the lowest within the
	// same tolerance of the best over it, for the recall of reported
	// speech proper ("said", "told", "according to")
	g := pooled[adj][chosen][th]
	best := -1.0
	for si := 0; si <= th; si++ {
		best = max(best, f1Of(g[si]))
		logTally(t, fmt.Sprintf("pooled th %.2f speech th %.2f", indirectThresholds[th], indirectThresholds[si]), g[si])
	}
	sth := th
	for si := th; si >= 0; si-- {
		if f1Of(g[si]) >= best-cueFilterLoss {
			sth = si
		}
	}
	what := fmt.Sprintf("adj-filter %v, cue prior ≥ %.2f, th %.2f, speech th %.2f", adj == 1, cueMins[chosen], indirectThresholds[th], indirectThresholds[sth])
	for f := range perFold {
		logTally(t, fmt.Sprintf("chosen fold %d", f), perFold[f][adj][chosen][th][sth])
	}
	logTally(t, "chosen pooled "+what, g[sth])
	// whether plain reporting verbs should propose whatever their prior:
	// kept when it raises their recall for at most cueFilterLoss of F1
	var bypass Tally
	bypassFolds := make([]Tally, folds)
	for f, scored := range folded {
		bypassFolds[f] = tallyBypass(scored, cueMins[chosen], adj == 1, true, indirectThresholds[th], indirectThresholds[sth])
		addTally(&bypass, bypassFolds[f])
	}
	logTally(t, "the same, reporting verbs whatever their prior", bypass)
	sr0, _ := g[sth].SpeechRecall()
	sr1, _ := bypass.SpeechRecall()
	anyPrior := f1Of(bypass) >= f1Of(g[sth])-cueFilterLoss && sr1 > sr0
	if anyPrior {
		for f := range bypassFolds {
			logTally(t, fmt.Sprintf("chosen fold %d, reporting verbs whatever their prior", f), bypassFolds[f])
		}
	}
	// the same without the ranker: a cue's most probable clause wins
	var plain Tally
	for _, scored := range folded {
		for _, s := range scored {
			for j := range s.cands {
				s.cands[j].rank = s.cands[j].prob
			}
		}
		addTally(&plain, tallyFiltered(scored, cueMins[chosen], adj == 1, indirectThresholds[th], indirectThresholds[sth]))
	}
	logTally(t, "the same without the ranker", plain)
	t.Logf("(no filter, one threshold: pooled F1 %.1f)", none)
	all := func(int) bool { return true }
	xs, ys, pairs, table := indirectExamples(docs, all)
	m := trainIndirectModel(xs, ys)
	m.Threshold = indirectThresholds[th]
	lex := cueLexicon(docs, all)
	writeIndirectWeights(t, &indirectTables{cues: lex, context: table, model: m, ranker: trainClauseRanker(xs, pairs),
		speechThreshold: indirectThresholds[sth], cueMin: cueMins[chosen], skipAdjectival: adj == 1, speechAnyPrior: anyPrior})
}

// writeIndirectWeights writes the learned tables to indirect.bin.gz
// (indirect_data.go gives the format) and checks that they load back.
func writeIndirectWeights(t *testing.T, tables *indirectTables) {
	b, err := encodeIndirect(tables)
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
