package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/byline-nlp/byline/internal/job"
	"github.com/byline-nlp/byline/internal/progress"
)

// A batch analyses many inputs on several workers and writes one JSON
// line per input, in input order.
type batch struct {
	opt       options
	workers   int
	stdin     io.Reader
	stdout    io.Writer
	stderr    io.Writer
	quiet     bool
	sentences bool
}

// isBatchSource reports whether the one argument is a folder or a JSONL
// file, either of which holds many inputs.
func isBatchSource(args []string) bool {
	if len(args) != 1 {
		return false
	}
	if isJSONL(args[0]) {
		return true
	}
	st, err := os.Stat(args[0])
	return err == nil && st.IsDir()
}

func isJSONL(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".jsonl" || ext == ".ndjson"
}

// A source is one file to read: an article, or JSONL records.
type source struct {
	path  string // "-": standard input
	jsonl bool
}

// sources expands folders into their article files, in name order.
func sources(args []string, jsonl bool) ([]source, error) {
	var out []source
	for _, a := range args {
		if a == "-" {
			out = append(out, source{path: a, jsonl: jsonl})
			continue
		}
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			// A file that cannot be read fails on its own line.
			out = append(out, source{path: a, jsonl: jsonl || isJSONL(a)})
			continue
		}
		var files []string
		err = filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".txt", ".html", ".htm":
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			out = append(out, source{path: f})
		}
	}
	return out, nil
}

// countRecords counts a JSONL file's non-blank lines, for the progress
// bar's total; -1 when it cannot tell.
func countRecords(path string) int {
	if path == "-" {
		return -1
	}
	f, err := os.Open(path)
	if err != nil {
		return -1
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), maxRecord)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) > 0 {
			n++
		}
	}
	if sc.Err() != nil {
		return -1
	}
	return n
}

// maxRecord bounds one JSONL line.
const maxRecord = 64 << 20

// A task is one input on its way through the workers; out receives its
// JSON line.
type task struct {
	path  string     // an article file to read, or ""
	in    *job.Input // a record already read
	err   error      // the record could not be read
	id    string
	out   chan result
	bytes int
}

type result struct {
	line   []byte
	failed bool
	bytes  int
}

func (b *batch) run(args []string, jsonl bool) error {
	srcs, err := sources(args, jsonl)
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		return errors.New("no articles found (folders are searched for .txt, .html and .htm files)")
	}
	total := 0
	for _, s := range srcs {
		if !s.jsonl {
			total++
		} else if n := countRecords(s.path); n >= 0 && total >= 0 {
			total += n
		} else {
			total = -1
		}
	}
	var bar *progress.Bar
	if !b.quiet {
		bar = progress.New(b.stderr, "analyze", total)
	}
	start := time.Now()

	tasks := make(chan *task, b.workers)
	order := make(chan *task, 4*b.workers)
	readErr := make(chan error, 1)
	go func() {
		readErr <- b.produce(srcs, tasks, order)
		close(tasks)
		close(order)
	}()
	for range b.workers {
		go func() {
			for t := range tasks {
				t.out <- b.process(t)
			}
		}()
	}
	w := bufio.NewWriter(b.stdout)
	n, failed, size := 0, 0, 0
	var werr error
	for t := range order {
		r := <-t.out
		n++
		size += r.bytes
		if r.failed {
			failed++
		}
		if werr == nil {
			_, werr = w.Write(r.line)
		}
		bar.Add(1)
	}
	if werr == nil {
		werr = w.Flush()
	}
	bar.Finish()
	rerr := <-readErr
	if !b.quiet {
		secs := time.Since(start).Seconds()
		fmt.Fprintf(b.stderr, "analyze: %d articles (%d failed), %.2f MB in %.2fs: %.1f articles/s, %.3f MB/s on %d workers\n",
			n, failed, float64(size)/1e6, secs, float64(n)/secs, float64(size)/1e6/secs, b.workers)
	}
	switch {
	case werr != nil:
		return werr
	case rerr != nil:
		return rerr
	case failed > 0:
		return fmt.Errorf("%d of %d articles failed", failed, n)
	}
	return nil
}

// produce sends every input, in order, to the workers and to the writer.
func (b *batch) produce(srcs []source, tasks, order chan<- *task) error {
	send := func(t *task) {
		t.out = make(chan result, 1)
		order <- t
		tasks <- t
	}
	for _, s := range srcs {
		if !s.jsonl {
			if s.path == "-" {
				data, err := io.ReadAll(b.stdin)
				send(&task{in: b.fileInput(data, "-"), err: err, id: "-", bytes: len(data)})
				continue
			}
			send(&task{path: s.path, id: s.path})
			continue
		}
		b.records(s.path, send)
	}
	return nil
}

// records sends the JSONL records of path ("-": standard input); lines
// that do not decode become failed tasks.
func (b *batch) records(path string, send func(*task)) {
	r := b.stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			send(&task{id: path, err: err})
			return
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), maxRecord)
	for line := 1; sc.Scan(); line++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		where := fmt.Sprintf("%s:%d", path, line)
		in := &job.Input{}
		t := &task{id: where, bytes: len(text)}
		if err := json.Unmarshal(text, in); err != nil {
			t.err = fmt.Errorf("%s: %w", where, err)
		} else {
			if in.ID == "" {
				in.ID = where
			}
			t.in, t.id = in, in.ID
		}
		send(t)
	}
	if err := sc.Err(); err != nil {
		// A line too long, or a read error: say so in the output and
		// stop reading this source.
		send(&task{id: path, err: fmt.Errorf("%s: %w", path, err)})
	}
}

// fileInput makes an article file's bytes an Input, HTML or text as the
// flags or its first bytes say.
func (b *batch) fileInput(data []byte, id string) *job.Input {
	in := &job.Input{ID: id, URL: b.opt.pageURL}
	if b.opt.asHTML || !b.opt.asText && looksLikeHTML(data) {
		in.HTML = string(data)
	} else {
		in.Text = string(data)
	}
	return in
}

// process analyses one input and returns its line; it never fails the
// run.
func (b *batch) process(t *task) result {
	r := result{bytes: t.bytes}
	err := t.err
	var out *job.Output
	if err == nil && t.path != "" {
		var data []byte
		if data, err = os.ReadFile(t.path); err == nil {
			t.in, r.bytes = b.fileInput(data, t.path), len(data)
		}
	}
	if err == nil {
		out, _, err = job.Run(context.Background(), b.opt.analyzer, t.in, b.sentences)
	}
	var line []byte
	if err == nil {
		line, err = json.Marshal(out)
	}
	if err != nil {
		r.failed = true
		line, _ = json.Marshal(job.ErrorLine{ID: t.id, Error: err.Error()})
	}
	r.line = append(line, '\n')
	return r
}
