// Command evaluate measures byline against labelled data.
//
//	go run ./examples/evaluate TASK -data PATH [-json] [-limit N] [-out FILE] [task flags]
//
// It prints a readable table and, with -json, exactly one JSON object on
// its last line. With -out it also writes every prediction in the format
// the task names, so that reference scorers can check the numbers.
// Run it with no arguments to list the tasks.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"text/tabwriter"

	"github.com/byline-nlp/byline/internal/progress"
)

// A task is one evaluation: it parses its own flags (the common ones are
// added for it) and returns the result object printed with -json.
type task struct {
	summary string
	flags   func(fs *flag.FlagSet) // adds the task's own flags; may be nil
	run     func(c *common) (table [][]string, result any, err error)
}

var tasks = map[string]task{}

// register adds a task; each task's file calls it from init.
func register(name string, t task) { tasks[name] = t }

// common holds the flags every task takes.
type common struct {
	Data  string
	JSON  bool
	Limit int
	Out   string
	fs    *flag.FlagSet

	outFile *os.File      // the -out file, once jsonlOut opened it
	outBuf  *bufio.Writer // buffers outFile
}

// jsonlOut opens the -out file for JSON Lines and returns an encoder for
// it, or nil when -out was not given. run flushes and closes the file
// after the task, so a failed write is reported, not lost.
func (c *common) jsonlOut() (*json.Encoder, error) {
	if c.Out == "" {
		return nil, nil
	}
	f, err := os.Create(c.Out)
	if err != nil {
		return nil, err
	}
	c.outFile, c.outBuf = f, bufio.NewWriter(f)
	enc := json.NewEncoder(c.outBuf)
	enc.SetEscapeHTML(false)
	return enc, nil
}

// bar starts the task's progress bar on standard error (drawn only on a
// terminal) for total items, 0 when the total is not known.
func (c *common) bar(total int) *progress.Bar {
	return progress.New(os.Stderr, c.fs.Name(), total)
}

// closeOut flushes and closes the -out file, if one was opened.
func (c *common) closeOut() error {
	if c.outFile == nil {
		return nil
	}
	err := c.outBuf.Flush()
	if cerr := c.outFile.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("-out %s: %w", c.Out, err)
	}
	return nil
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "evaluate:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "help" {
		usage(stdout)
		return nil
	}
	t, ok := tasks[args[0]]
	if !ok {
		usage(os.Stderr)
		return fmt.Errorf("unknown task %q", args[0])
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	c := &common{fs: fs}
	fs.StringVar(&c.Data, "data", "", "the labelled data (file or folder)")
	fs.BoolVar(&c.JSON, "json", false, "print the result as one JSON object on the last line")
	fs.IntVar(&c.Limit, "limit", 0, "evaluate at most N items (0: all)")
	fs.StringVar(&c.Out, "out", "", "also write every prediction to this file")
	if t.flags != nil {
		t.flags(fs)
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if c.Data == "" {
		return fmt.Errorf("%s: -data is required", args[0])
	}
	table, result, err := t.run(c)
	if cerr := c.closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, row := range table {
		for i, cell := range row {
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			fmt.Fprint(tw, cell)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if c.JSON {
		b, err := json.Marshal(result)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", b)
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: evaluate TASK -data PATH [-json] [-limit N] [-out FILE] [task flags]")
	fmt.Fprintln(w, "tasks:")
	names := make([]string, 0, len(tasks))
	for n := range tasks {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, tasks[n].summary)
	}
}

// f3 formats a number for the table.
func f3(x float64) string { return fmt.Sprintf("%.3f", x) }

// f1d formats a percentage for the table.
func f1d(x float64) string { return fmt.Sprintf("%.1f", x) }
