package kpeval

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestNorm(t *testing.T) {
	// The data README's examples.
	for in, want := range map[string]string{
		"3-day phestival": "3 day phestiv",
		"anton's":         "anton s",
		"Google’s":        "googl s",
		"the company":     "the compani",
		"  ":              "",
		"Ageing abbeys":   "age abbey",
	} {
		if got := Norm(in); got != want {
			t.Errorf("Norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScoreAt(t *testing.T) {
	gold := GoldSet([]string{"climate plan", "Climate plans", "council", "", "buses"})
	if len(gold) != 3 {
		t.Fatalf("gold set %v, want 3 phrases", gold)
	}
	// "councils" duplicates "council" after stemming and is skipped;
	// "!!" is empty and dropped; the list is cut at k = 3.
	s := ScoreAt([]string{"council", "!!", "councils", "climate plan", "mayor", "buses"}, gold, 3)
	p, r := 2.0/3, 2.0/3
	if math.Abs(s.P-p) > 1e-12 || math.Abs(s.R-r) > 1e-12 || math.Abs(s.F-2*p*r/(p+r)) > 1e-12 {
		t.Errorf("got %+v, want P %v R %v", s, p, r)
	}
	if s := ScoreAt(nil, gold, 10); s != (Score{}) {
		t.Errorf("empty list scored %+v", s)
	}
}

func TestCandidatesAndBaselines(t *testing.T) {
	// Words separated by punctuation or a line break do not join; a
	// possessive is cut and ends the run; stop words and numbers alone
	// are not candidates.
	got := Candidates("Harbour Vote\nThe harbour council's vote: harbour council &amp; 2024 vote.")
	var forms []string
	tf := map[string]int{}
	for _, c := range got {
		forms = append(forms, c.Form)
		tf[c.Form] = c.TF
	}
	want := []string{"harbour", "harbour vote", "vote", "harbour council", "council"}
	if !reflect.DeepEqual(forms, want) {
		t.Errorf("candidates %q, want %q", forms, want)
	}
	if tf["harbour"] != 3 || tf["harbour council"] != 2 || tf["vote"] != 3 {
		t.Errorf("counts %v", tf)
	}
	docs := []Doc{
		{ID: "a", Text: "Harbour Vote\nThe harbour council's vote: harbour council &amp; 2024 vote."},
		{ID: "b", Text: "Ferry fares\nThe council cut ferry fares. Ferry fares fell."},
	}
	lists := RankBaselines(docs)
	if l := lists["first"][0]; l[0] != "harbour" || l[1] != "harbour vote" {
		t.Errorf("first occurrence %q", l)
	}
	// Frequency: harbour and vote both 3, harbour first.
	if l := lists["frequency"][0]; l[0] != "harbour" || l[1] != "vote" {
		t.Errorf("frequency %q", l)
	}
	// TF-IDF: "council" is in both documents, so ln(2/2) = 0 puts it last.
	if l := lists["tfidf"][1]; l[len(l)-1] != "council" {
		t.Errorf("tfidf %q", l)
	}
}

func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kp.jsonl")
	data := `{"id":"x-1","title":"Harbour Vote","text":"Harbour Vote\nThe vote passed.","keyphrases":["vote"]}` + "\n" +
		`{"id":"x-2","title":"Only a title","text":"Only a title","keyphrases":["title"]}` + "\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := Load(path, 0)
	if err != nil || len(docs) != 2 {
		t.Fatalf("Load: %v, %d docs", err, len(docs))
	}
	if docs[0].Title != "Harbour Vote" || docs[0].Body != "The vote passed." || docs[1].Body != "Only a title" {
		t.Errorf("docs %+v", docs)
	}
	if err := os.WriteFile(path, []byte("{broken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, 0); err == nil {
		t.Error("a corrupt line should be an error")
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing"), 0); err == nil {
		t.Error("a missing file should be an error")
	}
}
