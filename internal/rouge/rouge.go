// Package rouge computes ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum exactly
// as Google's rouge-score 0.1.2 does with use_stemmer=True, so that the
// figures byline reports can be compared with published ones:
//
//   - text is lowercased, every run of characters outside [a-z0-9] becomes
//     a space, and the text is split on spaces;
//   - tokens longer than 3 bytes are stemmed with NLTK's PorterStemmer in
//     its default NLTK_EXTENSIONS mode (see Stem);
//   - ROUGE-N counts clipped n-gram overlaps; precision divides by the
//     candidate's n-gram count, recall by the reference's (each at least 1);
//   - ROUGE-L is the longest common subsequence of the whole texts;
//   - ROUGE-Lsum is the summary-level union LCS over newline-separated
//     sentences, with rouge-score's guard against counting a token more
//     often than it occurs in either text;
//   - F is 2PR/(P+R), or 0 when P+R is 0.
//
// Corpus figures are the mean of per-pair F values (Corpus does this).
// Everything here is a pure function, safe for concurrent use.
package rouge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Score is one ROUGE measure for one reference/candidate pair, in [0, 1].
type Score struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F         float64 `json:"f"`
}

func newScore(p, r float64) Score {
	s := Score{Precision: p, Recall: r}
	if p+r > 0 {
		s.F = 2 * p * r / (p + r)
	}
	return s
}

// Tokenize turns text into rouge-score's stemmed tokens.
func Tokenize(text string) []string {
	var toks []string
	var cur []byte
	flush := func() {
		if len(cur) == 0 {
			return
		}
		t := string(cur)
		if len(t) > 3 {
			t = Stem(t)
		}
		toks = append(toks, t)
		cur = cur[:0]
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				cur = append(cur, c)
			case c >= 'A' && c <= 'Z':
				cur = append(cur, c+'a'-'A')
			default:
				flush()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		// Python's str.lower() turns two non-ASCII letters into ASCII:
		// KELVIN SIGN into "k", and DOTTED CAPITAL I into "i" followed by
		// a combining dot, which then separates tokens. Every other
		// non-ASCII character lowercases to something outside [a-z0-9].
		switch r {
		case '\u212A':
			cur = append(cur, 'k')
		case '\u0130':
			cur = append(cur, 'i')
			flush()
		default:
			if l := unicode.ToLower(r); l < utf8.RuneSelf && l != r {
				// Not reached for current Unicode tables; kept so that a
				// future table with a new ASCII lowercase stays faithful.
				cur = append(cur, byte(l))
				continue
			}
			flush()
		}
	}
	flush()
	return toks
}

// ngrams counts the n-grams of toks, joined by a byte no token contains.
func ngrams(toks []string, n int) map[string]int {
	m := make(map[string]int, len(toks))
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}

// N returns ROUGE-N of candidate tokens against reference tokens.
func N(ref, cand []string, n int) Score {
	if n < 1 {
		return Score{}
	}
	r, c := ngrams(ref, n), ngrams(cand, n)
	inter, nr, nc := 0, 0, 0
	for g, k := range r {
		inter += min(k, c[g])
		nr += k
	}
	for _, k := range c {
		nc += k
	}
	return newScore(float64(inter)/float64(max(nc, 1)), float64(inter)/float64(max(nr, 1)))
}

// lcsTable returns the (len(ref)+1)×(len(cand)+1) LCS length table,
// row-major.
func lcsTable(ref, cand []string) []int32 {
	cols := len(cand) + 1
	t := make([]int32, (len(ref)+1)*cols)
	for i := 1; i <= len(ref); i++ {
		for j := 1; j <= len(cand); j++ {
			if ref[i-1] == cand[j-1] {
				t[i*cols+j] = t[(i-1)*cols+j-1] + 1
			} else {
				t[i*cols+j] = max(t[(i-1)*cols+j], t[i*cols+j-1])
			}
		}
	}
	return t
}

// L returns sentence-level ROUGE-L: the LCS of the whole token lists.
func L(ref, cand []string) Score {
	if len(ref) == 0 || len(cand) == 0 {
		return Score{}
	}
	lcs := float64(lcsTable(ref, cand)[len(ref)*(len(cand)+1)+len(cand)])
	return newScore(lcs/float64(len(cand)), lcs/float64(len(ref)))
}

// lcsIndices returns the indices into ref of one LCS of ref and cand,
// read back the way rouge-score's _backtrack_norec does, so that ties
// resolve to the same subsequence.
func lcsIndices(ref, cand []string) []int {
	t := lcsTable(ref, cand)
	cols := len(cand) + 1
	i, j := len(ref), len(cand)
	var out []int
	for i > 0 && j > 0 {
		switch {
		case ref[i-1] == cand[j-1]:
			out = append(out, i-1)
			i--
			j--
		case t[i*cols+j-1] > t[(i-1)*cols+j]:
			j--
		default:
			i--
		}
	}
	for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
		out[a], out[b] = out[b], out[a]
	}
	return out
}

// Lsum returns summary-level ROUGE-Lsum of candidate sentences against
// reference sentences (each a token list).
func Lsum(ref, cand [][]string) Score {
	if len(ref) == 0 || len(cand) == 0 {
		return Score{}
	}
	m, n := 0, 0
	cntR, cntC := map[string]int{}, map[string]int{}
	for _, s := range ref {
		m += len(s)
		for _, t := range s {
			cntR[t]++
		}
	}
	for _, s := range cand {
		n += len(s)
		for _, t := range s {
			cntC[t]++
		}
	}
	if m == 0 || n == 0 {
		return Score{}
	}
	hits := 0
	for _, r := range ref {
		union := map[int]bool{}
		for _, c := range cand {
			for _, i := range lcsIndices(r, c) {
				union[i] = true
			}
		}
		// The union is read in index order, as rouge-score sorts it.
		for i, t := range r {
			if !union[i] {
				continue
			}
			if cntC[t] > 0 && cntR[t] > 0 {
				hits++
				cntC[t]--
				cntR[t]--
			}
		}
	}
	return newScore(float64(hits)/float64(n), float64(hits)/float64(m))
}

// Sentences splits text on "\n" into non-empty lines and tokenizes
// each, as rouge-score prepares ROUGE-Lsum input.
func Sentences(text string) [][]string {
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		if line != "" {
			out = append(out, Tokenize(line))
		}
	}
	return out
}

// Scores holds the four measures byline reports for one pair.
type Scores struct {
	Rouge1    Score `json:"rouge1"`
	Rouge2    Score `json:"rouge2"`
	RougeL    Score `json:"rougeL"`
	RougeLsum Score `json:"rougeLsum"`
}

// All scores candidate against reference, both plain text whose
// sentences are separated by "\n" (used only by ROUGE-Lsum).
func All(reference, candidate string) Scores {
	ref, cand := Tokenize(reference), Tokenize(candidate)
	return Scores{
		Rouge1:    N(ref, cand, 1),
		Rouge2:    N(ref, cand, 2),
		RougeL:    L(ref, cand),
		RougeLsum: Lsum(Sentences(reference), Sentences(candidate)),
	}
}

// Corpus accumulates per-pair scores into corpus means of F, the way
// rouge-score's reported figures (and byline's) are computed.
// A Corpus is not safe for concurrent use.
type Corpus struct {
	n                 int
	r1, r2, rl, rlsum float64
}

// Add records one pair's scores.
func (c *Corpus) Add(s Scores) {
	c.n++
	c.r1 += s.Rouge1.F
	c.r2 += s.Rouge2.F
	c.rl += s.RougeL.F
	c.rlsum += s.RougeLsum.F
}

// Len reports how many pairs were added.
func (c *Corpus) Len() int { return c.n }

// Mean returns the mean F of each measure, in [0, 1]; zero when empty.
func (c *Corpus) Mean() (r1, r2, rl, rlsum float64) {
	if c.n == 0 {
		return 0, 0, 0, 0
	}
	n := float64(c.n)
	return c.r1 / n, c.r2 / n, c.rl / n, c.rlsum / n
}
