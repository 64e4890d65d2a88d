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
	// indirect | The harbour master |  (insisted) | "that the timetable would hold."
}
