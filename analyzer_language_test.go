package byline_test

import (
	"context"
	"slices"
	"testing"

	"github.com/byline-nlp/byline"
)

// TestAnalyzeLanguage checks that the English-only stages run on English
// text only, that the result says which were skipped, and that
// WithAnyLanguage runs them anyway. The German text is our own.
func TestAnalyzeLanguage(t *testing.T) {
	german := &byline.Article{Title: "Getreidespeicher wird Markthalle", Paragraphs: []string{
		"Der Hafenrat hat am Dienstagabend beschlossen, den alten Getreidespeicher in eine Markthalle umzubauen.",
		"„Wir haben lange genug gewartet“, sagte die Vorsitzende Anna Berger nach der Sitzung im Rathaus.",
		"Die Arbeiten am Dach sollen im Frühjahr beginnen, die ersten Stände vor dem Sommerfest öffnen.",
	}}
	english := &byline.Article{Title: "Grain store to become a market", Paragraphs: []string{
		"The harbour board voted on Tuesday evening to turn the old grain store into a covered market.",
		"\"We have waited long enough,\" said Anna Berger, who chairs the board, after the meeting at the town hall.",
		"Work on the roof will begin in the spring, and the first stalls should open before the summer festival.",
	}}
	ctx := context.Background()
	all := []string{byline.StageEntities, byline.StageQuotes, byline.StageKeyPhrases}

	res, err := byline.New().Analyze(ctx, byline.NewDocument(german))
	if err != nil {
		t.Fatal(err)
	}
	if res.Language != "de" || !slices.Equal(res.Skipped, all) {
		t.Errorf("German: language %q, skipped %q; want de, %q", res.Language, res.Skipped, all)
	}
	if len(res.Entities)+len(res.Quotes)+len(res.KeyPhrases) > 0 || res.Summary == nil || len(res.Summary.Sentences) == 0 {
		t.Errorf("German: entities %d, quotes %d, key phrases %d, summary %v", len(res.Entities), len(res.Quotes), len(res.KeyPhrases), res.Summary)
	}

	german.Language = "de-DE" // declared wins over detection
	if res, _ = byline.New(byline.WithoutQuotes()).Analyze(ctx, byline.NewDocument(german)); res.Language != "de-DE" ||
		!slices.Equal(res.Skipped, []string{byline.StageEntities, byline.StageKeyPhrases}) {
		t.Errorf("declared German: language %q, skipped %q", res.Language, res.Skipped)
	}

	if res, _ = byline.New(byline.WithAnyLanguage()).Analyze(ctx, byline.NewDocument(german)); len(res.Skipped) > 0 || len(res.Entities) == 0 {
		t.Errorf("WithAnyLanguage: skipped %q, %d entities", res.Skipped, len(res.Entities))
	}

	res, err = byline.New().Analyze(ctx, byline.NewDocument(english))
	if err != nil {
		t.Fatal(err)
	}
	if res.Language != "en" || len(res.Skipped) > 0 || len(res.Entities) == 0 || len(res.Quotes) == 0 {
		t.Errorf("English: language %q, skipped %q, %d entities, %d quotes", res.Language, res.Skipped, len(res.Entities), len(res.Quotes))
	}
}

// TestParseLanguage checks that Parse detects the language of scraped text.
func TestParseLanguage(t *testing.T) {
	a, err := byline.Parse("Getreidespeicher wird Markthalle | Hafenblatt\n\nDer Hafenrat hat am Dienstagabend beschlossen, den alten Getreidespeicher in eine Markthalle umzubauen, die im Sommer öffnen soll.\n")
	if err != nil {
		t.Fatal(err)
	}
	if a.Language != "de" {
		t.Errorf("language %q, want de", a.Language)
	}
}
