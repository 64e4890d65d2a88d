package quotes

import (
	"maps"
	"math"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/text"
)

// A vocab numbers a document's distinct lowercased words and numbers,
// so that each word's entries in the lexicons (stop words, cue priors,
// strong words) are looked up once per document rather than once per
// token, and counting words is indexing a slice, not a map. Its table
// is open addressing over a slice sized for the document, which costs
// far less to build than a map of strings.
type vocab struct {
	slots []int32 // hash table: a word's id plus one, 0 when empty
	tok   []int32 // per token: its word's id, -1 for punctuation and symbols
	// per token: isCapTok, worked out once here for the stages that ask
	// it of every token
	capital []bool
	words   []string // the lowercased words by id
	hashes  []uint32 // each word's hashWord
	stop    []bool   // whether each word is a stop word
	count   []int32  // how many tokens each word has
	// each word's cue class plus one, 0 until looked up (cueOf)
	cue []CueClass
	// each token's start, for finding the token at a byte offset in a
	// dense array rather than in the tokens; nil when a body past 2 GiB
	// does not fit int32
	starts []int32
	// blocks[b] is the first token starting at or after byte
	// b<<blockShift, so that tokAt searches one block's tokens
	blocks []int32
	toks   []text.Token
	scr    *scratch // where cue's buffer comes from and goes back to
}

// scratch holds one extraction's per-token buffers. Extract takes one
// from scratchPool and puts it back when done, so that a document's
// buffers are cleared, not allocated and collected; nothing it returns
// refers to them.
type scratch struct {
	tok, starts, slots, strong []int32
	capital                    []bool
	blocks                     []int32
	pri                        []float64
	byWord                     []float64 // usePriors: each word's prior
	known                      []bool    // usePriors: whether byWord holds it
	// the vocab's per-word slices, kept for their capacity
	words  []string
	hashes []uint32
	stop   []bool
	count  []int32
	cue    []CueClass
	segs   []qseg         // the extractor's quotation-mark segments
	cands  []indirectCand // scoreIndirect's candidates
	kept   []indirectCand // pickIndirect's choice
	quotes []Quote        // Extract's quotes before inOrder, cleared after
	taken  []bool         // markTaken's cues
	// countSegs' segments and attributions by paragraph
	perPara    []int32
	attributed []bool
}

// release forgets the document s last held (its words are slices of
// its lowercased body) and puts s back in scratchPool.
func (s *scratch) release() {
	clear(s.words[:cap(s.words)])
	s.words = s.words[:0]
	scratchPool.Put(s)
}

// emptied returns b[:0] when it can hold n, else a new slice of that
// capacity.
func emptied[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, 0, n)
	}
	return b[:0]
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// cleared returns b with length n and every element zero, reusing its
// array when large enough.
func cleared[T ~int32 | ~float64 | ~bool | ~uint8](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// newVocab numbers doc's words; low is the body lowercased or ""
// (lowerBody). Its buffers come from s when s is not nil.
func newVocab(doc *text.Document, low string, s *scratch) *vocab {
	if s == nil {
		s = new(scratch)
	}
	// about one token in four is a new word; the table doubles when
	// half full
	size := 64
	for size < len(doc.Tokens)/2 {
		size *= 2
	}
	v := &vocab{
		slots:   cleared(s.slots, size),
		tok:     cleared(s.tok, len(doc.Tokens)),
		capital: cleared(s.capital, len(doc.Tokens)),
		words:   emptied(s.words, size/2),
		hashes:  emptied(s.hashes, size/2),
		stop:    emptied(s.stop, size/2),
		count:   emptied(s.count, size/2),
		toks:    doc.Tokens,
	}
	if len(doc.Body) <= math.MaxInt32 {
		v.starts = cleared(s.starts, len(doc.Tokens))
	}
	for k := range doc.Tokens {
		t := &doc.Tokens[k]
		if v.starts != nil {
			v.starts[k] = int32(t.Start)
		}
		if t.Kind != text.Word && t.Kind != text.Number {
			v.tok[k] = -1
			continue
		}
		// isCapTok, its ASCII case inline
		if t.Text != "" && t.Text[0] < utf8.RuneSelf {
			c := t.Text[0]
			v.capital[k] = t.Kind == text.Word && c >= 'A' && c <= 'Z'
		} else {
			v.capital[k] = isCapTok(*t)
		}
		w := lowerTok(low, *t)
		h := hashWord(w)
		mask := uint32(len(v.slots) - 1)
		i := h & mask
		for {
			s := v.slots[i]
			if s == 0 {
				id := int32(len(v.words))
				v.slots[i] = id + 1
				v.words = append(v.words, w)
				v.hashes = append(v.hashes, h)
				v.stop = append(v.stop, stopHashes.may(h) && stopwords.Is(w))
				v.count = append(v.count, 1)
				v.tok[k] = id
				if 2*len(v.words) > len(v.slots) {
					v.grow()
				}
				break
			}
			if v.hashes[s-1] == h && v.words[s-1] == w {
				v.tok[k] = s - 1
				v.count[s-1]++
				break
			}
			i = (i + 1) & mask
		}
	}
	if v.starts != nil {
		v.blocks = cleared(s.blocks, len(doc.Body)>>blockShift+2)
		k := 0
		for b := range v.blocks {
			for k < len(v.starts) && int(v.starts[k]) < b<<blockShift {
				k++
			}
			v.blocks[b] = int32(k)
		}
		s.blocks = v.blocks
	}
	s.slots, s.tok, s.capital = v.slots, v.tok, v.capital
	s.words, s.hashes, s.stop, s.count = v.words, v.hashes, v.stop, v.count
	v.scr = s
	if v.starts != nil {
		s.starts = v.starts
	}
	return v
}

// tokAt returns the index of the first token that starts at or after
// byte off.
func (v *vocab) tokAt(off int) int {
	if v.starts == nil {
		return sort.Search(len(v.toks), func(i int) bool { return v.toks[i].Start >= off })
	}
	lo, hi := 0, len(v.starts)
	if off <= 0 {
		return 0
	}
	if b := off >> blockShift; b+1 < len(v.blocks) {
		// the answer is at or after the block's first token and at or
		// before the next block's
		lo, hi = int(v.blocks[b]), int(v.blocks[b+1])
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(v.starts[m]) < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// blockShift sets tokAt's blocks to 64 bytes, about ten tokens.
const blockShift = 6

// grow doubles the hash table.
func (v *vocab) grow() {
	v.slots = make([]int32, 2*len(v.slots))
	mask := uint32(len(v.slots) - 1)
	for id, h := range v.hashes {
		i := h & mask
		for v.slots[i] != 0 {
			i = (i + 1) & mask
		}
		v.slots[i] = int32(id) + 1
	}
}

// hashWord is FNV-1a, enough to spread a document's words. (Hashing
// four or eight bytes at a time measured no faster: most words are short
// and this loop inlines.)
func hashWord(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h ^= uint32(w[i])
		h *= 16777619
	}
	return h
}

// id returns the id of the lowercased word w, or -1 when doc lacks it.
func (v *vocab) id(w string) int32 {
	mask := uint32(len(v.slots) - 1)
	h := hashWord(w)
	for i := h & mask; v.slots[i] != 0; i = (i + 1) & mask {
		if s := v.slots[i]; v.hashes[s-1] == h && v.words[s-1] == w {
			return s - 1
		}
	}
	return -1
}

// cueOf returns the cue class of token k's word, Cue(x.lw(k)), looked
// up once per word.
// A word already looked up is answered inline; lookUpCue does the rest.
func (x *quoteExtractor) cueOf(k int) CueClass {
	v := x.voc
	if id := v.tok[k]; id >= 0 && int(id) < len(v.cue) && v.cue[id] != 0 {
		return v.cue[id] - 1
	}
	return x.lookUpCue(k)
}

// lookUpCue is cueOf for a token whose word has not been looked up.
func (x *quoteExtractor) lookUpCue(k int) CueClass {
	v := x.voc
	id := v.tok[k]
	if id < 0 {
		return Cue(x.lw(k))
	}
	if v.cue == nil {
		v.cue = cleared(v.scr.cue, len(v.words))
		v.scr.cue = v.cue
	}
	if v.cue[id] == 0 {
		c := NotCue
		if cueHashes.may(v.hashes[id]) {
			c = Cue(v.words[id])
		}
		v.cue[id] = c + 1
	}
	return v.cue[id] - 1
}

// stopHashes and cueHashes rule out, by the hash the vocab has already
// taken, most words that are neither stop words nor cues.
var (
	stopHashes = hashBitsOf(slices.Values(stopwords.List()))
	cueHashes  = hashBitsOf(maps.Keys(cues))
)

// stopAt reports whether token k is a stop word.
func (x *quoteExtractor) stopAt(k int) bool {
	id := x.voc.tok[k]
	if id < 0 {
		return stopwords.Is(x.lw(k))
	}
	return x.voc.stop[id]
}
