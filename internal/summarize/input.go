// Package summarize is the machinery behind byline.Summarize: sentence
// features, graph centrality (TextRank, LexRank), the learned scorer of
// the default method and MMR selection. It works on a neutral Input so
// that the public package, the evaluation and the weight tuner share
// one implementation. Everything here is safe for concurrent use: an
// Input is read only, and each call allocates its own scratch.
package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/lexicon"
	"github.com/byline-nlp/byline/internal/rouge"
	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/text"
)

// Kind is a token's shape: byline.TokenKind itself.
type Kind = text.TokenKind

// The kinds the summarizer tells apart.
const (
	Word    = text.Word
	Number  = text.Number
	Punct   = text.Punct
	URL     = text.URL
	Email   = text.Email
	Hashtag = text.Hashtag
)

// A Token is a token: the Document's own, so that the public package
// passes a sentence's tokens without copying them. The summarizer reads
// only its text and kind.
type Token = text.Token

// A Sentence is one sentence of the document.
type Sentence struct {
	Tokens []Token
	// Forms, when Input.Forms is given, is each token's index into it
	// (-1 for tokens that are not words or numbers).
	Forms     []int32
	Paragraph int
	// Entity is the summed salience of the entities the sentence names,
	// when the caller has entities (Input.HasEntities).
	Entity float64
	// Quoted is the share of the sentence's tokens inside quotations,
	// when the caller has quotes (Input.HasQuotes).
	Quoted float64
}

// An Input is a document as the summarizer sees it.
type Input struct {
	Title       []Token
	Sentences   []Sentence
	HasEntities bool
	HasQuotes   bool
	// Forms, when not nil, are the document's word forms, already
	// lower-cased and stemmed by an earlier stage, indexed by each
	// Sentence's Forms and by TitleForms. Without them the summarizer
	// lower-cases and stems each distinct form itself.
	Forms      []lexicon.Form
	TitleForms []int32
}

// terms maps each word or number token of the input to an id, once per
// document, so that no later step compares strings.
type terms struct {
	ids   map[string]int32 // by surface form
	stems map[string]int32 // by normalized form
	stop  []bool           // by id: a stop word
	sents [][]int32        // per sentence: term id per word/number token, -1 for others
	title []int32

	sentSets [][]int32 // sets' result, once computed

	forms  []lexicon.Form // Input.Forms
	formID []int32        // by form: its term id, or -1 before its first use
}

// normLower is a token's term given low, strings.ToLower(s): low, and
// when s is plain ASCII letters and digits, low Porter-stemmed as ROUGE
// does (words of four letters or more), so "reports" and "reported"
// count as one term.
func normLower(s, low string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return low
		}
	}
	if len(low) > 3 {
		return rouge.Stem(low)
	}
	return low
}

func (t *terms) id(text string) int32 {
	if id, ok := t.ids[text]; ok {
		return id
	}
	// The cache is keyed by surface form; the stem decides the id.
	low := strings.ToLower(text)
	n := normLower(text, low)
	id, ok := t.stems[n]
	if !ok {
		id = int32(len(t.stop))
		t.stems[n] = id
		t.stop = append(t.stop, stopwords.Is(low) || isDigitsOnly(low) && len(low) < 2)
	}
	t.ids[text] = id
	return id
}

// formTerm is id for a token whose form the caller gave.
func (t *terms) formTerm(fi int32) int32 {
	if id := t.formID[fi]; id >= 0 {
		return id
	}
	f := &t.forms[fi]
	// norm, from what the Form already holds.
	n := f.Lower
	if f.Plain && len(n) > 3 {
		n = f.Key
	}
	id, ok := t.stems[n]
	if !ok {
		id = int32(len(t.stop))
		t.stems[n] = id
		t.stop = append(t.stop, stopwords.Is(f.Lower) || isDigitsOnly(f.Lower) && len(f.Lower) < 2)
	}
	t.formID[fi] = id
	return id
}

// term is the term id of a word or number token, the j-th of a run
// whose forms (when the caller gave them) are forms.
func (t *terms) term(tok *Token, forms []int32, j int) int32 {
	if t.forms != nil {
		return t.formTerm(forms[j])
	}
	return t.id(tok.Text)
}

func isDigitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isTermKind(k Kind) bool { return k == Word || k == Number }

func newTerms(in *Input) *terms {
	total := 0
	for i := range in.Sentences {
		total += len(in.Sentences[i].Tokens)
	}
	// News stories have about one distinct stem per two tokens (0.46 on
	// average over BBC and CNN/DM dev, more in shorter ones), and a
	// few more forms: room for 0.6, so that the maps seldom grow.
	room := total*3/5 + 16
	t := &terms{stems: make(map[string]int32, room)}
	if in.Forms != nil {
		t.forms = in.Forms
		t.formID = make([]int32, len(in.Forms))
		for i := range t.formID {
			t.formID[i] = -1
		}
	} else {
		t.ids = make(map[string]int32, room)
	}
	t.sents = make([][]int32, len(in.Sentences))
	flat := make([]int32, total)
	for i := range in.Sentences {
		toks := in.Sentences[i].Tokens
		ids := flat[:len(toks):len(toks)]
		flat = flat[len(toks):]
		for j := range toks {
			if tok := &toks[j]; isTermKind(tok.Kind) {
				ids[j] = t.term(tok, in.Sentences[i].Forms, j)
			} else {
				ids[j] = -1
			}
		}
		t.sents[i] = ids
	}
	t.title = make([]int32, len(in.Title))
	for j := range in.Title {
		if tok := &in.Title[j]; isTermKind(tok.Kind) {
			t.title[j] = t.term(tok, in.TitleForms, j)
		} else {
			t.title[j] = -1
		}
	}
	return t
}

func isQuoteMark(s string) bool {
	switch s {
	case "\"", "“", "”", "``", "''", "«", "»", "„":
		return true
	}
	return false
}

// quotedShare estimates, from quotation marks alone, the share of each
// sentence's tokens that lie inside a quotation. It is used when the
// caller passes no quotes. A quote left open runs on into the next
// sentence, as news quotes do. A straight mark (") toggles, unless
// directional is set and the tokens' spans tell which way it faces (see
// straightQuote): toggling alone reads a stray closing mark, as when a
// quotation runs on from the paragraph before, as an opening one, and
// marks the narrative after it as quotation. The FQuoted feature keeps
// the toggling estimate, the signal its weights were learned on (the
// directional one, as a feature, cross-validated lower on CNN: R-2 11.24
// against 11.69); Blocks uses the directional one to find the sentences
// that are quotation only.
func quotedShare(in *Input, directional bool) []float64 {
	out := make([]float64, len(in.Sentences))
	open := false
	for i := range in.Sentences {
		toks := in.Sentences[i].Tokens
		if i > 0 && in.Sentences[i].Paragraph != in.Sentences[i-1].Paragraph {
			open = false
		}
		inside, words := 0, 0
		for j, tok := range toks {
			if tok.Kind == Punct && isQuoteMark(tok.Text) {
				switch tok.Text {
				case "“", "``", "„", "«":
					open = true
				case "”", "''", "»":
					open = false
				default:
					d := unclear
					if directional {
						d = straightQuote(toks, j)
					}
					switch d {
					case opens:
						open = true
					case closes:
						open = false
					default:
						open = !open
					}
				}
				continue
			}
			if isTermKind(tok.Kind) {
				words++
				if open {
					inside++
				}
			}
		}
		if words > 0 {
			out[i] = float64(inside) / float64(words)
		}
	}
	return out
}

// A straight quotation mark's role, as far as its neighbours tell.
const (
	unclear = iota
	opens
	closes
)

// straightQuote tells whether the straight mark toks[j] opens or closes
// a quotation from which neighbour it is glued to: a mark with no space
// before the word or number after it, and a space (or the sentence
// start) before it, opens; one glued to the token before it and not to
// a word after it closes. Tokens without spans tell nothing.
func straightQuote(toks []Token, j int) int {
	t := toks[j]
	if t.End <= t.Start {
		return unclear
	}
	gluedBefore := j > 0 && toks[j-1].End == t.Start
	gluedAfter := j+1 < len(toks) && toks[j+1].Start == t.End
	wordAfter := gluedAfter && toks[j+1].Kind != Punct
	switch {
	case wordAfter && !gluedBefore:
		return opens
	case gluedBefore && !wordAfter:
		return closes
	}
	return unclear
}

// isCapitalized reports whether a word starts with an upper-case letter.
func isCapitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// Dateline returns how many leading tokens of the first sentence form a
// news dateline, such as "(CNN)" or "WASHINGTON (CNN) --", which belongs
// to no summary sentence; 0 when there is none.
func Dateline(toks []Token) int {
	limit := min(len(toks), 12)
	for i := 0; i+2 < limit; i++ {
		t := toks[i]
		if t.Kind == Punct && t.Text == "(" && toks[i+2].Text == ")" && toks[i+1].Kind == Word &&
			isCapitalized(toks[i+1].Text) {
			// Everything before must be a place: capitalized words and commas.
			for _, p := range toks[:i] {
				if !(p.Kind == Word && isCapitalized(p.Text) || p.Text == ",") {
					return 0
				}
			}
			end := i + 3
			for end < len(toks) && toks[end].Kind == Punct && isDash(toks[end].Text) {
				end++
			}
			if end >= len(toks) {
				return 0
			}
			return end
		}
	}
	return 0
}

func isDash(s string) bool {
	switch s {
	case "-", "--", "—", "–", "---":
		return true
	}
	return false
}
