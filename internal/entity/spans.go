package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tagSpan is one entity in IOB2 tags: tokens [start, end) of type typ.
type tagSpan struct {
	start, end int
	typ        string
}

// isInside reports whether tag is "I-"+typ, without building that
// string: chunking asks it of every tag inside a name.
func isInside(tag, typ string) bool {
	return len(tag) == len(typ)+2 && tag[0] == 'I' && tag[1] == '-' && tag[2:] == typ
}

func tagSpans(tags []string) []tagSpan {
	var out []tagSpan
	for i := 0; i < len(tags); {
		if !strings.HasPrefix(tags[i], "B-") {
			i++
			continue
		}
		typ := tags[i][2:]
		j := i + 1
		for j < len(tags) && isInside(tags[j], typ) {
			j++
		}
		out = append(out, tagSpan{i, j, typ})
		i = j
	}
	return out
}

// setSpan labels tokens [start, end) as one entity of type typ.
func setSpan(tags []string, start, end int, typ string) {
	for k := start; k < end; k++ {
		if k == start {
			tags[k] = "B-" + typ
		} else {
			tags[k] = "I-" + typ
		}
	}
	// A following I- tag of the old entity must not continue this one.
	if end < len(tags) && strings.HasPrefix(tags[end], "I-") {
		tags[end] = "B-" + tags[end][2:]
	}
}

func clearSpan(tags []string, start, end int) {
	for k := start; k < end; k++ {
		tags[k] = "O"
	}
	if end < len(tags) && strings.HasPrefix(tags[end], "I-") {
		tags[end] = "B-" + tags[end][2:]
	}
}

// isLowerWord reports whether w is a word written in lower case: the
// kind of token that ends, rather than continues, a name.
func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) {
		return false
	}
	// "al-Assad" and "iPhone" carry a capital inside.
	for _, r := range w {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isAcronym reports whether w is two or more capitals ("ISW", "U.N.").
func isAcronym(w string) bool {
	return utf8.RuneCountInString(strings.ReplaceAll(w, ".", "")) >= 2 && strings.ToUpper(w) == w && hasLetters(w)
}
