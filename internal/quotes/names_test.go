package quotes

import (
	"testing"

	"github.com/byline-nlp/byline/internal/text"
)

// TestWholeNames checks that a speaker span inside a name grows to the
// whole name, by the capitalised run (no entities given) and by an
// entity mention, and that a cue inside a name is no cue.
func TestWholeNames(t *testing.T) {
	tests := []struct {
		text, speaker string
		mention       string // an entity mention to pass, or ""
	}{
		{"Consumer groups were more cautious. The Irish Consumers' Council said that rebates would help, but that families deserved a simpler way to claim.", "Irish Consumers' Council", ""},
		{"Fishers were angry. The Kvarken Fishers’ Union said the quota cut would close harbours.", "Kvarken Fishers’ Union", ""},
		{"Ticket prices rose again. Mira Oduya said the rise would hurt commuters.", "Mira Oduya", ""},
		{"Ticket prices rose again. But Oduya said the rise would hurt commuters.", "Oduya", ""},
		{"Ticket prices rose again. The Tallinn Commuter Forum said the rise would hurt commuters.", "The Tallinn Commuter Forum", "The Tallinn Commuter Forum"},
	}
	for _, tc := range tests {
		doc := text.NewTextDocument("", tc.text)
		var ents []text.Entity
		if tc.mention != "" {
			at := -1
			for i := range len(doc.Body) - len(tc.mention) + 1 {
				if doc.Body[i:i+len(tc.mention)] == tc.mention {
					at = i
					break
				}
			}
			ents = []text.Entity{{Name: tc.mention, Type: text.Organization, Mentions: []text.Mention{{Span: text.Span{Start: at, End: at + len(tc.mention)}, Text: tc.mention}}}}
		}
		qs := Extract(doc, ents)
		got := ""
		for _, q := range qs {
			if q.Cue == "said" {
				got = q.Speaker
			}
		}
		if got != tc.speaker {
			t.Errorf("%q: speaker %q, want %q (quotes %+v)", tc.text, got, tc.speaker, qs)
		}
	}
	// "of" inside a name is no cue
	doc := text.NewTextDocument("", "The images were taken by the Australian Institute of Marine Monitoring and agreed to within 1.5 points.")
	for _, q := range Extract(doc, nil) {
		if q.Cue == "of" {
			t.Errorf("cue %q inside a name: %+v", q.Cue, q)
		}
	}
}

// TestAdjectival checks the first filter's rule for a participle used as
// an adjective before a noun, which is no speech cue.
func TestAdjectival(t *testing.T) {
	tests := []struct {
		text, cue string
		want      bool
	}{
		{"The regulator fined the utility on Tuesday for repeated supply failures that left homes dry.", "repeated", true},
		{"The reported figures were wrong by a third.", "reported", true},
		{"Residents complained of continuing outages in the south of the city.", "continuing", true},
		{"Officials repeated warnings that the dam could fail.", "repeated", false},
		{"She reported that the figures were wrong by a third.", "reported", false},
		{"The mayor warned the council that the budget would not hold.", "warned", false},
	}
	for _, tc := range tests {
		doc := text.NewTextDocument("", tc.text)
		x := newQuoteExtractor(doc)
		k := -1
		for i, tok := range doc.Tokens {
			if tok.Text == tc.cue {
				k = i
			}
		}
		if k < 0 {
			t.Fatalf("%q: no token %q", tc.text, tc.cue)
		}
		if got := x.adjectival(k, len(doc.Tokens)); got != tc.want {
			t.Errorf("%q: adjectival(%q) = %v, want %v", tc.text, tc.cue, got, tc.want)
		}
	}
}
