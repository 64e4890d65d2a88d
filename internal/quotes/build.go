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
