package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/conlleval"
	"github.com/byline-nlp/byline/internal/entity"
)

// nerResult is the ner task's JSON result; the keys are the contract.
type nerResult struct {
	Task            string              `json:"task"`
	Documents       int                 `json:"documents"`
	Sentences       int                 `json:"sentences"`
	Tokens          int                 `json:"tokens"`
	Precision       float64             `json:"precision"`
	Recall          float64             `json:"recall"`
	F1              float64             `json:"f1"`
	Types           map[string]nerScore `json:"types"`
	TokensPerSecond float64             `json:"tokens_per_second"`
}

type nerScore struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
}

var (
	nerModel   = new(string)
	nerTagger  = new(bool)
	nerTypes   = new(string)
	nerRepairs = new(string)
	nerMerged  = new(bool)
)

func init() {
	register("ner", task{
		summary: "named entities on CoNLL-format data (IOB1/IOB2), scored as conlleval: by default the tags of the Entities path (the tagger's, then the span repairs), per token as IOB2",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(nerModel, "model", "", "a model written by train-ner (default: the shipped model)")
			fs.BoolVar(nerTagger, "tagger", false, "score the raw tagger's tags, without the span repairs of Entities")
			fs.BoolVar(nerMerged, "merged", false, "score the merged entities Entities returns, each mention typed as its entity")
			fs.StringVar(nerTypes, "types", "", "comma-separated entity types to score, e.g. PER,LOC,ORG (predictions and gold of other types are dropped first; default all)")
			fs.StringVar(nerRepairs, "repairs", "default", "which groups of span repairs the Entities path applies: default, all, none, or a comma-separated list of boundaries (trims and extends), trims, extends, persons (particles, given-names and titles), particles, given-names, titles, context, recent, default, or single rules (entity.Rules: trim-clauses, initial-particles, platform-x, ...)")
		},
		run: runNER,
	})
}

func runNER(c *common) ([][]string, any, error) {
	f, err := os.Open(c.Data)
	if err != nil {
		return nil, nil, err
	}
	data, err := conlleval.Read(f)
	f.Close()
	if err != nil {
		return nil, nil, err
	}
	var m *byline.NERModel
	if *nerModel != "" {
		mf, err := os.Open(*nerModel)
		if err != nil {
			return nil, nil, err
		}
		m, err = byline.LoadNERModel(mf)
		mf.Close()
		if err != nil {
			return nil, nil, err
		}
	} else if m, err = byline.DefaultNERModel(); err != nil {
		return nil, nil, err
	}
	repairs, err := entity.ParseRepairs(*nerRepairs)
	if err != nil {
		return nil, nil, fmt.Errorf("-repairs: %w", err)
	}
	keep := map[string]bool{}
	for _, t := range strings.Split(*nerTypes, ",") {
		if t = strings.TrimSpace(t); t != "" {
			keep[t] = true
		}
	}
	docs := data.Documents
	if c.Limit > 0 && c.Limit < len(docs) {
		docs = docs[:c.Limit]
	}
	// Tag every document, built from its sentences exactly as given.
	pred := make([][][]string, len(docs)) // document, sentence, token
	var elapsed time.Duration
	res := nerResult{Task: "ner", Documents: len(docs), Types: map[string]nerScore{}}
	bar := c.bar(len(docs))
	for di := range docs {
		bar.Add(1)
		d := &docs[di]
		doc := byline.NewTokenizedDocument(d.Words())
		start := time.Now()
		tags := m.Tag(doc)
		switch {
		case *nerTagger:
		case *nerMerged:
			tags = entity.Tags(doc, entity.Merge(doc, tags, repairs))
		default:
			tags = entity.Repair(doc, tags, repairs)
		}
		elapsed += time.Since(start)
		if len(keep) > 0 {
			tags = onlyTypes(tags, keep)
		}
		pred[di] = make([][]string, len(d.Sentences))
		k := 0
		for si, s := range d.Sentences {
			pred[di][si] = tags[k : k+len(s.Words)]
			k += len(s.Words)
		}
		res.Sentences += len(d.Sentences)
		res.Tokens += k
	}
	bar.Finish()
	// Score as conlleval reads its input: a blank line after each sentence.
	e := conlleval.New()
	for di, d := range docs {
		for si, s := range d.Sentences {
			gold := s.Tags
			if len(keep) > 0 {
				gold = onlyTypes(gold, keep)
			}
			for i, w := range s.Words {
				e.Add(w, gold[i], pred[di][si][i])
			}
			e.Boundary()
		}
	}
	r := e.Result()
	res.Precision, res.Recall, res.F1 = r.Precision, r.Recall, r.F1
	if elapsed > 0 {
		res.TokensPerSecond = float64(res.Tokens) / elapsed.Seconds()
	}
	table := [][]string{{"type", "precision", "recall", "f1", "support"}}
	for _, t := range r.SortedTypeIDs {
		s := r.Types[t]
		res.Types[t] = nerScore{s.Precision, s.Recall, s.F1, s.Gold}
		table = append(table, []string{t, f1d2(s.Precision), f1d2(s.Recall), f1d2(s.F1), fmt.Sprint(s.Gold)})
	}
	table = append(table,
		[]string{"overall", f1d2(r.Precision), f1d2(r.Recall), f1d2(r.F1), fmt.Sprint(r.Gold)},
		[]string{"documents", fmt.Sprint(res.Documents), "sentences", fmt.Sprint(res.Sentences), ""},
		[]string{"tokens", fmt.Sprint(res.Tokens), "tokens/s", fmt.Sprintf("%.0f", res.TokensPerSecond), ""},
	)
	if c.Out != "" {
		if err := writeNEROut(c.Out, data, pred); err != nil {
			return nil, nil, err
		}
	}
	return table, res, nil
}

// f1d2 formats a percentage with two decimals, as conlleval prints them.
func f1d2(x float64) string { return fmt.Sprintf("%.2f", x) }

// writeNEROut writes the input lines with the predicted tag appended,
// blank and -DOCSTART- lines kept: conlleval's input format. With
// -limit, the lines after the last scored document are left out.
func writeNEROut(path string, data *conlleval.File, pred [][][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	// With -limit, stop after the last scored document's lines.
	last := len(data.Items) - 1
	if len(pred) < len(data.Documents) {
		for last >= 0 && (data.Items[last].Kind != conlleval.TokenLine || data.Items[last].Doc >= len(pred)) {
			last--
		}
		for last+1 < len(data.Items) && data.Items[last+1].Kind == conlleval.Blank {
			last++
		}
	}
	for _, it := range data.Items[:last+1] {
		switch it.Kind {
		case conlleval.TokenLine:
			fmt.Fprintf(w, "%s %s\n", it.Line, pred[it.Doc][it.Sen][it.Tok])
		case conlleval.DocLine:
			fmt.Fprintf(w, "%s O\n", it.Line)
		default:
			fmt.Fprintln(w, it.Line)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// onlyTypes returns tags with the entities of types not in keep made O.
// An I- tag that followed a dropped entity of its own type keeps its
// type, so IOB1 input still chunks as conlleval reads it.
func onlyTypes(tags []string, keep map[string]bool) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		if len(t) > 2 && t[1] == '-' && !keep[t[2:]] {
			t = "O"
		}
		out[i] = t
	}
	return out
}
