package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nerSample is CoNLL-style text we wrote: IOB1 in the first document,
// IOB2 in the second, -DOCSTART- before each, offsets instead of POS
// tags in the second (as some held-out files have).
const nerSample = `-DOCSTART- -X- -X- O

Angela NNP B-NP I-PER
Merkel NNP I-NP I-PER
visited VBD B-VP O
Paris NNP B-NP I-LOC
. . O O

-DOCSTART- -X- -X- O

Siemens 0 7 B-ORG
opened 8 14 O
a 15 16 O
plant 17 22 O
in 23 25 O
Berlin 26 32 B-LOC
. 32 33 O
`

func TestNERTask(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "sample.txt")
	out := filepath.Join(dir, "pred.txt")
	if err := os.WriteFile(data, []byte(nerSample), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	if err := run([]string{"ner", "-data", data, "-json", "-out", out}, &stdout); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var res map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		t.Fatalf("last line is not JSON: %v", err)
	}
	for _, k := range []string{"task", "documents", "sentences", "tokens", "precision", "recall", "f1", "types", "tokens_per_second"} {
		if _, ok := res[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if res["task"] != "ner" || res["documents"] != 2.0 || res["sentences"] != 2.0 || res["tokens"] != 12.0 {
		t.Errorf("counts: %v", res)
	}
	types, _ := res["types"].(map[string]any)
	loc, _ := types["LOC"].(map[string]any)
	if loc["support"] != 2.0 {
		t.Errorf("LOC support %v, want 2", loc["support"])
	}
	for _, k := range []string{"precision", "recall", "f1", "support"} {
		if _, ok := loc[k]; !ok {
			t.Errorf("types.LOC lacks %q", k)
		}
	}
	pred, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	in := strings.Split(nerSample, "\n")
	got := strings.Split(string(pred), "\n")
	if len(got) != len(in) {
		t.Fatalf("-out has %d lines, input %d", len(got), len(in))
	}
	for i, l := range in {
		switch {
		case l == "":
			if got[i] != "" {
				t.Errorf("line %d: blank line became %q", i+1, got[i])
			}
		case !strings.HasPrefix(got[i], l+" "):
			t.Errorf("line %d: %q does not extend %q", i+1, got[i], l)
		}
	}
	if !strings.HasSuffix(got[2], " B-PER") || !strings.HasSuffix(got[5], " B-LOC") {
		t.Errorf("predictions: %q, %q", got[2], got[5])
	}
}

// TestNERModes checks -types (only the named types are scored), -tagger
// and -merged (they run), and that an unknown repair group is an error.
func TestNERModes(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "sample.txt")
	if err := os.WriteFile(data, []byte(nerSample), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-types", "LOC"}, {"-tagger", "-types", "LOC"}, {"-merged", "-types", "LOC,PER"}, {"-repairs", "boundaries,persons"}} {
		var stdout bytes.Buffer
		if err := run(append([]string{"ner", "-data", data, "-json"}, args...), &stdout); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
		var res struct {
			Types map[string]json.RawMessage `json:"types"`
		}
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
			t.Fatalf("%v: last line is not JSON: %v", args, err)
		}
		if args[len(args)-1] == "LOC" && (len(res.Types) != 1 || res.Types["LOC"] == nil) {
			t.Errorf("%v: scored types %v, want LOC only", args, res.Types)
		}
	}
	if err := run([]string{"ner", "-data", data, "-repairs", "spelling"}, &bytes.Buffer{}); err == nil {
		t.Error("-repairs spelling: no error")
	}
}

func TestOnlyTypes(t *testing.T) {
	got := onlyTypes([]string{"I-PER", "I-ORG", "B-ORG", "O", "B-LOC", "I-LOC"}, map[string]bool{"ORG": true})
	want := []string{"O", "I-ORG", "B-ORG", "O", "O", "O"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("onlyTypes = %v, want %v", got, want)
	}
}
