package byline_test

import (
	"fmt"

	"github.com/byline-nlp/byline"
)

// Quotes finds quotations, who said them and with which verb, and scores
// them for pull quotes.
func ExampleQuotes() {
	doc := byline.NewTextDocument("", "Anna Kovac opened the ferry terminal on Friday.\n\n"+
		"“We waited ten years for this,” she said. “Now the island is close.”\n\n"+
		"The harbour master insisted that the timetable would hold.")
	for _, q := range byline.Quotes(doc, nil) {
		fmt.Printf("%s | %s | %s (%s) | %q\n", q.Kind, q.Speaker, q.Person, q.Cue, q.Text)
	}
	// Output:
	// direct | she | Anna Kovac (said) | "We waited ten years for this, Now the island is close."
	// indirect | The harbour master |  (insisted) | "the timetable would hold"
}

// A pronoun resolves to a person named outside quotation marks, here the
// speaker of the previous quote, not the mayor named inside it; phrasal
// cues keep their particle and names keep their particles.
func ExampleQuotes_attribution() {
	doc := byline.NewTextDocument("", "Tomas, a 28-year-old welder, pointed out that the strike could last for “many months.” "+
		"“Mayor Elena Marsh is hiring new crews,” he added.\n\n"+
		"“We are close to a deal,” said Karin van der Berg.")
	for _, q := range byline.Quotes(doc, nil) {
		fmt.Printf("%s | %s | %s (%s) | %q\n", q.Kind, q.Speaker, q.Person, q.Cue, q.Text)
	}
	// Output:
	// mixed | Tomas | Tomas (pointed out) | "many months."
	// direct | he | Tomas (added) | "Mayor Elena Marsh is hiring new crews,"
	// direct | Karin van der Berg | Karin van der Berg (said) | "We are close to a deal,"
}
