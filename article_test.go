package byline_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/byline-nlp/byline"
)

func mustParse(t *testing.T, text string) *byline.Article {
	t.Helper()
	a, err := byline.Parse(text)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return a
}

const body3 = `The council of Portvale voted on Tuesday to rebuild the old harbour wall before the winter storms arrive.

“We cannot wait another year,” said Mayor Elena Sorensen, who has pushed for the repairs since 2021.

The work will cost about €14m and should be finished by March, according to the city's engineers.`

func TestParseTitleLine(t *testing.T) {
	tests := []struct {
		name, first                string
		title, section, site       string
		repeatHeadline, siteFirstt bool
	}{
		{"pipes", "Harbour wall to be rebuilt | Local | Portvale Post", "Harbour wall to be rebuilt", "Local", "Portvale Post", true, false},
		{"dash", "Harbour wall to be rebuilt - Portvale Post", "Harbour wall to be rebuilt", "", "Portvale Post", true, false},
		{"en dash no repeat", "Harbour wall to be rebuilt after decades of storms – Portvale Post", "Harbour wall to be rebuilt after decades of storms", "", "Portvale Post", false, false},
		{"em dash", "Harbour wall to be rebuilt — Local — Portvale Post", "Harbour wall to be rebuilt", "Local", "Portvale Post", true, false},
		{"guillemet", "Harbour wall to be rebuilt » Portvale Post", "Harbour wall to be rebuilt", "", "Portvale Post", true, false},
		{"colon", "Portvale Post : Harbour wall to be rebuilt", "Harbour wall to be rebuilt", "", "Portvale Post", true, true},
		{"site first", "Portvale Post | Harbour wall to be rebuilt", "Harbour wall to be rebuilt", "", "Portvale Post", true, true},
		{"headline only", "Harbour wall to be rebuilt", "Harbour wall to be rebuilt", "", "", true, false},
		{"headline with inner dash", "Storms - and money - decide the harbour's fate | Portvale Post", "Storms - and money - decide the harbour's fate", "", "Portvale Post", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.first + "\n\n"
			if tt.repeatHeadline {
				text += tt.title + "\n\n"
			}
			a := mustParse(t, text+body3)
			if a.Title != tt.title || a.Section != tt.section || a.Site != tt.site {
				t.Errorf("got title %q section %q site %q, want %q %q %q", a.Title, a.Section, a.Site, tt.title, tt.section, tt.site)
			}
			if len(a.Paragraphs) != 3 || !strings.HasPrefix(a.Paragraphs[0], "The council of Portvale") {
				t.Errorf("paragraphs = %q", a.Paragraphs)
			}
		})
	}
}

func TestParseBoilerplate(t *testing.T) {
	page := `Harbour wall to be rebuilt | Local | Portvale Post

Harbour wall to be rebuilt

Harbour wall to be rebuilt

By Ines Marlow and Tomas Berg, Reuters

March 4, 2025 at 9:30 pm

` + body3 + `

Share this article

Follow us on Facebook

Sign up for our morning newsletter

12 comments

Related posts

Ferry timetable changes for the spring season

New footbridge opens over the Vale river

This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish. Accept Read More`
	a := mustParse(t, page)
	if want := []string{"Ines Marlow", "Tomas Berg"}; !reflect.DeepEqual(a.Authors, want) {
		t.Errorf("authors = %q, want %q", a.Authors, want)
	}
	if want := time.Date(2025, 3, 4, 21, 30, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("published = %v, want %v", a.Published, want)
	}
	if len(a.Paragraphs) != 3 {
		t.Errorf("paragraphs = %q", a.Paragraphs)
	}
	for _, p := range a.Paragraphs {
		if strings.Contains(p, "cookies") || strings.Contains(p, "newsletter") || strings.Contains(p, "Ferry") {
			t.Errorf("boilerplate kept in body: %q", p)
		}
	}
	want := []byline.Link{{Title: "Ferry timetable changes for the spring season"}, {Title: "New footbridge opens over the Vale river"}}
	if !reflect.DeepEqual(a.Related, want) {
		t.Errorf("related = %+v, want %+v", a.Related, want)
	}
}

func TestParseDates(t *testing.T) {
	tests := []struct {
		line string
		want time.Time
	}{
		{"Published August 13, 2025", time.Date(2025, 8, 13, 0, 0, 0, 0, time.UTC)},
		{"13 August 2025 at 10:15", time.Date(2025, 8, 13, 10, 15, 0, 0, time.UTC)},
		{"Updated: 2025-08-13", time.Date(2025, 8, 13, 0, 0, 0, 0, time.UTC)},
		{"Nov. 18, 2019 at 9:24 am ET", time.Date(2019, 11, 18, 9, 24, 0, 0, time.UTC)},
		{"Feb 30, 2025", time.Time{}},
	}
	for _, tt := range tests {
		a := mustParse(t, "A headline for the dates\n\n"+tt.line+"\n\n"+body3)
		if !a.Published.Equal(tt.want) {
			t.Errorf("%q: published %v, want %v", tt.line, a.Published, tt.want)
		}
	}
}

func TestParseEmptyAndInvalid(t *testing.T) {
	for _, in := range []string{"", " ", "\n\n\t\n", "\u200b"} {
		if _, err := byline.Parse(in); !errors.Is(err, byline.ErrEmpty) {
			t.Errorf("Parse(%q) error = %v, want ErrEmpty", in, err)
		}
	}
	a := mustParse(t, "Bad \xff headline\n\nCaf\xe9 owners met the mayor on Monday to talk about the new rules for terraces.")
	if !strings.Contains(a.Title, "\uFFFD") || !utf8.ValidString(strings.Join(a.Paragraphs, "")) {
		t.Errorf("invalid UTF-8 not repaired: %q %q", a.Title, a.Paragraphs)
	}
}

// TestParseRealPage checks Parse on the real scraped page in the shared
// data, the input shape it must master (not copied into this repository).
func TestParseRealPage(t *testing.T) {
	data, err := os.ReadFile(sharedData(t, "articles/scraped-page-example.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a := mustParse(t, string(data))
	if a.Section != "World" || a.Site != "london-news-net.preview-domain.com" || !strings.HasPrefix(a.Title, "Europeans Call on Trump") {
		t.Errorf("title %q section %q site %q", a.Title, a.Section, a.Site)
	}
	if len(a.Related) != 3 {
		t.Errorf("related = %+v", a.Related)
	}
	if n := len(a.Paragraphs); n != 24 {
		t.Errorf("%d paragraphs", n)
	}
	for _, p := range a.Paragraphs {
		if p == a.Title || strings.Contains(p, "cookies") || strings.Contains(p, "Related posts") {
			t.Errorf("boilerplate in body: %q", p)
		}
	}
}

// TestParseGolden compares Parse with the hand-written expected parse of
// each sample article in testdata/articles.
func TestParseGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "articles", "*.txt"))
	if len(files) == 0 {
		t.Skip("no sample articles")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			golden, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".golden.json")
			if err != nil {
				t.Fatal(err)
			}
			var want byline.Article
			if err := json.Unmarshal(golden, &want); err != nil {
				t.Fatal(err)
			}
			got := mustParse(t, string(data))
			if got.Title != want.Title || got.Section != want.Section || got.Site != want.Site {
				t.Errorf("title %q section %q site %q, want %q %q %q", got.Title, got.Section, got.Site, want.Title, want.Section, want.Site)
			}
			if !reflect.DeepEqual(got.Authors, want.Authors) {
				t.Errorf("authors %q, want %q", got.Authors, want.Authors)
			}
			if !got.Published.Equal(want.Published) {
				t.Errorf("published %v, want %v", got.Published, want.Published)
			}
			if !reflect.DeepEqual(got.Paragraphs, want.Paragraphs) {
				t.Errorf("paragraphs differ:\n got %d: %q\nwant %d: %q", len(got.Paragraphs), got.Paragraphs, len(want.Paragraphs), want.Paragraphs)
			}
			if !reflect.DeepEqual(got.Related, want.Related) {
				t.Errorf("related %+v, want %+v", got.Related, want.Related)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add("Headline | Section | Site\n\nHeadline\n\nBody text goes here, long enough to count as prose.\n\nRelated posts\n\nOther story")
	f.Add("By Jane Doe\nMarch 4, 2025\n\x00\xff")
	f.Add("\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := byline.Parse(s)
		if err != nil {
			if !errors.Is(err, byline.ErrEmpty) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, p := range append(a.Paragraphs, a.Title, a.Section, a.Site) {
			if !utf8.ValidString(p) {
				t.Fatalf("invalid UTF-8 out: %q", p)
			}
		}
		checkDocument(t, byline.NewDocument(a))
	})
}

// BenchmarkParse measures Parse on the long sample article.
func BenchmarkParse(b *testing.B) {
	text := longText(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := byline.Parse(text); err != nil {
			b.Fatal(err)
		}
	}
}
