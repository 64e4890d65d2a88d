package page_test

import (
	"fmt"
	"strings"

	"github.com/byline-nlp/byline/page"
)

// Parse reads the page's declared metadata and keeps only the article's
// paragraphs: the navigation, the headline (it is the Title) and the
// related-post list are not part of the body.
func ExampleParse() {
	const html = `<!DOCTYPE html>
<html lang="en"><head>
<title>Library Extends Its Opening Hours | Town | The Weekly Lamp</title>
<meta property="og:site_name" content="The Weekly Lamp">
<meta property="article:published_time" content="2025-02-03T09:00:00Z">
<meta name="author" content="Ruth Abara">
</head><body>
<nav><a href="/">Home</a> <a href="/town">Town</a></nav>
<article>
<h1>Library Extends Its Opening Hours</h1>
<p>The town library will stay open until nine in the evening on weekdays from March, after a survey found that most readers could only visit after work.</p>
<p>Two new part-time librarians have been hired to cover the late shifts, and the reading room will keep its heating on for the extra hours.</p>
</article>
<section><h2>Related articles</h2>
<a href="/town/new-bookshelves">Library fits new shelves for children's books</a>
</section>
</body></html>`
	a, err := page.Parse(strings.NewReader(html), "https://lamp.example/town/library-hours")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("title:", a.Title)
	fmt.Println("section:", a.Section, "| site:", a.Site)
	fmt.Println("authors:", a.Authors, "| published:", a.Published.Format("2006-01-02"))
	for _, p := range a.Paragraphs {
		fmt.Println("-", p[:40]+"...")
	}
	for _, l := range a.Related {
		fmt.Println("related:", l.Title, l.URL)
	}
	// Output:
	// title: Library Extends Its Opening Hours
	// section: Town | site: The Weekly Lamp
	// authors: [Ruth Abara] | published: 2025-02-03
	// - The town library will stay open until ni...
	// - Two new part-time librarians have been h...
	// related: Library fits new shelves for children's books https://lamp.example/town/new-bookshelves
}
