package index

import (
	"slices"
	"strings"

	"github.com/byline-nlp/byline/internal/sparse"
	"github.com/byline-nlp/byline/internal/text"
)

// Similarity returns the cosine similarity of two documents' TF-IDF
// vectors, with idf fitted on the two of them (so shared terms weigh
// less than the terms only one has) and the default boosts. To compare
// documents against a corpus's statistics, add them to an Index and use
// Score.
func Similarity(a, b *text.Document) float64 {
	cfg := DefaultConfig()
	ta, tb := extract(a, cfg), extract(b, cfg)
	if len(ta.terms) == 0 || len(tb.terms) == 0 {
		return 0
	}
	in := func(tc termCounts, t string) bool {
		_, ok := slices.BinarySearch(tc.terms, t)
		return ok
	}
	vec := func(tc, other termCounts) sparse.Vector {
		v := sparse.Vector{Idx: make([]uint32, len(tc.terms)), Val: make([]float32, len(tc.terms))}
		for i, t := range tc.terms {
			df := 1
			if in(other, t) {
				df = 2
			}
			v.Idx[i] = uint32(i)
			v.Val[i] = sublinear(tc.counts[i]) * smoothIDF(2, df)
		}
		sparse.Normalize(v)
		return v
	}
	va, vb := vec(ta, tb), vec(tb, ta)
	// Both vectors index their own sorted term lists; merge by term.
	var s float64
	i, j := 0, 0
	for i < len(ta.terms) && j < len(tb.terms) {
		switch cmp := strings.Compare(ta.terms[i], tb.terms[j]); {
		case cmp == 0:
			s += float64(va.Val[i]) * float64(vb.Val[j])
			i++
			j++
		case cmp < 0:
			i++
		default:
			j++
		}
	}
	return min(s, 1)
}
