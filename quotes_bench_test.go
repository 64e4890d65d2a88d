package byline

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// benchDoc returns testdata/long.txt as a Document, or skips.
func benchDoc(b *testing.B) *Document {
	b.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", "long.txt"))
	if err != nil {
		b.Skipf("testdata/long.txt: %v", err)
	}
	return NewTextDocument("", string(text))
}

// BenchmarkQuotes measures extraction, attribution and scoring on a
// Document already built (tokenizing is the segmenter's cost, not ours).
func BenchmarkQuotes(b *testing.B) {
	doc := benchDoc(b)
	b.SetBytes(int64(len(doc.Body)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n += len(Quotes(doc, nil))
	}
	b.ReportMetric(float64(len(doc.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if n == 0 {
		b.Fatal("no quotes in testdata/long.txt")
	}
}

// quoteSegmentRe is the baseline: every double-quoted run, no rules (the
// README's "every quotation-mark segment", P 90.0 on PolNeAR dev).
var quoteSegmentRe = regexp.MustCompile(`["“][^"“”\n]*["”]`)

// BenchmarkQuotesRegexBaseline runs the no-rules baseline on the same text.
func BenchmarkQuotesRegexBaseline(b *testing.B) {
	doc := benchDoc(b)
	b.SetBytes(int64(len(doc.Body)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n += len(quoteSegmentRe.FindAllStringIndex(doc.Body, -1))
	}
	b.ReportMetric(float64(len(doc.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if n == 0 {
		b.Fatal("no quotes in testdata/long.txt")
	}
}
