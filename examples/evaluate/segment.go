package main

import (
	"fmt"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/goldenrules"
)

// The segment task scores sentence splitting on a Golden Rules JSON file:
// white space normalised in every string, cases whose expected sentences
// do not occur in their input skipped as invalid, and a valid case passed
// when the sentences match exactly, in order.
func init() {
	register("segment", task{
		summary: "sentence splitting on a Golden Rules JSON file (passed of valid cases)",
		run:     runSegment,
	})
}

func runSegment(c *common) ([][]string, any, error) {
	cases, err := goldenrules.Load(c.Data)
	if err != nil {
		return nil, nil, err
	}
	if c.Limit > 0 && c.Limit < len(cases) {
		cases = cases[:c.Limit]
	}
	out, err := c.jsonlOut()
	if err != nil {
		return nil, nil, err
	}
	split := func(input string) []string {
		doc := byline.NewTextDocument("", input)
		sents := make([]string, len(doc.Sentences))
		for i, s := range doc.Sentences {
			sents[i] = s.Of(doc.Body)
		}
		return sents
	}
	if out != nil {
		for _, k := range cases {
			if err := out.Encode(map[string]any{"name": k.Name, "sentences": split(k.Input)}); err != nil {
				return nil, nil, err
			}
		}
	}
	r := goldenrules.Score(cases, split)
	table := [][]string{{"task", "passed", "valid", "total"},
		{"segment", fmt.Sprint(r.Passed), fmt.Sprint(r.Valid), fmt.Sprint(r.Total)}}
	for _, name := range r.Failed {
		table = append(table, []string{"failed", name})
	}
	return table, map[string]any{"task": "segment", "passed": r.Passed, "valid": r.Valid, "total": r.Total}, nil
}
