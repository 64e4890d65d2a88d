package extracteval

import (
	"strings"
	"time"
	"unicode"
)

// The metadata match rules behind title_accuracy, author_accuracy and
// date_accuracy. The benchmark defines none, so these are ours; they are
// meant to count a human-acceptable answer as right and a wrong one as
// wrong, not to reward near misses.

// TitleMatch reports whether a predicted title equals the gold one after
// normalisation: case folded, whitespace collapsed (Norm), typographic
// apostrophes, quotes and ellipses written plainly, and quote marks and
// trailing punctuation at either end removed, since annotators kept or
// dropped a headline's final period or its quotes at random, and copied
// either the curly or the straight form.
func TitleMatch(gold, pred string) bool {
	g, p := normTitle(gold), normTitle(pred)
	return g != "" && g == p
}

// typography maps typographic marks to their plain forms.
var typography = strings.NewReplacer("’", "'", "‘", "'", "‚", "'", "“", "\"", "”", "\"", "„", "\"", "…", "...", "–", "-", "—", "-")

func normTitle(s string) string {
	s = typography.Replace(strings.ToLower(Norm(s)))
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '(' || unicode.In(r, unicode.Pi, unicode.Pf)
	})
}

// nameFiller are bylines' words that are not names: "By", "Von",
// "and", "und", "par", "et", "de" as connectors.
var nameFiller = map[string]bool{
	"by": true, "von": true, "and": true, "und": true, "par": true, "et": true,
	"por": true, "y": true, "e": true, "i": true, "oraz": true, "mit": true, "with": true,
}

// nameTokens are a byline's lower-cased word tokens, fillers left out.
func nameTokens(s string) []string {
	var out []string
	for _, t := range Tokens(strings.ToLower(s)) {
		if !nameFiller[t] && t != "_" {
			out = append(out, t)
		}
	}
	return out
}

// AuthorMatch reports whether the predicted authors overlap the gold
// byline by name: at least one word of the gold (case folded, connectors
// such as "by", "von", "and" left out) is a word of a predicted author.
// A single shared name word is enough, because gold bylines are often a
// first name or handle only ("Konstantin") while pages give full names.
func AuthorMatch(gold string, pred []string) bool {
	g := nameTokens(gold)
	if len(g) == 0 {
		return false
	}
	have := map[string]bool{}
	for _, a := range pred {
		for _, t := range nameTokens(a) {
			have[t] = true
		}
	}
	for _, t := range g {
		if have[t] {
			return true
		}
	}
	return false
}

// DateMatch reports whether a predicted time falls on the gold calendar
// day (YYYY-MM-DD), read in the time's own zone: the day the page printed,
// not the UTC day.
func DateMatch(gold string, pred time.Time) bool {
	return gold != "" && !pred.IsZero() && pred.Format("2006-01-02") == gold
}
