// Package cluster runs byline beyond one machine on NATS JetStream:
// analysis workers that share a durable work queue of articles, and a
// related-posts index partitioned over shards that answer queries
// together.
//
// The flow (see the README's "Scaling out"):
//
//	publisher ──articles──▶ ARTICLES stream (message ID = article ID)
//	                            │ one durable pull consumer
//	                 ┌──────────┼──────────┐
//	              Worker     Worker     Worker   analyse, extract index terms
//	                 └──────────┼──────────┘
//	                            ▼ publish (message ID = article ID), then ack
//	         RESULTS stream  +  RESULTS key-value bucket (key = article ID)
//	                            │ every shard reads the whole stream
//	                 ┌──────────┼──────────┐
//	              Shard 0    Shard 1    Shard 2   hold posts hashed to them,
//	                 └──────────┼──────────┘     count everyone's terms
//	                            ▲ request-reply fan-out, deadline, merge top k
//	                          Client
//
// A worker acknowledges an article only after its result is stored, so
// a worker that dies mid-article leaves it to be redelivered; results
// are published with the article ID as message ID, so a redelivered
// article is stored once. Each shard holds the posts whose ID hashes to
// it but counts the terms of every post, so its document frequencies are
// the collection's and a merged TF-IDF query returns what one index
// holding every post would, score for score. An LSA model is fitted once
// (FitModel) and shared through the object store; shards fold their posts
// into it. A shard starts from its last snapshot in the object store and
// replays the stream from the snapshot's sequence. A query names the
// shards that did not answer by its deadline.
package cluster

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/index"
	"github.com/nats-io/nats.go/jetstream"
)

// Config names a cluster's streams and buckets and sets its shape. Every
// worker, shard and client of one cluster must use the same Config; the
// zero value is valid and means the defaults below.
type Config struct {
	// Prefix starts every stream, bucket and subject name: "BYLINE" for
	// streams and buckets, "byline" for subjects, when empty.
	Prefix string
	// Shards is the number of partitions of the related-posts index (1
	// when zero).
	Shards int
	// Replicas is how many servers keep each stream and bucket (1 when
	// zero; 3 tolerates one server failing).
	Replicas int
	// Index configures the related-posts index (byline.NewIndex's
	// options). LSA, when on, uses a model fitted once by FitModel.
	Index []byline.IndexOption
	// DedupWindow is how long the streams remember message IDs to drop
	// duplicates (one hour when zero). A duplicate published later is
	// still recognised by the worker, which finds its result stored.
	DedupWindow time.Duration
	// AckWait is how long a worker may hold an article before it is
	// redelivered to another (30 seconds when zero).
	AckWait time.Duration
}

func (c Config) prefix() (streams, subjects string) {
	if c.Prefix == "" {
		return "BYLINE", "byline"
	}
	return c.Prefix, c.Prefix
}

func (c Config) shards() int { return max(c.Shards, 1) }

func (c Config) replicas() int { return max(c.Replicas, 1) }

func (c Config) dedup() time.Duration {
	if c.DedupWindow <= 0 {
		return time.Hour
	}
	return c.DedupWindow
}

func (c Config) ackWait() time.Duration {
	if c.AckWait <= 0 {
		return 30 * time.Second
	}
	return c.AckWait
}

// indexConfig is the index configuration the options give.
func (c Config) indexConfig() index.Config {
	cfg := index.DefaultConfig()
	for _, o := range c.Index {
		o(&cfg)
	}
	cfg.SharedModel = true
	return cfg
}

// LSA reports the LSA dimensions the index options give (0: LSA is off
// and FitModel is not needed).
func (c Config) LSA() int { return c.indexConfig().LSAK }

// Names of the cluster's streams, buckets and subjects.
func (c Config) articlesStream() string { s, _ := c.prefix(); return s + "_ARTICLES" }
func (c Config) resultsStream() string  { s, _ := c.prefix(); return s + "_RESULTS" }
func (c Config) resultsBucket() string  { s, _ := c.prefix(); return s + "_RESULTS" }
func (c Config) objectBucket() string   { s, _ := c.prefix(); return s + "_INDEX" }
func (c Config) articlesSubject() string {
	_, s := c.prefix()
	return s + ".articles"
}
func (c Config) resultsSubject() string {
	_, s := c.prefix()
	return s + ".results"
}
func (c Config) shardSubject(shard int, op string) string {
	_, s := c.prefix()
	// The shard count is part of the subject, so that clients and shards
	// configured for different counts never answer each other.
	return fmt.Sprintf("%s.shards.%d.%d.%s", s, c.shards(), shard, op)
}

// consumerName is the durable consumer every worker pulls from.
const consumerName = "workers"

// modelObject is the object store name of the shared LSA model.
const modelObject = "lsa-model"

func (c Config) snapshotObject(shard int) string {
	return fmt.Sprintf("shard-%d-of-%d", shard, c.shards())
}

// Setup creates or updates the cluster's streams, key-value bucket,
// object store and work-queue consumer. Run it once before the workers
// and shards, or from each of them: it is idempotent.
func Setup(ctx context.Context, js jetstream.JetStream, cfg Config) error {
	r := cfg.replicas()
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       cfg.articlesStream(),
		Subjects:   []string{cfg.articlesSubject()},
		Retention:  jetstream.WorkQueuePolicy,
		Duplicates: cfg.dedup(),
		Replicas:   r,
	}); err != nil {
		return fmt.Errorf("cluster: articles stream: %w", err)
	}
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       cfg.resultsStream(),
		Subjects:   []string{cfg.resultsSubject()},
		Duplicates: cfg.dedup(),
		Replicas:   r,
	}); err != nil {
		return fmt.Errorf("cluster: results stream: %w", err)
	}
	if _, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: cfg.resultsBucket(), Replicas: r}); err != nil {
		return fmt.Errorf("cluster: results bucket: %w", err)
	}
	if _, err := js.CreateOrUpdateObjectStore(ctx, jetstream.ObjectStoreConfig{Bucket: cfg.objectBucket(), Replicas: r}); err != nil {
		return fmt.Errorf("cluster: object store: %w", err)
	}
	if _, err := js.CreateOrUpdateConsumer(ctx, cfg.articlesStream(), jetstream.ConsumerConfig{
		Durable:       consumerName,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       cfg.ackWait(),
		MaxAckPending: 1024,
	}); err != nil {
		return fmt.Errorf("cluster: consumer: %w", err)
	}
	return nil
}

// ShardOf returns the shard, in [0, shards), that holds the post id:
// FNV-1a of the ID modulo the number of shards.
func ShardOf(id string, shards int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(max(shards, 1)))
}

// Key returns the key-value key of an article ID: the ID itself when it
// is made of letters, digits, '-' and '_', else "=" and its unpadded
// base64url encoding (keys are restricted; '=' never starts a plain one).
func Key(id string) string {
	plain := id != ""
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			plain = false
			break
		}
	}
	if plain {
		return id
	}
	return "=" + base64.RawURLEncoding.EncodeToString([]byte(id))
}

// ErrNoID is returned for an article without an ID.
var ErrNoID = errors.New("cluster: article has no ID")
