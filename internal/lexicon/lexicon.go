// Package lexicon holds a document's distinct word forms, each
// lower-cased and Porter-stemmed once, so that the stages that match
// words by their stems (the summary, key phrases) share that work
// instead of each redoing it for every token.
//
// A Lexicon is built by one goroutine and read only afterwards; reads
// are then safe for concurrent use.
package lexicon

import (
	"strings"

	"github.com/byline-nlp/byline/internal/rouge"
)

// A Form is one distinct token text of a document.
type Form struct {
	Text  string // as written
	Lower string // strings.ToLower(Text)
	// Key is Lower split into [a-z0-9]+ pieces (anything else separates),
	// each Porter-stemmed as NLTK does, joined by spaces: the key-phrase
	// evaluation's matching rule.
	Key string
	// KeyID numbers the distinct keys densely, in order of first Add.
	KeyID int32
	// Plain reports whether Text is only ASCII letters and digits, when
	// Key is the stem of Lower itself.
	Plain bool
}

// A Lexicon is a document's forms. The zero Lexicon is empty and ready
// to use.
type Lexicon struct {
	Forms  []Form
	byText map[string]int32
	byKey  map[string]int32
}

// New returns an empty Lexicon sized for about n tokens.
func New(n int) *Lexicon {
	// News stories have about one distinct form per two tokens, and
	// nearly as many keys (0.50 and 0.46 of the tokens on average over
	// BBC and CNN/DM dev, more in shorter ones): room for 0.6 each, so
	// that the maps seldom grow while they are filled.
	room := n*3/5 + 16
	return &Lexicon{
		Forms:  make([]Form, 0, room),
		byText: make(map[string]int32, room),
		byKey:  make(map[string]int32, room),
	}
}

// NumKeys is how many distinct keys the forms have.
func (l *Lexicon) NumKeys() int { return len(l.byKey) }

// Add returns text's index into Forms, adding it when new.
func (l *Lexicon) Add(text string) int32 {
	if i, ok := l.byText[text]; ok {
		return i
	}
	if l.byText == nil {
		l.byText, l.byKey = map[string]int32{}, map[string]int32{}
	}
	f := Form{Text: text, Plain: text != ""}
	for i := 0; i < len(text) && f.Plain; i++ {
		c := text[i]
		f.Plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	f.Lower = strings.ToLower(text)
	f.Key = Key(f.Lower)
	id, ok := l.byKey[f.Key]
	if !ok {
		id = int32(len(l.byKey))
		l.byKey[f.Key] = id
	}
	f.KeyID = id
	i := int32(len(l.Forms))
	l.Forms = append(l.Forms, f)
	l.byText[text] = i
	return i
}

// Key is Form.Key of an already lower-cased string.
func Key(low string) string {
	plain := low != ""
	for i := 0; i < len(low) && plain; i++ {
		plain = isAlnum(low[i])
	}
	if plain {
		return rouge.Stem(low) // one piece: the common case
	}
	var b strings.Builder
	for i := 0; i < len(low); {
		if !isAlnum(low[i]) {
			i++
			continue
		}
		j := i
		for j < len(low) && isAlnum(low[j]) {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(rouge.Stem(low[i:j]))
		i = j
	}
	return b.String()
}

func isAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
