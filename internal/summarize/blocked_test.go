package summarize

import (
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/text"
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
		{"a quotation over several sentences", []string{"\" We are safe .", "Nobody was hurt .", "Roads reopen , \" the mayor said .", "Rain fell ."},
			[]Block{WithNext, WithNext, Free, Free}},
		{"a run after its attribution", []string{"The mayor insisted :", "\" We are safe . \"", "\" Nobody was hurt . \"", "Rain fell ."},
			[]Block{Free, WithPrev, WithPrev, Free}},
		{"a reporting verb beyond said", []string{"\" We are safe . \"", "The mayor replied ."}, []Block{WithNext, Free}},
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

// spanned tokenizes s with byte spans: runs of letters are words, any
// other non-space byte one punctuation token.
func spanned(s string) Sentence {
	var out []Token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ':
			i++
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			out = append(out, Token{Text: s[i:j], Kind: Word, Span: text.Span{Start: i, End: j}})
			i = j
		default:
			out = append(out, Token{Text: s[i : i+1], Kind: Punct, Span: text.Span{Start: i, End: i + 1}})
			i++
		}
	}
	return Sentence{Tokens: out}
}

// TestBlocksStraightQuotes checks that a straight mark closing a
// quotation carried over from the paragraph before does not make the
// narrative after it quotation, as toggling would, and that one opening
// a quotation still does.
func TestBlocksStraightQuotes(t *testing.T) {
	in := &Input{Sentences: []Sentence{
		spanned(`They need to deliver quickly."`),
		spanned(`Talks are continuing.`),
		spanned(`The fund meets in April.`),
		spanned(`"We are safe.`),
		spanned(`Nobody was hurt."`),
	}}
	f, _ := Features(in)
	got := Blocks(in, f)
	want := []Block{Free, Free, Free, Never, Never}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sentence %d block %d, want %d", i, got[i], want[i])
		}
	}
	if share := quotedShare(in, false); share[1] != 1 {
		t.Errorf("toggling share of the narrative = %v, want 1 (what the directional reading corrects)", share[1])
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
	// A run of quote-only sentences waits for the sentence past it.
	run := []Block{Free, WithPrev, WithPrev, Free}
	if Allowed(run, 2, []bool{false, true, false, false}) {
		t.Error("the run's second sentence allowed beside the first, without the attribution")
	}
	if !Allowed(run, 2, []bool{true, false, false, false}) {
		t.Error("the run's second sentence refused with its attribution chosen")
	}
	if !Allowed(nil, 2, none) {
		t.Error("nil blocks should allow every sentence")
	}
}

// TestSelectHonoursBlocks checks that Select leaves a Never sentence out
// even with no limit, and takes a WithPrev one only after its neighbour.
func TestSelectHonoursBlocks(t *testing.T) {
	in := &Input{}
	for _, s := range []string{"The mayor said :", "\" We are safe . \"", "Roads reopen today .", "\" Nobody was hurt . \""} {
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
	if len(idx) != 3 || idx[0] != 0 || idx[1] != 1 || idx[2] != 2 {
		t.Errorf("picked %v, want [0 1 2] (sentence 3 is a quote nobody attributes)", idx)
	}
}
