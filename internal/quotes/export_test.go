package quotes

import "github.com/byline-nlp/byline/internal/text"

// Signals returns the newsworthiness signals of each quote of qs (nil for
// a quote without content words, or with fewer than pullQuoteWords,
// which scoreQuotes ranks below the pull quotes), for the tuner in
// newsworthy_test.go.
func Signals(doc *text.Document, qs []Quote) [][]float64 {
	c := newQuoteContext(doc, qs, newVocab(doc, lowerBody(doc), nil))
	out := make([][]float64, len(qs))
	for i := range qs {
		if sig, words, ok := quoteSignals(doc, nil, c, &qs[i]); ok && words >= pullQuoteWords {
			out[i] = sig[:]
		}
	}
	return out
}

// ScoreWeights are the current newsworthiness weights.
var ScoreWeights = quoteScoreWeights[:]
