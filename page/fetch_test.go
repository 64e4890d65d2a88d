package page

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// fetchServer serves our own pages: an article, the same article in
// windows-1252 declared by the header only or by a <meta> only, a PDF,
// an endless redirect, a redirect to the article, a slow page, a page
// past the size limit and a 404.
func fetchServer(t *testing.T) *httptest.Server {
	t.Helper()
	article := string(samplePage(`<title>Grain store to become a market</title><link rel="canonical" href="/news/grain-store">`,
		`<p>Der Getreidespeicher öffnet im Mai als Markthalle, sagte die Vorsitzende des Hafenrats nach der Sitzung.</p>`))
	latin1, err := charmap.Windows1252.NewEncoder().String(article)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/news/grain-store", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") == "" {
			http.Error(w, "no user agent", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(article))
	})
	mux.HandleFunc("/latin1-header", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		w.Write([]byte(latin1))
	})
	mux.HandleFunc("/latin1-meta", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(strings.Replace(latin1, "<head>", `<head><meta charset="windows-1252">`, 1)))
	})
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7\n"))
	})
	mux.HandleFunc("/untyped", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no header: sniffed
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/grain-store", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>grain store</p>", 1000))
		for n := 0; n <= MaxFetchBytes; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetch(t *testing.T) {
	srv := fetchServer(t)
	ctx := context.Background()
	for _, path := range []string{"/news/grain-store", "/latin1-header", "/latin1-meta", "/moved"} {
		a, err := Fetch(ctx, srv.Client(), srv.URL+path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		body := strings.Join(a.Paragraphs, "\n")
		if a.Title != "Grain store to become a market" || !strings.Contains(body, "Der Getreidespeicher öffnet im Mai") {
			t.Errorf("%s: title %q, body %.80q", path, a.Title, body)
		}
		if a.URL != srv.URL+"/news/grain-store" {
			t.Errorf("%s: URL %q, want the canonical one resolved against the final URL", path, a.URL)
		}
	}

	tests := []struct {
		path string
		want error
	}{
		{"/report.pdf", ErrNotHTML},
		{"/untyped", ErrNotHTML},
		{"/loop", ErrTooManyHops},
		{"/huge", ErrTooLarge},
		{"/missing", ErrStatus},
	}
	for _, tt := range tests {
		if _, err := Fetch(ctx, srv.Client(), srv.URL+tt.path); !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.path, err, tt.want)
		}
	}

	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	t0 := time.Now()
	if _, err := Fetch(short, srv.Client(), srv.URL+"/slow"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("/slow: error %v, want the deadline", err)
	}
	if d := time.Since(t0); d > 2*time.Second {
		t.Errorf("/slow took %v after a 100 ms deadline", d)
	}
	if _, err := Fetch(ctx, nil, "ftp://example.com/page"); err == nil {
		t.Error("ftp URL: no error")
	}
}
