package summarize

import (
	"strings"
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
//     nothing about who is speaking: it may join a summary only with
//     the sentence that attributes it (one with a reporting verb such
//     as "said" or "insisted", or "according to"), the one just before
//     or after the run of quote-only sentences that holds it, since a
//     quotation often runs over several; so WithPrev and/or WithNext,
//     or Never when neither attributes it. A quote with its attribution
//     in the same sentence ("…," he said) is Free.
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
	// Quote-only: from the caller's quotes when it gave them, else from
	// the quotation marks, read by the way each one faces.
	var quoteOnly func(i int) bool
	if in.HasQuotes {
		quoteOnly = func(i int) bool { return i < len(f) && f[i][FQuoted] >= 0.999 }
	} else {
		share := quotedShare(in, true)
		quoteOnly = func(i int) bool { return share[i] >= 0.999 }
	}
	attributes := func(i int) bool {
		return i >= 0 && i < n && !quoteOnly(i) && reports(in.Sentences[i].Tokens)
	}
	for i := 0; i < n; {
		if !quoteOnly(i) {
			i++
			continue
		}
		// A run of quote-only sentences is one quotation: the sentence
		// before the run or the one after it attributes all of it.
		j := i + 1
		for j < n && quoteOnly(j) {
			j++
		}
		var b Block
		if attributes(i - 1) {
			b |= WithPrev
		}
		if attributes(j) {
			b |= WithNext
		}
		if b == 0 {
			b = Never
		}
		for k := i; k < j; k++ {
			out[k] = b
		}
		i = j
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
		return x&WithPrev != 0 && attributedBy(b, i, -1, chosen) || x&WithNext != 0 && attributedBy(b, i, 1, chosen)
	}
}

// attributedBy reports whether the sentence that attributes quote-only
// sentence i, the first one past the run of quote-only sentences that
// holds i in direction dir (-1 before, 1 after), is chosen.
func attributedBy(b []Block, i, dir int, chosen []bool) bool {
	bit := WithPrev
	if dir > 0 {
		bit = WithNext
	}
	j := i + dir
	for j >= 0 && j < len(b) && b[j] != Free && b[j] != Never && b[j]&bit != 0 {
		j += dir
	}
	return j >= 0 && j < len(chosen) && chosen[j]
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

// reports reports whether a sentence holds a reporting verb or
// "according to", so that it can attribute a quotation beside it. The
// list is wider than FAttrib's cue words, which are a learned feature's
// input: here only whether the sentence says who is speaking matters
// ("…," Ms Lomax intimated; Mr Myers replied).
func reports(toks []Token) bool {
	var buf [16]byte
	for i, t := range toks {
		if t.Kind != Word || len(t.Text) < 3 || len(t.Text) > len(buf) {
			continue
		}
		// Lower-case into buf: every word on the list is plain ASCII.
		w := buf[:len(t.Text)]
		ascii := true
		for k := 0; k < len(t.Text) && ascii; k++ {
			c := t.Text[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			w[k], ascii = c, c < utf8.RuneSelf
		}
		if !ascii {
			continue
		}
		switch string(w) {
		case "said", "says", "say", "saying", "told", "tells", "added", "adds", "explained", "stated",
			"insisted", "warned", "argued", "claimed", "admitted", "stressed", "replied", "continued",
			"remarked", "remarks", "noted", "commented", "wrote", "writes", "asked", "announced", "declared",
			"confirmed", "suggested", "urged", "quoted", "acknowledged", "conceded", "revealed", "predicted",
			"concluded", "maintained", "countered", "intimated", "believes", "insists", "warns", "argues", "claims":
			return true
		case "according":
			if i+1 < len(toks) && strings.EqualFold(toks[i+1].Text, "to") {
				return true
			}
		}
	}
	return false
}
