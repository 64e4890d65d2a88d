package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/rouge"
	"github.com/byline-nlp/byline/internal/summeval"
)

// summaryFlags holds the summary task's own flags.
var summaryFlags struct {
	method    string
	style     string
	sentences int
}

func init() {
	register("summary", task{
		summary: "extractive summaries scored with ROUGE (rouge-score 0.1.2): CNN/DM or BBC JSONL",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&summaryFlags.method, "method", byline.MethodDefault, "lead, textrank, lexrank, default, or all")
			fs.StringVar(&summaryFlags.style, "style", byline.StyleHighlights, "the default method's style: highlights or extract")
			fs.IntVar(&summaryFlags.sentences, "sentences", 3, "sentences per summary")
		},
		run: runSummary,
	})
}

// summaryScores is one method's result: mean per-article ROUGE F1, in
// percent, and Summarize's throughput given built Documents.
type summaryScores struct {
	Task              string  `json:"task,omitempty"`
	Method            string  `json:"method,omitempty"`
	Style             string  `json:"style,omitempty"`
	Articles          int     `json:"articles,omitempty"`
	Rouge1            float64 `json:"rouge1"`
	Rouge2            float64 `json:"rouge2"`
	RougeL            float64 `json:"rougeL"`
	RougeLsum         float64 `json:"rougeLsum"`
	ArticlesPerSecond float64 `json:"articles_per_second"`
}

// summaryAll is the -method all result: every method from the same run.
type summaryAll struct {
	Task     string                    `json:"task"`
	Articles int                       `json:"articles"`
	Methods  map[string]*summaryScores `json:"methods"`
}

// summaryPrediction is one line of the -out file.
type summaryPrediction struct {
	ID        string `json:"id"`
	Method    string `json:"method"`
	Summary   string `json:"summary"`
	Reference string `json:"reference"`
}

func runSummary(c *common) ([][]string, any, error) {
	methods := []string{summaryFlags.method}
	if summaryFlags.method == "all" {
		methods = []string{byline.MethodLead, byline.MethodTextRank, byline.MethodLexRank, byline.MethodDefault}
	} else {
		known := false
		for _, m := range byline.SummaryMethods {
			known = known || m == summaryFlags.method
		}
		if !known {
			return nil, nil, fmt.Errorf("unknown -method %q (want lead, textrank, lexrank, default or all)", summaryFlags.method)
		}
	}
	if summaryFlags.style != byline.StyleHighlights && summaryFlags.style != byline.StyleExtract {
		return nil, nil, fmt.Errorf("unknown -style %q (want highlights or extract)", summaryFlags.style)
	}
	pairs, err := summeval.Load(c.Data, c.Limit)
	if err != nil {
		return nil, nil, err
	}
	if len(pairs) == 0 {
		return nil, nil, fmt.Errorf("no articles in %s", c.Data)
	}
	out, err := c.jsonlOut()
	if err != nil {
		return nil, nil, err
	}
	results := map[string]*summaryScores{}
	table := [][]string{{"method", "articles", "R-1", "R-2", "R-L", "R-Lsum", "articles/s"}}
	bar := c.bar(len(methods) * len(pairs))
	defer bar.Finish()
	for _, m := range methods {
		var corpus rouge.Corpus
		var elapsed time.Duration
		for _, p := range pairs {
			bar.Add(1)
			start := time.Now()
			s := byline.Summarize(p.Doc, byline.SummaryMethod(m), byline.SummaryStyle(summaryFlags.style),
				byline.SummarySentences(summaryFlags.sentences))
			elapsed += time.Since(start)
			text := s.Text()
			corpus.Add(rouge.All(p.Reference, text))
			if out != nil {
				if err := out.Encode(summaryPrediction{ID: p.ID, Method: m, Summary: text, Reference: p.Reference}); err != nil {
					return nil, nil, err
				}
			}
		}
		r1, r2, rl, rls := corpus.Mean()
		style := ""
		if m == byline.MethodDefault {
			style = summaryFlags.style
		}
		res := &summaryScores{Task: "summary", Method: m, Style: style, Articles: len(pairs),
			Rouge1: 100 * r1, Rouge2: 100 * r2, RougeL: 100 * rl, RougeLsum: 100 * rls,
			ArticlesPerSecond: float64(len(pairs)) / max(elapsed.Seconds(), 1e-9)}
		results[m] = res
		table = append(table, []string{m, fmt.Sprint(len(pairs)), f1d(res.Rouge1), f1d(res.Rouge2),
			f1d(res.RougeL), f1d(res.RougeLsum), fmt.Sprintf("%.0f", res.ArticlesPerSecond)})
	}
	if len(methods) == 1 {
		return table, results[methods[0]], nil
	}
	for _, r := range results {
		r.Task, r.Method, r.Articles = "", "", 0
	}
	// The style stays on the default method's entry.
	return table, summaryAll{Task: "summary", Articles: len(pairs), Methods: results}, nil
}
