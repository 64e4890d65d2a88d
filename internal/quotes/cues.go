package quotes

import (
	"strings"

	"github.com/byline-nlp/byline/internal/text"
)

// cueAt reports the cue class of token j, joining "according to".
func (x *quoteExtractor) cueAt(j int) CueClass {
	t := &x.toks[j]
	if t.Kind != text.Word {
		return NotCue
	}
	lw := x.lw(j)
	c := x.cueOf(j)
	if c == NotCue {
		// a verb that reports speech only with its particle: "shot
		// back", "went on to say"
		if c = PhrasalOnly(lw); c == NotCue || x.particleEnd(j) < 0 {
			return NotCue
		}
	}
	if c == Source && (j+1 >= len(x.toks) || x.lw(j+1) != "to") {
		return NotCue
	}
	if j > 0 {
		p := &x.toks[j-1]
		pl := x.lw(j - 1)
		// a capitalised cue inside a sentence is a name ("the United
		// States"); after a determiner or possessive it is a noun ("his
		// comments", "Trump's tweets")
		if x.voc.capital[j] && !isSentEnd(p.Text) && !isQuoteTok(p.Text) && p.Text != "," && p.Text != ":" {
			return NotCue
		}
		// (a hyphenated word before it is a compound adjective, "long-
		// awaited statement", unless it is a name: "Yoon Sang-hoon told")
		if c != Source && (Determiner(pl) && pl != "that" || isPossessiveTok(pl) || pl == "’" || strings.Contains(pl, "-") && !x.voc.capital[j-1]) {
			return NotCue
		}
		// "Kim's mental state", "32% of Republican claims": a cue that can
		// be a noun, after a possessive or "of" and an adjective
		if j > 1 && Nounlike(lw) && p.Kind == text.Word && !Pronoun(pl) {
			if pp := x.lw(j - 2); isPossessiveTok(pp) || pp == "of" {
				return NotCue
			}
		}
	}
	return c
}

// isParticiple reports whether token j is a present participle after a
// comma: "…,” insisting that …", "…, adding: …".
func (x *quoteExtractor) isParticiple(j int) bool {
	t := x.toks
	return j > 0 && t[j-1].Text == "," && t[j].Kind == text.Word && len(t[j].Text) > 4 &&
		strings.HasSuffix(t[j].Text, "ing") && !x.voc.capital[j]
}

// opensParticipleClause reports whether token k, at a sentence start,
// opens a participial clause that precedes the subject ("Standing next
// to the mayor, Holm said …"): an -ing word followed by a lowercase word
// that is neither a cue nor an auxiliary, so that a name ending in -ing
// ("Browning said", "Manning, a lawyer,") is not skipped.
func (x *quoteExtractor) opensParticipleClause(k, ci int) bool {
	t := x.toks
	if k+1 >= ci || t[k].Kind != text.Word || len(t[k].Text) < 5 || !strings.HasSuffix(t[k].Text, "ing") {
		return false
	}
	n := t[k+1]
	if n.Kind != text.Word || isCapTok(n) {
		return false
	}
	nl := x.lw(k + 1)
	return Cue(nl) == NotCue && !Skip(nl)
}

// cueSpan is the cue at token j: "according to", or a verb with its
// particle ("pointed out", "went on to say").
func (x *quoteExtractor) cueSpan(j int, c CueClass) text.Span {
	sp := x.toks[j].Span
	if c == Source && j+1 < len(x.toks) {
		sp.End = x.toks[j+1].End
	} else if e := x.particleEnd(j); e > j {
		sp.End = x.toks[e].End
	}
	return sp
}

// particleEnd returns the last token of the phrasal cue whose verb is
// token j ("pointed out", "went on to say"), or -1 when the verb has no
// particle there. "go on" reports speech only when a quote, a colon, a
// comma, a that-clause or "to" and a reporting verb follows ("the talks
// went on for hours" is not a cue).
func (x *quoteExtractor) particleEnd(j int) int {
	t := x.toks
	if j+1 >= len(t) || t[j].Kind != text.Word {
		return -1
	}
	lw := x.lw(j)
	p := Particle(lw)
	if p == "" || t[j+1].Kind != text.Word || x.lw(j+1) != p || t[j+1].Start-t[j].End > 1 {
		return -1
	}
	if p != "on" {
		return j + 1
	}
	if j+2 >= len(t) {
		return -1
	}
	n := t[j+2]
	nl := x.lw(j + 2)
	switch {
	case n.Text == "," || n.Text == ":" || isQuoteTok(n.Text) || nl == "that":
		return j + 1
	case nl == "to" && j+3 < len(t) && Cue(x.lw(j+3)) != NotCue:
		return j + 3
	}
	return -1
}
