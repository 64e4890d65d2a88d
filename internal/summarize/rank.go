package summarize

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Feature indices of the default method's sentence features.
const (
	FFirst      = iota // the document's first sentence
	FPos               // 1/(i+1): news puts the point first
	FRel               // i/n, relative position
	FParaFirst         // opens a paragraph (documents with several)
	FLen               // words/30, capped at 2
	FLen2              // FLen squared: long sentences help recall, then hurt precision
	FShort             // fewer than 8 words: fragments, datelines, captions
	FCent              // cosine with the document's TF-IDF centroid
	FTitle             // share of the headline's content terms the sentence holds
	FEntity            // entity salience named, relative to the document's top sentence
	FQuoted            // share of words inside quotation marks
	FQuoteStart        // opens with a quotation mark: a lone quote seldom summarizes
	FBoiler            // URLs, e-mail, hashtags, "click", "follow us", "contributed"
	FQuestion          // ends in a question mark
	FNumber            // holds a number: news facts often do
	FSecond            // the second sentence
	FThird             // the third sentence
	FDegree            // TextRank-style degree: words shared with the other sentences, relative to the document's top
	FCentRel           // FCent relative to the document's most central sentence
	FFreqSum           // Luhn's frequency score: Σ over content words of their document frequency, relative to the top sentence
	FFreqMean          // the same per content word: how topical the words are, not how many
	FAnaphor           // opens with a pronoun or connective ("He", "But", "This"): it leans on a sentence before it
	FAttrib            // holds a reporting cue ("said", "told", "according to"): attribution, not the news itself
	NumFeatures
)

// FeatureNames names the features, in index order, for the tuner's report.
var FeatureNames = [NumFeatures]string{"first", "pos", "rel", "parafirst", "len", "len2", "short",
	"cent", "title", "entity", "quoted", "quotestart", "boiler", "question", "number",
	"second", "third", "degree", "centrel", "freqsum", "freqmean", "anaphor", "attrib"}

// Weights are the default method's linear weights over the features,
// and Lambda, the MMR redundancy penalty. A sentence's score blends two
// linear models by the document's length in words,
// L = clamp((words−100·LongFrom)/(100·LongWidth), 0, 1):
// (1−L)·W·f + L·WLong·f. Three sentences are a large share of a short
// article, where fuller, central sentences cover more of it, and a small
// share of a long one, where the lead's crisp sentences serve a reader
// best; the two weight sets learn each regime.
type Weights struct {
	W      [NumFeatures]float64
	WLong  [NumFeatures]float64
	Lambda float64
	// LongFrom and LongWidth place the ramp between the regimes, in
	// hundreds of words (hundreds, so the tuner steps them like weights).
	LongFrom, LongWidth float64
}

// LongShare is L above: how far a document of words words is into the
// long regime.
func (w *Weights) LongShare(words int) float64 {
	width := max(w.LongWidth, 0.01)
	return min(1, max(0, (float64(words)/100-w.LongFrom)/width))
}

// A Pick is one chosen sentence.
type Pick struct {
	Index int     // into Input.Sentences
	Score float64 // the method's score: centrality, or the default's linear score
	Skip  int     // leading tokens to leave out (a dateline)
}

// Options say how many sentences to choose.
type Options struct {
	Sentences int // at most this many; 0 means no limit by count
	Words     int // at most this many words (at least one sentence); 0 means no limit
	// Blocks says which sentences Select may choose (see Blocks); when
	// no sentence is Free, or Blocks is nil, any may be chosen.
	Blocks []Block
}

// Words counts a sentence's words and numbers.
func Words(toks []Token) int {
	n := 0
	for _, t := range toks {
		if isTermKind(t.Kind) {
			n++
		}
	}
	return n
}

// Features computes the default method's feature matrix, one row per
// sentence, and the content TF-IDF vectors MMR compares.
func Features(in *Input) ([][NumFeatures]float64, []sparseVec) {
	t := newTerms(in)
	return features(in, t)
}

func features(in *Input, t *terms) ([][NumFeatures]float64, []sparseVec) {
	n := len(in.Sentences)
	f := make([][NumFeatures]float64, n)
	vecs := tfidfVecs(t, true)
	// Centroid of the content vectors, each normalized so long sentences
	// do not dominate it.
	cent := make([]float64, len(t.stop))
	for i := range vecs {
		if vecs[i].norm == 0 {
			continue
		}
		for k, id := range vecs[i].ids {
			cent[id] += vecs[i].vals[k] / vecs[i].norm
		}
	}
	cnorm := 0.0
	for _, v := range cent {
		cnorm += v * v
	}
	cnorm = math.Sqrt(cnorm)
	// Headline terms.
	title := uniqueSorted(t.title, func(id int32) bool { return !t.stop[id] })
	// Entity weight: given salience, or the document frequency of the
	// capitalized non-initial words the sentence holds.
	ent := make([]float64, n)
	if in.HasEntities {
		for i := range in.Sentences {
			ent[i] = in.Sentences[i].Entity
		}
	} else {
		capCount := make([]int, len(t.stop)) // by term id
		for i := range in.Sentences {
			for j, tok := range in.Sentences[i].Tokens {
				if j > 0 && tok.Kind == Word && isCapitalized(tok.Text) && !t.stop[t.sents[i][j]] {
					capCount[t.sents[i][j]]++
				}
			}
		}
		for i := range in.Sentences {
			for j, tok := range in.Sentences[i].Tokens {
				if j > 0 && tok.Kind == Word && isCapitalized(tok.Text) {
					if c := capCount[t.sents[i][j]]; c > 1 {
						ent[i] += math.Log(float64(c))
					}
				}
			}
		}
	}
	maxEnt := 0.0
	for _, e := range ent {
		maxEnt = max(maxEnt, e)
	}
	var quoted []float64
	if in.HasQuotes {
		quoted = make([]float64, n)
		for i := range in.Sentences {
			quoted[i] = in.Sentences[i].Quoted
		}
	} else {
		quoted = quotedShare(in, false)
	}
	deg := degrees(t)
	tf := make([]int32, len(t.stop))
	for _, ids := range t.sents {
		for _, id := range ids {
			if id >= 0 && !t.stop[id] {
				tf[id]++
			}
		}
	}
	fsum := make([]float64, n)
	maxFsum, maxFmean := 0.0, 0.0
	fmean := make([]float64, n)
	for i, ids := range t.sents {
		c := 0
		for _, id := range ids {
			if id >= 0 && !t.stop[id] {
				fsum[i] += float64(tf[id])
				c++
			}
		}
		if c > 0 {
			fmean[i] = fsum[i] / float64(c)
		}
		maxFsum, maxFmean = max(maxFsum, fsum[i]), max(maxFmean, fmean[i])
	}
	maxDeg, maxCent := 0.0, 0.0
	for _, d := range deg {
		maxDeg = max(maxDeg, d)
	}
	paras := 1
	if n > 0 {
		paras = in.Sentences[n-1].Paragraph - in.Sentences[0].Paragraph + 1
	}
	for i := range in.Sentences {
		s := &in.Sentences[i]
		r := &f[i]
		words := Words(s.Tokens)
		if i == 0 {
			r[FFirst] = 1
		}
		r[FPos] = 1 / float64(i+1)
		if n > 1 {
			r[FRel] = float64(i) / float64(n-1)
		}
		if paras > 1 && (i == 0 || s.Paragraph != in.Sentences[i-1].Paragraph) {
			r[FParaFirst] = 1
		}
		r[FLen] = min(float64(words)/30, 2)
		r[FLen2] = r[FLen] * r[FLen]
		if words < 8 {
			r[FShort] = 1
		}
		if cnorm > 0 && vecs[i].norm > 0 {
			d := 0.0
			for k, id := range vecs[i].ids {
				d += vecs[i].vals[k] * cent[id]
			}
			r[FCent] = d / (cnorm * vecs[i].norm)
		}
		if len(title) > 0 {
			r[FTitle] = float64(overlap(title, vecs[i].ids)) / float64(len(title))
		}
		if maxEnt > 0 {
			r[FEntity] = ent[i] / maxEnt
		}
		r[FQuoted] = quoted[i]
		for _, tok := range s.Tokens {
			if tok.Kind == Punct && isQuoteMark(tok.Text) {
				r[FQuoteStart] = 1
			}
			if tok.Kind != Punct {
				break
			}
		}
		r[FBoiler] = boilerplate(s.Tokens)
		if last := len(s.Tokens) - 1; last >= 0 {
			for last > 0 && s.Tokens[last].Kind == Punct && isQuoteMark(s.Tokens[last].Text) {
				last--
			}
			if s.Tokens[last].Text == "?" {
				r[FQuestion] = 1
			}
		}
		for _, tok := range s.Tokens {
			if tok.Kind == Number {
				r[FNumber] = 1
				break
			}
		}
		if i == 1 {
			r[FSecond] = 1
		}
		if i == 2 {
			r[FThird] = 1
		}
		if maxDeg > 0 {
			r[FDegree] = deg[i] / maxDeg
		}
		r[FAnaphor], r[FAttrib] = leansBack(s.Tokens), attribution(s.Tokens)
		if maxFsum > 0 {
			r[FFreqSum] = fsum[i] / maxFsum
			r[FFreqMean] = fmean[i] / maxFmean
		}
		maxCent = max(maxCent, r[FCent])
	}
	for i := range f {
		if maxCent > 0 {
			f[i][FCentRel] = f[i][FCent] / maxCent
		}
	}
	return f, vecs
}

// degrees approximates each sentence's weighted degree in the TextRank
// graph in linear time: the words (stop words included) it shares with
// the other sentences, Σ over its distinct terms of (df−1), divided by
// TextRank's length normalization with the mean log length standing in
// for the other sentence's. PageRank on such graphs is dominated by
// degree, and the exact graph costs O(n²).
func degrees(t *terms) []float64 {
	n := len(t.sents)
	df := make([]int32, len(t.stop))
	sets := t.sets()
	meanLog := 0.0
	for i := range sets {
		for _, id := range sets[i] {
			df[id]++
		}
		meanLog += math.Log(float64(len(sets[i]) + 1))
	}
	if n > 0 {
		meanLog /= float64(n)
	}
	out := make([]float64, n)
	for i, set := range sets {
		shared := 0
		for _, id := range set {
			shared += int(df[id]) - 1
		}
		if den := math.Log(float64(len(set)+1)) + meanLog; den > 0 {
			out[i] = float64(shared) / den
		}
	}
	return out
}

// leansBack reports 1 when the sentence's first word is a pronoun or a
// connective that points to an earlier sentence.
func leansBack(toks []Token) float64 {
	for _, t := range toks {
		if t.Kind == Punct {
			continue
		}
		switch strings.ToLower(t.Text) {
		case "he", "she", "it", "they", "this", "these", "those", "that", "his", "her", "their", "its",
			"but", "however", "and", "also", "so", "then", "yet", "still", "meanwhile", "instead", "such":
			return 1
		}
		return 0
	}
	return 0
}

// attribution reports 1 when the sentence holds a reporting cue.
func attribution(toks []Token) float64 {
	for i, t := range toks {
		if t.Kind != Word {
			continue
		}
		switch lowerWord(t.Text, 4, 9) {
		case "said", "says", "told", "added", "explained", "stated":
			return 1
		case "according":
			if i+1 < len(toks) && strings.EqualFold(toks[i+1].Text, "to") {
				return 1
			}
		}
	}
	return 0
}

// boilerplate scores the signs of page furniture in a sentence: links,
// addresses, handles and the stock phrases of sharing and credits.
func boilerplate(toks []Token) float64 {
	s := 0.0
	for i, t := range toks {
		switch t.Kind {
		case URL, Email, Hashtag:
			s++
		case Word:
			switch lowerWord(t.Text, 5, 11) {
			case "click", "subscribe", "newsletter", "contributed", "copyright", "reporting", "photos", "video", "watch":
				s += 0.5
			case "follow":
				if i+1 < len(toks) && (toks[i+1].Kind == Hashtag || strings.EqualFold(toks[i+1].Text, "us")) {
					s++
				}
			}
		}
	}
	return min(s, 2)
}

// lowerWord is strings.ToLower(w) for a word list whose words are
// minLen to maxLen bytes long: a plain ASCII word too short or long to
// be on it comes back as "" without a lower-cased copy being built.
func lowerWord(w string, minLen, maxLen int) string {
	ascii := true
	for i := 0; i < len(w) && ascii; i++ {
		ascii = w[i] < utf8.RuneSelf
	}
	if ascii && (len(w) < minLen || len(w) > maxLen) {
		return ""
	}
	return strings.ToLower(w)
}

// Rank chooses sentences by method: "lead", "textrank", "lexrank" or
// "default" (anything else is treated as "default"). The picks come
// back in document order. w may be nil for the shipped weights.
func Rank(in *Input, method string, opt Options, w *Weights) []Pick {
	n := len(in.Sentences)
	if n == 0 {
		return nil
	}
	if w == nil {
		w = &Default
	}
	skip0 := Dateline(in.Sentences[0].Tokens)
	words := make([]int, n)
	for i := range in.Sentences {
		words[i] = Words(in.Sentences[i].Tokens)
	}
	words[0] -= Words(in.Sentences[0].Tokens[:skip0])
	var order []int
	var score []float64
	switch method {
	case "lead":
		score = make([]float64, n)
		order = make([]int, n)
		for i := range order {
			order[i] = i
			score[i] = 1 / float64(i+1)
		}
		return pickInOrder(order, score, words, opt, skip0)
	case "textrank", "lexrank":
		t := newTerms(in)
		var g []float64
		if method == "textrank" {
			g = textRankWeights(t)
		} else {
			g = lexRankWeights(t)
		}
		score = PageRank(g, n, 0.85)
		order = make([]int, n)
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return score[order[a]] > score[order[b]] })
		return pickInOrder(order, score, words, opt, skip0)
	}
	t := newTerms(in)
	f, vecs := features(in, t)
	opt.Blocks = Blocks(in, f)
	return Select(f, vecs, words, w, opt, skip0)
}

// Select runs the default method over precomputed features: linear
// scores, then greedy MMR (score minus Lambda times the highest cosine
// with a sentence already chosen) until the budget is spent.
func Select(f [][NumFeatures]float64, vecs []sparseVec, words []int, w *Weights, opt Options, skip0 int) []Pick {
	n := len(f)
	docWords := 0
	for _, k := range words {
		docWords += k
	}
	long := w.LongShare(docWords)
	score := make([]float64, n)
	for i := range f {
		s, sl := 0.0, 0.0
		for k, v := range f[i] {
			s += w.W[k] * v
			sl += w.WLong[k] * v
		}
		score[i] = (1-long)*s + long*sl
	}
	limit := opt.Sentences
	if limit <= 0 || limit > n {
		limit = n
	}
	chosen := make([]bool, n)
	var picks []Pick
	total := 0
	maxSim := make([]float64, n)
	blocks := opt.Blocks
	if len(blocks) != n || AllBlocked(blocks) {
		blocks = nil
	}
	for len(picks) < limit {
		best, bestV := -1, math.Inf(-1)
		for i := 0; i < n; i++ {
			if chosen[i] || !Allowed(blocks, i, chosen) {
				continue
			}
			if opt.Words > 0 && len(picks) > 0 && total+words[i] > opt.Words {
				continue
			}
			if v := score[i] - w.Lambda*maxSim[i]; v > bestV {
				best, bestV = i, v
			}
		}
		if best < 0 {
			break
		}
		chosen[best] = true
		total += words[best]
		p := Pick{Index: best, Score: score[best]}
		if best == 0 {
			p.Skip = skip0
		}
		picks = append(picks, p)
		for i := 0; i < n; i++ {
			if !chosen[i] {
				maxSim[i] = max(maxSim[i], vecs[i].cos(&vecs[best]))
			}
		}
	}
	sort.Slice(picks, func(a, b int) bool { return picks[a].Index < picks[b].Index })
	return picks
}

// pickInOrder takes sentences in the given preference order until the
// budget is spent, and returns them in document order.
func pickInOrder(order []int, score []float64, words []int, opt Options, skip0 int) []Pick {
	limit := opt.Sentences
	if limit <= 0 || limit > len(order) {
		limit = len(order)
	}
	var picks []Pick
	total := 0
	for _, i := range order {
		if len(picks) == limit {
			break
		}
		if opt.Words > 0 && len(picks) > 0 && total+words[i] > opt.Words {
			continue
		}
		total += words[i]
		p := Pick{Index: i, Score: score[i]}
		if i == 0 {
			p.Skip = skip0
		}
		picks = append(picks, p)
	}
	sort.Slice(picks, func(a, b int) bool { return picks[a].Index < picks[b].Index })
	return picks
}

// SelectAny is Select for callers outside the package, such as the
// weight tuner, that hold the vectors Features returned as an opaque value.
func SelectAny(f [][NumFeatures]float64, vecs any, words []int, w *Weights, opt Options, skip0 int) []Pick {
	v, _ := vecs.([]sparseVec)
	if len(v) != len(f) {
		return nil
	}
	return Select(f, v, words, w, opt, skip0)
}

// Cosines returns the n×n cosines, row-major, between the content
// vectors Features returned (held as an opaque value), so that a caller
// scoring many weight settings on one document, such as the weight
// tuner, computes MMR's similarities once.
func Cosines(vecs any) []float64 {
	v, _ := vecs.([]sparseVec)
	n := len(v)
	out := make([]float64, n*n)
	for i := range v {
		for j := i + 1; j < n; j++ {
			c := v[i].cos(&v[j])
			out[i*n+j], out[j*n+i] = c, c
		}
	}
	return out
}
