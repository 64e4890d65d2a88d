package extracteval

import (
	"strings"
	"unicode"
)

// Norm is trafilatura's normalisation, re.sub(r"\s+", " ", s).strip(),
// with Python's Unicode \s: unicode.IsSpace plus the information
// separators U+001C..U+001F, which Python counts as whitespace and Go
// does not.
func Norm(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isPySpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
}

// SnippetScore counts one page's snippet outcomes.
type SnippetScore struct {
	TP, FN, FP, TN int
}

// ScoreSnippets scores one page's output as trafilatura's
// evaluate_result: each must-contain snippet whose normalised text is a
// case-sensitive substring of the normalised output is a true positive
// (else a false negative); each must-not-contain snippet found is a false
// positive (else a true negative). An empty output counts as a crash:
// nothing found, so tp = fp = 0.
func ScoreSnippets(output string, with, without []string) SnippetScore {
	var s SnippetScore
	out := Norm(output)
	if out == "" {
		s.FN, s.TN = len(with), len(without)
		return s
	}
	for _, w := range with {
		if strings.Contains(out, Norm(w)) {
			s.TP++
		} else {
			s.FN++
		}
	}
	for _, w := range without {
		if strings.Contains(out, Norm(w)) {
			s.FP++
		} else {
			s.TN++
		}
	}
	return s
}

// Add accumulates another page's counts.
func (s *SnippetScore) Add(o SnippetScore) {
	s.TP += o.TP
	s.FN += o.FN
	s.FP += o.FP
	s.TN += o.TN
}

// SnippetResult is the micro-averaged corpus score of trafilatura's
// evaluation.
type SnippetResult struct {
	Precision float64 `json:"precision"` // tp/(tp+fp)
	Recall    float64 `json:"recall"`    // tp/(tp+fn)
	F1        float64 `json:"f1"`        // 2tp/(2tp+fp+fn)
	Accuracy  float64 `json:"accuracy"`  // (tp+tn)/all snippets
}

// Result turns summed counts into the corpus scores; a ratio with a zero
// denominator is 0.
func (s SnippetScore) Result() SnippetResult {
	div := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	return SnippetResult{
		Precision: div(s.TP, s.TP+s.FP),
		Recall:    div(s.TP, s.TP+s.FN),
		F1:        div(2*s.TP, 2*s.TP+s.FP+s.FN),
		Accuracy:  div(s.TP+s.TN, s.TP+s.TN+s.FP+s.FN),
	}
}
