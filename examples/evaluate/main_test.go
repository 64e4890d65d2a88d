package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutWriteErrorIsReported checks that -out's buffered writes are
// flushed and a failure to write them fails the run, rather than leaving
// a truncated prediction file behind a zero exit.
func TestOutWriteErrorIsReported(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	data := filepath.Join(t.TempDir(), "rules.json")
	rules := `[{"name":"1. Simple","input":"One here. Two there.","output":["One here.","Two there."]}]`
	if err := os.WriteFile(data, []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run([]string{"segment", "-data", data, "-out", "/dev/full"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("run with an unwritable -out: err = %v", err)
	}
	out := filepath.Join(t.TempDir(), "pred.jsonl")
	if err := run([]string{"segment", "-data", data, "-out", out}, io.Discard); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), `"sentences":["One here.","Two there."]`) {
		t.Fatalf("-out file = %q, %v", b, err)
	}
}
