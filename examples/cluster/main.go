// Command cluster runs byline's analysis workers and sharded related-posts
// index on NATS JetStream (see package cluster), one role per process:
//
//	go run ./examples/cluster -nats nats://10.0.0.5:4222 -shards 3 setup
//	go run ./examples/cluster -nats URL -shards 3 worker
//	go run ./examples/cluster -nats URL -shards 3 -id 0 shard
//	go run ./examples/cluster -nats URL -shards 3 publish articles.jsonl
//	go run ./examples/cluster -nats URL -shards 3 fit
//	go run ./examples/cluster -nats URL -shards 3 -id 1234 query
//
// Every process of one cluster takes the same -shards, -lsa and -replicas.
// Input is JSONL {"id","title","text"} (an optional RFC 3339
// "published") or a folder of .txt articles (id = file name, first line
// the title). With -lsa > 0 run fit once the posts are in, and again as
// the collection grows.
//
// To try it on one machine, -embedded starts a NATS server on loopback in
// this process and runs every role in it: publish the input, analyse it
// with two workers, start the shards, and print the posts related to -id
// (or to the first article):
//
//	go run ./examples/cluster -embedded -shards 3 testdata/articles
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/cluster"
	"github.com/byline-nlp/byline/cluster/embedded"
	"github.com/byline-nlp/byline/internal/jsonl"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(os.Stderr, "cluster:", err)
		os.Exit(1)
	}
}

type options struct {
	url      string
	embedded bool
	shards   int
	replicas int
	lsa      int
	id       string
	k        int
	workers  int
	timeout  time.Duration
	jsonOut  bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("cluster", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var o options
	fl.StringVar(&o.url, "nats", nats.DefaultURL, "NATS server URL(s), comma-separated")
	fl.BoolVar(&o.embedded, "embedded", false, "start a NATS server on loopback in this process and run every role in it")
	fl.IntVar(&o.shards, "shards", 3, "number of index shards")
	fl.IntVar(&o.replicas, "replicas", 1, "servers keeping each stream (3 survives one failing)")
	fl.IntVar(&o.lsa, "lsa", 0, "LSA dimensions (0: TF-IDF only; needs fit)")
	fl.StringVar(&o.id, "id", "", "shard: its number; query: the post to find related posts for")
	fl.IntVar(&o.k, "k", 5, "query: how many related posts")
	fl.IntVar(&o.workers, "workers", 1, "worker: analysis workers in this process")
	fl.DurationVar(&o.timeout, "timeout", 2*time.Second, "query: deadline for the shards")
	fl.BoolVar(&o.jsonOut, "json", false, "query: print JSON")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: cluster [flags] setup|worker|shard|publish FILE|fit|query")
		fmt.Fprintln(stderr, "       cluster -embedded [flags] FILE_OR_DIR")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	cfg := cluster.Config{Shards: o.shards, Replicas: o.replicas, Index: []byline.IndexOption{byline.WithLSA(o.lsa)}}
	if o.embedded {
		if fl.NArg() != 1 {
			fl.Usage()
			return errors.New("-embedded takes one input file or folder")
		}
		return runEmbedded(ctx, o, cfg, fl.Arg(0), stdout, stderr)
	}
	if fl.NArg() < 1 {
		fl.Usage()
		return errors.New("no role")
	}
	nc, js, err := connect(o.url)
	if err != nil {
		return err
	}
	defer nc.Close()
	switch role := fl.Arg(0); role {
	case "setup":
		return cluster.Setup(ctx, js, cfg)
	case "worker":
		if err := cluster.Setup(ctx, js, cfg); err != nil {
			return err
		}
		return runWorkers(ctx, js, cfg, o.workers)
	case "shard":
		var id int
		if _, err := fmt.Sscan(o.id, &id); err != nil {
			return fmt.Errorf("shard: -id must be the shard's number: %w", err)
		}
		if err := cluster.Setup(ctx, js, cfg); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "shard %d of %d serving\n", id, o.shards)
		return (&cluster.Shard{JS: js, Config: cfg, ID: id}).Run(ctx)
	case "publish":
		if fl.NArg() != 2 {
			return errors.New("publish: give one JSONL file or folder")
		}
		if err := cluster.Setup(ctx, js, cfg); err != nil {
			return err
		}
		recs, err := readArticles(fl.Arg(1))
		if err != nil {
			return err
		}
		n, dups, err := publish(ctx, js, cfg, recs)
		fmt.Fprintf(stderr, "published %d articles (%d duplicates dropped)\n", n, dups)
		return err
	case "fit":
		id, err := cluster.FitModel(ctx, js, cfg, 0)
		if err == nil {
			fmt.Fprintf(stderr, "model %s published\n", id)
		}
		return err
	case "query":
		return query(ctx, nc, cfg, o, stdout)
	default:
		fl.Usage()
		return fmt.Errorf("unknown role %q", role)
	}
}

func connect(url string) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(url, nats.MaxReconnects(-1))
	if err != nil {
		return nil, nil, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	return nc, js, nil
}

// runWorkers runs n workers until ctx is done.
func runWorkers(ctx context.Context, js jetstream.JetStream, cfg cluster.Config, n int) error {
	errs := make([]error, max(n, 1))
	var wg sync.WaitGroup
	for i := range errs {
		wg.Go(func() { errs[i] = (&cluster.Worker{JS: js, Config: cfg}).Run(ctx) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// query prints the posts related to o.id.
func query(ctx context.Context, nc *nats.Conn, cfg cluster.Config, o options, stdout io.Writer) error {
	if o.id == "" {
		return errors.New("query: give -id")
	}
	c := &cluster.Client{Conn: nc, Config: cfg, Timeout: o.timeout}
	res, err := c.Related(ctx, o.id, o.k)
	if err != nil {
		return err
	}
	if o.jsonOut {
		return json.NewEncoder(stdout).Encode(res)
	}
	for _, m := range res.Matches {
		fmt.Fprintf(stdout, "%.3f\t%s\n", m.Score, m.ID)
	}
	if len(res.Missing) > 0 {
		fmt.Fprintf(stdout, "missing shards: %v (their posts are not in this answer)\n", res.Missing)
	}
	return nil
}

// runEmbedded runs the whole cluster in this process on a loopback server.
func runEmbedded(ctx context.Context, o options, cfg cluster.Config, input string, stdout, stderr io.Writer) error {
	dir, err := os.MkdirTemp("", "byline-cluster")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	srv, err := embedded.Start(dir)
	if err != nil {
		return err
	}
	defer srv.Shutdown()
	fmt.Fprintf(stderr, "NATS server on %s\n", srv.ClientURL())
	nc, js, err := connect(srv.ClientURL())
	if err != nil {
		return err
	}
	defer nc.Close()
	cfg.Replicas = 1
	if err := cluster.Setup(ctx, js, cfg); err != nil {
		return err
	}
	rctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	var workers []*cluster.Worker
	for range 2 {
		w := &cluster.Worker{JS: js, Config: cfg}
		workers = append(workers, w)
		wg.Go(func() { w.Run(rctx) })
	}
	var shards []*cluster.Shard
	for i := range o.shards {
		s := &cluster.Shard{JS: js, Config: cfg, ID: i}
		shards = append(shards, s)
		wg.Go(func() { s.Run(rctx) })
	}
	recs, err := readArticles(input)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return errors.New("no articles in the input")
	}
	n, dups, err := publish(ctx, js, cfg, recs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "published %d articles (%d duplicates dropped)\n", n, dups)
	start := time.Now()
	for {
		var done int64
		for _, w := range workers {
			s := w.Stats()
			done += s.Analysed + s.Skipped
		}
		if done >= int64(n-dups) {
			break
		}
		if err := wait(ctx); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "analysed in %v\n", time.Since(start).Round(time.Millisecond))
	last, err := cluster.LastSeq(ctx, js, cfg)
	if err != nil {
		return err
	}
	if cfg.LSA() > 0 {
		id, err := cluster.FitModel(ctx, js, cfg, 0)
		if err != nil {
			return err
		}
		for _, s := range shards {
			for s.ModelID() != id {
				if err := wait(ctx); err != nil {
					return err
				}
			}
		}
	}
	if o.id == "" {
		o.id = recs[0].ID
	}
	for _, s := range shards {
		if err := s.WaitApplied(ctx, last); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "shard %d holds %d posts\n", s.ID, s.Len())
	}
	fmt.Fprintf(stdout, "related to %s:\n", o.id)
	return query(ctx, nc, cfg, o, stdout)
}

// wait pauses between checks of progress made by other goroutines.
func wait(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(10 * time.Millisecond):
		return nil
	}
}

// publish sends the articles, reporting how many the stream dropped as duplicates.
func publish(ctx context.Context, js jetstream.JetStream, cfg cluster.Config, recs []cluster.Article) (n, dups int, err error) {
	for _, a := range recs {
		dup, err := cluster.Publish(ctx, js, cfg, a)
		if err != nil {
			return n, dups, err
		}
		n++
		if dup {
			dups++
		}
	}
	return n, dups, nil
}

// readArticles reads a JSONL file, or every .txt file in a folder.
func readArticles(src string) ([]cluster.Article, error) {
	st, err := os.Stat(src)
	if err != nil {
		return nil, err
	}
	var out []cluster.Article
	if st.IsDir() {
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".txt") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			title, text, _ := strings.Cut(string(b), "\n")
			out = append(out, cluster.Article{ID: strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)), Title: strings.TrimSpace(title), Text: text})
			return nil
		})
		return out, err
	}
	return jsonl.ReadFile[cluster.Article](src, 0)
}
