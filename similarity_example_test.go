package byline_test

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/byline-nlp/byline"
)

// stories are a few short texts of our own on three topics.
var stories = []struct{ id, title, text string }{
	{"bank-1", "Central bank raises rates", "The central bank raised interest rates again to fight inflation, lifting mortgage costs."},
	{"bank-2", "Mortgages climb after rate rise", "Lenders raised mortgage rates after the central bank increased interest rates."},
	{"storm-1", "Storm floods the coast", "A winter storm flooded coastal roads and cut power to thousands of homes."},
	{"storm-2", "Power cut after coastal flooding", "Thousands of homes lost power as storm waters flooded the coast road."},
	{"derby-1", "United win the derby", "A late header gave United victory over City in the derby."},
}

func newsIndex(opts ...byline.IndexOption) *byline.Index {
	ix := byline.NewIndex(opts...)
	for _, s := range stories {
		ix.Add(s.id, byline.NewTextDocument(s.title, s.text))
	}
	return ix
}

func ExampleIndex_Related() {
	ix := newsIndex()
	related, err := ix.Related("storm-1", 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(related[0].ID)
	// Output: storm-2
}

func ExampleIndex_Query() {
	ix := newsIndex()
	draft := byline.NewTextDocument("Rates up again", "Borrowers face higher interest rates from the central bank.")
	related, _ := ix.Query(draft, 2)
	for _, m := range related {
		fmt.Println(m.ID)
	}
	// Unordered output:
	// bank-1
	// bank-2
}

func ExampleWithoutNearDuplicates() {
	ix := byline.NewIndex(byline.WithLSA(0))
	text := "The city council approved a new budget for buses, bike lanes and night trains across the northern districts."
	ix.Add("original", byline.NewTextDocument("", text))
	ix.Add("syndicated", byline.NewTextDocument("", text+" (Reporting by our staff.)"))
	ix.Add("follow-up", byline.NewTextDocument("", "Riders welcomed the night trains the council approved for the northern districts."))
	plain, _ := ix.Related("original", 1)
	deduped, _ := ix.Related("original", 1, byline.WithoutNearDuplicates(0.5))
	fmt.Println(plain[0].ID, deduped[0].ID)
	// Output: syndicated follow-up
}

func ExampleWithin() {
	day := 24 * time.Hour
	at := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	dated := func(text string, t time.Time) *byline.Document {
		d := byline.NewTextDocument("", text)
		d.Article = &byline.Article{Published: t}
		return d
	}
	ix := byline.NewIndex()
	ix.Add("now", dated("Flood defences failed along the river after days of rain.", at))
	ix.Add("last-year", dated("Flood defences along the river failed after heavy rain.", at.Add(-365*day)))
	ix.Add("this-week", dated("Rain kept falling on the river towns behind the failed flood defences.", at.Add(2*day)))
	related, _ := ix.Related("now", 5, byline.Within(30*day))
	for _, m := range related {
		fmt.Println(m.ID)
	}
	// Output: this-week
}

func ExampleIndex_AllPairs() {
	ix := newsIndex()
	all, _ := ix.AllPairs(context.Background(), 1, 0)
	for _, nb := range all[:4] {
		fmt.Println(nb.ID, "→", nb.Related[0].ID)
	}
	// Output:
	// bank-1 → bank-2
	// bank-2 → bank-1
	// storm-1 → storm-2
	// storm-2 → storm-1
}

func ExampleLoad() {
	ix := newsIndex()
	var buf bytes.Buffer
	if err := ix.Save(&buf); err != nil { // SaveFile writes a path atomically
		fmt.Println(err)
		return
	}
	back, err := byline.Load(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	related, _ := back.Related("bank-2", 1)
	fmt.Println(back.Len(), related[0].ID)
	// Output: 5 bank-1
}

func ExampleSimilarity() {
	a := byline.NewTextDocument("", "The storm flooded the coast road.")
	b := byline.NewTextDocument("", "Storm waters flooded the coastal road overnight.")
	c := byline.NewTextDocument("", "United won the derby with a late header.")
	fmt.Println(byline.Similarity(a, b) > byline.Similarity(a, c), byline.Similarity(a, c))
	// Output: true 0
}
