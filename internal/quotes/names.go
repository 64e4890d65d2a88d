package quotes

import (
	"sort"

	"github.com/byline-nlp/byline/internal/text"
)

// wholeNames widens each speaker span that is part of a name to the whole
// name, so a speaker never stops inside an entity ("Council" of "The Irish
// Consumers' Council"): first to every entity mention it overlaps, then
// along the run of capitalised words it sits in. A widened span that would
// reach into the quote is left as it was. A quote whose cue is a word of a
// name ("of" in "Australian Institute of Marine Monitoring") is no quote
// and is dropped; the rest are returned in order.
func (x *quoteExtractor) wholeNames(qs []Quote, entities []text.Entity) []Quote {
	var mentions []text.Span
	for _, e := range entities {
		for _, m := range e.Mentions {
			mentions = append(mentions, m.Span)
		}
	}
	sort.Slice(mentions, func(i, j int) bool { return mentions[i].Start < mentions[j].Start })
	inMention := func(s text.Span) bool {
		for k := sort.Search(len(mentions), func(k int) bool { return mentions[k].Start >= s.End }) - 1; k >= 0 && mentions[k].Start > s.Start-longestName; k-- {
			if mentions[k].End > s.Start {
				return true
			}
		}
		return false
	}
	kept := qs[:0]
	for i := range qs {
		q := &qs[i]
		if q.CueSpan.Start >= 0 && q.CueSpan.End > q.CueSpan.Start && (inMention(q.CueSpan) || x.insideName(q.CueSpan)) {
			continue
		}
		kept = append(kept, *q)
		q = &kept[len(kept)-1]
		sp := q.SpeakerSpan
		if sp.Start < 0 || sp.End <= sp.Start || sp.End > len(x.body) {
			continue
		}
		w := sp
		// mentions starting before w ends (names are short: look back
		// no further than a long name's length); those overlapping it
		// widen it
		for k := sort.Search(len(mentions), func(k int) bool { return mentions[k].Start >= w.End }) - 1; k >= 0 && mentions[k].Start > w.Start-longestName; k-- {
			if m := mentions[k]; m.End > w.Start {
				w.Start, w.End = min(w.Start, m.Start), max(w.End, m.End)
			}
		}
		w = x.capitalisedRun(w)
		if w == sp || overlapsSpan(w, q.CueSpan) {
			continue
		}
		clash := false
		for _, p := range q.Parts {
			clash = clash || overlapsSpan(w, p)
		}
		if !clash {
			q.SpeakerSpan, q.Speaker = w, w.Of(x.body)
		}
	}
	return kept
}

// insideName reports whether the cue span s is function words between
// two capitalised words of one name, one space either side ("Institute
// of Marine"); "Smith said Labour …" is no name.
func (x *quoteExtractor) insideName(s text.Span) bool {
	t := x.toks
	first, last := x.tokAt(s.Start), x.tokAt(s.End)-1
	if first < 1 || last+1 >= len(t) || last < first || x.voc.capital[first] {
		return false
	}
	for k := first; k <= last; k++ {
		if t[k].Kind == text.Word && !x.stopAt(k) {
			return false
		}
	}
	return x.voc.capital[first-1] && x.voc.capital[last+1] && !x.stopAt(first-1) &&
		x.body[t[first-1].End:t[first].Start] == " " && x.body[t[last].End:t[last+1].Start] == " "
}

// capitalisedRun widens sp, when its first or last word is capitalised,
// across the capitalised words next to it on the same line, one space
// apart ("Consumers' Council" → "Irish Consumers' Council"); a plural
// possessive apostrophe inside the run is part of it. Function words
// ("The", "But") end the run.
func (x *quoteExtractor) capitalisedRun(sp text.Span) text.Span {
	t := x.toks
	first, last := x.tokAt(sp.Start), x.tokAt(sp.End)-1
	if first >= len(t) || last < first || t[first].Start != sp.Start || t[last].End != sp.End {
		return sp
	}
	nameWord := func(k int) bool {
		return x.voc.capital[k] && !x.stopAt(k) && !Pronoun(x.lw(k)) && x.cueOf(k) == NotCue
	}
	spaced := func(a, b int) bool { return x.body[t[a].End:t[b].Start] == " " }
	const most = 8
	if nameWord(first) {
		for first > 0 && last-first < most {
			switch {
			case nameWord(first-1) && spaced(first-1, first):
				first--
				continue
			case first > 1 && isApostrophe(t[first-1].Text) && t[first-2].End == t[first-1].Start &&
				nameWord(first-2) && spaced(first-1, first):
				first -= 2
				continue
			}
			break
		}
	}
	if nameWord(last) {
		for last+1 < len(t) && last-first < most {
			switch {
			case nameWord(last+1) && spaced(last, last+1):
				last++
				continue
			case last+2 < len(t) && isApostrophe(t[last+1].Text) && t[last].End == t[last+1].Start &&
				nameWord(last+2) && spaced(last+1, last+2):
				last += 2
				continue
			}
			break
		}
	}
	return text.Span{Start: t[first].Start, End: t[last].End}
}

// longestName bounds, in bytes, how far before a speaker an entity
// mention overlapping it may start.
const longestName = 200

func isApostrophe(s string) bool { return s == "'" || s == "’" }

func overlapsSpan(a, b text.Span) bool {
	return b.Start >= 0 && a.Start < b.End && b.Start < a.End
}
