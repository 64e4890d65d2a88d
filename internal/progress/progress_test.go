package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLine(t *testing.T) {
	for _, tc := range []struct {
		name        string
		done, total int
		elapsed     time.Duration
		want        []string
	}{
		{"half", 5, 10, time.Second, []string{"work [", "] 5/10  50%", " 5.00/s", " 1s left"}},
		{"done", 10, 10, 2 * time.Second, []string{"10/10 100%", "5.00/s", " 2s"}},
		{"unknown total", 1234, 0, 10 * time.Second, []string{"work 1234 123/s 10s"}},
		{"over", 12, 10, time.Second, []string{"12/10 100%"}},
		{"nothing yet", 0, 10, 0, []string{"0/10   0%", "0.00/s"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &Bar{label: "work"}
			b.done.Store(int64(tc.done))
			b.total.Store(int64(tc.total))
			got := b.line(tc.elapsed)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("line %q lacks %q", got, w)
				}
			}
		})
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func TestBar(t *testing.T) {
	var out syncBuffer
	b := start(&out, "files", 100)
	b.Writer().Write([]byte("starting\n"))
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 25 {
				b.Add(1)
			}
		}()
	}
	wg.Wait()
	b.Finish()
	b.Finish()
	if b.Done() != 100 {
		t.Errorf("Done = %d", b.Done())
	}
	if s := out.b.String(); !strings.Contains(s, "100/100 100%") || !strings.HasSuffix(s, "\n") || !strings.Contains(s, "\r\x1b[Kstarting\n") {
		t.Errorf("drawn %q", s)
	}
	// Not a terminal: nothing drawn, but still counted.
	var quiet bytes.Buffer
	q := New(&quiet, "x", 3)
	q.Add(3)
	q.Finish()
	if quiet.Len() != 0 || q.Done() != 3 {
		t.Errorf("non-terminal bar drew %q, counted %d", quiet.String(), q.Done())
	}
	lw := q.Writer()
	lw.Write([]byte("a log line\n"))
	if quiet.String() != "a log line\n" {
		t.Errorf("Writer on a non-terminal wrote %q", quiet.String())
	}
	var nilBar *Bar
	nilBar.Add(1)
	nilBar.Finish()
}
