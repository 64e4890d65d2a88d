package byline

import (
	"strings"

	"github.com/byline-nlp/byline/internal/summarize"
)

// Summary methods accepted by SummaryMethod.
const (
	// MethodDefault is byline's own extractive method: a linear scorer
	// over position, centrality, headline overlap, entity salience,
	// sentence length, quotation and boilerplate signals, with weights
	// learned on news summaries for each SummaryStyle (highlights unless
	// told otherwise), followed by MMR redundancy removal. It never picks
	// a sentence that does not stand alone: one split inside a name or
	// opening mid-sentence, or a quote-only sentence without the
	// sentence that attributes it.
	MethodDefault = "default"
	// MethodLead takes the first sentences: the classic news baseline.
	MethodLead = "lead"
	// MethodTextRank ranks sentences by PageRank over word overlap
	// (Mihalcea and Tarau 2004).
	MethodTextRank = "textrank"
	// MethodLexRank ranks sentences by PageRank over thresholded TF-IDF
	// cosine (Erkan and Radev 2004).
	MethodLexRank = "lexrank"
)

// SummaryMethods lists the methods SummaryMethod accepts.
var SummaryMethods = []string{MethodDefault, MethodLead, MethodTextRank, MethodLexRank}

// Summary styles accepted by SummaryStyle: what the reader wants of the
// default method.
const (
	// StyleHighlights is a few short, self-contained bullet sentences,
	// what CNN's editors write under a headline: weights fit on
	// CNN/DailyMail highlights, which favour crisp lead sentences.
	StyleHighlights = "highlights"
	// StyleExtract is a shortened article, what BBC News Summary's
	// extracts are: weights fit on them, which favour long, central
	// sentences.
	StyleExtract = "extract"
)

// SummaryStyles lists the styles SummaryStyle accepts.
var SummaryStyles = []string{StyleHighlights, StyleExtract}

// A SummaryOption configures Summarize.
type SummaryOption func(*summaryConfig)

type summaryConfig struct {
	sentences int
	words     int
	method    string
	style     string
	entities  []Entity
	quotes    []Quote
	hasQuotes bool
	forms     *wordForms // the Analyzer's, shared with key phrases; nil: found by the method
}

// SummarySentences sets how many sentences the summary holds at most
// (default 3). n ≤ 0 removes the limit, leaving only a word budget.
func SummarySentences(n int) SummaryOption {
	return func(c *summaryConfig) { c.sentences = n }
}

// SummaryWords sets a word budget: sentences are added in order of
// preference while the summary stays within n words, though a summary
// always holds at least one sentence. n ≤ 0 means no budget.
func SummaryWords(n int) SummaryOption {
	return func(c *summaryConfig) { c.words = n }
}

// SummaryMethod selects the method: "default", "lead", "textrank" or
// "lexrank". Unknown names fall back to "default".
func SummaryMethod(m string) SummaryOption {
	return func(c *summaryConfig) { c.method = m }
}

// SummaryStyle selects the default method's style: "highlights" (the
// default) or "extract". Unknown names fall back to "highlights". The
// other methods have no style and ignore it.
func SummaryStyle(s string) SummaryOption {
	return func(c *summaryConfig) { c.style = s }
}

// SummaryEntities gives the document's entities, whose salience makes
// the sentences naming them more likely picks. Without them the default
// method estimates salience from repeated capitalized words.
func SummaryEntities(es []Entity) SummaryOption {
	return func(c *summaryConfig) { c.entities = es }
}

// SummaryQuotes gives the document's quotes (from Quotes), so that
// sentences that are mostly quotation count as such; indirect quotes,
// which have no quotation marks, are not counted. Without them the
// default method looks at quotation marks itself.
func SummaryQuotes(qs []Quote) SummaryOption {
	return func(c *summaryConfig) { c.quotes, c.hasQuotes = qs, true }
}

// summaryForms gives the document's word forms, already stemmed for
// another stage. Unexported: only the Analyzer, which built them for
// this very document, may pass them.
func summaryForms(wf *wordForms) SummaryOption {
	return func(c *summaryConfig) { c.forms = wf }
}

// A SummarySentence is one sentence of a summary.
type SummarySentence struct {
	Index int     `json:"index"` // into Document.Sentences
	Span  Span    `json:"span"`  // the sentence in Body, less any leading dateline such as "(CNN) --"
	Score float64 `json:"score"` // the method's score: higher is more summary-worthy
	Text  string  `json:"text"`  // Span's text with line breaks as spaces
}

// A Summary is an extractive summary: sentences of the Document, in
// article order.
type Summary struct {
	Method string `json:"method"`
	Style  string `json:"style,omitempty"` // the default method's style

	Sentences []SummarySentence `json:"sentences"`
}

// Indices returns the chosen sentences' indices into Document.Sentences.
func (s *Summary) Indices() []int {
	if s == nil {
		return nil
	}
	out := make([]int, len(s.Sentences))
	for i, x := range s.Sentences {
		out[i] = x.Index
	}
	return out
}

// Text returns the summary's sentences, one per line.
func (s *Summary) Text() string {
	if s == nil {
		return ""
	}
	parts := make([]string, len(s.Sentences))
	for i, x := range s.Sentences {
		parts[i] = x.Text
	}
	return strings.Join(parts, "\n")
}

// Summarize returns an extractive summary of doc: by default the 3
// sentences the default method prefers in the highlights style, in
// article order. It never
// tokenizes again; it reads doc's sentences and tokens. A nil or empty
// document gives an empty summary. Summarize is safe for concurrent use.
func Summarize(doc *Document, opts ...SummaryOption) *Summary {
	c := summaryConfig{sentences: 3, method: MethodDefault}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	switch c.method {
	case MethodLead, MethodTextRank, MethodLexRank:
	default:
		c.method = MethodDefault
	}
	sum := &Summary{Method: c.method, Sentences: []SummarySentence{}}
	w := &summarize.Highlights
	if c.method == MethodDefault {
		sum.Style = StyleHighlights
		if c.style == StyleExtract {
			sum.Style, w = StyleExtract, &summarize.Extract
		}
	}
	if doc == nil || len(doc.Sentences) == 0 {
		return sum
	}
	in := summaryInput(doc, &c)
	picks := summarize.Rank(in, c.method, summarize.Options{Sentences: c.sentences, Words: c.words}, w)
	for _, p := range picks {
		s := doc.Sentences[p.Index]
		span := s.Span
		if p.Skip > 0 && p.Skip < len(s.Tokens) {
			span.Start = s.Tokens[p.Skip].Start
		}
		text := ""
		if span.Start >= 0 && span.End <= len(doc.Body) && span.Start <= span.End {
			text = oneLine(doc.Body[span.Start:span.End])
		}
		sum.Sentences = append(sum.Sentences, SummarySentence{Index: p.Index, Span: span, Score: p.Score, Text: text})
	}
	return sum
}

// oneLine turns the line breaks inside a sentence into spaces, so that
// a summary prints one sentence per line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// summaryInput converts doc, with the options' entities and quotes, into
// the summarizer's neutral input.
func summaryInput(doc *Document, c *summaryConfig) *summarize.Input {
	in := &summarize.Input{
		Title:       doc.TitleTokens,
		Sentences:   make([]summarize.Sentence, len(doc.Sentences)),
		HasEntities: len(c.entities) > 0,
		HasQuotes:   c.hasQuotes,
	}
	for i := range doc.Sentences {
		s := &doc.Sentences[i]
		in.Sentences[i] = summarize.Sentence{Tokens: s.Tokens, Paragraph: s.Paragraph}
		if c.forms != nil {
			in.Sentences[i].Forms = c.forms.body[s.First : s.First+len(s.Tokens)]
		}
	}
	if c.forms != nil {
		in.Forms, in.TitleForms = c.forms.lex.Forms, c.forms.title
	}
	if in.HasEntities {
		for _, e := range c.entities {
			for _, m := range e.Mentions {
				if k := doc.SentenceAt(m.Start); k >= 0 {
					in.Sentences[k].Entity += e.Salience
				}
			}
		}
	}
	if in.HasQuotes {
		for _, q := range c.quotes {
			// Only quotation-marked speech counts: the weights learned
			// what quotation marks signal, and reported speech without
			// them (IndirectQuote) reads as narrative in a summary.
			if q.Kind == IndirectQuote {
				continue
			}
			parts := q.Parts
			if len(parts) == 0 {
				parts = []Span{q.Span}
			}
			for _, p := range parts {
				markQuoted(doc, in, p)
			}
		}
	}
	return in
}

// markQuoted adds to each sentence the share of its words that lie in p.
func markQuoted(doc *Document, in *summarize.Input, p Span) {
	k := doc.SentenceAt(p.Start)
	if k < 0 {
		// A span may start at a quotation mark between sentences.
		k = doc.SentenceAt(p.Start + 1)
	}
	for ; k >= 0 && k < len(doc.Sentences) && doc.Sentences[k].Start < p.End; k++ {
		words, inside := 0, 0
		for _, t := range doc.Sentences[k].Tokens {
			if t.Kind == Word || t.Kind == Number {
				words++
				if t.Start >= p.Start && t.End <= p.End {
					inside++
				}
			}
		}
		if words > 0 {
			in.Sentences[k].Quoted = min(1, in.Sentences[k].Quoted+float64(inside)/float64(words))
		}
	}
}
