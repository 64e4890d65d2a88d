package quotes

import (
	"math"
	"strings"

	"github.com/byline-nlp/byline/internal/text"
)

// build turns the kept segments into Quotes: consecutive kept segments
// that share an attribution and are linked become one quote's parts.
func (x *quoteExtractor) build(out []Quote) []Quote {
	var cur *Quote
	var curAttr qattr
	for i := range x.segs {
		s := &x.segs[i]
		if !s.keep {
			continue
		}
		if cur != nil && s.linkPrev && i > 0 && x.segs[i-1].keep && s.attr.cue == curAttr.cue && s.attr.speaker == curAttr.speaker {
			cur.Parts = append(cur.Parts, text.Span{Start: s.start, End: s.end})
			cur.Span.End = s.end
			if !x.standalone(i) {
				cur.Kind = MixedQuote
			}
			cur.Confidence = math.Max(cur.Confidence, s.prob)
			continue
		}
		out = append(out, Quote{
			Span:        text.Span{Start: s.start, End: s.end},
			Parts:       []text.Span{{Start: s.start, End: s.end}},
			Kind:        DirectQuote,
			SpeakerSpan: text.Span{Start: -1, End: -1},
			CueSpan:     text.Span{Start: -1, End: -1},
			Entity:      -1,
			Confidence:  s.prob,
		})
		cur = &out[len(out)-1]
		curAttr = s.attr
		if !x.standalone(i) {
			cur.Kind = MixedQuote
		}
		if s.attr.ok {
			cur.SpeakerSpan, cur.Speaker = s.attr.speaker, s.attr.speaker.Of(x.body)
			if s.attr.cue.Start >= 0 {
				cur.CueSpan, cur.Cue = s.attr.cue, s.attr.cue.Of(x.body)
			}
		}
	}
	for i := range out {
		q := &out[i]
		texts := make([]string, len(q.Parts))
		for k, p := range q.Parts {
			texts[k] = strings.Trim(x.body[p.Start:p.End], "\"“”„«»‟ \n")
		}
		q.Text = strings.Join(texts, " ")
		if q.Kind == MixedQuote && q.CueSpan.Start >= 0 && q.CueSpan.End <= q.Span.Start {
			// the reported clause runs from after the cue
			q.Span.Start = q.CueSpan.End
			for q.Span.Start < len(x.body) && isSpaceByte(x.body[q.Span.Start]) {
				q.Span.Start++
			}
		}
	}
	return out
}

// indirect finds reported speech without quotation marks: a speaker, a
// cue and a that-clause, in sentences holding no quoted segment.
func (x *quoteExtractor) indirect(out []Quote) []Quote {
	si := 0
	for _, sen := range x.doc.Sentences {
		for si < len(x.segs) && x.segs[si].end <= sen.Start {
			si++
		}
		if si < len(x.segs) && x.segs[si].start < sen.End {
			continue // the sentence holds quotation marks
		}
		toks := sen.Tokens
		for k := 0; k+1 < len(toks); k++ {
			// reporting verbs inside a sentence are lowercase: test the
			// text as is, without lowering every word
			if toks[k].Kind != text.Word || toks[k].Text[0] < 'a' || toks[k].Text[0] > 'z' {
				continue
			}
			c := Cue(toks[k].Text)
			if c != Speech && c != Addressed {
				continue
			}
			// the that-clause follows the cue, or the cue's addressee
			th := k + 1
			if c == Addressed && th < len(toks) && toks[th].Kind == text.Word && lower(toks[th].Text) != "that" {
				th++
			}
			if th >= len(toks)-1 || lower(toks[th].Text) != "that" {
				continue
			}
			ci := sen.First + k
			sp, ok := x.subjectBefore(ci, sen.First)
			if !ok {
				continue
			}
			clause := text.Span{Start: toks[th].Start, End: sen.End}
			out = append(out, Quote{
				Span:        clause,
				Parts:       []text.Span{clause},
				Kind:        IndirectQuote,
				Text:        clause.Of(x.body),
				Speaker:     sp.Of(x.body),
				SpeakerSpan: sp,
				Cue:         toks[k].Text,
				CueSpan:     toks[k].Span,
				Entity:      -1,
				Confidence:  0.5,
			})
			break
		}
	}
	return out
}
