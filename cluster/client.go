package cluster

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/index"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// A Client queries the sharded related-posts index. It is safe for
// concurrent use.
type Client struct {
	Conn   *nats.Conn
	Config Config
	// Timeout bounds each query, within its context's own deadline (two
	// seconds when zero).
	Timeout time.Duration
}

// A Result is a query's answer: the best matches over the shards that
// answered, and the shards that did not answer in time, so that a
// partial answer never passes for a whole one.
type Result struct {
	Matches []byline.Match `json:"matches"`
	Missing []int          `json:"missing,omitempty"`
}

// A QueryOption shapes one query.
type QueryOption func(*shardRequest)

// AtLeast makes every shard answer only once it has applied the results
// stream up to seq (see LastSeq): a query issued after an ingest then sees
// all of it.
func AtLeast(seq uint64) QueryOption { return func(r *shardRequest) { r.MinSeq = seq } }

// LastSeq returns the sequence of the last result stored.
func LastSeq(ctx context.Context, js jetstream.JetStream, cfg Config) (uint64, error) {
	info, err := retry(ctx, func(ctx context.Context) (*jetstream.StreamInfo, error) {
		st, err := js.Stream(ctx, cfg.resultsStream())
		if err != nil {
			return nil, err
		}
		return st.Info(ctx)
	})
	if err != nil {
		return 0, fmt.Errorf("cluster: %w", err)
	}
	return info.State.LastSeq, nil
}

// ErrMissing is returned, wrapped in a *MissingError, when a query needs a
// shard that did not answer in time.
var ErrMissing = errors.New("cluster: shard did not answer")

// A MissingError names the shards a request needed and did not get.
type MissingError struct{ Shards []int }

func (e *MissingError) Error() string {
	return fmt.Sprintf("cluster: shards %v did not answer in time", e.Shards)
}

// Unwrap makes errors.Is(err, ErrMissing) hold.
func (e *MissingError) Unwrap() error { return ErrMissing }

func (c *Client) ctx(ctx context.Context) (context.Context, context.CancelFunc) {
	t := c.Timeout
	if t <= 0 {
		t = 2 * time.Second
	}
	return context.WithTimeout(ctx, t)
}

// Related returns the k posts most related to the post held under id,
// leaving it out. It fails with byline.ErrNotFound for an unknown id and
// with a *MissingError when the shard holding id does not answer.
func (c *Client) Related(ctx context.Context, id string, k int, opts ...QueryOption) (Result, error) {
	ctx, cancel := c.ctx(ctx)
	defer cancel()
	v, err := c.vector(ctx, id, opts)
	if err != nil {
		return Result{}, err
	}
	return c.search(ctx, v, id, k, opts)
}

// Query returns the k posts most related to doc, which need not be held.
func (c *Client) Query(ctx context.Context, doc *byline.Document, k int, opts ...QueryOption) (Result, error) {
	if doc == nil {
		return Result{}, errors.New("cluster: query: nil document")
	}
	ctx, cancel := c.ctx(ctx)
	defer cancel()
	return c.search(ctx, index.QueryVector(doc, c.Config.indexConfig()), "", k, opts)
}

// Score returns the similarity of two held posts, the score Related gives
// one for the other.
func (c *Client) Score(ctx context.Context, id1, id2 string, opts ...QueryOption) (float64, error) {
	ctx, cancel := c.ctx(ctx)
	defer cancel()
	v, err := c.vector(ctx, id1, opts)
	if err != nil {
		return 0, err
	}
	req := shardRequest{Vector: &v, ID: id2}
	r, err := c.request(ctx, ShardOf(id2, c.Config.shards()), "score", req, opts)
	if err != nil {
		return 0, err
	}
	if r.NotFound {
		return 0, fmt.Errorf("byline: score %q: %w", id2, byline.ErrNotFound)
	}
	return float64(r.Score), nil
}

// vector asks the shard holding id for its vector.
func (c *Client) vector(ctx context.Context, id string, opts []QueryOption) (index.Vector, error) {
	r, err := c.request(ctx, ShardOf(id, c.Config.shards()), "vector", shardRequest{ID: id}, opts)
	if err != nil {
		return index.Vector{}, err
	}
	if r.NotFound || r.Vector == nil {
		return index.Vector{}, fmt.Errorf("byline: related %q: %w", id, byline.ErrNotFound)
	}
	return *r.Vector, nil
}

// request sends one request to one shard and waits for its reply.
func (c *Client) request(ctx context.Context, shard int, op string, req shardRequest, opts []QueryOption) (shardReply, error) {
	for _, o := range opts {
		o(&req)
	}
	if d, ok := ctx.Deadline(); ok {
		req.TimeoutMS = max(time.Until(d).Milliseconds(), 1)
	}
	data, err := json.Marshal(req)
	if err != nil {
		return shardReply{}, err
	}
	var m *nats.Msg
	for {
		m, err = c.Conn.RequestWithContext(ctx, c.Config.shardSubject(shard, op), data)
		if !errors.Is(err, nats.ErrNoResponders) {
			break
		}
		// No process serves the shard right now; one may be starting.
		select {
		case <-ctx.Done():
		case <-time.After(20 * time.Millisecond):
		}
	}
	if err != nil {
		if ctx.Err() != nil || errors.Is(err, nats.ErrNoResponders) || errors.Is(err, nats.ErrTimeout) {
			return shardReply{}, &MissingError{Shards: []int{shard}}
		}
		return shardReply{}, fmt.Errorf("cluster: %w", err)
	}
	var r shardReply
	if err := json.Unmarshal(m.Data, &r); err != nil {
		return shardReply{}, fmt.Errorf("cluster: shard %d: %w", shard, err)
	}
	if r.Error != "" {
		return shardReply{}, fmt.Errorf("cluster: shard %d: %s", shard, r.Error)
	}
	return r, nil
}

// search sends v to every shard at once and merges their top k, leaving
// out the shards that do not answer by the deadline.
func (c *Client) search(ctx context.Context, v index.Vector, exclude string, k int, opts []QueryOption) (Result, error) {
	if k <= 0 {
		return Result{}, nil
	}
	n := c.Config.shards()
	replies := make([]shardReply, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for s := range n {
		wg.Go(func() {
			replies[s], errs[s] = c.request(ctx, s, "search", shardRequest{Vector: &v, Exclude: exclude, K: k}, opts)
		})
	}
	wg.Wait()
	var res Result
	var hits []index.Hit
	for s, err := range errs {
		var missing *MissingError
		switch {
		case errors.As(err, &missing):
			res.Missing = append(res.Missing, s)
		case err != nil:
			return Result{}, err
		default:
			hits = append(hits, replies[s].Hits...)
		}
	}
	slices.SortFunc(hits, func(a, b index.Hit) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return cmp.Compare(a.Order, b.Order)
	})
	hits = hits[:min(k, len(hits))]
	res.Matches = make([]byline.Match, len(hits))
	for i, h := range hits {
		res.Matches[i] = byline.Match{ID: h.ID, Score: float64(h.Score)}
	}
	return res, nil
}
