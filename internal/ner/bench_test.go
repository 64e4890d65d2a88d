package ner

import (
	"os"
	"testing"
	"time"

	"github.com/byline-nlp/byline/internal/conlleval"
	"github.com/byline-nlp/byline/internal/shareddata"
)

// devDocs reads CoNLL-2003 dev from ../shared/data beside the repository
// root, or skips.
func devDocs(tb testing.TB) []Doc {
	tb.Helper()
	f, err := os.Open(shareddata.Path(tb, "ner/conll2003/dev.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	c, err := conlleval.Read(f)
	if err != nil {
		tb.Fatal(err)
	}
	return FromCoNLL(c)
}

// BenchmarkTagDev tags CoNLL-2003 dev with the shipped model, greedily
// and with the beam byline decodes with, so that the beam's cost is
// measured beside its baseline (BenchmarkEntities compares with prose).
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
	for _, c := range []struct {
		name string
		m    *Model
	}{{"greedy", m}, {"beam", m.WithBeam(Beam, BeamTemperature, BeamPrune)}} {
		b.Run(c.name, func(b *testing.B) {
			start := time.Now()
			for i := 0; i < b.N; i++ {
				for _, d := range docs {
					c.m.Tag(d.Words)
				}
			}
			b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "tokens/s")
		})
	}
}
