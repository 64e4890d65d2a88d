package byline_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/byline-nlp/byline"
)

// Parse reads text scraped from a news page: the title line, the
// repeated headline, a byline, the body and the page's furniture.
func ExampleParse() {
	page := `Harbour wall to be rebuilt | Local | Portvale Post

Harbour wall to be rebuilt

By Ines Marlow, Reuters

March 4, 2025

The council of Portvale voted on Tuesday to rebuild the old harbour wall before the winter storms arrive.

“We cannot wait another year,” said Mayor Elena Sorensen, who has pushed for the repairs since 2021.

Share this article

Related posts

Ferry timetable changes for the spring season

This website uses cookies to improve your experience. Accept Read More`
	a, err := byline.Parse(page)
	if err != nil {
		panic(err)
	}
	fmt.Println("title:", a.Title)
	fmt.Println("section:", a.Section, "| site:", a.Site)
	fmt.Println("authors:", a.Authors, "| published:", a.Published.Format("2006-01-02"))
	for _, p := range a.Paragraphs {
		fmt.Println("¶", p)
	}
	fmt.Println("related:", a.Related[0].Title)
	// Output:
	// title: Harbour wall to be rebuilt
	// section: Local | site: Portvale Post
	// authors: [Ines Marlow] | published: 2025-03-04
	// ¶ The council of Portvale voted on Tuesday to rebuild the old harbour wall before the winter storms arrive.
	// ¶ “We cannot wait another year,” said Mayor Elena Sorensen, who has pushed for the repairs since 2021.
	// related: Ferry timetable changes for the spring season
}

// A Document splits text once into sentences and tokens with byte
// offsets; every later stage reads them.
func ExampleNewTextDocument() {
	doc := byline.NewTextDocument("", "Dr. Ana Ruiz said the U.S. plan costs $4.5bn. “It will work,” she added.")
	for _, s := range doc.Sentences {
		fmt.Printf("[%d:%d] %s\n", s.Start, s.End, s.Of(doc.Body))
		var toks []string
		for _, t := range s.Tokens {
			toks = append(toks, t.Text+"/"+t.Kind.String())
		}
		fmt.Println(strings.Join(toks, " "))
	}
	// Output:
	// [0:45] Dr. Ana Ruiz said the U.S. plan costs $4.5bn.
	// Dr./word Ana/word Ruiz/word said/word the/word U.S./word plan/word costs/word $4.5bn/number ./punct
	// [46:76] “It will work,” she added.
	// “/punct It/word will/word work/word ,/punct ”/punct she/word added/word ./punct
}

// An Analyzer runs every stage over a Document, each given the earlier
// results: quote speakers link to entities, the summary weighs both.
func ExampleAnalyzer_Analyze() {
	a, err := byline.Parse(`Portvale council backs harbour wall repairs | Local | Portvale Post

Portvale council backs harbour wall repairs

The council of Portvale voted on Tuesday to rebuild the old harbour wall before the winter storms arrive.

“We cannot wait another year,” said Mayor Elena Sorensen, who has pushed for the repairs since 2021.

Sorensen said the work would cost about €14m. “The sea does not wait for budgets,” she added.`)
	if err != nil {
		panic(err)
	}
	doc := byline.NewDocument(a)
	res, err := byline.New(byline.WithSummary(byline.SummarySentences(2))).Analyze(context.Background(), doc)
	if err != nil {
		panic(err)
	}
	for _, e := range res.Entities {
		fmt.Println(e.Type, e.Name, len(e.Mentions))
	}
	for _, q := range res.Quotes {
		fmt.Printf("%s (%s %s): %s\n", q.Person, q.Speaker, q.Cue, q.Text)
	}
	fmt.Println(len(res.Summary.Sentences), "summary sentences")
	// Output:
	// LOC Portvale 1
	// PER Elena Sorensen 2
	// Elena Sorensen (Mayor Elena Sorensen said): We cannot wait another year,
	// Elena Sorensen (who pushed): for the repairs since 2021
	// Elena Sorensen (Sorensen said): the work would cost about €14m
	// Elena Sorensen (she added): The sea does not wait for budgets,
	// 2 summary sentences
}
