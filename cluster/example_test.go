package cluster_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"sync"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/cluster"
	"github.com/byline-nlp/byline/cluster/embedded"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Example runs the whole flow on one machine: a NATS server in the
// process, a worker, two shards and a related-posts query.
func Example() {
	dir, err := os.MkdirTemp("", "byline-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	srv, err := embedded.Start(dir)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Shutdown()
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		log.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	cfg := cluster.Config{Shards: 2, Index: []byline.IndexOption{byline.WithLSA(0)}}
	if err := cluster.Setup(ctx, js, cfg); err != nil {
		log.Fatal(err)
	}
	for _, a := range []cluster.Article{
		{ID: "rates1", Title: "Central bank raises interest rates", Text: "The central bank raised its benchmark interest rate, citing inflation."},
		{ID: "rates2", Title: "Mortgage costs climb after rate rise", Text: "Lenders raised mortgage rates after the central bank lifted interest rates."},
		{ID: "quake1", Title: "Earthquake shakes coastal towns", Text: "A strong earthquake damaged buildings in several fishing towns."},
		{ID: "quake2", Title: "Rescuers search rubble after quake", Text: "Rescue workers dug through collapsed buildings after the earthquake."},
	} {
		if _, err := cluster.Publish(ctx, js, cfg, a); err != nil {
			log.Fatal(err)
		}
	}

	run, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { stop(); wg.Wait() }()
	w := &cluster.Worker{JS: js, Config: cfg}
	wg.Go(func() { w.Run(run) })
	for i := range cfg.Shards {
		s := &cluster.Shard{JS: js, Config: cfg, ID: i}
		wg.Go(func() { s.Run(run) })
	}
	for w.Stats().Analysed < 4 {
		time.Sleep(10 * time.Millisecond)
	}
	last, err := cluster.LastSeq(ctx, js, cfg)
	if err != nil {
		log.Fatal(err)
	}

	c := &cluster.Client{Conn: nc, Config: cfg}
	res, err := c.Related(ctx, "quake1", 1, cluster.AtLeast(last))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Matches[0].ID, "missing shards:", res.Missing)
	// Output: quake2 missing shards: []
}
