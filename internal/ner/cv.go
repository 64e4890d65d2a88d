package ner

import (
	"fmt"
	"math"
	"math/rand"
	"slices"

	"github.com/byline-nlp/byline/internal/conlleval"
)

// A Corpus is a named set of labelled documents, for cross-validation
// over several corpora at once.
type Corpus struct {
	Name string
	Docs []Doc
	// ScoreOnly corpora are scored on each held-out fold but never
	// trained on, so that a model of one corpus can be compared with a
	// model of two on the same held-out documents.
	ScoreOnly bool
}

// FoldResult is one held-out fold's score on one corpus.
type FoldResult struct {
	Fold   int
	Corpus string
	Result conlleval.Result
}

// Scorer scores a model on held-out documents. Score is one; a caller
// may score what its own post-processing makes of the tags instead.
type Scorer func(m *Model, docs []Doc) conlleval.Result

// FoldOf assigns the documents of a corpus of n to k folds: a fixed
// shuffle (the same for every run), dealt out in turn, so that each fold
// holds whole documents and about n/k of them.
func FoldOf(n, k int) []int {
	perm := rand.New(rand.NewSource(20031)).Perm(n)
	fold := make([]int, n)
	for i, di := range perm {
		fold[di] = i % k
	}
	return fold
}

// CrossValidate trains on all corpora but one fold of each, k times, and
// scores each held-out fold of each corpus with every scorer. Options
// apply as in Train except Dev, which is ignored: the epochs are fixed,
// as they must be on unseen text. Results are in the order fold, corpus,
// scorer.
func CrossValidate(corpora []Corpus, k int, opts Options, scorers ...Scorer) ([][]FoldResult, error) {
	return CrossValidateFolds(corpora, k, nil, opts, scorers...)
}

// CrossValidateFolds is CrossValidate over only the given folds
// (numbered from 1; nil: all), for a quick look at one fold's errors.
func CrossValidateFolds(corpora []Corpus, k int, only []int, opts Options, scorers ...Scorer) ([][]FoldResult, error) {
	if k < 2 {
		return nil, fmt.Errorf("ner: cross-validate: %d folds", k)
	}
	if len(scorers) == 0 {
		scorers = []Scorer{Score}
	}
	opts.Dev = nil
	folds := make([][]int, len(corpora))
	for ci, c := range corpora {
		if len(c.Docs) < k {
			return nil, fmt.Errorf("ner: cross-validate: corpus %s has %d documents for %d folds", c.Name, len(c.Docs), k)
		}
		folds[ci] = FoldOf(len(c.Docs), k)
	}
	out := make([][]FoldResult, len(scorers))
	logf := opts.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	for f := 0; f < k; f++ {
		if only != nil && !slices.Contains(only, f+1) {
			continue
		}
		var train []Doc
		for ci, c := range corpora {
			if c.ScoreOnly {
				continue
			}
			for di, d := range c.Docs {
				if folds[ci][di] != f {
					train = append(train, d)
				}
			}
		}
		o := opts
		o.Log = nil
		m, err := Train(train, o)
		if err != nil {
			return nil, fmt.Errorf("ner: cross-validate: fold %d: %w", f+1, err)
		}
		for ci, c := range corpora {
			var held []Doc
			for di, d := range c.Docs {
				if folds[ci][di] == f {
					held = append(held, d)
				}
			}
			for si, s := range scorers {
				r := s(m, held)
				out[si] = append(out[si], FoldResult{Fold: f + 1, Corpus: c.Name, Result: r})
				logf("fold %d/%d, %s, scorer %d: F1 %.2f", f+1, k, c.Name, si+1, r.F1)
			}
		}
	}
	return out, nil
}

// MeanSD returns the mean and sample standard deviation of xs.
func MeanSD(xs []float64) (mean, sd float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(xs)-1))
}
