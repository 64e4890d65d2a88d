package page

import (
	"slices"
	"strings"
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

// TestAuthorPageLinks checks bylines that are links to the author's page
// on the site: the link text is the name or handle when the page's slug
// spells it.
func TestAuthorPageLinks(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"handle in a blog byline", `<p class="meta">März 4, 2025 · von <span class="author vcard"><a href="https://gazette.example/author/quaymaster77/">quaymaster77</a></span></p>`,
			[]string{"quaymaster77"}},
		{"profile link in a long line", `<p><strong>Autor:</strong> <a href="/profil/207/Jonas_Kerr">Jonas Kerr</a><br><strong>Tags:</strong> <a href="/tag/hafen">hafen</a>, <a href="/tag/markt">markt</a>, <a href="/tag/getreide">getreide</a>, <a href="/tag/speicher">speicher</a>, <a href="/tag/rat">rat</a>, <a href="/tag/dach">dach</a>, <a href="/tag/sommer">sommer</a>, <a href="/tag/kai">kai</a>, <a href="/tag/kunst">kunst</a></p>`,
			[]string{"Jonas Kerr"}},
		{"schema.org name inside, umlaut in the slug", `<h1>Grain store to become a market</h1><span><a href="/autoren/lena-mueller-684124"><img alt="Lena Müller"><span>© Lena Müller</span> <span itemprop="name">Lena Müller</span></a></span>`,
			[]string{"Lena Müller"}},
		{"name printed twice", `<p><a href="/auteurs/mira-holt"><span>Mira Holt</span><span>Mira Holt</span></a></p>`, []string{"Mira Holt"}},
		{"an index of authors", `<p><a href="/authors/">Our Team</a></p>`, nil},
	}
	for _, tt := range tests {
		a, err := ParseBytes(samplePage("<title>Grain store to become a market</title>", tt.body), "https://gazette.example/news/grain-store")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Authors, tt.want) {
			t.Errorf("%s: authors %q, want %q", tt.name, a.Authors, tt.want)
		}
	}
}

// TestAuthorBoxAndComments checks the author box below a post (its
// text a biography, its link the author's page) and that readers'
// comments give no byline.
func TestAuthorBoxAndComments(t *testing.T) {
	bio := `<div class="author-bio"><div class="author-description"><p>Ich schreibe seit zehn Jahren über den Hafen, von Fischern bis zu Fähren.</p>` +
		`<a class="author-link" href="https://gazette.example/author/mirah/" rel="author">Archiv anzeigen</a></div></div>`
	comments := `<div id="comments" class="comments-area"><ol><li class="comment"><div class="comment-author vcard"><b class="fn">Tomas Reyes</b></div><p>Great news for the quay.</p></li></ol></div>`
	tests := []struct {
		name, bodyClass, body string
		want                  []string
	}{
		{"author box", "", bio, []string{"Mirah"}},
		{"comment authors are no byline", "", comments, nil},
		{"author box after comments", "single showing-comments", comments + bio, []string{"Mirah"}},
		{"linked name spelled by the slug", "", `<p class="meta"><a rel="author" href="/author/c1ph4/">c1ph4</a></p>`, []string{"c1ph4"}},
	}
	for _, tt := range tests {
		page := strings.Replace(string(samplePage("<title>Grain store to become a market</title>", "")), "<body>", `<body class="`+tt.bodyClass+`">`, 1)
		page = strings.Replace(page, "</main>", tt.body+"</main>", 1)
		a, err := ParseBytes([]byte(page), "https://gazette.example/news/grain-store")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Authors, tt.want) {
			t.Errorf("%s: authors %q, want %q", tt.name, a.Authors, tt.want)
		}
	}
}

// TestPlaceAuthor checks that a place printed where a byline would be
// (a dateline, a location field) is not taken as an author, while names
// that are also places' names stay.
func TestPlaceAuthor(t *testing.T) {
	tests := []struct {
		name, head, body string
		want             []string
	}{
		{"a city and a country", `<meta name="author" content="Munich, Germany">`,
			`<span class="author">Mira Holt</span>`, []string{"Mira Holt"}},
		{"a country alone", `<meta name="author" content="Portugal">`, "", nil},
		{"a two-word city", `<meta name="author" content="New York">`,
			`<span class="author">Tomas Reyes</span>`, []string{"Tomas Reyes"}},
		{"a name that is also a place", `<meta name="author" content="Florence">`, "", []string{"Florence"}},
		{"a person", `<meta name="author" content="Mira Holt">`, "", []string{"Mira Holt"}},
		{"the site's name kept without the place beside it", `<meta name="author" content="gazette.example, Munich">`, "", []string{"gazette.example"}},
	}
	for _, tt := range tests {
		a, err := ParseBytes(samplePage(tt.head, tt.body), "https://gazette.example/grain-store")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Authors, tt.want) {
			t.Errorf("%s: authors %q, want %q", tt.name, a.Authors, tt.want)
		}
	}
}

// TestPictureCreditAuthor checks that an "author" named in a picture's
// licence, credit or caption, ahead of the byline, is not the article's.
func TestPictureCreditAuthor(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"licence box", `<img src="/quay.jpg" alt=""><div class="license-info"><span class="author-name"><a href="https://photos.example/quay" rel="nofollow">Ines Varga</a></span></div>` +
			`<p>The old grain store on the quay will reopen as a market.</p><div class="author-box"><p>Mira Holt</p></div>`, []string{"Mira Holt"}},
		{"photo credit", `<div class="photo-credit"><span class="author">Ines Varga</span></div><span class="author">Mira Holt</span>`, []string{"Mira Holt"}},
		{"caption", `<figure><img src="/quay.jpg" alt=""><figcaption>The quay at dawn. <span class="author">Ines Varga</span></figcaption></figure><span class="author">Mira Holt</span>`, []string{"Mira Holt"}},
		{"a byline alone", `<span class="author">Mira Holt</span>`, []string{"Mira Holt"}},
	}
	for _, tt := range tests {
		a, err := ParseBytes(samplePage("<title>Grain store to become a market</title>", tt.body), "https://gazette.example/grain-store")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Authors, tt.want) {
			t.Errorf("%s: authors %q, want %q", tt.name, a.Authors, tt.want)
		}
	}
}
