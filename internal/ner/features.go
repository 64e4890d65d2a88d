package ner

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Feature templates. A feature is the FNV-1a hash of its template number
// and its string parts, so that no feature string is ever built.
const (
	tBias = iota + 1
	tW0
	tWM1
	tWP1
	tWM2
	tWP2
	tSh0
	tShM1
	tShP1
	tSh3
	tPre
	tSuf
	tBiM1
	tBiP1
	tSh0WM1
	tSh0WP1
	tFirstSh0
	tCl
	tClM1
	tClP1
	tClSh0
	tGaz
	tGazSh0
	tDocCase
	tCapsSent
	tWExact
	tP1
	tP2P1
	tP1W0
	tP1Sh0
	tHist
	tHistSh
	tDocMaj
	tDocMajSh
	tLenSh
	tTriM
	tTriP
	tS1
	tS1M1
	tS1P1
	tPartOf
	tClM2
	tClP2
	tSufM1
	tSufP1
	tRunEnd
	tRunStart
	tRunEndCl
	tAggL
	tAggR
	tAggRunEnd
	tRunLen
	tRunEndCl2
	tRunStartCl
	tLex
	tLexSh
	tLexM1
	tLexP1
	tLexRunEnd
	tLexRunStart
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hT(t int) uint64 { return (fnvOffset ^ uint64(t)) * fnvPrime }

func hS(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0xff // separator, so that ("ab","c") and ("a","bc") differ
	return h * fnvPrime
}

func hN(h uint64, n uint64) uint64 {
	h ^= n
	h *= fnvPrime
	h ^= 0xfe
	return h * fnvPrime
}

// tok is a token with the views of it that features read.
type tok struct {
	w     string // as written
	low   string // lower case
	norm  string // lower case, digits folded to 0
	shape string // compressed shape: "Xx", "XX", "d", "Xx-Xx", ...
	cl    uint64 // packed cluster ids (0: unknown word)
	lex   uint8  // type-lexicon code (0: none; see typelex.go)

	hW, hNorm, hShape uint64 // hashes of w, norm and shape
	hLow              uint64 // hash of low: the key of document-level facts about the word
	cap               bool   // starts with an upper-case letter
	first             bool   // first token of its sentence
	// runStart and runEnd bound the run of capitalised words the token
	// is in ("Kenya Power and Lighting Company": the connectors inside a
	// run belong to it), as indexes into its sentence; runEnd < runStart
	// outside runs.
	runStart, runEnd int16
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// normWord folds digits to 0 so that numbers share features.
func normWord(low string) string {
	for i := 0; i < len(low); i++ {
		if isDigitByte(low[i]) && i >= 0 {
			b := []byte(low)
			for j := i; j < len(b); j++ {
				if isDigitByte(b[j]) {
					b[j] = '0'
				}
			}
			return string(b)
		}
	}
	return low
}

// shapeOf maps letters to X/x, digits to d and keeps other characters,
// collapsing runs of the same class, so "McDonald's" is "XxXx'x".
func shapeOf(w string) string {
	var buf [32]byte
	b := buf[:0]
	var last byte
	n := 0
	for _, r := range w {
		var c byte
		switch {
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= '0' && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '*'
		}
		if c == last {
			continue
		}
		last = c
		if n++; n > 12 {
			break
		}
		b = append(b, c)
	}
	return string(b)
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func allUpper(w string) bool {
	letters := false
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters = true
		}
	}
	return letters
}

// docInfo is what a document tells about each of its words.
type docInfo struct {
	sents    [][]tok
	capsSent []bool           // sentences written all in capitals (headlines)
	casing   map[uint64]uint8 // lower-case word (hashed) → how it is written mid-sentence in normal sentences
	gaz      [][][]uint64     // gazetteer features per sentence and token, once computed
	// ctx holds, per capitalised word (hashed lower-case form), the
	// contexts of its mentions in the document, so that each mention
	// sees the words around the others ("Mr Setalvad" says PER of a
	// later "Setalvad said").
	ctx map[uint64][]mentionCtx
}

// mentionCtx is one mention's position and the words beside it.
type mentionCtx struct {
	si, i       int32
	left, right uint64 // hashed norm forms of the neighbours
	runEnd      uint64 // hashed norm form of the last word of its run, or 0
}

// gazetteer returns the gazetteer features of sentence si, computing
// them once per document.
func (d *docInfo) gazetteer(m *Model, si int) [][]uint64 {
	if d.gaz == nil {
		d.gaz = make([][][]uint64, len(d.sents))
	}
	if d.gaz[si] == nil {
		d.gaz[si] = m.gazFeatures(d.sents[si], nil)
	}
	return d.gaz[si]
}

const (
	seenLower uint8 = 1 << iota
	seenTitle
	seenUpper
)

// prepare builds the token views and document-level facts.
func (m *Model) prepare(sents [][]string) *docInfo {
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	// casing has an entry per distinct word, about one per two tokens
	// of news: made that large at once rather than grown step by step.
	d := &docInfo{sents: make([][]tok, len(sents)), capsSent: make([]bool, len(sents)), casing: make(map[uint64]uint8, n/2)}
	for si, s := range sents {
		ts := make([]tok, len(s))
		letters, upper := 0, 0
		for i, w := range s {
			low := strings.ToLower(w)
			t := tok{w: w, low: low, norm: normWord(low), shape: shapeOf(w), cap: startsUpper(w), first: i == 0}
			t.hW, t.hNorm, t.hShape = hS(fnvOffset, w), hS(fnvOffset, t.norm), hS(fnvOffset, t.shape)
			switch {
			case low == w:
				t.hLow = t.hW
			case low == t.norm:
				t.hLow = t.hNorm
			default:
				t.hLow = hS(fnvOffset, low)
			}
			ts[i] = t
			if hasLetter(w) {
				letters++
				if allUpper(w) {
					upper++
				}
			}
		}
		d.sents[si] = ts
		d.capsSent[si] = letters >= 2 && upper == letters
		if !d.capsSent[si] {
			markRuns(ts)
		}
	}
	m.setClusters(d.sents)
	// The contexts of the first mentions of every capitalised word.
	// About one distinct capitalised word per eleven tokens (BBC and
	// CNN/DM dev): room for one per eight.
	d.ctx = make(map[uint64][]mentionCtx, n/8)
	for si, ts := range d.sents {
		if d.capsSent[si] {
			continue
		}
		for i := range ts {
			t := &ts[i]
			if !t.cap || !hasLetter(t.w) || len(d.ctx[t.hLow]) >= maxMentionCtx {
				continue
			}
			c := mentionCtx{si: int32(si), i: int32(i), left: at(ts, i-1).hNorm, right: at(ts, i+1).hNorm}
			if t.runEnd > t.runStart && int(t.runEnd) != i {
				c.runEnd = ts[t.runEnd].hNorm
			}
			d.ctx[t.hLow] = append(d.ctx[t.hLow], c)
		}
	}
	for si, ts := range d.sents {
		if d.capsSent[si] {
			continue
		}
		for i, t := range ts {
			if i == 0 || !hasLetter(t.w) {
				continue
			}
			// A word after an opening quote or a colon may be capitalized
			// for that reason only.
			if p := ts[i-1].w; p == `"` || p == ":" || p == "``" || p == "-" {
				continue
			}
			switch {
			case allUpper(t.w) && len(t.w) > 1:
				d.casing[t.hLow] |= seenUpper
			case t.cap:
				d.casing[t.hLow] |= seenTitle
			default:
				d.casing[t.hLow] |= seenLower
			}
		}
	}
	return d
}

// setClusters sets every token's packed clusters: those of its word as
// written, else of its lower-case form, else 0. The whole document's
// words are looked up at once, so that the table's cache misses overlap
// (see lookup.go).
func (m *Model) setClusters(sents [][]tok) {
	if m.clT == nil || m.clT.n == 0 {
		return
	}
	sc := scratchPool.Get().(*scratch) // its buffers, between documents
	defer scratchPool.Put(sc)
	n := 0
	for _, ts := range sents {
		n += len(ts)
	}
	if cap(sc.keys) < n {
		sc.keys = make([]uint64, 0, n)
	}
	if cap(sc.rows) < n {
		sc.rows, sc.probe = make([]int32, n), make([]uint64, n)
	}
	keys := sc.keys[:0]
	for _, ts := range sents {
		for i := range ts {
			keys = append(keys, ts[i].hW)
		}
	}
	rows := sc.rows[:n]
	m.clT.getAll(keys, rows, sc.probe)
	// The words not found as written, by their lower-case forms, in the
	// same order: their keys overwrite the front of keys.
	keys = keys[:0]
	queued := sc.tokWord[:0] // the document-wide indexes of those words
	k := 0
	for _, ts := range sents {
		for i := range ts {
			t := &ts[i]
			switch {
			case rows[k] >= 0:
				t.cl, t.lex = splitCluster(m.clIDs[rows[k]])
			case t.hLow != t.hW:
				keys, queued = append(keys, t.hLow), append(queued, int32(k))
			}
			k++
		}
	}
	again := rows[:len(keys)] // the rows of the words already resolved are no longer needed
	m.clT.getAll(keys, again, sc.probe)
	k, q := 0, 0
	for _, ts := range sents {
		for i := 0; i < len(ts) && q < len(queued); i++ {
			if int(queued[q]) == k {
				if again[q] >= 0 {
					ts[i].cl, ts[i].lex = splitCluster(m.clIDs[again[q]])
				}
				q++
			}
			k++
		}
	}
	sc.keys, sc.tokWord = keys, queued
}

// runConnectors are the lower-case words that may stand inside a
// capitalised name ("Bank of Kenya", "Kenya Power and Lighting").
var runConnectors = map[string]bool{"of": true, "and": true, "for": true, "the": true, "de": true, "&": true, "on": true, "du": true, "la": true, "del": true, "da": true, "van": true, "von": true, "al": true, "bin": true}

// markRuns sets each token's capitalised run.
func markRuns(ts []tok) {
	for i := range ts {
		ts[i].runStart, ts[i].runEnd = 0, -1
	}
	for i := 0; i < len(ts); {
		if !ts[i].cap || !hasLetter(ts[i].w) || len(ts) > 32000 {
			i++
			continue
		}
		end := i
		for j := i + 1; j < len(ts); j++ {
			t := &ts[j]
			if t.cap && hasLetter(t.w) {
				end = j
				continue
			}
			if !runConnectors[t.low] {
				break
			}
		}
		for j := i; j <= end; j++ {
			ts[j].runStart, ts[j].runEnd = int16(i), int16(end)
		}
		i = end + 1
	}
}

var boundaryTok = tok{w: "<S>", low: "<s>", norm: "<s>", shape: "<S>",
	hW: hS(fnvOffset, "<S>"), hNorm: hS(fnvOffset, "<s>"), hShape: hS(fnvOffset, "<S>")}

func at(ts []tok, i int) *tok {
	if i < 0 || i >= len(ts) {
		return &boundaryTok
	}
	return &ts[i]
}

// staticFeatures appends the hashes of the features of token i that do
// not depend on predicted tags: its word's (wordFeatures), its
// neighbours' words' (neighbourFeatures) and those of its context
// (contextFeatures).
func (m *Model) staticFeatures(fs []uint64, d *docInfo, si, i int, gazF []uint64) []uint64 {
	ts := d.sents[si]
	fs = wordFeatures(fs, &ts[i])
	for _, o := range neighbourOffsets {
		fs = neighbourFeatures(fs, at(ts, i+o), o)
	}
	return m.contextFeatures(fs, d, si, i, gazF)
}

// neighbourOffsets are the positions, relative to a token, of the words
// whose own forms are features of it.
var neighbourOffsets = [4]int{-2, -1, 1, 2}

// neighbourFeatures appends the hashes of the features a token has of
// the word n at offset o from it (one of neighbourOffsets) and of
// nothing else, so that a scorer may sum their weights once per
// distinct word and offset.
func neighbourFeatures(fs []uint64, n *tok, o int) []uint64 {
	switch o {
	case -1, 1:
		w, sh, cl, suf := tWM1, tShM1, tClM1, tSufM1
		if o == 1 {
			w, sh, cl, suf = tWP1, tShP1, tClP1, tSufP1
		}
		fs = append(fs, hN(hT(w), n.hNorm), hN(hT(sh), n.hShape))
		if n.cl != 0 {
			for lv := uint64(0); lv < 3; lv += 2 {
				fs = append(fs, hN(hN(hT(cl), lv), clusterLevel(n.cl, lv)))
			}
		}
		fs = append(fs, hS(hT(suf), suffix3(n.low)))
		if n.lex != 0 {
			lx := tLexM1
			if o == 1 {
				lx = tLexP1
			}
			fs = append(fs, hN(hT(lx), uint64(n.lex)))
		}
	case -2, 2:
		w, cl := tWM2, tClM2
		if o == 2 {
			w, cl = tWP2, tClP2
		}
		fs = append(fs, hN(hT(w), n.hNorm))
		if n.cl != 0 {
			fs = append(fs, hN(hT(cl), clusterLevel(n.cl, 1)))
		}
	}
	return fs
}

// wordFeatures appends the hashes of the features that depend on the
// token's word alone (its forms, shape, affixes and clusters), so that
// a scorer may sum their weights once per distinct word of a document.
func wordFeatures(fs []uint64, t *tok) []uint64 {
	fs = append(fs,
		hT(tBias),
		hN(hT(tW0), t.hNorm),
		hN(hT(tWExact), t.hW),
		hN(hT(tSh0), t.hShape),
	)
	n := len(t.low)
	if n > 15 {
		n = 15
	}
	fs = append(fs, hN(hN(hT(tLenSh), t.hShape), uint64(n)))
	// Affixes of the lower-case word, on rune boundaries.
	low := t.low
	for k, r := 1, 0; k <= 4; k++ {
		for r < len(low) && !utf8.RuneStart(low[r]) {
			r++
		}
		if r >= len(low) {
			break
		}
		_, sz := utf8.DecodeRuneInString(low[r:])
		r += sz
		fs = append(fs, hN(hS(hT(tPre), low[:r]), uint64(k)))
	}
	for k, r := 1, len(low); k <= 5 && r > 0; k++ {
		_, sz := utf8.DecodeLastRuneInString(low[:r])
		r -= sz
		fs = append(fs, hN(hS(hT(tSuf), low[r:]), uint64(k)))
	}
	// Word clusters at three granularities.
	if t.cl != 0 {
		for lv := uint64(0); lv < 3; lv++ {
			fs = append(fs, hN(hN(hT(tCl), lv), clusterLevel(t.cl, lv)))
		}
		fs = append(fs, hN(hN(hT(tClSh0), clusterLevel(t.cl, 1)), t.hShape))
	} else {
		fs = append(fs, hN(hT(tCl), 99))
	}
	return lexFeatures(fs, t)
}

// contextFeatures appends the hashes of the static features of token i
// that depend on more than one word: its word with its neighbours', its
// place in its sentence and run, the document's other mentions and the
// gazetteer entries covering it (gazF).
func (m *Model) contextFeatures(fs []uint64, d *docInfo, si, i int, gazF []uint64) []uint64 {
	ts := d.sents[si]
	t := &ts[i]
	m1, p1, m2, p2 := at(ts, i-1), at(ts, i+1), at(ts, i-2), at(ts, i+2)
	fs = append(fs,
		hN(hN(hN(hT(tSh3), m1.hShape), t.hShape), p1.hShape),
		hN(hN(hT(tBiM1), m1.hNorm), t.hNorm),
		hN(hN(hT(tBiP1), t.hNorm), p1.hNorm),
		hN(hN(hT(tSh0WM1), t.hShape), m1.hNorm),
		hN(hN(hT(tSh0WP1), t.hShape), p1.hNorm),
		hN(hN(hN(hT(tTriM), m2.hNorm), m1.hNorm), t.hShape),
		hN(hN(hN(hT(tTriP), t.hShape), p1.hNorm), p2.hNorm),
	)
	if t.first {
		fs = append(fs, hN(hT(tFirstSh0), t.hShape))
	}
	if t.runEnd > t.runStart {
		// Where the token stands in a run of capitalised words, how long
		// the run is, and its first and last words: "Company" at the end
		// of a run says ORG of "Kenya" four words before it.
		pos := uint64(1)
		switch i {
		case int(t.runStart):
			pos = 0
		case int(t.runEnd):
			pos = 2
		}
		last, first := &ts[t.runEnd], &ts[t.runStart]
		n := min(int(t.runEnd-t.runStart)+1, 5)
		fs = append(fs, hN(hN(hT(tRunEnd), last.hNorm), pos), hN(hN(hT(tRunStart), first.hNorm), pos),
			hN(hN(hT(tRunLen), uint64(n)), t.hShape))
		if last.cl != 0 {
			fs = append(fs, hN(hN(hT(tRunEndCl), clusterLevel(last.cl, 1)), pos), hN(hT(tRunEndCl2), clusterLevel(last.cl, 2)))
		}
		if first.cl != 0 {
			fs = append(fs, hN(hT(tRunStartCl), clusterLevel(first.cl, 1)))
		}
		// The run's last and first words' usual types: "Lighting Company"
		// is an organisation's name wherever it stands.
		if last.lex != 0 {
			fs = append(fs, hN(hN(hT(tLexRunEnd), uint64(last.lex)), pos))
		}
		if first.lex != 0 {
			fs = append(fs, hN(hN(hT(tLexRunStart), uint64(first.lex)), pos))
		}
	}
	if t.cap {
		// The neighbours of the word's other mentions in the document
		// (Ratinov and Roth's context aggregation), and the last word of
		// a longer name they stand in.
		for _, c := range d.ctx[t.hLow] {
			if int(c.si) == si && int(c.i) == i {
				continue
			}
			fs = append(fs, hN(hT(tAggL), c.left), hN(hT(tAggR), c.right))
			if c.runEnd != 0 {
				fs = append(fs, hN(hT(tAggRunEnd), c.runEnd))
			}
		}
	}
	fs = append(fs, gazF...)
	caps := d.capsSent[si]
	if t.cap || caps {
		c, ok := d.casing[t.hLow]
		if !ok {
			c = 8
		}
		fl := uint64(0)
		if caps || t.first {
			fl = 1
		}
		fs = append(fs, hN(hN(hT(tDocCase), uint64(c)), fl))
	}
	if caps {
		fs = append(fs, hN(hT(tCapsSent), t.hShape))
	}
	return fs
}

// gazFeatures returns, for every token of a sentence, the features of
// the gazetteer entries that cover it (category and position in the
// entry). skip, if not nil, removes entries a training document
// contributed itself, so training sees the gazetteer as unseen text will.
func (m *Model) gazFeatures(ts []tok, skip map[uint64]uint32) [][]uint64 {
	out := make([][]uint64, len(ts))
	if m.gazT == nil || m.gazT.n == 0 {
		return out
	}
	// The features are gathered with their tokens first, then cut for
	// each token from one array, rather than grown token by token.
	sc := gazScratchPool.Get().(*gazScratch)
	defer gazScratchPool.Put(sc)
	hits := sc.hits[:0]
	for i := range ts {
		h := ts[i].hLow // hS(fnvOffset, low), as prepare made it
		for l := 1; l <= maxGazLen && i+l <= len(ts); l++ {
			if l > 1 {
				h = hS(h, ts[i+l-1].low)
			}
			v, ok := m.gazT.get(h)
			// No longer phrase starts with these words: stop here.
			more := !m.gazKnowsPrefixes || ok && uint32(v)&gazPrefixBit != 0
			if !ok {
				if !more {
					break
				}
				continue
			}
			mask := uint32(v) &^ gazPrefixBit
			if skip != nil {
				mask &^= skip[h]
			}
			for c := 0; mask != 0; c++ {
				if mask&1 != 0 {
					for j := i; j < i+l; j++ {
						pos := uint64(1) // inside
						switch {
						case l == 1:
							pos = 0
						case j == i:
							pos = 2
						case j == i+l-1:
							pos = 3
						}
						f := hN(hN(hT(tGaz), uint64(c)), pos)
						hits = append(hits, gazHit{j, f, hN(f, ts[j].hShape)})
					}
				}
				mask >>= 1
			}
			if !more {
				break
			}
		}
	}
	sc.hits = hits
	if len(hits) == 0 {
		return out
	}
	if cap(sc.n) < len(ts) {
		sc.n = make([]int, len(ts))
	}
	n := sc.n[:len(ts)]
	clear(n)
	for _, h := range hits {
		n[h.tok] += 2
	}
	all := make([]uint64, 2*len(hits))
	for j, k := range n {
		if k > 0 {
			out[j], all = all[:0:k], all[k:]
		}
	}
	for _, h := range hits {
		out[h.tok] = append(out[h.tok], h.f, h.g)
	}
	return out
}

// gazHit is one gazetteer feature pair of token tok.
type gazHit struct {
	tok  int
	f, g uint64
}

// gazScratch is gazFeatures' working space, pooled between sentences.
type gazScratch struct {
	hits []gazHit
	n    []int // features per token
}

var gazScratchPool = sync.Pool{New: func() any { return new(gazScratch) }}

// gazKey hashes a phrase's lower-case tokens the way gazFeatures does.
func gazKey(words []string) uint64 {
	h := uint64(fnvOffset)
	for _, w := range words {
		h = hS(h, strings.ToLower(w))
	}
	return h
}

const maxGazLen = 6

// maxMentionCtx bounds the mentions of one word whose contexts the
// others see.
const maxMentionCtx = 6

// suffix3 returns the last three bytes of s, or s itself if shorter
// (a cut rune only makes a rarer feature).
func suffix3(s string) string {
	if len(s) > 3 {
		return s[len(s)-3:]
	}
	return s
}

func clusterLevel(cl uint64, lv uint64) uint64 { return (cl >> (20 * lv)) & 0xfffff }

// splitCluster splits a packed cluster value into its clusters and its
// type-lexicon code.
func splitCluster(v uint64) (cl uint64, lex uint8) { return v & clusterMask, uint8(v >> lexShift) }
