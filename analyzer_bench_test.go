package byline_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/byline-nlp/byline"
)

// BenchmarkAnalyze runs the whole Analyzer (entities, quotes, summary,
// key phrases) on testdata/analyze.txt, an original news story of about
// 800 tokens, on one goroutine: the cost of analysing one article. Run
// with GOMAXPROCS=1 for one core. The document is built once, outside
// the loop, as a service that has already parsed the page would.
func BenchmarkAnalyze(b *testing.B) {
	raw, err := os.ReadFile("testdata/analyze.txt")
	if err != nil {
		b.Skipf("testdata/analyze.txt: %v", err)
	}
	title, body, _ := strings.Cut(string(raw), "\n")
	doc := byline.NewTextDocument(title, strings.TrimSpace(body))
	an := byline.New()
	ctx := context.Background()
	if _, err := an.Analyze(ctx, doc); err != nil { // loads the model
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if _, err := an.Analyze(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
	el := time.Since(start)
	b.ReportMetric(float64(len(doc.Tokens)), "tokens/article")
	b.ReportMetric(el.Seconds()*1e3/float64(b.N), "ms/article")
}
