package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeyPhrasesTask runs the keyphrases task on two records we wrote
// and checks the JSON keys, the baselines beside ours and the -out lines.
func TestKeyPhrasesTask(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "kp.jsonl")
	recs := []map[string]any{
		{"id": "local-1", "title": "Harbour council backs ferry plan",
			"text":       "Harbour council backs ferry plan\nThe harbour council approved the ferry plan on Monday. The ferry plan adds two boats. Critics of the council said the ferry fares are too high.",
			"keyphrases": []string{"ferry plan", "harbour council", "ferry fares", "boats"}},
		{"id": "local-2", "title": "Storm closes schools",
			"text":       "Storm closes schools\nA storm closed schools across the valley. Schools reopen when the storm passes, officials said.",
			"keyphrases": []string{"storm", "schools", "valley"}},
	}
	var b bytes.Buffer
	for _, r := range recs {
		line, _ := json.Marshal(r)
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(data, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	var stdout bytes.Buffer
	keyphraseFlags.k, keyphraseFlags.entities = 10, true
	if err := run([]string{"keyphrases", "-data", data, "-k", "5", "-json", "-out", out}, &stdout); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var res map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"task", "documents", "f1_at_5", "f1_at_10", "p_at_10", "r_at_10", "baselines"} {
		if _, ok := res[key]; !ok {
			t.Errorf("no %q in %v", key, res)
		}
	}
	if res["task"] != "keyphrases" || res["documents"] != 2.0 {
		t.Errorf("result %v", res)
	}
	base, _ := res["baselines"].(map[string]any)
	for _, name := range []string{"frequency", "tfidf", "first"} {
		if _, ok := base[name]; !ok {
			t.Errorf("baseline %q missing from %v", name, base)
		}
	}
	if f := res["f1_at_10"].(float64); f <= 0 || f > 100 {
		t.Errorf("F1 %v out of range: the storm story's phrases are easy", f)
	}
	if !strings.Contains(stdout.String(), "frequency") {
		t.Errorf("the table should list the baselines:\n%s", stdout.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		var p struct {
			ID         string   `json:"id"`
			Keyphrases []string `json:"keyphrases"`
		}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if p.ID != recs[n]["id"] || len(p.Keyphrases) == 0 || len(p.Keyphrases) > 5 {
			t.Errorf("-out line %d: %+v", n, p)
		}
		n++
	}
	if n != 2 {
		t.Errorf("%d -out lines, want 2", n)
	}
	if err := run([]string{"keyphrases", "-data", data, "-k", "0"}, &bytes.Buffer{}); err == nil {
		t.Error("-k 0 should be an error")
	}
	keyphraseFlags.k = 10
}
