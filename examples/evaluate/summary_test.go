package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSummaryTask runs the summary task on two records we wrote, one in
// each format, and checks the JSON keys, the -out lines and that Lead-3
// on a story whose reference is its first three sentences scores 100.
func TestSummaryTask(t *testing.T) {
	dir := t.TempDir()
	cnn := filepath.Join(dir, "cnn.jsonl")
	bbc := filepath.Join(dir, "bbc.jsonl")
	write := func(path string, recs ...map[string]string) {
		var b bytes.Buffer
		for _, r := range recs {
			line, _ := json.Marshal(r)
			b.Write(line)
			b.WriteByte('\n')
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(cnn, map[string]string{"id": "c1",
		"article":    "(CNN)A dam burst in the valley. Nobody was hurt. Crews worked all night. Roads reopen Friday.",
		"highlights": "A dam burst in the valley .\nNobody was hurt .\nCrews worked all night ."})
	write(bbc, map[string]string{"id": "b1", "title": "Dam bursts",
		"article": "Dam bursts\n\nA dam burst in the valley. Nobody was hurt.\n\nCrews worked all night. Roads reopen Friday.",
		"summary": "A dam burst in the valley.Nobody was hurt.Crews worked all night."})
	for _, tc := range []struct{ path, ref string }{
		{cnn, "A dam burst in the valley .\nNobody was hurt .\nCrews worked all night ."},
		// The glued BBC reference is re-split, one sentence per line.
		{bbc, "A dam burst in the valley.\nNobody was hurt.\nCrews worked all night."},
	} {
		out := filepath.Join(dir, "out.jsonl")
		var stdout bytes.Buffer
		summaryFlags.method, summaryFlags.sentences = "default", 3
		if err := run([]string{"summary", "-data", tc.path, "-method", "all", "-json", "-out", out}, &stdout); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
		var res struct {
			Task     string
			Articles int
			Methods  map[string]map[string]any
		}
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
			t.Fatal(err)
		}
		if res.Task != "summary" || res.Articles != 1 || len(res.Methods) != 4 {
			t.Fatalf("%s: result %+v", tc.path, res)
		}
		for _, key := range []string{"rouge1", "rouge2", "rougeL", "rougeLsum", "articles_per_second"} {
			if _, ok := res.Methods["lead"][key]; !ok {
				t.Errorf("%s: key %s missing", tc.path, key)
			}
		}
		if r, _ := res.Methods["lead"]["rouge1"].(float64); r < 99.999 {
			t.Errorf("%s: lead R-1 = %v, want 100", tc.path, res.Methods["lead"]["rouge1"])
		}
		if s := res.Methods["default"]["style"]; s != "highlights" {
			t.Errorf("%s: default style %v, want highlights", tc.path, s)
		}
		if _, ok := res.Methods["lead"]["style"]; ok {
			t.Errorf("%s: lead has no style", tc.path)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		preds := strings.Split(strings.TrimSpace(string(data)), "\n")
		if len(preds) != 4 {
			t.Fatalf("%s: %d -out lines, want 4", tc.path, len(preds))
		}
		var p summaryPrediction
		if err := json.Unmarshal([]byte(preds[0]), &p); err != nil {
			t.Fatal(err)
		}
		if p.ID == "" || p.Method != "lead" || p.Reference != tc.ref {
			t.Errorf("%s: prediction %+v", tc.path, p)
		}
		if p.Summary != "A dam burst in the valley.\nNobody was hurt.\nCrews worked all night." {
			t.Errorf("%s: lead summary %q", tc.path, p.Summary)
		}
	}
}
