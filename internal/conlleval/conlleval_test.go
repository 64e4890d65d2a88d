package conlleval

import (
	"math"
	"strings"
	"testing"
)

type tok struct{ word, gold, guess string }

func run(toks []tok) Result {
	e := New()
	for _, t := range toks {
		if t.word == "" {
			e.Boundary()
			continue
		}
		e.Add(t.word, t.gold, t.guess)
	}
	return e.Result()
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.005 }

// The expected numbers were worked out by hand from conlleval's chunk
// rules.
func TestHandWorked(t *testing.T) {
	tests := []struct {
		name                   string
		toks                   []tok
		gold, guessed, correct int
		p, r, f1, acc          float64
		types                  map[string][3]int // gold, guessed, correct
	}{
		{
			name: "IOB1: B- only between same-type neighbours; type change starts a chunk",
			toks: []tok{
				{"Anna", "I-PER", "I-PER"},
				{"Berg", "I-PER", "I-PER"},
				{"in", "O", "O"},
				{"Oslo", "I-LOC", "I-ORG"},
				{"Bergen", "B-LOC", "I-LOC"},
				{"today", "O", "I-LOC"},
				{"", "", ""},
			},
			gold: 3, guessed: 3, correct: 1,
			p: 33.33, r: 33.33, f1: 33.33, acc: 50,
			types: map[string][3]int{"PER": {1, 1, 1}, "LOC": {2, 1, 0}, "ORG": {0, 1, 0}},
		},
		{
			name: "IOB2: I- after a boundary starts a chunk; a chunk open at the end counts",
			toks: []tok{
				{"Ana", "B-PER", "B-PER"},
				{"Cruz", "I-PER", "O"},
				{"Acme", "B-ORG", "B-ORG"},
				{"Zeta", "B-ORG", "B-ORG"},
				{"said", "O", "B-MISC"},
				{"", "", ""},
				{"Lima", "B-LOC", "I-LOC"},
			},
			gold: 4, guessed: 5, correct: 3,
			p: 60, r: 75, f1: 66.67, acc: 50,
			types: map[string][3]int{"PER": {1, 1, 0}, "ORG": {2, 2, 2}, "LOC": {1, 1, 1}, "MISC": {0, 1, 0}},
		},
		{
			name: "a sentence break ends chunks of the same type",
			toks: []tok{
				{"Rome", "I-LOC", "I-LOC"},
				{"", "", ""},
				{"Paris", "I-LOC", "I-LOC"},
				{"", "", ""},
			},
			gold: 2, guessed: 2, correct: 2, p: 100, r: 100, f1: 100, acc: 100,
			types: map[string][3]int{"LOC": {2, 2, 2}},
		},
		{
			name: "a guess that runs past the gold end is wrong",
			toks: []tok{
				{"New", "B-LOC", "B-LOC"},
				{"York", "I-LOC", "I-LOC"},
				{"Times", "O", "I-LOC"},
			},
			gold: 1, guessed: 1, correct: 0, p: 0, r: 0, f1: 0, acc: 66.67,
			types: map[string][3]int{"LOC": {1, 1, 0}},
		},
		{
			name: "nothing guessed",
			toks: []tok{{"Kyiv", "B-LOC", "O"}},
			gold: 1, guessed: 0, correct: 0, acc: 0,
			types: map[string][3]int{"LOC": {1, 0, 0}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(tc.toks)
			if r.Gold != tc.gold || r.Guessed != tc.guessed || r.Correct != tc.correct {
				t.Fatalf("gold/guessed/correct = %d/%d/%d, want %d/%d/%d", r.Gold, r.Guessed, r.Correct, tc.gold, tc.guessed, tc.correct)
			}
			if !near(r.Precision, tc.p) || !near(r.Recall, tc.r) || !near(r.F1, tc.f1) || !near(r.Accuracy, tc.acc) {
				t.Fatalf("P/R/F1/acc = %.2f/%.2f/%.2f/%.2f, want %.2f/%.2f/%.2f/%.2f", r.Precision, r.Recall, r.F1, r.Accuracy, tc.p, tc.r, tc.f1, tc.acc)
			}
			if len(r.Types) != len(tc.types) {
				t.Fatalf("types %v, want %v", r.Types, tc.types)
			}
			for ty, want := range tc.types {
				s := r.Types[ty]
				if got := [3]int{s.Gold, s.Guessed, s.Correct}; got != want {
					t.Errorf("%s: gold/guessed/correct %v, want %v", ty, got, want)
				}
			}
		})
	}
}

func TestSplitTag(t *testing.T) {
	for _, c := range []struct{ in, tag, typ string }{
		{"B-PER", "B", "PER"},
		{"I-ORG-X", "I", "ORG-X"}, // types may hold hyphens (conlleval 2004-01-26)
		{"O", "O", ""},
		{"B-0", "B", ""}, // Perl truthiness: the type "0" is empty
	} {
		if tag, typ := splitTag(c.in); tag != c.tag || typ != c.typ {
			t.Errorf("splitTag(%q) = %q, %q; want %q, %q", c.in, tag, typ, c.tag, c.typ)
		}
	}
}

func TestRead(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP I-PER\n\n" +
		"-DOCSTART- -X- -X- O\n\nLondon 0 6 B-LOC\r\n"
	f, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Documents) != 2 {
		t.Fatalf("%d documents, want 2", len(f.Documents))
	}
	d := f.Documents[0]
	if len(d.Sentences) != 2 || d.Tokens() != 3 || d.Sentences[0].Tags[0] != "I-ORG" || d.Sentences[1].Words[0] != "Peter" {
		t.Fatalf("first document read as %+v", d)
	}
	if s := f.Documents[1].Sentences[0]; s.Words[0] != "London" || s.Tags[0] != "B-LOC" {
		t.Fatalf("second document read as %+v", s)
	}
	var kinds []ItemKind
	for _, it := range f.Items {
		kinds = append(kinds, it.Kind)
	}
	want := []ItemKind{DocLine, Blank, TokenLine, TokenLine, Blank, TokenLine, Blank, DocLine, Blank, TokenLine}
	if len(kinds) != len(want) {
		t.Fatalf("items %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("items %v, want %v", kinds, want)
		}
	}
	// -DOCSTART- after each document (another common layout) splits the same way.
	f2, err := Read(strings.NewReader("a X O\nb X I-LOC\n\n-DOCSTART- O\n\nc X I-PER\n-DOCSTART- O\n"))
	if err != nil || len(f2.Documents) != 2 || f2.Documents[1].Sentences[0].Words[0] != "c" {
		t.Fatalf("trailing -DOCSTART-: %+v, %v", f2, err)
	}
	if _, err := Read(strings.NewReader("word-without-tag\n")); err == nil {
		t.Fatal("a line without a tag was accepted")
	}
}

func FuzzRead(f *testing.F) {
	f.Add("-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\n\n")
	f.Add("a O\n\n\n-DOCSTART-\nb B-X\n")
	f.Add("\xff\xfe x\n")
	f.Fuzz(func(t *testing.T, s string) {
		file, err := Read(strings.NewReader(s))
		if err != nil {
			return
		}
		e := New()
		for _, d := range file.Documents {
			for _, sen := range d.Sentences {
				if len(sen.Words) != len(sen.Tags) {
					t.Fatal("words and tags differ in number")
				}
				for i, w := range sen.Words {
					if w == Boundary {
						continue // conlleval forces the guess on a boundary to O
					}
					e.Add(w, sen.Tags[i], sen.Tags[i])
				}
				e.Boundary()
			}
		}
		r := e.Result()
		if r.Gold != r.Guessed || r.Correct != r.Gold {
			t.Fatalf("scoring gold against itself: %+v", r.Score)
		}
	})
}
