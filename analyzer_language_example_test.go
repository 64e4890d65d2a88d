package byline_test

import (
	"context"
	"fmt"

	"github.com/byline-nlp/byline"
)

// The English-only stages skip text in other languages, and the result
// says so; the summary is made for every language.
func ExampleWithAnyLanguage() {
	a := &byline.Article{Paragraphs: []string{
		"Der Hafenrat hat am Dienstagabend beschlossen, den alten Getreidespeicher in eine Markthalle umzubauen.",
		"Die Arbeiten am Dach sollen im Frühjahr beginnen, die ersten Stände vor dem Sommerfest öffnen.",
	}}
	res, _ := byline.New().Analyze(context.Background(), byline.NewDocument(a))
	fmt.Println(res.Language, res.Skipped, len(res.Summary.Sentences) > 0)

	res, _ = byline.New(byline.WithAnyLanguage()).Analyze(context.Background(), byline.NewDocument(a))
	fmt.Println(res.Language, res.Skipped)
	// Output:
	// de [entities quotes key_phrases] true
	// de []
}
