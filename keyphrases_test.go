package byline

import (
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/kpeval"
)

// phraseText is a short article we wrote for these tests.
const phraseText = `The climate plan was approved by the city council on Monday. The climate plan cuts emissions from buses and trains.

Mayor Ana Ruiz said the climate plan would create jobs. Ruiz said electric buses arrive next year.

Critics of the council said electric buses cost too much.`

func TestKeyPhrases(t *testing.T) {
	doc := NewTextDocument("City council backs climate plan", phraseText)
	ruiz := strings.Index(doc.Body, "Ana Ruiz")
	ruiz2 := strings.Index(doc.Body, "Ruiz said electric")
	ents := []Entity{{Name: "Ana Ruiz", Type: Person, Salience: 0.9, Aliases: []string{"Ruiz"},
		Mentions: []Mention{{Span: Span{Start: ruiz, End: ruiz + 8}, Text: "Ana Ruiz"}, {Span: Span{Start: ruiz2, End: ruiz2 + 4}, Text: "Ruiz"}}}}
	tests := []struct {
		name     string
		k        int
		entities []Entity
		has      string // a stem some phrase must hold
		entity   bool   // some phrase must name the entity
	}{
		{"plain", 5, nil, "climat", false},
		{"with entities", 8, ents, "climat", true},
		{"k=1", 1, nil, "", false},
		{"all", 0, nil, "climat", false},
	}
	for _, tt := range tests {
		got := KeyPhrases(doc, tt.k, tt.entities)
		if len(got) == 0 || tt.k > 0 && len(got) > tt.k {
			t.Errorf("%s: %d phrases for k=%d", tt.name, len(got), tt.k)
			continue
		}
		if got[0].Score != 1 {
			t.Errorf("%s: top score %v, want 1", tt.name, got[0].Score)
		}
		seen := map[string]bool{}
		hasStem, hasEntity := false, false
		for i, p := range got {
			if i > 0 && p.Score > got[i-1].Score {
				t.Errorf("%s: not sorted by score", tt.name)
			}
			if len(p.Spans) != p.Count || p.Count == 0 {
				t.Errorf("%s: %q count %d but %d spans", tt.name, p.Text, p.Count, len(p.Spans))
			}
			for _, s := range p.Spans {
				if s.Start < 0 || s.End > len(doc.Body) || s.Start >= s.End {
					t.Errorf("%s: %q bad span %v", tt.name, p.Text, s)
				}
			}
			low := strings.ToLower(p.Text)
			if seen[low] {
				t.Errorf("%s: %q listed twice", tt.name, p.Text)
			}
			seen[low] = true
			for _, other := range got[:i] {
				o := " " + strings.ToLower(other.Text) + " "
				if strings.Contains(o, " "+low+" ") || strings.Contains(" "+low+" ", o) {
					t.Errorf("%s: %q nested with %q, which ranks above it", tt.name, p.Text, other.Text)
				}
			}
			hasStem = hasStem || strings.Contains(low, tt.has)
			hasEntity = hasEntity || p.Entity == Person
			if p.Entity == "" && tt.entity && (p.Text == "Ruiz" || p.Text == "Ana Ruiz") {
				t.Errorf("%s: %q names the entity but carries no type", tt.name, p.Text)
			}
		}
		if tt.has != "" && !hasStem {
			t.Errorf("%s: no phrase holds %q: %v", tt.name, tt.has, got)
		}
		if tt.entity && !hasEntity {
			t.Errorf("%s: no phrase names the entity: %v", tt.name, got)
		}
	}
}

func TestKeyPhrasesEmpty(t *testing.T) {
	if KeyPhrases(nil, 3, nil) != nil || KeyPhrases(&Document{}, 3, nil) != nil {
		t.Error("empty documents should give no phrases")
	}
	// Only stop words and once-seen words: nothing worth listing.
	if got := KeyPhrases(NewTextDocument("", "It is what it is."), 3, nil); len(got) != 0 {
		t.Errorf("got %v", got)
	}
}

func FuzzKeyPhrases(f *testing.F) {
	f.Add("Title", phraseText, 3)
	f.Add("", "A\xffB c-d e-f. E-f c-d!", 0)
	// One-word sentences, a word of 40 letters, digits and curly quotes.
	f.Add("X", "Word. Antidisestablishmentarianismfoobarbaz. 2024. Don’t ‘quote’ 3rd-party.", 5)
	f.Fuzz(func(t *testing.T, title, text string, k int) {
		doc := NewTextDocument(title, text)
		for _, p := range KeyPhrases(doc, k%10, nil) {
			if p.Text == "" || p.Count != len(p.Spans) {
				t.Fatalf("bad phrase %+v", p)
			}
		}
	})
}

// BenchmarkKeyPhrases measures key-phrase extraction given a Document.
func BenchmarkKeyPhrases(b *testing.B) {
	text := summaryLongText(b)
	title, body, _ := strings.Cut(text, "\n")
	doc := NewTextDocument(title, body)
	b.SetBytes(int64(len(doc.Body)))
	b.ReportAllocs()
	for b.Loop() {
		KeyPhrases(doc, 10, nil)
	}
	b.ReportMetric(float64(len(doc.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkKeyPhrasesFrequencyBaseline is the baseline beside
// BenchmarkKeyPhrases: the key-phrase evaluation's most-frequent-n-grams
// ranking on the same text (its own tokenizer included), per the same
// token count.
func BenchmarkKeyPhrasesFrequencyBaseline(b *testing.B) {
	text := summaryLongText(b)
	title, body, _ := strings.Cut(text, "\n")
	doc := NewTextDocument(title, body)
	docs := []kpeval.Doc{{ID: "long", Text: text}}
	b.SetBytes(int64(len(doc.Body)))
	b.ReportAllocs()
	for b.Loop() {
		kpeval.RankBaselines(docs)
	}
	b.ReportMetric(float64(len(doc.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
