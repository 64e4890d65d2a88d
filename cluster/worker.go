package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/index"
	"github.com/nats-io/nats.go/jetstream"
)

// An Article is what a publisher sends for analysis.
type Article struct {
	ID        string    `json:"id"`
	Title     string    `json:"title,omitempty"`
	Text      string    `json:"text"`
	Published time.Time `json:"published,omitzero"`
	URL       string    `json:"url,omitempty"`
}

// Terms are a post's related-posts index terms: the distinct stems in
// sorted order with their counts, its near-duplicate sketch and date.
type Terms = index.Terms

// A Post is one analysed article, as the results stream and bucket
// hold it.
type Post struct {
	ID        string           `json:"id"`
	Title     string           `json:"title,omitempty"`
	URL       string           `json:"url,omitempty"`
	Published time.Time        `json:"published,omitzero"`
	Analysis  *byline.Analysis `json:"analysis,omitempty"`
	// Error says why an article has no analysis (such as an empty text);
	// it is still a result, so that it is not retried for ever.
	Error string `json:"error,omitempty"`
	Terms Terms  `json:"terms"`
}

// opTimeout bounds each JetStream call, so that a server failing over
// costs a retry rather than a hang.
const opTimeout = 5 * time.Second

// Publish sends an article for analysis, with its ID as message ID so
// that the stream drops a duplicate sent within the dedup window. It
// reports whether the article was a duplicate.
func Publish(ctx context.Context, js jetstream.JetStream, cfg Config, a Article) (dup bool, err error) {
	if a.ID == "" {
		return false, ErrNoID
	}
	data, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	ack, err := retry(ctx, func(ctx context.Context) (*jetstream.PubAck, error) {
		return js.Publish(ctx, cfg.articlesSubject(), data, jetstream.WithMsgID(a.ID))
	})
	if err != nil {
		return false, fmt.Errorf("cluster: publish %q: %w", a.ID, err)
	}
	return ack.Duplicate, nil
}

// retry calls f with a per-call timeout until it succeeds or ctx is
// done, backing off between attempts: while a stream elects a new leader
// after a server fails, calls fail for a moment.
func retry[T any](ctx context.Context, f func(context.Context) (T, error)) (T, error) {
	backoff := 10 * time.Millisecond
	for {
		cctx, cancel := context.WithTimeout(ctx, opTimeout)
		v, err := f(cctx)
		cancel()
		if err == nil || ctx.Err() != nil || !transient(err) {
			return v, err
		}
		select {
		case <-ctx.Done():
			return v, err
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, time.Second)
	}
}

// transient reports whether err may go away by retrying.
func transient(err error) bool {
	var p permanent
	if errors.As(err, &p) {
		return false
	}
	var api *jetstream.APIError
	if errors.As(err, &api) {
		// 503: no responders / no leader yet; other API errors are final.
		return api.Code == 503 || api.Code == 408 || api.Code == 500
	}
	return true
}

// A Worker analyses articles from the cluster's work queue. Any number
// of workers, in any number of processes, share one durable consumer.
// For each article a worker analyses it, publishes the result (message ID
// = article ID) and stores it in the bucket, and only then acknowledges;
// an article whose result is already stored is acknowledged unchanged,
// so redelivery and re-publication are harmless.
//
// Configure a Worker before Run and do not change it afterwards.
type Worker struct {
	JS     jetstream.JetStream
	Config Config
	// Analyzer runs the analysis stages (the defaults when nil).
	Analyzer *byline.Analyzer
	// Batch is how many articles one pull fetches (16 when zero).
	Batch int
	// Analyze, when set, replaces AnalyzeArticle, such as to add a
	// service's own stages.
	Analyze func(ctx context.Context, a Article) (*Post, error)

	analysed, skipped, duplicates, redelivered atomic.Int64
}

// WorkerStats count what a worker has done.
type WorkerStats struct {
	Analysed    int64 // results stored
	Skipped     int64 // articles whose result was already stored
	Duplicates  int64 // results the stream had already (a redelivery)
	Redelivered int64 // articles delivered more than once
}

// Stats reports the worker's counts so far. It is safe to call while the
// worker runs.
func (w *Worker) Stats() WorkerStats {
	return WorkerStats{w.analysed.Load(), w.skipped.Load(), w.duplicates.Load(), w.redelivered.Load()}
}

// AnalyzeArticle is the default analysis: the Analyzer's stages and the
// related-posts index terms, from one Document.
func (w *Worker) AnalyzeArticle(ctx context.Context, a Article) (*Post, error) {
	doc := byline.NewTextDocument(a.Title, a.Text)
	if !a.Published.IsZero() {
		doc.Article = &byline.Article{Title: a.Title, Published: a.Published, URL: a.URL}
	}
	res := &Post{ID: a.ID, Title: a.Title, URL: a.URL, Published: a.Published,
		Terms: index.Extract(doc, w.Config.indexConfig())}
	an, err := w.Analyzer.Analyze(ctx, doc)
	switch {
	case errors.Is(err, byline.ErrEmpty):
		res.Error = err.Error()
	case err != nil:
		return nil, err
	}
	res.Analysis = an
	return res, nil
}

// Run pulls and analyses articles until ctx is done, returning ctx's
// error; articles it holds unacknowledged then are redelivered to other
// workers after the AckWait.
func (w *Worker) Run(ctx context.Context) error {
	if w.JS == nil {
		return errors.New("cluster: worker without JetStream")
	}
	kv, err := retry(ctx, func(ctx context.Context) (jetstream.KeyValue, error) {
		return w.JS.KeyValue(ctx, w.Config.resultsBucket())
	})
	if err != nil {
		return fmt.Errorf("cluster: worker: %w", err)
	}
	cons, err := retry(ctx, func(ctx context.Context) (jetstream.Consumer, error) {
		return w.JS.Consumer(ctx, w.Config.articlesStream(), consumerName)
	})
	if err != nil {
		return fmt.Errorf("cluster: worker: %w", err)
	}
	batch := w.Batch
	if batch <= 0 {
		batch = 16
	}
	// Storing a result takes round trips to the servers; a second
	// goroutine stores one article's result while the next is analysed.
	// When ctx is done it still finishes what was analysed, for a while.
	sctx, scancel := context.WithCancel(context.WithoutCancel(ctx))
	defer context.AfterFunc(ctx, func() { time.AfterFunc(opTimeout, scancel) })()
	defer scancel()
	toStore := make(chan *analysed, 1)
	stored := make(chan struct{})
	go func() {
		defer close(stored)
		for p := range toStore {
			if err := w.store(sctx, kv, p); err != nil && sctx.Err() == nil {
				// Left unacknowledged: it is redelivered after AckWait.
				p.m.Nak()
			}
		}
	}()
	defer func() {
		close(toStore)
		<-stored
	}()
	for ctx.Err() == nil {
		fctx, cancel := context.WithTimeout(ctx, time.Second)
		msgs, err := cons.Fetch(batch, jetstream.FetchContext(fctx))
		if err != nil {
			cancel()
			if ctx.Err() == nil {
				// A failing-over server: wait a moment before pulling again.
				select {
				case <-ctx.Done():
				case <-time.After(50 * time.Millisecond):
				}
			}
			continue
		}
		for m := range msgs.Messages() {
			p, err := w.analyse(ctx, kv, m)
			switch {
			case err != nil && ctx.Err() == nil:
				m.Nak() // redelivered at once, perhaps to another worker
			case p != nil:
				toStore <- p
			}
		}
		cancel()
	}
	return ctx.Err()
}

// analysed is an article's result waiting to be stored.
type analysed struct {
	m       jetstream.Msg
	id, key string
	data    []byte
}

// analyse analyses one message, returning the result to store, or nil
// when there is nothing to store (malformed, or already stored:
// acknowledged here).
func (w *Worker) analyse(ctx context.Context, kv jetstream.KeyValue, m jetstream.Msg) (*analysed, error) {
	if md, err := m.Metadata(); err == nil && md.NumDelivered > 1 {
		w.redelivered.Add(1)
	}
	var a Article
	if err := json.Unmarshal(m.Data(), &a); err != nil || a.ID == "" {
		// Malformed input can never succeed: drop it rather than retry.
		return nil, m.Term()
	}
	key := Key(a.ID)
	stored, err := retry(ctx, func(ctx context.Context) (bool, error) {
		_, err := kv.Get(ctx, key)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			return false, nil
		}
		return err == nil, err
	})
	if err != nil {
		return nil, err
	}
	if stored {
		w.skipped.Add(1)
		return nil, m.DoubleAck(ctx)
	}
	analyze := w.Analyze
	if analyze == nil {
		analyze = w.AnalyzeArticle
	}
	res, err := analyze(ctx, a)
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(res)
	if err != nil {
		return nil, err
	}
	return &analysed{m: m, id: a.ID, key: key, data: data}, nil
}

// store publishes a result (message ID = article ID), puts it in the
// bucket and only then acknowledges the article.
func (w *Worker) store(ctx context.Context, kv jetstream.KeyValue, p *analysed) error {
	ack, err := retry(ctx, func(ctx context.Context) (*jetstream.PubAck, error) {
		return w.JS.Publish(ctx, w.Config.resultsSubject(), p.data, jetstream.WithMsgID(p.id))
	})
	if err != nil {
		return err
	}
	if ack.Duplicate {
		w.duplicates.Add(1)
	}
	if _, err := retry(ctx, func(ctx context.Context) (uint64, error) { return kv.Put(ctx, p.key, p.data) }); err != nil {
		return err
	}
	w.analysed.Add(1)
	return p.m.DoubleAck(ctx)
}
