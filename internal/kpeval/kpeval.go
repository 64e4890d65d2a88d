// Package kpeval is the key-phrase evaluation of byline: it loads
// 500N-KPCrowd-style JSONL, scores ranked phrase lists by the data
// README's exact-match protocol on NLTK Porter stems, and computes the
// README's three baselines (most frequent candidate n-grams, TF-IDF,
// first occurrence) over one shared candidate set, so that the evaluate
// CLI and the weight tuner measure the same thing.
package kpeval

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/byline-nlp/byline/internal/jsonl"
	"github.com/byline-nlp/byline/internal/lexicon"
)

// A Doc is one article with its gold phrases.
type Doc struct {
	ID    string
	Title string // the headline: the text's first line
	Body  string // the text after the headline line
	Text  string // the whole text as stored (headline line included)
	Gold  []string
}

type record struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Text       string   `json:"text"`
	Keyphrases []string `json:"keyphrases"`
}

// Load reads a JSONL file of {"id","title","text","keyphrases"}. limit
// > 0 keeps the first limit articles.
func Load(path string, limit int) ([]Doc, error) {
	var out []Doc
	err := jsonl.EachFile(path, limit, func(_ int, b []byte) error {
		var r record
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		if r.ID == "" {
			return errors.New("no id")
		}
		d := Doc{ID: r.ID, Text: r.Text, Gold: r.Keyphrases}
		// The first line is the headline; one article is nothing else.
		title, body, ok := strings.Cut(r.Text, "\n")
		if !ok {
			title, body = r.Title, r.Text
		}
		d.Title, d.Body = strings.TrimSpace(title), body
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("kpeval: %w", err)
	}
	return out, nil
}

// Norm is the protocol's phrase identity: lower-cased, split into
// [a-z0-9]+ tokens (anything else separates), each NLTK-Porter stemmed,
// joined by spaces. An empty result means the phrase is dropped.
func Norm(phrase string) string { return lexicon.Key(strings.ToLower(phrase)) }

func isAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// GoldSet is the protocol's G: the normalized gold phrases, without
// duplicates or empties.
func GoldSet(gold []string) map[string]bool {
	g := map[string]bool{}
	for _, p := range gold {
		if n := Norm(p); n != "" {
			g[n] = true
		}
	}
	return g
}

// Score is one document's precision, recall and F1 at k, as fractions.
type Score struct{ P, R, F float64 }

// ScoreAt scores a ranked list against a gold set: normalize, drop
// empties, remove duplicates keeping the first, keep the first k, then
// P = hits/|T|, R = hits/|G| and F1 (all 0 when T is empty).
func ScoreAt(ranked []string, gold map[string]bool, k int) Score {
	seen := map[string]bool{}
	hits, t := 0, 0
	for _, p := range ranked {
		if t == k {
			break
		}
		n := Norm(p)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		t++
		if gold[n] {
			hits++
		}
	}
	if t == 0 || len(gold) == 0 {
		return Score{}
	}
	p := float64(hits) / float64(t)
	r := float64(hits) / float64(len(gold))
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return Score{p, r, f}
}

// Mean accumulates per-document scores into macro averages.
type Mean struct {
	n          int
	p, r, f    float64
	f5         float64
	p5, r5     float64
	perDocF10s []float64
}

// Add adds one document's lists scored at 5 and at k.
func (m *Mean) Add(at5, atK Score) {
	m.n++
	m.p5, m.r5, m.f5 = m.p5+at5.P, m.r5+at5.R, m.f5+at5.F
	m.p, m.r, m.f = m.p+atK.P, m.r+atK.R, m.f+atK.F
	m.perDocF10s = append(m.perDocF10s, atK.F)
}

// Result is the macro averages in percent.
type Result struct {
	Documents          int
	P5, R5, F5         float64
	PK, RK, FK         float64
	PerDocumentFAtK    []float64
	DocumentsAveraging int
}

// Result returns the averages in percent.
func (m *Mean) Result() Result {
	if m.n == 0 {
		return Result{}
	}
	n := float64(m.n)
	return Result{Documents: m.n, P5: 100 * m.p5 / n, R5: 100 * m.r5 / n, F5: 100 * m.f5 / n,
		PK: 100 * m.p / n, RK: 100 * m.r / n, FK: 100 * m.f / n, PerDocumentFAtK: m.perDocF10s}
}

// A Candidate is one baseline candidate: its identity (Norm), first
// surface form, count and first position.
type Candidate struct {
	Key   string
	Form  string
	TF    int
	Start int // word index of the first occurrence
	Len   int // words
}

// Candidates returns the baselines' shared candidate set of text, in
// reading order (start word, then the shorter n-gram): every 1–3-gram
// of consecutive words of [a-z0-9]+(?:[-'][a-z0-9]+)* in the
// html-unescaped, lower-cased text (’ and ‘ read as '), each word
// holding a letter and not an NLTK English stop word, the words of an
// n-gram separated only by spaces or tabs; a trailing possessive 's is
// cut off and ends the run. Identity is Norm; the first form is kept.
func Candidates(text string) []Candidate {
	text = strings.ToLower(html.UnescapeString(text))
	text = strings.NewReplacer("’", "'", "‘", "'").Replace(text)
	type word struct {
		w        string
		ok       bool // may be in a candidate
		joinNext bool // the next word follows after spaces or tabs only
	}
	var words []word
	for i := 0; i < len(text); {
		if !isAlnum(text[i]) {
			i++
			continue
		}
		j := scanWord(text, i)
		w := text[i:j]
		poss := false
		if strings.HasSuffix(w, "'s") {
			w, poss = w[:len(w)-2], true
		}
		join := false
		if !poss {
			k := j
			for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
				k++
			}
			join = k > j && k < len(text) && isAlnum(text[k])
		}
		words = append(words, word{w: w, ok: hasLetter(w) && !nltkStop.has(w), joinNext: join})
		i = j
	}
	idx := map[string]int{}
	var out []Candidate
	for a := range words {
		for n := 1; n <= 3 && a+n <= len(words); n++ {
			if !words[a+n-1].ok || n > 1 && !words[a+n-2].joinNext {
				break
			}
			parts := make([]string, n)
			for k := range parts {
				parts[k] = words[a+k].w
			}
			form := strings.Join(parts, " ")
			key := Norm(form)
			if key == "" {
				continue
			}
			if c, ok := idx[key]; ok {
				out[c].TF++
				continue
			}
			idx[key] = len(out)
			out = append(out, Candidate{Key: key, Form: form, TF: 1, Start: a, Len: n})
		}
	}
	return out
}

// scanWord returns the end of the word [a-z0-9]+(?:[-'][a-z0-9]+)* at i.
func scanWord(s string, i int) int {
	j := i
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	for j+1 < len(s) && (s[j] == '-' || s[j] == '\'') && isAlnum(s[j+1]) {
		j++
		for j < len(s) && isAlnum(s[j]) {
			j++
		}
	}
	return j
}

func hasLetter(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 'a' && w[i] <= 'z' {
			return true
		}
	}
	return false
}

// Baselines names the three baselines in the order they are reported.
var Baselines = []string{"frequency", "tfidf", "first"}

// RankBaselines returns each baseline's ranked list of phrases for
// every document: frequency (tf), TF-IDF (tf × ln(N/df) with df over
// docs, N = len(docs)) and first occurrence, ties to the earlier first
// occurrence.
func RankBaselines(docs []Doc) map[string][][]string {
	cands := make([][]Candidate, len(docs))
	df := map[string]int{}
	for i, d := range docs {
		cands[i] = Candidates(d.Text)
		for _, c := range cands[i] {
			df[c.Key]++
		}
	}
	out := map[string][][]string{}
	n := float64(len(docs))
	for _, name := range Baselines {
		lists := make([][]string, len(docs))
		for i := range docs {
			cs := append([]Candidate(nil), cands[i]...)
			score := func(c Candidate) float64 {
				switch name {
				case "frequency":
					return float64(c.TF)
				case "tfidf":
					return float64(c.TF) * ln(n/float64(df[c.Key]))
				}
				return 0
			}
			// cands are in reading order already, so a stable sort
			// breaks ties by first occurrence.
			sort.SliceStable(cs, func(a, b int) bool { return score(cs[a]) > score(cs[b]) })
			l := make([]string, len(cs))
			for k, c := range cs {
				l[k] = c.Form
			}
			lists[i] = l
		}
		out[name] = lists
	}
	return out
}
