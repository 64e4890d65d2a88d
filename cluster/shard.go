package cluster

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/byline-nlp/byline/internal/index"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// A Shard holds one partition of the related-posts index: the posts whose
// ID hashes to it (ShardOf), with the document frequencies of every post,
// and answers the searches a Client fans out. Several processes may run
// the same shard; each request is answered by one of them.
//
// A shard starts from its last snapshot in the object store, replays the
// results stream from the snapshot's sequence, and takes a new snapshot
// every SnapshotEvery posts and when it stops. Until it has caught up with
// the stream as it was at start, it does not answer, so that a restarted
// shard is reported missing rather than answering from a partial index.
//
// Configure a Shard before Run and do not change it afterwards.
type Shard struct {
	JS     jetstream.JetStream
	Config Config
	ID     int // in [0, Config.Shards)
	// SnapshotEvery is how many posts a shard applies between snapshots
	// (10,000 when zero; negative: only when it stops).
	SnapshotEvery int

	mu       sync.Mutex // held while applying a post, so snapshots are consistent
	ix       *index.Index
	modelID  string
	ready    atomic.Uint64 // the stream's last sequence at start
	applied  atomic.Uint64
	waitMu   sync.Mutex
	waitCh   chan struct{} // closed on progress
	snapping atomic.Bool
	bg       sync.WaitGroup // snapshots being uploaded
	sem      chan struct{}  // bounds the requests served at once
}

// shardReply is a shard's answer to any request.
type shardReply struct {
	Shard  int           `json:"shard"`
	Seq    uint64        `json:"seq"`
	Hits   []index.Hit   `json:"hits,omitempty"`
	Vector *index.Vector `json:"vector,omitempty"`
	Score  float32       `json:"score,omitempty"`
	Error  string        `json:"error,omitempty"`
	// NotFound marks a vector or score request for an ID not held.
	NotFound bool `json:"not_found,omitempty"`
}

// shardRequest is a Client's request.
type shardRequest struct {
	Vector  *index.Vector `json:"vector,omitempty"`
	Exclude string        `json:"exclude,omitempty"`
	ID      string        `json:"id,omitempty"`
	K       int           `json:"k,omitempty"`
	MinSeq  uint64        `json:"min_seq,omitempty"`
	// TimeoutMS is how long the client waits, in milliseconds.
	TimeoutMS int64 `json:"timeout_ms,omitempty"`
}

// Applied reports the sequence of the last result the shard has applied.
func (s *Shard) Applied() uint64 { return s.applied.Load() }

// Len reports the posts the shard holds, 0 before Run has loaded them.
func (s *Shard) Len() int {
	s.mu.Lock()
	ix := s.ix
	s.mu.Unlock()
	if ix == nil {
		return 0
	}
	return ix.Len()
}

// ModelID reports the object ID of the LSA model in use, or "".
func (s *Shard) ModelID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.modelID
}

// WaitApplied waits until the shard has applied the results stream up to
// seq, or ctx is done.
func (s *Shard) WaitApplied(ctx context.Context, seq uint64) error {
	for {
		if s.applied.Load() >= seq {
			return nil
		}
		s.waitMu.Lock()
		if s.waitCh == nil {
			s.waitCh = make(chan struct{})
		}
		ch := s.waitCh
		s.waitMu.Unlock()
		if s.applied.Load() >= seq {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// progressed wakes the waiters.
func (s *Shard) progressed() {
	s.waitMu.Lock()
	if s.waitCh != nil {
		close(s.waitCh)
		s.waitCh = nil
	}
	s.waitMu.Unlock()
}

// Run loads the shard, serves requests and applies new results until ctx
// is done; it then takes a snapshot and returns ctx's error.
func (s *Shard) Run(ctx context.Context) error {
	if s.JS == nil {
		return errors.New("cluster: shard without JetStream")
	}
	if s.ID < 0 || s.ID >= s.Config.shards() {
		return fmt.Errorf("cluster: shard %d of %d", s.ID, s.Config.shards())
	}
	obs, err := retry(ctx, func(ctx context.Context) (jetstream.ObjectStore, error) {
		return s.JS.ObjectStore(ctx, s.Config.objectBucket())
	})
	if err != nil {
		return fmt.Errorf("cluster: shard %d: %w", s.ID, err)
	}
	if err := s.load(ctx, obs); err != nil {
		return fmt.Errorf("cluster: shard %d: %w", s.ID, err)
	}
	info, err := retry(ctx, func(ctx context.Context) (*jetstream.StreamInfo, error) {
		st, err := s.JS.Stream(ctx, s.Config.resultsStream())
		if err != nil {
			return nil, err
		}
		return st.Info(ctx)
	})
	if err != nil {
		return fmt.Errorf("cluster: shard %d: %w", s.ID, err)
	}
	s.ready.Store(info.State.LastSeq)

	s.sem = make(chan struct{}, 4*runtime.GOMAXPROCS(0))
	nc := s.JS.Conn()
	group := s.Config.snapshotObject(s.ID)
	var subs []*nats.Subscription
	defer func() {
		for _, sub := range subs {
			sub.Unsubscribe()
		}
	}()
	for _, h := range []struct {
		subject string
		serve   func(context.Context, shardRequest) shardReply
	}{
		{s.Config.shardSubject(s.ID, "search"), s.search},
		{s.Config.shardSubject(s.ID, "vector"), s.vector},
		{s.Config.shardSubject(s.ID, "score"), s.score},
	} {
		sub, err := nc.QueueSubscribe(h.subject, group, func(m *nats.Msg) {
			// Beyond the bound, requests wait in the subscription's queue
			// (and the client's deadline) rather than in goroutines.
			s.sem <- struct{}{}
			go func() {
				defer func() { <-s.sem }()
				s.serve(ctx, m, h.serve)
			}()
		})
		if err != nil {
			return fmt.Errorf("cluster: shard %d: %w", s.ID, err)
		}
		subs = append(subs, sub)
	}
	if err := nc.FlushTimeout(opTimeout); err != nil {
		return fmt.Errorf("cluster: shard %d: %w", s.ID, err)
	}

	errc := make(chan error, 2)
	go func() { errc <- s.watchModel(ctx, obs) }()
	go func() { errc <- s.replay(ctx, obs) }()
	err = <-errc
	if ctx.Err() == nil {
		return err
	}
	<-errc
	// Stopping: keep what was applied for the next start.
	s.bg.Wait()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	s.snapshot(sctx, obs)
	return ctx.Err()
}

// load reads the shard's snapshot, or starts empty.
func (s *Shard) load(ctx context.Context, obs jetstream.ObjectStore) error {
	ix := index.New(s.Config.indexConfig())
	var seq uint64
	var model string
	data, info, err := getObject(ctx, obs, s.Config.snapshotObject(s.ID))
	switch {
	case errors.Is(err, jetstream.ErrObjectNotFound):
	case err != nil:
		return err
	default:
		if ix, err = index.Load(bytes.NewReader(data)); err != nil {
			return fmt.Errorf("snapshot: %w", err)
		}
		if seq, err = strconv.ParseUint(info.Metadata["seq"], 10, 64); err != nil {
			return fmt.Errorf("snapshot without a sequence: %w", err)
		}
		model = info.Metadata["model"]
	}
	s.mu.Lock()
	s.ix, s.modelID = ix, model
	s.mu.Unlock()
	s.applied.Store(seq)
	return nil
}

// getObject reads a whole object with its info.
func getObject(ctx context.Context, obs jetstream.ObjectStore, name string) ([]byte, *jetstream.ObjectInfo, error) {
	type got struct {
		data []byte
		info *jetstream.ObjectInfo
	}
	g, err := retry(ctx, func(ctx context.Context) (got, error) {
		r, err := obs.Get(ctx, name)
		if err != nil {
			if errors.Is(err, jetstream.ErrObjectNotFound) {
				return got{}, permanent{err}
			}
			return got{}, err
		}
		defer r.Close()
		info, err := r.Info()
		if err != nil {
			return got{}, err
		}
		data, err := io.ReadAll(r)
		return got{data, info}, err
	})
	var p permanent
	if errors.As(err, &p) {
		err = p.err
	}
	return g.data, g.info, err
}

// permanent wraps an error retry must not retry.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }

// replay applies the results stream from the shard's sequence on. When
// the stream's consumer fails (a server failing over, a lost connection)
// it is made again from the last sequence applied.
func (s *Shard) replay(ctx context.Context, obs jetstream.ObjectStore) error {
	every := s.SnapshotEvery
	if every == 0 {
		every = 10000
	}
	since := 0
	for {
		// follow returns when its consumer fails; it is made again below.
		s.follow(ctx, func(seq uint64, data []byte) {
			s.apply(seq, data)
			if since++; every > 0 && since >= every && s.snapping.CompareAndSwap(false, true) {
				since = 0
				s.bg.Go(func() {
					defer s.snapping.Store(false)
					s.snapshot(ctx, obs)
				})
			}
		})
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// follow reads the results stream from the sequence after the last one
// applied, passing each message to f, until the consumer fails or ctx is
// done.
func (s *Shard) follow(ctx context.Context, f func(seq uint64, data []byte)) error {
	cfg := jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverAllPolicy}
	if seq := s.applied.Load(); seq > 0 {
		cfg = jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverByStartSequencePolicy, OptStartSeq: seq + 1}
	}
	cons, err := retry(ctx, func(ctx context.Context) (jetstream.Consumer, error) {
		return s.JS.OrderedConsumer(ctx, s.Config.resultsStream(), cfg)
	})
	if err != nil {
		return err
	}
	it, err := cons.Messages()
	if err != nil {
		return err
	}
	defer it.Stop()
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	for {
		m, err := it.Next()
		if err != nil {
			return err
		}
		md, err := m.Metadata()
		if err != nil {
			return err
		}
		f(md.Sequence.Stream, m.Data())
	}
}

// apply adds or counts one result.
func (s *Shard) apply(seq uint64, data []byte) {
	var r struct {
		ID    string      `json:"id"`
		Terms index.Terms `json:"terms"`
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq <= s.applied.Load() {
		return
	}
	if err := json.Unmarshal(data, &r); err == nil && r.ID != "" {
		if ShardOf(r.ID, s.Config.shards()) == s.ID {
			err = s.ix.AddTerms(r.ID, r.Terms, int64(seq))
		} else {
			err = s.ix.CountTerms(r.Terms.Terms)
		}
		// A malformed result is skipped, as every shard skips it.
		_ = err
	}
	s.applied.Store(seq)
	s.progressed()
}

// Snapshot saves the shard's index, with the sequence it has applied, to
// the object store, from which the shard starts next time. Run takes
// snapshots by itself (see SnapshotEvery); this is for taking one now.
func (s *Shard) Snapshot(ctx context.Context) error {
	if s.idx() == nil {
		return errors.New("cluster: snapshot of a shard not running")
	}
	obs, err := retry(ctx, func(ctx context.Context) (jetstream.ObjectStore, error) {
		return s.JS.ObjectStore(ctx, s.Config.objectBucket())
	})
	if err != nil {
		return fmt.Errorf("cluster: snapshot: %w", err)
	}
	return s.snapshot(ctx, obs)
}

func (s *Shard) snapshot(ctx context.Context, obs jetstream.ObjectStore) error {
	var buf bytes.Buffer
	s.mu.Lock()
	seq, model := s.applied.Load(), s.modelID
	err := s.ix.Save(&buf)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	_, err = retry(ctx, func(ctx context.Context) (*jetstream.ObjectInfo, error) {
		return obs.Put(ctx, jetstream.ObjectMeta{
			Name:     s.Config.snapshotObject(s.ID),
			Metadata: map[string]string{"seq": strconv.FormatUint(seq, 10), "model": model},
		}, bytes.NewReader(buf.Bytes()))
	})
	return err
}

// watchModel installs every LSA model published to the object store.
func (s *Shard) watchModel(ctx context.Context, obs jetstream.ObjectStore) error {
	if s.Config.indexConfig().LSAK <= 0 {
		<-ctx.Done()
		return ctx.Err()
	}
	// The watcher lives as long as the context it is made with, so it
	// gets ctx itself rather than retry's per-call one; a watcher closed
	// by a lost connection is made again.
	for {
		w, err := obs.Watch(ctx)
		if err == nil {
			s.installModels(ctx, obs, w)
			w.Stop()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// installModels installs the models w reports until it closes or ctx is done.
// A model that cannot be read is passed over: the shard keeps the one it
// has rather than stop answering.
func (s *Shard) installModels(ctx context.Context, obs jetstream.ObjectStore, w jetstream.ObjectWatcher) {
	for {
		select {
		case <-ctx.Done():
			return
		case info, ok := <-w.Updates():
			if !ok {
				return
			}
			if info == nil || info.Name != modelObject || info.Deleted || info.NUID == s.ModelID() {
				continue
			}
			data, got, err := getObject(ctx, obs, modelObject)
			if err != nil {
				continue
			}
			m, err := index.LoadModel(bytes.NewReader(data))
			if err != nil {
				continue
			}
			s.mu.Lock()
			s.ix.SetModel(m)
			s.modelID = got.NUID
			s.mu.Unlock()
			s.progressed()
		}
	}
}

// serve answers one request; a shard still catching up does not answer.
func (s *Shard) serve(ctx context.Context, m *nats.Msg, f func(context.Context, shardRequest) shardReply) {
	var req shardRequest
	if err := json.Unmarshal(m.Data, &req); err != nil {
		s.reply(m, shardReply{Error: "bad request: " + err.Error()})
		return
	}
	// Wait for the stream no longer than the client waits for us.
	wait := 30 * time.Second
	if req.TimeoutMS > 0 {
		wait = min(wait, time.Duration(req.TimeoutMS)*time.Millisecond)
	}
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	if err := s.WaitApplied(wctx, max(req.MinSeq, s.ready.Load())); err != nil {
		return
	}
	s.reply(m, f(ctx, req))
}

func (s *Shard) reply(m *nats.Msg, r shardReply) {
	r.Shard, r.Seq = s.ID, s.applied.Load()
	data, err := json.Marshal(r)
	if err != nil {
		data, _ = json.Marshal(shardReply{Shard: s.ID, Error: err.Error()})
	}
	m.Respond(data)
}

func (s *Shard) idx() *index.Index {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ix
}

func (s *Shard) search(_ context.Context, req shardRequest) shardReply {
	if req.Vector == nil {
		return shardReply{Error: "search without a vector"}
	}
	hits, err := s.idx().SearchVector(*req.Vector, req.Exclude, req.K, index.DefaultQuery())
	if err != nil {
		return shardReply{Error: err.Error()}
	}
	return shardReply{Hits: hits}
}

func (s *Shard) vector(_ context.Context, req shardRequest) shardReply {
	v, ok := s.idx().DocVector(req.ID)
	if !ok {
		return shardReply{NotFound: true}
	}
	return shardReply{Vector: &v}
}

func (s *Shard) score(_ context.Context, req shardRequest) shardReply {
	if req.Vector == nil {
		return shardReply{Error: "score without a vector"}
	}
	sc, err := s.idx().ScoreVector(*req.Vector, req.ID)
	if errors.Is(err, index.ErrNotFound) {
		return shardReply{NotFound: true}
	}
	if err != nil {
		return shardReply{Error: err.Error()}
	}
	return shardReply{Score: sc}
}
