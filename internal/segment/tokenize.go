// Package segment splits text into tokens, sentences and paragraphs with
// byte offsets into the original string. It is the one tokenizer byline
// has: every stage reads its output through byline.Document.
//
// The tokenizer is a single left-to-right pass with an ASCII fast path
// and no regular expressions, so its cost is linear in the input and it
// allocates only the slice it returns. It keeps in one token what a
// reader sees as one unit: abbreviations with their period ("U.S.",
// "Dr."), initials ("J."), numbers with separators and units ("$4.5bn",
// "1,200", "10:30"), hyphenated words, URLs, e-mail addresses, hashtags
// and ellipses, and it splits English clitics as the Penn Treebank and
// CoNLL-2003 do ("Zelensky's" is "Zelensky" + "'s", "don't" is "do" +
// "n't"), so that a name reads the same in every case.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a token; the values match byline.TokenKind.
type Kind uint8

// Token kinds.
const (
	Word Kind = iota
	Number
	Punct
	Symbol
	URL
	Email
	Hashtag
)

// A Token is a half-open byte range of the text with its kind.
type Token struct {
	Start, End int
	Kind       Kind
}

// ASCII character classes.
const (
	cOther  uint8 = iota
	cSpace        // white space
	cLetter       // A-Z a-z
	cDigit        // 0-9
	cPunct        // punctuation that stands alone
)

var ascii = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t[c] = cSpace
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			t[c] = cLetter
		case c >= '0' && c <= '9':
			t[c] = cDigit
		case c < ' ' || c == 0x7f:
			t[c] = cSpace // control characters separate tokens and are dropped
		case c == '$' || c == '%' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' ||
			c == '|' || c == '~' || c == '`' || c == '&' || c == '*':
			t[c] = cOther
		default:
			t[c] = cPunct
		}
	}
	return t
}()

// isSpaceRune reports whether r separates tokens. Invisible characters
// count as space between words: scraped pages are full of them.
func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || IsInvisible(r)
}

// IsInvisible reports whether r is a character a reader does not see:
// the zero-width space, joiners and no-break, the byte-order mark and the
// soft hyphen (a hyphenation hint that CMSs put inside long words and
// names: "An\u00addres"). Inside a word it is part of the word; between
// words it separates them.
func IsInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

// invisibleAt reports the width of the invisible character at s[i] when
// a word rune follows it, so that the word goes on across it; else 0.
func invisibleAt(s string, i int) int {
	if i >= len(s) || s[i] < utf8.RuneSelf {
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if !IsInvisible(r) {
		return 0
	}
	if ok, _ := wordRuneAt(s, i+n); !ok {
		return 0
	}
	return n
}

// Visible returns w without its invisible characters (IsInvisible), so
// that "An\u00addres" reads as the word a reader sees; w itself, without
// allocating, when it holds none, which is almost always.
func Visible(w string) string {
	i := 0
	for i < len(w) && w[i] < utf8.RuneSelf {
		i++ // most words are ASCII: no rune to decode
	}
	if i == len(w) || strings.IndexFunc(w[i:], IsInvisible) < 0 {
		return w
	}
	return strings.Map(func(r rune) rune {
		if IsInvisible(r) {
			return -1
		}
		return r
	}, w)
}

// isWordRune reports whether r continues a word: letters, digits and
// combining marks.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := ascii[r]
		return c == cLetter || c == cDigit
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// wordRuneAt decodes the rune at s[i] and reports whether it continues a
// word, with its width.
func wordRuneAt(s string, i int) (bool, int) {
	if i >= len(s) {
		return false, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		k := ascii[c]
		return k == cLetter || k == cDigit, 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r), n
}

func isLetterByte(c byte) bool { return c < utf8.RuneSelf && ascii[c] == cLetter }
func isDigitByte(c byte) bool  { return c >= '0' && c <= '9' }

// Tokenize appends the tokens of s to dst and returns the extended slice.
// White space and control characters separate tokens and belong to none.
func Tokenize(s string, dst []Token) []Token {
	if dst == nil {
		dst = make([]Token, 0, len(s)/5+1)
	}
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch ascii[c] {
			case cSpace:
				i++
				continue
			case cLetter, cDigit:
				j, kind := scanWord(s, i)
				dst = append(dst, Token{i, j, kind})
				i = j
				continue
			}
			if c == '\'' {
				if j := clitic(s, i, 1); j > i {
					dst = append(dst, Token{i, j, Word})
					i = j
					continue
				}
			}
			j, kind := scanASCIIPunct(s, i, dst)
			dst = append(dst, Token{i, j, kind})
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSpaceRune(r):
			i += n
		case isWordRune(r):
			j, kind := scanWord(s, i)
			dst = append(dst, Token{i, j, kind})
			i = j
		case r == '’' && clitic(s, i, n) > i:
			j := clitic(s, i, n)
			dst = append(dst, Token{i, j, Word})
			i = j
		case isCurrency(r) && i+n < len(s) && isDigitByte(s[i+n]):
			j := scanNumberTail(s, i+n)
			dst = append(dst, Token{i, j, Number})
			i = j
		case r == '…':
			j := i + n
			for j < len(s) && s[j] == '.' {
				j++
			}
			dst = append(dst, Token{i, j, Punct})
			i = j
		case unicode.IsPunct(r):
			dst = append(dst, Token{i, i + n, Punct})
			i += n
		default:
			dst = append(dst, Token{i, i + n, Symbol})
			i += n
		}
	}
	return dst
}

func isCurrency(r rune) bool {
	return r == '£' || r == '€' || r == '¥' || r == '₹' || r == '₽' || r == '₩' || unicode.Is(unicode.Sc, r)
}

// scanASCIIPunct scans the punctuation or symbol token at s[i].
func scanASCIIPunct(s string, i int, prev []Token) (int, Kind) {
	c := s[i]
	switch c {
	case '.':
		// A run of periods is one token ("...", "...."); so is a spaced
		// ellipsis ". . ." that begins after white space, the way style
		// guides print it. A period glued to a word stays alone so that it
		// can end the sentence before an ellipsis that opens the next.
		j := i + 1
		for j < len(s) && s[j] == '.' {
			j++
		}
		if j == i+1 && (i == 0 || ascii[s[i-1]&0x7f] == cSpace && s[i-1] < utf8.RuneSelf) {
			k, dots := j, 1
			for k+1 < len(s) && s[k] == ' ' && s[k+1] == '.' {
				k += 2
				dots++
			}
			if dots >= 3 {
				j = k
			}
		}
		return j, Punct
	case '!', '?':
		j := i + 1
		for j < len(s) && (s[j] == '!' || s[j] == '?') {
			j++
		}
		return j, Punct
	case '-':
		j := i + 1
		for j < len(s) && s[j] == '-' {
			j++
		}
		return j, Punct
	case '$':
		if i+1 < len(s) && isDigitByte(s[i+1]) {
			return scanNumberTail(s, i+1), Number
		}
		return i + 1, Symbol
	case '#', '@':
		j := i + 1
		for j < len(s) {
			ok, n := wordRuneAt(s, j)
			if !ok && s[j] != '_' {
				break
			}
			j += n
		}
		if j > i+1 {
			return j, Hashtag
		}
		return i + 1, Symbol
	}
	if ascii[c] == cOther {
		return i + 1, Symbol
	}
	return i + 1, Punct
}

// scanNumberTail scans a number that starts with a digit at s[i] (after a
// currency sign), with its separators and unit suffix: "4.5bn", "1,200".
func scanNumberTail(s string, i int) int {
	j, _ := scanWord(s, i)
	return j
}

// scanWord scans the word or number that starts at s[i], which holds a
// letter or digit, and returns its end and kind.
func scanWord(s string, i int) (int, Kind) {
	if k, ok := scanURL(s, i); ok {
		return k, URL
	}
	j := i
	segStart := i     // start of the current alphanumeric segment
	allDigits := true // every word rune so far is a digit
	digitsOnly := true
	letters := 0 // letters in the current segment
	emailChecked := false
	for {
		// The alphanumeric run.
		for j < len(s) {
			c := s[j]
			if c < utf8.RuneSelf {
				switch ascii[c] {
				case cLetter:
					allDigits = false
					letters++
					j++
					continue
				case cDigit:
					j++
					continue
				}
				break
			}
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				if k := invisibleAt(s, j); k > 0 && j > segStart {
					j += k
					continue
				}
				break
			}
			if !unicode.IsDigit(r) {
				allDigits = false
				letters++
			}
			j += n
		}
		if !allDigits {
			digitsOnly = false
		}
		if j >= len(s) {
			break
		}
		c := s[j]
		if !emailChecked && (c == '@' || c == '_' || c == '+' || (c == '.' || c == '-') && j+1 < len(s) && s[j+1] != ' ') {
			// Whether an address starts at i does not depend on j: look
			// once per word, which keeps long hyphen chains linear.
			emailChecked = true
			if k, ok := scanEmail(s, i); ok {
				return k, Email
			}
		}
		switch c {
		case '-':
			// Hyphenated words and number ranges stay whole: "30-year-old",
			// "U.S.-based", "2024-05-01".
			if ok, _ := wordRuneAt(s, j+1); ok {
				j++
				segStart, letters, allDigits = j, 0, true
				continue
			}
		case '.':
			if ok, _ := wordRuneAt(s, j+1); ok && digitsOnly && isDigitByte(s[j-1]) && isDigitByte(s[j+1]) {
				j++ // decimal point or dotted number
				segStart, letters, allDigits = j, 0, true
				continue
			}
			if k := scanDottedAbbrev(s, segStart, j); k > j {
				if ok, _ := wordRuneAt(s, k+1); ok && k < len(s) && s[k] == '-' {
					j = k + 1 // "U.S.-based"
					segStart, letters, allDigits = j, 0, true
					continue
				}
				return k, Word
			}
			if letters > 0 && (j-segStart == 1 || isAbbrev(s[segStart:j])) && segStart == i {
				return j + 1, Word // an initial or a known abbreviation keeps its period
			}
		case ',':
			// Thousands separators: exactly three digits follow.
			if digitsOnly && isDigitByte(s[j-1]) && j+3 < len(s) &&
				isDigitByte(s[j+1]) && isDigitByte(s[j+2]) && isDigitByte(s[j+3]) &&
				(j+4 >= len(s) || !isDigitByte(s[j+4])) {
				j++
				segStart, letters, allDigits = j, 0, true
				continue
			}
		case ':', '/':
			if digitsOnly && isDigitByte(s[j-1]) && j+1 < len(s) && isDigitByte(s[j+1]) {
				j++
				segStart, letters, allDigits = j, 0, true
				continue
			}
		case '\'':
			if k, join := apostrophe(s, i, j, 1); join {
				j = k
				segStart, letters, allDigits = j, 0, false
				continue
			} else if k < j {
				return k, Word
			}
		case 0xE2: // ’ is E2 80 99
			if j+2 < len(s) && s[j+1] == 0x80 && s[j+2] == 0x99 {
				if k, join := apostrophe(s, i, j, 3); join {
					j = k
					segStart, letters, allDigits = j, 0, false
					continue
				} else if k < j {
					return k, Word
				}
			}
		}
		break
	}
	if digitsOnly || isDigitByte(s[i]) {
		return j, Number
	}
	return j, Word
}

// apostrophe decides what an apostrophe of width w at s[j] does to the
// word s[i:j]. It returns (end, true) to join it and the letters after it
// into the word ("O'Brien"), (j, false) to end the word before it (a
// clitic follows: "'s", "'re", "'ll"), or (k, false) with k < j when the
// word ends in "n" of a "n't" clitic ("do" + "n't").
func apostrophe(s string, i, j, w int) (int, bool) {
	k := j + w
	e := k
	for e < len(s) && isLetterByte(s[e]) {
		e++
	}
	if e == k {
		return j, false // a closing quote or a plural possessive: "players' union"
	}
	if ok, _ := wordRuneAt(s, e); ok {
		return e, true // a non-ASCII letter follows: join
	}
	tail := s[k:e]
	switch lower2(tail) {
	case "s", "re", "ve", "ll", "d", "m":
		return j, false
	case "t":
		if j-1 > i && (s[j-1] == 'n' || s[j-1] == 'N') {
			return j - 1, false
		}
	}
	return e, true
}

// clitic returns the end of an English clitic ("'s", "'re", "'ve",
// "'ll", "'d", "'m") whose apostrophe of width w is at s[i], glued to the
// word before it; it returns i when there is none.
func clitic(s string, i, w int) int {
	if i == 0 {
		return i
	}
	if ok, _ := wordRuneAt(s, i-1); !ok {
		abbrev := s[i-1] == '.' && i >= 2 && isLetterByte(s[i-2]) // "U.S.'s"
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); !isWordRune(r) && !abbrev {
			return i
		}
	}
	k := i + w
	e := k
	for e < len(s) && isLetterByte(s[e]) {
		e++
	}
	if e == k || e-k > 2 {
		return i
	}
	if ok, _ := wordRuneAt(s, e); ok {
		return i
	}
	switch lower2(s[k:e]) {
	case "s", "re", "ve", "ll", "d", "m":
		return e
	}
	return i
}

// lower2 lowercases a short ASCII clitic without allocating for the cases
// apostrophe compares against.
func lower2(t string) string {
	switch t {
	case "S":
		return "s"
	case "RE", "Re":
		return "re"
	case "VE", "Ve":
		return "ve"
	case "LL", "Ll":
		return "ll"
	case "D":
		return "d"
	case "M":
		return "m"
	case "T":
		return "t"
	}
	return t
}

// scanDottedAbbrev recognises abbreviations written as letters joined by
// periods, "U.S.", "U.S.A.", "e.g.", "Ph.D.", "a.m.", starting at
// segStart with the first period at s[dot]. It returns the end after the
// last period, or dot when s has no such abbreviation there.
func scanDottedAbbrev(s string, segStart, dot int) int {
	if dot-segStart > 2 || dot == segStart || !isLetterByte(s[segStart]) {
		return dot
	}
	k, parts := dot, 1
	for k < len(s) && s[k] == '.' {
		e := k + 1
		for e < len(s) && e-(k+1) < 3 && isLetterByte(s[e]) {
			e++
		}
		if e == k+1 || e-(k+1) > 2 || e < len(s) && isLetterByte(s[e]) {
			break
		}
		if e >= len(s) || s[e] != '.' {
			// "U.S" with no final period: keep the letters only when the
			// next character is not a word character ("U.S-based" is rare).
			break
		}
		k = e
		parts++
	}
	if parts < 2 {
		return dot
	}
	return k + 1
}

// scanURL recognises a web address at s[i] that starts with a scheme or
// "www.", and returns its end with trailing punctuation trimmed.
func scanURL(s string, i int) (int, bool) {
	c := s[i] | 0x20
	if c != 'h' && c != 'w' {
		return i, false
	}
	rest := s[i:]
	n := 0
	switch {
	case hasPrefixFold(rest, "https://"):
		n = 8
	case hasPrefixFold(rest, "http://"):
		n = 7
	case hasPrefixFold(rest, "www.") && len(rest) > 4 && isWordStart(rest[4]):
		n = 4
	default:
		return i, false
	}
	j := i + n
	depth := 0
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if ascii[c] == cSpace || c == '"' || c == '<' || c == '>' || c == '\'' && j+1 < len(s) && s[j+1] < utf8.RuneSelf && ascii[s[j+1]] == cSpace {
				break
			}
			if c == '(' {
				depth++
			} else if c == ')' {
				if depth == 0 {
					break
				}
				depth--
			}
			j++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[j:])
		if isSpaceRune(r) || r == '”' || r == '“' || r == '’' || r == '‘' || r == '»' {
			break
		}
		j += w
	}
	for j > i+n {
		switch s[j-1] {
		case '.', ',', ';', ':', '!', '?', '\'':
			j--
			continue
		}
		break
	}
	return j, j > i+n
}

func isWordStart(c byte) bool {
	return c < utf8.RuneSelf && (ascii[c] == cLetter || ascii[c] == cDigit)
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[k] {
			return false
		}
	}
	return true
}

// scanEmail recognises an e-mail address that starts at s[i].
func scanEmail(s string, i int) (int, bool) {
	// RFC 5321 caps the local part at 64 bytes and the domain at 255;
	// the caps also keep a run of underscores or dots from making the
	// tokenizer quadratic.
	j := i
	for j < len(s) && j-i <= 64 && isEmailLocal(s[j]) {
		j++
	}
	if j == i || j >= len(s) || s[j] != '@' {
		return i, false
	}
	k := j + 1
	lastDot := -1
	for k < len(s) && k-j <= 255 && (isWordStart(s[k]) || s[k] == '-' || s[k] == '.') {
		if s[k] == '.' {
			lastDot = k
		}
		k++
	}
	for k > j+1 && (s[k-1] == '.' || s[k-1] == '-') {
		k--
		if k == lastDot {
			lastDot = -1
			for m := j + 1; m < k; m++ {
				if s[m] == '.' {
					lastDot = m
				}
			}
		}
	}
	if lastDot < 0 || lastDot >= k-1 || lastDot == j+1 {
		return i, false
	}
	return k, true
}

func isEmailLocal(c byte) bool {
	return c < utf8.RuneSelf && (ascii[c] == cLetter || ascii[c] == cDigit) || c == '.' || c == '_' || c == '+' || c == '-' || c == '%'
}
