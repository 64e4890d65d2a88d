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
// The indirect_* keys score reported speech the same way, with other
// units: gold units are the quotes whose kind is indirect, one unit each
// with the quote's start/end envelope; predicted units are the predicted
// Quotes of kind indirect, with their Span. Core stripping, matching and
// the speaker rules are as above. indirect_speech_recall is the share of
// the gold indirect units whose lowercased cue matches the issue's
// reporting-verb expression (quotes.SpeechCue) that this matching took,
// and indirect_speech_attributed_recall the share taken with the speaker
// right. -out writes indirect predictions too, with "kind":"indirect"
// and the envelope as start/end.
//
// quote-rank: CNN/DailyMail JSONL (article, highlights) or BBC JSONL
// (title, article, summary), read by internal/summeval as the summary
// task reads them: a CNN article is the Document body as is; a BBC
// article's first line is the title and the rest the body. A text's content tokens are its lowercased
// [a-z0-9]+ tokens that are not stop words (internal/stopwords), stemmed
// with snowball English. Candidates are the article's direct and mixed
// quotes, one per Quote (its quoted parts together), with at least 4
// distinct content tokens. A candidate is picked when at least 4 of its
// distinct content tokens, and at least 60% of them, occur among the
// highlights' content tokens (CNN); for BBC, when the body sentence
// holding its first quoted part, whitespace normalised, is one of the
// reference summary's sentences (summeval.ResplitBBC). Over the articles with at least two
// candidates and at least one picked, p_at_1 is the fraction whose top
// candidate is picked: for Quote.Score (ties broken by position) and, in
// the same run, for the baselines first (earliest), longest and shortest
// (by bytes of the quoted text, ties to the earlier) and random (one
// uniform pick per article from a generator seeded with 1, drawn in file
// order).

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"regexp"
	"sort"
	"strings"

	"github.com/kljensen/snowball/english"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/jsonl"
	"github.com/byline-nlp/byline/internal/quotes"
	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/summeval"
)

func init() {
	register("quotes", task{
		summary: "quote extraction and speaker attribution on PolNeAR JSONL (README protocol)",
		flags:   quoteFlags,
		run:     runQuotes,
	})
	register("quote-rank", task{
		summary: "pull-quote ranking on CNN/DailyMail or BBC JSONL: p@1 of Quote.Score against the reference summary",
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
	Start          int     `json:"start"`
	End            int     `json:"end"`
	Cue            string  `json:"cue"`
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

	IndirectPrecision              float64 `json:"indirect_precision"`
	IndirectRecall                 float64 `json:"indirect_recall"`
	IndirectF1                     float64 `json:"indirect_f1"`
	IndirectSpeakerAccuracy        float64 `json:"indirect_speaker_accuracy"`
	IndirectAttributedF1           float64 `json:"indirect_attributed_f1"`
	IndirectSpeechRecall           float64 `json:"indirect_speech_recall"`
	IndirectSpeechAttributedRecall float64 `json:"indirect_speech_attributed_recall"`
}

type quoteOutUnit struct {
	Start        int     `json:"start"`
	End          int     `json:"end"`
	Speaker      *string `json:"speaker"`
	SpeakerStart *int    `json:"speaker_start"`
	SpeakerEnd   *int    `json:"speaker_end"`
	Kind         string  `json:"kind"`
}

func runQuotes(c *common) ([][]string, any, error) {
	out, err := c.jsonlOut()
	if err != nil {
		return nil, nil, err
	}
	var tally, ind quotes.Tally
	bar := c.bar(c.Limit)
	defer bar.Finish()
	err = jsonl.EachFile(c.Data, c.Limit, func(_ int, line []byte) error {
		bar.Add(1)
		var d polnearDoc
		if err := json.Unmarshal(line, &d); err != nil {
			return err
		}
		doc := byline.NewTextDocument("", d.Text)
		ents, err := quoteEntities(doc)
		if err != nil {
			return err
		}
		qs := byline.Quotes(doc, ents)
		pred, outUnits := quoteUnits(doc, qs)
		tally.Add(polnearGold(d), pred)
		indPred, indOut := indirectUnits(doc, qs)
		ind.Add(polnearIndirectGold(d), indPred)
		outUnits = append(outUnits, indOut...)
		if out != nil {
			if err := out.Encode(struct {
				ID     string         `json:"id"`
				Quotes []quoteOutUnit `json:"quotes"`
			}{d.ID, outUnits}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	r := quotesResult{Task: "quotes", Documents: tally.Documents}
	r.QuotePrecision, r.QuoteRecall, r.QuoteF1 = tally.Quote()
	r.SpeakerAccuracy = tally.SpeakerAccuracy()
	r.AttributedPrecision, r.AttributedRecall, r.AttributedF1 = tally.Attributed()
	r.IndirectPrecision, r.IndirectRecall, r.IndirectF1 = ind.Quote()
	r.IndirectSpeakerAccuracy = ind.SpeakerAccuracy()
	_, _, r.IndirectAttributedF1 = ind.Attributed()
	r.IndirectSpeechRecall, r.IndirectSpeechAttributedRecall = ind.SpeechRecall()
	table := [][]string{
		{"documents", fmt.Sprint(tally.Documents), "gold units", fmt.Sprint(tally.Gold), "predicted", fmt.Sprint(tally.Pred)},
		{"quote P/R/F1", f1d(r.QuotePrecision), f1d(r.QuoteRecall), f1d(r.QuoteF1)},
		{"speaker accuracy", f1d(r.SpeakerAccuracy), fmt.Sprintf("(%d/%d)", tally.SpeakersOK, tally.Speakers)},
		{"attributed P/R/F1", f1d(r.AttributedPrecision), f1d(r.AttributedRecall), f1d(r.AttributedF1)},
		{"indirect", "gold units", fmt.Sprint(ind.Gold), "predicted", fmt.Sprint(ind.Pred)},
		{"indirect P/R/F1", f1d(r.IndirectPrecision), f1d(r.IndirectRecall), f1d(r.IndirectF1)},
		{"indirect speaker accuracy", f1d(r.IndirectSpeakerAccuracy), fmt.Sprintf("(%d/%d)", ind.SpeakersOK, ind.Speakers)},
		{"indirect attributed F1", f1d(r.IndirectAttributedF1)},
		{"indirect speech-cue recall", f1d(r.IndirectSpeechRecall), "attributed", f1d(r.IndirectSpeechAttributedRecall), fmt.Sprintf("(of %d)", ind.Speech)},
	}
	return table, r, nil
}

// polnearGold returns a record's gold units: every quoted segment of
// every direct or mixed quote, with that quote's speaker.
func polnearGold(d polnearDoc) []quotes.Unit {
	var gold []quotes.Unit
	for _, q := range d.Quotes {
		if q.Kind != "direct" && q.Kind != "mixed" {
			continue
		}
		for _, seg := range q.Quoted {
			if len(seg) != 2 {
				continue
			}
			u := quotes.Unit{Pronoun: q.SpeakerPronoun}
			u.Start, u.End = quotes.Core(d.Text, seg[0], seg[1])
			if q.Speaker != nil && q.SpeakerStart != nil && q.SpeakerEnd != nil {
				u.HasSpeaker, u.Speaker, u.SpeakerStart, u.SpeakerEnd = true, *q.Speaker, *q.SpeakerStart, *q.SpeakerEnd
			}
			gold = append(gold, u)
		}
	}
	return gold
}

// polnearIndirectGold returns a record's gold indirect units: one per
// quote of kind indirect, its start/end envelope, with its speaker, and
// Speech set when its cue is a plain reporting verb.
func polnearIndirectGold(d polnearDoc) []quotes.Unit {
	var gold []quotes.Unit
	for _, q := range d.Quotes {
		if q.Kind != "indirect" {
			continue
		}
		u := quotes.Unit{Pronoun: q.SpeakerPronoun, Speech: quotes.SpeechCue(q.Cue)}
		u.Start, u.End = quotes.Core(d.Text, q.Start, q.End)
		if q.Speaker != nil && q.SpeakerStart != nil && q.SpeakerEnd != nil {
			u.HasSpeaker, u.Speaker, u.SpeakerStart, u.SpeakerEnd = true, *q.Speaker, *q.SpeakerStart, *q.SpeakerEnd
		}
		gold = append(gold, u)
	}
	return gold
}

// indirectUnits returns the predicted indirect units, one per indirect
// quote with its Span and speaker mention, and their -out form.
func indirectUnits(doc *byline.Document, qs []byline.Quote) ([]quotes.Unit, []quoteOutUnit) {
	var pred []quotes.Unit
	var out []quoteOutUnit
	for _, q := range qs {
		if q.Kind != byline.IndirectQuote {
			continue
		}
		u := quotes.Unit{}
		u.Start, u.End = quotes.Core(doc.Body, q.Span.Start, q.Span.End)
		ou := quoteOutUnit{Start: q.Span.Start, End: q.Span.End, Kind: q.Kind.String()}
		if q.Speaker != "" && q.SpeakerSpan.Start >= 0 {
			u.HasSpeaker, u.Speaker, u.SpeakerStart, u.SpeakerEnd = true, q.Speaker, q.SpeakerSpan.Start, q.SpeakerSpan.End
			sp, ss, se := q.Speaker, q.SpeakerSpan.Start, q.SpeakerSpan.End
			ou.Speaker, ou.SpeakerStart, ou.SpeakerEnd = &sp, &ss, &se
		}
		pred = append(pred, u)
		out = append(out, ou)
	}
	return pred, out
}

// quoteUnits returns the predicted units, one per part of every direct
// or mixed quote with the quote's speaker mention, and their -out form.
func quoteUnits(doc *byline.Document, qs []byline.Quote) ([]quotes.Unit, []quoteOutUnit) {
	pred := []quotes.Unit{}
	out := []quoteOutUnit{}
	for _, q := range qs {
		if q.Kind != byline.DirectQuote && q.Kind != byline.MixedQuote {
			continue
		}
		for _, p := range q.Parts {
			u := quotes.Unit{}
			u.Start, u.End = quotes.Core(doc.Body, p.Start, p.End)
			ou := quoteOutUnit{Start: p.Start, End: p.End, Kind: q.Kind.String()}
			if q.Speaker != "" && q.SpeakerSpan.Start >= 0 {
				u.HasSpeaker, u.Speaker, u.SpeakerStart, u.SpeakerEnd = true, q.Speaker, q.SpeakerSpan.Start, q.SpeakerSpan.End
				sp, ss, se := q.Speaker, q.SpeakerSpan.Start, q.SpeakerSpan.End
				ou.Speaker, ou.SpeakerStart, ou.SpeakerEnd = &sp, &ss, &se
			}
			pred = append(pred, u)
			out = append(out, ou)
		}
	}
	return pred, out
}

var quoteAlnumRun = regexp.MustCompile(`[a-z0-9]+`)

// quoteContentTokens returns the distinct stemmed content tokens of s.
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

// quoteHighlightPicker is the CNN/DailyMail definition: a candidate is
// picked when at least 4 of its distinct content tokens ct, and at least
// 60% of them, occur among the highlights' content tokens.
func quoteHighlightPicker(highlights string) func(byline.Quote, map[string]bool) bool {
	hl := quoteContentTokens(highlights)
	return func(_ byline.Quote, ct map[string]bool) bool {
		in := 0
		for w := range ct {
			if hl[w] {
				in++
			}
		}
		return in >= 4 && float64(in) >= 0.6*float64(len(ct))
	}
}

// quoteSummaryPicker is the BBC definition: a candidate is picked when
// the body sentence holding its first quoted part is, after whitespace
// normalisation, one of the reference summary's sentences (re-split as
// the summary task does: summeval.ResplitBBC, one sentence per line).
func quoteSummaryPicker(doc *byline.Document, reference string) func(byline.Quote, map[string]bool) bool {
	ref := map[string]bool{}
	for _, line := range strings.Split(reference, "\n") {
		ref[strings.Join(strings.Fields(line), " ")] = true
	}
	return func(q byline.Quote, _ map[string]bool) bool {
		si := doc.SentenceAt(q.Parts[0].Start)
		if si < 0 {
			return false
		}
		return ref[strings.Join(strings.Fields(doc.Sentences[si].Of(doc.Body)), " ")]
	}
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
	out, err := c.jsonlOut()
	if err != nil {
		return nil, nil, err
	}
	pairs, err := summeval.Load(c.Data, c.Limit)
	if err != nil {
		return nil, nil, err
	}
	rng := rand.New(rand.NewSource(1))
	articles := 0
	hits := map[string]int{}
	bar := c.bar(len(pairs))
	defer bar.Finish()
	for _, pair := range pairs {
		bar.Add(1)
		doc := pair.Doc
		picked := quoteHighlightPicker(pair.Reference)
		if pair.Source == "bbc" {
			picked = quoteSummaryPicker(doc, pair.Reference)
		}
		var cands []quoteRankCand
		ents, err := quoteEntities(doc)
		if err != nil {
			return nil, nil, err
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
			cands = append(cands, quoteRankCand{Text: text, Score: q.Score, Picked: picked(q, ct), start: q.Span.Start, size: size})
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
			if err := out.Encode(struct {
				ID         string          `json:"id"`
				Candidates []quoteRankCand `json:"candidates"`
			}{pair.ID, cs}); err != nil {
				return nil, nil, err
			}
		}
		anyPicked := false
		for _, cd := range cands {
			anyPicked = anyPicked || cd.Picked
		}
		if len(cands) < 2 || !anyPicked {
			continue
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
