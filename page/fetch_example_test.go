package page_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/byline-nlp/byline/page"
)

// Fetch downloads a page and parses it; a test server stands in for the
// news site here.
func ExampleFetch() {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html lang="en"><head><title>Ferry Adds a Night Crossing | The Weekly Lamp</title>
<meta property="og:site_name" content="The Weekly Lamp"></head><body><article>
<h1>Ferry Adds a Night Crossing</h1>
<p>From June the island ferry will make a last crossing at eleven at night, so that visitors to the summer concerts can get home without staying over.</p>
</article></body></html>`)
	}))
	defer site.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	a, err := page.Fetch(ctx, site.Client(), site.URL+"/news/ferry")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Title)
	fmt.Println(a.Site, a.Language)
	// Output:
	// Ferry Adds a Night Crossing
	// The Weekly Lamp en
}
