package index

import (
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/text"
	"github.com/kljensen/snowball/english"
)

// --- turning documents into terms ---

// normalize returns the index terms of one token text: lowercased,
// possessive dropped, split at hyphens, stop words and one-character
// words dropped, the rest Snowball-stemmed. Dotted abbreviations ("U.S.")
// are kept whole, since without their dots many become stop words.
// Stemming is the costly part of indexing, so each Index caches this per
// token spelling (Index.tokenTerms).
func normalize(tok string) []string {
	var out []string
	w := strings.ToLower(strings.TrimLeft(tok, "#@"))
	w = strings.ReplaceAll(w, "’", "'")
	w = strings.TrimSuffix(w, "'s")
	w = strings.Trim(w, "'")
	if strings.Contains(w, ".") && isAbbrev(w) {
		if utf8.RuneCountInString(strings.ReplaceAll(w, ".", "")) >= 2 {
			out = append(out, w)
		}
	} else {
		for part := range strings.SplitSeq(w, "-") {
			if t := stemWord(part); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// isAbbrev reports whether w looks like "u.s." or "e.g.": letters and dots.
func isAbbrev(w string) bool {
	for _, r := range w {
		if r != '.' && !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// stemWord stems one lowercased word, or returns "" for a stop word or a
// word with fewer than two letters or digits.
func stemWord(w string) string {
	w = strings.Trim(w, "'.")
	if utf8.RuneCountInString(w) < 2 || stopwords.Is(w) {
		return ""
	}
	letters, digits := false, false
	for _, r := range w {
		letters = letters || unicode.IsLetter(r)
		digits = digits || unicode.IsDigit(r)
	}
	switch {
	case !letters && !digits:
		return ""
	case digits || len(w) > 40:
		return w // codes, figures and junk have no English suffixes to strip
	}
	s := english.Stem(w, true)
	if s == "" {
		return w
	}
	return s
}

// termCounts are a document's normalized terms with their boosted counts,
// sorted by term.
type termCounts struct {
	terms  []string
	counts []float32
	hashes []uint64 // hashes of the kept terms in text order, for the near-duplicate sketch
}

// eachToken calls emit for every token of the document that can carry a
// term (words, numbers unless configured out, hashtags), title first,
// with the weight its boosts give it. Terms come from the tokens, never
// from re-tokenizing the text.
func eachToken(doc *text.Document, cfg Config, emit func(text string, w float32)) {
	if doc == nil {
		return
	}
	keep := func(tok text.Token) bool {
		switch tok.Kind {
		case text.Word, text.Hashtag:
			return true
		case text.Number:
			return !cfg.NoNumbers
		}
		return false
	}
	for _, tok := range doc.TitleTokens {
		if keep(tok) {
			emit(tok.Text, float32(cfg.TitleBoost))
		}
	}
	if cfg.EntityBoost <= 1 {
		for _, tok := range doc.Tokens {
			if keep(tok) {
				emit(tok.Text, 1)
			}
		}
		return
	}
	// A capitalized word that does not open a sentence is most likely a
	// name; headline-style ALL CAPS text is not evidence of one.
	s := 0
	for i, tok := range doc.Tokens {
		if !keep(tok) {
			continue
		}
		for s < len(doc.Sentences) && doc.Sentences[s].First < i {
			s++
		}
		opens := i == 0 || (s < len(doc.Sentences) && doc.Sentences[s].First == i)
		w := float32(1)
		if tok.Kind == text.Word && !opens && capitalizedName(tok.Text) {
			w = float32(cfg.EntityBoost)
		}
		emit(tok.Text, w)
	}
}

// extract collects a document's terms by string, for documents that are
// not being added (queries, Similarity).
func extract(doc *text.Document, cfg Config) termCounts {
	counts := map[string]float32{}
	var tc termCounts
	eachToken(doc, cfg, func(text string, w float32) {
		for _, t := range normalize(text) {
			counts[t] += w
			tc.hashes = append(tc.hashes, termSeed(t))
		}
	})
	tc.terms = slices.Sorted(maps.Keys(counts))
	tc.counts = make([]float32, len(tc.terms))
	for i, t := range tc.terms {
		tc.counts[i] = counts[t]
	}
	return tc
}

// capitalizedName reports whether a word starts with an upper-case letter
// and is not written entirely in capitals.
func capitalizedName(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, r := range w {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// sublinear is the tf transform: 1 + ln(tf).
func sublinear(c float32) float32 { return 1 + float32(math.Log(float64(c))) }

// published returns the document's publication time in Unix seconds, or NoDate.
func published(doc *text.Document) int64 {
	if doc != nil && doc.Article != nil && !doc.Article.Published.IsZero() {
		return doc.Article.Published.Unix()
	}
	return NoDate
}

func runtimeCPUs() int { return runtime.GOMAXPROCS(0) }

// termSeed is FNV-1a of a term, the seed of its row in LSA's random projection.
func termSeed(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
