package view_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/view"
)

func analyze(t testing.TB, path string) (*byline.Document, *byline.Analysis) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	art, err := byline.Parse(string(data))
	if err != nil {
		t.Fatal(err)
	}
	doc := byline.NewDocument(art)
	a, err := byline.New().Analyze(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, a
}

func render(t testing.TB, doc *byline.Document, a *byline.Analysis, opts ...view.Option) (string, *html.Node) {
	t.Helper()
	var b bytes.Buffer
	if err := view.Render(&b, doc, a, opts...); err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), root
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, c string) bool {
	v, _ := attr(n, "class")
	return strings.Contains(" "+v+" ", " "+c+" ")
}

// atoi reads an entity mark's data-entity.
func atoi(t *testing.T, n *html.Node) int {
	t.Helper()
	v, _ := attr(n, "data-entity")
	i, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("data-entity=%q", v)
	}
	return i
}

func walk(n *html.Node, f func(*html.Node) bool) {
	if !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func find(root *html.Node, class string) *html.Node {
	var found *html.Node
	walk(root, func(n *html.Node) bool {
		if found == nil && n.Type == html.ElementNode && hasClass(n, class) {
			found = n
		}
		return found == nil
	})
	return found
}

// bodyText is the text of the view's article paragraphs, less what the
// view adds (type labels, tooltips, screen-reader words), one line per
// paragraph.
func bodyText(body *html.Node) string {
	var paras []string
	walk(body, func(n *html.Node) bool {
		if n.Type != html.ElementNode || n.Data != "p" {
			return true
		}
		var b strings.Builder
		walk(n, func(n *html.Node) bool {
			switch {
			case n.Type == html.ElementNode && (hasClass(n, "bv-lbl") || hasClass(n, "bv-tip") || hasClass(n, "bv-sr")):
				return false
			case n.Type == html.TextNode:
				b.WriteString(n.Data)
			}
			return true
		})
		paras = append(paras, b.String())
		return false
	})
	return strings.Join(paras, "\n")
}

// TestRenderMarks checks, on every sample article, that the view keeps
// the body's text exactly, marks each entity mention, quote and summary
// sentence once, and links speakers to the entity list.
func TestRenderMarks(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	files = append(files, filepath.Join("..", "testdata", "view", "markup-in-text.txt"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc, a := analyze(t, f)
			_, root := render(t, doc, a)
			body := find(root, "bv-body")
			if body == nil {
				t.Fatal("no bv-body")
			}
			var paras []string
			for _, p := range doc.Paragraphs {
				paras = append(paras, p.Of(doc.Body))
			}
			if got, want := bodyText(body), strings.Join(paras, "\n"); got != want {
				t.Errorf("body text differs:\n got %q\nwant %q", got, want)
			}
			ents, quotes, sums := 0, map[string]bool{}, 0
			ids := map[string]bool{}
			walk(root, func(n *html.Node) bool {
				if id, ok := attr(n, "id"); ok {
					ids[id] = true
				}
				return true
			})
			walk(body, func(n *html.Node) bool {
				if n.Type != html.ElementNode || hasClass(n, view.ClassContinued) {
					return true
				}
				switch {
				case hasClass(n, view.ClassEntity):
					ents++
					if _, named := attr(n, "aria-label"); named {
						t.Errorf("entity mark with an aria-label, which <mark> may not have")
					}
					e := a.Entities[atoi(t, n)]
					if lbl := find(n, "bv-sr"); lbl == nil || lbl.FirstChild == nil || !strings.Contains(lbl.FirstChild.Data, "(") {
						t.Errorf("entity mark for %s has no spoken type", e.Name)
					}
				case hasClass(n, view.ClassQuote):
					q, _ := attr(n, "data-quote")
					quotes[q] = true
					if d, _ := attr(n, "aria-describedby"); !ids[d] {
						t.Errorf("quote %s: aria-describedby %q names no element", q, d)
					}
				case hasClass(n, view.ClassSummary):
					sums++
				case n.Data == "a":
					if h, _ := attr(n, "href"); !ids[strings.TrimPrefix(h, "#")] {
						t.Errorf("link %q leads nowhere", h)
					}
				}
				return true
			})
			mentions := 0
			for _, e := range a.Entities {
				mentions += len(e.Mentions)
			}
			if ents != mentions {
				t.Errorf("%d entity marks, want %d", ents, mentions)
			}
			if len(quotes) != len(a.Quotes) {
				t.Errorf("%d quotes marked, want %d", len(quotes), len(a.Quotes))
			}
			if sums != len(a.Summary.Sentences) {
				t.Errorf("%d summary marks, want %d", sums, len(a.Summary.Sentences))
			}
		})
	}
}

// TestRenderEscapes proves that markup in an article is shown as text:
// the sample's <script>, onerror= and javascript: link come out as
// characters, and the page has no script, no event handler, no element
// the article brought.
func TestRenderEscapes(t *testing.T) {
	doc, a := analyze(t, filepath.Join("..", "testdata", "view", "markup-in-text.txt"))
	doc.Article.URL = "javascript:alert(1)"
	doc.Title = `<img src=x onerror=alert(1)> "title"`
	out, root := render(t, doc, a)
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.Data {
		case "script", "img", "iframe", "object", "embed", "link", "base", "form":
			t.Errorf("the view has a <%s> element", n.Data)
		}
		for _, at := range n.Attr {
			if strings.HasPrefix(at.Key, "on") {
				t.Errorf("<%s> has an event handler %s=%q", n.Data, at.Key, at.Val)
			}
			if (at.Key == "href" || at.Key == "src") && !strings.HasPrefix(at.Val, "#") {
				t.Errorf("<%s %s=%q> leads out of the page", n.Data, at.Key, at.Val)
			}
		}
		return true
	})
	if want := "<h1>&lt;img src=x onerror=alert(1)&gt; &#34;title&#34;</h1>"; !strings.Contains(out, want) {
		t.Errorf("output lacks %s", want)
	}
	// Parsed back, the article's markup is text, not elements: had any of
	// it gone out unescaped, the parser would have built the element and
	// the walk above would have failed. (The escaped source is not
	// compared as a string: a mark may start or end inside it.)
	text := bodyText(find(root, "bv-body"))
	for _, want := range []string{
		`<script>window.__bylineXSS = 1</script>`,
		`<img src=x onerror="window.__bylineXSS=2">`,
		`<a href="javascript:alert(1)">read more</a>`,
		`data desk & she`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the view's text lacks %s", want)
		}
	}
}

func TestRenderOptions(t *testing.T) {
	doc, a := analyze(t, filepath.Join("..", "testdata", "articles", "01-harbour-vote.txt"))
	for _, tc := range []struct {
		name      string
		opts      []view.Option
		page      bool
		withStyle bool
	}{
		{"page", nil, true, true},
		{"fragment", []view.Option{view.Fragment()}, false, true},
		{"bare fragment", []view.Option{view.Fragment(), view.WithoutStyle()}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _ := render(t, doc, a, tc.opts...)
			if got := strings.HasPrefix(out, "<!doctype html>"); got != tc.page {
				t.Errorf("whole page: %v, want %v", got, tc.page)
			}
			if got := strings.Contains(out, "<style>"); got != tc.withStyle {
				t.Errorf("stylesheet: %v, want %v", got, tc.withStyle)
			}
			for _, bad := range []string{"http://", "https://", "url(", "@import", "<script"} {
				if strings.Contains(strings.ReplaceAll(out, "https://tunnel.goteborg.example/costs", ""), bad) {
					t.Errorf("output refers outside itself: %s", bad)
				}
			}
		})
	}
}

// TestRenderBadSpans gives Render spans that do not fit the body, as an
// Analysis decoded from someone's JSON may have: nothing panics and the
// text survives.
func TestRenderBadSpans(t *testing.T) {
	doc := byline.NewTextDocument("Tïtle", "Zoë said “yes” to Ana.\n\nSecond paragraph.")
	for _, tc := range []struct {
		name string
		a    *byline.Analysis
	}{
		{"nil analysis", nil},
		{"empty", &byline.Analysis{}},
		{"out of range", &byline.Analysis{
			Entities: []byline.Entity{{Name: "X", Type: "PER", Mentions: []byline.Mention{{Span: byline.Span{Start: -3, End: 2}}, {Span: byline.Span{Start: 40, End: 4000}}}}},
			Quotes:   []byline.Quote{{Parts: []byline.Span{{Start: 5, End: 2}}, SpeakerSpan: byline.Span{Start: -1, End: -1}, Entity: 9}},
			Summary:  &byline.Summary{Sentences: []byline.SummarySentence{{Span: byline.Span{Start: 0, End: 99999}}}},
		}},
		{"inside a character", &byline.Analysis{
			Entities: []byline.Entity{{Name: "Zoë", Type: "NEW", Mentions: []byline.Mention{{Span: byline.Span{Start: 0, End: 3}}}}},
		}},
		{"crossing marks", &byline.Analysis{
			Entities: []byline.Entity{{Name: "Ana", Type: "PER", Mentions: []byline.Mention{{Span: byline.Span{Start: 10, End: 30}}, {Span: byline.Span{Start: 12, End: 14}}}}},
			Quotes:   []byline.Quote{{Parts: []byline.Span{{Start: 9, End: 40}}, SpeakerSpan: byline.Span{Start: 0, End: 4}, Entity: 0}},
			Summary:  &byline.Summary{Sentences: []byline.SummarySentence{{Span: byline.Span{Start: 0, End: 20}}}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, root := render(t, doc, tc.a)
			if got := bodyText(find(root, "bv-body")); got != "Zoë said “yes” to Ana.\nSecond paragraph." {
				t.Errorf("text %q", got)
			}
		})
	}
	if _, root := render(t, nil, nil); find(root, "byline-view") == nil {
		t.Error("nil document: no view")
	}
}

func FuzzRender(f *testing.F) {
	f.Add("A “quote,” she said. Ana Lima\n\nnext", 0, 5, 3, 9, 1, 30)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2, s3, e3 int) {
		doc := byline.NewTextDocument("", text)
		a := &byline.Analysis{
			Entities: []byline.Entity{{Name: "e", Type: "ORG", Mentions: []byline.Mention{{Span: byline.Span{Start: s1, End: e1}}}}},
			Quotes:   []byline.Quote{{Parts: []byline.Span{{Start: s2, End: e2}}, SpeakerSpan: byline.Span{Start: s3, End: e3}, Entity: 0}},
			Summary:  &byline.Summary{Sentences: []byline.SummarySentence{{Span: byline.Span{Start: s3, End: e2}}}},
		}
		var b bytes.Buffer
		if err := view.Render(&b, doc, a, view.Fragment()); err != nil {
			t.Fatal(err)
		}
		root, err := html.Parse(&b)
		if err != nil {
			t.Fatal(err)
		}
		var paras []string
		for _, p := range doc.Paragraphs {
			paras = append(paras, p.Of(doc.Body))
		}
		// What an HTML parser reads back: NUL as U+FFFD (see text), and
		// line ends normalized to \n.
		want := strings.NewReplacer("\x00", "\uFFFD", "\r\n", "\n", "\r", "\n").Replace(strings.Join(paras, "\n"))
		if got := bodyText(find(root, "bv-body")); got != want {
			t.Errorf("text %q, want %q", got, want)
		}
	})
}

// TestRenderFromJSON renders an analysis read back from analyze's JSON, as
// the package documentation says to: the same page as from the original.
func TestRenderFromJSON(t *testing.T) {
	doc, a := analyze(t, filepath.Join("..", "testdata", "articles", "06-buenos-aires-peso-bonds.txt"))
	b, err := json.Marshal(map[string]any{"article": doc.Article, "analysis": a})
	if err != nil {
		t.Fatal(err)
	}
	var saved struct {
		Article  *byline.Article
		Analysis *byline.Analysis
	}
	if err := json.Unmarshal(b, &saved); err != nil {
		t.Fatal(err)
	}
	want, _ := render(t, doc, a)
	got, _ := render(t, byline.NewDocument(saved.Article), saved.Analysis)
	if got != want {
		t.Error("the view from JSON differs from the view of the analysis itself")
	}
}
