package page

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// TestUndeclaredDate checks the date of pages that declare none for
// their article: the first date printed on the page wins over another
// one from a generic meta tag, even when that one is printed further
// down, but not over a date htmldate found in the URL that is printed
// too.
func TestUndeclaredDate(t *testing.T) {
	tests := []struct{ name, head, body, want, url string }{
		{"the URL's date is printed too", "",
			`<p class="meta">Harbour desk, 4 March 2025</p><p>First published 2 November 2024</p>`, "2024-11-02",
			"https://gazette.example/2024/11/02/grain-store"},
		{"printed date over a generic meta date", `<meta name="date" content="2024-11-02">`,
			`<p class="meta">Harbour desk, 4 March 2025</p>`, "2025-03-04", ""},
		{"German month name", `<meta name="dc.date" content="2024-11-02">`,
			`<p class="meta">Hafenredaktion, 4. März 2025</p>`, "2025-03-04", ""},
		{"numeric day first", `<meta name="date" content="2024-11-02">`,
			`<p class="meta">Harbour desk, 04.03.2025</p>`, "2025-03-04", ""},
		{"the generic meta date is printed too, but later", `<meta name="date" content="2024-11-02">`,
			`<p class="meta">Harbour desk, 4 March 2025</p><p>Page built 2 November 2024</p>`, "2025-03-04", ""},
		{"the generic meta date is printed first", `<meta name="date" content="2024-11-02">`,
			`<p class="meta">Harbour desk, 2 November 2024</p><p>Archive: 4 March 2025</p>`, "2024-11-02", ""},
		{"nothing printed", `<meta name="date" content="2024-11-02">`, `<p class="meta">Harbour desk</p>`, "2024-11-02", ""},
		{"short German date", `<meta name="date" content="2024-11-02">`,
			`<p class="meta">Von der Hafenredaktion | 04.03.25</p>`, "2025-03-04", ""},
	}
	for _, tt := range tests {
		pageURL := tt.url
		if pageURL == "" {
			pageURL = "https://gazette.example/grain-store"
		}
		a, err := ParseBytes(samplePage("<title>Grain store to become a market</title>"+tt.head, tt.body), pageURL)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Published.Format("2006-01-02"); got != tt.want {
			t.Errorf("%s: published %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestShownRevision checks that a page showing only its revision date
// is dated by it, and that the declared publication date wins whenever
// the page prints it.
func TestShownRevision(t *testing.T) {
	ld := func(pub, mod string) string {
		return `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Grain store to become a market","datePublished":"` + pub + `","dateModified":"` + mod + `"}</script>`
	}
	tests := []struct{ name, head, body, want string }{
		{"only the revision printed", ld("2024-11-02T09:00:00+01:00", "2025-03-04T10:00:00+01:00"),
			`<p class="meta">Updated 4 March 2025</p>`, "2025-03-04"},
		{"both printed", ld("2024-11-02T09:00:00+01:00", "2025-03-04T10:00:00+01:00"),
			`<p class="meta">Updated 4 March 2025, first published 2 November 2024</p>`, "2024-11-02"},
		{"another date printed first", ld("2024-11-02T09:00:00+01:00", "2025-03-04T10:00:00+01:00"),
			`<p class="meta">Harbour desk, 1 December 2024</p><p>Updated 4 March 2025</p>`, "2024-11-02"},
		{"nothing printed", ld("2024-11-02T09:00:00+01:00", "2025-03-04T10:00:00+01:00"), "", "2024-11-02"},
	}
	for _, tt := range tests {
		a, err := ParseBytes(samplePage("<title>Grain store to become a market</title>"+tt.head, tt.body), "https://gazette.example/grain-store")
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Published.Format("2006-01-02"); got != tt.want {
			t.Errorf("%s: published %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestShownDates(t *testing.T) {
	tests := []struct {
		text    string
		usFirst bool
		want    string // the dates found, space-separated
	}{
		{"Posted 2025-03-04 by the desk", false, "2025-03-04"},
		{"4. März 2025, 10:15 Uhr", false, "2025-03-04"},
		{"le 4 mars 2025", false, "2025-03-04"},
		{"4 de marzo de 2025", false, "2025-03-04"},
		{"4 marca 2025", false, "2025-03-04"},
		{"March 4th, 2025", false, "2025-03-04"},
		{"Mar. 4, 2025", false, "2025-03-04"},
		{"03/04/2025", false, "2025-04-03"},
		{"03/04/2025", true, "2025-03-04"},
		{"25/03/2025 and 03/25/2025", true, "2025-03-25 2025-03-25"},
		{"31.04.2025 is no day, 4 Foo 2025 no month, 1850-01-01 too old", false, ""},
		{"Tel. 12.34.5678, version 1.2.2025.4", false, ""},
		{"Von der Redaktion | 04.03.25 | 10:15", false, "2025-03-04"},
		{"Beitrag vom 29.02.24, Antwort 31.04.25", false, "2024-02-29"},
		{"version 1.5.2, build 10.11.12.13, 01.02.99", false, ""},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader("<html><body><p>" + tt.text + "</p></body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range shownDates(doc, tt.usFirst, 10) {
			got = append(got, d.t.Format("2006-01-02"))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("shownDates(%q, us=%v) = %q, want %q", tt.text, tt.usFirst, g, tt.want)
		}
	}
}

// TestShownDatesSkipsScripts checks that dates in scripts, styles and
// the head are not read as printed.
func TestShownDatesSkipsScripts(t *testing.T) {
	doc, _ := html.Parse(strings.NewReader(`<html><head><title>4 March 2025</title></head><body><script>var d="2024-01-01"</script><style>/* 2024-01-02 */</style><p>5 March 2025</p></body></html>`))
	ds := shownDates(doc, false, 10)
	if len(ds) != 1 || !ds[0].t.Equal(time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("shownDates = %v, want only 2025-03-05", ds)
	}
}

func FuzzShownDates(f *testing.F) {
	for _, s := range []string{"<p>4. März 2025</p>", "<p>03/04/2025 2025-03-04</p>", "<p>31 February 2024</p>", "<h1>x</h1><p>Jan 1, 2000</p>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := html.Parse(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, d := range shownDates(doc, len(s)%2 == 0, 5) {
			if d.t.IsZero() {
				t.Fatalf("zero date from %q", s)
			}
		}
	})
}
