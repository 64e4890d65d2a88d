package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

const story = `Engineers reopened the Harbour Bridge on Sunday after a three-week repair. The bridge carries 90,000 vehicles a day.

Inspectors had found cracks in two steel supports in March. The repair came in under budget.`

func TestRun(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, out string)
	}{
		{"plain lead text", []string{"-plain", "-method", "lead", "-n", "2", "-phrases", "0"}, func(t *testing.T, out string) {
			want := "- Engineers reopened the Harbour Bridge on Sunday after a three-week repair.\n- The bridge carries 90,000 vehicles a day.\n"
			if out != want {
				t.Errorf("got %q, want %q", out, want)
			}
		}},
		{"json", []string{"-plain", "-json", "-n", "1"}, func(t *testing.T, out string) {
			var o struct {
				Summary struct {
					Method    string
					Sentences []struct{ Index int }
				}
				KeyPhrases []struct{ Text string } `json:"key_phrases"`
			}
			if err := json.Unmarshal([]byte(out), &o); err != nil {
				t.Fatal(err)
			}
			if o.Summary.Method != "default" || len(o.Summary.Sentences) != 1 || len(o.KeyPhrases) == 0 {
				t.Errorf("got %+v", o)
			}
		}},
		{"extract style", []string{"-plain", "-json", "-style", "extract", "-n", "2", "-phrases", "0"}, func(t *testing.T, out string) {
			var o struct {
				Summary struct {
					Style     string
					Sentences []struct{ Index int }
				}
			}
			if err := json.Unmarshal([]byte(out), &o); err != nil {
				t.Fatal(err)
			}
			if o.Summary.Style != "extract" || len(o.Summary.Sentences) != 2 {
				t.Errorf("got %+v", o)
			}
		}},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		if err := run(tt.args, strings.NewReader(story), &out); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		tt.check(t, out.String())
	}
	for _, bad := range [][]string{{"-method", "nope"}, {"-style", "nope"}, {"a", "b"}} {
		if err := run(bad, strings.NewReader(story), &bytes.Buffer{}); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	if err := run([]string{"-plain"}, strings.NewReader("   "), &bytes.Buffer{}); err == nil {
		t.Error("empty input: no error")
	}
}
