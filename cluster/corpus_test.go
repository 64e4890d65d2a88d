package cluster

import (
	"bufio"
	"context"
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/cluster/embedded"
	"github.com/byline-nlp/byline/internal/shareddata"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// readArticles reads JSONL {"id","title","text"} from the shared data,
// skipping when it is absent.
func readArticles(tb testing.TB, rel string) []Article {
	tb.Helper()
	f, err := os.Open(shareddata.Path(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var a Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// termsOnly runs no analysis stage: the related-posts terms are all a
// shard needs.
var termsOnly = byline.New(byline.WithoutEntities(), byline.WithoutQuotes(), byline.WithoutSummary(), byline.WithoutKeyPhrases())

// testbed is an embedded server with the cluster set up.
type testbed struct {
	srv *server.Server
	nc  *nats.Conn
	js  jetstream.JetStream
}

func newTestbed(tb testing.TB, cfg Config) *testbed {
	tb.Helper()
	c, err := embedded.Start(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(c.Shutdown)
	nc, err := nats.Connect(c.ClientURL())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := Setup(ctx, js, cfg); err != nil {
		tb.Fatal(err)
	}
	return &testbed{c, nc, js}
}

// ingest publishes arts and runs workers until every one is stored.
func (tb *testbed) ingest(t testing.TB, cfg Config, arts []Article, workers int, an *byline.Analyzer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, workers)
	var ws []*Worker
	for range workers {
		w := &Worker{JS: tb.js, Config: cfg, Analyzer: an, Batch: 64}
		ws = append(ws, w)
		go func() { w.Run(ctx); done <- struct{}{} }()
	}
	defer func() {
		cancel()
		for range workers {
			<-done
		}
	}()
	pctx, pcancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer pcancel()
	// Publish asynchronously, a window at a time, as a real feed would.
	var acks []jetstream.PubAckFuture
	settle := func() {
		for _, f := range acks {
			select {
			case <-f.Ok():
			case err := <-f.Err():
				t.Fatal(err)
			case <-pctx.Done():
				t.Fatal("publishing timed out")
			}
		}
		acks = acks[:0]
	}
	for _, a := range arts {
		data, _ := json.Marshal(a)
		f, err := tb.js.PublishAsync(cfg.articlesSubject(), data, jetstream.WithMsgID(a.ID))
		if err != nil {
			t.Fatal(err)
		}
		if acks = append(acks, f); len(acks) == 512 {
			settle()
		}
	}
	settle()
	deadline := time.Now().Add(10 * time.Minute)
	for {
		var n int64
		for _, w := range ws {
			n += w.Stats().Analysed + w.Stats().Skipped
		}
		if n >= int64(len(arts)) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d articles analysed in time", n, len(arts))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// shards starts n shards under cfg and waits until they have applied the
// stream.
func (tb *testbed) shards(t testing.TB, cfg Config) (*Client, uint64) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, cfg.shards())
	var ss []*Shard
	for i := range cfg.shards() {
		s := &Shard{JS: tb.js, Config: cfg, ID: i, SnapshotEvery: -1}
		ss = append(ss, s)
		go func() { s.Run(ctx); done <- struct{}{} }()
	}
	t.Cleanup(func() {
		cancel()
		for range ss {
			<-done
		}
	})
	wctx, wcancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer wcancel()
	last, err := LastSeq(wctx, tb.js, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		if err := s.WaitApplied(wctx, last); err != nil {
			t.Fatal(err)
		}
	}
	return &Client{Conn: tb.nc, Config: cfg, Timeout: 30 * time.Second}, last
}

// tied reports whether id is in ms with a score within 1e-6 of score.
func tied(ms []byline.Match, id string, score float64) bool {
	for _, m := range ms {
		if m.ID == id && math.Abs(m.Score-score) <= 1e-6 {
			return true
		}
	}
	return false
}

// TestReutersOneAndFourShards is the equality bar: the
// Reuters-21578 articles in one shard and in four give identical TF-IDF
// top-10 lists, with identical scores, and those of one Index to float32
// precision.
func TestReutersOneAndFourShards(t *testing.T) {
	arts := readArticles(t, "similarity/reuters21578/articles.jsonl")
	if testing.Short() {
		t.Skip("ingests 7,728 articles")
	}
	tfidf := []byline.IndexOption{byline.WithLSA(0)}
	one, four := Config{Shards: 1, Index: tfidf}, Config{Shards: 4, Index: tfidf}
	bed := newTestbed(t, one)
	bed.ingest(t, one, arts, 2, termsOnly)
	c1, last := bed.shards(t, one)
	c4, _ := bed.shards(t, four)
	// One in-process Index holding every post, in stream order.
	ref := byline.NewIndex(tfidf...)
	byID := map[string]Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	for _, id := range storedOrder(t, bed.js, one) {
		ref.Add(id, byline.NewTextDocument(byID[id].Title, byID[id].Text))
	}
	ctx := context.Background()
	queries := 0
	for i := 0; i < len(arts); i += 5 {
		id := arts[i].ID
		a, err := c1.Related(ctx, id, 10, AtLeast(last))
		if err != nil {
			t.Fatal(err)
		}
		b, err := c4.Related(ctx, id, 10, AtLeast(last))
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Missing)+len(b.Missing) > 0 || !slices.Equal(a.Matches, b.Matches) {
			t.Fatalf("%s: one shard %+v\nfour shards %+v", id, a, b)
		}
		// The Index numbers its terms in another order, so its float32
		// sums may differ in the last place: equal to 1e-6, and equal
		// lists but for the order within such ties.
		want, _ := ref.Related(id, 10)
		if len(want) != len(b.Matches) {
			t.Fatalf("%s: %d matches, the Index %d", id, len(b.Matches), len(want))
		}
		for j, m := range b.Matches {
			if math.Abs(m.Score-want[j].Score) > 1e-6 {
				t.Fatalf("%s: match %d %v, the Index %v", id, j, m, want[j])
			}
			if m.ID != want[j].ID && !tied(want, m.ID, m.Score) {
				t.Fatalf("%s: match %d %v, the Index %v", id, j, m, want[j])
			}
		}
		queries++
	}
	t.Logf("%d queries: identical top 10s and scores", queries)
}
