package byline

import (
	"strings"
	"testing"
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
		top      string   // the best phrase
		has      []string // phrases that must be in the list
		hasNot   []string // phrases that must not be
	}{
		{"plain", 5, nil, "climate plan", []string{"electric buses", "city council"}, []string{"plan", "climate", "buses", "council", "Ruiz said", "plan cuts"}},
		{"with entities", 6, ents, "", []string{"Ana Ruiz", "climate plan"}, []string{"Ruiz"}},
		{"k=1", 1, nil, "climate plan", nil, []string{"electric buses"}},
	}
	for _, tt := range tests {
		got := KeyPhrases(doc, tt.k, tt.entities)
		if len(got) == 0 || len(got) > tt.k {
			t.Errorf("%s: %d phrases for k=%d", tt.name, len(got), tt.k)
			continue
		}
		texts := map[string]KeyPhrase{}
		for i, p := range got {
			texts[p.Text] = p
			if i > 0 && p.Score > got[i-1].Score {
				t.Errorf("%s: not sorted by score", tt.name)
			}
			if len(p.Spans) != p.Count {
				t.Errorf("%s: %q count %d but %d spans", tt.name, p.Text, p.Count, len(p.Spans))
			}
			for _, s := range p.Spans {
				if s.Start < 0 || s.End > len(doc.Body) || s.Start >= s.End {
					t.Errorf("%s: %q bad span %v", tt.name, p.Text, s)
				}
			}
		}
		if got[0].Score != 1 {
			t.Errorf("%s: top score %v, want 1", tt.name, got[0].Score)
		}
		if tt.top != "" && got[0].Text != tt.top {
			t.Errorf("%s: top %q, want %q (all %v)", tt.name, got[0].Text, tt.top, got)
		}
		for _, h := range tt.has {
			if _, ok := texts[h]; !ok {
				t.Errorf("%s: %q missing from %v", tt.name, h, got)
			}
		}
		for _, h := range tt.hasNot {
			if _, ok := texts[h]; ok {
				t.Errorf("%s: %q should not be listed", tt.name, h)
			}
		}
		if p, ok := texts["Ana Ruiz"]; ok {
			if p.Entity != Person || p.Count != 2 {
				t.Errorf("%s: entity phrase %+v", tt.name, p)
			}
		}
	}
	if cp := KeyPhrases(doc, 1, nil)[0]; cp.Count != 3 {
		t.Errorf("climate plan counted %d times, want 3", cp.Count)
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
