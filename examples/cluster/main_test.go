package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestEmbedded runs every role in one process on the sample articles.
func TestEmbedded(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"-embedded", "-shards", "2", "-k", "3", "-id", "02-dublin-water-fine", "../../testdata/articles"}, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 || lines[0] != "related to 02-dublin-water-fine:" {
		t.Fatalf("output:\n%s", out.String())
	}
	for _, l := range lines[1:] {
		if strings.Contains(l, "02-dublin-water-fine") || strings.Count(l, "\t") != 1 {
			t.Errorf("bad line %q", l)
		}
	}
	if !strings.Contains(errOut.String(), "shard 1 holds") {
		t.Errorf("no shard report:\n%s", errOut.String())
	}
}

func TestUsageErrors(t *testing.T) {
	ctx := context.Background()
	for _, args := range [][]string{{}, {"-embedded"}, {"-nats", "nats://127.0.0.1:1", "bogus"}} {
		var out, errOut bytes.Buffer
		if err := run(ctx, args, &out, &errOut); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}
