package segment

import (
	"unicode"
	"unicode/utf8"
)

// A Paragraph is a byte range of text between blank lines.
type Paragraph struct {
	Start, End int
}

// Paragraphs splits s at blank lines (a line break, optional white space,
// and another line break) and returns the non-blank ranges, trimmed of
// surrounding white space.
func Paragraphs(s string) []Paragraph {
	var out []Paragraph
	start := -1 // start of the current paragraph's text, or -1 before it
	last := 0   // end of the last non-space byte seen
	newlines := 0
	for i := 0; i < len(s); {
		c := s[i]
		n := 1
		space := false
		if c < utf8.RuneSelf {
			space = ascii[c] == cSpace
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			space = isSpaceRune(r)
		}
		if space {
			if c == '\n' {
				newlines++
				if newlines == 2 && start >= 0 {
					out = append(out, Paragraph{start, last})
					start = -1
				}
			}
		} else {
			if start < 0 {
				start = i
			}
			newlines = 0
			last = i + n
		}
		i += n
	}
	if start >= 0 {
		out = append(out, Paragraph{start, last})
	}
	return out
}

// A Bound is a sentence: the tokens toks[First:Last] of one paragraph.
type Bound struct {
	First, Last int
	Paragraph   int
}

// Sentences groups the tokens of s, as Tokenize returned them, into
// sentences. paras, as Paragraphs returned them, are hard boundaries; nil
// means s is one paragraph.
func Sentences(s string, toks []Token, paras []Paragraph) []Bound {
	var out []Bound
	if len(toks) == 0 {
		return out
	}
	if paras == nil {
		paras = []Paragraph{{0, len(s)}}
	}
	ti := 0
	for pi, p := range paras {
		for ti < len(toks) && toks[ti].Start < p.Start {
			ti++ // tokens outside every paragraph cannot exist, but be safe
		}
		first := ti
		for ti < len(toks) && toks[ti].Start < p.End {
			ti++
		}
		out = splitParagraph(s, toks, first, ti, pi, out)
	}
	return out
}

// splitParagraph appends the sentences of toks[first:last].
func splitParagraph(s string, toks []Token, first, last, para int, out []Bound) []Bound {
	start := first
	var listLetter byte // the letter of an "a." list marker that opened the sentence
	for i := first; i < last; i++ {
		t := toks[i]
		text := s[t.Start:t.End]
		if i == start {
			listLetter = 0
			if len(text) == 2 && text[1] == '.' && text[0] >= 'a' && text[0] <= 'y' {
				listLetter = text[0]
			}
		}
		// Bullets open a new item, hence a new sentence.
		if i > start && t.Kind != Word && isBullet(text) {
			out = append(out, Bound{start, i, para})
			start = i
			listLetter = 0
			continue
		}
		// "a. first item b. second item": the next letter of the list
		// opens the next sentence.
		if i > start && listLetter != 0 && len(text) == 2 && text[0] == listLetter+1 && text[1] == '.' &&
			i+1 < last && startsUpper(s, toks[i+1]) {
			out = append(out, Bound{start, i, para})
			start = i
			listLetter = text[0]
			continue
		}
		if !mayEnd(s, toks, i, start) {
			continue
		}
		// Closing quotes and brackets belong to the sentence they close.
		end := i + 1
		for end < last && isCloser(s, toks, end) {
			end++
		}
		if end >= last {
			i = end - 1
			continue
		}
		if endsSentence(s, toks, i, end, start) {
			out = append(out, Bound{start, end, para})
			start = end
		}
		i = end - 1
	}
	if start < last {
		out = append(out, Bound{start, last, para})
	}
	return out
}

// mayEnd reports whether token i is terminal punctuation or an
// abbreviation whose period may end a sentence.
func mayEnd(s string, toks []Token, i, start int) bool {
	t := toks[i]
	text := s[t.Start:t.End]
	switch t.Kind {
	case Punct:
		switch text[0] {
		case '.':
			// "1. The first item": a list number's period is no boundary.
			if i == start+1 && isListNumber(s, toks[start]) ||
				i == start+2 && isBullet(s[toks[start].Start:toks[start].End]) && isListNumber(s, toks[start+1]) {
				return false
			}
			return true
		case '!', '?':
			return true
		}
		return text == "…" || len(text) > 3 && text[:3] == "…"
	case Word:
		return text[len(text)-1] == '.' && !(i == start && len(text) == 2) // "a." opening a list item
	}
	return false
}

// endsSentence decides whether the sentence ends after the terminal token
// toks[i] and the closers up to next, with toks[next] the following token.
func endsSentence(s string, toks []Token, i, next, start int) bool {
	t, nx := toks[i], toks[next]
	text := s[t.Start:t.End]
	nxText := s[nx.Start:nx.End]
	if t.Kind == Word {
		return abbrevEnds(s, toks, i, next, start)
	}
	dots := ellipsisDots(text)
	switch {
	case dots == 1:
		// A period, then a spaced ellipsis that opens the next sentence:
		// "compounds. . . . The practice".
		if ellipsisDots(nxText) >= 3 && next+1 < len(toks) && startsUpper(s, toks[next+1]) {
			return true
		}
	case dots == 3:
		// An ellipsis marks an omission inside a sentence unless it is
		// glued to the word before it and a capitalised word other than
		// "I" follows: "He paused... Then he left."
		glued := t.Start > 0 && !isSpaceBefore(s, t.Start)
		if !glued || nxText == "I" || !startsUpper(s, nx) {
			return false
		}
	}
	if text[0] == '!' && nx.Kind == Word && !startsUpper(s, nx) {
		return false // "Yahoo! in the accounting department"
	}
	if dots == 1 && next == i+1 && i > start && acronymBefore(s, toks, i) && !acronymEnds(s, toks, i-1, next, start) {
		return false
	}
	return opensSentence(s, toks, next)
}

// acronymBefore reports whether the period toks[i] is glued to an
// all-capital word of two to five letters ("ID.", "NATO."), which may be
// part of a name ("The VW ID. SPACE VIZZION") as often as it ends a
// sentence.
func acronymBefore(s string, toks []Token, i int) bool {
	p := toks[i-1]
	if p.Kind != Word || p.End != toks[i].Start || p.End-p.Start < 2 || p.End-p.Start > 5 {
		return false
	}
	w := s[p.Start:p.End]
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return !romanNumeral(w)
}

// romanNumeral reports whether w is written in Roman numerals, as after
// a name ("World War II.", "King Felipe VI."): a sentence may end there.
func romanNumeral(w string) bool {
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'I', 'V', 'X', 'L', 'C':
		default:
			return false
		}
	}
	return true
}

// acronymEnds decides whether the sentence ends after the acronym
// toks[a] and its period, before toks[next]. The evidence for an end is
// a following word that usually opens a sentence, or an acronym that
// does not continue a capitalised name ("joined NATO. Members …", "told
// CNN. CNN's …"); an acronym inside a run of capitals keeps it going
// ("The VW ID. SPACE VIZZION", "the VW ID. Buzz").
func acronymEnds(s string, toks []Token, a, next, start int) bool {
	nx := toks[next]
	if nx.Kind != Word || !startsUpper(s, nx) {
		return opensSentence(s, toks, next)
	}
	if isSentenceStarter(s[nx.Start:nx.End]) {
		return true
	}
	if a == start || toks[a-1].Kind != Word || !startsUpper(s, toks[a-1]) || isSentenceStarter(s[toks[a-1].Start:toks[a-1].End]) {
		return true
	}
	// a run of capitals ("VW ID.", "ID. SPACE") is one name; a
	// capitalised word before the acronym and after it ("broadcaster
	// Ettounsi TV. Like …") is not evidence enough to join them
	return !allCaps(s[toks[a-1].Start:toks[a-1].End]) && !allCaps(s[nx.Start:nx.End])
}

// allCaps reports whether w has two or more letters, all capitals.
func allCaps(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'a' && c <= 'z' || c >= 0x80 {
			return false
		}
	}
	return true
}

// opensSentence reports whether toks[next] can start a sentence: a
// capitalised word, an opening quote or bracket before one, a list
// marker or a bullet.
func opensSentence(s string, toks []Token, next int) bool {
	nx := toks[next]
	text := s[nx.Start:nx.End]
	switch nx.Kind {
	case Word, Hashtag, URL, Email:
		return startsUpper(s, nx)
	case Number:
		// Numbers rarely open a sentence; list numbers do: "2. The".
		return isListNumber(s, nx) && next+1 < len(toks) && isListCloser(s, toks[next+1])
	case Punct:
		if isOpener(text) || isBullet(text) {
			if next+1 < len(toks) {
				n2 := toks[next+1]
				return startsUpper(s, n2) || n2.Kind == Number || n2.Kind == Punct && isOpener(s[n2.Start:n2.End])
			}
			return false
		}
		return ellipsisDots(text) >= 3 && next+1 < len(toks) && startsUpper(s, toks[next+1])
	case Symbol:
		return isBullet(text)
	}
	return false
}

// abbrevEnds decides whether an abbreviation with a period, toks[i], ends
// its sentence before toks[next].
func abbrevEnds(s string, toks []Token, i, next, start int) bool {
	t, nx := toks[i], toks[next]
	word := s[t.Start : t.End-1]
	if next > i+1 {
		// A closing quote or bracket after the abbreviation: "... the U.S.)"
		return opensSentence(s, toks, next)
	}
	if isTitle(word) {
		return false // "Dr. Smith", "Mt. Fuji", "St. Michael's"
	}
	if nx.Kind == Punct {
		return isOpener(s[nx.Start:nx.End]) && opensSentence(s, toks, next)
	}
	if !startsUpper(s, nx) {
		return false // "Co. at noon", "p. 55"
	}
	nxText := s[nx.Start:nx.End]
	if len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z' {
		// An initial: "Jonas E. Smith". "I" ends a sentence after a
		// lowercase word: "you and I. Did you".
		if word == "I" && i > start {
			p := toks[i-1]
			return !startsUpper(s, p) && opensSentence(s, toks, next)
		}
		return false
	}
	// Other abbreviations end a sentence when a word that usually opens
	// one follows: "the U.S. How about you?" but "the U.S. Government".
	return isSentenceStarter(nxText)
}

// isCloser reports whether toks[k] closes a quotation or bracket that the
// sentence before it owns.
func isCloser(s string, toks []Token, k int) bool {
	t := toks[k]
	if t.Kind != Punct {
		return false
	}
	text := s[t.Start:t.End]
	switch text {
	case ")", "]", "}", "”", "’", "»", "›":
		return true
	case "\"", "'":
		// A straight quote closes when it is glued to what precedes it.
		return t.Start > 0 && !isSpaceBefore(s, t.Start)
	}
	return false
}

func isOpener(text string) bool {
	switch text {
	case "(", "[", "{", "“", "‘", "«", "‹", "\"", "'", "„", "‚", "¿", "¡":
		return true
	}
	return false
}

func isBullet(text string) bool {
	switch text {
	case "•", "⁃", "▪", "◦", "‣", "●", "■", "►", "▸", "·":
		return true
	}
	return false
}

// isListNumber reports whether t is a short integer such as a list uses.
func isListNumber(s string, t Token) bool {
	if t.Kind != Number || t.End-t.Start > 3 {
		return false
	}
	for k := t.Start; k < t.End; k++ {
		if !isDigitByte(s[k]) {
			return false
		}
	}
	return true
}

func isListCloser(s string, t Token) bool {
	text := s[t.Start:t.End]
	return text == "." || text == ")"
}

func isSpaceBefore(s string, at int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:at])
	return isSpaceRune(r)
}

// ellipsisDots counts the periods of a period or ellipsis token, with
// "…" counting three; it is 0 for other tokens.
func ellipsisDots(text string) int {
	n := 0
	for k := 0; k < len(text); {
		switch {
		case text[k] == '.':
			n++
			k++
		case text[k] == ' ':
			k++
		case len(text)-k >= 3 && text[k:k+3] == "…":
			n += 3
			k += 3
		default:
			return 0
		}
	}
	return n
}

// startsUpper reports whether t begins with an upper-case letter or is a
// word that begins with a digit and an upper-case suffix is not; numbers
// are handled by the callers.
func startsUpper(s string, t Token) bool {
	if t.Kind == Number || t.Kind == Punct || t.Kind == Symbol {
		return false
	}
	c := s[t.Start]
	if c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[t.Start:])
	return unicode.IsUpper(r) || unicode.IsLetter(r) && !unicode.IsLower(r)
}
