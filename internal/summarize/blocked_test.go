package summarize

import (
	"strings"
	"testing"
)

// sent tokenizes a sentence we wrote by spaces, marking punctuation.
func sent(s string) Sentence {
	var out []Token
	for _, f := range strings.Fields(s) {
		k := Word
		switch f {
		case ".", ",", ":", "\"", "“", "”", "?":
			k = Punct
		}
		out = append(out, Token{Text: f, Kind: k})
	}
	return Sentence{Tokens: out}
}

func TestBlocks(t *testing.T) {
	tests := []struct {
		name  string
		sents []string
		want  []Block
	}{
		{"plain", []string{"The dam burst .", "Nobody was hurt ."}, []Block{Free, Free}},
		{"quote with its attribution", []string{"\" We are safe , \" the mayor said ."}, []Block{Free}},
		{"quote-only after its attribution", []string{"The mayor said :", "\" We are safe . \"", "Roads reopen ."},
			[]Block{Free, WithPrev, Free}},
		{"quote-only before its attribution", []string{"\" We are safe . \"", "That is what the mayor told reporters ."},
			[]Block{WithNext, Free}},
		{"quote-only alone", []string{"The dam burst .", "\" We are safe . \"", "Roads reopen ."}, []Block{Free, Never, Free}},
		{"split inside a name", []string{"The visit of George W .", "Bush ended .", "Roads reopen ."}, []Block{Never, Never, Free}},
		{"opens in lower case", []string{"Crews worked on the", "dam all night .", "Roads reopen ."}, []Block{Never, Never, Free}},
		{"an acronym ends a sentence", []string{"She spoke on Press TV .", "Roads reopen ."}, []Block{Free, Free}},
		{"a name opens in lower case", []string{"Sales rose .", "eBay said so ."}, []Block{Free, Free}},
	}
	for _, tt := range tests {
		in := &Input{}
		for _, s := range tt.sents {
			in.Sentences = append(in.Sentences, sent(s))
		}
		f, _ := Features(in)
		got := Blocks(in, f)
		if len(got) != len(tt.want) {
			t.Fatalf("%s: %d blocks for %d sentences", tt.name, len(got), len(tt.want))
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: sentence %d block %d, want %d", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func TestAllowed(t *testing.T) {
	b := []Block{Free, WithPrev, Never, WithNext, Free}
	none := make([]bool, 5)
	prev := []bool{true, false, false, false, false}
	next := []bool{false, false, false, false, true}
	for _, tt := range []struct {
		i      int
		chosen []bool
		want   bool
	}{
		{0, none, true}, {1, none, false}, {1, prev, true}, {2, prev, false}, {3, none, false}, {3, next, true},
	} {
		if got := Allowed(b, tt.i, tt.chosen); got != tt.want {
			t.Errorf("Allowed(%d, %v) = %v, want %v", tt.i, tt.chosen, got, tt.want)
		}
	}
	if !Allowed(nil, 2, none) {
		t.Error("nil blocks should allow every sentence")
	}
}

// TestSelectHonoursBlocks checks that Select leaves a Never sentence out
// even with no limit, and takes a WithPrev one only after its neighbour.
func TestSelectHonoursBlocks(t *testing.T) {
	in := &Input{}
	for _, s := range []string{"The mayor said :", "\" We are safe . \"", "\" Nobody was hurt . \"", "Roads reopen today ."} {
		in.Sentences = append(in.Sentences, sent(s))
	}
	f, vecs := Features(in)
	blocks := Blocks(in, f)
	words := make([]int, len(in.Sentences))
	for i := range words {
		words[i] = Words(in.Sentences[i].Tokens)
	}
	w := Highlights
	got := Select(f, vecs, words, &w, Options{Blocks: blocks}, 0)
	var idx []int
	for _, p := range got {
		idx = append(idx, p.Index)
	}
	if len(idx) != 3 || idx[0] != 0 || idx[1] != 1 || idx[2] != 3 {
		t.Errorf("picked %v, want [0 1 3] (sentence 2 is a quote nobody attributes)", idx)
	}
}
