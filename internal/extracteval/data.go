package extracteval

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Format names a benchmark folder layout.
type Format string

// The two layouts of ../shared/data/extraction.
const (
	AEB         Format = "aeb"         // ground-truth.json, html/<id>.html.gz, page-text/<id>.txt
	Trafilatura Format = "trafilatura" // evaldata.json, html/<file>.gz
)

// Detect tells a folder's layout from the files it holds.
func Detect(dir string) (Format, error) {
	if isFile(filepath.Join(dir, "ground-truth.json")) {
		return AEB, nil
	}
	if isFile(filepath.Join(dir, "evaldata.json")) {
		return Trafilatura, nil
	}
	return "", fmt.Errorf("extracteval: %s holds neither ground-truth.json nor evaldata.json", dir)
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// A Page is one benchmark page and its gold.
type Page struct {
	ID  string // the gold key: the SHA-256 name (aeb) or the evaldata key (trafilatura)
	URL string // the page's URL when the gold gives one

	// aeb gold
	Body string // articleBody

	// trafilatura gold
	File            string   // the page's file name inside html/, without .gz
	With, Without   []string // must-contain and must-not-contain snippets
	Title, Author   string   // metadata gold; empty when absent
	Date            string   // YYYY-MM-DD; empty when absent
	Categories      []string
	Description     string
	Sitename        string
	CommentSnippets []string // not scored (upstream ignores them too)

	dir    string
	format Format
}

// Load reads the gold of a benchmark folder in either layout, pages in
// key order so that runs and -limit are deterministic.
func Load(dir string) (Format, []Page, error) {
	f, err := Detect(dir)
	if err != nil {
		return "", nil, err
	}
	var pages []Page
	switch f {
	case AEB:
		var gold map[string]struct {
			ArticleBody string `json:"articleBody"`
			URL         string `json:"url"`
		}
		if err := readJSON(filepath.Join(dir, "ground-truth.json"), &gold); err != nil {
			return "", nil, err
		}
		for id, g := range gold {
			pages = append(pages, Page{ID: id, URL: g.URL, Body: g.ArticleBody, dir: dir, format: f})
		}
	case Trafilatura:
		var gold map[string]struct {
			File        string       `json:"file"`
			With        []string     `json:"with"`
			Without     []string     `json:"without"`
			Comments    []string     `json:"comments"`
			Title       string       `json:"title"`
			Author      stringOrList `json:"author"`
			Date        string       `json:"date"`
			Categories  []string     `json:"categories"`
			Description string       `json:"description"`
			Sitename    string       `json:"sitename"`
		}
		if err := readJSON(filepath.Join(dir, "evaldata.json"), &gold); err != nil {
			return "", nil, err
		}
		for id, g := range gold {
			p := Page{ID: id, File: g.File, With: g.With, Without: g.Without, CommentSnippets: g.Comments,
				Title: g.Title, Author: string(g.Author), Date: g.Date, Categories: g.Categories,
				Description: g.Description, Sitename: g.Sitename, dir: dir, format: f}
			if len(id) > 4 && (id[:4] == "http") {
				p.URL = id
			}
			pages = append(pages, p)
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return f, pages, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("extracteval: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("extracteval: %s: %w", path, err)
	}
	return nil
}

// ErrNoText is returned by Page.Text for a page whose text is empty.
var ErrNoText = errors.New("extracteval: the page has no text")

// Text returns the page's scraped-text dump: page-text/<id>.txt in the
// aeb layout; in the trafilatura layout, which has none, the page's HTML
// rendered as such a dump by PageText.
func (p Page) Text() (string, error) {
	if p.format == Trafilatura {
		raw, err := p.HTML()
		if err != nil {
			return "", err
		}
		t := PageText(raw)
		if strings.TrimSpace(t) == "" {
			return "", fmt.Errorf("%w: %s", ErrNoText, p.ID)
		}
		return t, nil
	}
	b, err := os.ReadFile(filepath.Join(p.dir, "page-text", p.ID+".txt"))
	if err != nil {
		return "", fmt.Errorf("extracteval: %w", err)
	}
	return string(b), nil
}

// HTML returns the page's raw bytes, gunzipped but not decoded: the
// charset is the extractor's business, as it is a browser's.
func (p Page) HTML() ([]byte, error) {
	name := p.ID + ".html.gz"
	if p.format == Trafilatura {
		name = p.File + ".gz"
	}
	f, err := os.Open(filepath.Join(p.dir, "html", name))
	if err != nil {
		return nil, fmt.Errorf("extracteval: %w", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("extracteval: %s: %w", name, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		return nil, fmt.Errorf("extracteval: %s: %w", name, err)
	}
	return b, nil
}

// stringOrList reads a JSON string or a list of strings (one evaldata
// entry lists its authors), the list joined by ", ".
type stringOrList string

func (s *stringOrList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = stringOrList(one)
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*s = stringOrList(strings.Join(many, ", "))
	return nil
}
