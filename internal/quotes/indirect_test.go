package quotes

import (
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/text"
)

// candidatesOf returns the indirect candidates of body, with a small
// cue lexicon of our own in place of the learned one.
func candidatesOf(body string) (*quoteExtractor, []indirectCand) {
	doc := text.NewTextDocument("", body)
	x := newQuoteExtractor(doc)
	x.attribute()
	x.usePriors(map[string]float64{"said": 0.8, "told": 0.7, "according": 0.8, "predicted": 0.5, "noted": 0.5, "expects": 0.3, "says": 0.6, "reported": 0.5, "announced": 0.5, "asked": 0.4})
	x.cueMin = 0.22
	var cands []indirectCand
	for _, s := range doc.Sentences {
		cands = x.indirectCands(s.First, s.First+len(s.Tokens), cands)
	}
	return x, cands
}

func TestIndirectCandidates(t *testing.T) {
	for _, tc := range []struct {
		name, body, content string
		shape, end          int
		objectSpeaker       bool
		key                 string // the break context (contextKey 4), when set
		speaker             string // the candidate's speaker, when set
	}{
		{name: "according to interrupts the clause",
			body:    "The ferry, according to the harbour board, will sail again in May.",
			content: "The ferry, according to the harbour board, will sail again in May", shape: shapeAround, speaker: "the harbour board"},
		{name: "a speaker phrase the subject rules pass over",
			body:    "The ferry will sail again in May, a source close to him said.",
			content: "The ferry will sail again in May", shape: shapeBefore, speaker: "a source close to him"},
		{name: "cue then a weekday",
			body:    "The ferry will sail again in May, a harbour spokeswoman said Tuesday.",
			content: "The ferry will sail again in May", shape: shapeBefore},
		{name: "told names its listener",
			body:    "The bridge had been closed for repairs, the engineer told the Coastal Gazette.",
			content: "The bridge had been closed for repairs", shape: shapeBefore},
		{name: "told a pronoun listener",
			body:    "The bridge had been closed for repairs, the engineer told them on Friday.",
			content: "The bridge had been closed for repairs", shape: shapeBefore},
		{name: "inverted cue: what follows is the speaker",
			body:    "The tide is turning, said Ann Lee, a pollster in Bergen.",
			content: "Ann Lee, a pollster in Bergen", shape: shapeAfter, objectSpeaker: true},
		{name: "a clause whose subject follows the cue is content",
			body:    "Ann Lee noted the tide is turning in Bergen.",
			content: "the tide is turning in Bergen", shape: shapeAfter},
		{name: "what follows the break tells the clause",
			body:    "Ann Lee predicted a narrow win in the harbour district, which votes in March.",
			content: "a narrow win in the harbour district", shape: shapeAfter, end: endClause, key: "|ab , which"},
		{name: "the whole sentence sees the same break",
			body:    "Ann Lee predicted a narrow win in the harbour district, which votes in March.",
			content: "a narrow win in the harbour district, which votes in March", shape: shapeAfter, key: "|aa , which"},
		{name: "a headline's cue is capitalised",
			body:    "Harbour Chief Says Ferry Service Will Resume in May\n\nThe ferry will sail again.",
			content: "Ferry Service Will Resume in May", shape: shapeAfter},
		{name: "passive cue: its subject is the content",
			body:    "The closure of the ferry line was first reported by the Coastal Gazette.",
			content: "The closure of the ferry line", shape: shapePassive},
		{name: "passive cue after a clause opener",
			body:    "A year after the new timetable was announced, no ferry had sailed.",
			content: "the new timetable", shape: shapePassive},
		{name: "a sentence's first word is a cue",
			body:    "Asked on Monday whether the ferry would sail, the harbour master said no.",
			content: "whether the ferry would sail", shape: shapeAfter, end: endClause},
		{name: "asked someone a question",
			body:    "The reporter asked the harbour master why the ferry had not sailed.",
			content: "why the ferry had not sailed", shape: shapeAfter},
		{name: "a clause of one short word",
			body:    "Asked why, the harbour master shrugged.",
			content: "why", shape: shapeAfter, end: endClause},
		{name: "a spaced hyphen is a dash",
			body:    "Ann Lee said the ferry would sail in May - the harbour reopened last week.",
			content: "the ferry would sail in May", shape: shapeAfter, end: endClause},
		{name: "a hyphenated word is not",
			body:    "Ann Lee said the well-known ferry would sail in May.",
			content: "the well-known ferry would sail in May", shape: shapeAfter, key: "|aa $"},
		{name: "no break",
			body:    "Ann Lee predicted a narrow win in the harbour district.",
			content: "a narrow win in the harbour district", shape: shapeAfter, key: "|aa $"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, cands := candidatesOf(tc.body)
			for _, c := range cands {
				if c.content.Of(x.body) != tc.content || c.shape != tc.shape || c.end != tc.end {
					continue
				}
				if c.objectSpeaker != tc.objectSpeaker {
					t.Errorf("objectSpeaker = %v, want %v", c.objectSpeaker, tc.objectSpeaker)
				}
				if tc.speaker != "" && (!c.hasSp || c.speaker.Of(x.body) != tc.speaker) {
					t.Errorf("speaker = %q (%v), want %q", c.speaker.Of(x.body), c.hasSp, tc.speaker)
				}
				if tc.key != "" {
					if k := string(x.contextKey(nil, &c, 4)); k != tc.key {
						t.Errorf("break key = %q, want %q", k, tc.key)
					}
				}
				return
			}
			var got []string
			for _, c := range cands {
				got = append(got, c.content.Of(x.body))
			}
			t.Errorf("no candidate %q (shape %d, end %d); got %q", tc.content, tc.shape, tc.end, got)
		})
	}
}

func TestPickIndirectSpeechThreshold(t *testing.T) {
	cands := []indirectCand{
		{cue: 1, content: text.Span{Start: 0, End: 10}, speech: true, prob: 0.2},
		{cue: 20, content: text.Span{Start: 20, End: 30}, prob: 0.2},
		{cue: 40, content: text.Span{Start: 40, End: 50}, prob: 0.35},
		{cue: 40, content: text.Span{Start: 40, End: 45}, speech: true, prob: 0.1},
	}
	kept := pickIndirect(nil, cands, 0.3, 0.15)
	if len(kept) != 2 || kept[0].cue != 40 || kept[0].prob != 0.35 || kept[1].cue != 1 {
		t.Errorf("kept %+v, want the 0.35 clause and the speech clause at 0.2", kept)
	}
}

func TestSpeechWordMatchesSpeechCue(t *testing.T) {
	for _, w := range []string{"said", "told", "according", "tweeted", "maintains", "voted", "split", "ordered", "believes"} {
		want := SpeechCue(w)
		if w == "according" {
			want = SpeechCue("according to")
		}
		if got := speechWord(w); got != want {
			t.Errorf("speechWord(%q) = %v, SpeechCue says %v", w, got, want)
		}
	}
}

func TestPickIndirectRanksACuesClauses(t *testing.T) {
	cands := []indirectCand{
		// one cue: the whole sentence is likelier speech, the clause ranks higher
		{cue: 3, content: text.Span{Start: 10, End: 60}, prob: 0.8, rank: 0.1},
		{cue: 3, content: text.Span{Start: 10, End: 30}, prob: 0.6, rank: 0.9},
		// below its threshold, however well ranked
		{cue: 3, content: text.Span{Start: 10, End: 20}, prob: 0.1, rank: 5},
		{cue: 9, content: text.Span{Start: 70, End: 90}, prob: 0.5, rank: 0.2},
	}
	kept := pickIndirect(nil, cands, 0.3, 0.3)
	if len(kept) != 2 || kept[0].content.End != 30 || kept[1].cue != 9 {
		t.Errorf("kept %+v, want the clause ending at 30, then cue 9", kept)
	}
}

func TestWholeMentions(t *testing.T) {
	body := "He said the pipes in Harrowby, Elmfield and Cray would be replaced."
	span := func(sub string) text.Span {
		i := strings.Index(body, sub)
		return text.Span{Start: i, End: i + len(sub)}
	}
	place := text.Entity{Name: "Harrowby, Elmfield", Mentions: []text.Mention{{Span: span("Harrowby, Elmfield")}}}
	for _, tc := range []struct {
		name, clause, want string
		ents               []text.Entity
	}{
		{"a clause ending inside a name takes all of it", "the pipes in Harrowby", "the pipes in Harrowby, Elmfield", []text.Entity{place}},
		{"a clause starting inside a name takes all of it", "Elmfield and Cray would be replaced", "Harrowby, Elmfield and Cray would be replaced", []text.Entity{place}},
		{"a clause that cuts no name stays", "the pipes in Harrowby, Elmfield and Cray would be replaced", "the pipes in Harrowby, Elmfield and Cray would be replaced", []text.Entity{place}},
		{"no entities", "the pipes in Harrowby", "the pipes in Harrowby", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := span(tc.clause)
			qs := wholeMentions([]Quote{{Span: sp, Parts: []text.Span{sp}, Kind: IndirectQuote, Text: tc.clause}}, tc.ents, body)
			if q := qs[0]; q.Text != tc.want || q.Span.Of(body) != tc.want || q.Parts[0] != q.Span {
				t.Errorf("got %q (span %q, part %v), want %q", q.Text, q.Span.Of(body), q.Parts[0], tc.want)
			}
		})
	}
}

// A cue that attributes a quotation-mark quote may still report a clause
// of its own outside the marks; clauses that would hold the marks are
// never proposed.
func TestIndirectFromTakenCue(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string // want: the reported clause, "" when none
	}{
		{name: "clause before a colon and the quote",
			body: "The harbour master said the ferry would sail again in May: “We have waited long enough.”",
			want: "the ferry would sail again in May"},
		{name: "the clause holds the quote",
			body: "The harbour master said “we have waited long enough.”",
			want: ""},
		{name: "quote, then its cue",
			body: "“We have waited long enough,” the harbour master said.",
			want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := text.NewTextDocument("", tc.body)
			x := newQuoteExtractor(doc)
			x.attribute()
			x.keepSegments(Default)
			direct := x.build(nil)
			if len(direct) != 1 || direct[0].Cue != "said" {
				t.Fatalf("direct quotes %+v, want one cued by said", direct)
			}
			// a model that keeps every candidate: the test is of which
			// clauses a taken cue may propose, not of their scores
			w := make([]float64, numIndirectFeatures)
			w[gBias] = 5
			m := &Model{Weights: w, Threshold: 0.5}
			all := x.appendIndirect(direct, map[string]float64{"said": 0.8}, func([]byte) float64 { return 0 }, m, nil, 0.5)
			var got []string
			for _, q := range all[len(direct):] {
				got = append(got, q.Text)
				if q.Cue != "said" {
					t.Errorf("cue %q, want said", q.Cue)
				}
			}
			if tc.want == "" && len(got) != 0 || tc.want != "" && (len(got) != 1 || got[0] != tc.want) {
				t.Errorf("indirect %q, want %q", got, tc.want)
			}
		})
	}
}
