package byline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// quoteWant is what a test expects of one quote; empty fields are not
// checked.
type quoteWant struct {
	kind    QuoteKind
	parts   int
	text    string // a substring of Text
	speaker string
	cue     string
	person  string
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []quoteWant
	}{
		{
			name: "split by attribution",
			text: "“We are ready,” she said. “The vote is on Monday.”",
			want: []quoteWant{{kind: DirectQuote, parts: 2, text: "vote is on Monday", speaker: "she", cue: "said"}},
		},
		{
			name: "two mixed quotes",
			text: "The mayor argued that “the budget is sound” but warned that “the winter will be hard.”",
			want: []quoteWant{
				{kind: MixedQuote, parts: 1, text: "the budget is sound", speaker: "The mayor", cue: "argued"},
				{kind: MixedQuote, parts: 1, text: "the winter will be hard", speaker: "The mayor", cue: "warned"},
			},
		},
		{
			name: "inverted cue",
			text: "“Prices will fall before the summer,” said the minister.",
			want: []quoteWant{{kind: DirectQuote, parts: 1, speaker: "the minister", cue: "said"}},
		},
		{
			name: "appositive",
			text: "“The harvest was poor this year,” Jonas Berg, a 42-year-old farmer, commented.",
			want: []quoteWant{{kind: DirectQuote, speaker: "Jonas Berg", cue: "commented", person: "Jonas Berg"}},
		},
		{
			name: "cue before with a colon",
			text: "Maria Lopez said: “We will appeal the ruling in the spring.”",
			want: []quoteWant{{kind: DirectQuote, speaker: "Maria Lopez", cue: "said"}},
		},
		{
			name: "straight marks",
			text: "\"It is over for the old port,\" he said.",
			want: []quoteWant{{kind: DirectQuote, text: "It is over for the old port", speaker: "he"}},
		},
		{
			name: "nested single quotes",
			text: "“He told me ‘never again’ after the flood last year,” Ruth Adler said.",
			want: []quoteWant{{kind: DirectQuote, parts: 1, text: "‘never again’", speaker: "Ruth Adler"}},
		},
		{
			name: "double quote nested in a double quote",
			text: "“I would rather live in what he calls “chaos” than in his order,” said Lena Ortiz.",
			want: []quoteWant{{kind: DirectQuote, parts: 1, text: "“chaos” than in his order", speaker: "Lena Ortiz"}},
		},
		{
			name: "multi-paragraph quote",
			text: "“The first winter was the hardest we have known,” said Anna Kovac. “We had no wood.\n\n“The second was easier because the village helped us.”",
			want: []quoteWant{{kind: DirectQuote, parts: 3, speaker: "Anna Kovac"}},
		},
		{
			name: "soft hyphen inside the speaker's name",
			text: "“We will consider options,” said Doug An\u00addres, a spokesman for the port.",
			want: []quoteWant{{kind: DirectQuote, speaker: "Doug An\u00addres", person: "Doug Andres"}},
		},
		{
			name: "pronoun resolves to the last named person",
			text: "Anna Kovac spoke at the rally in the square.\n\n“We won this fight together,” she said.",
			want: []quoteWant{{kind: DirectQuote, speaker: "she", person: "Anna Kovac"}},
		},
		{
			name: "indirect speech",
			text: "The senator insisted that the vote had been fair.",
			want: []quoteWant{{kind: IndirectQuote, text: "the vote had been fair", speaker: "The senator", cue: "insisted"}},
		},
		{
			name: "according to",
			text: "According to the harbour authority, “the new cranes will arrive in May.”",
			want: []quoteWant{{speaker: "the harbour authority", cue: "According to"}},
		},
		{
			name: "scare quote is not a quote",
			text: "The so-called “reform” was shelved in committee on Tuesday.",
			want: nil,
		},
		{
			name: "no quotes",
			text: "The bridge reopened on Monday after two years of repairs.",
			want: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := NewTextDocument("", tc.text)
			checkQuotes(t, doc, Quotes(doc, nil), tc.want, false)
		})
	}
}

// checkQuotes compares quotes with what a table wants of them, and checks
// what every quote must satisfy: a speaker span holding the speaker, a
// score in [0, 1]. With exactCue, an empty wanted cue means none.
func checkQuotes(t *testing.T, doc *Document, got []Quote, want []quoteWant, exactCue bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d quotes, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		q := got[i]
		if q.Kind != w.kind {
			t.Errorf("quote %d: kind %v, want %v", i, q.Kind, w.kind)
		}
		if w.parts > 0 && len(q.Parts) != w.parts {
			t.Errorf("quote %d: %d parts, want %d", i, len(q.Parts), w.parts)
		}
		if w.text != "" && !strings.Contains(q.Text, w.text) {
			t.Errorf("quote %d: text %q lacks %q", i, q.Text, w.text)
		}
		if w.speaker != "" && q.Speaker != w.speaker {
			t.Errorf("quote %d: speaker %q, want %q", i, q.Speaker, w.speaker)
		}
		if q.Speaker != "" && q.SpeakerSpan.Of(doc.Body) != q.Speaker {
			t.Errorf("quote %d: speaker span %v does not hold %q", i, q.SpeakerSpan, q.Speaker)
		}
		if (exactCue || w.cue != "") && q.Cue != w.cue {
			t.Errorf("quote %d: cue %q, want %q", i, q.Cue, w.cue)
		}
		if w.person != "" && q.Person != w.person {
			t.Errorf("quote %d: person %q, want %q", i, q.Person, w.person)
		}
		if q.Score < 0 || q.Score > 1 {
			t.Errorf("quote %d: score %v outside [0,1]", i, q.Score)
		}
	}
}

func TestQuotesLinkEntities(t *testing.T) {
	text := "Anna Kovac opened the new school on Friday.\n\n“Every child here will have a laptop,” she said."
	doc := NewTextDocument("", text)
	at := strings.Index(text, "Anna Kovac")
	ents := []Entity{
		{Name: "Friday", Type: Misc, Mentions: []Mention{{Span: Span{Start: strings.Index(text, "Friday"), End: strings.Index(text, "Friday") + 6}, Text: "Friday"}}},
		{Name: "Anna Kovac", Type: Person, Salience: 0.9, Mentions: []Mention{{Span: Span{Start: at, End: at + 10}, Text: "Anna Kovac"}}},
	}
	qs := Quotes(doc, ents)
	if len(qs) != 1 {
		t.Fatalf("got %d quotes, want 1: %+v", len(qs), qs)
	}
	if qs[0].Entity != 1 || qs[0].Person != "Anna Kovac" {
		t.Errorf("entity %d person %q, want 1 and Anna Kovac", qs[0].Entity, qs[0].Person)
	}
	// without entities the quote is unlinked but the person still resolves
	qs = Quotes(doc, nil)
	if len(qs) != 1 || qs[0].Entity != -1 || qs[0].Person != "Anna Kovac" {
		t.Errorf("without entities: %+v", qs)
	}
}

func TestQuotesScoreRanks(t *testing.T) {
	// the quote that speaks to the headline and the story's lead should
	// outrank a late aside
	title := "Harbour vote delayed over crane costs"
	text := "The harbour vote was delayed on Monday over the cost of new cranes.\n\n" +
		"“The crane costs must come down before any harbour vote,” said council leader Mira Holt.\n\n" +
		"Other business was brief.\n\n" +
		"“Lunch was good,” a clerk said."
	a := &Article{Title: title, Paragraphs: strings.Split(text, "\n\n")}
	doc := NewDocument(a)
	qs := Quotes(doc, nil)
	if len(qs) != 2 {
		t.Fatalf("got %d quotes, want 2: %+v", len(qs), qs)
	}
	if qs[0].Score <= qs[1].Score {
		t.Errorf("scores %.3f (harbour) <= %.3f (lunch)", qs[0].Score, qs[1].Score)
	}
}

func TestQuotesEmpty(t *testing.T) {
	if qs := Quotes(nil, nil); qs != nil {
		t.Errorf("nil document: %v", qs)
	}
	if qs := Quotes(NewTextDocument("", ""), nil); qs != nil {
		t.Errorf("empty document: %v", qs)
	}
	// an unclosed mark at the very end must not break anything
	qs := Quotes(NewTextDocument("", "He said “"), nil)
	for _, q := range qs {
		if q.Span.Start > q.Span.End || q.Span.End > len("He said “") {
			t.Errorf("bad span %v", q.Span)
		}
	}
}

func TestQuoteKindString(t *testing.T) {
	for k, want := range map[QuoteKind]string{DirectQuote: "direct", MixedQuote: "mixed", IndirectQuote: "indirect", QuoteKind(9): "unknown"} {
		if got := k.String(); got != want {
			t.Errorf("%d: %q, want %q", k, got, want)
		}
	}
}

func FuzzQuotes(f *testing.F) {
	for _, s := range []string{
		"“We are ready,” she said. “The vote is on Monday.”",
		"\"Open\n\n\"Still open,\" said the minister.",
		"The mayor argued that “the budget is sound”.",
		"”backwards“ quotes ” and stray “ marks",
		"He insisted that it was fine.",
		"According to, “",
		"\xff\"\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := NewTextDocument("", s)
		body := doc.Body
		valid := func(sp Span) bool { return sp.Start >= 0 && sp.Start <= sp.End && sp.End <= len(body) }
		for _, q := range Quotes(doc, nil) {
			if !valid(q.Span) {
				t.Fatalf("span %v outside body of %d bytes", q.Span, len(body))
			}
			for _, p := range q.Parts {
				if !valid(p) {
					t.Fatalf("part %v outside body", p)
				}
			}
			if q.Speaker != "" && (!valid(q.SpeakerSpan) || q.SpeakerSpan.Of(body) != q.Speaker) {
				t.Fatalf("speaker %q at %v", q.Speaker, q.SpeakerSpan)
			}
			if q.Cue != "" && (!valid(q.CueSpan) || q.CueSpan.Of(body) != q.Cue) {
				t.Fatalf("cue %q at %v", q.Cue, q.CueSpan)
			}
			if q.Score < 0 || q.Score > 1 || q.Score != q.Score {
				t.Fatalf("score %v", q.Score)
			}
		}
	})
}

// TestQuotesLongSentenceStaysLinear: 40,000 cue words in one sentence
// with no subject or clause break; every cue's search for them must stay
// within a window, or this takes minutes.
func TestQuotesLongSentenceStaysLinear(t *testing.T) {
	text := strings.Repeat("said ", 40000)
	doc := NewTextDocument("", text)
	start := time.Now()
	Quotes(doc, nil)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Quotes took %v on %d bytes", d, len(text))
	}
}

func TestQuotesManyMarksStayLinear(t *testing.T) {
	// 40,000 quoted words in one paragraph: every per-segment signal must
	// come from counts made once, or this takes minutes.
	text := strings.Repeat("He said “yes” and “no” then. ", 20000)
	doc := NewTextDocument("", text)
	start := time.Now()
	qs := Quotes(doc, nil)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Quotes took %v on %d bytes", d, len(text))
	}
	for _, q := range qs {
		if q.Span.End > len(text) || q.Span.Start > q.Span.End {
			t.Fatalf("bad span %v", q.Span)
		}
	}
}

func TestQuoteJSONRoundTrip(t *testing.T) {
	doc := NewTextDocument("", "“We are ready,” she said. The mayor insisted that the plan would work.")
	qs := Quotes(doc, nil)
	b, err := json.Marshal(qs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"kind":"direct"`) || !strings.Contains(string(b), `"kind":"indirect"`) {
		t.Errorf("kinds not named in %s", b)
	}
	var back []Quote
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != len(qs) || back[0].Kind != qs[0].Kind || back[len(back)-1].Kind != IndirectQuote {
		t.Errorf("round trip: %+v", back)
	}
	var k QuoteKind
	if err := k.UnmarshalText([]byte("sarcastic")); err == nil {
		t.Error("unknown kind accepted")
	}
}

func TestQuotesPluralPronounResolvesToGroup(t *testing.T) {
	text := "Anna Kovac met the Harbour Union on Monday.\n\n“We will strike in May,” they said."
	doc := NewTextDocument("", text)
	at := strings.Index(text, "Harbour Union")
	ents := []Entity{
		{Name: "Anna Kovac", Type: Person, Mentions: []Mention{{Span: Span{Start: 0, End: 10}, Text: "Anna Kovac"}}},
		{Name: "Harbour Union", Type: Organization, Mentions: []Mention{{Span: Span{Start: at, End: at + 13}, Text: "Harbour Union"}}},
	}
	qs := Quotes(doc, ents)
	if len(qs) != 1 || qs[0].Speaker != "they" || qs[0].Person != "Harbour Union" || qs[0].Entity != 1 {
		t.Errorf("got %+v, want they → Harbour Union (entity 1)", qs)
	}
	// without entities a plural pronoun is left unresolved rather than
	// pinned on the last person
	if qs := Quotes(doc, nil); len(qs) != 1 || qs[0].Person != "" {
		t.Errorf("without entities: %+v", qs)
	}
}

// TestQuotesConcurrent runs Quotes on documents of different sizes from
// several goroutines at once: the per-document buffers Quotes reuses
// between calls must never be shared by two calls.
func TestQuotesConcurrent(t *testing.T) {
	var docs []*Document
	for _, name := range []string{"analyze.txt", "long.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, NewTextDocument("", string(b)))
	}
	want := make([]string, len(docs))
	for i, d := range docs {
		b, _ := json.Marshal(Quotes(d, nil))
		want[i] = string(b)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 10; r++ {
				i := (g + r) % len(docs)
				if b, _ := json.Marshal(Quotes(docs[i], nil)); string(b) != want[i] {
					t.Errorf("goroutine %d: document %d's quotes differ from a lone call's", g, i)
					return
				}
			}
		}()
	}
	wg.Wait()
}
