// Package keyphrase is the machinery behind byline.KeyPhrases: candidate
// phrases (runs of up to three content words), their features (frequency,
// position, spread, headline, news IDF, capitalization, nesting, entity
// salience) and the learned linear scorer that ranks them. It works on a
// neutral Input so that the public package and the weight tuner share
// one implementation. Everything here is safe for concurrent use: an
// Input is read only, and each call allocates its own scratch.
package keyphrase

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	newsidf "github.com/byline-nlp/byline/internal/idf"
	"github.com/byline-nlp/byline/internal/lexicon"
	"github.com/byline-nlp/byline/internal/stopwords"
	"github.com/byline-nlp/byline/internal/text"
)

// MaxWords caps a candidate's length in tokens: longer runs are lists or
// headlines, and few editors' tags are longer.
const MaxWords = 3

// Kind is a token's shape: byline.TokenKind itself.
type Kind = text.TokenKind

// A Token is one body or headline token: the Document's own, so that
// the public package passes its tokens without copying them. Its span
// is unused for the headline.
type Token = text.Token

// An Entity is a named entity the caller found: a candidate whose key
// is its name's or an alias's names it (the most salient one, if several
// do).
type Entity struct {
	Name     string
	Aliases  []string
	Salience float64
}

// An Input is a document as the key-phrase ranker sees it.
type Input struct {
	Body      string
	Title     []Token
	Tokens    []Token
	Sentences []int // the index into Tokens of each sentence's first token
	Entities  []Entity
	// Forms, when not nil, are the document's word forms, already
	// lower-cased and stemmed by an earlier stage; TokenForms and
	// TitleForms give each token's index into them (-1 for tokens that
	// are not words or numbers), and NumKeys how many distinct keys they
	// have. Without them the ranker builds its own.
	Forms                  []lexicon.Form
	TokenForms, TitleForms []int32
	NumKeys                int
}

// Feature indices.
const (
	FBias       = iota
	FLogTF      // ln(1+tf)
	FTFRel      // tf over the document's highest candidate tf
	FTFPer100   // tf per hundred tokens
	FFirst      // first occurrence, as a share of the body's tokens
	FFirstSent  // first occurs in the first sentence
	FSpread     // last minus first occurrence, as a share of the body
	FSentShare  // share of sentences holding it
	FInTitle    // every word is in the headline
	FTitle      // share of its words in the headline
	FOne        // one word
	FTwo        // two words
	FIDF        // mean news IDF of its words, over the table's highest
	FIDFMin     // lowest news IDF of its words, likewise
	FCap        // share of its non-initial occurrences that are capitalized
	FAcronym    // an all-capitals word
	FSuper      // ln(1+tf) of the most frequent longer candidate holding it, over its own
	FCohesion   // tf over the lowest tf of its words (multi-word only)
	FVerbish    // ends in -ly, -ing or -ed
	FNumber     // holds a digit
	FWeak       // holds a word byline's own stop list drops (broader than NLTK's): "new", "state", "often"
	FFiller     // holds a reporting verb, weekday or day word: "said", "Friday", "today"
	FOneTF      // FOne × FLogTF: a lone word must be frequent to be a tag
	FOneFirst   // FOne × FFirst
	FOneIDF     // FOne × FIDF
	FOneCap     // FOne × FCap
	FTFFirst    // FLogTF × FFirst
	FPrior      // keyphraseness: the smoothed share of training articles holding it where it was tagged
	FPriorSeen  // how many training articles held it, as seen/(seen+4)
	FPriorWords // mean FPrior of its words, each as a phrase of its own
	NumFeatures
)

// FeatureNames names the features, for the tuner's report.
var FeatureNames = [NumFeatures]string{"bias", "logtf", "tfrel", "tfper100", "first", "firstsent", "spread",
	"sentshare", "intitle", "title", "one", "two", "idf", "idfmin", "cap", "acronym", "super", "cohesion",
	"verbish", "number", "weak", "filler", "onetf", "onefirst", "oneidf", "onecap", "tffirst", "prior", "priorseen", "priorwords"}

// A Candidate is one distinct phrase of the document.
type Candidate struct {
	Key      string   // the phrase's identity: its lower-cased [a-z0-9]+ pieces, Porter-stemmed, space-joined
	WordKeys []string // each word's own key; Key joins them
	Words    int
	Spans    [][2]int // occurrences in Body
	F        [NumFeatures]float64
	Entity   int // index into Input.Entities, or -1
	body     string
	tf       int
	keyStart int
	keyEnd   int
	ids      [MaxWords]int32
	first    int
	last     int
	capOcc   int
	initOcc  int
	sents    int
	lastSent int
	superTF  int
}

// Form returns the candidate's most frequent surface form, preferring on
// a tie the one with more capitals, then the lexically first.
func (c *Candidate) Form() string {
	forms := map[string]int{}
	for _, sp := range c.Spans {
		if sp[0] >= 0 && sp[1] <= len(c.body) && sp[0] <= sp[1] {
			forms[oneLine(c.body[sp[0]:sp[1]])]++
		}
	}
	best, bc := "", -1
	for f, n := range forms {
		if n > bc || n == bc && (capitals(f) > capitals(best) || capitals(f) == capitals(best) && f < best) {
			best, bc = f, n
		}
	}
	return best
}

// tally is a candidate's counts while the text is read.
type tally struct {
	ids                                                      [MaxWords]int32
	words, first, last, tf, capOcc, initOcc, sents, lastSent int32
}

// word is what the ranker knows of one distinct token text.
type word struct {
	id      int32
	content bool
	key     string  // the protocol pieces, stemmed, space-joined
	idf     float64 // news IDF over the table's top
	acronym bool
	verbish bool
	digit   bool
	weak    bool
	filler  bool
	inTitle bool // every piece of its key is in the headline
}

// Candidates returns the document's candidate phrases with their
// features, in order of first occurrence, keyphraseness from
// DefaultPrior.
func Candidates(in *Input) []*Candidate { return CandidatesWith(in, DefaultPrior()) }

// CandidatesWith is Candidates with the given prior (nil: none).
func CandidatesWith(in *Input, p *Prior) []*Candidate {
	if len(in.Tokens) == 0 {
		return nil
	}
	idfTop := newsidf.IDF("\x00")
	n := len(in.Tokens)
	// Each word token's form: given, or found here.
	forms, numKeys := in.Forms, in.NumKeys
	tokForm := make([]int32, n)
	var lex *lexicon.Lexicon
	if forms == nil {
		lex = lexicon.New(n)
	}
	for i := range in.Tokens {
		t := &in.Tokens[i]
		tokForm[i] = -1
		if t.Kind == text.Word || t.Kind == text.Number && strings.Contains(t.Text, "-") && hasLetter(t.Text) {
			if lex != nil {
				tokForm[i] = lex.Add(t.Text)
			} else {
				tokForm[i] = in.TokenForms[i]
			}
		}
	}
	if lex != nil {
		forms, numKeys = lex.Forms, lex.NumKeys()
	}
	titleKeys := map[string]bool{}
	for ti, t := range in.Title {
		if t.Kind == text.Word || t.Kind == text.Number {
			key := ""
			if in.Forms != nil {
				key = in.Forms[in.TitleForms[ti]].Key
			} else {
				key = Norm(t.Text)
			}
			for rest := key; rest != ""; {
				var piece string
				piece, rest, _ = strings.Cut(rest, " ")
				if piece != "" {
					titleKeys[piece] = true
				}
			}
		}
	}
	// Words are told apart by surface form for their own properties but
	// share an id per key, so that "Ferry" and "ferry" are one candidate;
	// a key's properties are those of its first form in the body.
	slabWords := make([]word, len(forms))
	seen := make([]bool, len(forms))
	byID := make([]*word, numKeys)
	lookup := func(fi int32) *word {
		w := &slabWords[fi]
		if seen[fi] {
			return w
		}
		seen[fi] = true
		f := &forms[fi]
		text, low := f.Text, f.Lower
		w.key = f.Key
		w.id = f.KeyID
		w.content = isContent(text, low) && w.key != ""
		if byID[w.id] == nil {
			byID[w.id] = w
		}
		if w.content {
			w.idf = idfOf(w.key, low) / idfTop
			w.acronym = utf8.RuneCountInString(text) >= 2 && upperAlready(text) && hasLetter(text)
			w.verbish = strings.HasSuffix(low, "ly") || strings.HasSuffix(low, "ing") || strings.HasSuffix(low, "ed")
			w.digit = hasDigit(text)
			w.weak = stopwords.Is(low)
			w.filler = filler[low]
			w.inTitle = true
			for rest := w.key; rest != "" && w.inTitle; {
				var piece string
				piece, rest, _ = strings.Cut(rest, " ")
				w.inTitle = titleKeys[piece]
			}
		}
		return w
	}
	words := make([]*word, n)
	for i, fi := range tokForm {
		if fi >= 0 {
			words[i] = lookup(fi)
		}
	}
	// Candidates live in one slab and their occurrences in another, so
	// that a document costs a handful of allocations, not a few per
	// candidate; the map holds slab indices, keyed by word ids.
	type occ struct {
		cand int32
		span [2]int
	}
	content := 0
	for _, w := range words {
		if w != nil && w.content {
			content++
		}
	}
	// Each content token starts at most MaxWords n-grams; news text has
	// about 1.2 distinct candidates per content token (BBC and CNN/DM
	// dev), so room is made for 1.5, and the index and tallies are
	// seldom grown. Counts
	// are tallied in small records first, so that the large Candidates
	// are allocated once, exactly as many as there are.
	room := content*3/2 + 16
	index := newNgramIndex(numKeys, room)
	tallies := make([]tally, 0, room)
	occs := make([]occ, 0, content*MaxWords)
	// unigram is, by word id, the index of the word's one-word candidate:
	// every word of a candidate has one, as each content token starts one.
	unigram := make([]int32, numKeys)
	sent := 0
	for i := 0; i < n; i++ {
		for sent+1 < len(in.Sentences) && in.Sentences[sent+1] <= i {
			sent++
		}
		if words[i] == nil || !words[i].content {
			continue
		}
		sentStart, sentEnd := 0, sentEndAt(in, sent, n)
		if sent < len(in.Sentences) {
			sentStart = in.Sentences[sent]
		}
		initial := i == sentStart
		capitalized := !initial && isCapitalized(in.Tokens[i].Text)
		key := ngram{-1, -1, -1}
		for m := 1; m <= MaxWords && i+m <= sentEnd; m++ {
			w := words[i+m-1]
			if w == nil || !w.content {
				break
			}
			key[m-1] = w.id
			ci, ok := index.get(key)
			if !ok {
				ci = int32(len(tallies))
				index.put(key, ci)
				tallies = append(tallies, tally{ids: key, words: int32(m), first: int32(i), lastSent: -1})
				if m == 1 {
					unigram[w.id] = ci
				}
			}
			c := &tallies[ci]
			occs = append(occs, occ{ci, [2]int{in.Tokens[i].Start, in.Tokens[i+m-1].End}})
			c.tf++
			c.last = int32(i)
			if c.lastSent != int32(sent) {
				c.sents++
				c.lastSent = int32(sent)
			}
			if initial {
				c.initOcc++
			} else if capitalized {
				c.capOcc++
			}
		}
	}
	if len(tallies) == 0 {
		return nil
	}
	slab := make([]Candidate, len(tallies))
	for ci := range tallies {
		t := &tallies[ci]
		slab[ci] = Candidate{Words: int(t.words), ids: t.ids, body: in.Body, Entity: -1, tf: int(t.tf),
			first: int(t.first), last: int(t.last), capOcc: int(t.capOcc), initOcc: int(t.initOcc),
			sents: int(t.sents), lastSent: int(t.lastSent)}
	}
	spans := make([][2]int, len(occs))
	at := 0
	for ci := range slab {
		slab[ci].Spans = spans[at : at : at+slab[ci].tf]
		at += slab[ci].tf
	}
	for _, o := range occs {
		c := &slab[o.cand]
		c.Spans = append(c.Spans, o.span)
	}
	// Keys: one buffer for all of them, and one for the word keys.
	var kb strings.Builder
	wordKeys := make([]string, 0, len(slab)*2)
	for ci := range slab {
		c := &slab[ci]
		start := kb.Len()
		wk := len(wordKeys)
		for k := 0; k < c.Words; k++ {
			if k > 0 {
				kb.WriteByte(' ')
			}
			kb.WriteString(byID[c.ids[k]].key)
			wordKeys = append(wordKeys, byID[c.ids[k]].key)
		}
		c.keyStart, c.keyEnd = start, kb.Len()
		c.WordKeys = wordKeys[wk:len(wordKeys):len(wordKeys)]
	}
	all := kb.String()
	order := make([]*Candidate, len(slab))
	for ci := range slab {
		c := &slab[ci]
		c.Key = all[c.keyStart:c.keyEnd]
		order[ci] = c
	}
	// Nesting: each candidate's most frequent longer candidate.
	for ci := range slab {
		c := &slab[ci]
		if c.Words < 2 {
			continue
		}
		for _, sub := range []ngram{prefix(c.ids, c.Words-1), suffix(c.ids, c.Words)} {
			if si, ok := index.get(sub); ok {
				slab[si].superTF = max(slab[si].superTF, c.tf)
			}
		}
	}
	// Entities: a candidate whose key is an entity's name or alias key.
	if len(in.Entities) > 0 {
		byKey := make(map[string]*Candidate, len(order))
		for _, c := range order {
			byKey[c.Key] = c
		}
		for ei, e := range in.Entities {
			for _, name := range append([]string{e.Name}, e.Aliases...) {
				if c := byKey[Norm(name)]; c != nil && (c.Entity < 0 || in.Entities[c.Entity].Salience < e.Salience) {
					c.Entity = ei
				}
			}
		}
	}
	maxTF := 1
	for ci := range slab {
		maxTF = max(maxTF, slab[ci].tf)
	}
	// The prior of each word, looked up once: a one-word candidate's
	// key is its word's.
	wordRate, wordSeen := make([]float64, len(byID)), make([]float64, len(byID))
	if p != nil {
		for id, w := range byID {
			if w != nil {
				wordRate[id], wordSeen[id] = p.Features(w.key)
			}
		}
	}
	sents := float64(max(len(in.Sentences), 1))
	firstEnd := sentEndAt(in, 0, n)
	for ci := range slab {
		c := &slab[ci]
		f := &c.F
		tf := c.tf
		f[FBias] = 1
		f[FLogTF] = math.Log1p(float64(tf))
		f[FTFRel] = float64(tf) / float64(maxTF)
		f[FTFPer100] = 100 * float64(tf) / float64(n)
		f[FFirst] = float64(c.first) / float64(n)
		f[FFirstSent] = b2f(c.first < firstEnd)
		f[FSpread] = float64(c.last-c.first) / float64(n)
		f[FSentShare] = float64(c.sents) / sents
		inTitle, idfSum, idfMin := 0, 0.0, math.Inf(1)
		minTF := math.MaxInt
		rateSum := 0.0
		for k := 0; k < c.Words; k++ {
			w := byID[c.ids[k]]
			if w.inTitle {
				inTitle++
			}
			idfSum += w.idf
			idfMin = min(idfMin, w.idf)
			if w.acronym {
				f[FAcronym] = 1
			}
			if w.digit {
				f[FNumber] = 1
			}
			if w.weak {
				f[FWeak] = 1
			}
			if w.filler {
				f[FFiller] = 1
			}
			minTF = min(minTF, slab[unigram[w.id]].tf)
			rateSum += wordRate[w.id]
		}
		f[FInTitle] = b2f(inTitle == c.Words)
		f[FTitle] = float64(inTitle) / float64(c.Words)
		f[FOne] = b2f(c.Words == 1)
		f[FTwo] = b2f(c.Words == 2)
		f[FIDF] = idfSum / float64(c.Words)
		f[FIDFMin] = idfMin
		if nonInit := tf - c.initOcc; nonInit > 0 {
			f[FCap] = float64(c.capOcc) / float64(nonInit)
		} else {
			f[FCap] = 0.5
		}
		if c.superTF > 0 {
			f[FSuper] = math.Log1p(float64(c.superTF)) / math.Log1p(float64(tf))
		}
		if c.Words > 1 && minTF < math.MaxInt {
			f[FCohesion] = float64(tf) / float64(minTF)
		}
		f[FVerbish] = b2f(byID[c.ids[c.Words-1]].verbish)
		f[FOneTF] = f[FOne] * f[FLogTF]
		f[FOneFirst] = f[FOne] * f[FFirst]
		f[FOneIDF] = f[FOne] * f[FIDF]
		f[FOneCap] = f[FOne] * f[FCap]
		f[FTFFirst] = f[FLogTF] * f[FFirst]
		if p != nil {
			// SetPrior's features, with each word's rate looked up once.
			if c.Words == 1 {
				id := c.ids[0]
				f[FPrior], f[FPriorSeen] = wordRate[id], wordSeen[id]
				f[FPriorWords] = f[FPrior]
			} else {
				f[FPrior], f[FPriorSeen] = p.Features(c.Key)
				f[FPriorWords] = rateSum / float64(c.Words)
			}
		}
	}
	return order
}

// SetPrior sets c's keyphraseness features from prior, which gives a
// key's smoothed tagged rate and seen share (Prior.Features, or a
// tuner's leave-out version of it).
func SetPrior(c *Candidate, prior func(key string) (rate, seen float64)) {
	c.F[FPrior], c.F[FPriorSeen] = prior(c.Key)
	if c.Words == 1 {
		c.F[FPriorWords] = c.F[FPrior]
		return
	}
	sum := 0.0
	for _, k := range c.WordKeys {
		r, _ := prior(k)
		sum += r
	}
	c.F[FPriorWords] = sum / float64(len(c.WordKeys))
}

// sentEndAt is the index one past sentence s's last token.
func sentEndAt(in *Input, s, n int) int {
	if s+1 < len(in.Sentences) {
		return in.Sentences[s+1]
	}
	return n
}

// An ngram is a candidate's word ids, -1 past its last word.
type ngram [MaxWords]int32

// ngramIndex maps n-grams to candidates. Packed into one uint64, 21 bits
// a word, the key hashes and compares as a single word, which makes the
// look-up of every n-gram of every content token about twice as cheap
// as with the array; a document with more distinct keys than 21 bits
// hold (never, in news) uses the array.
type ngramIndex struct {
	packed map[uint64]int32
	wide   map[ngram]int32
}

// ngramBits is the bits a word id takes in a packed n-gram.
const ngramBits = 21

// The packed key holds MaxWords ids of ngramBits each: raising MaxWords
// past 3 must narrow the ids (or drop the packing), or n-grams would
// share keys silently. This fails to compile when they no longer fit.
const _ = uint64(64 - ngramBits*MaxWords)

// newNgramIndex returns an index for n-grams of ids below numKeys, with
// room for size of them.
func newNgramIndex(numKeys, size int) ngramIndex {
	if numKeys < 1<<ngramBits-1 {
		return ngramIndex{packed: make(map[uint64]int32, size)}
	}
	return ngramIndex{wide: make(map[ngram]int32, size)}
}

// pack stores each id plus one, so that -1 is 0.
func pack(k ngram) uint64 {
	var p uint64
	for i, id := range k {
		p |= uint64(id+1) << (ngramBits * i)
	}
	return p
}

// get returns the candidate put for k, if any.
func (x ngramIndex) get(k ngram) (int32, bool) {
	if x.packed != nil {
		v, ok := x.packed[pack(k)]
		return v, ok
	}
	v, ok := x.wide[k]
	return v, ok
}

// put records v as k's candidate.
func (x ngramIndex) put(k ngram, v int32) {
	if x.packed != nil {
		x.packed[pack(k)] = v
		return
	}
	x.wide[k] = v
}

func prefix(ids [MaxWords]int32, m int) [MaxWords]int32 {
	var out [MaxWords]int32
	for k := range out {
		out[k] = -1
		if k < m {
			out[k] = ids[k]
		}
	}
	return out
}

// suffix drops the first of the m ids.
func suffix(ids [MaxWords]int32, m int) [MaxWords]int32 {
	var out [MaxWords]int32
	for k := range out {
		out[k] = -1
		if k+1 < m {
			out[k] = ids[k+1]
		}
	}
	return out
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Weights are the scorer's linear weights over the features and the
// choice of whether to drop a phrase nested in a better one.
type Weights struct {
	W [NumFeatures]float64
	// DropNested drops a candidate whose words lie inside, or hold, a
	// phrase already ranked above it.
	DropNested bool
}

// Score is the candidate's linear score under w.
func (w *Weights) Score(c *Candidate) float64 {
	s := 0.0
	for k, v := range c.F {
		s += w.W[k] * v
	}
	return s
}

// Rank orders cands by w, best first, dropping nested phrases when w
// says so, and returns at most k (all when k ≤ 0) with their scores.
// Ties go to the earlier first occurrence, then the shorter phrase.
func Rank(cands []*Candidate, w *Weights, k int) ([]*Candidate, []float64) {
	list := make([]scored, len(cands))
	for i, c := range cands {
		list[i] = scored{c, w.Score(c)}
	}
	// Only the best few can make a short list, even after nested ones
	// drop out: select them in O(n log m) and sort those alone, falling
	// back to sorting everything when too many were dropped.
	if m := 4 * k; k > 0 && len(list) > 2*m {
		if out, scores := pick(topM(list, m), w, k); len(out) == k {
			return out, scores
		}
	}
	sort.Slice(list, func(a, b int) bool { return better(list[a], list[b]) })
	return pick(list, w, k)
}

type scored struct {
	c *Candidate
	s float64
}

// better is Rank's order: a total one, since no two candidates share
// both their first occurrence and their length.
func better(a, b scored) bool {
	if a.s != b.s {
		return a.s > b.s
	}
	if a.c.first != b.c.first {
		return a.c.first < b.c.first
	}
	return a.c.Words < b.c.Words
}

// topM returns the m best of list, sorted, by a bounded min-heap.
func topM(list []scored, m int) []scored {
	h := make([]scored, 0, m)
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			j := l
			if r := l + 1; r < len(h) && better(h[l], h[r]) {
				j = r
			}
			if !better(h[i], h[j]) {
				return
			}
			h[i], h[j] = h[j], h[i]
			i = j
		}
	}
	for _, x := range list {
		if len(h) < m {
			h = append(h, x)
			for i := len(h) - 1; i > 0; {
				parent := (i - 1) / 2
				if !better(h[parent], h[i]) {
					break
				}
				h[i], h[parent] = h[parent], h[i]
				i = parent
			}
			continue
		}
		if better(x, h[0]) {
			h[0] = x
			down(0)
		}
	}
	sort.Slice(h, func(a, b int) bool { return better(h[a], h[b]) })
	return h
}

// pick takes sorted candidates in order, dropping nested ones when w
// says so, until k are kept (all when k ≤ 0).
func pick(list []scored, w *Weights, k int) ([]*Candidate, []float64) {
	var out []*Candidate
	var scores []float64
	for _, x := range list {
		if k > 0 && len(out) == k {
			break
		}
		if w.DropNested && nested(x.c, out) {
			continue
		}
		out = append(out, x.c)
		scores = append(scores, x.s)
	}
	return out, scores
}

// nested reports whether c's key lies inside a kept key, or holds one.
func nested(c *Candidate, kept []*Candidate) bool {
	for _, k := range kept {
		if strings.Contains(" "+k.Key+" ", " "+c.Key+" ") || strings.Contains(" "+c.Key+" ", " "+k.Key+" ") {
			return true
		}
	}
	return false
}

// Norm is a phrase's identity: lower-cased, split into [a-z0-9]+ pieces
// (anything else separates), each Porter-stemmed as NLTK does, joined by
// spaces. It is the key-phrase evaluation's matching rule, so that two
// phrases an evaluation would count as one are one candidate here.
func Norm(s string) string { return normLower(strings.ToLower(s)) }

// normLower is Norm of an already lower-cased string.
func normLower(low string) string { return lexicon.Key(low) }

// idfOf looks a word up in the news IDF table, whose keys are Porter
// stems of words longer than 3 letters and the words themselves
// otherwise.
func idfOf(key, low string) float64 {
	if !strings.Contains(key, " ") {
		if len(low) <= 3 {
			return newsidf.IDF(low)
		}
		return newsidf.IDF(key)
	}
	// Multi-piece words ("3-day", "U.S."): the rarest piece.
	best := 0.0
	for rest := key; rest != ""; {
		var p string
		p, rest, _ = strings.Cut(rest, " ")
		best = max(best, newsidf.IDF(p))
	}
	return best
}

// isContent reports whether a token can be part of a key phrase: it
// starts with a letter or digit, holds a letter and is not one of NLTK's
// English stop words. Broader lists (byline's own, reporting verbs,
// weekdays) are features, not filters: editors do tag "Friday" or
// "report" now and then, and the learned weights say how seldom.
func isContent(text, low string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) || !hasLetter(text) {
		return false
	}
	// Not ContainsAny: with a non-ASCII set it decodes and searches
	// rune by rune, for every distinct word.
	if strings.Contains(low, "’") || strings.Contains(low, "‘") {
		low = curlyApostrophes.Replace(low)
	}
	return !IsNLTKStopWord(low)
}

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

var curlyApostrophes = strings.NewReplacer("’", "'", "‘", "'")

// filler are words that are not stop words but seldom make a key phrase
// in news: reporting verbs, calendar words and honorifics.
var filler = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "added": true, "according": true,
	"asked": true, "stated": true, "reported": true, "explained": true, "noted": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "yesterday": true, "today": true, "tomorrow": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "mr.": true, "mrs.": true, "ms.": true, "dr.": true,
}

// upperAlready reports whether strings.ToUpper(s) == s, without
// building the upper-cased copy: no rune changes and no byte is invalid
// UTF-8 (which ToUpper would replace).
func upperAlready(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unicode.ToUpper(r) != r {
			return false
		}
		i += size
	}
	return true
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func isCapitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func sortStrings(a []string) { sort.Strings(a) }

func capitals(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// oneLine turns line breaks into spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
