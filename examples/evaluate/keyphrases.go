package main

import (
	"flag"
	"fmt"
	"html"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/kpeval"
)

// keyphraseFlags holds the keyphrases task's own flags.
var keyphraseFlags struct {
	k        int
	entities bool
}

func init() {
	register("keyphrases", task{
		summary: "key phrases scored by exact match on Porter stems (500N-KPCrowd JSONL), beside three baselines",
		flags: func(fs *flag.FlagSet) {
			fs.IntVar(&keyphraseFlags.k, "k", 10, "phrases per article scored (F1@5 is reported too)")
			fs.BoolVar(&keyphraseFlags.entities, "entities", true, "give KeyPhrases the document's entities (byline.Entities)")
		},
		run: runKeyPhrases,
	})
}

// keyphraseScores is one system's macro averages, in percent. The
// "at 10" keys hold the scores at -k.
type keyphraseScores struct {
	F1At5  float64 `json:"f1_at_5"`
	F1At10 float64 `json:"f1_at_10"`
	PAt10  float64 `json:"p_at_10"`
	RAt10  float64 `json:"r_at_10"`
}

// keyphraseResult is the -json result: ours at the top level, and the
// baselines from the same run.
type keyphraseResult struct {
	Task      string `json:"task"`
	Documents int    `json:"documents"`
	K         int    `json:"k"`
	keyphraseScores
	Baselines map[string]keyphraseScores `json:"baselines"`
}

// keyphrasePrediction is one line of the -out file: our phrases in rank order.
type keyphrasePrediction struct {
	ID         string   `json:"id"`
	Keyphrases []string `json:"keyphrases"`
}

func runKeyPhrases(c *common) ([][]string, any, error) {
	k := keyphraseFlags.k
	if k <= 0 {
		return nil, nil, fmt.Errorf("-k must be positive, not %d", k)
	}
	docs, err := kpeval.Load(c.Data, c.Limit)
	if err != nil {
		return nil, nil, err
	}
	if len(docs) == 0 {
		return nil, nil, fmt.Errorf("no articles in %s", c.Data)
	}
	out, err := c.jsonlOut()
	if err != nil {
		return nil, nil, err
	}
	var ours kpeval.Mean
	for _, d := range docs {
		doc := byline.NewTextDocument(html.UnescapeString(d.Title), html.UnescapeString(d.Body))
		var ents []byline.Entity
		if keyphraseFlags.entities {
			if ents, err = byline.Entities(doc); err != nil {
				return nil, nil, err
			}
		}
		phrases := byline.KeyPhrases(doc, max(k, 5), ents)
		texts := make([]string, len(phrases))
		for i, p := range phrases {
			texts[i] = p.Text
		}
		gold := kpeval.GoldSet(d.Gold)
		ours.Add(kpeval.ScoreAt(texts, gold, 5), kpeval.ScoreAt(texts, gold, k))
		if out != nil {
			if err := out.Encode(keyphrasePrediction{ID: d.ID, Keyphrases: texts}); err != nil {
				return nil, nil, err
			}
		}
	}
	res := keyphraseResult{Task: "keyphrases", Documents: len(docs), K: k, keyphraseScores: scoresOf(ours.Result()),
		Baselines: map[string]keyphraseScores{}}
	table := [][]string{{"system", "documents", "F1@5", fmt.Sprintf("P@%d", k), fmt.Sprintf("R@%d", k), fmt.Sprintf("F1@%d", k)}}
	row := func(name string, s keyphraseScores) {
		table = append(table, []string{name, fmt.Sprint(len(docs)), f1d(s.F1At5), f1d(s.PAt10), f1d(s.RAt10), f1d(s.F1At10)})
	}
	row("byline", res.keyphraseScores)
	lists := kpeval.RankBaselines(docs)
	for _, name := range kpeval.Baselines {
		var m kpeval.Mean
		for i, d := range docs {
			gold := kpeval.GoldSet(d.Gold)
			m.Add(kpeval.ScoreAt(lists[name][i], gold, 5), kpeval.ScoreAt(lists[name][i], gold, k))
		}
		s := scoresOf(m.Result())
		res.Baselines[name] = s
		row(name, s)
	}
	return table, res, nil
}

func scoresOf(r kpeval.Result) keyphraseScores {
	return keyphraseScores{F1At5: r.F5, F1At10: r.FK, PAt10: r.PK, RAt10: r.RK}
}
