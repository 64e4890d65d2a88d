package main

// Two tasks measure byline.Quotes.
//
// quotes: PolNeAR JSONL (../shared/data/quotes/polnear/), scored exactly
// by the protocol in that folder's README:
//   - each record's text is the Document body as is (NewTextDocument with
//     an empty title), so every span is a UTF-8 byte offset into text;
//   - gold units are the quoted segments of every direct or mixed quote,
//     with that quote's speaker; predicted units are the Parts of every
//     predicted direct or mixed quote, each with the quote's speaker
//     mention (Quote.Speaker, Quote.SpeakerSpan); indirect quotes are not
//     scored;
//   - every span is shrunk to its core by stripping, at both ends, the
//     characters space \t \n " “ ” ‘ ’ ' . , ; : ! ? — – - ( );
//   - all (gold, predicted) pairs are scored by the Jaccard of their byte
//     intervals, sorted by Jaccard descending, and a pair is accepted
//     greedily when its Jaccard is at least 0.5 and neither side is taken;
//   - a matched pair's speaker is correct, for a named gold speaker, when
//     the spans overlap or both strings share a capitalised token
//     ([A-Z][\w'\-\.]+, \w as Unicode letters, digits and _, lowercased,
//     "." and "," stripped at its ends, pronouns excluded), and for a
//     pronoun gold speaker when the spans overlap; pairs whose gold speaker
//     is null are left out of speaker_accuracy and never count as
//     attributed.
//
// quote-rank: CNN/DailyMail JSONL (article, highlights). Each article is
// the Document body as is. A text's content tokens are its lowercased
// [a-z0-9]+ tokens that are not stop words (internal/stopwords), stemmed
// with snowball English. Candidates are the article's direct and mixed
// quotes, one per Quote (its quoted parts together), with at least 4
// distinct content tokens. A candidate is picked when at least 4 of its
// distinct content tokens, and at least 60% of them, occur among the
// highlights' content tokens. Over the articles with at least two
// candidates and at least one picked, p_at_1 is the fraction whose top
// candidate is picked: for Quote.Score (ties broken by position) and, in
// the same run, for the baselines first (earliest), longest and shortest
// (by bytes of the quoted text, ties to the earlier) and random (one
// uniform pick per article from a generator seeded with 1, drawn in file
// order).

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/kljensen/snowball/english"
)

func init() {
	register("quotes", task{
		summary: "quote extraction and speaker attribution on PolNeAR JSONL (README protocol)",
		flags:   quoteFlags,
		run:     runQuotes,
	})
	register("quote-rank", task{
		summary: "pull-quote ranking on CNN/DailyMail JSONL: p@1 of Quote.Score against highlights",
		flags:   quoteFlags,
		run:     runQuoteRank,
	})
}

// quoteNER makes both tasks pass the default NER model's entities to
// Quotes, so that speakers link to entities and salience comes from them.
var quoteNER bool

func quoteFlags(fs *flag.FlagSet) {
	fs.BoolVar(&quoteNER, "ner", false, "give Quotes the entities of the default NER model")
}

// quoteEntities returns the document's entities when -ner is set.
func quoteEntities(doc *byline.Document) ([]byline.Entity, error) {
	if !quoteNER {
		return nil, nil
	}
	m, err := byline.DefaultNERModel()
	if err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	return m.Entities(doc), nil
}

type polnearQuote struct {
	Kind           string  `json:"kind"`
	Quoted         [][]int `json:"quoted"`
	Speaker        *string `json:"speaker"`
	SpeakerStart   *int    `json:"speaker_start"`
	SpeakerEnd     *int    `json:"speaker_end"`
	SpeakerPronoun bool    `json:"speaker_pronoun"`
}

type polnearDoc struct {
	ID     string         `json:"id"`
	Text   string         `json:"text"`
	Quotes []polnearQuote `json:"quotes"`
}

// quoteUnit is one scored unit: a quoted segment and its speaker.
type quoteUnit struct {
	start, end     int // the core
	speaker        string
	hasSpeaker     bool
	sStart, sEnd   int
	speakerPronoun bool
}

// quoteCoreCut is the set stripped from both ends of every span.
const quoteCoreCut = " \t\n\"“”‘’'.,;:!?—–-()"

// quoteCore shrinks [start, end) of text by the protocol's characters.
func quoteCore(text string, start, end int) (int, int) {
	if start < 0 {
		start = 0
	}
	if end > len(text) {
		end = len(text)
	}
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !strings.ContainsRune(quoteCoreCut, r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !strings.ContainsRune(quoteCoreCut, r) {
			break
		}
		end -= size
	}
	return start, end
}

var quoteCapToken = regexp.MustCompile(`[A-Z][\p{L}\p{N}_'\-\.]+`)

var quotePronouns = map[string]bool{
	"he": true, "she": true, "they": true, "i": true, "we": true, "you": true, "it": true,
	"him": true, "her": true, "them": true, "us": true, "me": true, "his": true, "its": true,
	"their": true, "our": true, "my": true, "your": true,
}

func quoteCapTokens(s string) map[string]bool {
	out := map[string]bool{}
	for _, m := range quoteCapToken.FindAllString(s, -1) {
		w := strings.Trim(strings.ToLower(m), ".,")
		if w != "" && !quotePronouns[w] {
			out[w] = true
		}
	}
	return out
}

// quoteSpeakerCorrect applies the protocol's speaker rules to a matched pair.
func quoteSpeakerCorrect(g, p quoteUnit) bool {
	if !p.hasSpeaker {
		return false
	}
	overlap := p.sStart < g.sEnd && g.sStart < p.sEnd
	if g.speakerPronoun {
		return overlap
	}
	if overlap {
		return true
	}
	gt := quoteCapTokens(g.speaker)
	for w := range quoteCapTokens(p.speaker) {
		if gt[w] {
			return true
		}
	}
	return false
}

type quotePair struct {
	g, p int
	j    float64
}

// quoteMatchUnits pairs gold and predicted units greedily by Jaccard >= 0.5.
func quoteMatchUnits(gold, pred []quoteUnit) []quotePair {
	var pairs []quotePair
	for gi, g := range gold {
		for pi, p := range pred {
			inter := min(g.end, p.end) - max(g.start, p.start)
			if inter <= 0 {
				continue
			}
			union := max(g.end, p.end) - min(g.start, p.start)
			j := float64(inter) / float64(union)
			if j >= 0.5 {
				pairs = append(pairs, quotePair{gi, pi, j})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].j > pairs[b].j })
	gt, pt := map[int]bool{}, map[int]bool{}
	var out []quotePair
	for _, pr := range pairs {
		if gt[pr.g] || pt[pr.p] {
			continue
		}
		gt[pr.g], pt[pr.p] = true, true
		out = append(out, pr)
	}
	return out
}

type quotesResult struct {
	Task                string  `json:"task"`
	Documents           int     `json:"documents"`
	QuotePrecision      float64 `json:"quote_precision"`
	QuoteRecall         float64 `json:"quote_recall"`
	QuoteF1             float64 `json:"quote_f1"`
	SpeakerAccuracy     float64 `json:"speaker_accuracy"`
	AttributedPrecision float64 `json:"attributed_precision"`
	AttributedRecall    float64 `json:"attributed_recall"`
	AttributedF1        float64 `json:"attributed_f1"`
}

type quoteOutUnit struct {
	Start        int     `json:"start"`
	End          int     `json:"end"`
	Speaker      *string `json:"speaker"`
	SpeakerStart *int    `json:"speaker_start"`
	SpeakerEnd   *int    `json:"speaker_end"`
	Kind         string  `json:"kind"`
}

// quoteReadJSONL decodes one JSON object per line of path into fn, stopping
// after limit records when limit > 0.
func quoteReadJSONL(path string, limit int, fn func(line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<28)
	n := 0
	for sc.Scan() {
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s: record %d: %w", path, n+1, err)
		}
		n++
		if limit > 0 && n >= limit {
			break
		}
	}
	return sc.Err()
}

func quotePct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func quoteF1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func runQuotes(c *common) ([][]string, any, error) {
	var out *bufio.Writer
	if c.Out != "" {
		f, err := os.Create(c.Out)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		out = bufio.NewWriter(f)
		defer out.Flush()
	}
	docs, nGold, nPred, nMatched, nSpk, nSpkOK, nAttr := 0, 0, 0, 0, 0, 0, 0
	err := quoteReadJSONL(c.Data, c.Limit, func(line []byte) error {
		var d polnearDoc
		if err := json.Unmarshal(line, &d); err != nil {
			return err
		}
		docs++
		var gold []quoteUnit
		for _, q := range d.Quotes {
			if q.Kind != "direct" && q.Kind != "mixed" {
				continue
			}
			for _, seg := range q.Quoted {
				if len(seg) != 2 {
					continue
				}
				u := quoteUnit{speakerPronoun: q.SpeakerPronoun}
				u.start, u.end = quoteCore(d.Text, seg[0], seg[1])
				if q.Speaker != nil && q.SpeakerStart != nil && q.SpeakerEnd != nil {
					u.hasSpeaker, u.speaker, u.sStart, u.sEnd = true, *q.Speaker, *q.SpeakerStart, *q.SpeakerEnd
				}
				gold = append(gold, u)
			}
		}
		doc := byline.NewTextDocument("", d.Text)
		ents, err := quoteEntities(doc)
		if err != nil {
			return err
		}
		qs := byline.Quotes(doc, ents)
		var pred []quoteUnit
		var outUnits []quoteOutUnit
		for _, q := range qs {
			if q.Kind != byline.DirectQuote && q.Kind != byline.MixedQuote {
				continue
			}
			for _, p := range q.Parts {
				u := quoteUnit{}
				u.start, u.end = quoteCore(doc.Body, p.Start, p.End)
				ou := quoteOutUnit{Start: p.Start, End: p.End, Kind: q.Kind.String()}
				if q.SpeakerSpan.Start >= 0 && q.Speaker != "" {
					u.hasSpeaker, u.speaker, u.sStart, u.sEnd = true, q.Speaker, q.SpeakerSpan.Start, q.SpeakerSpan.End
					sp, ss, se := q.Speaker, q.SpeakerSpan.Start, q.SpeakerSpan.End
					ou.Speaker, ou.SpeakerStart, ou.SpeakerEnd = &sp, &ss, &se
				}
				pred = append(pred, u)
				outUnits = append(outUnits, ou)
			}
		}
		nGold += len(gold)
		nPred += len(pred)
		for _, pr := range quoteMatchUnits(gold, pred) {
			nMatched++
			g := gold[pr.g]
			if !g.hasSpeaker {
				continue
			}
			nSpk++
			if quoteSpeakerCorrect(g, pred[pr.p]) {
				nSpkOK++
				nAttr++
			}
		}
		if out != nil {
			if outUnits == nil {
				outUnits = []quoteOutUnit{}
			}
			b, err := json.Marshal(struct {
				ID     string         `json:"id"`
				Quotes []quoteOutUnit `json:"quotes"`
			}{d.ID, outUnits})
			if err != nil {
				return err
			}
			out.Write(b)
			out.WriteByte('\n')
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	r := quotesResult{Task: "quotes", Documents: docs}
	r.QuotePrecision, r.QuoteRecall = quotePct(nMatched, nPred), quotePct(nMatched, nGold)
	r.QuoteF1 = quoteF1(r.QuotePrecision, r.QuoteRecall)
	r.SpeakerAccuracy = quotePct(nSpkOK, nSpk)
	r.AttributedPrecision, r.AttributedRecall = quotePct(nAttr, nPred), quotePct(nAttr, nGold)
	r.AttributedF1 = quoteF1(r.AttributedPrecision, r.AttributedRecall)
	table := [][]string{
		{"documents", fmt.Sprint(docs), "gold units", fmt.Sprint(nGold), "predicted", fmt.Sprint(nPred)},
		{"quote P/R/F1", f1d(r.QuotePrecision), f1d(r.QuoteRecall), f1d(r.QuoteF1)},
		{"speaker accuracy", f1d(r.SpeakerAccuracy), fmt.Sprintf("(%d/%d)", nSpkOK, nSpk)},
		{"attributed P/R/F1", f1d(r.AttributedPrecision), f1d(r.AttributedRecall), f1d(r.AttributedF1)},
	}
	return table, r, nil
}

// quoteContentTokens returns the distinct stemmed content tokens of s.
var quoteAlnumRun = regexp.MustCompile(`[a-z0-9]+`)

func quoteContentTokens(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range quoteAlnumRun.FindAllString(strings.ToLower(s), -1) {
		if stopwords.Is(w) {
			continue
		}
		out[english.Stem(w, false)] = true
	}
	return out
}

type quoteRankCand struct {
	Text   string  `json:"text"`
	Score  float64 `json:"score"`
	Picked bool    `json:"picked"`
	start  int
	size   int
}

type quoteRankResult struct {
	Task      string             `json:"task"`
	Articles  int                `json:"articles"`
	PAt1      float64            `json:"p_at_1"`
	Baselines map[string]float64 `json:"baselines"`
}

func runQuoteRank(c *common) ([][]string, any, error) {
	var out *bufio.Writer
	if c.Out != "" {
		f, err := os.Create(c.Out)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		out = bufio.NewWriter(f)
		defer out.Flush()
	}
	rng := rand.New(rand.NewSource(1))
	articles := 0
	hits := map[string]int{}
	err := quoteReadJSONL(c.Data, c.Limit, func(line []byte) error {
		var rec struct {
			ID         string `json:"id"`
			Article    string `json:"article"`
			Highlights string `json:"highlights"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		doc := byline.NewTextDocument("", rec.Article)
		hl := quoteContentTokens(rec.Highlights)
		var cands []quoteRankCand
		ents, err := quoteEntities(doc)
		if err != nil {
			return err
		}
		for _, q := range byline.Quotes(doc, ents) {
			if q.Kind != byline.DirectQuote && q.Kind != byline.MixedQuote {
				continue
			}
			parts := make([]string, len(q.Parts))
			size := 0
			for i, p := range q.Parts {
				parts[i] = p.Of(doc.Body)
				size += p.Len()
			}
			text := strings.Join(parts, " ")
			ct := quoteContentTokens(text)
			if len(ct) < 4 {
				continue
			}
			in := 0
			for w := range ct {
				if hl[w] {
					in++
				}
			}
			picked := in >= 4 && float64(in) >= 0.6*float64(len(ct))
			cands = append(cands, quoteRankCand{Text: text, Score: q.Score, Picked: picked, start: q.Span.Start, size: size})
		}
		// our ranking: score descending, ties by position
		sort.SliceStable(cands, func(i, j int) bool {
			if cands[i].Score != cands[j].Score {
				return cands[i].Score > cands[j].Score
			}
			return cands[i].start < cands[j].start
		})
		if out != nil {
			cs := cands
			if cs == nil {
				cs = []quoteRankCand{}
			}
			b, err := json.Marshal(struct {
				ID         string          `json:"id"`
				Candidates []quoteRankCand `json:"candidates"`
			}{rec.ID, cs})
			if err != nil {
				return err
			}
			out.Write(b)
			out.WriteByte('\n')
		}
		anyPicked := false
		for _, cd := range cands {
			anyPicked = anyPicked || cd.Picked
		}
		if len(cands) < 2 || !anyPicked {
			return nil
		}
		articles++
		if cands[0].Picked {
			hits["score"]++
		}
		first, longest, shortest := 0, 0, 0
		for i, cd := range cands {
			f, l, s := cands[first], cands[longest], cands[shortest]
			if cd.start < f.start {
				first = i
			}
			if cd.size > l.size || cd.size == l.size && cd.start < l.start {
				longest = i
			}
			if cd.size < s.size || cd.size == s.size && cd.start < s.start {
				shortest = i
			}
		}
		if cands[first].Picked {
			hits["first"]++
		}
		if cands[longest].Picked {
			hits["longest"]++
		}
		if cands[shortest].Picked {
			hits["shortest"]++
		}
		// the random baseline draws over candidates in position order, so
		// that it does not depend on our ranking
		byPos := make([]quoteRankCand, len(cands))
		copy(byPos, cands)
		sort.SliceStable(byPos, func(i, j int) bool { return byPos[i].start < byPos[j].start })
		if byPos[rng.Intn(len(byPos))].Picked {
			hits["random"]++
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	frac := func(k string) float64 {
		if articles == 0 {
			return 0
		}
		return float64(hits[k]) / float64(articles)
	}
	r := quoteRankResult{Task: "quote-rank", Articles: articles, PAt1: frac("score"), Baselines: map[string]float64{
		"first": frac("first"), "longest": frac("longest"), "shortest": frac("shortest"), "random": frac("random"),
	}}
	table := [][]string{
		{"articles", fmt.Sprint(articles)},
		{"p@1 score", f3(r.PAt1)},
		{"p@1 first", f3(r.Baselines["first"])},
		{"p@1 longest", f3(r.Baselines["longest"])},
		{"p@1 shortest", f3(r.Baselines["shortest"])},
		{"p@1 random", f3(r.Baselines["random"])},
	}
	return table, r, nil
}
