package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSingleJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run([]string{"-json", "../../testdata/articles/01-harbour-vote.txt"}, nil, &out, &errOut); err != nil {
		t.Fatal(err, errOut.String())
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"article", "sentences", "analysis"} {
		if _, ok := got[k]; !ok {
			t.Errorf("no %q key", k)
		}
	}
	if _, ok := got["id"]; ok {
		t.Error("a single file's JSON has an id")
	}
}

type line struct {
	ID       string          `json:"id"`
	Error    string          `json:"error"`
	Analysis json.RawMessage `json:"analysis"`
}

func lines(t *testing.T, out []byte) []line {
	t.Helper()
	var ls []line
	for _, l := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		var x line
		if err := json.Unmarshal(l, &x); err != nil {
			t.Fatalf("%v: %q", err, l)
		}
		ls = append(ls, x)
	}
	return ls
}

func TestBatch(t *testing.T) {
	dir := t.TempDir()
	article, _ := os.ReadFile("../../testdata/articles/02-dublin-water-fine.txt")
	rec := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	jsonl := filepath.Join(dir, "in.jsonl")
	os.WriteFile(jsonl, []byte(strings.Join([]string{
		rec(map[string]string{"id": "first", "text": string(article)}),
		`{"id": "broken", "text": `,
		"",
		rec(map[string]string{"id": "page", "html": "<html><body><article><h1>Port strike ends</h1><p>Dock workers in Rotterdam returned to work on Tuesday after a deal with the port authority, their union said in a statement.</p></article></body></html>", "url": "https://news.example/strike"}),
		rec(map[string]string{"id": "empty", "text": " "}),
		rec(map[string]string{"text": string(article)}),
	}, "\n")), 0o644)

	for _, tc := range []struct {
		name     string
		args     []string
		ids      []string
		failed   []string
		wantFail bool
	}{
		{"folder", []string{"-j", "3", "../../testdata/articles"}, nil, nil, false},
		{"jsonl", []string{"-j", "2", jsonl}, []string{"first", jsonl + ":2", "page", "empty", jsonl + ":6"}, []string{jsonl + ":2", "empty"}, true},
		{"files and jsonl", []string{"../../testdata/articles/01-harbour-vote.txt", jsonl, "../../testdata/articles/03-nairobi-electric-matatus.txt"},
			[]string{"../../testdata/articles/01-harbour-vote.txt", "first", jsonl + ":2", "page", "empty", jsonl + ":6", "../../testdata/articles/03-nairobi-electric-matatus.txt"}, []string{jsonl + ":2", "empty"}, true},
		{"missing file", []string{filepath.Join(dir, "nope.txt"), "../../testdata/articles/01-harbour-vote.txt"},
			[]string{filepath.Join(dir, "nope.txt"), "../../testdata/articles/01-harbour-vote.txt"}, []string{filepath.Join(dir, "nope.txt")}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(tc.args, nil, &out, &errOut)
			if (err != nil) != tc.wantFail {
				t.Fatalf("err = %v, want failure %v; stderr %s", err, tc.wantFail, errOut.String())
			}
			ls := lines(t, out.Bytes())
			if tc.ids == nil {
				files, _ := filepath.Glob("../../testdata/articles/*.txt")
				tc.ids = files
			}
			if len(ls) != len(tc.ids) {
				t.Fatalf("%d lines, want %d", len(ls), len(tc.ids))
			}
			failed := map[string]bool{}
			for _, f := range tc.failed {
				failed[f] = true
			}
			for i, l := range ls {
				if l.ID != tc.ids[i] {
					t.Errorf("line %d: id %q, want %q", i, l.ID, tc.ids[i])
				}
				if (l.Error != "") != failed[l.ID] || (l.Error == "") != (len(l.Analysis) > 0) {
					t.Errorf("line %d (%s): error %q, analysis %d bytes", i, l.ID, l.Error, len(l.Analysis))
				}
			}
			if !strings.Contains(errOut.String(), "articles (") || !strings.Contains(errOut.String(), "articles/s") {
				t.Errorf("no closing line: %q", errOut.String())
			}
		})
	}

	// The order and the analyses do not depend on the number of workers.
	var one, many, errOut bytes.Buffer
	if err := run([]string{"-j", "1", "-quiet", "../../testdata/articles"}, nil, &one, &errOut); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"-j", "4", "-quiet", "../../testdata/articles"}, nil, &many, &errOut); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), many.Bytes()) {
		t.Error("-j 1 and -j 4 wrote different output")
	}
	if errOut.Len() != 0 {
		t.Errorf("-quiet wrote %q", errOut.String())
	}

	// JSONL from standard input.
	var out bytes.Buffer
	in := strings.NewReader(rec(map[string]string{"id": "s", "text": string(article)}) + "\n")
	if err := run([]string{"-jsonl", "-quiet"}, in, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if ls := lines(t, out.Bytes()); len(ls) != 1 || ls[0].ID != "s" || ls[0].Error != "" {
		t.Errorf("stdin: %s", out.String())
	}
}
