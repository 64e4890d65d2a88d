package cluster

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/byline-nlp/byline/internal/index"
	"github.com/nats-io/nats.go/jetstream"
)

// FitModel fits the LSA model of the related-posts index on the posts
// stored so far, or on about sample of them evenly spread over the stream
// when sample > 0, and publishes it to the object store, from which every
// shard installs it and folds its posts into it. It returns the model's
// object ID (see Shard.ModelID). Refit as the collection grows and
// drifts; a shard keeps using the last model until a new one arrives.
func FitModel(ctx context.Context, js jetstream.JetStream, cfg Config, sample int) (string, error) {
	icfg := cfg.indexConfig()
	if icfg.LSAK <= 0 {
		return "", errors.New("cluster: fit model: LSA is off in the index options")
	}
	last, err := LastSeq(ctx, js, cfg)
	if err != nil {
		return "", err
	}
	if last == 0 {
		return "", errors.New("cluster: fit model: no posts yet")
	}
	step := uint64(1)
	if sample > 0 && uint64(sample) < last {
		step = last / uint64(sample)
	}
	cons, err := retry(ctx, func(ctx context.Context) (jetstream.Consumer, error) {
		return js.OrderedConsumer(ctx, cfg.resultsStream(), jetstream.OrderedConsumerConfig{})
	})
	if err != nil {
		return "", fmt.Errorf("cluster: fit model: %w", err)
	}
	it, err := cons.Messages()
	if err != nil {
		return "", fmt.Errorf("cluster: fit model: %w", err)
	}
	defer it.Stop()
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	ix := index.New(icfg)
	for {
		m, err := it.Next()
		if err != nil {
			return "", fmt.Errorf("cluster: fit model: %w", err)
		}
		md, err := m.Metadata()
		if err != nil {
			return "", fmt.Errorf("cluster: fit model: %w", err)
		}
		seq := md.Sequence.Stream
		if (seq-1)%step == 0 {
			var p struct {
				ID    string      `json:"id"`
				Terms index.Terms `json:"terms"`
			}
			if json.Unmarshal(m.Data(), &p) == nil && p.ID != "" {
				ix.AddTerms(p.ID, p.Terms, int64(seq))
			}
		}
		if seq >= last {
			break
		}
	}
	model, err := ix.FitModel()
	if err != nil {
		return "", fmt.Errorf("cluster: %w", err)
	}
	var buf bytes.Buffer
	if err := model.Save(&buf); err != nil {
		return "", err
	}
	obs, err := retry(ctx, func(ctx context.Context) (jetstream.ObjectStore, error) {
		return js.ObjectStore(ctx, cfg.objectBucket())
	})
	if err != nil {
		return "", fmt.Errorf("cluster: fit model: %w", err)
	}
	info, err := retry(ctx, func(ctx context.Context) (*jetstream.ObjectInfo, error) {
		return obs.Put(ctx, jetstream.ObjectMeta{Name: modelObject,
			Metadata: map[string]string{"seq": strconv.FormatUint(last, 10), "posts": strconv.Itoa(ix.Len())}},
			bytes.NewReader(buf.Bytes()))
	})
	if err != nil {
		return "", fmt.Errorf("cluster: fit model: %w", err)
	}
	return info.NUID, nil
}
