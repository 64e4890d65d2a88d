// Command related builds a "related posts" index and queries it.
//
// Build an index from a JSONL file ({"id","title","text"} per line, an
// optional "published" RFC 3339 date) or from a folder of .txt articles
// (id = file name without extension; the first line is the title), and
// save it:
//
//	go run ./examples/related -build articles.jsonl -index related.idx
//	go run ./examples/related -build ./articles/ -index related.idx -lsa 100
//
// Print the posts related to a held id, or to a new article file:
//
//	go run ./examples/related -index related.idx -id 1234 -k 5
//	go run ./examples/related -index related.idx -file draft.txt -json
//
// Query flags: -nodup drops near-duplicates (syndicated copies), -window
// keeps results published within a duration of the query, -diversity
// re-ranks by MMR.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/jsonl"
	"github.com/byline-nlp/byline/internal/progress"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "related:", err)
		os.Exit(1)
	}
}

type record struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	Published time.Time `json:"published,omitzero"`
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("related", flag.ContinueOnError)
	fs.SetOutput(stderr)
	build := fs.String("build", "", "build the index from this JSONL file or folder of .txt files")
	indexPath := fs.String("index", "related.idx", "the index file to write (with -build) or read")
	lsaK := fs.Int("lsa", -1, "LSA dimensions when building (0: off; -1: the default)")
	id := fs.String("id", "", "print the posts related to this held id")
	file := fs.String("file", "", "print the posts related to this new article (.txt: first line is the title)")
	k := fs.Int("k", 10, "how many related posts to print")
	asJSON := fs.Bool("json", false, "print results as JSON")
	nodup := fs.Float64("nodup", 0, "drop results resembling the query or a better result at least this much (0: keep)")
	window := fs.Duration("window", 0, "keep results published within this of the query (0: any time)")
	diversity := fs.Float64("diversity", 0, "MMR λ in (0,1) to diversify results (0: off)")
	quiet := fs.Bool("quiet", false, "no progress bar")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var ix *byline.Index
	if *build != "" {
		var opts []byline.IndexOption
		if *lsaK >= 0 {
			opts = append(opts, byline.WithLSA(*lsaK))
		}
		var err error
		if ix, err = buildIndex(*build, opts, *quiet, stderr); err != nil {
			return err
		}
		if err := ix.SaveFile(*indexPath); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "saved %d posts to %s\n", ix.Len(), *indexPath)
	} else if *id != "" || *file != "" {
		var err error
		if ix, err = byline.LoadFile(*indexPath); err != nil {
			return err
		}
	}
	if *id == "" && *file == "" {
		if *build == "" {
			fs.Usage()
			return errors.New("give -build, -id or -file")
		}
		return nil
	}
	var opts []byline.QueryOption
	if *nodup > 0 {
		opts = append(opts, byline.WithoutNearDuplicates(*nodup))
	}
	if *window > 0 {
		opts = append(opts, byline.Within(*window))
	}
	if *diversity > 0 {
		opts = append(opts, byline.WithDiversity(*diversity))
	}
	var ms []byline.Match
	var err error
	query := *id
	if *file != "" {
		query = *file
		r, rerr := readTextFile(*file)
		if rerr != nil {
			return rerr
		}
		ms, err = ix.Query(r.document(), *k, opts...)
	} else {
		ms, err = ix.Related(*id, *k, opts...)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(byline.Neighbors{ID: query, Related: ms})
	}
	fmt.Fprintf(stdout, "related to %s:\n", query)
	for i, m := range ms {
		fmt.Fprintf(stdout, "%3d. %-30s %.3f\n", i+1, m.ID, m.Score)
	}
	return nil
}

func (r record) document() *byline.Document {
	d := byline.NewTextDocument(r.Title, r.Text)
	if !r.Published.IsZero() {
		d.Article = &byline.Article{Title: r.Title, Published: r.Published}
	}
	return d
}

// buildIndex reads every record and adds it, tokenizing on all cores.
func buildIndex(src string, opts []byline.IndexOption, quiet bool, stderr io.Writer) (*byline.Index, error) {
	recs, err := readRecords(src)
	if err != nil {
		return nil, err
	}
	ix := byline.NewIndex(opts...)
	var bar *progress.Bar
	if !quiet {
		bar = progress.New(stderr, "index", len(recs))
	}
	start := time.Now()
	work := make(chan int)
	errs := make([]error, len(recs))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				errs[i] = ix.Add(recs[i].ID, recs[i].document())
				bar.Add(1)
			}
		}()
	}
	for i := range recs {
		work <- i
	}
	close(work)
	wg.Wait()
	bar.Finish()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if !quiet {
		secs := time.Since(start).Seconds()
		fmt.Fprintf(stderr, "indexed %d posts in %.2fs: %.0f posts/s\n", len(recs), secs, float64(len(recs))/secs)
	}
	return ix, nil
}

// readRecords reads a JSONL file, or every .txt file in a folder.
func readRecords(src string) ([]record, error) {
	st, err := os.Stat(src)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		var recs []record
		err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".txt") {
				return err
			}
			r, err := readTextFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			r.ID = strings.TrimSuffix(filepath.ToSlash(rel), filepath.Ext(rel))
			recs = append(recs, r)
			return nil
		})
		sort.Slice(recs, func(i, j int) bool { return recs[i].ID < recs[j].ID })
		return recs, err
	}
	var recs []record
	err = jsonl.EachFile(src, 0, func(line int, b []byte) error {
		var r record
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		if r.ID == "" {
			r.ID = fmt.Sprint(line)
		}
		recs = append(recs, r)
		return nil
	})
	return recs, err
}

// readTextFile reads an article: first line the title, the rest the text.
func readTextFile(p string) (record, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return record{}, err
	}
	title, text, _ := strings.Cut(string(b), "\n")
	return record{ID: filepath.Base(p), Title: strings.TrimSpace(title), Text: text}, nil
}
