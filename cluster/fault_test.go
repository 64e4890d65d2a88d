package cluster

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/cluster/embedded"
	"github.com/byline-nlp/byline/internal/index"
	"github.com/nats-io/nats.go/jetstream"
)

// startCluster runs three servers on loopback and sets up R3 streams.
func startCluster(t *testing.T, cfg Config) (*embedded.Cluster, jetstream.JetStream) {
	t.Helper()
	if testing.Short() {
		t.Skip("a three-server cluster takes seconds to form")
	}
	c, err := embedded.StartCluster(3, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Shutdown) // after the workers and shards stop
	_, js := connect(t, c.URLs())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// Right after the election the meta leader may not yet count every
	// peer as online, and refuses to place R3 streams until it does.
	for {
		err := Setup(ctx, js, cfg)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond) // retry backoff
	}
	return c, js
}

// checkExactlyOnce fails unless the results stream holds every article
// exactly once and the bucket holds each of them.
func checkExactlyOnce(t *testing.T, js jetstream.JetStream, cfg Config, arts []Article) {
	t.Helper()
	counts := storedPosts(t, js, cfg)
	for _, a := range arts {
		if counts[a.ID] != 1 {
			t.Errorf("%s stored %d times", a.ID, counts[a.ID])
		}
	}
	if len(counts) != len(arts) {
		t.Errorf("%d distinct posts stored, want %d", len(counts), len(arts))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	keys, err := retry(ctx, func(ctx context.Context) ([]string, error) {
		kv, err := js.KeyValue(ctx, cfg.resultsBucket())
		if err != nil {
			return nil, err
		}
		return kv.Keys(ctx)
	})
	if err != nil {
		t.Fatal("listing the bucket:", err)
	}
	if len(keys) != len(arts) {
		t.Errorf("bucket holds %d results, want %d", len(keys), len(arts))
	}
}

// streamLeader returns the index of the server leading the results stream.
func streamLeader(t *testing.T, js jetstream.JetStream, cfg Config) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := js.Stream(ctx, cfg.resultsStream())
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"byline-0", "byline-1", "byline-2"} {
		if info.Cluster != nil && info.Cluster.Leader == name {
			return i
		}
	}
	t.Fatalf("no leader for the results stream: %+v", info.Cluster)
	return -1
}

// TestServerFailsMidIngest stops the server leading the results stream
// while two workers are analysing and the publisher is still sending:
// every article must still be analysed and stored exactly once.
func TestServerFailsMidIngest(t *testing.T) {
	cfg := Config{Replicas: 3, AckWait: 2 * time.Second, Index: []byline.IndexOption{byline.WithLSA(0)}}
	c, js := startCluster(t, cfg)
	arts := testArticles(300)
	var ws []*Worker
	for range 2 {
		w := &Worker{JS: js, Config: cfg, Analyzer: fastAnalyzer, Batch: 8}
		ws = append(ws, w)
		run(t, w.Run)
	}
	stored := func() int64 {
		var n int64
		for _, w := range ws {
			n += w.Stats().Analysed
		}
		return n
	}
	published := make(chan struct{})
	go func() {
		defer close(published)
		publishAll(t, js, cfg, arts)
	}()
	waitFor(t, 30*time.Second, "a third of the articles", func() bool { return stored() >= int64(len(arts)/3) })
	leader := streamLeader(t, js, cfg)
	c.Stop(leader)
	<-published
	waitFor(t, 60*time.Second, "every article after the failure", func() bool { return storedCount(js, cfg) >= len(arts) })
	checkExactlyOnce(t, js, cfg, arts)
	// The stopped server comes back and catches up.
	if err := c.Restart(leader); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitReady(30 * time.Second); err != nil {
		t.Fatal(err)
	}
}

// storedCount is the number of distinct results in the bucket, or -1.
func storedCount(js jetstream.JetStream, cfg Config) int {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	kv, err := js.KeyValue(ctx, cfg.resultsBucket())
	if err != nil {
		return -1
	}
	st, err := kv.Status(ctx)
	if err != nil {
		return -1
	}
	return int(st.Values())
}

// TestWorkerDiesMidBatch kills a worker while it holds a batch: the
// articles it had not finished are redelivered to another worker, and
// each is stored exactly once.
func TestWorkerDiesMidBatch(t *testing.T) {
	cfg := Config{Replicas: 3, AckWait: time.Second, Index: []byline.IndexOption{byline.WithLSA(0)}}
	_, js := startCluster(t, cfg)
	arts := testArticles(40)
	publishAll(t, js, cfg, arts)

	// The doomed worker finishes two articles of its batch, then hangs on
	// the third until it is killed.
	doomed := &Worker{JS: js, Config: cfg, Analyzer: fastAnalyzer, Batch: 10}
	var started atomic.Int32
	hung := make(chan struct{})
	doomed.Analyze = func(ctx context.Context, a Article) (*Post, error) {
		if started.Add(1) == 3 {
			close(hung)
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return doomed.AnalyzeArticle(ctx, a)
	}
	kill := run(t, doomed.Run)
	<-hung
	kill()
	if got := doomed.Stats().Analysed; got != 2 {
		t.Fatalf("doomed worker stored %d results before dying, want 2", got)
	}

	rescuer := &Worker{JS: js, Config: cfg, Analyzer: fastAnalyzer}
	run(t, rescuer.Run)
	waitFor(t, 30*time.Second, "every article", func() bool { return rescuer.Stats().Analysed == int64(len(arts)-2) })
	// The doomed worker's unfinished batch (8 articles) came back.
	if r := rescuer.Stats().Redelivered; r < 8 {
		t.Errorf("%d articles redelivered, want at least the 8 the dead worker held", r)
	}
	checkExactlyOnce(t, js, cfg, arts)
}

// TestShardStopsAndCatchesUp stops one shard: queries name it as missing
// within their deadline; after it restarts from its snapshot and replays
// what it missed, queries are whole again and match one index.
func TestShardStopsAndCatchesUp(t *testing.T) {
	cfg := Config{Shards: 2, Replicas: 3, Index: []byline.IndexOption{byline.WithLSA(0)}}
	c, js := startCluster(t, cfg)
	nc, _ := connect(t, c.URLs())
	arts := testArticles(80)
	publishAll(t, js, cfg, arts[:50])
	w := &Worker{JS: js, Config: cfg, Analyzer: fastAnalyzer}
	run(t, w.Run)
	stops := make([]func(), 2)
	for i := range stops {
		sh := &Shard{JS: js, Config: cfg, ID: i, SnapshotEvery: 20}
		stops[i] = run(t, sh.Run)
	}
	waitFor(t, 30*time.Second, "50 articles", func() bool { return w.Stats().Analysed == 50 })
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	last, err := LastSeq(ctx, js, cfg)
	if err != nil {
		t.Fatal(err)
	}
	client := &Client{Conn: nc, Config: cfg, Timeout: 300 * time.Millisecond}
	// An article held by shard 0, so that its vector is reachable.
	var probe string
	for _, a := range arts[:50] {
		if ShardOf(a.ID, 2) == 0 {
			probe = a.ID
			break
		}
	}
	// Shards that have not applied the stream up to last stay silent,
	// so the first queries may come back partial on a loaded machine:
	// wait for a whole answer, as a caller with AtLeast would.
	var whole Result
	waitFor(t, 30*time.Second, "a whole answer before the stop", func() bool {
		whole, err = client.Related(ctx, probe, 5, AtLeast(last))
		return err == nil && len(whole.Missing) == 0
	})

	stops[1]()
	start := time.Now()
	partial, err := client.Related(ctx, probe, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(partial.Missing, []int{1}) {
		t.Fatalf("with shard 1 stopped: missing %v, want [1]", partial.Missing)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("partial answer took %v, beyond the deadline", d)
	}
	for _, m := range partial.Matches {
		if ShardOf(m.ID, 2) != 0 {
			t.Errorf("match %s from the stopped shard", m.ID)
		}
	}
	// A query that needs the stopped shard's data fails naming it.
	var held1 string
	for _, a := range arts[:50] {
		if ShardOf(a.ID, 2) == 1 {
			held1 = a.ID
			break
		}
	}
	if _, err := client.Related(ctx, held1, 5); !errors.Is(err, ErrMissing) {
		t.Errorf("related to a post on the stopped shard: %v, want ErrMissing", err)
	}

	// The stopped shard left a snapshot of all it had applied.
	obs, err := js.ObjectStore(ctx, cfg.objectBucket())
	if err != nil {
		t.Fatal(err)
	}
	info, err := obs.GetInfo(ctx, cfg.snapshotObject(1))
	if err != nil || info.Metadata["seq"] != fmt.Sprint(last) {
		t.Fatalf("snapshot of the stopped shard: %+v, %v; want sequence %d", info, err, last)
	}

	// More posts arrive while the shard is down; it restarts from its
	// snapshot and replays them.
	publishAll(t, js, cfg, arts[50:])
	waitFor(t, 30*time.Second, "80 articles", func() bool { return w.Stats().Analysed == 80 })
	last, err = LastSeq(ctx, js, cfg)
	if err != nil {
		t.Fatal(err)
	}
	back := &Shard{JS: js, Config: cfg, ID: 1, SnapshotEvery: 20}
	run(t, back.Run)
	waitFor(t, 30*time.Second, "the restarted shard to catch up", func() bool { return back.Applied() >= last })
	client.Timeout = 10 * time.Second
	after, err := client.Related(ctx, probe, 5, AtLeast(last))
	if err != nil || len(after.Missing) > 0 {
		t.Fatalf("after the restart: %+v, %v (shard 1 applied %d of %d, holds %d)", after, err, back.Applied(), last, back.Len())
	}
	if back.Len() == 0 || back.Applied() < last {
		t.Errorf("restarted shard holds %d posts, applied %d of %d", back.Len(), back.Applied(), last)
	}
	one := oneIndex(t, js, cfg, arts)
	v, _ := one.DocVector(probe)
	want, _ := one.SearchVector(v, probe, 5, index.DefaultQuery())
	for i, m := range after.Matches {
		if m.ID != want[i].ID || float32(m.Score) != want[i].Score {
			t.Fatalf("after catching up, match %d = %v, want %v", i, m, want[i])
		}
	}
}
