package rouge

import (
	"math"
	"reflect"
	"testing"
)

// The expected stems below were worked out by hand from the rules in
// porter.go (each row names the rule it exercises) and agree with NLTK
// 3.8's PorterStemmer().
func TestStem(t *testing.T) {
	tests := []struct{ in, want, why string }{
		{"caresses", "caress", "1a sses→ss"},
		{"ponies", "poni", "1a ies→i"},
		{"ties", "tie", "1a NLTK: four-letter -ies keeps ie"},
		{"cats", "cat", "1a s→"},
		{"feed", "feed", "1b eed needs m>0"},
		{"agreed", "agre", "1b eed→ee, then 5a drops e"},
		{"plastered", "plaster", "1b ed"},
		{"sing", "sing", "1b ing needs a vowel before"},
		{"hopping", "hop", "1b double consonant undoubled"},
		{"falling", "fall", "1b ll kept"},
		{"fizzed", "fizz", "1b zz kept"},
		{"filing", "file", "1b m=1 and *o adds e"},
		{"spied", "spi", "1b NLTK: -ied→i"},
		{"died", "die", "1b NLTK: four-letter -ied→ie"},
		{"happy", "happi", "1c y→i after consonant"},
		{"cry", "cri", "1c"},
		{"sky", "sky", "NLTK irregular form"},
		{"skies", "sky", "NLTK irregular form"},
		{"news", "news", "NLTK irregular form"},
		{"proceed", "proceed", "NLTK irregular form"},
		{"by", "by", "NLTK: two letters unchanged"},
		{"relational", "relat", "2 ational→ate, 4 ate"},
		{"conditional", "condit", "2 tional→tion, 4 ion after t"},
		{"hesitanci", "hesit", "2 anci→ance, 4 ance"},
		{"digitizer", "digit", "2 izer→ize, 4 ize"},
		{"conformabli", "conform", "2 NLTK bli→ble, 4 able"},
		{"radicalli", "radic", "2 NLTK alli first, then again"},
		{"vietnamization", "vietnam", "2 ization→ize, 4 ize"},
		{"sensibiliti", "sensibl", "2 biliti→ble"},
		{"geology", "geolog", "2 NLTK logi with the l measured"},
		{"triplicate", "triplic", "3 icate→ic"},
		{"formative", "form", "3 ative→"},
		{"electrical", "electr", "3 ical→ic, 4 ic"},
		{"goodness", "good", "3 ness→"},
		{"adjustment", "adjust", "4 ment"},
		{"replacement", "replac", "4 ement"},
		{"adoption", "adopt", "4 ion after t"},
		{"probate", "probat", "5a e dropped, m>1"},
		{"rate", "rate", "5a m=1 and *o keeps e"},
		{"cease", "ceas", "5a m=1 not *o drops e"},
		{"controll", "control", "5b ll→l when m>1"},
		{"roll", "roll", "5b needs m>1"},
		{"generously", "gener", "all steps"},
	}
	for _, tt := range tests {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q (%s)", tt.in, got, tt.want, tt.why)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ... ", nil},
		{"The cat SAT.", []string{"the", "cat", "sat"}},
		// Only tokens longer than 3 bytes are stemmed: "dogs" is, "was" is not.
		{"Running dogs was", []string{"run", "dog", "was"}},
		// Non-ASCII letters separate tokens, as after Python's
		// re.sub("[^a-z0-9]+", " ", text.lower()).
		{"Café-goers' £3.5bn", []string{"caf", "goer", "3", "5bn"}},
		// KELVIN SIGN lowercases to k; DOTTED CAPITAL I to i + U+0307.
		{"\u212Aelvin \u0130zmir", []string{"kelvin", "i", "zmir"}},
		{"a\xffb", []string{"a", "b"}},
	}
	for _, tt := range tests {
		if got := Tokenize(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestScores(t *testing.T) {
	tests := []struct {
		name            string
		ref, cand       string
		r1, r2, rl, rls float64
	}{
		// ref: the cat sat on the mat (6), cand: the cat on the mat (5).
		// 5 hits, P=1, R=5/6, F=10/11. R-2: bigrams 5 and 4, hits
		// the-cat on-the the-mat = 3, P=3/4 R=3/5 F=2/3. LCS=5 as R-1.
		{"hand", "The cat sat on the mat.", "the cat on the mat", 10.0 / 11, 2.0 / 3, 10.0 / 11, 10.0 / 11},
		// Lin (2004)'s union-LCS example: r = w1..w5, c1 = w1 w2 w6 w7 w8,
		// c2 = w1 w3 w8 w9 w5. Union LCS = w1 w2 w3 w5: 4 hits, m=5, n=10.
		// R-1 on the whole texts: hits w1 w2 w3 w5 = 4 (w1 clipped to 1),
		// P=4/10 R=4/5 F=8/15. R-2: only w1-w2 matches, P=1/9 R=1/4, F=2/13.
		// ROUGE-L over the joined texts: LCS w1 w2 w3 w5 = 4, F=8/15.
		{"union", "w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", 8.0 / 15, 2.0 / 13, 8.0 / 15, 8.0 / 15},
		// The double-counting guard: the two reference lines both match
		// "x y", but the candidate holds each token once, so Lsum hits
		// are 2 of m=4, n=2: P=1 R=1/2 F=2/3. R-1 clips the same way.
		// ref bigrams x-y, y-x, x-y; cand x-y: 1 hit, P=1 R=1/3 F=1/2.
		{"guard", "x y\nx y", "x y", 2.0 / 3, 0.5, 2.0 / 3, 2.0 / 3},
		{"empty ref", "", "x", 0, 0, 0, 0},
		{"empty cand", "x", "", 0, 0, 0, 0},
		{"only punctuation", "...", "!!", 0, 0, 0, 0},
	}
	for _, tt := range tests {
		s := All(tt.ref, tt.cand)
		got := []float64{s.Rouge1.F, s.Rouge2.F, s.RougeL.F, s.RougeLsum.F}
		want := []float64{tt.r1, tt.r2, tt.rl, tt.rls}
		for i := range got {
			if !near(got[i], want[i]) {
				t.Errorf("%s: measure %d = %v, want %v", tt.name, i, got[i], want[i])
			}
		}
	}
}

// TestBacktrackTies checks that ties in the LCS read-back resolve as in
// rouge-score (moving up a row unless left is strictly longer), which
// changes Lsum hits when a reference token repeats.
func TestBacktrackTies(t *testing.T) {
	// ref a b a, cand a: at the last row ref[2] == cand[0], so the
	// read-back takes index 2, not the earlier "a".
	if got := lcsIndices([]string{"a", "b", "a"}, []string{"a"}); !reflect.DeepEqual(got, []int{2}) {
		t.Errorf("lcsIndices = %v, want [2]", got)
	}
	// ref a b, cand b a: t[2][1] = t[1][2] = 1 is a tie, so the read-back
	// moves up a row (i--) and keeps "a" (index 0), not "b" (index 1).
	if got := lcsIndices([]string{"a", "b"}, []string{"b", "a"}); !reflect.DeepEqual(got, []int{0}) {
		t.Errorf("lcsIndices ties = %v, want [0]", got)
	}
}

func TestCorpus(t *testing.T) {
	var c Corpus
	if r1, _, _, _ := c.Mean(); r1 != 0 {
		t.Fatal("empty corpus mean not 0")
	}
	c.Add(All("a b", "a b"))
	c.Add(All("a b", "c d"))
	r1, r2, rl, rls := c.Mean()
	for i, v := range []float64{r1, r2, rl, rls} {
		if !near(v, 0.5) {
			t.Errorf("mean %d = %v, want 0.5", i, v)
		}
	}
	if c.Len() != 2 {
		t.Errorf("Len = %d", c.Len())
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("The cat sat.")
	f.Add("\u0130\u212A\xff")
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range Tokenize(s) {
			if tok == "" {
				t.Fatalf("empty token from %q", s)
			}
			for i := 0; i < len(tok); i++ {
				if c := tok[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
					t.Fatalf("token %q outside [a-z0-9]", tok)
				}
			}
		}
		_ = All(s, s)
	})
}

func BenchmarkAll(b *testing.B) {
	ref := "A fire broke out at the warehouse on Tuesday .\nNo one was hurt, officials said ."
	cand := "Firefighters said a fire broke out at a warehouse on Tuesday night.\nOfficials said nobody had been hurt in the blaze.\nThe cause is being investigated."
	b.SetBytes(int64(len(ref) + len(cand)))
	for b.Loop() {
		All(ref, cand)
	}
}
