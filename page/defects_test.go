package page

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// filler is original prose that makes a page long enough for the engine
// to take its article for one.
var filler = []string{
	"The harbour board met on Tuesday evening to decide the fate of the old grain store, which has stood empty since the mill closed eleven years ago.",
	"Members heard from the architects, from the fishing cooperative and from two dozen residents who had come with drawings of their own.",
	"After three hours the board voted to open the ground floor as a covered market and to let the upper rooms to artists at a modest rent.",
	"Work on the roof will begin in the spring, and the first stalls are expected to open before the summer festival brings visitors to the quay.",
}

// samplePage wraps head tags and article markup in a page with the
// filler paragraphs after the given body.
func samplePage(head, body string) []byte {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head>" + head + "</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><main><article>")
	b.WriteString(body)
	for _, p := range filler {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString("</article></main><footer>Harbour Gazette, 1 Quay Street</footer></body></html>")
	return []byte(b.String())
}

func parseSample(t *testing.T, head, body string) (string, []string) {
	t.Helper()
	a, err := ParseBytes(samplePage(head, body), "https://gazette.example/2025/03/grain-store")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(a.Paragraphs, "\n"), a.Paragraphs
}

// TestInlineSpacing checks that text around inline elements keeps the
// spaces the page has, and gains none where the page has none.
func TestInlineSpacing(t *testing.T) {
	body, _ := parseSample(t, "<title>Grain store to become a market</title>",
		// Text straight inside a container, not in a <p>, is where the
		// engine trims the spaces around inline elements.
		`<div class="story"><h2>The rent</h2><a href="/img"><img src="/a.jpg"></a>The stalls will cost less than any in the county. What every stallholder <strong>will</strong> appreciate is the rent, said <a href="/people/ana">Ana Pires</a>, who chairs the <em>cooperative</em> and sells bread on Saturdays.`+
			`<br>The plan cuts the store's CO<sub>2</sub> output, and the <b>1</b><sup>st</sup> phase costs less than the <a href="/budget">budget</a>, the board said on Tuesday.</div>`)
	for _, want := range []string{"every stallholder will appreciate is", "said Ana Pires, who chairs the cooperative", "CO2 output", "1st phase", "the budget, the board"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
}

// TestListParagraphs checks that a list item wrapping a paragraph comes
// out once.
func TestListParagraphs(t *testing.T) {
	_, ps := parseSample(t, "<title>Grain store to become a market</title>",
		`<p>The board listed what the market will need before it opens to the public next year:</p>`+
			`<ul><li><p>A new roof over the whole of the ground floor and the loading bay.</p></li>`+
			`<li><p>Running water and drains for the fish and vegetable stalls.</p></li></ul>`)
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p] {
			t.Errorf("paragraph twice: %q", p)
		}
		seen[p] = true
	}
}

// TestHeadlineSeparators checks that a declared headline keeps the
// dashes and colons inside it, that only the site's name comes off, and
// that a description is never the headline.
func TestHeadlineSeparators(t *testing.T) {
	ld := func(obj string) string { return `<script type="application/ld+json">` + obj + `</script>` }
	tests := []struct{ name, head, body, want string }{
		{"og title with a dash", `<meta property="og:title" content="Grain store – a market at last"><title>Grain store – a market at last | Harbour Gazette</title>`,
			"", "Grain store – a market at last"},
		{"headline with an em dash", ld(`{"@type":"NewsArticle","headline":"Grain store — the vote, the rent and the roof"}`) + `<title>Grain store — the vote, the rent and the roof - Harbour Gazette</title><meta property="og:site_name" content="Harbour Gazette">`,
			"", "Grain store — the vote, the rent and the roof"},
		{"site name cut", `<meta property="og:title" content="Grain store to become a market - Harbour Gazette"><meta property="og:site_name" content="Harbour Gazette">`,
			"", "Grain store to become a market"},
		{"description is no headline", ld(`{"@type":"NewsArticle","name":"The harbour board voted on Tuesday to turn the empty grain store into a covered market.","description":"The harbour board voted on Tuesday to turn the empty grain store into a covered market."}`) + `<title>Harbour Gazette</title><meta property="og:site_name" content="Harbour Gazette">`,
			"<h1>Grain store to become a market</h1>", "Grain store to become a market"},
		{"the visible headline", `<meta property="og:title" content="Grain store plan: what it means for you"><title>Grain store plan: what it means for you | Harbour Gazette</title>`,
			"<h1>Board turns the grain store into a market</h1>", "Board turns the grain store into a market"},
	}
	for _, tt := range tests {
		a, err := ParseBytes(samplePage(tt.head, tt.body), "https://gazette.example/2025/03/grain-store")
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != tt.want {
			t.Errorf("%s: title %q, want %q", tt.name, a.Title, tt.want)
		}
	}
}

// TestDeclaredDateWins checks that the date the page declares for the
// article is kept over a different day found elsewhere on the page.
func TestDeclaredDateWins(t *testing.T) {
	head := `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Grain store to become a market","datePublished":"2025-03-04T09:30:00+01:00"}</script>` +
		`<meta property="article:published_time" content="2025-03-04T09:30:00+01:00">`
	body := `<p class="dateline">Tuesday 4 March 2025</p><p>Last updated <time datetime="2025-02-20">20 February 2025</time></p><aside class="related"><ul><li><a href="/2025/02/quay">Quay repairs begin</a> <time datetime="2025-02-20T08:00:00+01:00">20 February 2025</time></li>` +
		`<li><a href="/2025/01/ferry">Ferry timetable changes</a> <time datetime="2025-01-11">11 January 2025</time></li></ul></aside>`
	a, err := ParseBytes(samplePage(head, body), "https://gazette.example/2025/02/20/grain-store")
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Published.Format("2006-01-02 15:04"); got != "2025-03-04 09:30" {
		t.Errorf("published %s, want the declared 2025-03-04 09:30", got)
	}
}

func TestChooseDate(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.RFC3339, s); return d }
	tests := []struct{ declared, found, want string }{
		{"2025-03-04T09:30:00+01:00", "2025-02-20T00:00:00Z", "2025-03-04T09:30:00+01:00"}, // earlier: another story's
		{"2025-03-04T09:30:00+01:00", "2025-06-01T00:00:00Z", "2025-03-04T09:30:00+01:00"}, // months later: not a revision
		{"2025-03-04T23:30:00Z", "2025-03-05T00:00:00Z", "2025-03-05T00:00:00Z"},           // the local day
		{"0001-01-01T00:00:00Z", "2025-03-05T00:00:00Z", "2025-03-05T00:00:00Z"},
		{"2025-03-04T09:30:00+01:00", "0001-01-01T00:00:00Z", "2025-03-04T09:30:00+01:00"},
	}
	for _, tt := range tests {
		if got := chooseDate(day(tt.declared), day(tt.found)); !got.Equal(day(tt.want)) {
			t.Errorf("chooseDate(%s, %s) = %s, want %s", tt.declared, tt.found, got, tt.want)
		}
	}
}

// TestAuthorCleanup checks the author slot against what pages put there
// besides names.
func TestAuthorCleanup(t *testing.T) {
	tests := []struct {
		name, head, body string
		want             []string
	}{
		{"login label", "", `<div class="author-box"><span class="author">Username</span></div><p>By Ana Pires</p>`, []string{"Ana Pires"}},
		{"month glued on", "", `<div class="author-name">Nathan Oduya March 4, 2025</div>`, []string{"Nathan Oduya"}},
		{"photo credit", "", `<figure itemscope itemtype="https://schema.org/ImageObject"><img src="/q.jpg"><figcaption><span itemprop="creator">Lena Marsh/Harbour Photos</span></figcaption></figure>` +
			`<p class="byline">By Tomas Reyes</p>`, []string{"Tomas Reyes"}},
		{"family name first", `<meta name="citation_author" content="Kooman, F">`, "", []string{"Kooman, F"}},
		{"byline in italics", "", `<p><i>von Anna Weber</i></p>`, []string{"Anna Weber"}},
		{"label with a colon", "", `<p><b>Redaktion:</b> Jonas Kerr</p>`, []string{"Jonas Kerr"}},
		{"date and name", "", `<div class="meta"><small>04.02.2025 | 13:10 Uhr | Lena Marsh</small></div>`, []string{"Lena Marsh"}},
		{"by in a sentence", "", `<p>The drill was a joint exercise by South Korea and the United States, held off the coast for the third year running.</p>`, nil},
		{"publisher as author", `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Grain store to become a market","author":{"@type":"Organization","name":"Harbour Gazette"},"publisher":{"@type":"Organization","name":"Harbour Gazette"}}</script>`,
			`<span class="author">Mira Holt</span>`, []string{"Mira Holt"}},
	}
	for _, tt := range tests {
		a, err := ParseBytes(samplePage(tt.head, tt.body), "https://gazette.example/news/grain-store")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Authors, tt.want) {
			t.Errorf("%s: authors %q, want %q", tt.name, a.Authors, tt.want)
		}
	}
}

// TestLanguage checks that the declared language is kept and that an
// undeclared one is detected from the body.
func TestLanguage(t *testing.T) {
	a, err := ParseBytes(samplePage("<title>Grain store to become a market</title>", ""), "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Language != "en" {
		t.Errorf("undeclared English page: language %q", a.Language)
	}
	de := `<!doctype html><html lang="de-DE"><head><title>Markthalle</title></head><body><article>` +
		`<p>Der Hafenrat hat am Dienstagabend beschlossen, den alten Getreidespeicher in eine Markthalle umzubauen, die im Sommer öffnen soll.</p>` +
		`<p>Die Arbeiten am Dach sollen im Frühjahr beginnen, und die ersten Stände sollen vor dem Sommerfest am Kai öffnen.</p></article></body></html>`
	if a, err = ParseBytes([]byte(de), ""); err != nil || a.Language != "de-DE" {
		t.Errorf("declared German page: language %q (%v)", a.Language, err)
	}
}

// TestBoilerplateLines checks that prompts, appeals, players, galleries
// and more-reading lists inside the article do not reach the body.
func TestBoilerplateLines(t *testing.T) {
	body, _ := parseSample(t, "<title>Grain store to become a market</title>",
		`<p><strong>PORTHAVEN –</strong>The harbour board has a plan for the grain store at last, after eleven years of empty windows on the quay.</p>`+
			`<p>Video player is loading.</p><p>Image 1 of 12</p>`+
			`<p>If you are already a subscriber, log in for full access to every story.</p>`+
			`<p>Unterstützen Sie unabhängigen Lokaljournalismus mit einer Spende.</p>`+
			`<p>Hazte miembro y disfruta de beneficios exclusivos.</p>`+
			`<p>Share your thoughts and debate the big issues in the comments below.</p>`+
			`<p>This post contains affiliate links.</p>`+
			`<h3>Schon gelesen?</h3><p>Quay repairs begin in April</p><p>Ferry timetable changes for summer</p>`)
	for _, bad := range []string{"Video player", "Image 1 of 12", "subscriber", "Unterstützen", "Hazte", "Share your thoughts", "affiliate", "Schon gelesen", "Quay repairs", "Ferry timetable"} {
		if strings.Contains(body, bad) {
			t.Errorf("body keeps %q:\n%s", bad, body)
		}
	}
	if !strings.Contains(body, "PORTHAVEN – The harbour board") {
		t.Errorf("dateline glued to the story:\n%s", body)
	}
}

// TestLeadMeta checks that byline and date lines above the story leave
// the body for Authors and Published.
func TestLeadMeta(t *testing.T) {
	body, _ := parseSample(t, `<title>Grain store to become a market</title><meta name="author" content="Mira Holt">`,
		`<p>By Mira Holt</p><p>MARCH 4, 2025 10:43</p>`)
	for _, bad := range []string{"By Mira Holt", "MARCH 4, 2025"} {
		if strings.Contains(body, bad) {
			t.Errorf("body keeps %q:\n%s", bad, body)
		}
	}
	tests := []struct {
		line string
		meta bool
	}{
		{"NOVEMBER 20, 2019 10:43", true}, {"20.11.2019", true}, {"5:45 AM PST 11/19/2019", true},
		{"Mira Holt", true}, {"By Mira Holt, Harbour Gazette", true},
		{"Mira Holt said the board would meet again in May.", false}, {"In 2019 the mill closed.", false},
	}
	for _, tt := range tests {
		if got := len(dropLeadMeta([]string{tt.line}, []string{"Mira Holt"})) == 0; got != tt.meta {
			t.Errorf("%q: dropped %v, want %v", tt.line, got, tt.meta)
		}
	}
}

func TestLocalMidnight(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022-11-06T23:00:00.000Z", "2022-11-07"}, // stored as midnight in UTC+1
		{"2022-06-05T22:00:00Z", "2022-06-06"},     // UTC+2
		{"2022-11-06T23:15:00Z", "2022-11-06"},     // a real time
		{"2022-11-06T09:00:00Z", "2022-11-06"},
		{"2022-11-06T23:00:00+01:00", "2022-11-06"}, // a zone given
	}
	for _, tt := range tests {
		if got := parseDate(tt.in).Format("2006-01-02"); got != tt.want {
			t.Errorf("parseDate(%s) day %s, want %s", tt.in, got, tt.want)
		}
	}
}
