package byline

import (
	"math"

	"github.com/byline-nlp/byline/internal/keyphrase"
)

// A KeyPhrase is one of an article's key phrases: a run of up to three
// content words, or an entity's name.
type KeyPhrase struct {
	Text   string     `json:"text"`             // the form the article uses most (an entity's: its name)
	Score  float64    `json:"score"`            // relative importance; the top phrase scores 1
	Count  int        `json:"count"`            // occurrences in the body
	Spans  []Span     `json:"spans"`            // the occurrences in Body
	Entity EntityType `json:"entity,omitempty"` // the entity's type when the phrase names one
}

// KeyPhrases returns doc's k most important key phrases, best first:
// the phrases an editor would tag.
//
// Candidates are the runs of up to three words in a sentence, with no
// punctuation between them and none of NLTK's English stop words,
// counted under their lower-cased, Porter-stemmed form. Each is scored
// by a linear model over its frequency, position and spread, headline
// overlap, news IDF, capitalization, nesting in longer candidates and
// how often readers tagged it (keyphraseness counted over 500N-KPCrowd's
// 450 dev articles); the weights were fit on 500N-KPCrowd, where they
// cross-validate at F1@10 21.8 against 17.9 for the most frequent
// n-grams (internal/keyphrase/weights.go). A phrase inside, or holding,
// a better one ("minister" beside "prime minister") is dropped.
//
// entities may be nil; given (from Entities), a phrase naming one
// carries its type and the entity's name. They do not change the
// ranking: entity salience did not help held-out articles. k ≤ 0 returns every candidate. KeyPhrases never
// tokenizes again and is safe for concurrent use.
func KeyPhrases(doc *Document, k int, entities []Entity) []KeyPhrase {
	return keyPhrases(doc, k, entities, nil)
}

// keyPhrases is KeyPhrases given doc's word forms (nil: found here).
func keyPhrases(doc *Document, k int, entities []Entity, forms *wordForms) []KeyPhrase {
	if doc == nil || len(doc.Tokens) == 0 {
		return nil
	}
	in := keyphraseInput(doc, entities, forms)
	top, scores := keyphrase.Rank(keyphrase.Candidates(in), &keyphrase.Default, k)
	if len(top) == 0 {
		return nil
	}
	out := make([]KeyPhrase, len(top))
	// Scores are log-odds; report probabilities relative to the top one.
	p0 := sigmoid(scores[0])
	for i, c := range top {
		p := KeyPhrase{Text: c.Form(), Count: len(c.Spans), Spans: make([]Span, len(c.Spans))}
		if p0 > 0 {
			p.Score = sigmoid(scores[i]) / p0
		}
		for j, s := range c.Spans {
			p.Spans[j] = Span{Start: s[0], End: s[1]}
		}
		if c.Entity >= 0 {
			e := &entities[c.Entity]
			p.Entity = e.Type
			if keyphrase.Norm(e.Name) == c.Key {
				p.Text = e.Name
			}
		}
		out[i] = p
	}
	return out
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// keyphraseInput converts doc, entities and word forms (if any) into
// the ranker's input, which shares doc's tokens.
func keyphraseInput(doc *Document, entities []Entity, forms *wordForms) *keyphrase.Input {
	in := &keyphrase.Input{
		Body:      doc.Body,
		Title:     doc.TitleTokens,
		Tokens:    doc.Tokens,
		Sentences: make([]int, len(doc.Sentences)),
	}
	for i, s := range doc.Sentences {
		in.Sentences[i] = s.First
	}
	if forms != nil {
		in.Forms, in.NumKeys = forms.lex.Forms, forms.lex.NumKeys()
		in.TokenForms, in.TitleForms = forms.body, forms.title
	}
	if len(entities) > 0 {
		in.Entities = make([]keyphrase.Entity, len(entities))
		for i, e := range entities {
			in.Entities[i] = keyphrase.Entity{Name: e.Name, Aliases: e.Aliases, Salience: e.Salience}
		}
	}
	return in
}
