package kpeval

import (
	"math"

	"github.com/byline-nlp/byline/internal/keyphrase"
)

func ln(x float64) float64 { return math.Log(x) }

// nltkStop is NLTK's English stop-word list (179 words), which the data
// README's baselines drop from candidates.
var nltkStop = nltkSet{}

type nltkSet struct{}

func (nltkSet) has(w string) bool { return keyphrase.IsNLTKStopWord(w) }
