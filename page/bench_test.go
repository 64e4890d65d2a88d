package page

import (
	"bytes"
	"syscall"
	"testing"
	"time"

	"github.com/byline-nlp/byline/internal/extracteval"
	"github.com/byline-nlp/byline/internal/shareddata"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

// devPages loads the article-extraction-benchmark dev pages' raw bytes,
// or skips when ../shared is absent.
func devPages(b *testing.B) [][]byte {
	b.Helper()
	_, pages, err := extracteval.Load(shareddata.Path(b, "extraction/article-extraction-benchmark"))
	if err != nil {
		b.Fatal(err)
	}
	var out [][]byte
	for _, p := range pages {
		raw, err := p.HTML()
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, raw)
	}
	return out
}

// cpuTime is the process's user+system CPU time. The machines are
// shared, so wall time per page swings with the neighbours' load; CPU
// time does not, and with -cpu 1 it is the cost of one core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchPages runs parse over every dev page b.N times and reports the
// wall and CPU milliseconds per page besides the byte throughput.
func benchPages(b *testing.B, parse func([]byte) error) {
	pages := devPages(b)
	var size int64
	for _, p := range pages {
		size += int64(len(p))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	c0, t0 := cpuTime(), time.Now()
	for range b.N {
		for _, p := range pages {
			if err := parse(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	n := float64(b.N * len(pages))
	b.ReportMetric(float64(time.Since(t0).Microseconds())/1000/n, "ms/page")
	b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/n, "cpu-ms/page")
}

// BenchmarkParseHTML times Parse over the article-extraction-benchmark
// dev pages: charset decoding, metadata and the main text.
func BenchmarkParseHTML(b *testing.B) {
	benchPages(b, func(p []byte) error {
		_, err := ParseBytes(p, "")
		return err
	})
}

// BenchmarkTrafilatura is the baseline: go-trafilatura alone (no
// fallback, comments excluded) on the same pages, for the ratio.
func BenchmarkTrafilatura(b *testing.B) {
	benchPages(b, func(p []byte) error {
		_, err := trafilatura.Extract(bytes.NewReader(p), trafilatura.Options{ExcludeComments: true})
		return err
	})
}
