// Package jsonl reads JSON Lines: one JSON value a line, blank lines
// skipped. Every JSONL input of the project's commands and evaluations
// (records to analyse, corpora to score, articles to index) is read
// through it, so each has the same line limit and error form.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// MaxLine is the longest line read, in bytes: a whole article with its
// HTML fits many times over, a runaway file does not fill memory.
const MaxLine = 64 << 20

// Each calls fn with each non-blank line of r, in order, and its 1-based
// line number, until fn returns an error or, when limit > 0, limit lines
// were given. The slice fn gets is valid only during the call. An error
// from fn comes back as "line N: err"; a line over MaxLine is an error.
func Each(r io.Reader, limit int, fn func(line int, b []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	given := 0
	for n := 1; sc.Scan(); n++ {
		b := sc.Bytes()
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		if err := fn(n, b); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if given++; limit > 0 && given >= limit {
			return nil
		}
	}
	return sc.Err()
}

// EachFile is Each over the file at path; its errors name the file.
func EachFile(path string, limit int, fn func(line int, b []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := Each(f, limit, fn); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ReadFile decodes the first limit (all when limit <= 0) non-blank lines
// of the file at path, each into a T.
func ReadFile[T any](path string, limit int) ([]T, error) {
	var out []T
	err := EachFile(path, limit, func(_ int, b []byte) error {
		var v T
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	return out, err
}
