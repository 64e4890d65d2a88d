package quotes

import (
	"encoding/binary"
	"maps"
	"math"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/text"
)

// Newsworthiness signals, in the order of quoteScoreWeights.
const (
	sigLength        = iota // content words, rising to a plateau at 12, falling past 40
	sigShort                // 1 for a pull-quote-sized quote (at most 15 content words)
	sigSalience             // the speaker's entity salience or how often the speaker is quoted
	sigPosition             // 1 at the top of the article, 0 at its end
	sigNovelty              // share of the quote's words the rest of the article never uses
	sigLead                 // share of the quote's words that the lead (first 3 sentences) uses
	sigStrong               // claims and strong language
	sigHeadline             // share of the headline's words the quote repeats
	sigNamed                // the speaker is a named person
	sigConfidence           // the extractor's confidence it is a quote
	sigComplete             // a complete statement: a direct quote that opens with a capital and ends a sentence
	sigFragment             // a scare-quoted fragment: a mixed quote of at most 5 content words
	sigNamedComplete        // a complete statement by a named speaker
	sigCentral              // how often the article repeats the quote's words (mean count, to 5)
	sigSentCentral          // the same for the words of the sentence the quote opens in
	sigSentLength           // that sentence's words, rising to 1 at 50
	numQuoteSignals
)

// quoteScoreWeights blend the signals (after a bias) into a logit. They
// were learned on CNN/DailyMail and BBC dev together by a listwise
// softmax over each article's candidates, the two sets weighing the same,
// with the L2 penalty chosen by 5-fold cross-validation by article
// (TestTuneQuoteScore): editors reuse complete statements by named
// speakers, early, whose words (and whose sentence's words) the article
// repeats and the headline shares; a scare-quoted fragment, long quotes
// and novel words weigh against one.
var quoteScoreWeights = [numQuoteSignals]float64{
	sigLength: -2.86, sigShort: -0.12, sigSalience: 0.35, sigPosition: 1.67,
	sigNovelty: -0.38, sigLead: 0.55, sigStrong: -1.5, sigHeadline: 1.98,
	sigNamed: 0.24, sigConfidence: -0.95, sigComplete: -0.48, sigFragment: -0.8,
	sigNamedComplete: 0.98, sigCentral: 1.96, sigSentCentral: 4.32, sigSentLength: 0.89,
}

const quoteScoreBias = -3.0

// quoteContext holds what scoring needs from the whole document, built
// once per call. Words are numbered by the document's vocab.
type quoteContext struct {
	list    []string // the words by id
	counts  []int32  // how often each word occurs in the document (the vocab's counts)
	lead    []bool   // whether each word occurs in the lead
	inTitle []bool   // whether each word is one of the headline's
	title   map[string]bool
	quoted  map[string]int
	voc     *vocab
	strong  []uint8 // whether each word is a strong word: 0 not looked up, 1 no, 2 yes
	// scratch for one quote's word counts, by word id
	inQuote []int32
	touched []int32
	// sentMark[id] is the stamp of the last quote whose sentence counted
	// word id, so that each sentence counts a word once without clearing
	sentMark []int32
	stamp    int32
	// each sentence's signals once measured (sentenceSignals), by
	// sentence index: quotes share sentences
	sentSig []sentenceSig
}

type sentenceSig struct {
	central, length float64
	done            bool
}

func (c *quoteContext) inLead(i int32) bool { return c.lead[i] }

// isStrong reports whether word id is a strong word, looked up when
// first asked: only the quotes' words are.
func (c *quoteContext) isStrong(id int32) bool {
	if c.strong[id] == 0 {
		c.strong[id] = 1 + b2u(strongHashes.may(c.voc.hashes[id]) && Strong(c.list[id]))
	}
	return c.strong[id] == 2
}

// strongHashes rules out, by the hash the vocab has already taken, most
// words that are not strong.
var strongHashes = hashBitsOf(maps.Keys(strong))

func clearedSig(b []sentenceSig, n int) []sentenceSig {
	if cap(b) < n {
		return make([]sentenceSig, n)
	}
	b = b[:n]
	clear(b)
	return b
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// contextPool keeps the contexts' per-word buffers and maps between
// calls, so that scoring clears them instead of allocating them.
var contextPool = sync.Pool{New: func() any {
	return &quoteContext{title: map[string]bool{}, quoted: map[string]int{}}
}}

// newQuoteContext returns the scoring context of doc's quotes qs, from
// contextPool; release gives it back.
func newQuoteContext(doc *text.Document, qs []Quote, v *vocab) *quoteContext {
	n := len(v.words)
	c := contextPool.Get().(*quoteContext)
	c.list, c.voc = v.words, v
	c.counts = v.count
	c.sentSig = clearedSig(c.sentSig, len(doc.Sentences))
	c.lead = cleared(c.lead, n)
	c.inTitle = cleared(c.inTitle, n)
	c.strong = cleared(c.strong, n)
	c.inQuote = cleared(c.inQuote, n)
	c.sentMark, c.stamp = cleared(c.sentMark, n), 0
	c.touched = c.touched[:0]
	leadEnd := len(doc.Body)
	if len(doc.Sentences) > 3 {
		leadEnd = doc.Sentences[2].End
	}
	// the tokens of the lead come first: tokens [0, leadTok) end in it
	leadTok := sort.Search(len(doc.Tokens), func(k int) bool { return doc.Tokens[k].End > leadEnd })
	for _, id := range v.tok[:leadTok] {
		if id >= 0 && !v.stop[id] {
			c.lead[id] = true
		}
	}
	for _, t := range doc.TitleTokens {
		if t.Kind == text.Word || t.Kind == text.Number {
			if lw := lower(t.Text); !stopwords.Is(lw) {
				c.title[lw] = true
				if id := v.id(lw); id >= 0 {
					c.inTitle[id] = true
				}
			}
		}
	}
	for _, q := range qs {
		if q.Person != "" {
			c.quoted[q.Person]++
		}
	}
	return c
}

// release puts c back in contextPool, holding no document's words.
func (c *quoteContext) release() {
	c.list, c.voc, c.counts = nil, nil, nil
	clear(c.title)
	clear(c.quoted)
	contextPool.Put(c)
}

// lowerBody returns doc.Body lowercased when lowercasing keeps every
// byte offset (it does for ASCII and nearly all text), so that a token's
// lowercase form is a slice of it, not an allocation; else "".
func lowerBody(doc *text.Document) string {
	body := doc.Body
	b := make([]byte, len(body))
	for i := 0; i < len(body); {
		// eight ASCII bytes at a time: a byte in 'A'..'Z' gets 0x20
		if i+8 <= len(body) {
			w := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(body[i:]), 8))
			if w&highBits == 0 {
				binary.LittleEndian.PutUint64(b[i:], lowerASCII8(w))
				i += 8
				continue
			}
			// the ASCII bytes before the first that is not: lowering
			// the word gets them right (a carry only reaches the bytes
			// after it), and the bytes it writes past them are written
			// again below
			if n := bits.TrailingZeros64(w&highBits) / 8; n > 0 {
				binary.LittleEndian.PutUint64(b[i:], lowerASCII8(w))
				i += n
			}
		}
		c := body[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(body[i:])
		l := unicode.ToLower(r)
		if r == utf8.RuneError && size == 1 || utf8.RuneLen(l) != size {
			return "" // lowercasing would move the offsets after it
		}
		utf8.EncodeRune(b[i:], l)
		i += size
	}
	// b is never written again: it becomes the string without a copy,
	// as strings.Builder does
	low := unsafe.String(unsafe.SliceData(b), len(b))
	for k := range doc.Tokens {
		if t := &doc.Tokens[k]; t.End > len(low) || len(t.Text) != t.End-t.Start {
			return ""
		}
	}
	return low
}

// highBits has the high bit of each of a word's eight bytes.
const highBits = 0x8080808080808080

// lowerASCII8 lowercases the eight ASCII bytes of w: a byte in 'A'..'Z'
// gets 0x20.
func lowerASCII8(w uint64) uint64 {
	atLeastA := w + 0x3f3f3f3f3f3f3f3f // high bit set where the byte is >= 'A'
	pastZ := w + 0x2525252525252525    // high bit set where the byte is > 'Z'
	return w | (atLeastA&^pastZ&highBits)>>2
}

// lowerTok returns token t lowercased, from low when it is available.
func lowerTok(low string, t text.Token) string {
	if low != "" {
		return low[t.Start:t.End]
	}
	return lower(t.Text)
}

// quoteSignals measures one quote's newsworthiness signals.
func quoteSignals(doc *text.Document, entities []text.Entity, c *quoteContext, q *Quote) (sig [numQuoteSignals]float64, words int, ok bool) {
	inQuote := c.inQuote
	c.touched = c.touched[:0]
	n, strong := 0, 0
	toks, ids, stop := doc.Tokens, c.voc.tok, c.voc.stop
	for _, p := range q.Parts {
		lo := c.voc.tokAt(p.Start)
		for k := lo; k < len(toks) && toks[k].End <= p.End; k++ {
			t := &toks[k]
			if t.Text == "!" {
				strong++
			}
			if t.Kind != text.Word && t.Kind != text.Number {
				continue
			}
			id := ids[k]
			if c.isStrong(id) {
				strong++
			}
			if stop[id] {
				continue
			}
			n++
			if inQuote[id] == 0 {
				c.touched = append(c.touched, id)
			}
			inQuote[id]++
		}
	}
	// the counts are cleared for the next quote however this one ends
	defer func() {
		for _, id := range c.touched {
			inQuote[id] = 0
		}
	}()
	if n == 0 {
		return sig, 0, false
	}
	length := math.Min(float64(n), 12) / 12
	if n > 40 {
		length -= math.Min(float64(n-40)/40, 0.5)
	}
	sig[sigLength] = length
	if n <= 15 {
		sig[sigShort] = 1
	}
	if q.Entity >= 0 && q.Entity < len(entities) {
		sig[sigSalience] = entities[q.Entity].Salience
	} else if q.Person != "" {
		sig[sigSalience] = math.Min(float64(c.quoted[q.Person])/3, 1)
	}
	sig[sigPosition] = 1 - float64(q.Span.Start)/float64(len(doc.Body)+1)
	novel, lead, head := 0, 0, 0
	central := 0.0
	for _, id := range c.touched {
		k, count := int(inQuote[id]), int(c.counts[id])
		central += math.Min(float64(count-k), 5) / 5
		if count <= k {
			novel++
		}
		if c.inLead(id) {
			lead++
		}
		if c.inTitle[id] {
			head++
		}
	}
	distinct := float64(len(c.touched))
	sig[sigNovelty] = float64(novel) / distinct
	sig[sigCentral] = central / distinct
	sig[sigLead] = float64(lead) / distinct
	sig[sigStrong] = math.Min(float64(strong)/3, 1)
	if len(c.title) > 0 {
		sig[sigHeadline] = float64(head) / float64(len(c.title))
	}
	if q.Person != "" {
		sig[sigNamed] = 1
	}
	sig[sigConfidence] = q.Confidence
	sig[sigSentCentral], sig[sigSentLength] = c.sentenceSignals(doc, q.Parts[0].Start)
	complete := q.Kind == DirectQuote && completeStatement(doc.Body, q)
	sig[sigComplete] = b2f(complete)
	sig[sigFragment] = b2f(q.Kind == MixedQuote && n <= 5)
	sig[sigNamedComplete] = b2f(complete && q.Person != "" && headCapitalised(q.Person))
	return sig, n, true
}

// sentenceSignals measures the sentence holding byte off: how often the
// article repeats its distinct content words (mean of the other
// occurrences, to 5, over 5) and its length in words (to 50, over 50).
// A sentence that carries the story's words is one an editor lifts.
func (c *quoteContext) sentenceSignals(doc *text.Document, off int) (central, length float64) {
	si := doc.SentenceAt(off)
	if si < 0 {
		return 0, 0
	}
	if m := c.sentSig[si]; m.done {
		return m.central, m.length
	}
	defer func() { c.sentSig[si] = sentenceSig{central, length, true} }()
	c.stamp++
	s := doc.Sentences[si]
	words, distinct := 0, 0
	for k := s.First; k < s.First+len(s.Tokens); k++ {
		if doc.Tokens[k].Kind != text.Word {
			continue
		}
		words++
		id := c.voc.tok[k]
		if id < 0 || c.voc.stop[id] || c.sentMark[id] == c.stamp {
			continue
		}
		c.sentMark[id] = c.stamp
		distinct++
		central += float64(min(c.counts[id]-1, 5)) / 5
	}
	if distinct > 0 {
		central /= float64(distinct)
	}
	return central, float64(min(words, 50)) / 50
}

// completeStatement reports whether q's quoted text reads as a whole
// statement: it opens with a capital letter and its last part ends with
// a sentence's (or, before its attribution, a comma's) punctuation.
func completeStatement(body string, q *Quote) bool {
	first := strings.TrimLeft(q.Parts[0].Of(body), "\"“„«‟ '‘")
	r, _ := utf8.DecodeRuneInString(first)
	if !unicode.IsUpper(r) {
		return false
	}
	last := strings.TrimRight(q.Parts[len(q.Parts)-1].Of(body), "\"”»‟ '’\n")
	if last == "" {
		return false
	}
	switch last[len(last)-1] {
	case '.', '!', '?', ',':
		return true
	}
	return strings.HasSuffix(last, "…")
}

// scoreQuotes gives each quote its newsworthiness in [0, 1], a logistic
// blend of the signals an editor picking a pull quote weighs: who says it
// (salience), where (early is news), how long (a sentence, not a word),
// whether its words are the story's or new, whether it claims something
// in strong words, and whether it speaks to the headline.
func scoreQuotes(doc *text.Document, entities []text.Entity, qs []Quote, v *vocab) {
	if len(qs) == 0 {
		return
	}
	c := newQuoteContext(doc, qs, v)
	defer c.release()
	for i := range qs {
		q := &qs[i]
		sig, words, ok := quoteSignals(doc, entities, c, q)
		if !ok {
			q.Score = 0
			continue
		}
		z := quoteScoreBias
		for k, v := range sig {
			z += quoteScoreWeights[k] * v
		}
		q.Score = 1 / (1 + math.Exp(-z))
		// a pull quote is quoted words that say something: an indirect
		// quote has none to pull, and a fragment of fewer than
		// pullQuoteWords content words ("constructive discussions") says
		// too little, so both rank below every quote that can be one
		if q.Kind == IndirectQuote || words < pullQuoteWords {
			q.Score *= notPullQuote
		}
	}
}

// pullQuoteWords is the fewest content words a pull quote has (as for
// the candidates of evaluate quote-rank, on which the weights were
// learned), and notPullQuote scales the score of a quote that cannot be
// one: such quotes keep their own order, below most that can.
const (
	pullQuoteWords = 4
	notPullQuote   = 0.25
)
