package page

import (
	"slices"
	"testing"
)

// TestOrganisationAuthor checks that an organisation given as the author
// (a company, a desk, the site under its host's name) yields to a
// person's name found later, and is kept when there is none.
func TestOrganisationAuthor(t *testing.T) {
	ld := func(author string) string {
		return `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Grain store to become a market","author":{"@type":"Organization","name":"` + author + `"}}</script>`
	}
	tests := []struct {
		name, url, head, body string
		want                  []string
	}{
		{"company", "https://gazette.example/grain-store", `<meta name="author" content="Quayside Media GmbH">`,
			`<span class="author">Mira Holt</span>`, []string{"Mira Holt"}},
		{"registered society", "https://gazette.example/grain-store", `<meta name="author" content="Hafenverein Porthaven e.V.">`,
			`<span class="author">Mira Holt</span>`, []string{"Mira Holt"}},
		{"a desk", "https://gazette.example/grain-store", ld("Gazette Editorial"),
			`<span class="author">Mira Holt</span>`, []string{"Mira Holt"}},
		{"compound", "https://gazette.example/grain-store", `<meta name="author" content="Hafen-Redaktion">`,
			`<span class="author">Mira Holt</span>`, []string{"Mira Holt"}},
		{"the host's name", "https://harbour-gazette.example/grain-store", ld("Harbour Gazette"),
			`<span class="author">Mira Holt</span>`, []string{"Mira Holt"}},
		{"kept when alone", "https://gazette.example/grain-store", `<meta name="author" content="Quayside Media GmbH">`,
			"", []string{"Quayside Media GmbH"}},
		{"a person keeps the list", "https://gazette.example/grain-store", `<meta name="author" content="Mira Holt, Tomas Reyes">`,
			`<span class="author">Ana Pires</span>`, []string{"Mira Holt", "Tomas Reyes"}},
	}
	for _, tt := range tests {
		a, err := ParseBytes(samplePage(tt.head, tt.body), tt.url)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Authors, tt.want) {
			t.Errorf("%s: authors %q, want %q", tt.name, a.Authors, tt.want)
		}
	}
}
