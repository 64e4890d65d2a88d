package quotes

import "testing"

func TestCore(t *testing.T) {
	tests := []struct {
		text       string
		start, end int
		want       string
	}{
		{"“We are ready,” she said.", 0, len("“We are ready,”"), "We are ready"},
		{`"(Yes!)" -- no`, 0, 8, "Yes"},
		{"‘a’", 0, len("‘a’"), "a"},
		{"...", 0, 3, ""},
		{"abc", -2, 10, "abc"},
	}
	for _, tc := range tests {
		s, e := Core(tc.text, tc.start, tc.end)
		if got := tc.text[s:e]; got != tc.want {
			t.Errorf("Core(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestMatchGreedy(t *testing.T) {
	gold := []Unit{{Start: 0, End: 10}, {Start: 20, End: 30}}
	pred := []Unit{
		{Start: 0, End: 9},   // Jaccard .9 with gold 0
		{Start: 0, End: 20},  // .5 with gold 0, but gold 0 is taken first
		{Start: 24, End: 40}, // 6/20 = .3 with gold 1: too low
	}
	got := Match(gold, pred)
	if len(got) != 1 || got[0].Gold != 0 || got[0].Pred != 0 {
		t.Fatalf("Match = %+v, want one pair gold 0 - pred 0", got)
	}
}

func TestSpeakerCorrect(t *testing.T) {
	tests := []struct {
		name string
		g, p Unit
		want bool
	}{
		{"overlap", Unit{HasSpeaker: true, Speaker: "the minister", SpeakerStart: 10, SpeakerEnd: 22},
			Unit{HasSpeaker: true, Speaker: "minister", SpeakerStart: 14, SpeakerEnd: 22}, true},
		{"shared capitalised token", Unit{HasSpeaker: true, Speaker: "Pat Caddell, a pollster", SpeakerStart: 0, SpeakerEnd: 23},
			Unit{HasSpeaker: true, Speaker: "Caddell", SpeakerStart: 100, SpeakerEnd: 107}, true},
		{"pronouns never share", Unit{HasSpeaker: true, Speaker: "He Said", SpeakerStart: 0, SpeakerEnd: 7},
			Unit{HasSpeaker: true, Speaker: "He", SpeakerStart: 50, SpeakerEnd: 52}, false},
		{"pronoun gold needs overlap", Unit{HasSpeaker: true, Pronoun: true, Speaker: "she", SpeakerStart: 5, SpeakerEnd: 8},
			Unit{HasSpeaker: true, Speaker: "She", SpeakerStart: 40, SpeakerEnd: 43}, false},
		{"no predicted speaker", Unit{HasSpeaker: true, Speaker: "Ana", SpeakerStart: 0, SpeakerEnd: 3}, Unit{}, false},
	}
	for _, tc := range tests {
		if got := SpeakerCorrect(tc.g, tc.p); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestTally(t *testing.T) {
	var tl Tally
	gold := []Unit{
		{Start: 0, End: 10, HasSpeaker: true, Speaker: "Ana", SpeakerStart: 20, SpeakerEnd: 23},
		{Start: 30, End: 40}, // null speaker
	}
	pred := []Unit{
		{Start: 0, End: 10, HasSpeaker: true, Speaker: "Ana", SpeakerStart: 20, SpeakerEnd: 23},
		{Start: 30, End: 40, HasSpeaker: true, Speaker: "Bo", SpeakerStart: 50, SpeakerEnd: 52},
		{Start: 60, End: 70},
	}
	tl.Add(gold, pred)
	p, r, _ := tl.Quote()
	if p < 66.6 || p > 66.7 || r != 100 {
		t.Errorf("quote P %v R %v, want 66.7 and 100", p, r)
	}
	if acc := tl.SpeakerAccuracy(); acc != 100 {
		t.Errorf("speaker accuracy %v, want 100 (null gold speakers left out)", acc)
	}
	ap, ar, _ := tl.Attributed()
	if ap < 33.3 || ap > 33.4 || ar != 50 {
		t.Errorf("attributed P %v R %v, want 33.3 and 50", ap, ar)
	}
}

func TestModelTrainSeparates(t *testing.T) {
	xs := [][]float64{{1, 1}, {1, 0.9}, {1, -1}, {1, -0.8}}
	ys := []bool{true, true, false, false}
	m := Train(xs, ys, 500, 0.1, 0)
	for i, x := range xs {
		if (m.Prob(x) >= 0.5) != ys[i] {
			t.Errorf("example %d: prob %.2f, label %v", i, m.Prob(x), ys[i])
		}
	}
	if (&Model{}).Prob([]float64{1}) != 0.5 {
		t.Error("an empty model should say 0.5")
	}
}

func TestCueClasses(t *testing.T) {
	for w, want := range map[string]CueClass{"said": Speech, "told": Addressed, "called": Naming, "according": Source, "reads": Written, "table": NotCue} {
		if got := Cue(w); got != want {
			t.Errorf("Cue(%q) = %d, want %d", w, got, want)
		}
	}
}

func TestSpeechCue(t *testing.T) {
	tests := []struct {
		cue  string
		want bool
	}{
		{"said", true}, {"has said", true}, {"According to", true}, {"told", true},
		{"pointed out", false}, {"believes", false}, {"sayings", false}, {"reportedly", false}, {":", false},
	}
	for _, tc := range tests {
		if got := SpeechCue(tc.cue); got != tc.want {
			t.Errorf("SpeechCue(%q) = %v, want %v", tc.cue, got, tc.want)
		}
	}
}

// TestTallySpeech: the speech-cue recall counts only the marked gold
// units, matched by the same one-to-one matching as all the others.
func TestTallySpeech(t *testing.T) {
	gold := []Unit{
		{Start: 0, End: 10, Speech: true, HasSpeaker: true, Speaker: "Ana Ruiz", SpeakerStart: 20, SpeakerEnd: 28},
		{Start: 30, End: 40, Speech: true, HasSpeaker: true, Speaker: "Ben", SpeakerStart: 50, SpeakerEnd: 53},
		{Start: 60, End: 70},
	}
	pred := []Unit{
		{Start: 0, End: 10, HasSpeaker: true, Speaker: "Ruiz", SpeakerStart: 24, SpeakerEnd: 28},
		{Start: 31, End: 40, HasSpeaker: true, Speaker: "Cleo", SpeakerStart: 80, SpeakerEnd: 84},
		{Start: 60, End: 70},
	}
	var tl Tally
	tl.Add(gold, pred)
	if tl.Speech != 2 || tl.SpeechMatched != 2 || tl.SpeechOK != 1 {
		t.Fatalf("speech %d matched %d ok %d, want 2 2 1", tl.Speech, tl.SpeechMatched, tl.SpeechOK)
	}
	if m, a := tl.SpeechRecall(); m != 100 || a != 50 {
		t.Errorf("SpeechRecall = %v, %v, want 100, 50", m, a)
	}
}
