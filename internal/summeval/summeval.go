// Package summeval loads the summarization evaluation sets (CNN/DailyMail
// and BBC News Summary JSONL) into Documents and references exactly as
// the evaluation contract of byline's summary task describes, so that
// the evaluate CLI and the weight tuner score the same thing.
package summeval

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/jsonl"
)

// A Pair is one article and its reference summary.
type Pair struct {
	ID     string
	Source string // "cnndm" or "bbc"
	Doc    *byline.Document
	// Reference is the reference summary's sentences, one per line, as
	// ROUGE-Lsum reads them.
	Reference string
}

type record struct {
	ID         string  `json:"id"`
	Article    string  `json:"article"`
	Highlights *string `json:"highlights"`
	Title      string  `json:"title"`
	Summary    *string `json:"summary"`
}

// Load reads a JSONL file of CNN/DM records (article, highlights) or BBC
// records (title, article, summary). limit > 0 keeps the first limit.
func Load(path string, limit int) ([]Pair, error) {
	var out []Pair
	err := jsonl.EachFile(path, limit, func(_ int, b []byte) error {
		var r record
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		p, err := pairOf(&r)
		if err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("summeval: %w", err)
	}
	return out, nil
}

func pairOf(r *record) (Pair, error) {
	switch {
	case r.Highlights != nil:
		// CNN/DM: the article is one line, "(CNN)" glued to its first
		// word; the highlights are the reference lines as stored.
		return Pair{ID: r.ID, Source: "cnndm", Doc: byline.NewTextDocument("", r.Article), Reference: *r.Highlights}, nil
	case r.Summary != nil:
		// BBC: the first line repeats the title; the body is the rest.
		body := ""
		if i := strings.IndexByte(r.Article, '\n'); i >= 0 {
			body = r.Article[i+1:]
		}
		return Pair{ID: r.ID, Source: "bbc", Doc: byline.NewTextDocument(r.Title, body), Reference: ResplitBBC(*r.Summary)}, nil
	}
	return Pair{}, fmt.Errorf("record %q has neither highlights nor summary", r.ID)
}

// ResplitBBC turns a BBC reference summary, whose sentences are glued
// with no space, into one sentence per line: first a space goes after
// every glued boundary, as the Python substitution
// (?<=[A-Za-z0-9][A-Za-z0-9%)"'”’])([.!?])(?=["“]?[A-Z]) → `\1 ` does
// (hand-coded: Go's regexp has no look-around), then byline's sentence
// splitter splits the text.
func ResplitBBC(s string) string {
	doc := byline.NewTextDocument("", Unglue(s))
	lines := make([]string, 0, len(doc.Sentences))
	for _, sent := range doc.Sentences {
		lines = append(lines, strings.Join(strings.Fields(sent.Of(doc.Body)), " "))
	}
	return strings.Join(lines, "\n")
}

// Unglue inserts a space after each '.', '!' or '?' that is preceded by a
// character of [A-Za-z0-9] then one of [A-Za-z0-9%)"'”’], and followed by
// an optional '"' or '“' and an ASCII upper-case letter. Matching is on
// the original text, code point by code point, as Python's re.sub does.
func Unglue(s string) string {
	rs := []rune(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	b.Grow(len(s) + 64)
	for i, r := range rs {
		b.WriteRune(r)
		if r != '.' && r != '!' && r != '?' || i < 2 {
			continue
		}
		if !alnum(rs[i-2]) || !(alnum(rs[i-1]) || strings.ContainsRune("%)\"'”’", rs[i-1])) {
			continue
		}
		j := i + 1
		if j < len(rs) && (rs[j] == '"' || rs[j] == '“') {
			j++
		}
		if j < len(rs) && rs[j] >= 'A' && rs[j] <= 'Z' {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func alnum(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}
