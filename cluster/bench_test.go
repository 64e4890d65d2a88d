package cluster

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/byline-nlp/byline"
)

var benchPosts = flag.Int("cluster.posts", 2000, "20 Newsgroups posts BenchmarkIngest analyses per op")

// BenchmarkIngest measures analysis throughput (every stage, plus the
// related-posts terms) on the first -cluster.posts 20 Newsgroups posts:
// through an embedded server with 1 and 2 workers (publish, pull,
// analyse, store in stream and bucket, acknowledge), beside the same
// analysis in this process on 1 and 2 goroutines, with no NATS at all.
func BenchmarkIngest(b *testing.B) {
	arts := readArticles(b, "similarity/newsgroups20/articles.jsonl")
	arts = arts[:min(*benchPosts, len(arts))]
	an := byline.New()
	if _, err := byline.DefaultNERModel(); err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 2} {
		b.Run(fmt.Sprint("in-process/goroutines=", n), func(b *testing.B) {
			w := &Worker{Analyzer: an}
			for b.Loop() {
				var wg sync.WaitGroup
				next := make(chan Article)
				for range n {
					wg.Go(func() {
						for a := range next {
							if _, err := w.AnalyzeArticle(context.Background(), a); err != nil {
								b.Error(err)
							}
						}
					})
				}
				for _, a := range arts {
					next <- a
				}
				close(next)
				wg.Wait()
			}
			b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "posts/s")
		})
	}
	for _, n := range []int{1, 2} {
		b.Run(fmt.Sprint("cluster/workers=", n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				// A fresh set of streams per op, so that nothing is a duplicate.
				cfg := Config{Prefix: fmt.Sprintf("B%d_%d", n, i)}
				i++
				bed := newTestbed(b, cfg)
				bed.ingest(b, cfg, arts, n, an)
			}
			b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "posts/s")
		})
	}
}

// BenchmarkQueryLatency measures Related (top 10, TF-IDF) among all
// 18,846 20 Newsgroups posts through 1, 2 and 4 shards on an embedded
// server, a fan-out with a merge per query, beside one in-process Index;
// it reports the median and 99th percentile latency of single queries.
func BenchmarkQueryLatency(b *testing.B) {
	arts := readArticles(b, "similarity/newsgroups20/articles.jsonl")
	opts := []byline.IndexOption{byline.WithLSA(0)}
	cfg := Config{Index: opts}
	bed := newTestbed(b, cfg)
	bed.ingest(b, cfg, arts, 2, termsOnly)
	order := storedOrder(b, bed.js, cfg)
	latencies := func(b *testing.B, query func(id string) error) {
		var lat []time.Duration
		i := 0
		for b.Loop() {
			id := order[(i*7919)%len(order)]
			i++
			start := time.Now()
			if err := query(id); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
		}
		slices.Sort(lat)
		pct := func(p float64) float64 {
			return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
		}
		b.ReportMetric(pct(0.5), "p50-ms")
		b.ReportMetric(pct(0.99), "p99-ms")
		b.ReportMetric(0, "ns/op")
	}
	b.Run("index", func(b *testing.B) {
		ix := byline.NewIndex(opts...)
		for _, a := range arts {
			ix.Add(a.ID, byline.NewTextDocument(a.Title, a.Text))
		}
		ix.Related(order[0], 1)
		latencies(b, func(id string) error {
			_, err := ix.Related(id, 10)
			return err
		})
	})
	for _, n := range []int{1, 2, 4} {
		b.Run(fmt.Sprint("shards=", n), func(b *testing.B) {
			scfg := Config{Shards: n, Index: opts}
			client, last := bed.shards(b, scfg)
			ctx := context.Background()
			if _, err := client.Related(ctx, order[0], 1, AtLeast(last)); err != nil {
				b.Fatal(err)
			}
			latencies(b, func(id string) error {
				res, err := client.Related(ctx, id, 10)
				if err == nil && len(res.Missing) > 0 {
					err = &MissingError{Shards: res.Missing}
				}
				return err
			})
		})
	}
}
