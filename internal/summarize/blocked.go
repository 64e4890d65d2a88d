package summarize

import (
	"unicode"
	"unicode/utf8"
)

// A Block says whether the default method may choose a sentence.
type Block uint8

// Block values; WithPrev and WithNext combine.
const (
	Free     Block = 0      // the sentence stands alone
	Never    Block = 1      // the sentence does not stand alone
	WithPrev Block = 1 << 1 // a quote-only sentence, attributed by the sentence before
	WithNext Block = 1 << 2 // a quote-only sentence, attributed by the sentence after
)

// Blocks says, per sentence, whether a summary may hold it, whatever
// it scores:
//
//   - a sentence that opens in lower case starts mid-sentence, and the
//     sentence before it, split off there, ends mid-sentence: Never;
//   - a sentence that ends in a full stop after an initial that follows
//     a capitalized word ("George W.") ends inside a name, and the next
//     one starts there: Never;
//   - a quote-only sentence, every word inside quotation marks, says
//     nothing about who is speaking: it may join a summary only beside
//     the neighbouring sentence that attributes it (one with a
//     reporting cue such as "said"), so WithPrev and/or WithNext, or
//     Never when neither neighbour does. A quote with its attribution in
//     the same sentence ("…," he said) is Free.
//
// These come from how a summary reads, not from any corpus. Splitting
// sentences is internal/segment's job, and this only keeps a summary
// clear of the splits it gets wrong in ways a summary can see; a stop
// after a short all-capitals word ("the VW ID." then "Buzz …") looks
// like an ordinary sentence end ("… on Press TV."), so it is left to
// segmentation. f is Features' matrix for in.
func Blocks(in *Input, f [][NumFeatures]float64) []Block {
	n := len(in.Sentences)
	out := make([]Block, n)
	quoteOnly := func(i int) bool { return i < len(f) && f[i][FQuoted] >= 0.999 }
	attributes := func(i int) bool {
		return i >= 0 && i < n && i < len(f) && f[i][FAttrib] > 0 && !quoteOnly(i)
	}
	for i := range in.Sentences {
		if quoteOnly(i) {
			var b Block
			if attributes(i - 1) {
				b |= WithPrev
			}
			if attributes(i + 1) {
				b |= WithNext
			}
			if b == 0 {
				b = Never
			}
			out[i] = b
		}
	}
	for i := range in.Sentences {
		toks := in.Sentences[i].Tokens
		if opensLower(toks) {
			out[i] = Never
			if i > 0 {
				out[i-1] = Never
			}
		}
		if i+1 < n && endsInInitial(toks) {
			out[i], out[i+1] = Never, Never
		}
	}
	return out
}

// Allowed reports whether sentence i may be chosen next, given the
// sentences chosen so far.
func Allowed(b []Block, i int, chosen []bool) bool {
	if b == nil {
		return true
	}
	switch x := b[i]; x {
	case Free:
		return true
	case Never:
		return false
	default:
		return x&WithPrev != 0 && i > 0 && chosen[i-1] || x&WithNext != 0 && i+1 < len(chosen) && chosen[i+1]
	}
}

// AllBlocked reports whether no sentence is Free, when Select ignores
// the blocks rather than return nothing.
func AllBlocked(b []Block) bool {
	for _, x := range b {
		if x == Free {
			return false
		}
	}
	return true
}

// opensLower reports whether the sentence's first word is in lower
// case: it starts with a lower-case letter and holds no capital, since
// "eBay" and "iPod" open sentences in lower case as names.
func opensLower(toks []Token) bool {
	for _, t := range toks {
		if t.Kind == Punct {
			continue
		}
		if t.Kind != Word {
			return false
		}
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsLower(r) {
			return false
		}
		for _, r := range t.Text {
			if unicode.IsUpper(r) {
				return false
			}
		}
		return true
	}
	return false
}

// endsInInitial reports whether the sentence ends "Capitalized X .":
// a full stop after a one-letter capital that follows a capitalized
// word, as in "George W.", where the stop belongs to the name.
func endsInInitial(toks []Token) bool {
	k := len(toks) - 1
	for k >= 0 && toks[k].Kind == Punct && isQuoteMark(toks[k].Text) {
		k--
	}
	if k < 2 {
		return false
	}
	last, prev := toks[k-1], toks[k-2]
	if toks[k].Text == "." {
		// "W" "." as two tokens.
	} else if t := toks[k]; t.Kind == Word && len(t.Text) == 2 && t.Text[1] == '.' {
		// "W." as one token.
		last, prev = Token{Text: t.Text[:1], Kind: Word}, toks[k-1]
	} else {
		return false
	}
	if last.Kind != Word || prev.Kind != Word || !isCapitalized(prev.Text) {
		return false
	}
	r, size := utf8.DecodeRuneInString(last.Text)
	return size == len(last.Text) && unicode.IsUpper(r)
}
