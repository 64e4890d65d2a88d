package page

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/byline-nlp/byline"
)

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "html", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMetadata checks every metadata field on our own three samples: one
// declaring everything in JSON-LD, one with OpenGraph tags only, one with
// nothing but markup.
func TestMetadata(t *testing.T) {
	cet := time.FixedZone("", 3600)
	cest := time.FixedZone("", 7200)
	tests := []struct {
		file, url string
		want      byline.Article
		related   []string // related titles, in order
	}{
		{
			file: "jsonld.html", url: "https://ledger.example/2024/05/14/tide-ferry?utm=x",
			want: byline.Article{
				Title: "Harbour Town Opens Its First Tide-Powered Ferry", Section: "Local", Site: "The Coastal Ledger",
				Authors:     []string{"Mira Castell", "Oskar Lind"},
				Published:   time.Date(2024, 5, 14, 8, 30, 0, 0, cet),
				Modified:    time.Date(2024, 5, 15, 10, 0, 0, 0, cet),
				URL:         "https://ledger.example/2024/05/14/tide-ferry",
				Language:    "en-GB",
				Description: "A ferry driven by the tide now links the two halves of Harbour Town.",
				Image:       "https://ledger.example/img/ferry.jpg",
			},
			related: []string{"Quay repairs finish ahead of the summer season", "Boatyard takes on four new apprentices"},
		},
		{
			file: "opengraph.html", url: "",
			want: byline.Article{
				Title: "Valley Orchard Tries Frost Fans After Cold Spring", Section: "Farming", Site: "Upland Weekly",
				Authors:     []string{"Lena Brauer"},
				Published:   time.Date(2023, 4, 20, 6, 15, 0, 0, cest),
				Modified:    time.Date(2023, 4, 21, 9, 0, 0, 0, cest),
				URL:         "https://upland.example/farming/frost-fans",
				Language:    "de-AT",
				Description: "Tall fans now stand between the apple rows at a valley orchard.",
				Image:       "https://upland.example/media/fans.jpg",
			},
			related: []string{"Hay prices climb after the wet summer", "Market day returns to the old square"},
		},
		{
			file: "plain.html", url: "https://notes.example/2022/night-buses",
			want: byline.Article{
				Title: "Night Buses Return to the Old Town Route", Site: "City Notes",
				Authors:   []string{"Tomas Ferreira"},
				Published: time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC),
				URL:       "https://notes.example/2022/night-buses",
				Language:  "en",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, err := ParseBytes(readSample(t, tt.file), tt.url)
			if err != nil {
				t.Fatal(err)
			}
			w := tt.want
			for _, c := range []struct{ field, got, want string }{
				{"Title", a.Title, w.Title}, {"Section", a.Section, w.Section}, {"Site", a.Site, w.Site},
				{"URL", a.URL, w.URL}, {"Language", a.Language, w.Language},
				{"Description", a.Description, w.Description}, {"Image", a.Image, w.Image},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
			if !slices.Equal(a.Authors, w.Authors) {
				t.Errorf("Authors = %q, want %q", a.Authors, w.Authors)
			}
			if !a.Published.Equal(w.Published) {
				t.Errorf("Published = %v, want %v", a.Published, w.Published)
			}
			if !a.Modified.Equal(w.Modified) {
				t.Errorf("Modified = %v, want %v", a.Modified, w.Modified)
			}
			var rel []string
			for _, l := range a.Related {
				rel = append(rel, l.Title)
				if !strings.HasPrefix(l.URL, "http") {
					t.Errorf("related link %q has no absolute URL: %q", l.Title, l.URL)
				}
			}
			if !slices.Equal(rel, tt.related) {
				t.Errorf("Related = %q, want %q", rel, tt.related)
			}
		})
	}
}

// TestBody checks that the main text is the article's paragraphs, in
// order, without the headline, navigation, cookie banner, share bar,
// related list or footer.
func TestBody(t *testing.T) {
	tests := []struct {
		file        string
		paragraphs  int
		first, last string
	}{
		{"jsonld.html", 5, "The small ferry", "children under twelve travel free."},
		{"opengraph.html", 4, "After losing most", "further away."},
		{"plain.html", 3, "The night bus", "made the decision possible."},
	}
	banned := []string{"cookies", "Share on", "Related articles", "Quay repairs", "Subscribe", "newsletter",
		"More stories", "Hay prices", "Popular", "Bridge closed", "Archive", "All rights reserved"}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, err := ParseBytes(readSample(t, tt.file), "")
			if err != nil {
				t.Fatal(err)
			}
			body := strings.Join(a.Paragraphs, "\n")
			for _, b := range banned {
				if strings.Contains(body, b) {
					t.Errorf("body keeps boilerplate %q:\n%s", b, body)
				}
			}
			if a.Title != "" && strings.Contains(body, a.Title) {
				t.Errorf("body repeats the headline %q", a.Title)
			}
			var ps []string
			for _, p := range a.Paragraphs {
				if len(strings.Fields(p)) > 8 { // article paragraphs, not a byline or date line
					ps = append(ps, p)
				}
			}
			if len(ps) != tt.paragraphs {
				t.Fatalf("%d long paragraphs, want %d:\n%q", len(ps), tt.paragraphs, a.Paragraphs)
			}
			if !strings.HasPrefix(ps[0], tt.first) || !strings.HasSuffix(ps[len(ps)-1], tt.last) {
				t.Errorf("paragraphs run %q ... %q", ps[0], ps[len(ps)-1])
			}
		})
	}
}

// TestCharset checks that declared legacy encodings are decoded and that
// no input yields invalid UTF-8.
func TestCharset(t *testing.T) {
	para := "<p>" + strings.Repeat("Die Straße über den Fluss wurde für den Verkehr geöffnet. ", 6) + "</p>"
	want := "Die Straße über den Fluss"
	latin1 := func(s string) []byte { // s is ASCII apart from Latin-1 letters
		var b []byte
		for _, r := range s {
			b = append(b, byte(r))
		}
		return b
	}
	tests := []struct {
		name string
		page []byte
	}{
		{"meta charset", latin1(`<html><head><meta charset="windows-1252"><title>T</title></head><body><article>` + para + `</article></body></html>`)},
		{"http-equiv", latin1(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body><article>` + para + `</article></body></html>`)},
		{"late meta", latin1(`<html><head><script>` + strings.Repeat("var x = 1;\n", 200) + `</script><meta charset="iso-8859-1"></head><body><article>` + para + `</article></body></html>`)},
		{"utf-8 BOM", append([]byte("\xef\xbb\xbf"), `<html><body><article>`+para+`</article></body></html>`...)},
		{"undeclared utf-8", []byte(`<html><body><article>` + para + `</article></body></html>`)},
		{"undeclared legacy", latin1(`<html><body><article>` + para + `</article></body></html>`)},
		{"utf-8 declared as latin-1", []byte(`<html><head><meta charset="iso-8859-1"></head><body><article>` + para + `</article></body></html>`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseBytes(tt.page, "")
			if err != nil {
				t.Fatal(err)
			}
			body := strings.Join(a.Paragraphs, "\n")
			if !strings.Contains(body, want) {
				t.Errorf("body %q does not contain %q", body, want)
			}
			if !utf8.ValidString(body) {
				t.Error("invalid UTF-8 in the body")
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := ParseBytes(nil, ""); !errors.Is(err, byline.ErrEmpty) {
		t.Errorf("empty page: err = %v, want ErrEmpty", err)
	}
	if _, err := Parse(strings.NewReader("  \n "), ""); !errors.Is(err, byline.ErrEmpty) {
		t.Errorf("blank page: err = %v, want ErrEmpty", err)
	}
	if _, err := ParseBytes([]byte("<html><body><script>x()</script></body></html>"), ""); !errors.Is(err, ErrNoText) {
		t.Errorf("textless page: err = %v, want ErrNoText", err)
	}
	if _, err := ParseBytes([]byte("<p>text</p>"), "http://[::1"); err == nil {
		t.Error("bad page URL: no error")
	}
}

// TestMicrodata checks the schema.org microdata path, for pages that
// declare neither JSON-LD nor OpenGraph.
func TestMicrodata(t *testing.T) {
	page := `<html><body><div itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">Lighthouse Keeper Retires After Forty Winters</h1>
<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ines Varga</span></span>
<time itemprop="datePublished" datetime="2021-01-09T12:00:00Z">9 January</time>
<meta itemprop="articleSection" content="People">
<div itemprop="articleBody"><p>` + strings.Repeat("The lamp at the end of the point was tended by the same keeper for four decades. ", 5) + `</p></div>
</div></body></html>`
	a, err := ParseBytes([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Lighthouse Keeper Retires After Forty Winters" || !slices.Equal(a.Authors, []string{"Ines Varga"}) ||
		a.Section != "People" || !a.Published.Equal(time.Date(2021, 1, 9, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("microdata: title %q authors %q section %q published %v", a.Title, a.Authors, a.Section, a.Published)
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		title, site string
		h1          []string
		want        string
	}{
		{"Bridge Reopens | City | Daily Post", "Daily Post", nil, "Bridge Reopens"},
		{"Daily Post - Bridge Reopens After Two Years of Repairs", "Daily Post", nil, "Bridge Reopens After Two Years of Repairs"},
		{"Bridge Reopens – Daily Post", "", []string{"Bridge Reopens"}, "Bridge Reopens"},
		{"Q&A: What the Bridge Means » Daily Post", "Daily Post", nil, "Q&A: What the Bridge Means"},
		{"Just a Headline", "Daily Post", nil, "Just a Headline"},
		{"A - B", "", nil, "A - B"},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.title, tt.site, tt.h1, nil); got != tt.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestSplitAuthors(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"By Jane Doe and John Roe", []string{"Jane Doe", "John Roe"}},
		{"Von Anna Weber und Paul Kern", []string{"Anna Weber", "Paul Kern"}},
		{"Jane Doe, John Roe & Ada Poe", []string{"Jane Doe", "John Roe", "Ada Poe"}},
		{"Jane Doe", []string{"Jane Doe"}},
	}
	for _, tt := range tests {
		if got := splitAuthors(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitAuthors(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := cleanAuthors([]string{"https://example.com/staff/jane", "Jane Doe", "jane doe", "news@example.com",
		"Posted on", "Name (required)", "Auteurs", "Marc Le Roux", "Afficher mon profil complet", "Microsoft. Das", "A",
		"June", "Photo by Kim Lee von Pexels", "Ana de la Cruz", "freeman1984"}); !slices.Equal(got, []string{"Jane Doe", "Marc Le Roux", "Ana de la Cruz", "freeman1984"}) {
		t.Errorf("cleanAuthors = %q", got)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // YYYY-MM-DD, or "" for no date
	}{
		{"2024-05-14T08:30:00+01:00", "2024-05-14"},
		{"2024-05-14T08:30:00.000Z", "2024-05-14"},
		{"2024-05-14", "2024-05-14"},
		{"2024-05-14 08:30:00", "2024-05-14"},
		{"Tue, 14 May 2024 08:30:00 +0100", "2024-05-14"},
		{"May 14, 2024", "2024-05-14"},
		{"14.05.2024", "2024-05-14"},
		{"2024-05-14T08:30:00+0100 (local)", "2024-05-14"},
		{"yesterday", ""},
		{"1200-01-01", ""},
	}
	for _, tt := range tests {
		got := parseDate(tt.in)
		s := ""
		if !got.IsZero() {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("parseDate(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

// TestLinearTime checks that a 20 MB page and markup nested 100,000 deep
// finish, and in time proportional to their size: the 20 MB page may
// take at most about 4 times (per byte) what a 5 MB page takes.
func TestLinearTime(t *testing.T) {
	gen := func(size int) []byte {
		var b bytes.Buffer
		b.WriteString("<html><head><title>Big</title></head><body><article>")
		for i := 0; b.Len() < size; i++ {
			b.WriteString("<p>Paragraph with some words in it about the river and the town, number ")
			b.WriteString(strings.Repeat("x", i%7))
			b.WriteString(".</p>\n")
			if i%50 == 0 {
				b.WriteString(`<div class="share"><a href="/s">Share</a></div>`)
			}
		}
		b.WriteString("</article></body></html>")
		return b.Bytes()
	}
	timeIt := func(p []byte) time.Duration {
		c0, t0 := cpuTime(), time.Now()
		if _, err := ParseBytes(p, ""); err != nil {
			t.Fatal(err)
		}
		if c := cpuTime() - c0; c > 0 {
			return c
		}
		return time.Since(t0)
	}
	small, big := timeIt(gen(5<<20)), timeIt(gen(20<<20))
	if big > 8*small+time.Second {
		t.Errorf("20 MB took %v, 5 MB took %v: not linear", big, small)
	}
	t.Logf("5 MB: %v, 20 MB: %v", small, big)

	deep := func(depth int) []byte {
		return []byte("<html><body>" + strings.Repeat("<div><span>", depth) + "deep text here" + strings.Repeat("</span></div>", depth) + "</body></html>")
	}
	a, err := ParseBytes(deep(100000), "")
	if err != nil || len(a.Paragraphs) != 1 || a.Paragraphs[0] != "deep text here" {
		t.Errorf("nested page: %q, %v", a.Paragraphs, err)
	}
	d1, d2 := timeIt(deep(25000)), timeIt(deep(100000))
	if d2 > 8*d1+time.Second {
		t.Errorf("nesting 100k took %v, 25k took %v: not linear", d2, d1)
	}
	t.Logf("nesting 25k: %v, 100k: %v", d1, d2)
}

func FuzzParseHTML(f *testing.F) {
	for _, name := range []string{"jsonld.html", "opengraph.html", "plain.html"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "html", name))
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":{"name":3}}]}</script>`))
	f.Add([]byte("<meta charset=\"utf-16\">\xff\xfe<p>x</p>"))
	f.Add([]byte("\xef\xbb\xbf<title>a | b | c</title><h1>a</h1><p>\xc3(</p>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseBytes(b, "https://example.com/a/b")
		if err != nil && a == nil {
			return
		}
		for _, s := range append(append([]string{a.Title, a.Section, a.Site, a.URL, a.Description, a.Image, a.Language}, a.Authors...), a.Paragraphs...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
		}
		for _, p := range a.Paragraphs {
			if p == "" || strings.TrimSpace(p) != p {
				t.Fatalf("unclean paragraph %q", p)
			}
		}
	})
}

// TestConcurrent parses the samples from several goroutines at once and
// checks every result matches the sequential one (run it with -race).
func TestConcurrent(t *testing.T) {
	names := []string{"jsonld.html", "opengraph.html", "plain.html"}
	want, raw := map[string]string{}, map[string][]byte{}
	for _, n := range names {
		raw[n] = readSample(t, n)
		a, err := ParseBytes(raw[n], "")
		if err != nil {
			t.Fatal(err)
		}
		want[n] = a.Title + "|" + strings.Join(a.Paragraphs, "\n")
	}
	errs := make(chan error, 12)
	for i := range 12 {
		go func() {
			n := names[i%len(names)]
			a, err := ParseBytes(raw[n], "")
			if err == nil && a.Title+"|"+strings.Join(a.Paragraphs, "\n") != want[n] {
				err = errors.New(n + ": result differs when parsed concurrently")
			}
			errs <- err
		}()
	}
	for range 12 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestTitleChoice checks which candidate becomes the title: not the site
// name, and the <h1> when the declared title wraps it in a kicker.
func TestTitleChoice(t *testing.T) {
	body := `<article><p>` + strings.Repeat("The coast road was closed for the night while crews cleared the fallen trees. ", 4) + `</p></article>`
	tests := []struct{ head, h1, want string }{
		{`<meta property="og:title" content="Weather: Storm Closes the Coast Road">`, "Storm Closes the Coast Road", "Storm Closes the Coast Road"},
		{`<meta property="og:title" content="Bay Courier"><meta property="og:site_name" content="Bay Courier"><title>Storm Closes the Coast Road | Bay Courier</title>`, "", "Storm Closes the Coast Road"},
		{`<title>Home</title>`, "Storm Closes the Coast Road", "Storm Closes the Coast Road"},
		{`<meta property="og:title" content="Storm Closes the Coast Road">`, "Bay Courier", "Storm Closes the Coast Road"},
	}
	for _, tt := range tests {
		h1 := ""
		if tt.h1 != "" {
			h1 = "<h1>" + tt.h1 + "</h1>"
		}
		a, err := ParseBytes([]byte("<html><head>"+tt.head+"</head><body>"+h1+body+"</body></html>"), "")
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != tt.want {
			t.Errorf("head %s, h1 %q: title %q, want %q", tt.head, tt.h1, a.Title, tt.want)
		}
	}
}
