package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/ner"
)

// sample writes a small CoNLL file of sentences we made up.
func sample(t *testing.T, dir string) string {
	t.Helper()
	people := [][2]string{{"Anna", "Berg"}, {"Tomas", "Lind"}, {"Maria", "Holm"}, {"Piet", "Vos"}}
	places := []string{"Oslo", "Bergen", "Malmo", "Turku", "Aarhus"}
	var b strings.Builder
	for d := 0; d < 8; d++ {
		b.WriteString("-DOCSTART- -X- -X- O\n\n")
		for s := 0; s < 5; s++ {
			p := people[(d+s)%len(people)]
			b.WriteString(p[0] + " NNP I-NP I-PER\n" + p[1] + " NNP I-NP I-PER\n")
			b.WriteString("arrived VBD I-VP O\nin IN I-PP O\n")
			b.WriteString(places[(d*2+s)%len(places)] + " NNP I-NP I-LOC\n. . O O\n\n")
		}
	}
	path := filepath.Join(dir, "train.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	train := sample(t, dir)
	out := filepath.Join(dir, "m.model")
	missing := filepath.Join(dir, "absent")
	gaz := gazetteerFiles{missing, missing, missing}
	if err := run(config{train: []string{train}, dev: train, out: out, epochs: 6, minCount: 1, prune: 32, clusters: "none", gaz: gaz}); err != nil {
		t.Fatal(err)
	}
	m := loadModel(t, out)
	got := m.Tag([][]string{{"Piet", "Vos", "arrived", "in", "Oslo", "."}})
	want := []string{"B-PER", "I-PER", "O", "O", "B-LOC", "O"}
	if strings.Join(got[0], " ") != strings.Join(want, " ") {
		t.Fatalf("tagged %v, want %v", got[0], want)
	}
	if err := run(config{train: []string{filepath.Join(dir, "nope.txt")}, out: out, epochs: 1, minCount: 1, prune: 32, clusters: "none", gaz: gaz}); err == nil {
		t.Fatal("a missing training file was accepted")
	}
}

func TestTokens(t *testing.T) {
	for in, want := range map[string]string{
		"United  Kingdom":                  "United Kingdom",
		"Korea, Republic of":               "",
		"Bolivia (Plurinational State of)": "",
	} {
		if got := tokens(in); got != want {
			t.Errorf("tokens(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCrossValidatePredictions runs one fold of a cross-validation and
// checks the held-out predictions it writes: every held-out token once,
// as word, gold and predicted tag.
func TestCrossValidatePredictions(t *testing.T) {
	dir := t.TempDir()
	train := sample(t, dir)
	missing := filepath.Join(dir, "absent")
	prefix := filepath.Join(dir, "pred")
	c := config{train: []string{train}, epochs: 3, minCount: 1, prune: 32, clusters: "none",
		gaz: gazetteerFiles{missing, missing, missing}, cv: 4, cvFolds: []int{2}, cvPred: prefix}
	if err := run(c); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(prefix + ".tmp.fold1.txt"); err == nil {
		t.Error("fold 1 was written, only fold 2 was asked for")
	}
	matches, _ := filepath.Glob(prefix + ".*.fold2.txt")
	if len(matches) != 1 {
		t.Fatalf("fold 2 files %v, want one", matches)
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	docs, tokens := 0, 0
	for _, line := range strings.Split(string(b), "\n") {
		switch f := strings.Fields(line); {
		case len(f) == 0:
		case f[0] == "-DOCSTART-":
			docs++
		case len(f) != 3:
			t.Fatalf("line %q: want word, gold and predicted tag", line)
		default:
			tokens++
		}
	}
	// 8 documents of 5 sentences of 6 tokens, 2 of them held out.
	if docs != 2 || tokens != 2*5*6 {
		t.Errorf("%d documents and %d tokens written, want 2 and 60", docs, tokens)
	}
}

// loadModel reads the model train-ner wrote to path.
func loadModel(t *testing.T, path string) *ner.Model {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := ner.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
