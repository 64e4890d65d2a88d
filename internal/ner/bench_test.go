package ner

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/byline-nlp/byline/internal/conlleval"
)

// devDocs reads CoNLL-2003 dev from ../shared/data beside the repository
// root, or skips.
func devDocs(tb testing.TB) []Doc {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("no go.mod above the test")
		}
		dir = parent
	}
	f, err := os.Open(filepath.Join(dir, "..", "shared", "data", "ner", "conll2003", "dev.txt"))
	if err != nil {
		tb.Skipf("shared data not present: %v", err)
	}
	defer f.Close()
	c, err := conlleval.Read(f)
	if err != nil {
		tb.Fatal(err)
	}
	return FromCoNLL(c)
}

// BenchmarkTagDev tags CoNLL-2003 dev with the shipped model (there is no
// baseline in this package; BenchmarkEntities compares with prose).
func BenchmarkTagDev(b *testing.B) {
	docs := devDocs(b)
	m, err := LoadDefault()
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		for _, s := range d.Words {
			n += len(s)
		}
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			m.Tag(d.Words)
		}
	}
	b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "tokens/s")
}
