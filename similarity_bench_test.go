package byline

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/byline-nlp/byline/internal/shareddata"
	"github.com/byline-nlp/byline/internal/sparse"
)

// sharedData (quotes_train_test.go) locates ../shared/data and skips when absent.

var stagesN = flag.Int("related.n", 4000, "posts for BenchmarkRelatedStages")

type benchRecord struct{ ID, Title, Text string }

var newsgroups struct {
	once sync.Once
	recs []benchRecord
	docs []*Document
	err  error
}

// loadNewsgroups reads the 20 Newsgroups speed corpus once and builds its
// Documents in parallel.
func loadNewsgroups(tb testing.TB) ([]benchRecord, []*Document) {
	path := shareddata.Path(tb, "similarity/newsgroups20/articles.jsonl")
	newsgroups.once.Do(func() {
		f, err := os.Open(path)
		if err != nil {
			newsgroups.err = err
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var r struct {
				ID    string `json:"id"`
				Title string `json:"title"`
				Text  string `json:"text"`
			}
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				newsgroups.err = err
				return
			}
			newsgroups.recs = append(newsgroups.recs, benchRecord{r.ID, r.Title, r.Text})
		}
		newsgroups.docs = buildDocs(newsgroups.recs)
	})
	if newsgroups.err != nil {
		tb.Fatal(newsgroups.err)
	}
	return newsgroups.recs, newsgroups.docs
}

func buildDocs(recs []benchRecord) []*Document {
	docs := make([]*Document, len(recs))
	parallel(len(recs), func(i int) { docs[i] = NewTextDocument(recs[i].Title, recs[i].Text) })
	return docs
}

// parallel runs f(0..n-1) on GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next += 16
				mu.Unlock()
				if i >= n {
					return
				}
				for j := i; j < min(i+16, n); j++ {
					f(j)
				}
			}
		}()
	}
	wg.Wait()
}

// cpuSeconds is the process's user+system CPU time so far. The shared
// 2-core machines are often busy, so CPU time is the steadier measure
// beside wall time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// peakRSS reads the process's peak resident set size (VmHWM) in bytes, or 0.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) * 1024
		}
	}
	return 0
}

// BenchmarkRelatedAllPairs fits an index on all 18,846 posts of 20
// Newsgroups and finds the exact top 10 of every post, on GOMAXPROCS
// cores (run with -cpu 1,2). "tfidf" is plain TF-IDF, the scikit-learn
// anchor's model; "default" is NewIndex(), which adds the LSA fit and a
// dense scan of every pair. "docs" starts from built Documents
// (tokenizing excluded); "text" includes building them from the raw text.
// cpu-s/op is process CPU time, steadier than wall time on shared machines.
func BenchmarkRelatedAllPairs(b *testing.B) {
	recs, docs := loadNewsgroups(b)
	var chars int64
	for _, r := range recs {
		chars += int64(len(r.Title) + len(r.Text))
	}
	run := func(b *testing.B, fromText bool, opts ...IndexOption) {
		b.SetBytes(chars)
		var cpu float64
		// Not b.Loop: testing runs a b.Loop benchmark's whole ramp-up in
		// its first call, which for the first -cpu value happens before
		// GOMAXPROCS is set (golang/go#49980), so "-cpu 1,2" measured its
		// "1" on every core. A b.N loop's first call (N=1) is discarded and
		// the reported run comes after GOMAXPROCS is set.
		for range b.N {
			// Collect the last iteration's index outside the timing, so a
			// run pays only for the garbage collection its own work causes.
			b.StopTimer()
			runtime.GC()
			b.StartTimer()
			cpu0 := cpuSeconds()
			ds := docs
			if fromText {
				ds = buildDocs(recs)
			}
			ix := NewIndex(opts...)
			parallel(len(ds), func(i int) {
				if err := ix.Add(recs[i].ID, ds[i]); err != nil {
					b.Error(err)
				}
			})
			all, err := ix.AllPairs(context.Background(), 10, 0)
			if err != nil || len(all) != len(recs) {
				b.Fatal(err, len(all))
			}
			cpu += cpuSeconds() - cpu0
		}
		b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
		b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "posts/s")
		b.ReportMetric(peakRSS()/(1<<20), "peakRSS-MB")
		// The index's own live memory, apart from the Documents the
		// benchmark holds: heap after building and compiling it, less before.
		b.StopTimer()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		ix := NewIndex(opts...)
		for i := range docs {
			ix.Add(recs[i].ID, docs[i])
		}
		ix.Related(recs[0].ID, 1)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "index-MB")
		runtime.KeepAlive(ix)
	}
	b.Run("tfidf/docs", func(b *testing.B) { run(b, false, WithLSA(0)) })
	b.Run("tfidf/text", func(b *testing.B) { run(b, true, WithLSA(0)) })
	b.Run("default/docs", func(b *testing.B) { run(b, false) })
}

// BenchmarkRelatedQuery times one Related query (top 10) against the
// 18,846-post index: "tfidf" searches the inverted index with MaxScore
// pruning, "default" adds the LSA scan; "scan-baseline" scores every post
// by a sparse dot product, what a search without the inverted index does.
func BenchmarkRelatedQuery(b *testing.B) {
	recs, docs := loadNewsgroups(b)
	for _, tc := range []struct {
		name string
		opts []IndexOption
	}{{"tfidf", []IndexOption{WithLSA(0)}}, {"default", nil}} {
		ix := NewIndex(tc.opts...)
		parallel(len(docs), func(i int) { ix.Add(recs[i].ID, docs[i]) })
		ix.Related(recs[0].ID, 1) // compile outside the timing
		b.Run(tc.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, err := ix.Related(recs[i%len(recs)].ID, 10); err != nil {
					b.Fatal(err)
				}
				i += 7
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
		})
		if tc.name != "tfidf" {
			continue
		}
		b.Run("scan-baseline", func(b *testing.B) {
			var top sparse.TopK
			i := 0
			for b.Loop() {
				ix.index().ScanBaseline(i, 10, &top)
				i += 7
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
		})
	}
}

// BenchmarkRelatedStages splits BenchmarkRelatedAllPairs's time into its
// stages on the first n posts (-related.n), to see where time goes.
func BenchmarkRelatedStages(b *testing.B) {
	recs, docs := loadNewsgroups(b)
	n := min(*stagesN, len(recs))
	recs, docs = recs[:n], docs[:n]
	var ix *Index
	cpu := func(b *testing.B, cpu0 float64) { b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op") }
	b.Run("add", func(b *testing.B) {
		defer cpu(b, cpuSeconds())
		for b.Loop() {
			ix = NewIndex()
			for i := range docs {
				ix.Add(recs[i].ID, docs[i])
			}
		}
	})
	b.Run("compile", func(b *testing.B) {
		defer cpu(b, cpuSeconds())
		for b.Loop() {
			ix.index().Recompile()
		}
	})
	b.Run("allpairs", func(b *testing.B) {
		defer cpu(b, cpuSeconds())
		for b.Loop() {
			ix.AllPairs(context.Background(), 10, 1)
		}
	})
}
