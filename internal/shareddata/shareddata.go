// Package shareddata locates the project's evaluation data, which lives
// in ../shared/data beside the module root, for tests and benchmarks.
// The data is not part of the repository: on a fresh clone it is absent,
// and every test that needs it skips.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the path of rel (slash-separated) under ../shared/data
// beside the directory holding go.mod, found by walking up from the
// working directory. It skips tb when the module root or the file is
// not there.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Skip(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("no go.mod above the test")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data absent: %v", err)
	}
	return p
}
