package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/cluster/embedded"
	"github.com/byline-nlp/byline/internal/index"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// topics give the generated test articles their vocabularies, so that
// articles on one topic are related and scores vary.
var topics = [][]string{
	{"bank", "interest", "rates", "inflation", "mortgage", "lenders", "borrowing", "economy", "prices", "bonds"},
	{"earthquake", "rescue", "rubble", "coast", "aftershocks", "buildings", "survivors", "towns", "damage", "teams"},
	{"derby", "header", "captain", "stadium", "goals", "league", "coach", "season", "fans", "striker"},
	{"vaccine", "regulator", "trials", "patients", "clinics", "virus", "doses", "health", "hospital", "doctors"},
	{"election", "voters", "ballots", "candidate", "parliament", "campaign", "polls", "minister", "party", "coalition"},
}

var common = []string{"officials", "said", "week", "city", "people", "new", "report", "year", "local", "government"}

// testArticles generates n articles (text we made up) on the topics.
func testArticles(n int) []Article {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]Article, n)
	for i := range out {
		words := topics[i%len(topics)]
		var sb strings.Builder
		for s := range 3 {
			if s > 0 {
				sb.WriteString(" ")
			}
			sb.WriteString("The")
			for range 9 {
				sb.WriteString(" ")
				if rng.IntN(3) == 0 {
					sb.WriteString(common[rng.IntN(len(common))])
				} else {
					sb.WriteString(words[rng.IntN(len(words))])
				}
			}
			sb.WriteString(".")
		}
		out[i] = Article{ID: fmt.Sprintf("a%03d", i), Title: strings.ToUpper(words[i%3][:1]) + words[i%3][1:] + " news", Text: sb.String(),
			Published: time.Date(2025, 1, 1+i%28, 0, 0, 0, 0, time.UTC)}
	}
	return out
}

// waitFor polls cond until it holds or timeout passes: a bounded wait on
// the condition itself, never a guess at how long something takes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func connect(t *testing.T, urls string) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	nc, err := nats.Connect(urls, nats.MaxReconnects(-1), nats.ReconnectWait(20*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return nc, js
}

// run starts f in a goroutine and returns a function that stops it and
// waits for it to return.
func run(t *testing.T, f func(ctx context.Context) error) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := f(ctx); err != nil && ctx.Err() == nil {
			t.Errorf("run: %v", err)
		}
	}()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(stop)
	return stop
}

// storedPosts reads the results stream: how often each ID is there.
func storedPosts(t *testing.T, js jetstream.JetStream, cfg Config) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, id := range storedOrder(t, js, cfg) {
		counts[id]++
	}
	return counts
}

func publishAll(t *testing.T, js jetstream.JetStream, cfg Config, arts []Article) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for _, a := range arts {
		if _, err := Publish(ctx, js, cfg, a); err != nil {
			t.Error(err)
			return
		}
	}
}

// fastAnalyzer skips the stages the cluster tests do not look at.
var fastAnalyzer = byline.New(byline.WithoutSummary(), byline.WithoutKeyPhrases())

// TestShardedMatchesOneIndex ingests articles through a worker into three
// shards and checks that every Related query and Score equals what one
// index holding every post gives: the same documents and the same scores.
func TestShardedMatchesOneIndex(t *testing.T) {
	srv, err := embedded.Start(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown) // after the workers and shards stop
	nc, js := connect(t, srv.ClientURL())
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cfg := Config{Shards: 3, Index: []byline.IndexOption{byline.WithLSA(0)}}
	if err := Setup(ctx, js, cfg); err != nil {
		t.Fatal(err)
	}
	arts := testArticles(60)
	publishAll(t, js, cfg, arts)
	// A duplicate is dropped by the stream.
	if dup, err := Publish(ctx, js, cfg, arts[0]); err != nil || !dup {
		t.Fatalf("republishing: dup %v, %v", dup, err)
	}
	w := &Worker{JS: js, Config: cfg, Analyzer: fastAnalyzer}
	run(t, w.Run)
	for i := range 3 {
		sh := &Shard{JS: js, Config: cfg, ID: i}
		run(t, sh.Run)
	}
	waitFor(t, 30*time.Second, "every article analysed", func() bool { return w.Stats().Analysed == int64(len(arts)) })
	last, err := LastSeq(ctx, js, cfg)
	if err != nil {
		t.Fatal(err)
	}

	// One index of every post, in stream order, as the reference.
	one := oneIndex(t, js, cfg, arts)
	ref := byline.NewIndex(cfg.Index...)
	for _, id := range storedOrder(t, js, cfg) {
		a := arts[idNum(id)]
		ref.Add(id, byline.NewTextDocument(a.Title, a.Text))
	}
	c := &Client{Conn: nc, Config: cfg}
	for _, a := range arts {
		got, err := c.Related(ctx, a.ID, 10, AtLeast(last))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Missing) > 0 {
			t.Fatalf("%s: shards %v missing", a.ID, got.Missing)
		}
		v, _ := one.DocVector(a.ID)
		want, _ := one.SearchVector(v, a.ID, 10, index.DefaultQuery())
		if len(got.Matches) != len(want) {
			t.Fatalf("%s: %d matches, want %d", a.ID, len(got.Matches), len(want))
		}
		for i, m := range got.Matches {
			if m.ID != want[i].ID || float32(m.Score) != want[i].Score {
				t.Fatalf("%s: match %d = %v, want %v", a.ID, i, m, want[i])
			}
		}
		// The public Index, built from Documents, agrees to float32 precision.
		pub, _ := ref.Related(a.ID, 10)
		for i := range pub {
			if math.Abs(pub[i].Score-got.Matches[i].Score) > 1e-6 {
				t.Fatalf("%s: match %d scores %v sharded, %v in one Index", a.ID, i, got.Matches[i], pub[i])
			}
		}
		if s, err := c.Score(ctx, a.ID, want[0].ID); err != nil || float32(s) != want[0].Score {
			t.Fatalf("Score(%s, %s) = %v, %v; want %v", a.ID, want[0].ID, s, err, want[0].Score)
		}
	}
	if _, err := c.Related(ctx, "nope", 3); err == nil {
		t.Error("unknown id: no error")
	}
	res, err := c.Query(ctx, byline.NewTextDocument("", "The bank raised interest rates as inflation hit mortgage lenders."), 3)
	if err != nil || len(res.Matches) != 3 || !strings.HasPrefix(res.Matches[0].ID, "a") || idNum(res.Matches[0].ID)%len(topics) != 0 {
		t.Errorf("query about rates: %+v, %v", res, err)
	}
}

// oneIndex is the reference: one index holding every stored post, in
// stream order.
func oneIndex(t *testing.T, js jetstream.JetStream, cfg Config, arts []Article) *index.Index {
	t.Helper()
	one := index.New(cfg.indexConfig())
	for i, id := range storedOrder(t, js, cfg) {
		a := arts[idNum(id)]
		doc := byline.NewTextDocument(a.Title, a.Text)
		if !a.Published.IsZero() {
			doc.Article = &byline.Article{Title: a.Title, Published: a.Published}
		}
		if err := one.AddTerms(id, index.Extract(doc, cfg.indexConfig()), int64(i+1)); err != nil {
			t.Fatal(err)
		}
	}
	return one
}

func idNum(id string) int {
	var n int
	fmt.Sscanf(id, "a%d", &n)
	return n
}

// storedOrder lists the IDs in the results stream in order, starting
// over when a server failing over interrupts the reading.
func storedOrder(t testing.TB, js jetstream.JetStream, cfg Config) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := retry(ctx, func(ctx context.Context) ([]string, error) {
		last, err := LastSeq(ctx, js, cfg)
		if err != nil {
			return nil, err
		}
		cons, err := js.OrderedConsumer(ctx, cfg.resultsStream(), jetstream.OrderedConsumerConfig{})
		if err != nil {
			return nil, err
		}
		var out []string
		for uint64(len(out)) < last {
			batch, err := cons.Fetch(int(last)-len(out), jetstream.FetchContext(ctx))
			if err != nil {
				return nil, err
			}
			for m := range batch.Messages() {
				var p Post
				if err := json.Unmarshal(m.Data(), &p); err != nil {
					return nil, permanent{err}
				}
				out = append(out, p.ID)
			}
			if err := batch.Error(); err != nil {
				return nil, err
			}
		}
		return out, nil
	})
	if err != nil {
		t.Fatal("reading the results:", err)
	}
	return out
}

// TestShardedLSA fits one LSA model on every post, shares it through the
// object store, and checks that the shards' merged answers equal one
// index using the same model.
func TestShardedLSA(t *testing.T) {
	srv, err := embedded.Start(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	nc, js := connect(t, srv.ClientURL())
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cfg := Config{Shards: 2, Index: []byline.IndexOption{byline.WithLSA(4)}}
	if err := Setup(ctx, js, cfg); err != nil {
		t.Fatal(err)
	}
	arts := testArticles(40)
	publishAll(t, js, cfg, arts)
	w := &Worker{JS: js, Config: cfg, Analyzer: fastAnalyzer}
	run(t, w.Run)
	var shards []*Shard
	for i := range 2 {
		sh := &Shard{JS: js, Config: cfg, ID: i}
		shards = append(shards, sh)
		run(t, sh.Run)
	}
	waitFor(t, 30*time.Second, "every article analysed", func() bool { return w.Stats().Analysed == int64(len(arts)) })
	last, err := LastSeq(ctx, js, cfg)
	if err != nil {
		t.Fatal(err)
	}
	id, err := FitModel(ctx, js, cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range shards {
		waitFor(t, 10*time.Second, "the model on every shard", func() bool { return sh.ModelID() == id })
	}
	one := oneIndex(t, js, cfg, arts)
	m, err := one.FitModel()
	if err != nil {
		t.Fatal(err)
	}
	one.SetModel(m)
	c := &Client{Conn: nc, Config: cfg}
	for _, a := range arts[:10] {
		got, err := c.Related(ctx, a.ID, 5, AtLeast(last))
		if err != nil || len(got.Missing) > 0 {
			t.Fatalf("%s: %+v, %v", a.ID, got, err)
		}
		v, _ := one.DocVector(a.ID)
		want, _ := one.SearchVector(v, a.ID, 5, index.DefaultQuery())
		for i, m := range got.Matches {
			if m.ID != want[i].ID || math.Abs(m.Score-float64(want[i].Score)) > 1e-5 {
				t.Fatalf("%s: match %d = %v, want %v", a.ID, i, m, want[i])
			}
		}
	}
}

// TestKey checks that every article ID maps to a distinct valid bucket key.
func TestKey(t *testing.T) {
	valid := func(k string) bool {
		if k == "" || strings.HasPrefix(k, ".") || strings.HasSuffix(k, ".") {
			return false
		}
		for _, r := range k {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_=/.", r)) {
				return false
			}
		}
		return true
	}
	seen := map[string]string{}
	for _, tc := range []struct{ id, want string }{
		{"1234", "1234"},
		{"a-b_C", "a-b_C"},
		{"alt.atheism/49960", ""},
		{"=abc", ""},
		{"héllo wörld", ""},
		{"a.b", ""},
		{"a b", ""},
	} {
		k := Key(tc.id)
		if tc.want != "" && k != tc.want {
			t.Errorf("Key(%q) = %q, want %q", tc.id, k, tc.want)
		}
		if !valid(k) {
			t.Errorf("Key(%q) = %q is not a valid key", tc.id, k)
		}
		if other, dup := seen[k]; dup {
			t.Errorf("Key(%q) = Key(%q) = %q", tc.id, other, k)
		}
		seen[k] = tc.id
	}
}
