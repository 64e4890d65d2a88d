package jsonl

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestEach(t *testing.T) {
	boom := errors.New("boom")
	for _, tc := range []struct {
		name    string
		in      string
		limit   int
		stopAt  int // fn fails on this line
		lines   []int
		wantErr string
	}{
		{"empty", "", 0, 0, nil, ""},
		{"blank lines skipped", "{}\n\n  \n{}\n", 0, 0, []int{1, 4}, ""},
		{"no final newline", "{}\n{}", 0, 0, []int{1, 2}, ""},
		{"limit", "{}\n\n{}\n{}\n", 2, 0, []int{1, 3}, ""},
		{"fn error names the line", "{}\n\n{}\n", 0, 3, []int{1, 3}, "line 3: boom"},
		{"line too long", "{}\n" + strings.Repeat("x", MaxLine+1) + "\n", 0, 0, []int{1}, "too long"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			err := Each(strings.NewReader(tc.in), tc.limit, func(n int, b []byte) error {
				got = append(got, n)
				if n == tc.stopAt {
					return boom
				}
				return nil
			})
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("err %v, want %q", err, tc.wantErr)
			}
			if !slices.Equal(got, tc.lines) {
				t.Errorf("lines %v, want %v", got, tc.lines)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.jsonl")
	if err := os.WriteFile(path, []byte(`{"id":"a","n":1}`+"\n\n"+`{"id":"b","n":2}`+"\n"+`{"id":`), 0o644); err != nil {
		t.Fatal(err)
	}
	type rec struct {
		ID string `json:"id"`
		N  int    `json:"n"`
	}
	got, err := ReadFile[rec](path, 2)
	if err != nil || len(got) != 2 || got[1] != (rec{"b", 2}) {
		t.Errorf("limit 2: %v, %v", got, err)
	}
	if _, err := ReadFile[rec](path, 0); err == nil || !strings.Contains(err.Error(), path+": line 4:") {
		t.Errorf("truncated last line: %v", err)
	}
	if _, err := ReadFile[rec](filepath.Join(t.TempDir(), "absent"), 0); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("absent file: %v", err)
	}
}
