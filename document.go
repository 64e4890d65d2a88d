package byline

import "github.com/byline-nlp/byline/internal/text"

// The value types below are defined once, in internal/text, so that the
// stages' machinery under internal/ can read a whole Document without
// importing this package; here they are the same types under their
// public names.

// A Span is a half-open byte interval [Start, End) into a Document's Body.
type Span = text.Span

// TokenKind classifies a token by its surface shape.
type TokenKind = text.TokenKind

// Token kinds. The tokenizer keeps URLs, e-mail addresses, hashtags,
// mentions, numbers with their decimal and thousands separators, and
// abbreviations such as "U.S." in one piece.
const (
	Word    = text.Word    // letters, possibly with inner apostrophes, hyphens or periods
	Number  = text.Number  // digits, possibly with separators, a currency sign or a suffix ("$4.5bn")
	Punct   = text.Punct   // punctuation, quote marks, dashes, ellipses
	Symbol  = text.Symbol  // other symbols (%, &, +, emoji)
	URL     = text.URL     // web addresses
	Email   = text.Email   // e-mail addresses
	Hashtag = text.Hashtag // #tag or @handle
)

// A Token is one unit of text: a word, number, punctuation mark or symbol.
type Token = text.Token

// A Sentence is a run of tokens that ends at a sentence boundary.
type Sentence = text.Sentence

// A Document is an article's text, split once into paragraphs, sentences
// and tokens. Every later stage (entities, quotes, summary, similarity)
// reads these and never tokenizes again, and every span any stage reports
// is a byte offset into Body.
//
// A Document is immutable once built and safe for concurrent reads.
type Document = text.Document

// An Article is a news article's structure: its metadata and its clean
// body paragraphs, with navigation, cookie banners, share prompts and
// related-post lists removed. Parse builds one from scraped page text;
// the page package builds one from HTML.
type Article = text.Article

// A Link is a titled reference to another page, such as a related post.
type Link = text.Link

// NewDocument splits a parsed article into sentences and tokens. Its
// Body is the article's paragraphs joined by "\n\n"; its Title the
// article's title.
func NewDocument(a *Article) *Document { return text.NewDocument(a) }

// NewTextDocument builds a Document whose Body is text, byte for byte
// (invalid UTF-8 aside, which is repaired), so that offsets computed on
// text by someone else, such as gold annotations, stay valid.
// Paragraphs are separated by blank lines. title may be empty.
func NewTextDocument(title, body string) *Document { return text.NewTextDocument(title, body) }

// NewTokenizedDocument builds a Document from sentences already split
// into tokens, keeping them exactly as given: corpora such as CoNLL-2003
// are scored against their own tokenization. Body is the tokens joined by
// single spaces, sentences by newlines, so every token still has a span.
func NewTokenizedDocument(sentences [][]string) *Document {
	return text.NewTokenizedDocument(sentences)
}
