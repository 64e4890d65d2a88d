package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/byline-nlp/byline"
)

func TestBuildAndQuery(t *testing.T) {
	dir := t.TempDir()
	arts := filepath.Join(dir, "arts")
	os.Mkdir(arts, 0o755)
	for name, body := range map[string]string{
		"bank.txt":   "Bank raises rates\nThe central bank raised interest rates to cool inflation.",
		"loans.txt":  "Loans cost more\nMortgage lenders passed the interest rate rise on to borrowers.",
		"derby.txt":  "United win derby\nUnited beat City in the derby with a late header.",
		"notes.md":   "ignored: not a .txt file",
		"header.txt": "Late header decides derby\nA late header gave United the derby win over City.",
	} {
		os.WriteFile(filepath.Join(arts, name), []byte(body), 0o644)
	}
	jsonl := filepath.Join(dir, "a.jsonl")
	os.WriteFile(jsonl, []byte(`{"id":"x1","title":"Rates rise","text":"The central bank raised interest rates."}
{"id":"x2","title":"Borrowers pay more","text":"Interest rates on mortgages rose after the bank's move.","published":"2024-01-02T00:00:00Z"}

{"id":"x3","title":"Derby","text":"United won the derby."}
`), 0o644)
	draft := filepath.Join(dir, "draft.txt")
	os.WriteFile(draft, []byte("Derby report\nCity lost the derby to a late United header."), 0o644)

	for _, tc := range []struct {
		name  string
		src   string
		query []string
		first string
	}{
		{"folder by id", arts, []string{"-id", "bank"}, "loans"},
		{"folder new file", arts, []string{"-file", draft}, "derby"},
		{"jsonl by id", jsonl, []string{"-id", "x1", "-nodup", "0.9", "-diversity", "0.7"}, "x2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			idx := filepath.Join(dir, tc.name+".idx")
			var out, errOut bytes.Buffer
			if err := run([]string{"-build", tc.src, "-index", idx, "-quiet"}, &out, &errOut); err != nil {
				t.Fatal(err, errOut.String())
			}
			out.Reset()
			if err := run(append([]string{"-index", idx, "-json", "-k", "2"}, tc.query...), &out, &errOut); err != nil {
				t.Fatal(err)
			}
			var nb byline.Neighbors
			if err := json.Unmarshal(out.Bytes(), &nb); err != nil {
				t.Fatalf("%v: %q", err, out.String())
			}
			if len(nb.Related) == 0 || nb.Related[0].ID != tc.first {
				t.Errorf("related = %+v, want %s first", nb.Related, tc.first)
			}
			out.Reset()
			if err := run(append([]string{"-index", idx}, tc.query...), &out, &errOut); err != nil || !strings.Contains(out.String(), tc.first) {
				t.Errorf("text output %q, %v", out.String(), err)
			}
		})
	}
	var out bytes.Buffer
	if err := run([]string{"-index", filepath.Join(dir, "missing.idx"), "-id", "a"}, &out, &out); err == nil {
		t.Error("missing index gave no error")
	}
	if err := run([]string{"-index", filepath.Join(dir, "folder by id.idx"), "-id", "nope"}, &out, &out); err == nil {
		t.Error("unknown id gave no error")
	}
	if err := run([]string{"-build", jsonl, "-index", filepath.Join(dir, "p.idx")}, &out, &out); err != nil || !strings.Contains(out.String(), "indexed 3 posts in ") {
		t.Errorf("closing line: %q, %v", out.String(), err)
	}
}
