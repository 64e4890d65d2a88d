// Package progress draws the one progress bar every byline command shows
// on standard error: a bar (or, with no known total, a count), the rate
// and the time left, redrawn a few times a second, and only when the
// writer is a terminal, so logs and pipes stay clean.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// A Bar counts finished items. Add is safe for concurrent use; the zero
// Bar and a nil *Bar count but draw nothing.
type Bar struct {
	done  atomic.Int64
	total atomic.Int64 // <= 0: unknown

	w     io.Writer  // nil: not drawn
	out   io.Writer  // where Writer's messages go
	mu    sync.Mutex // one write at a time to w
	label string
	start time.Time
	stop  chan struct{}
	wg    sync.WaitGroup
	once  sync.Once
}

// New starts a bar labelled label for total items (0 or less when the
// total is not known) on w, drawn only when w is a terminal.
func New(w io.Writer, label string, total int) *Bar {
	out := w
	if !IsTerminal(w) {
		w = nil
	}
	b := start(w, label, total)
	b.out = out
	return b
}

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// start starts a bar that draws on w, whatever w is (nil: not at all).
func start(w io.Writer, label string, total int) *Bar {
	b := &Bar{w: w, out: w, label: label, start: time.Now(), stop: make(chan struct{})}
	b.total.Store(int64(total))
	if w != nil {
		b.wg.Add(1)
		go b.loop()
	}
	return b
}

// Add counts n more finished items.
func (b *Bar) Add(n int) {
	if b != nil {
		b.done.Add(int64(n))
	}
}

// SetTotal sets the number of items, once known.
func (b *Bar) SetTotal(n int) {
	if b != nil {
		b.total.Store(int64(n))
	}
}

// Done returns how many items were counted.
func (b *Bar) Done() int {
	if b == nil {
		return 0
	}
	return int(b.done.Load())
}

// Elapsed is the time since the bar started.
func (b *Bar) Elapsed() time.Duration {
	if b == nil || b.start.IsZero() {
		return 0
	}
	return time.Since(b.start)
}

// Writer returns a writer for log lines printed while the bar runs: each
// write first clears the bar's line, and the bar is drawn again under it
// at the next tick.
func (b *Bar) Writer() io.Writer { return barWriter{b} }

type barWriter struct{ b *Bar }

func (bw barWriter) Write(p []byte) (int, error) {
	b := bw.b
	if b == nil || b.out == nil {
		return len(p), nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.w != nil {
		io.WriteString(b.w, "\r\x1b[K")
	}
	return b.out.Write(p)
}

// Finish draws the bar a last time and ends its line. Later calls do
// nothing.
func (b *Bar) Finish() {
	if b == nil || b.stop == nil {
		return
	}
	b.once.Do(func() {
		close(b.stop)
		b.wg.Wait()
	})
}

func (b *Bar) loop() {
	defer b.wg.Done()
	t := time.NewTicker(150 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-b.stop:
			b.draw()
			b.mu.Lock()
			fmt.Fprintln(b.w)
			b.mu.Unlock()
			return
		case <-t.C:
			b.draw()
		}
	}
}

// barWidth is the bar's width in cells.
const barWidth = 30

func (b *Bar) draw() {
	b.mu.Lock()
	defer b.mu.Unlock()
	fmt.Fprintf(b.w, "\r%s\x1b[K", b.line(time.Since(b.start)))
}

// line is the bar's text after elapsed time.
func (b *Bar) line(elapsed time.Duration) string {
	done, total := b.done.Load(), b.total.Load()
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(done) / s
	}
	var sb strings.Builder
	if b.label != "" {
		sb.WriteString(b.label)
		sb.WriteByte(' ')
	}
	if total > 0 {
		filled := int(min(done, total) * barWidth / total)
		fmt.Fprintf(&sb, "[%s%s] %d/%d %3d%%", strings.Repeat("█", filled), strings.Repeat("░", barWidth-filled), done, total, min(done, total)*100/total)
	} else {
		fmt.Fprintf(&sb, "%d", done)
	}
	fmt.Fprintf(&sb, " %s/s", rateString(rate))
	if total > done && rate > 0 {
		left := time.Duration(float64(total-done) / rate * float64(time.Second))
		fmt.Fprintf(&sb, " %s left", left.Round(time.Second))
	} else {
		fmt.Fprintf(&sb, " %s", elapsed.Round(100*time.Millisecond))
	}
	return sb.String()
}

func rateString(r float64) string {
	switch {
	case r >= 100:
		return fmt.Sprintf("%.0f", r)
	case r >= 10:
		return fmt.Sprintf("%.1f", r)
	}
	return fmt.Sprintf("%.2f", r)
}
