// Package langid tells the language of a text: the tag a page declares,
// normalised, or the language detected from the text itself with
// whatlanggo (trigram profiles of 84 languages, no model files).
package langid

import (
	"strings"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// sample bounds the text Detect reads: a few paragraphs tell a language
// as surely as a whole article, and the cost stays flat.
const sample = 4 << 10

// minLetters is the fewest letters Detect decides on; below it trigram
// statistics are noise.
const minLetters = 40

// minConfidence is the confidence below which Detect says it does not
// know rather than guess (whatlanggo's own "reliable" bar is stricter and
// refuses many sound answers on short news paragraphs).
const minConfidence = 0.3

// Detect returns the ISO 639-1 code of text's language ("en", "de",
// "ko"), or "" when the text is too short or too mixed to tell.
// It is safe for concurrent use.
func Detect(text string) string {
	if len(text) > sample {
		cut := sample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	letters := 0
	for _, r := range text {
		if r > ' ' {
			letters++
		}
	}
	if letters < minLetters {
		return ""
	}
	info := whatlanggo.Detect(text)
	if info.Lang < 0 || info.Confidence < minConfidence {
		return ""
	}
	return info.Lang.Iso6391()
}

// Primary returns a BCP 47 tag's primary language subtag, lower-cased:
// "en" for "en-GB" or "EN_us".
func Primary(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// IsEnglish reports whether a language tag names English.
func IsEnglish(tag string) bool { return Primary(tag) == "en" }
