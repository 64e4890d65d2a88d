package byline_test

import (
	"fmt"

	"github.com/byline-nlp/byline"
)

// exampleStory is a short article written for these examples.
const exampleStory = `(CNN)Engineers reopened the Harbour Bridge on Sunday after a three-week repair that cost the city $12 million.

The bridge carries about 90,000 vehicles a day. It was closed in March after inspectors found cracks in two steel supports.

"We are relieved to have it back," said commuter Dana Lee, who had driven an extra hour each day.

City officials said the repair came in under budget. The mayor thanked the engineers at a short ceremony.

A full inspection of the city's other bridges will begin in June.`

func ExampleSummarize() {
	doc := byline.NewTextDocument("Harbour Bridge reopens after repairs", exampleStory)
	s := byline.Summarize(doc, byline.SummarySentences(2))
	for _, x := range s.Sentences {
		fmt.Printf("%d: %s\n", x.Index, x.Text)
	}
	// Output:
	// 0: Engineers reopened the Harbour Bridge on Sunday after a three-week repair that cost the city $12 million.
	// 1: The bridge carries about 90,000 vehicles a day.
}

func ExampleSummaryStyle() {
	doc := byline.NewTextDocument("Harbour Bridge reopens after repairs", exampleStory)
	// The extract style shortens the article, preferring central
	// sentences to the highlights style's crisp lead (sentences 0 and 1).
	s := byline.Summarize(doc, byline.SummaryStyle(byline.StyleExtract), byline.SummarySentences(2))
	fmt.Println(s.Style, s.Indices())
	// Output:
	// extract [0 6]
}

func ExampleSummarize_lead() {
	doc := byline.NewTextDocument("", exampleStory)
	// Lead takes the opening sentences; the "(CNN)" dateline is left out.
	s := byline.Summarize(doc, byline.SummaryMethod(byline.MethodLead), byline.SummarySentences(1))
	fmt.Println(s.Text())
	// Output:
	// Engineers reopened the Harbour Bridge on Sunday after a three-week repair that cost the city $12 million.
}

func ExampleSummaryWords() {
	doc := byline.NewTextDocument("", exampleStory)
	// Lead within a 30-word budget: the first sentence (17 words) and the
	// second (8) fit; every later one would pass 30 and is skipped.
	s := byline.Summarize(doc, byline.SummaryMethod(byline.MethodLead), byline.SummarySentences(0), byline.SummaryWords(30))
	fmt.Println(s.Indices())
	// Output:
	// [0 1]
}

func ExampleKeyPhrases() {
	doc := byline.NewTextDocument("Harbour Bridge reopens after repairs", exampleStory)
	for _, p := range byline.KeyPhrases(doc, 3, nil) {
		fmt.Printf("%s (%d)\n", p.Text, p.Count)
	}
	// Output:
	// repair (2)
	// Bridge (3)
	// city (3)
}
