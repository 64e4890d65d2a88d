package quotes

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/byline-nlp/byline/internal/text"
)

// TestSpeakerRanker checks the ranked speaker on sentences where the
// nearest name is the wrong one: a post-modifier's object, a possessor,
// a name inside the quote, an addressee.
func TestSpeakerRanker(t *testing.T) {
	tests := []struct{ text, quote, want string }{
		{"Councillor Petter Ahlgren of the Green Left group argued that the levy would fall on renters.",
			"the levy would fall on renters", "Councillor Petter Ahlgren"},
		{"An analysis from the U.S.-based Institute for the Study of War reported that the front had barely moved.",
			"the front had barely moved", "U.S.-based Institute for the Study of War"},
		{"“We will fix the pipes by spring,” Liffey Water's chief executive, Declan Moriarty, said on Tuesday.",
			"We will fix the pipes by spring,", "Declan Moriarty"},
		{"Liffey Water's chief executive, Declan Moriarty, told the committee that repairs would take a year.",
			"repairs would take a year", "Declan Moriarty"},
		{"“Maria Lopez has the numbers wrong,” the harbour minister said.",
			"Maria Lopez has the numbers wrong,", "the harbour minister"},
		{"Ines Varga told reporters on Friday that the ferry would run again in May.",
			"the ferry would run again in May", "Ines Varga"},
		{"“The vote is on Monday,” said Tomas Brandt, a spokesman for the port authority.",
			"The vote is on Monday,", "Tomas Brandt"},
	}
	for _, tc := range tests {
		doc := text.NewTextDocument("", tc.text)
		found := false
		for _, q := range Extract(doc, nil) {
			if q.Text != tc.quote {
				continue
			}
			found = true
			if q.Speaker != tc.want {
				t.Errorf("%q: speaker %q, want %q", tc.text, q.Speaker, tc.want)
			}
		}
		if !found {
			t.Errorf("%q: no quote %q", tc.text, tc.quote)
		}
	}
}

// TestPronounGender checks that a pronoun resolves to the last person
// whose gender, where the text shows it, fits; without evidence the
// subject still wins.
func TestPronounGender(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Mrs. Anna Holt met Mr. Ben Cole at the harbour on Monday. “We will rebuild the pier,” he said.", "Ben Cole"},
		{"Mrs. Anna Holt met Mr. Ben Cole at the harbour on Monday. “We will rebuild the pier,” she said.", "Anna Holt"},
		{"Anna Holt met Ben Cole at the harbour on Monday. “We will rebuild the pier,” he said.", "Anna Holt"},
		// one mention shows the gender for the others with the last name
		{"Ms. Anna Holt arrived late. Anna Holt and Ben Cole met at the harbour. “We will rebuild the pier,” he said.", "Ben Cole"},
	}
	for _, tc := range tests {
		qs := Extract(text.NewTextDocument("", tc.text), nil)
		if len(qs) != 1 {
			t.Fatalf("%q: %d quotes, want 1", tc.text, len(qs))
		}
		if qs[0].Person != tc.want {
			t.Errorf("%q: person %q, want %q", tc.text, qs[0].Person, tc.want)
		}
	}
}

// TestSpeakerRankerWeights checks that the shipped weights fit the
// features: a stale ranker_weights.go would silently leave the rules'
// speakers in place.
func TestSpeakerRankerWeights(t *testing.T) {
	if len(SpeakerRanker) != numSpeakerWeights {
		t.Fatalf("%d weights, want %d: retrain with -quotes.train-speakers", len(SpeakerRanker), numSpeakerWeights)
	}
	if len(speakerFeatureNames) != numSpeakerBase {
		t.Fatal("a feature without a name")
	}
}

// BenchmarkRankSpeakers measures the ranker alone on testdata/long.txt,
// the quotes it ranks found once, beside BenchmarkExtractLong, the whole
// extraction it is part of.
func BenchmarkRankSpeakers(b *testing.B) {
	doc := longDoc(b)
	x := newQuoteExtractor(doc)
	qs := rankerQuotes(x)
	cp := make([]Quote, len(qs))
	b.ReportAllocs()
	for b.Loop() {
		copy(cp, qs)
		x.rankSpeakers(cp)
	}
	b.ReportMetric(float64(len(qs))*float64(b.N)/b.Elapsed().Seconds(), "quotes/s")
}

func BenchmarkExtractLong(b *testing.B) {
	doc := longDoc(b)
	b.ReportAllocs()
	for b.Loop() {
		Extract(doc, nil)
	}
}

func longDoc(b *testing.B) *text.Document {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "long.txt"))
	if err != nil {
		b.Skip(err)
	}
	return text.NewTextDocument("", string(raw))
}

// TestCandScore checks that the ranker's scoring, candScore, adds up
// exactly what the trainer's reference does (speakerScore of active,
// then the lexicon weights of speakerKey), bit for bit, on every
// candidate of testdata/long.txt and of TestSpeakerRanker's sentences.
func TestCandScore(t *testing.T) {
	docs := []*text.Document{
		text.NewTextDocument("", "“We will fix the pipes by spring,” Liffey Water's chief executive, Declan Moriarty, said on Tuesday."),
		text.NewTextDocument("", "An analysis from the U.S.-based Institute for the Study of War reported that the front had barely moved."),
		text.NewTextDocument("", "“Maria Lopez has the numbers wrong,” the harbour minister said. “The vote is on Monday,” said Tomas Brandt, a spokesman for the port authority."),
	}
	if raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "long.txt")); err == nil {
		docs = append(docs, text.NewTextDocument("", string(raw)))
	}
	n := 0
	for _, doc := range docs {
		x := newQuoteExtractor(doc)
		qs := rankerQuotes(x)
		var r speakerScratch
		for i := range qs {
			for _, c := range x.speakerCandidates(&qs[i], &r) {
				want := speakerScore(c.active(nil), SpeakerRanker)
				for ki := range numSpeakerKeys {
					if key := x.speakerKey(nil, &c, ki); len(key) > 0 {
						want += SpeakerLexicon[string(key)]
					}
				}
				if got := x.candScore(&r, &c, SpeakerRanker); math.Float64bits(got) != math.Float64bits(want) {
					t.Errorf("%q: candScore %v, reference %v", c.span.Of(doc.Body), got, want)
				}
				n++
			}
		}
	}
	if n < 100 {
		t.Errorf("%d candidates scored, want at least 100", n)
	}
}

// TestTokAtIn checks tokAtIn against tokAt at every offset of a text, for
// windows inside, around and outside it.
func TestTokAtIn(t *testing.T) {
	doc := text.NewTextDocument("", "“We will fix the pipes,” Declan Moriarty, of Liffey Water, said on Tuesday.  Then  he left.")
	x := newQuoteExtractor(doc)
	n := len(x.toks)
	for off := -1; off <= len(doc.Body)+1; off++ {
		want := x.tokAt(off)
		for lo := -1; lo <= n; lo++ {
			for hi := lo; hi <= n+1; hi++ {
				if got := x.tokAtIn(off, lo, hi); got != want {
					t.Fatalf("tokAtIn(%d, %d, %d) = %d, tokAt %d", off, lo, hi, got, want)
				}
			}
		}
	}
}

// TestPrevSpeakerCandidate checks which candidates of a quote carry the
// marks of the previous quote's speaker: written as the rules' speaker of
// the quote before (exact), or ending in its last word (head), and none
// in a story's first quote.
func TestPrevSpeakerCandidate(t *testing.T) {
	tests := []struct {
		text, quote string
		exact, head []string
	}{
		{"“The pier took nine years,” Ilse Brandt said on Monday. Olaf Kern, the harbour chief, stood beside Brandt, who said the money “was well spent.”",
			"was well spent.", nil, []string{"Brandt"}},
		{"“The pier took nine years,” Brandt said on Monday. Olaf Kern, the harbour chief, stood beside Brandt, who said the money “was well spent.”",
			"was well spent.", []string{"Brandt"}, []string{"Brandt"}},
		{"“The pier took nine years,” he said on Monday. He added that it “was well spent.”",
			"was well spent.", nil, []string{"He"}},
		{"“The pier took nine years,” she said on Monday. Olaf Kern, the harbour chief, told her that the money “was well spent.”",
			"was well spent.", nil, nil},
		{"“The pier took nine years,” Ilse Brandt said on Monday.",
			"The pier took nine years,", nil, nil},
	}
	for _, tc := range tests {
		doc := text.NewTextDocument("", tc.text)
		x := newQuoteExtractor(doc)
		qs := rankerQuotes(x)
		var r speakerScratch
		found := false
		for i := range qs {
			cands := x.speakerCandidates(&qs[i], &r)
			if qs[i].Text != tc.quote {
				continue
			}
			found = true
			var exact, head []string
			for _, c := range cands {
				if c.f[sPrevSpeaker] != 0 {
					exact = append(exact, c.span.Of(doc.Body))
				}
				if c.f[sPrevHead] != 0 {
					head = append(head, c.span.Of(doc.Body))
				}
			}
			if !slices.Equal(exact, tc.exact) || !slices.Equal(head, tc.head) {
				t.Errorf("%q: marked %q and %q, want %q and %q", tc.text, exact, head, tc.exact, tc.head)
			}
		}
		if !found {
			t.Errorf("%q: no quote %q", tc.text, tc.quote)
		}
	}
}
