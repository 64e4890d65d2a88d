package quotes

import (
	"testing"

	"github.com/byline-nlp/byline/internal/text"
)

// TestSentenceSubject checks the clause subject that participles,
// coordinated cues and cue-less quotes take: opening adverbial and
// participial clauses are skipped, names ending in -ing are not.
func TestSentenceSubject(t *testing.T) {
	tests := []struct{ text, verb, want string }{
		{"Standing beside Ana Ruiz, Peter Holm expected a fair hearing.", "expected", "Peter Holm"},
		{"Speaking to reporters on Monday, she expected a fair hearing.", "expected", "she"},
		{"In an interview at his office, the minister expected a fair hearing.", "expected", "the minister"},
		{"Tom Manning, the harbour master, expected a fair hearing.", "expected", "Tom Manning"},
		{"Browning expected a fair hearing.", "expected", "Browning"},
		{"Sterling Brown expected a fair hearing.", "expected", "Sterling Brown"},
		{"On September 27 they expected a fair hearing.", "expected", "they"},
		{"Later she expected a fair hearing.", "expected", "she"},
		// no comma ends the opening phrase: better no subject than "Following Monday"
		{"Following Monday's vote Holm expected a fair hearing.", "expected", ""},
	}
	for _, tc := range tests {
		doc := text.NewTextDocument("", tc.text)
		x := newQuoteExtractor(doc)
		ci := -1
		for i, tok := range doc.Tokens {
			if tok.Text == tc.verb {
				ci = i
			}
		}
		if ci < 0 {
			t.Fatalf("%q: no token %q", tc.text, tc.verb)
		}
		sp, ok := x.sentenceSubject(ci, 0)
		got := ""
		if ok {
			got = sp.Of(doc.Body)
		}
		if got != tc.want {
			t.Errorf("%q: subject %q (%v), want %q", tc.text, got, ok, tc.want)
		}
	}
}
