package main

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/byline-nlp/byline/internal/ner"
)

// unlabelled writes a gzipped JSONL file of articles we made up.
func unlabelled(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "news.jsonl.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	for range 6 {
		zw.Write([]byte(`{"title": "Visit", "text": "Anna Berg arrived in Oslo. Tomas Lind arrived in Bergen. Piet Vos arrived in Turku."}` + "\n"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTypeLexicon(t *testing.T) {
	dir := t.TempDir()
	train, text := sample(t, dir), unlabelled(t, dir)
	missing := filepath.Join(dir, "absent")
	gaz := gazetteerFiles{missing, missing, missing}
	counts := filepath.Join(dir, "lex.counts")
	out := filepath.Join(dir, "m.model")
	lc := lexConfig{text: []string{text}, out: counts, opts: ner.LexiconOptions{MinCount: 3}, workers: 2}
	if err := run(config{train: []string{train}, out: out, epochs: 4, minCount: 1, prune: 32, clusters: "none", gaz: gaz, lex: lc}); err != nil {
		t.Fatal(err)
	}
	c, err := readTypeCounts(counts)
	if err != nil {
		t.Fatal(err)
	}
	// A model this small decodes the beam poorly, so only the counts'
	// sums are sure: every capitalised word six times.
	var n uint32
	for _, v := range c.Words["Oslo"] {
		n += v
	}
	if n != 6 || len(c.Types) != 2 {
		t.Errorf("Oslo counted %v over %v, want 6 in all over LOC and PER", c.Words["Oslo"], c.Types)
	}
	m := loadModel(t, out)
	want, err := c.Lexicon(m.Types(), lc.opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.TypeLexicon(); len(got) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("model's lexicon %v, want the counts' %v", got, want)
	}
	// The counts file trains a model too, and not with both sources.
	lc = lexConfig{file: counts, opts: ner.LexiconOptions{MinCount: 3}}
	if err := run(config{train: []string{train}, out: out, epochs: 1, minCount: 1, prune: 32, clusters: "none", gaz: gaz, lex: lc}); err != nil {
		t.Fatal(err)
	}
	lc.text = []string{text}
	if err := run(config{train: []string{train}, out: out, epochs: 1, minCount: 1, prune: 32, clusters: "none", gaz: gaz, lex: lc}); err == nil {
		t.Error("-type-lexicon with -type-lexicon-text: no error")
	}
}
