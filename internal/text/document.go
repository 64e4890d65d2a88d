// Package text holds the value types every stage of byline shares: the
// Article a page parses into, the Document it is split into (paragraphs,
// sentences and tokens with byte spans into one Body), and the entities
// found in it. The root package re-exports them as type aliases, so that
// the stages' machinery under internal/ can take a whole Document without
// importing the root, and there is one definition of each.
package text

import (
	"strings"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/segment"
)

// A Span is a half-open byte interval [Start, End) into a Document's Body.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len reports the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Of returns the text the span covers in body.
func (s Span) Of(body string) string { return body[s.Start:s.End] }

// TokenKind classifies a token by its surface shape.
type TokenKind uint8

// Token kinds. The tokenizer keeps URLs, e-mail addresses, hashtags,
// mentions, numbers with their decimal and thousands separators, and
// abbreviations such as "U.S." in one piece.
const (
	Word    TokenKind = iota // letters, possibly with inner apostrophes, hyphens or periods
	Number                   // digits, possibly with separators, a currency sign or a suffix ("$4.5bn")
	Punct                    // punctuation, quote marks, dashes, ellipses
	Symbol                   // other symbols (%, &, +, emoji)
	URL                      // web addresses
	Email                    // e-mail addresses
	Hashtag                  // #tag or @handle
)

var tokenKindNames = [...]string{"word", "number", "punct", "symbol", "url", "email", "hashtag"}

// String returns the kind's lowercase name.
func (k TokenKind) String() string {
	if int(k) < len(tokenKindNames) {
		return tokenKindNames[k]
	}
	return "unknown"
}

// A Token is one unit of text: a word, number, punctuation mark or symbol.
type Token struct {
	// Text is the token's text as written: Body[Start:End] without the
	// invisible characters a word may hold (soft hyphens, zero-width
	// spaces and joiners, which CMSs put inside names), or the given
	// token when the Document was built from tokens.
	Text string    `json:"text"`
	Kind TokenKind `json:"kind"`
	Span
}

// A Sentence is a run of tokens that ends at a sentence boundary.
type Sentence struct {
	Span              // the sentence's bytes in Body, from its first token to its last
	Tokens    []Token `json:"-"`         // the sentence's tokens: a subslice of Document.Tokens
	First     int     `json:"first"`     // index of the sentence's first token in Document.Tokens
	Paragraph int     `json:"paragraph"` // index into Document.Paragraphs
}

// A Document is an article's text, split once into paragraphs, sentences
// and tokens. Every later stage (entities, quotes, summary, similarity)
// reads these and never tokenizes again, and every span any stage reports
// is a byte offset into Body.
//
// A Document is immutable once built and safe for concurrent reads.
type Document struct {
	// Article is the parsed article the document was built from, or nil
	// when it was built from plain text or tokens.
	Article *Article `json:"article,omitempty"`

	// Title is the headline. It is not part of Body; TitleTokens index it.
	Title       string  `json:"title,omitempty"`
	TitleTokens []Token `json:"-"`

	// Body is the text every span points into: the article's paragraphs
	// joined by a blank line, or the plain text the document was built from.
	Body string `json:"body"`

	Paragraphs []Span     `json:"paragraphs"`
	Sentences  []Sentence `json:"sentences"`
	Tokens     []Token    `json:"-"`
}

// NewDocument splits a parsed article into sentences and tokens. Its
// Body is the article's paragraphs joined by "\n\n"; its Title the
// article's title.
func NewDocument(a *Article) *Document {
	if a == nil {
		return &Document{}
	}
	d := &Document{Article: a, Title: a.Title}
	d.Body = strings.Join(a.Paragraphs, paragraphSeparator)
	d.split()
	return d
}

// NewTextDocument builds a Document whose Body is text, byte for byte
// (invalid UTF-8 aside, which is repaired), so that offsets computed on
// text by someone else, such as gold annotations, stay valid.
// Paragraphs are separated by blank lines. title may be empty.
func NewTextDocument(title, text string) *Document {
	d := &Document{Title: title, Body: text}
	d.split()
	return d
}

// NewTokenizedDocument builds a Document from sentences already split
// into tokens, keeping them exactly as given: corpora such as CoNLL-2003
// are scored against their own tokenization. Body is the tokens joined by
// single spaces, sentences by newlines, so every token still has a span.
func NewTokenizedDocument(sentences [][]string) *Document {
	d := &Document{}
	n, size := 0, 0
	for _, s := range sentences {
		n += len(s)
		for _, t := range s {
			size += len(t) + 1
		}
	}
	var b strings.Builder
	b.Grow(size)
	d.Tokens = make([]Token, 0, n)
	d.Sentences = make([]Sentence, 0, len(sentences))
	for i, s := range sentences {
		if i > 0 {
			b.WriteByte('\n')
		}
		first := len(d.Tokens)
		start := b.Len()
		for j, t := range s {
			if j > 0 {
				b.WriteByte(' ')
			}
			t = strings.ToValidUTF8(t, "\uFFFD")
			at := b.Len()
			b.WriteString(t)
			d.Tokens = append(d.Tokens, Token{Text: t, Kind: kindOf(t), Span: Span{at, at + len(t)}})
		}
		d.Sentences = append(d.Sentences, Sentence{Span: Span{start, b.Len()}, First: first})
	}
	d.Body = b.String()
	for i := range d.Sentences {
		s := &d.Sentences[i]
		end := len(d.Tokens)
		if i+1 < len(d.Sentences) {
			end = d.Sentences[i+1].First
		}
		s.Tokens = d.Tokens[s.First:end:end]
	}
	if len(d.Body) > 0 {
		d.Paragraphs = []Span{{0, len(d.Body)}}
	}
	return d
}

// paragraphSeparator joins an Article's paragraphs into a Document's Body.
const paragraphSeparator = "\n\n"

// split fills Paragraphs, Sentences, Tokens and TitleTokens from Body and Title.
func (d *Document) split() {
	if !utf8.ValidString(d.Body) {
		d.Body = strings.ToValidUTF8(d.Body, "\uFFFD")
	}
	if !utf8.ValidString(d.Title) {
		d.Title = strings.ToValidUTF8(d.Title, "\uFFFD")
	}
	d.TitleTokens = convertTokens(d.Title, segment.Tokenize(d.Title, nil))
	raw := segment.Tokenize(d.Body, nil)
	d.Tokens = convertTokens(d.Body, raw)
	paras := segment.Paragraphs(d.Body)
	d.Paragraphs = make([]Span, len(paras))
	for i, p := range paras {
		d.Paragraphs[i] = Span{p.Start, p.End}
	}
	bounds := segment.Sentences(d.Body, raw, paras)
	d.Sentences = make([]Sentence, len(bounds))
	for i, sb := range bounds {
		toks := d.Tokens[sb.First:sb.Last:sb.Last]
		d.Sentences[i] = Sentence{
			Span:      Span{toks[0].Start, toks[len(toks)-1].End},
			Tokens:    toks,
			First:     sb.First,
			Paragraph: sb.Paragraph,
		}
	}
}

func convertTokens(text string, raw []segment.Token) []Token {
	toks := make([]Token, len(raw))
	for i, t := range raw {
		toks[i] = Token{Text: segment.Visible(text[t.Start:t.End]), Kind: TokenKind(t.Kind), Span: Span{t.Start, t.End}}
	}
	return toks
}

// kindOf classifies a token given from outside, such as a CoNLL word.
func kindOf(t string) TokenKind {
	var buf [2]segment.Token // most words are one token: no allocation
	raw := segment.Tokenize(t, buf[:0])
	if len(raw) == 1 {
		return TokenKind(raw[0].Kind)
	}
	return Word
}

// SentenceAt returns the index of the sentence that contains byte offset
// off of Body, or -1.
func (d *Document) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Sentences[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Sentences) && d.Sentences[lo].Start <= off {
		return lo
	}
	return -1
}
