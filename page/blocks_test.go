package page

import (
	"slices"
	"strings"
	"testing"
)

// TestBlockBoundaries checks that minified pages, whose block elements
// have no white space between them, come out with one paragraph per
// block, and that inline elements keep the page's own spacing. Short
// pages are where the engine falls back to its baseline, which runs an
// <article>'s text together; the long ones go through its main path.
func TestBlockBoundaries(t *testing.T) {
	const dock = "Dock workers in Rotterdam returned to work on Tuesday after a deal with the port authority, their union said."
	const quote = "“We got what we came for,” said Marit de Vries, the union’s chair, outside the main gate."
	const ferry = "The first ferries left the outer harbour at dawn, and the container terminals expect to clear the backlog by Friday."
	page := func(body string) string {
		return "<html><head><title>Port strike ends | Harbour Times</title></head><body>" + body + "</body></html>"
	}
	long := func(body string) string {
		var b strings.Builder
		b.WriteString(body)
		for _, p := range filler {
			b.WriteString("<p>" + p + "</p>")
		}
		return b.String()
	}
	tests := []struct {
		name string
		html string
		want []string // the first paragraphs
	}{
		{"h1 and p", page(`<article><h1>Port strike ends</h1><p>` + dock + `</p><p>` + quote + `</p></article>`),
			[]string{dock, quote}},
		{"p and p, no article", page(`<div><p>` + dock + `</p><p>` + quote + `</p><p>` + ferry + `</p></div>`),
			[]string{dock, quote, ferry}},
		{"li wrapping p", page(`<article><p>` + dock + `</p><ul><li><p>` + quote + `</p></li><li><p>` + ferry + `</p></li></ul></article>`),
			[]string{dock, quote, ferry}},
		{"div blocks", page(`<article><div>` + dock + `</div><div>` + quote + `</div><div><div>` + ferry + `</div></div></article>`),
			[]string{dock, quote, ferry}},
		{"br", page(`<article><p>` + dock + `<br>` + quote + `<br/>` + ferry + `</p></article>`),
			[]string{dock, quote, ferry}},
		{"blockquote", page(`<article><p>` + dock + `</p><blockquote>` + quote + `</blockquote><p>` + ferry + `</p></article>`),
			[]string{dock, quote, ferry}},
		{"figure caption", page(`<article><p>` + dock + `</p><figure><img src="/a.jpg"><figcaption>Workers at the main gate on Tuesday morning.</figcaption></figure><p>` + ferry + `</p></article>`),
			[]string{dock, "Workers at the main gate on Tuesday morning.", ferry}},
		{"inline without spaces", page(`<article><p>Ships queued outside the<a href="/a">Address</a> for days.</p><p>` + dock + `</p></article>`),
			[]string{"Ships queued outside theAddress for days.", dock}},
		{"inline with spaces", page(`<article><p>Ships queued outside the <a href="/a">Address</a> for days, said <b>Jan</b> <i>Smit</i>.</p><p>` + dock + `</p></article>`),
			[]string{"Ships queued outside the Address for days, said Jan Smit.", dock}},
		{"scripts, buttons and asides between blocks", page(`<article><h1>Port strike ends</h1><button>Share</button><p>` + dock + `</p><script>var x = "y";</script><aside><p>Read more about the port</p></aside><p>` + quote + `</p></article>`),
			[]string{dock, quote}},
		{"long: h1 and p", page(`<article>` + long(`<h1>Port strike ends</h1><p>`+dock+`</p><p>`+quote+`</p>`) + `</article>`),
			[]string{dock, quote}},
		{"long: text between blocks", page(`<article>` + long(`<div>`+dock+`<div>`+quote+`</div>`+ferry+`</div>`) + `</article>`),
			[]string{dock, quote, ferry}},
		{"long: inline without spaces", page(`<article>` + long(`<div>Ships queued outside the<a href="/a">Address</a> for days.<h2>The deal</h2>`+dock+`</div>`) + `</article>`),
			[]string{"Ships queued outside theAddress for days.", "The deal", dock}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseBytes([]byte(tt.html), "https://harbour.example/2025/port-strike")
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != "Port strike ends" {
				t.Errorf("title %q", a.Title)
			}
			if len(a.Paragraphs) < len(tt.want) || !slices.Equal(a.Paragraphs[:len(tt.want)], tt.want) {
				t.Errorf("paragraphs:\n%q\nwant them to start with\n%q", a.Paragraphs, tt.want)
			}
		})
	}
}
