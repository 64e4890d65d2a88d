package keyphrase_test

import (
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/keyphrase"
	"github.com/byline-nlp/byline/internal/kpeval"
	"github.com/byline-nlp/byline/internal/text"
)

// input tokenizes a text we wrote by spaces; "|" ends a sentence.
func input(title, body string) *keyphrase.Input {
	in := &keyphrase.Input{Body: body}
	for _, f := range strings.Fields(title) {
		in.Title = append(in.Title, keyphrase.Token{Text: f, Kind: text.Word, Span: text.Span{Start: -1, End: -1}})
	}
	off := 0
	in.Sentences = []int{0}
	for _, f := range strings.Fields(body) {
		start := strings.Index(body[off:], f) + off
		off = start + len(f)
		if f == "|" {
			in.Sentences = append(in.Sentences, len(in.Tokens))
			continue
		}
		k := text.Word
		if f == "," || f == "." {
			k = text.Punct
		}
		in.Tokens = append(in.Tokens, keyphrase.Token{Text: f, Kind: k, Span: text.Span{Start: start, End: off}})
	}
	return in
}

func TestNormMatchesEvaluation(t *testing.T) {
	for _, s := range []string{"3-day phestival", "Google’s", "U.S. Army", "the Companies", "café society", ""} {
		if a, b := keyphrase.Norm(s), kpeval.Norm(s); a != b {
			t.Errorf("Norm(%q) = %q, the evaluation's %q", s, a, b)
		}
	}
}

func TestCandidates(t *testing.T) {
	in := input("Ferry fares", "The ferry fares rose . Ferry fares , the council said , rose again | Councils met")
	cands := keyphrase.CandidatesWith(in, nil)
	byKey := map[string]*keyphrase.Candidate{}
	for _, c := range cands {
		byKey[c.Key] = c
		// The key is what the evaluation makes of the form.
		if got := kpeval.Norm(c.Form()); got != c.Key {
			t.Errorf("candidate %q: key %q, Norm of its form %q", c.Form(), c.Key, got)
		}
		if c.Words != len(c.WordKeys) || len(c.Spans) == 0 {
			t.Errorf("candidate %q: %d words, keys %v, %d spans", c.Key, c.Words, c.WordKeys, len(c.Spans))
		}
	}
	ff := byKey["ferri fare"]
	if ff == nil || len(ff.Spans) != 2 || ff.F[keyphrase.FInTitle] != 1 || ff.F[keyphrase.FFirstSent] != 1 {
		t.Fatalf("ferry fares: %+v", ff)
	}
	if ff.Form() != "Ferry fares" {
		t.Errorf("form %q: the lower-case form and the capitalized one tie, and capitals win", ff.Form())
	}
	// Punctuation and sentence ends break runs; stop words are in none.
	for _, k := range []string{"the ferri", "said rose", "fare council", "again council", "the"} {
		if byKey[k] != nil {
			t.Errorf("%q should not be a candidate (all: %v)", k, keys(cands))
		}
	}
	for _, k := range []string{"fare rose", "council said", "rose", "council"} {
		if byKey[k] == nil {
			t.Errorf("%q should be a candidate (all: %v)", k, keys(cands))
		}
	}
	if c := byKey["fare"]; c == nil || c.F[keyphrase.FSuper] == 0 {
		t.Errorf("fares sits inside ferry fares: %+v", c)
	}
}

func TestRankDropsNested(t *testing.T) {
	in := input("", "ferry fares rose | ferry fares fell | ferry strike")
	cands := keyphrase.CandidatesWith(in, nil)
	var w keyphrase.Weights
	w.W[keyphrase.FLogTF] = 1
	w.DropNested = true
	top, scores := keyphrase.Rank(cands, &w, 0)
	for i, c := range top {
		for _, d := range top[:i] {
			if strings.Contains(" "+d.Key+" ", " "+c.Key+" ") || strings.Contains(" "+c.Key+" ", " "+d.Key+" ") {
				t.Errorf("%q nested with %q", c.Key, d.Key)
			}
		}
		if i > 0 && scores[i] > scores[i-1] {
			t.Error("not sorted")
		}
	}
	if len(top) == 0 || top[0].Key != "ferri" {
		t.Errorf("top %v, want ferri (tf 3, first)", keys(top))
	}
	w.DropNested = false
	if all, _ := keyphrase.Rank(cands, &w, 0); len(all) != len(cands) {
		t.Errorf("without dropping, %d of %d", len(all), len(cands))
	}
}

func keys(cs []*keyphrase.Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Key)
	}
	return out
}

// TestPriorFeaturesAgree checks that CandidatesWith's prior features,
// which look each word up once, are SetPrior's, which the tuner uses.
func TestPriorFeaturesAgree(t *testing.T) {
	in := input("Ferry fares", "The ferry fares rose . Ferry fares , the council said , rose again | Councils met")
	p := keyphrase.NewPrior()
	p.Add([]string{"ferri", "fare", "ferri fare", "council"}, func(k string) bool { return k != "fare" })
	p.Add([]string{"ferri", "rose"}, func(k string) bool { return false })
	p.Finish(1)
	for _, c := range keyphrase.CandidatesWith(in, p) {
		want := *c
		keyphrase.SetPrior(&want, p.Features)
		for _, f := range []int{keyphrase.FPrior, keyphrase.FPriorSeen, keyphrase.FPriorWords} {
			if c.F[f] != want.F[f] {
				t.Errorf("%q: feature %s %v, SetPrior %v", c.Key, keyphrase.FeatureNames[f], c.F[f], want.F[f])
			}
		}
	}
	if c := keyphrase.CandidatesWith(in, p)[0]; c.F[keyphrase.FPrior] == 0 {
		t.Errorf("%q has no prior", c.Key)
	}
}

// TestFeatureNames checks that every feature has its own name, which
// the tuner's -drop and its printed weights go by.
func TestFeatureNames(t *testing.T) {
	seen := map[string]bool{}
	for f, n := range keyphrase.FeatureNames {
		if n == "" || seen[n] {
			t.Errorf("feature %d named %q", f, n)
		}
		seen[n] = true
	}
}
