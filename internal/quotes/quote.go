package quotes

import (
	"fmt"
	"slices"

	"github.com/byline-nlp/byline/internal/text"
)

// QuoteKind says how a quote reports speech.
type QuoteKind uint8

// Quote kinds.
const (
	// DirectQuote is speech in quotation marks standing on its own:
	// “We are ready,” she said.
	DirectQuote QuoteKind = iota
	// MixedQuote is a quoted fragment inside reported speech or a
	// description: The mayor argued that “the budget is sound”.
	MixedQuote
	// IndirectQuote is reported speech without quotation marks, a cue
	// verb introducing a that-clause: He insisted that the vote was fair.
	IndirectQuote
)

var quoteKindNames = [...]string{"direct", "mixed", "indirect"}

// String returns the kind's lowercase name.
func (k QuoteKind) String() string {
	if int(k) < len(quoteKindNames) {
		return quoteKindNames[k]
	}
	return "unknown"
}

// MarshalText makes kinds read as their names in JSON.
func (k QuoteKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind's name, so that results round-trip through
// JSON.
func (k *QuoteKind) UnmarshalText(b []byte) error {
	for i, n := range quoteKindNames {
		if string(b) == n {
			*k = QuoteKind(i)
			return nil
		}
	}
	return fmt.Errorf("quotes: unknown quote kind %q", b)
}

// A Quote is one piece of reported speech and who said it.
//
// All spans are byte offsets into the Document's Body. A quote
// interrupted by its attribution (“We are ready,” she said. “The vote is
// on Monday.”) is one Quote with two Parts; a mixed quote's Parts are its
// quoted fragments; an indirect quote has one Part, its that-clause.
type Quote struct {
	Span  text.Span   `json:"span"`  // the whole quotation: from the first part to the last, or the reported clause
	Parts []text.Span `json:"parts"` // the quoted segments, quotation marks included (indirect: the clause)
	Kind  QuoteKind   `json:"kind"`
	Text  string      `json:"text"` // the parts' text without the marks, joined by a space

	// Speaker is the mention at the cue, as written: "he" in “…,” he
	// added; "Jonas" in Jonas, a farmer, said. Empty when no speaker was
	// found; SpeakerSpan is then {-1, -1}.
	Speaker     string    `json:"speaker,omitempty"`
	SpeakerSpan text.Span `json:"speaker_span"`
	Cue         string    `json:"cue,omitempty"` // the reporting verb with its particle: said, told, pointed out, according to; empty when the quote's sentence subject speaks without one
	CueSpan     text.Span `json:"cue_span"`

	// Person is the named speaker the mention refers to: the name in
	// the speaker itself, titles and invisible characters (soft hyphens,
	// zero-width spaces) dropped, when it is a name (of a person,
	// or of an organisation that speaks); for a pronoun, a person named
	// before it outside quotation marks, preferring the subject (a name
	// earlier in its sentence, the previous quote's speaker, the previous
	// sentence's first person) to the nearest name.
	// Entity indexes the entities slice given to Quotes when the speaker
	// was linked to one, else -1.
	Person string `json:"person,omitempty"`
	Entity int    `json:"entity"`

	// Confidence is the probability, from a model learned on news
	// attributions, that the segment is attributed speech rather than a
	// scare quote, title or nickname.
	Confidence float64 `json:"confidence"`
	// Score is the quote's newsworthiness in [0, 1], for choosing pull
	// quotes: speaker salience, position, length, claims and strong
	// language, novelty and overlap with the headline.
	Score float64 `json:"score"`
}

// Quotes finds the quotes in doc, attributes each to a speaker and scores
// it, in order of position. entities are the document's entities, from
// (*NERModel).Entities; when given, speakers are linked to them and
// pronouns resolve to Person mentions, and when nil, speakers resolve by
// capitalised-name heuristics on the tokens.
//
// Quotation marks may be curly or straight; single quotes inside double
// quotes are part of the quote. A quote left open at the end of a
// paragraph continues into the next one, as news style writes quotes
// Extract finds the quotes in doc, attributes each to a speaker and
// scores it, in order of position; see byline.Quotes. It is safe for
// concurrent use.
func Extract(doc *text.Document, entities []text.Entity) []Quote {
	if doc == nil || len(doc.Body) == 0 || len(doc.Tokens) == 0 {
		return nil
	}
	s := scratchPool.Get().(*scratch)
	defer s.release()
	x := newQuoteExtractorIn(doc, s)
	x.attribute()
	x.keepSegments(Default)
	// the quotation-mark quotes, then the reported speech, go into the
	// scratch's slice; inOrder merges them into the one returned
	direct := x.build(s.quotes[:0])
	all := x.indirect(direct)
	out := inOrder(all[:len(direct)], wholeMentions(all[len(direct):], entities, doc.Body))
	clear(all)
	s.quotes = all[:0]
	out = x.rankSpeakers(out)
	out = x.wholeNames(out, entities)
	resolveSpeakers(x, entities, out, x.low)
	scoreQuotes(doc, entities, out, x.voc)
	s.segs = x.segs
	return out
}

// keepSegments scores every quotation-mark segment by model and keeps
// those at or above its threshold.
func (x *quoteExtractor) keepSegments(model *Model) {
	var f [numQuoteFeatures]float64
	for i := range x.segs {
		s := &x.segs[i]
		s.prob = model.Prob(x.featuresInto(i, f[:]))
		s.keep = s.prob >= model.Threshold
	}
}

// inOrder merges the quotation-mark quotes and the reported speech into
// one slice in order of position, a quotation-mark quote first at the
// same start: a merge of two sorted runs, not a sort of large structs.
func inOrder(direct, indirect []Quote) []Quote {
	byStart := func(a, b Quote) int { return a.Span.Start - b.Span.Start }
	if !slices.IsSortedFunc(direct, byStart) {
		slices.SortStableFunc(direct, byStart)
	}
	if !slices.IsSortedFunc(indirect, byStart) {
		slices.SortStableFunc(indirect, byStart)
	}
	out := make([]Quote, 0, len(direct)+len(indirect))
	i, j := 0, 0
	for i < len(direct) && j < len(indirect) {
		if direct[i].Span.Start <= indirect[j].Span.Start {
			out = append(out, direct[i])
			i++
		} else {
			out = append(out, indirect[j])
			j++
		}
	}
	out = append(out, direct[i:]...)
	return append(out, indirect[j:]...)
}
