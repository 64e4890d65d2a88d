package quotes

import (
	"math"
	"strings"
	"sync"

	"github.com/byline-nlp/byline/internal/text"
)

// The features of a reported clause, in the order of the indirect
// model's weights: its cue's prior and form, its speaker, its content's
// shape, and the learned logits of its lexical contexts.
const (
	gBias = iota
	gPrior
	gPriorLogit
	gPriorAfter
	gPriorBefore
	gThat
	gSpeaker
	gSpeakerPronoun
	gSpeakerName
	gSpeakerDescription
	gPrevBe
	gPrevTo
	gPrevHave
	gPrevWho
	gPrevModal
	gContentLen
	gContentLong
	gContentShort
	gNested
	gCueLexicon
	gCueIng
	gCueEd
	gCueS
	gCueFirst
	gCommaAfter
	gCommaBefore
	gNextDet
	gNextPronoun
	gNextTo
	gNextPrep
	gNextCap
	gNextAdverbish
	gContentCap
	gNoSpeakerAfter
	gApostrophes
	gTrailingCue                                    // the content ends in an attribution of its own: "…, the minister said"
	gObjectSpeaker                                  // the content opens with the inverted cue's speaker: "…, said Ann Lee, a pollster"
	gPastBreak                                      // log(1 + the content's words after its first clause break)
	gSentenceLeft                                   // log(1 + the sentence's words after the content)
	gTaken                                          // the cue also attributes a quotation-mark quote
	gContext                                        // one per context key (contextKeys): its learned logit
	gShape              = gContext + numContextKeys // one per shape
	gEnd                = gShape + numShapes        // one per way of ending
	numIndirectFeatures = gEnd + numEnds
)

// numContextKeys is how many context keys contextKeys makes.
const numContextKeys = 5

// contextKey appends to b the name of candidate c's lexical context i,
// whose rate of being reported speech is learned (indirectTables.context): the
// cue word with the shape and ending (0), with the next word (1), with
// the word before it (2), with the kind of speaker (3), and the shape
// and ending with the first clause break and the word after it (4).
func (x *quoteExtractor) contextKey(b []byte, c *indirectCand, i int) []byte {
	k := c.cue
	w := x.lw(k)
	switch i {
	case 0:
		b = append(append(b, w...), ' ', byte('a'+c.shape), byte('a'+c.end))
	case 1:
		next := "$"
		if k+1 < len(x.toks) {
			next = x.lw(k + 1)
		}
		b = append(append(append(b, w...), " > "...), next...)
	case 2:
		prev := "^"
		if k > 0 {
			prev = x.lw(k - 1)
		}
		b = append(append(append(b, prev...), " < "...), w...)
	case 3:
		b = append(append(b, w...), ' ', c.spKind, byte('a'+c.shape))
	case 4:
		b = append(b, '|', byte('a'+c.shape), byte('a'+c.end), ' ')
		if c.brk < 0 {
			b = append(b, '$')
		} else {
			b = append(append(b, x.toks[c.brk].Text...), ' ')
			if c.brk+1 < len(x.toks) {
				b = append(b, x.lw(c.brk+1)...)
			}
		}
	}
	return b
}

// speakerKind is '-' for no speaker, 'p' for a pronoun, 'n' for a name
// and 'd' for a description.
func (x *quoteExtractor) speakerKind(c *indirectCand) byte {
	if !c.hasSp {
		return '-'
	}
	switch s := c.speaker.Of(x.body); {
	case len(s) <= 4 && Pronoun(lower(s)): // no pronoun is longer
		return 'p'
	case headCapitalised(s):
		return 'n'
	}
	return 'd'
}

// contextKeys returns candidate c's context names as strings.
func (x *quoteExtractor) contextKeys(c *indirectCand) [numContextKeys]string {
	var keys [numContextKeys]string
	for i := range keys {
		keys[i] = string(x.contextKey(nil, c, i))
	}
	return keys
}

// contextLogit returns the learned logit of a context key, 0 when the
// key was too rare to learn.
func contextLogit(key []byte) float64 { return contextByHash()[keyHash(key)] }

// contextByHash is the shipped context table keyed by each key's 64-bit
// FNV-1a hash: a lookup then hashes the key once and compares integers,
// which made the stage measurably faster than string keys. The shipped
// keys' hashes are all distinct (TestContextHashesDistinct); an unseen
// key that collides with one would read its logit, at odds of about
// 10⁻¹⁵ per lookup.
var contextByHash = sync.OnceValue(func() map[uint64]float64 {
	ctx := shippedIndirect().context
	m := make(map[uint64]float64, len(ctx))
	for k, v := range ctx {
		m[keyHash([]byte(k))] = v
	}
	return m
})

// keyHash is the 64-bit FNV-1a hash of b.
func keyHash(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// indirectFeatures fills f with candidate c's features; ctx gives each
// context key's logit.
func (x *quoteExtractor) indirectFeatures(ctx func([]byte) float64, c *indirectCand, f []float64) {
	clear(f)
	for i := 0; i < numContextKeys; i++ {
		if (i == 1 || i == 2) && x.ctxCue == c.cue+1 {
			f[gContext+i] = x.ctxOfCue[i-1]
			continue
		}
		x.keyBuf = x.contextKey(x.keyBuf[:0], c, i)
		f[gContext+i] = ctx(x.keyBuf)
	}
	x.ctxCue, x.ctxOfCue = c.cue+1, [2]float64{f[gContext+1], f[gContext+2]}
	t := x.toks
	k := c.cue
	lw := x.lw(k)
	p := x.prior(k)
	f[gBias] = 1
	f[gTaken] = b2f(c.taken)
	f[gShape+c.shape] = 1
	f[gEnd+c.end] = 1
	f[gPrior] = p
	q := math.Min(math.Max(p, 0.001), 0.999)
	f[gPriorLogit] = math.Log(q / (1 - q))
	if c.shape == shapeAfter || c.shape == shapeSource {
		f[gPriorAfter] = p
	} else {
		f[gPriorBefore] = p
	}
	f[gThat] = b2f(c.hasThat)
	f[gApostrophes] = b2f(c.apostrophes)
	f[gObjectSpeaker] = b2f(c.objectSpeaker)
	switch c.spKind {
	case 'p':
		f[gSpeaker], f[gSpeakerPronoun] = 1, 1
	case 'n':
		f[gSpeaker], f[gSpeakerName] = 1, 1
	case 'd':
		f[gSpeaker], f[gSpeakerDescription] = 1, 1
	default:
		f[gNoSpeakerAfter] = b2f(c.shape == shapeAfter)
	}
	if k > 0 {
		switch pl := x.lw(k - 1); pl {
		case "is", "was", "are", "were", "be", "been", "being":
			f[gPrevBe] = 1
		case "to":
			f[gPrevTo] = 1
		case "has", "have", "had":
			f[gPrevHave] = 1
		case "who", "which":
			f[gPrevWho] = 1
		case "would", "will", "could", "can", "may", "might", "should", "must":
			f[gPrevModal] = 1
		case ",":
			f[gCommaBefore] = 1
		}
	}
	lo, hi := x.tokAt(c.content.Start), x.tokAt(c.content.End)
	n := hi - lo
	f[gContentLen] = math.Log1p(float64(n))
	f[gContentLong] = b2f(n >= 40)
	f[gContentShort] = b2f(n < 5)
	if c.brk >= lo && c.brk < hi {
		f[gPastBreak] = math.Log1p(float64(hi - c.brk - 1))
	}
	if c.sentEnd > hi {
		f[gSentenceLeft] = math.Log1p(float64(c.sentEnd - hi))
	}
	// a strong cue among the content's last six tokens, after a comma
	for m := max(lo, hi-6); m < hi; m++ {
		if m != k && x.prior(m) >= 0.3 {
			for p := m - 1; p >= max(lo, m-4); p-- {
				if t[p].Text == "," {
					f[gTrailingCue] = 1
					break
				}
			}
		}
	}
	strong := x.strong[hi] - x.strong[lo]
	if k >= lo && k < hi && x.prior(k) >= 0.3 {
		strong--
	}
	f[gNested] = b2f(strong > 0)
	if cl := x.cueOf(k); cl == Speech || cl == Addressed || cl == Source {
		f[gCueLexicon] = 1
	}
	f[gCueIng] = b2f(strings.HasSuffix(lw, "ing"))
	f[gCueEd] = b2f(strings.HasSuffix(lw, "ed"))
	f[gCueS] = b2f(strings.HasSuffix(lw, "s"))
	f[gCueFirst] = b2f(k == 0 || isSentEnd(t[k-1].Text))
	if k+1 < len(t) {
		n := t[k+1]
		nl := x.lw(k + 1)
		f[gCommaAfter] = b2f(n.Text == ",")
		f[gNextDet] = b2f(Determiner(nl))
		f[gNextPronoun] = b2f(n.Kind == text.Word && Pronoun(nl))
		f[gNextTo] = b2f(nl == "to")
		switch nl {
		case "of", "about", "for", "on", "in", "with", "at", "by", "from", "into", "over":
			f[gNextPrep] = 1
		}
		f[gNextCap] = b2f(isCapTok(n))
		f[gNextAdverbish] = b2f(isAdverb(nl))
	}
	if c.content.Start < len(x.body) {
		f[gContentCap] = b2f(x.body[c.content.Start] >= 'A' && x.body[c.content.Start] <= 'Z')
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
