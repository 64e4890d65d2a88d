// Package goldenrules scores a sentence splitter on the English "Golden
// Rules" of the pragmatic_segmenter project, exactly as byline's data
// README defines it: white space is normalised in every string, a case is
// valid when each expected sentence occurs in its input, and a valid case
// passes when the splitter returns exactly the expected sentences.
package goldenrules

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// A Case is one rule: an input and the sentences it should split into.
type Case struct {
	Name   string   `json:"name"`
	Input  string   `json:"input"`
	Output []string `json:"output"`
}

// Load reads a Golden Rules JSON file.
func Load(path string) ([]Case, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cases []Case
	if err := json.Unmarshal(b, &cases); err != nil {
		return nil, fmt.Errorf("goldenrules: %s: %w", path, err)
	}
	return cases, nil
}

// Normalize collapses runs of white space to one space and trims the ends.
func Normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// Valid reports whether every expected sentence, normalised, occurs in
// the normalised input. Invalid cases cannot be passed and are skipped.
func (c Case) Valid() bool {
	in := Normalize(c.Input)
	for _, o := range c.Output {
		if !strings.Contains(in, Normalize(o)) {
			return false
		}
	}
	return true
}

// Passes reports whether got, normalised, equals the expected sentences.
func (c Case) Passes(got []string) bool {
	if len(got) != len(c.Output) {
		return false
	}
	for i := range got {
		if Normalize(got[i]) != Normalize(c.Output[i]) {
			return false
		}
	}
	return true
}

// Result counts a splitter's passes.
type Result struct {
	Passed, Valid, Total int
	Failed               []string // names of the valid cases that failed
}

// Score runs split on every case.
func Score(cases []Case, split func(string) []string) Result {
	r := Result{Total: len(cases)}
	for _, c := range cases {
		if !c.Valid() {
			continue
		}
		r.Valid++
		if c.Passes(split(c.Input)) {
			r.Passed++
		} else {
			r.Failed = append(r.Failed, c.Name)
		}
	}
	return r
}
