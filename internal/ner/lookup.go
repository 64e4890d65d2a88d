package ner

import "sync"

// Tagging is bound by memory latency, not arithmetic: every feature of
// every token is a probe into a table of hundreds of thousands of slots
// and then a read of its weight row, and almost every one misses the
// cache. Looked up one at a time, each feature waits for its slot and
// then for its row before the next starts. The functions here look up a
// whole sentence's static features in passes whose loads do not depend
// on one another, so that the processor has many misses in flight at
// once: first the slot each key hashes to, for every key, without a
// branch; then what the slots hold; then the weight rows.

// firstProbe is the slot a key is first looked for in (table and rowTable
// hash alike).
func firstProbe(k, mask uint64) uint64 { return (k ^ k>>29) & mask }

// probeBatch is how many keys getAll probes before it resolves them:
// enough for many loads in flight, few enough that the cache lines they
// brought in (16 KiB) are still in the first-level cache when a key's
// first slot is taken by another and the probe goes on.
const probeBatch = 256

// getAll sets rows[i] to the row of keys[i], or -1 when the table does
// not hold it. probe is scratch of len(keys).
func (t *rowTable) getAll(keys []uint64, rows []int32, probe []uint64) {
	for len(keys) > probeBatch {
		t.getBatch(keys[:probeBatch], rows, probe)
		keys, rows = keys[probeBatch:], rows[probeBatch:]
	}
	t.getBatch(keys, rows, probe)
}

func (t *rowTable) getBatch(keys []uint64, rows []int32, probe []uint64) {
	slots, mask := t.slots, t.mask
	probe = probe[:len(keys)]
	for i, k := range keys {
		probe[i] = slots[firstProbe(k, mask)]
	}
	rows = rows[:len(keys)]
	for i, k := range keys {
		switch s := probe[i]; {
		case s == 0:
			rows[i] = -1
		case s>>rowBits == fingerprint(k):
			rows[i] = int32(s & (maxRows - 1))
		default: // another key in the first slot: probe on
			r, ok := t.get(k)
			if !ok {
				r = -1
			}
			rows[i] = r
		}
	}
}

// getAll is rowTable.getAll for table; probe holds the first slots' keys.
func (t *table) getAll(keys []uint64, rows []int32, probe []uint64) {
	for len(keys) > probeBatch {
		t.getBatch(keys[:probeBatch], rows, probe)
		keys, rows = keys[probeBatch:], rows[probeBatch:]
	}
	t.getBatch(keys, rows, probe)
}

func (t *table) getBatch(keys []uint64, rows []int32, probe []uint64) {
	slots, mask := t.slots, t.mask
	probe = probe[:len(keys)]
	for i, k := range keys {
		probe[i] = slots[firstProbe(fixKey(k), mask)].key
	}
	rows = rows[:len(keys)]
	for i, k := range keys {
		switch s, fk := probe[i], fixKey(k); {
		case s == 0:
			rows[i] = -1
		case s == fk:
			rows[i] = slots[firstProbe(fk, mask)].val
		default:
			r, ok := t.get(k)
			if !ok {
				r = -1
			}
			rows[i] = r
		}
	}
}

// staticScorer sums the weights of each token's static features, a
// sentence at a time; its buffers are reused from sentence to sentence,
// and from document to document through scratchPool.
type staticScorer struct {
	passWeights
	span int // the span weights of a row from base are summed (a pass's nc, or more)
	*scratch
}

type scratch struct {
	keys   []uint64 // the sentence's feature hashes, token after token
	ends   []int    // token i's features end at keys[ends[i]]
	rows   []int32
	probe  []uint64
	scores []int32 // span per token

	// Words' own features (wordFeatures) and those they give the words
	// beside them (neighbourFeatures) are scored once per distinct word
	// of a document: words[w] is the index of w's roles·span sums in
	// wordScores, its own and then one per neighbour offset. Most of a
	// story's tokens repeat an earlier word.
	words      map[string]int32
	boundary   int32 // the index of the sentence boundary, or -1
	wordScores []int32
	tokWord    []int32 // the word index of each token of the sentence
	newWords   []int32 // the words first seen in the sentence, in order
}

// roles are the sums kept per word: its own features', then those it
// gives a word at each of neighbourOffsets.
const roles = 1 + len(neighbourOffsets)

// scratchPool holds staticScorers' buffers between documents: tagging
// one allocates none once the longest sentence has been seen.
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledWords bounds the word map a pooled scratch keeps, so that one
// huge document does not pin a large map for every later one.
const maxPooledWords = 1 << 14

// newStaticScorer returns a scorer over one pass's weights, summing span
// weights of each row from the pass's base (nc for that pass alone, 2·nc
// for it and the next over the joint table); call release when done.
func (m *Model) newStaticScorer(pw passWeights, span int) staticScorer {
	sc := scratchPool.Get().(*scratch)
	if sc.words == nil {
		sc.words = map[string]int32{}
	}
	sc.wordScores = sc.wordScores[:0]
	sc.boundary = -1
	return staticScorer{passWeights: pw, span: span, scratch: sc}
}

// release returns the scorer's buffers to the pool.
func (s *staticScorer) release() {
	if len(s.words) > maxPooledWords {
		s.words = nil
	} else {
		clear(s.words) // no document's strings are kept alive by the pool
	}
	scratchPool.Put(s.scratch)
	s.scratch = nil
}

// sentence returns the static scores of sentence si, span per token, valid
// until the next call. gz are the sentence's gazetteer features. The
// scores are sums of int32s, so summing a word's own and neighbour
// features once per word and the rest per token gives what summing them
// all per token would.
func (s *staticScorer) sentence(m *Model, d *docInfo, si int, gz [][]uint64) []int32 {
	ts := d.sents[si]
	if n := 64 * len(ts); cap(s.keys) < n { // tokens have 30 to 60 features
		s.keys = make([]uint64, 0, n)
	}
	s.keys, s.ends = s.keys[:0], s.ends[:0]
	s.tokWord, s.newWords = s.tokWord[:0], s.newWords[:0]
	for i := range ts {
		s.keys = m.contextFeatures(s.keys, d, si, i, gz[i])
		s.ends = append(s.ends, len(s.keys))
	}
	ctxEnd := len(s.keys)
	// Then the features of the words not seen before, each word's
	// roles ending at keys[ends[len(ts)+roles·j+r]] for the j-th new word.
	span := s.span
	addWord := func(t *tok) int32 {
		wi := int32(len(s.wordScores) / (roles * span))
		s.wordScores = append(s.wordScores, make([]int32, roles*span)...)
		s.newWords = append(s.newWords, wi)
		s.keys = wordFeatures(s.keys, t)
		s.ends = append(s.ends, len(s.keys))
		for _, o := range neighbourOffsets {
			s.keys = neighbourFeatures(s.keys, t, o)
			s.ends = append(s.ends, len(s.keys))
		}
		return wi
	}
	if s.boundary < 0 {
		s.boundary = addWord(&boundaryTok)
	}
	for i := range ts {
		t := &ts[i]
		wi, ok := s.words[t.w]
		if !ok {
			wi = addWord(t)
			s.words[t.w] = wi
		}
		s.tokWord = append(s.tokWord, wi)
	}
	if cap(s.rows) < len(s.keys) {
		s.rows, s.probe = make([]int32, cap(s.keys)), make([]uint64, cap(s.keys))
	}
	s.getAll(s.keys, s.rows, s.probe)
	w, width := s.w[s.base:], s.width
	start, e := ctxEnd, len(ts)
	for _, wi := range s.newWords {
		for r := range roles {
			end := s.ends[e]
			o := (int(wi)*roles + r) * span
			addRows(s.wordScores[o:o+span], w, width, s.rows[start:end])
			start, e = end, e+1
		}
	}
	if n := span * len(ts); cap(s.scores) < n {
		s.scores = make([]int32, n)
	}
	s.scores = s.scores[:span*len(ts)]
	start = 0
	for i, end := range s.ends[:len(ts)] {
		sc := s.scores[i*span : i*span+span]
		o := int(s.tokWord[i]) * roles * span
		copy(sc, s.wordScores[o:o+span])
		for r, off := range neighbourOffsets {
			wi := s.boundary
			if j := i + off; j >= 0 && j < len(ts) {
				wi = s.tokWord[j]
			}
			o := (int(wi)*roles + 1 + r) * span
			addSums(sc, s.wordScores[o:o+span])
		}
		addRows(sc, w, width, s.rows[start:end])
		start = end
	}
	return s.scores
}

// addRow adds a weight row to scores (len(scores) ≥ len(row)). It is the
// innermost loop of tagging, run for every feature of every token, so it
// works in blocks of sixteen through array pointers: one bounds check
// and one step of the slices per block, none per weight (a row is nc or
// 2·nc weights, 17 or 34 for four types). The sums are of integers and
// so the same in any order.
func addRow(scores []int32, row []int16) {
	sc := scores[:len(row)]
	for len(row) >= 16 {
		r, s := (*[16]int16)(row), (*[16]int32)(sc)
		s[0] += int32(r[0])
		s[1] += int32(r[1])
		s[2] += int32(r[2])
		s[3] += int32(r[3])
		s[4] += int32(r[4])
		s[5] += int32(r[5])
		s[6] += int32(r[6])
		s[7] += int32(r[7])
		s[8] += int32(r[8])
		s[9] += int32(r[9])
		s[10] += int32(r[10])
		s[11] += int32(r[11])
		s[12] += int32(r[12])
		s[13] += int32(r[13])
		s[14] += int32(r[14])
		s[15] += int32(r[15])
		row, sc = row[16:], sc[16:]
	}
	for c, r := range row {
		sc[c] += int32(r)
	}
}

// addRows adds to scores the first len(scores) weights of each row r of
// w (r·width on) for r in rows, skipping -1: addRow for a token's static
// features, with the block loop inline rather than a call per row.
func addRows(scores []int32, w []int16, width int, rows []int32) {
	for _, r := range rows {
		if r < 0 {
			continue
		}
		o := int(r) * width
		row, sc := w[o:o+len(scores)], scores
		for len(row) >= 16 {
			v, s := (*[16]int16)(row), (*[16]int32)(sc)
			s[0] += int32(v[0])
			s[1] += int32(v[1])
			s[2] += int32(v[2])
			s[3] += int32(v[3])
			s[4] += int32(v[4])
			s[5] += int32(v[5])
			s[6] += int32(v[6])
			s[7] += int32(v[7])
			s[8] += int32(v[8])
			s[9] += int32(v[9])
			s[10] += int32(v[10])
			s[11] += int32(v[11])
			s[12] += int32(v[12])
			s[13] += int32(v[13])
			s[14] += int32(v[14])
			s[15] += int32(v[15])
			row, sc = row[16:], sc[16:]
		}
		sc = sc[:len(row)]
		for c, v := range row {
			sc[c] += int32(v)
		}
	}
}

// addSums adds src to dst (len(dst) ≥ len(src)) in blocks of sixteen, as
// addRow does: a word's neighbour sums, added to every token beside it.
func addSums(dst, src []int32) {
	d := dst[:len(src)]
	for len(src) >= 16 {
		a, b := (*[16]int32)(d), (*[16]int32)(src)
		a[0] += b[0]
		a[1] += b[1]
		a[2] += b[2]
		a[3] += b[3]
		a[4] += b[4]
		a[5] += b[5]
		a[6] += b[6]
		a[7] += b[7]
		a[8] += b[8]
		a[9] += b[9]
		a[10] += b[10]
		a[11] += b[11]
		a[12] += b[12]
		a[13] += b[13]
		a[14] += b[14]
		a[15] += b[15]
		d, src = d[16:], src[16:]
	}
	for c, v := range src {
		d[c] += v
	}
}
