package byline

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	newsidf "github.com/byline-nlp/byline/internal/idf"
	"github.com/byline-nlp/byline/internal/rouge"
	"github.com/byline-nlp/byline/internal/stopwords"
)

// A KeyPhrase is one of an article's key phrases: a noun-phrase-like run
// of content words or an entity's name.
type KeyPhrase struct {
	Text   string     `json:"text"`             // the form the article uses most
	Score  float64    `json:"score"`            // relative importance; the top phrase scores 1
	Count  int        `json:"count"`            // occurrences in the body (entities: mentions)
	Spans  []Span     `json:"spans"`            // the occurrences in Body
	Entity EntityType `json:"entity,omitempty"` // the entity's type when the phrase names one
}

// maxPhraseWords caps a candidate's length: longer runs of content words
// are lists or headlines, not phrases.
const maxPhraseWords = 4

type phraseCand struct {
	key     string
	words   []string // stems
	forms   map[string]int
	spans   []Span
	first   int // sentence of first occurrence
	entity  EntityType
	sal     float64
	inTitle bool
}

// KeyPhrases returns doc's k most important key phrases, best first.
//
// Candidates are the runs of up to four content words (letters, no stop
// words, no punctuation between them) in the body, counted under their
// lowercased, Porter-stemmed form, and the names of the given entities
// (mentions merged with any run that matches an entity's name or alias).
// Phrases must occur twice, or once with every word in the headline.
// Each word scores by its frequency in the document times its inverse
// document frequency in news (a table of counts over 1,611 news
// articles); a phrase scores by its frequency times the mean score of
// its words, favouring phrases of
// two or three words, with bonuses for appearing early and in the
// headline and, for entities, for salience. Phrases contained in a
// better one ("minister" beside "prime minister") are dropped.
// k ≤ 0 returns every phrase. KeyPhrases is safe for concurrent use.
func KeyPhrases(doc *Document, k int, entities []Entity) []KeyPhrase {
	if doc == nil || len(doc.Tokens) == 0 {
		return nil
	}
	stems := map[string]string{}
	stem := func(w string) string {
		if s, ok := stems[w]; ok {
			return s
		}
		low := strings.ToLower(w)
		s := low
		if isASCIIAlnum(low) && len(low) > 3 {
			s = rouge.Stem(low)
		}
		stems[w] = s
		return s
	}
	titleWords := map[string]bool{}
	for _, t := range doc.TitleTokens {
		if t.Kind == Word {
			titleWords[stem(t.Text)] = true
		}
	}
	// Word frequencies over content words.
	freq := map[string]int{}
	maxFreq := 1
	for _, t := range doc.Tokens {
		if isContentWord(t) {
			s := stem(t.Text)
			freq[s]++
			maxFreq = max(maxFreq, freq[s])
		}
	}
	idfTop := newsidf.IDF("\x00") // the weight of a word news seldom uses
	cands := map[string]*phraseCand{}
	add := func(words []string, form string, span Span, sent int) *phraseCand {
		key := strings.Join(words, " ")
		c := cands[key]
		if c == nil {
			c = &phraseCand{key: key, words: words, forms: map[string]int{}, first: sent}
			cands[key] = c
		}
		c.forms[form]++
		c.spans = append(c.spans, span)
		return c
	}
	for si, s := range doc.Sentences {
		toks := s.Tokens
		for i := 0; i < len(toks); {
			if !isContentWord(toks[i]) {
				i++
				continue
			}
			j := i
			for j < len(toks) && isContentWord(toks[j]) {
				j++
			}
			// Every n-gram of the run up to maxPhraseWords, so that a
			// phrase inside a longer run still counts.
			for a := i; a < j; a++ {
				for b := a + 1; b <= j && b-a <= maxPhraseWords; b++ {
					words := make([]string, 0, b-a)
					for _, t := range toks[a:b] {
						words = append(words, stem(t.Text))
					}
					span := Span{Start: toks[a].Start, End: toks[b-1].End}
					add(words, oneLine(doc.Body[span.Start:span.End]), span, si)
				}
			}
			i = j
		}
	}
	// Entities: their names become candidates carrying salience; a run
	// matching a name or alias is the same phrase.
	for _, e := range entities {
		if e.Name == "" {
			continue
		}
		words := stemFields(e.Name, stem)
		if len(words) == 0 {
			continue
		}
		key := strings.Join(words, " ")
		c := cands[key]
		if c == nil {
			c = &phraseCand{key: key, words: words, forms: map[string]int{}, first: len(doc.Sentences)}
			cands[key] = c
		}
		// An entity's occurrences are its mentions, which the tagger
		// already merged across forms; runs of its name or aliases are
		// the same occurrences and are dropped.
		if len(e.Mentions) > 0 {
			c.spans = c.spans[:0]
			for _, m := range e.Mentions {
				c.spans = append(c.spans, m.Span)
				if si := doc.SentenceAt(m.Start); si >= 0 && si < c.first {
					c.first = si
				}
			}
		}
		c.forms[e.Name] += 1 << 20 // the entity's fullest name is its display form
		c.entity, c.sal, c.inTitle = e.Type, max(c.sal, e.Salience), e.InTitle
		for _, a := range e.Aliases {
			if ac := cands[strings.Join(stemFields(a, stem), " ")]; ac != nil && ac != c && ac.entity == "" {
				delete(cands, ac.key)
			}
		}
	}
	list := make([]*phraseCand, 0, len(cands))
	scores := map[*phraseCand]float64{}
	n := float64(max(len(doc.Sentences), 1))
	for _, c := range cands {
		count := len(c.spans)
		mean, title := 0.0, 0
		for _, w := range c.words {
			// Frequent here and rare in news at large: tf × idf, both scaled to about [0, 1].
			mean += (0.5 + float64(freq[w])/float64(maxFreq)) * newsidf.IDF(w) / idfTop
			if titleWords[w] {
				title++
			}
		}
		mean /= float64(len(c.words))
		// A phrase seen once is chance wording, unless the headline
		// holds all of it.
		if c.entity == "" && count < 2 && title < len(c.words) {
			continue
		}
		lengthBonus := [...]float64{0, 1, 2, 2, 1.6}[min(len(c.words), maxPhraseWords)]
		s := math.Sqrt(float64(count)) * mean * lengthBonus
		s *= 1 + 0.5*(1-float64(c.first)/n)
		s *= 1 + 0.5*float64(title)/float64(len(c.words))
		if c.entity != "" {
			s *= 1 + 2*c.sal
			if c.inTitle {
				s *= 1.3
			}
		}
		scores[c] = s
		list = append(list, c)
	}
	sort.Slice(list, func(a, b int) bool {
		if scores[list[a]] != scores[list[b]] {
			return scores[list[a]] > scores[list[b]]
		}
		return list[a].key < list[b].key
	})
	var out []KeyPhrase
	var kept []*phraseCand
	for _, c := range list {
		if k > 0 && len(out) == k {
			break
		}
		if covered(c, kept) {
			continue
		}
		kept = append(kept, c)
		sort.Slice(c.spans, func(a, b int) bool { return c.spans[a].Start < c.spans[b].Start })
		out = append(out, KeyPhrase{Text: bestForm(c.forms), Score: scores[c], Count: len(c.spans), Spans: c.spans, Entity: c.entity})
	}
	if len(out) > 0 && out[0].Score > 0 {
		top := out[0].Score
		for i := range out {
			out[i].Score /= top
		}
	}
	return out
}

// covered reports whether c's words all appear, in order and adjacent,
// inside a phrase already kept, or a kept phrase lies inside c while c
// adds only words that kept phrases already hold.
func covered(c *phraseCand, kept []*phraseCand) bool {
	for _, k := range kept {
		if strings.Contains(" "+k.key+" ", " "+c.key+" ") || strings.Contains(" "+c.key+" ", " "+k.key+" ") {
			return true
		}
	}
	return false
}

// bestForm returns the most frequent surface form, preferring, on a tie,
// the one with more capitals (a name as written) and then the shortest.
func bestForm(forms map[string]int) string {
	best, bc := "", -1
	for f, c := range forms {
		if c > bc || c == bc && (capitals(f) > capitals(best) || capitals(f) == capitals(best) && f < best) {
			best, bc = f, c
		}
	}
	return best
}

func capitals(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

func stemFields(s string, stem func(string) string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }) {
		if !stopwords.Is(strings.ToLower(f)) {
			out = append(out, stem(f))
		}
	}
	return out
}

// isContentWord reports whether a token can be part of a key phrase: a
// word of at least two letters that is not a stop word.
func isContentWord(t Token) bool {
	if t.Kind != Word || len(t.Text) < 2 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	if !unicode.IsLetter(r) {
		return false
	}
	low := strings.ToLower(t.Text)
	return !stopwords.Is(low) && !phraseFiller[low]
}

// phraseFiller are words that are not stop words but never make a key
// phrase in news: reporting verbs and calendar words, which every
// article repeats ("said", "Monday").
var phraseFiller = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "added": true, "according": true,
	"asked": true, "stated": true, "reported": true, "explained": true, "noted": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "yesterday": true, "today": true, "tomorrow": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "new": true, "year": true, "years": true,
	"last": true, "next": true, "week": true, "told cnn": true, "cnn": true,
}

func isASCIIAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
