package quotes

import (
	"flag"
	"fmt"
	"go/format"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/jsonl"
	"github.com/byline-nlp/byline/internal/shareddata"
	"github.com/byline-nlp/byline/internal/text"
)

// Retrain the speaker ranker from PolNeAR train, reporting 5-fold
// cross-validation by document, and rewrite ranker_weights.go:
//
//	go test -run TestTrainSpeakerRanker -quotes.train-speakers ./internal/quotes
//
// -quotes.speakers-dev also scores PolNeAR dev with the final weights, as
// a check.
var (
	trainSpeakers        = flag.Bool("quotes.train-speakers", false, "retrain ranker_weights.go from PolNeAR train")
	speakersDev          = flag.Bool("quotes.speakers-dev", false, "with -quotes.train-speakers, score PolNeAR dev as a check")
	speakersDump         = flag.String("quotes.speakers-dump", "", "with -quotes.train-speakers, write fold 0's wrong speakers to this file")
	speakersRuleLabel    = flag.Bool("quotes.speakers-rule-label", true, "with -quotes.train-speakers, a right rules' speaker is the only right candidate")
	speakersNoLex        = flag.Bool("quotes.speakers-nolex", false, "with -quotes.train-speakers, cross-validate without the lexicon too")
	speakersL2           = flag.Float64("quotes.speakers-l2", 0, "with -quotes.train-speakers, the L2 weight (0: the default)")
	speakersEpochs       = flag.Int("quotes.speakers-epochs", 0, "with -quotes.train-speakers, the epochs (0: the default)")
	speakersSegThreshold = flag.Float64("quotes.speakers-seg-threshold", 0, "with -quotes.train-speakers, the segment classifier's threshold (0: the shipped one)")
	speakersAblate       = flag.Bool("quotes.speakers-ablate", false, "with -quotes.train-speakers, cross-validate each feature left out")
)

// speakerRecord is one PolNeAR JSONL record, as far as the ranker needs
// it.
type speakerRecord struct {
	Text   string `json:"text"`
	Quotes []struct {
		Kind           string  `json:"kind"`
		Start          int     `json:"start"`
		End            int     `json:"end"`
		Quoted         [][]int `json:"quoted"`
		Cue            string  `json:"cue"`
		Speaker        *string `json:"speaker"`
		SpeakerStart   *int    `json:"speaker_start"`
		SpeakerEnd     *int    `json:"speaker_end"`
		SpeakerPronoun bool    `json:"speaker_pronoun"`
	} `json:"quotes"`
}

// speakerDoc is one training document: its extractor, its quotes before
// ranking with their candidates, and the gold units.
type speakerDoc struct {
	x             *quoteExtractor
	qs            []Quote
	cands         [][]speakerCand
	keys          [][][numSpeakerKeys]string // each candidate's lexical keys
	gold, goldInd []Unit
	groups        []speakerGroup
}

// speakerGroup is one matched gold unit with a speaker: the quote that
// matched it and which of its candidates the protocol counts correct.
type speakerGroup struct {
	quote int
	ok    []bool
}

// rankerQuotes runs Extract's stages up to the ranker (kept in step with
// Extract in quote.go).
func rankerQuotes(x *quoteExtractor) []Quote {
	x.attribute()
	x.keepSegments(Default)
	out := x.build(nil)
	return inOrder(out, x.indirect(out)[len(out):])
}

func loadSpeakerDocs(t testing.TB, path string) []speakerDoc {
	records, err := jsonl.ReadFile[speakerRecord](path, 0)
	if err != nil {
		t.Fatal(err)
	}
	var docs []speakerDoc
	for _, r := range records {
		var d speakerDoc
		for _, q := range r.Quotes {
			u := Unit{Pronoun: q.SpeakerPronoun, Speech: SpeechCue(q.Cue)}
			if q.Speaker != nil && q.SpeakerStart != nil && q.SpeakerEnd != nil {
				u.HasSpeaker, u.Speaker, u.SpeakerStart, u.SpeakerEnd = true, *q.Speaker, *q.SpeakerStart, *q.SpeakerEnd
			}
			if q.Kind == "indirect" {
				u.Start, u.End = Core(r.Text, q.Start, q.End)
				d.goldInd = append(d.goldInd, u)
				continue
			}
			for _, s := range q.Quoted {
				u.Start, u.End = Core(r.Text, s[0], s[1])
				u.Speech = false
				d.gold = append(d.gold, u)
			}
		}
		doc := text.NewTextDocument("", r.Text)
		d.x = newQuoteExtractor(doc)
		d.qs = rankerQuotes(d.x)
		d.cands = make([][]speakerCand, len(d.qs))
		d.keys = make([][][numSpeakerKeys]string, len(d.qs))
		var scr speakerScratch
		for i := range d.qs {
			d.cands[i] = slices.Clone(d.x.speakerCandidates(&d.qs[i], &scr))
			d.keys[i] = make([][numSpeakerKeys]string, len(d.cands[i]))
			for ci := range d.cands[i] {
				for ki := range numSpeakerKeys {
					d.keys[i][ci][ki] = string(d.x.speakerKey(nil, &d.cands[i][ci], ki))
				}
			}
		}
		d.label()
		docs = append(docs, d)
	}
	return docs
}

// units returns the predicted units of qs as evaluate quotes builds them,
// each with the index of its quote.
func predictedUnits(body string, qs []Quote, indirect bool) ([]Unit, []int) {
	var us []Unit
	var idx []int
	for i, q := range qs {
		if (q.Kind == IndirectQuote) != indirect {
			continue
		}
		spans := q.Parts
		if indirect {
			spans = []text.Span{q.Span}
		}
		for _, p := range spans {
			u := Unit{}
			u.Start, u.End = Core(body, p.Start, p.End)
			if q.Speaker != "" && q.SpeakerSpan.Start >= 0 {
				u.HasSpeaker, u.Speaker, u.SpeakerStart, u.SpeakerEnd = true, q.Speaker, q.SpeakerSpan.Start, q.SpeakerSpan.End
			}
			us = append(us, u)
			idx = append(idx, i)
		}
	}
	return us, idx
}

// label matches the document's quotes to the gold as the protocol does
// and records, for each matched gold unit with a speaker, which of the
// quote's candidates would be correct.
func (d *speakerDoc) label() {
	body := d.x.body
	for _, indirect := range []bool{false, true} {
		gold := d.gold
		if indirect {
			gold = d.goldInd
		}
		pred, idx := predictedUnits(body, d.qs, indirect)
		for _, pr := range Match(gold, pred) {
			g := gold[pr.Gold]
			qi := idx[pr.Pred]
			if !g.HasSpeaker || len(d.cands[qi]) == 0 {
				continue
			}
			ok := make([]bool, len(d.cands[qi]))
			rule := -1
			for ci, c := range d.cands[qi] {
				p := Unit{HasSpeaker: true, Speaker: c.span.Of(body), SpeakerStart: c.span.Start, SpeakerEnd: c.span.End}
				ok[ci] = SpeakerCorrect(g, p)
				if ok[ci] && c.f[sRule] != 0 {
					rule = ci
				}
			}
			// when the rules' speaker is right the others that are (the
			// protocol is lenient: "An analysis" and the institute behind
			// it both overlap "An analysis from the institute") teach
			// nothing: the ranker should overrule the rules only when
			// they are wrong
			if rule >= 0 && *speakersRuleLabel {
				for ci := range ok {
					ok[ci] = ci == rule
				}
			}
			d.groups = append(d.groups, speakerGroup{quote: qi, ok: ok})
		}
	}
}

// speakerTallies scores docs with weights w (nil: the rules' speakers),
// the rest of Extract's attribution (wholeNames) applied, for quotation-
// mark quotes and for reported speech.
func speakerTallies(docs []speakerDoc, use func(i int) bool, m *rankerModel) (direct, indirect Tally) {
	for i := range docs {
		if !use(i) {
			continue
		}
		d := &docs[i]
		qs := slices.Clone(d.qs)
		if m != nil {
			for qi := range qs {
				if c := d.cands[qi]; len(c) > 0 {
					best := bestCand(c, d.keys[qi], m)
					if sp := chosenSpeaker(&qs[qi], c[best].span); sp != qs[qi].SpeakerSpan {
						qs[qi].SpeakerSpan, qs[qi].Speaker = sp, sp.Of(d.x.body)
					}
				}
			}
		}
		qs = d.x.wholeNames(qs, nil)
		pd, _ := predictedUnits(d.x.body, qs, false)
		direct.Add(d.gold, pd)
		pi, _ := predictedUnits(d.x.body, qs, true)
		indirect.Add(d.goldInd, pi)
	}
	return direct, indirect
}

// rankerModel is a trained ranker: the weights and the lexicon.
type rankerModel struct {
	w   []float64
	lex map[string]float64
}

func bestCand(c []speakerCand, keys [][numSpeakerKeys]string, m *rankerModel) int {
	best, bs := 0, math.Inf(-1)
	for ci := range c {
		if s := candScore(&c[ci], keys[ci], m); s > bs {
			best, bs = ci, s
		}
	}
	return best
}

func candScore(c *speakerCand, keys [numSpeakerKeys]string, m *rankerModel) float64 {
	s := speakerScore(c.active(nil), m.w)
	for _, k := range keys {
		if k != "" {
			s += m.lex[k]
		}
	}
	return s
}

// minKeyCount is how many training candidates a lexical key needs to get
// a weight.
const minKeyCount = 20

// trainRanker fits the ranker's weights by a listwise softmax over each
// group's candidates (the likelihood of the correct ones), with L2 and
// full-batch Adagrad; groups with no correct candidate teach nothing.
// Features with mask[f] false stay zero.
func trainRanker(docs []speakerDoc, use func(i int) bool, mask []bool, epochs int, rate, l2 float64) *rankerModel {
	type group struct {
		fs [][]speakerFeature
		ok []bool
	}
	// the lexicon: keys frequent enough among the training candidates
	count := map[string]int{}
	for i := range docs {
		if !use(i) {
			continue
		}
		for _, g := range docs[i].groups {
			for _, ks := range docs[i].keys[g.quote] {
				for _, k := range ks {
					if k != "" {
						count[k]++
					}
				}
			}
		}
	}
	index := map[string]int32{}
	var names []string
	if useLexicon {
		for k, n := range count {
			if n >= minKeyCount {
				names = append(names, k)
			}
		}
		slices.Sort(names)
		for j, k := range names {
			index[k] = int32(numSpeakerWeights + j)
		}
	}
	var gs []group
	for i := range docs {
		if !use(i) {
			continue
		}
		for _, g := range docs[i].groups {
			if slices.Contains(g.ok, true) && len(g.ok) > 1 {
				c := docs[i].cands[g.quote]
				fs := make([][]speakerFeature, len(c))
				for ci := range c {
					for _, f := range c[ci].active(nil) {
						if mask == nil || mask[f.i] {
							fs[ci] = append(fs[ci], f)
						}
					}
					for _, k := range docs[i].keys[g.quote][ci] {
						if j, ok := index[k]; ok {
							fs[ci] = append(fs[ci], speakerFeature{j, 1})
						}
					}
				}
				gs = append(gs, group{fs, g.ok})
			}
		}
	}
	nw := numSpeakerWeights + len(names)
	w := make([]float64, nw)
	grad := make([]float64, nw)
	h := make([]float64, nw)
	p := make([]float64, maxSpeakerCands)
	n := float64(len(gs))
	for e := 0; e < epochs; e++ {
		for i := range grad {
			grad[i] = l2 * w[i]
		}
		for _, g := range gs {
			m := math.Inf(-1)
			for ci := range g.fs {
				p[ci] = speakerScore(g.fs[ci], w)
				m = max(m, p[ci])
			}
			z, zpos := 0.0, 0.0
			for ci := range g.fs {
				p[ci] = math.Exp(p[ci] - m)
				z += p[ci]
				if g.ok[ci] {
					zpos += p[ci]
				}
			}
			for ci := range g.fs {
				d := p[ci] / z
				if g.ok[ci] {
					d -= p[ci] / zpos
				}
				d /= n
				for _, f := range g.fs[ci] {
					grad[f.i] += d * f.v
				}
			}
		}
		for i := range w {
			if grad[i] == 0 {
				continue
			}
			h[i] += grad[i] * grad[i]
			w[i] -= rate * grad[i] / (math.Sqrt(h[i]) + 1e-8)
		}
	}
	m := &rankerModel{w: w[:numSpeakerWeights], lex: map[string]float64{}}
	for j, k := range names {
		if v := w[numSpeakerWeights+j]; v != 0 {
			m.lex[k] = v
		}
	}
	return m
}

// useLexicon makes trainRanker learn lexical keys.
var useLexicon = true

// speakerFigures is one evaluation's figures.
type speakerFigures struct {
	acc, attF1, indAcc, indAttF1, speechAtt float64
}

func figures(d, ind Tally) speakerFigures {
	_, _, af := d.Attributed()
	_, _, iaf := ind.Attributed()
	_, sa := ind.SpeechRecall()
	return speakerFigures{d.SpeakerAccuracy(), af, ind.SpeakerAccuracy(), iaf, sa}
}

func (f speakerFigures) String() string {
	return fmt.Sprintf("speaker acc %.2f, attributed F1 %.2f | indirect speaker acc %.2f, attributed F1 %.2f, speech-cue attributed recall %.2f",
		f.acc, f.attF1, f.indAcc, f.indAttF1, f.speechAtt)
}

// The training settings; -quotes.speakers-l2 and -quotes.speakers-epochs
// override the L2 and epochs for a cross-validated comparison.
var (
	rankerEpochs = 300
	rankerRate   = 0.2
	rankerL2     = 1e-4
)

const rankerFolds = 5

// crossValidate returns the pooled figures of 5-fold cross-validation by
// document (fold = index % 5), and each fold's.
func crossValidate(docs []speakerDoc, mask []bool) (speakerFigures, []speakerFigures, []speakerFigures) {
	var pd, pi Tally
	var folds, base []speakerFigures
	for k := 0; k < rankerFolds; k++ {
		train := func(i int) bool { return i%rankerFolds != k }
		test := func(i int) bool { return i%rankerFolds == k }
		w := trainRanker(docs, train, mask, rankerEpochs, rankerRate, rankerL2)
		d, ind := speakerTallies(docs, test, w)
		folds = append(folds, figures(d, ind))
		bd, bi := speakerTallies(docs, test, nil)
		base = append(base, figures(bd, bi))
		pd.merge(d)
		pi.merge(ind)
	}
	return figures(pd, pi), folds, base
}

func (t *Tally) merge(o Tally) {
	t.Documents += o.Documents
	t.Gold += o.Gold
	t.Pred += o.Pred
	t.Matched += o.Matched
	t.Speakers += o.Speakers
	t.SpeakersOK += o.SpeakersOK
	t.Speech += o.Speech
	t.SpeechMatched += o.SpeechMatched
	t.SpeechOK += o.SpeechOK
}

var speakerContextNames = [numSpeakerContexts]string{
	"quote, cue before", "quote, cue after", "quote, no cue or inside",
	"reported, cue before", "reported, cue after", "reported, no cue or inside",
}

var speakerFeatureNames = [numSpeakerBase]string{
	"rule", "rule-overlap", "subject-before", "sentence-subject", "object-after", "he/she", "I",
	"we/they", "it", "you", "who", "name-multi", "name-single", "description", "title", "org-word",
	"before-cue", "after-cue", "no-cue", "adjacent", "log-dist", "commas", "sentence-start",
	"prep-before", "prep-after", "possessor", "apposed", "after-address", "source-after",
	"after-late-cue", "before-early-cue", "in-envelope", "nearest-before", "nearest-after",
	"nearest-name", "colon-cue", "other", "lower-seen", "date", "head-lower", "possessive-det",
	"quantifier-det", "participle-sentence-start", "participle-nearest-name", "participle-rule",
	"previous-speaker", "previous-head",
}

func TestTrainSpeakerRanker(t *testing.T) {
	if !*trainSpeakers {
		t.Skip("run with -quotes.train-speakers to retrain")
	}
	path := shareddata.Path(t, "quotes/polnear/train.jsonl")
	if *speakersL2 > 0 {
		rankerL2 = *speakersL2
	}
	if *speakersEpochs > 0 {
		rankerEpochs = *speakersEpochs
	}
	if *speakersSegThreshold > 0 {
		defer func(th float64) { Default.Threshold = th }(Default.Threshold)
		Default.Threshold = *speakersSegThreshold
	}
	docs := loadSpeakerDocs(t, path)
	groups, covered := 0, 0
	for _, d := range docs {
		for _, g := range d.groups {
			groups++
			if slices.Contains(g.ok, true) {
				covered++
			}
		}
	}
	t.Logf("%d documents, %d matched units with a speaker, %.1f%% with a correct candidate", len(docs), groups, 100*float64(covered)/float64(groups))
	all := func(int) bool { return true }
	if *speakersDump != "" {
		w := trainRanker(docs, func(i int) bool { return i%rankerFolds != 0 }, nil, rankerEpochs, rankerRate, rankerL2)
		if err := dumpSpeakerErrors(*speakersDump, docs, func(i int) bool { return i%rankerFolds == 0 }, w); err != nil {
			t.Fatal(err)
		}
		return
	}
	pooled, folds, base := crossValidate(docs, nil)
	for k := range folds {
		t.Logf("fold %d rules:  %v", k, base[k])
		t.Logf("fold %d ranker: %v", k, folds[k])
	}
	bd, bi := speakerTallies(docs, all, nil)
	t.Logf("pooled rules:  %v", figures(bd, bi))
	t.Logf("pooled ranker: %v", pooled)
	if *speakersNoLex {
		useLexicon = false
		p, _, _ := crossValidate(docs, nil)
		t.Logf("without the lexicon %v", p)
		useLexicon = true
	}
	if *speakersAblate {
		mask := make([]bool, numSpeakerWeights)
		for i := range mask {
			mask[i] = i < pairOffset
		}
		p, _, _ := crossValidate(docs, mask)
		t.Logf("without pairs %v", p)
		for i := range mask {
			mask[i] = i < numSpeakerBase || i >= pairOffset
		}
		p, _, _ = crossValidate(docs, mask)
		t.Logf("without contexts %v", p)
		for fi := 0; fi < numSpeakerBase; fi++ {
			mask := make([]bool, numSpeakerWeights)
			for i := range mask {
				if i < pairOffset {
					mask[i] = i%numSpeakerBase != fi
				} else {
					a, b := (i-pairOffset)/numSpeakerBase, (i-pairOffset)%numSpeakerBase
					mask[i] = a != fi && b != fi
				}
			}
			p, _, _ := crossValidate(docs, mask)
			t.Logf("without %-18s %v", speakerFeatureNames[fi], p)
		}
	}
	w := trainRanker(docs, all, nil, rankerEpochs, rankerRate, rankerL2)
	writeRankerWeights(t, w)
	t.Logf("%d lexical keys", len(w.lex))
	if *speakersDev {
		dev := loadSpeakerDocs(t, shareddata.Path(t, "quotes/polnear/dev.jsonl"))
		bd, bi := speakerTallies(dev, all, nil)
		t.Logf("dev rules:  %v", figures(bd, bi))
		d, ind := speakerTallies(dev, all, w)
		t.Logf("dev ranker: %v", figures(d, ind))
	}
}

func writeRankerWeights(t *testing.T, m *rankerModel) {
	w := m.w
	var b strings.Builder
	b.WriteString(`package quotes

// Code generated by TestTrainSpeakerRanker (go test -run
// TestTrainSpeakerRanker -quotes.train-speakers ./internal/quotes); DO NOT
// EDIT.

// SpeakerRanker holds the speaker ranker's weights, one per feature of
// ranker.go (the base features, then the same for reported speech),
// learned listwise from PolNeAR v1.0.0 train (Newell, Margolin & Ruths,
// LREC 2018; research corpus without a stated licence, so only these
// weights ship, never its text). Empty, the rules' speakers stand.
var SpeakerRanker = []float64{
`)
	for i, v := range w {
		if i < pairOffset {
			name := speakerFeatureNames[i%numSpeakerBase]
			if i >= numSpeakerBase {
				name += " (" + speakerContextNames[i/numSpeakerBase-1] + ")"
			}
			fmt.Fprintf(&b, "\t%.4f, // %s\n", v, name)
			continue
		}
		if (i-pairOffset)%numSpeakerBase == 0 {
			fmt.Fprintf(&b, "\t// pairs with %s\n", speakerFeatureNames[(i-pairOffset)/numSpeakerBase])
		}
		fmt.Fprintf(&b, "\t%.4f,", v)
		if (i-pairOffset)%numSpeakerBase == numSpeakerBase-1 {
			b.WriteString("\n")
		}
	}
	b.WriteString("}\n\n// SpeakerLexicon holds the learned weights of lexical contexts (see\n// speakerKey), from the same data.\nvar SpeakerLexicon = map[string]float64{\n")
	keys := make([]string, 0, len(m.lex))
	for k := range m.lex {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "\t%q: %.4f,\n", k, m.lex[k])
	}
	b.WriteString("}\n")
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("ranker_weights.go", src, 0o644); err != nil {
		t.Fatal(err)
	}
}

// dumpSpeakerErrors writes, for the documents use picks, each matched
// unit whose chosen speaker is wrong: gold, chosen and rule speakers, the
// candidates and the text around the cue (for reading, never committed).
func dumpSpeakerErrors(path string, docs []speakerDoc, use func(int) bool, w *rankerModel) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for i := range docs {
		if !use(i) {
			continue
		}
		d := &docs[i]
		body := d.x.body
		for _, indirect := range []bool{false, true} {
			gold := d.gold
			if indirect {
				gold = d.goldInd
			}
			pred, idx := predictedUnits(body, d.qs, indirect)
			for _, pr := range Match(gold, pred) {
				g := gold[pr.Gold]
				q := d.qs[idx[pr.Pred]]
				c := d.cands[idx[pr.Pred]]
				if !g.HasSpeaker || len(c) == 0 {
					continue
				}
				best := bestCand(c, d.keys[idx[pr.Pred]], w)
				p := Unit{HasSpeaker: true, Speaker: c[best].span.Of(body), SpeakerStart: c[best].span.Start, SpeakerEnd: c[best].span.End}
				if SpeakerCorrect(g, p) {
					continue
				}
				any := false
				var names []string
				for ci := range c {
					u := Unit{HasSpeaker: true, Speaker: c[ci].span.Of(body), SpeakerStart: c[ci].span.Start, SpeakerEnd: c[ci].span.End}
					mark := ""
					if SpeakerCorrect(g, u) {
						mark, any = "*", true
					}
					names = append(names, fmt.Sprintf("%s%q %.2f", mark, u.Speaker, candScore(&c[ci], d.keys[idx[pr.Pred]][ci], w)))
				}
				a := max(0, min(q.Span.Start, g.SpeakerStart, max(q.CueSpan.Start, 0))-80)
				b := min(len(body), max(q.Span.End, g.SpeakerEnd, q.CueSpan.End)+40)
				ctx := strings.ReplaceAll(body[a:b], "\n", " ")
				if len(ctx) > 500 {
					ctx = ctx[:250] + " … " + ctx[len(ctx)-250:]
				}
				fmt.Fprintf(f, "ind=%v covered=%v gold=%q pron=%v rule=%q chosen=%q cue=%q\n  cands: %s\n  %s\n\n",
					indirect, any, g.Speaker, g.Pronoun, q.Speaker, p.Speaker, q.Cue, strings.Join(names, " | "), ctx)
			}
		}
	}
	return nil
}
