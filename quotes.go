package byline

import "github.com/byline-nlp/byline/internal/quotes"

// QuoteKind says how a quote reports speech: direct, mixed or indirect.
type QuoteKind = quotes.QuoteKind

// Quote kinds.
const (
	// DirectQuote is speech in quotation marks standing on its own:
	// “We are ready,” she said.
	DirectQuote = quotes.DirectQuote
	// MixedQuote is a quoted fragment inside reported speech or a
	// description: The mayor argued that “the budget is sound”.
	MixedQuote = quotes.MixedQuote
	// IndirectQuote is reported speech without quotation marks: He
	// insisted that the vote was fair; According to the ministry, the
	// talks collapsed.
	IndirectQuote = quotes.IndirectQuote
)

// A Quote is one piece of reported speech and who said it: its span and
// parts, kind, text, the speaker mention and cue as written, the named
// person the mention refers to, the model's confidence and a
// newsworthiness score. All spans are byte offsets into the Document's
// Body.
type Quote = quotes.Quote

// Quotes finds the quotes in doc, attributes each to a speaker and scores
// it, in order of position. entities are the document's entities, from
// (*NERModel).Entities; when given, speakers are linked to them and
// pronouns resolve to Person mentions, and when nil, speakers resolve by
// capitalised-name heuristics on the tokens.
//
// Quotation marks may be curly or straight; single quotes inside double
// quotes are part of the quote. A quote left open at the end of a
// paragraph continues into the next one, as news style writes quotes
// that run over several paragraphs. Quotes is safe for concurrent use.
func Quotes(doc *Document, entities []Entity) []Quote {
	return quotes.Extract(doc, entities)
}
