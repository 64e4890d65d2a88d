package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQuoteRankBBC runs quote-rank on a BBC-format record of our own: the
// candidate whose sentence the glued reference summary holds is picked;
// the other, whose words the summary shares (the CNN definition would
// pick it) but whose sentence it does not hold, is not.
func TestQuoteRankBBC(t *testing.T) {
	rec := map[string]string{
		"id":       "politics_001",
		"category": "politics",
		"title":    "Harbour vote delayed",
		"article": "Harbour vote delayed\n\n" +
			"The council delayed its vote on the harbour on Tuesday. " +
			"“We will not rush a decision that costs the town forty million,” said Mayor Ida Brandt.\n\n" +
			"Opponents were unmoved. “The council delayed its harbour vote on Tuesday, again,” said Paul Ferro, the harbour master.",
		"summary": "The council delayed its vote on the harbour on Tuesday.“We will not rush a decision that costs the town forty million,” said Mayor Ida Brandt.",
	}
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(t.TempDir(), "bbc.jsonl")
	if err := os.WriteFile(data, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "pred.jsonl")
	var stdout bytes.Buffer
	if err := run([]string{"quote-rank", "-data", data, "-out", out, "-json"}, &stdout); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var res quoteRankResult
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		t.Fatal(err)
	}
	if res.Articles != 1 {
		t.Fatalf("articles = %d, want 1", res.Articles)
	}
	pred, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Candidates []quoteRankCand }
	if err := json.Unmarshal(pred, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Candidates) != 2 {
		t.Fatalf("%d candidates, want 2: %s", len(got.Candidates), pred)
	}
	for _, c := range got.Candidates {
		want := strings.Contains(c.Text, "forty million")
		if c.Picked != want {
			t.Errorf("candidate %q picked %v, want %v", c.Text, c.Picked, want)
		}
	}
}
