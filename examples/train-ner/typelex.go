package main

// The type lexicon: a first model tags unlabelled news, and each
// capitalised word's counts of the types it was given become features
// of the model trained next (see ner.TypeCounts). Only the counts are
// ever written, never the text.

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/byline-nlp/byline/internal/entity"
	"github.com/byline-nlp/byline/internal/ner"
	"github.com/byline-nlp/byline/internal/text"
)

// lexConfig is what the type-lexicon flags ask for.
type lexConfig struct {
	text     []string // unlabelled texts to tag with each first model
	maxWords int      // read at most this many words of them (0: all)
	file     string   // counts to load instead (built by another model)
	out      string   // where to write the counts built from text
	opts     ner.LexiconOptions
	workers  int
}

// readUnlabelled reads unlabelled articles (.jsonl with title/text/article
// fields, or plain text; either may be gzipped) and splits them into
// documents of sentences of words, as byline splits an article for its
// tagger, until maxWords words (0: all).
func readUnlabelled(files []string, maxWords int) ([][][]string, error) {
	var docs [][][]string
	words := 0
	add := func(title, body string) bool {
		d := tagWords(text.NewTextDocument(title, body))
		for _, s := range d {
			words += len(s)
		}
		docs = append(docs, d)
		return maxWords > 0 && words >= maxWords
	}
	for _, path := range files {
		full := false
		err := eachText(path, func(rec map[string]any) bool {
			title, _ := rec["title"].(string)
			body, _ := rec["text"].(string)
			if body == "" {
				body, _ = rec["article"].(string)
			}
			if body != "" {
				full = add(title, body)
			}
			return !full
		})
		if err != nil {
			return nil, err
		}
		if full {
			break
		}
	}
	log.Printf("type lexicon: %d unlabelled documents, %d words", len(docs), words)
	return docs, nil
}

// tagWords splits a document into the sentences of words the tagger
// reads, as byline's Tag does: curly quotes straightened and a split
// possessive joined into CoNLL's "'s".
func tagWords(doc *text.Document) [][]string {
	var out [][]string
	for _, r := range entity.SentenceRuns(doc) {
		ws := make([]string, 0, r[1]-r[0])
		for i := r[0]; i < r[1]; i++ {
			t := doc.Tokens[i]
			w := entity.CanonWord(t.Text)
			if w == "'" && i+1 < r[1] && doc.Tokens[i+1].Start == t.End && (doc.Tokens[i+1].Text == "s" || doc.Tokens[i+1].Text == "S") {
				w = "'" + doc.Tokens[i+1].Text
				i++
			}
			if w == "" {
				w = "_"
			}
			ws = append(ws, w)
		}
		if len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out
}

// countTypes tags docs with m as byline ships it (beam decoding) and
// counts the types it gives each capitalised word.
func countTypes(m *ner.Model, docs [][][]string, workers int) (*ner.TypeCounts, error) {
	start := time.Now()
	m = m.WithBeam(ner.Beam, ner.BeamTemperature, ner.BeamPrune)
	if workers < 1 {
		workers = 1
	}
	parts := make([]*ner.TypeCounts, workers)
	var wg sync.WaitGroup
	for w := range parts {
		parts[w] = ner.NewTypeCounts(m.Types())
		wg.Add(1)
		go func(c *ner.TypeCounts) {
			defer wg.Done()
			for di := w; di < len(docs); di += workers {
				c.Add(docs[di], m.Tag(docs[di]))
			}
		}(parts[w])
	}
	wg.Wait()
	for _, p := range parts[1:] {
		if err := parts[0].Merge(p); err != nil {
			return nil, err
		}
	}
	log.Printf("type lexicon: tagged %d documents in %s, %d capitalised words", len(docs), time.Since(start).Round(time.Second), len(parts[0].Words))
	return parts[0], nil
}

// writeTypeCounts writes counts as a header line "#\tO\tTYPE..." and
// then tab-separated lines of a word and its counts, for the words
// counted at least minCount times.
func writeTypeCounts(path string, c *ner.TypeCounts, minCount int) error {
	var keys []string
	for w, n := range c.Words {
		var total uint32
		for _, v := range n {
			total += v
		}
		if total >= uint32(minCount) && !strings.ContainsAny(w, "\t\n") {
			keys = append(keys, w)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("#\tO\t" + strings.Join(c.Types, "\t") + "\n")
	for _, w := range keys {
		n := c.Words[w]
		b.WriteString(w)
		for _, v := range n {
			b.WriteByte('\t')
			b.WriteString(strconv.FormatUint(uint64(v), 10))
		}
		b.WriteByte('\n')
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// readTypeCounts reads what writeTypeCounts wrote.
func readTypeCounts(path string) (*ner.TypeCounts, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var c *ner.TypeCounts
	for ln := 1; sc.Scan(); ln++ {
		if sc.Text() == "" {
			continue
		}
		fs := strings.Split(sc.Text(), "\t")
		if c == nil {
			if len(fs) < 3 || fs[0] != "#" || fs[1] != "O" {
				return nil, fmt.Errorf("%s:%d: want a header line '#<TAB>O<TAB>TYPE...'", path, ln)
			}
			c = ner.NewTypeCounts(fs[2:])
			continue
		}
		if len(fs) != len(c.Types)+2 {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", path, ln, len(fs), len(c.Types)+2)
		}
		n := make([]uint32, len(c.Types)+1)
		for i, s := range fs[1:] {
			v, err := strconv.ParseUint(s, 10, 32)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, ln, err)
			}
			n[i] = uint32(v)
		}
		c.Words[fs[0]] = n
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if c == nil {
		return nil, fmt.Errorf("%s: empty", path)
	}
	return c, nil
}

// setup sets opts' type lexicon as the flags ask: loaded from a counts
// file, or built from the unlabelled text by each first model (in
// cross-validation, one per fold, so no lexicon has seen its held-out
// fold).
func (lc lexConfig) setup(opts *ner.Options, cv bool) error {
	switch {
	case lc.file != "" && len(lc.text) > 0:
		return fmt.Errorf("use -type-lexicon or -type-lexicon-text, not both")
	case lc.file != "":
		c, err := readTypeCounts(lc.file)
		if err != nil {
			return err
		}
		if cv {
			log.Printf("type lexicon: -type-lexicon with -cv: the counts' model saw every fold, so the figures are optimistic")
		}
		// Codes number the types as Train does, sorted; the counts were
		// made with the same corpora's types.
		lex, err := c.Lexicon(slices.Sorted(slices.Values(c.Types)), lc.opts)
		if err != nil {
			return err
		}
		log.Printf("type lexicon: %d words from %s", len(lex), lc.file)
		opts.TypeLexicon = lex
	case len(lc.text) > 0:
		docs, err := readUnlabelled(lc.text, lc.maxWords)
		if err != nil {
			return err
		}
		calls := 0
		opts.SelfTrain = func(first *ner.Model, next *ner.Options) error {
			calls++
			c, err := countTypes(first, docs, lc.workers)
			if err != nil {
				return err
			}
			if lc.out != "" && !cv {
				if err := writeTypeCounts(lc.out, c, lc.opts.MinCount); err != nil {
					return err
				}
				log.Printf("type lexicon: counts written to %s", lc.out)
			}
			lex, err := c.Lexicon(first.Types(), lc.opts)
			if err != nil {
				return err
			}
			log.Printf("type lexicon %d: %d words", calls, len(lex))
			next.TypeLexicon = lex
			return nil
		}
	}
	return nil
}
