package byline

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/byline-nlp/byline/internal/index"
)

// Save writes the index to w in byline's versioned binary format, which
// ends with a CRC-32C of its contents: the configuration, the vocabulary,
// every document's raw statistics and the fitted LSA model (idf and
// vectors are recomputed on load, so they can never disagree with the
// documents). It holds the index for reading while the data is encoded.
func (ix *Index) Save(w io.Writer) error { return ix.index().Save(w) }

// Load reads an index written by Save. A truncated, corrupted or foreign
// file is an error wrapping indexfile's sentinels, with a message saying
// which.
func Load(r io.Reader) (*Index, error) {
	in, err := index.Load(r)
	if err != nil {
		return nil, err
	}
	return &Index{in: in}, nil
}

// SaveFile writes the index to path atomically: to a temporary file in
// the same directory, synced to disk, then renamed over path, so a crash
// leaves either the old file or the new one, never a torn one.
func (ix *Index) SaveFile(path string) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("byline: save index: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	if err = ix.Save(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("byline: save index: %w", err)
	}
	// CreateTemp makes the file private (0600); an index is ordinary data.
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("byline: save index: %w", err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("byline: save index: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("byline: save index: %w", err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("byline: save index: %w", err)
	}
	// Sync the directory so the rename itself survives a crash; some
	// systems cannot open directories, which is not worth failing for.
	if dh, derr := os.Open(dir); derr == nil {
		dh.Sync()
		dh.Close()
	}
	return nil
}

// LoadFile reads an index file written by SaveFile or Save.
func LoadFile(path string) (*Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("byline: load index: %w", err)
	}
	defer f.Close()
	return Load(bufio.NewReaderSize(f, 1<<20))
}
