package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/cluster"
	"github.com/byline-nlp/byline/cluster/embedded"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// buildCluster runs the related task through the cluster package: an
// embedded NATS server, analysis workers (every stage off but the
// related-posts terms), the given number of shards and, with LSA, one
// model fitted on every post and shared; queries go through a Client.
func buildCluster(recs []relatedRecord, opts []byline.IndexOption, shards int) (relater, func(), error) {
	dir, err := os.MkdirTemp("", "byline-evaluate-nats")
	if err != nil {
		return nil, nil, err
	}
	srv, err := embedded.Start(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	stop := func() {
		cancel()
		wg.Wait()
		srv.Shutdown()
		srv.WaitForShutdown()
		os.RemoveAll(dir)
	}
	fail := func(err error) (relater, func(), error) {
		stop()
		return nil, nil, err
	}
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		return fail(err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return fail(err)
	}
	cfg := cluster.Config{Shards: shards, Index: opts}
	if err := cluster.Setup(ctx, js, cfg); err != nil {
		return fail(err)
	}
	spawn := func(run func(context.Context) error) {
		wg.Go(func() { run(ctx) })
	}
	an := byline.New(byline.WithoutEntities(), byline.WithoutQuotes(), byline.WithoutSummary(), byline.WithoutKeyPhrases())
	var workers []*cluster.Worker
	for range runtime.GOMAXPROCS(0) {
		w := &cluster.Worker{JS: js, Config: cfg, Analyzer: an, Batch: 64}
		workers = append(workers, w)
		spawn(w.Run)
	}
	var ss []*cluster.Shard
	for i := range shards {
		s := &cluster.Shard{JS: js, Config: cfg, ID: i, SnapshotEvery: -1}
		ss = append(ss, s)
		spawn(s.Run)
	}
	for _, r := range recs {
		if _, err := cluster.Publish(ctx, js, cfg, cluster.Article{ID: r.ID, Title: r.Title, Text: r.Text}); err != nil {
			return fail(err)
		}
	}
	wait := func(what string, done func() bool) error {
		deadline := time.Now().Add(10 * time.Minute)
		for !done() {
			if time.Now().After(deadline) {
				return fmt.Errorf("evaluate: timed out waiting for %s", what)
			}
			time.Sleep(10 * time.Millisecond)
		}
		return nil
	}
	if err := wait("the workers", func() bool {
		var n int64
		for _, w := range workers {
			n += w.Stats().Analysed + w.Stats().Skipped
		}
		return n >= int64(len(recs))
	}); err != nil {
		return fail(err)
	}
	last, err := cluster.LastSeq(ctx, js, cfg)
	if err != nil {
		return fail(err)
	}
	for _, s := range ss {
		if err := s.WaitApplied(ctx, last); err != nil {
			return fail(err)
		}
	}
	if cfg.LSA() > 0 {
		id, err := cluster.FitModel(ctx, js, cfg, 0)
		if err != nil {
			return fail(err)
		}
		for _, s := range ss {
			if err := wait("the model", func() bool { return s.ModelID() == id }); err != nil {
				return fail(err)
			}
		}
	}
	held := 0
	for _, s := range ss {
		held += s.Len()
	}
	c := &cluster.Client{Conn: nc, Config: cfg, Timeout: time.Minute}
	return clusterRelater{c: c, n: held, seq: last}, stop, nil
}

// clusterRelater asks the shards through a Client.
type clusterRelater struct {
	c   *cluster.Client
	n   int
	seq uint64
}

func (r clusterRelater) Len() int { return r.n }

func (r clusterRelater) Related(id string, k int) ([]byline.Match, error) {
	res, err := r.c.Related(context.Background(), id, k, cluster.AtLeast(r.seq))
	if err == nil && len(res.Missing) > 0 {
		err = &cluster.MissingError{Shards: res.Missing}
	}
	return res.Matches, err
}

func (r clusterRelater) Score(id1, id2 string) (float64, error) {
	return r.c.Score(context.Background(), id1, id2, cluster.AtLeast(r.seq))
}
