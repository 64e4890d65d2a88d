package main

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/byline-nlp/byline/internal/extracteval"
	"github.com/byline-nlp/byline/internal/scrape"
)

// cvFold is one fold of the -folds cross-validation in the JSON result.
type cvFold struct {
	Fold      int     `json:"fold"`
	Sites     int     `json:"sites"`
	Pages     int     `json:"pages"`
	Chosen    string  `json:"chosen"`     // the configuration chosen on the other folds
	TrainF1   float64 `json:"train_f1"`   // its score on the other folds
	HeldF1    float64 `json:"held_f1"`    // its score on this fold
	DefaultF1 float64 `json:"default_f1"` // scrape.Default's score on this fold
}

// cvResult is the -folds part of the extract task's JSON object.
type cvResult struct {
	Folds      []cvFold `json:"folds"`
	Candidates int      `json:"candidates"`
	// F1 over every page scored by its own fold's chosen configuration
	// (the cross-validated estimate), and the same for Default.
	F1         float64 `json:"f1"`
	DefaultF1  float64 `json:"default_f1"`
	MeanFoldF1 float64 `json:"mean_fold_f1"`
}

// host is a page's site for the split: the URL host without "www.".
func host(p extracteval.Page) string {
	u, err := url.Parse(p.URL)
	if err != nil || u.Host == "" {
		return p.ID
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// siteFolds splits pages into k site-disjoint folds: hosts in sorted
// order, each host's pages to the fold with the fewest pages so far, as
// the benchmarks' own dev/held-out split is made.
func siteFolds(pages []extracteval.Page, k int) [][]int {
	byHost := map[string][]int{}
	for i, p := range pages {
		byHost[host(p)] = append(byHost[host(p)], i)
	}
	hosts := make([]string, 0, len(byHost))
	for h := range byHost {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	folds := make([][]int, k)
	for _, h := range hosts {
		best := 0
		for f := range folds {
			if len(folds[f]) < len(folds[best]) {
				best = f
			}
		}
		folds[best] = append(folds[best], byHost[h]...)
	}
	return folds
}

// crossValidate chooses scrape's configuration by site-disjoint k-fold
// cross-validation: for each fold, the candidate that scores best on the
// other folds is scored on it. texts are the pages' dumps.
func crossValidate(format extracteval.Format, pages []extracteval.Page, texts []string, k int) (cvResult, [][]string) {
	cands := scrape.Candidates()
	// bodies[c][i] is candidate c's body for page i.
	bodies := make([][]string, len(cands))
	for c, cfg := range cands {
		bodies[c] = make([]string, len(pages))
		for i, t := range texts {
			if a := scrape.Parse(t, cfg); a != nil {
				bodies[c][i] = strings.Join(a.Paragraphs, "\n")
			}
		}
	}
	score := func(c int, idx []int) float64 {
		switch format {
		case extracteval.AEB:
			docs := make([]extracteval.DocScore, 0, len(idx))
			for _, i := range idx {
				docs = append(docs, extracteval.ScoreAEB(pages[i].Body, bodies[c][i]))
			}
			return extracteval.AEBCorpus(docs).F1
		default:
			var s extracteval.SnippetScore
			for _, i := range idx {
				s.Add(extracteval.ScoreSnippets(bodies[c][i], pages[i].With, pages[i].Without))
			}
			return s.Result().F1
		}
	}
	folds := siteFolds(pages, k)
	res := cvResult{Candidates: len(cands)}
	table := [][]string{{}, {"fold", "sites", "pages", "chosen on the other folds", "train F1", "held-out F1", "Default held-out F1"}}
	chosenFor := make([]int, len(pages))
	for f, held := range folds {
		var train []int
		for g, idx := range folds {
			if g != f {
				train = append(train, idx...)
			}
		}
		best, bestScore := 0, -1.0
		for c := range cands {
			if s := score(c, train); s > bestScore {
				best, bestScore = c, s
			}
		}
		for _, i := range held {
			chosenFor[i] = best
		}
		sites := map[string]bool{}
		for _, i := range held {
			sites[host(pages[i])] = true
		}
		fr := cvFold{Fold: f + 1, Sites: len(sites), Pages: len(held), Chosen: cands[best].String(),
			TrainF1: bestScore, HeldF1: score(best, held), DefaultF1: score(0, held)}
		res.Folds = append(res.Folds, fr)
		res.MeanFoldF1 += fr.HeldF1 / float64(k)
		table = append(table, []string{fmt.Sprint(fr.Fold), fmt.Sprint(fr.Sites), fmt.Sprint(fr.Pages), fr.Chosen, f3(fr.TrainF1), f3(fr.HeldF1), f3(fr.DefaultF1)})
	}
	// The pooled estimate: every page scored by its own fold's choice.
	all := make([]int, len(pages))
	for i := range all {
		all[i] = i
	}
	pooled := make([]string, len(pages))
	for i := range pages {
		pooled[i] = bodies[chosenFor[i]][i]
	}
	bodies = append(bodies, pooled)
	res.F1 = score(len(bodies)-1, all)
	res.DefaultF1 = score(0, all)
	table = append(table, []string{"all", "", fmt.Sprint(len(pages)), fmt.Sprintf("%d candidates", len(cands)), "", f3(res.F1), f3(res.DefaultF1)})
	return res, table
}

// foldScores scores fixed predictions on the same site-disjoint folds
// that crossValidate uses: for the HTML path, whose rules have no
// thresholds to choose, the spread over unseen-site groups.
func foldScores(format extracteval.Format, pages []extracteval.Page, bodies []string, k int) ([]float64, [][]string) {
	table := [][]string{{}, {"fold", "sites", "pages", "F1"}}
	var out []float64
	for f, idx := range siteFolds(pages, k) {
		var f1 float64
		switch format {
		case extracteval.AEB:
			docs := make([]extracteval.DocScore, 0, len(idx))
			for _, i := range idx {
				docs = append(docs, extracteval.ScoreAEB(pages[i].Body, bodies[i]))
			}
			f1 = extracteval.AEBCorpus(docs).F1
		default:
			var s extracteval.SnippetScore
			for _, i := range idx {
				s.Add(extracteval.ScoreSnippets(bodies[i], pages[i].With, pages[i].Without))
			}
			f1 = s.Result().F1
		}
		sites := map[string]bool{}
		for _, i := range idx {
			sites[host(pages[i])] = true
		}
		out = append(out, f1)
		table = append(table, []string{fmt.Sprint(f + 1), fmt.Sprint(len(sites)), fmt.Sprint(len(idx)), f3(f1)})
	}
	return out, table
}
