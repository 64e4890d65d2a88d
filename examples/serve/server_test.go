package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/job"
)

const sampleArticle = "../../testdata/articles/01-harbour-vote.txt"

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newTestServer(t testing.TB, cfg config) (*server, *httptest.Server) {
	t.Helper()
	s, err := newServer(cfg, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

type response struct {
	code int
	ct   string
	csp  string
	body []byte
}

func do(t testing.TB, method, url, contentType, body string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Security-Policy"), b}
}

func jsonBody(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestAnalyze(t *testing.T) {
	_, ts := newTestServer(t, defaults)
	text := readFile(t, sampleArticle)
	page := "<html><head><title>Port strike ends | Harbour Times</title></head><body><article><h1>Port strike ends</h1>" +
		"<p>Dock workers in Rotterdam returned to work on Tuesday after a deal with the port authority, their union said.</p>" +
		"<p>“We got what we came for,” said Marit de Vries, the union’s chair, outside the main gate.</p></article></body></html>"
	for _, tc := range []struct {
		name, query, ct, body string
		code                  int
		check                 func(t *testing.T, out job.Output)
	}{
		{"page text", "", "text/plain; charset=utf-8", text, 200, func(t *testing.T, out job.Output) {
			if out.Article.Title != "Gothenburg council backs €1.2bn harbour tunnel after marathon session" || len(out.Analysis.Entities) == 0 || len(out.Analysis.Quotes) == 0 {
				t.Errorf("title %q, %d entities, %d quotes", out.Article.Title, len(out.Analysis.Entities), len(out.Analysis.Quotes))
			}
		}},
		{"html with url", "?url=https://harbour.example/strike", "text/html", page, 200, func(t *testing.T, out job.Output) {
			if out.Article.URL != "https://harbour.example/strike" || len(out.Article.Paragraphs) == 0 {
				t.Errorf("url %q, paragraphs %q", out.Article.URL, out.Article.Paragraphs)
			}
		}},
		{"json text and title", "", "application/json", jsonBody(map[string]string{"text": text, "title": "My title"}), 200, func(t *testing.T, out job.Output) {
			if out.Article.Title != "My title" || len(out.Analysis.Entities) == 0 {
				t.Errorf("title %q", out.Article.Title)
			}
		}},
		{"json html", "", "application/json", jsonBody(map[string]string{"html": page, "url": "https://harbour.example/s"}), 200, func(t *testing.T, out job.Output) {
			// the union's reported speech and the chair's direct quote
			var speakers []string
			for _, q := range out.Analysis.Quotes {
				speakers = append(speakers, q.Kind.String()+" "+q.Speaker)
			}
			if out.Article.URL != "https://harbour.example/s" || strings.Join(speakers, ", ") != "indirect their union, direct Marit de Vries" {
				t.Errorf("url %q, quotes %q", out.Article.URL, speakers)
			}
		}},
		{"no media type", "", "", text, 415, nil},
		{"wrong media type", "", "application/xml", "<a/>", 415, nil},
		{"form", "", "application/x-www-form-urlencoded", "text=hello", 415, nil},
		{"malformed json", "", "application/json", `{"text": "Hello`, 400, nil},
		{"json array", "", "application/json", `["x"]`, 400, nil},
		{"unknown field", "", "application/json", `{"body": "Hello"}`, 400, nil},
		{"two values", "", "application/json", `{"text": "a"} {"text": "b"}`, 400, nil},
		{"text and html", "", "application/json", `{"text": "a", "html": "<p>b</p>"}`, 422, nil},
		{"empty", "", "text/plain", "  \n", 422, nil},
		{"empty html", "", "text/html", "", 422, nil},
		{"over 10 MB", "", "text/plain", strings.Repeat("a", 10<<20+1), 413, nil},
		{"latin-1 text", "", "text/plain; charset=iso-8859-1", "Caf\xe9 owners in S\xe3o Paulo protest\n\nThe owners of 40 caf\xe9s marched in S\xe3o Paulo on Monday against a new tax, their association said.", 200, func(t *testing.T, out job.Output) {
			if out.Article.Title != "Café owners in São Paulo protest" {
				t.Errorf("title %q", out.Article.Title)
			}
		}},
		{"latin-1 html, utf-8 meta", "", "text/html; charset=windows-1252", "<html><head><meta charset=utf-8><title>Caf\xe9 tax</title></head><body><article><p>The owners of 40 caf\xe9s marched in S\xe3o Paulo on Monday against a new tax, their association said.</p></article></body></html>", 200, func(t *testing.T, out job.Output) {
			if len(out.Article.Paragraphs) == 0 || !strings.Contains(out.Article.Paragraphs[0], "cafés marched in São Paulo") {
				t.Errorf("paragraphs %q", out.Article.Paragraphs)
			}
		}},
		{"unknown charset", "", "text/plain; charset=klingon", text, 415, nil},
		{"json not utf-8", "", "application/json; charset=utf-16", `{"text": "a"}`, 415, nil},
		{"bad view", "?view=pdf", "text/plain", text, 400, nil},
		{"bad url", "?url=%3A%3A", "text/html", page, 400, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, "POST", ts.URL+"/v1/analyze"+tc.query, tc.ct, tc.body)
			if r.code != tc.code {
				t.Fatalf("status %d, want %d: %s", r.code, tc.code, r.body)
			}
			if !strings.HasPrefix(r.ct, "application/json") {
				t.Errorf("Content-Type %q", r.ct)
			}
			if tc.code != 200 {
				var e struct{ Error string }
				if err := json.Unmarshal(r.body, &e); err != nil || e.Error == "" {
					t.Errorf("error body %q", r.body)
				}
				return
			}
			var out job.Output
			if err := json.Unmarshal(r.body, &out); err != nil {
				t.Fatal(err)
			}
			tc.check(t, out)
		})
	}

	// The same JSON as analyze -json.
	r := do(t, "POST", ts.URL+"/v1/analyze", "text/plain", text)
	in := job.Input{Text: text}
	want, _, err := job.Run(context.Background(), byline.New(), &in, true)
	if err != nil {
		t.Fatal(err)
	}
	var got, exp any
	json.Unmarshal(r.body, &got)
	b, _ := json.Marshal(want)
	json.Unmarshal(b, &exp)
	if !reflect.DeepEqual(got, exp) {
		t.Error("the service's JSON differs from analyze -json's")
	}

	for _, tc := range []struct{ query, csp, start string }{
		{"?view=html", "default-src 'none'", "<!doctype html>"},
		{"?view=fragment", "", "<div class=\"byline-view\">"},
	} {
		r := do(t, "POST", ts.URL+"/v1/analyze"+tc.query, "text/plain", text)
		if r.code != 200 || !strings.HasPrefix(r.ct, "text/html") || !strings.HasPrefix(r.csp, tc.csp) || !strings.HasPrefix(string(r.body), tc.start) {
			t.Errorf("%s: %d %q %q %.40q", tc.query, r.code, r.ct, r.csp, r.body)
		}
	}
}

func TestRoutes(t *testing.T) {
	_, ts := newTestServer(t, defaults)
	for _, tc := range []struct {
		method, path string
		code         int
		ct           string
	}{
		{"GET", "/", 200, "text/html"},
		{"GET", "/assets/app.js", 200, "text/javascript"},
		{"GET", "/assets/app.css", 200, "text/css"},
		{"GET", "/assets/icon.svg", 200, "image/svg+xml"},
		{"GET", "/healthz", 200, "application/json"},
		{"GET", "/v1/analyze", 405, "application/json"},
		{"POST", "/healthz", 405, "application/json"},
		{"GET", "/nope", 404, "application/json"},
		{"POST", "/", 404, "application/json"},
	} {
		r := do(t, tc.method, ts.URL+tc.path, "", "")
		if r.code != tc.code || !strings.HasPrefix(r.ct, tc.ct) {
			t.Errorf("%s %s: %d %q, want %d %q", tc.method, tc.path, r.code, r.ct, tc.code, tc.ct)
		}
	}
}

func TestPosts(t *testing.T) {
	_, ts := newTestServer(t, defaults)
	files, _ := filepath.Glob("../../testdata/articles/*.txt")
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		if r := do(t, "PUT", ts.URL+"/v1/posts/"+id, "text/plain", readFile(t, f)); r.code != 201 {
			t.Fatalf("PUT %s: %d %s", id, r.code, r.body)
		}
	}
	steps := []struct {
		method, path, ct, body string
		code                   int
		want                   string
	}{
		{"PUT", "/v1/posts/01-harbour-vote", "text/plain", readFile(t, sampleArticle), 200, `"posts":11`},
		{"PUT", "/v1/posts/page%20one", "application/json", jsonBody(map[string]string{"html": "<html><body><article><p>Gothenburg harbour tunnel vote: the council approved the tunnel beneath the harbour after a long session.</p></article></body></html>"}), 201, `"id":"page one"`},
		{"GET", "/v1/posts/page%20one/related?k=2", "", "", 200, `{"id":"page one","related":[{"id":"01-harbour-vote"`},
		{"GET", "/v1/posts/01-harbour-vote/related", "", "", 200, `"related":[`},
		{"GET", "/v1/posts/01-harbour-vote/related?k=0", "", "", 400, `"error"`},
		{"GET", "/v1/posts/01-harbour-vote/related?k=x", "", "", 400, `"error"`},
		{"GET", "/v1/posts/unknown/related", "", "", 404, `"error"`},
		{"PUT", "/v1/posts/empty", "text/plain", " ", 422, `"error"`},
		{"PUT", "/v1/posts/bad", "application/json", "{", 400, `"error"`},
		{"DELETE", "/v1/posts/page%20one", "", "", 200, `"posts":11`},
		{"DELETE", "/v1/posts/page%20one", "", "", 404, `"error"`},
		{"GET", "/healthz", "", "", 200, `"posts":11`},
	}
	for _, st := range steps {
		r := do(t, st.method, ts.URL+st.path, st.ct, st.body)
		if r.code != st.code || !strings.Contains(string(r.body), st.want) {
			t.Errorf("%s %s: %d %s, want %d and %s", st.method, st.path, r.code, r.body, st.code, st.want)
		}
	}
	var nb byline.Neighbors
	r := do(t, "GET", ts.URL+"/v1/posts/01-harbour-vote/related?k=3", "", "")
	if err := json.Unmarshal(r.body, &nb); err != nil || len(nb.Related) != 3 {
		t.Errorf("k=3: %s", r.body)
	}
}

// TestNoFetch checks that no address a request names is ever fetched:
// neither ?url=, nor "url", nor the links and images in a page.
func TestNoFetch(t *testing.T) {
	var hits atomic.Int64
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer target.Close()
	_, ts := newTestServer(t, defaults)
	page := `<html><head><link rel="stylesheet" href="` + target.URL + `/s.css"><link rel="canonical" href="` + target.URL + `/c">` +
		`</head><body><article><img src="` + target.URL + `/i.png"><p>The council met on Monday in Gothenburg to vote on the harbour tunnel.</p>` +
		`<iframe src="` + target.URL + `/f"></iframe></article></body></html>`
	do(t, "POST", ts.URL+"/v1/analyze?url="+target.URL+"/story", "text/html", page)
	do(t, "POST", ts.URL+"/v1/analyze?view=html", "application/json", jsonBody(map[string]string{"html": page, "url": target.URL + "/x"}))
	do(t, "PUT", ts.URL+"/v1/posts/x?url="+target.URL, "text/html", page)
	do(t, "POST", ts.URL+"/v1/analyze", "text/plain", target.URL+"\n\nSee "+target.URL+"/more for the story.")
	if r := do(t, "POST", ts.URL+"/v1/analyze", "application/json", jsonBody(map[string]string{"url": target.URL + "/story"})); r.code != 400 {
		t.Errorf("a URL alone, with fetching off: %d %s", r.code, r.body)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the service made %d requests to addresses in its input", n)
	}
}

// TestFetch checks -fetch-hosts: a URL alone is fetched from a listed
// host and analysed; any other host, a redirect off the list, a URL
// hiding its host behind user information, or another scheme is 403; a
// page that is not HTML 422; a failing origin 502.
func TestFetch(t *testing.T) {
	const story = `<html lang="en"><head><title>Ferry pier reopens | Harbour Times</title></head><body><article>` +
		`<h1>Ferry pier reopens</h1><p>The ferry pier in Saltvik reopened on Friday after a six-week repair, the harbour office said.</p>` +
		`<p>“Boats will run every twenty minutes again,” said Maja Lund, the harbour master.</p></article></body></html>`
	var other atomic.Int64
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { other.Add(1) }))
	defer elsewhere.Close()
	// elsewhere listens on 127.0.0.1 too; "localhost" names it as another host.
	elsewhereURL := strings.Replace(elsewhere.URL, "127.0.0.1", "localhost", 1)
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, story)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/story", http.StatusFound) })
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhereURL+"/story", http.StatusFound)
	})
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.7")
	})
	origin := httptest.NewServer(mux)
	defer origin.Close()

	cfg := defaults
	cfg.FetchHosts = hostList{"127.0.0.1"}
	_, ts := newTestServer(t, cfg)
	post := func(u string) response {
		return do(t, "POST", ts.URL+"/v1/analyze", "application/json", jsonBody(map[string]string{"url": u}))
	}
	for _, tc := range []struct {
		url  string
		code int
	}{
		{origin.URL + "/story", 200},
		{origin.URL + "/moved", 200},
		{elsewhereURL + "/story", 403},
		{origin.URL + "/away", 403},
		{strings.Replace(origin.URL, "http://", "http://reader@", 1) + "/story", 403},
		{"file:///etc/hostname", 403},
		{origin.URL + "/report.pdf", 422},
		{origin.URL + "/missing", 502},
	} {
		r := post(tc.url)
		if r.code != tc.code {
			t.Errorf("%s: %d %s, want %d", tc.url, r.code, r.body, tc.code)
			continue
		}
		if tc.code != 200 {
			if !strings.Contains(string(r.body), `"error"`) {
				t.Errorf("%s: %s is no JSON error", tc.url, r.body)
			}
			continue
		}
		var out job.Output
		if err := json.Unmarshal(r.body, &out); err != nil {
			t.Fatal(err)
		}
		if out.Article.Title != "Ferry pier reopens" || out.Article.URL == "" || len(out.Analysis.Entities) == 0 {
			t.Errorf("%s: title %q, url %q, %d entities", tc.url, out.Article.Title, out.Article.URL, len(out.Analysis.Entities))
		}
	}
	if n := other.Load(); n != 0 {
		t.Errorf("%d requests reached a host not on the list", n)
	}
	if r := do(t, "PUT", ts.URL+"/v1/posts/pier", "application/json", jsonBody(map[string]string{"url": origin.URL + "/story"})); r.code != 201 {
		t.Errorf("PUT by URL: %d %s", r.code, r.body)
	}
}

func TestHostList(t *testing.T) {
	var h hostList
	if err := h.Set(" News.Example, .wire.example ,,"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{"https://news.example/a", true},
		{"http://NEWS.example:8080/a", true},
		{"https://www.news.example/a", false},
		{"https://wire.example/a", true},
		{"https://eu.wire.example/a", true},
		{"https://evilwire.example/a", false},
		{"https://news.example.evil/a", false},
		{"ftp://news.example/a", false},
		{"https://u:p@news.example/a", false},
	} {
		u, err := url.Parse(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := h.allows(u); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.url, got, tc.want)
		}
	}
}

func TestDeadlines(t *testing.T) {
	text := readFile(t, "../../testdata/long.txt")
	cfg := defaults
	cfg.Timeout = time.Nanosecond
	_, ts := newTestServer(t, cfg)
	if r := do(t, "POST", ts.URL+"/v1/analyze", "text/plain", text); r.code != 503 || !strings.Contains(string(r.body), `"error":"timed out`) {
		t.Errorf("past the deadline: %d %s", r.code, r.body)
	}

	// With every slot taken, a request waits its deadline out, then 503.
	cfg.Timeout, cfg.MaxInFlight = time.Second, 1
	busy, bts := newTestServer(t, cfg)
	busy.slots <- struct{}{}
	if r := do(t, "POST", bts.URL+"/v1/analyze", "text/plain", text); r.code != 503 {
		t.Errorf("no free slot: %d %s", r.code, r.body)
	}
	<-busy.slots
	if r := do(t, "POST", bts.URL+"/v1/analyze", "text/plain", readFile(t, sampleArticle)); r.code != 200 {
		t.Errorf("slot free again: %d", r.code)
	}

	// A client that went away cancels the analysis.
	s, _ := newTestServer(t, defaults)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest("POST", "/v1/analyze", strings.NewReader(text)).WithContext(ctx)
	req.Header.Set("Content-Type", "text/plain")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Code != statusClientClosed {
		t.Errorf("canceled request: %d %s", w.Code, w.Body)
	}
}

// startServe runs serve on a free port until the returned stop is called,
// which returns serve's error.
func startServe(t *testing.T, cfg config) (base string, stop func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- serve(ctx, cfg, ln, quietLog()) }()
	base = "http://" + ln.Addr().String()
	for i := 0; ; i++ {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			break
		}
		if i == 100 {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	var stopped bool
	stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		return <-errc
	}
	t.Cleanup(func() { stop() })
	return base, stop
}

// TestIndexLifecycle checks that the index is saved on the timer and at
// shutdown, and loaded at the next start.
func TestIndexLifecycle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "related.idx")
	cfg := defaults
	cfg.IndexPath = path
	cfg.SaveEvery = 20 * time.Millisecond
	base, stop := startServe(t, cfg)
	do(t, "PUT", base+"/v1/posts/a", "text/plain", readFile(t, sampleArticle))
	deadline := time.Now().Add(5 * time.Second)
	for {
		if ix, err := byline.LoadFile(path); err == nil && ix.Len() == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the timer never saved the index")
		}
		time.Sleep(10 * time.Millisecond)
	}
	do(t, "PUT", base+"/v1/posts/b", "text/plain", readFile(t, "../../testdata/articles/02-dublin-water-fine.txt"))
	cfg.SaveEvery = time.Hour // only the shutdown saves from here on
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	ix, err := byline.LoadFile(path)
	if err != nil || ix.Len() != 2 {
		t.Fatalf("after shutdown: %v, %v", ix, err)
	}

	base, stop = startServe(t, cfg)
	if r := do(t, "GET", base+"/healthz", "", ""); !bytes.Contains(r.body, []byte(`"posts":2`)) {
		t.Errorf("restarted with %s", r.body)
	}
	do(t, "DELETE", base+"/v1/posts/a", "", "")
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if ix, err := byline.LoadFile(path); err != nil || ix.Len() != 1 {
		t.Errorf("after the delete: %v, %v", ix, err)
	}

	// A corrupt index stops the start with an error, not a panic.
	os.WriteFile(path, []byte("not an index"), 0o644)
	if _, err := newServer(cfg, quietLog()); err == nil {
		t.Error("a corrupt index file started the server")
	}
}

// BenchmarkAnalyzeHandler is one POST /v1/analyze of the README's sample
// article, without the network.
func BenchmarkAnalyzeHandler(b *testing.B) {
	s, err := newServer(defaults, quietLog())
	if err != nil {
		b.Fatal(err)
	}
	text := readFile(b, sampleArticle)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		req := httptest.NewRequest("POST", "/v1/analyze", strings.NewReader(text))
		req.Header.Set("Content-Type", "text/plain")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// FuzzAnalyze posts arbitrary bodies under each media type: the handler
// answers every one with a status and a JSON or HTML body, never a panic.
func FuzzAnalyze(f *testing.F) {
	s, err := newServer(defaults, quietLog())
	if err != nil {
		f.Fatal(err)
	}
	f.Add("text/plain", "", "Title\n\nBody text said Ana Lima.")
	f.Add("text/html", "html", "<html><body><p>“Yes,” she said.</p>")
	f.Add("application/json", "fragment", `{"text": "a", "title": "t"}`)
	f.Add("application/json", "", `{"html": "<p>x", "url": "::"}`)
	f.Fuzz(func(t *testing.T, ct, mode, body string) {
		req := httptest.NewRequest("POST", "/v1/analyze", strings.NewReader(body))
		if mode != "" {
			req.URL.RawQuery = "view=" + mode
		}
		req.Header.Set("Content-Type", ct)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		got := w.Header().Get("Content-Type")
		if w.Code >= 500 && w.Code != 503 {
			t.Errorf("%d %s", w.Code, w.Body)
		}
		if !strings.HasPrefix(got, "application/json") && !(w.Code == 200 && strings.HasPrefix(got, "text/html")) {
			t.Errorf("%d with Content-Type %q", w.Code, got)
		}
	})
}

// TestShutdownFinishesRequests starts a request, begins the shutdown while
// its body is still arriving, and checks that the request is answered and
// the index saved before serve returns.
func TestShutdownFinishesRequests(t *testing.T) {
	cfg := defaults
	cfg.IndexPath = filepath.Join(t.TempDir(), "related.idx")
	cfg.SaveEvery = time.Hour
	base, stop := startServe(t, cfg)
	text := readFile(t, sampleArticle)
	pr, pw := io.Pipe()
	type answer struct {
		code int
		err  error
	}
	answered := make(chan answer, 1)
	go func() {
		req, _ := http.NewRequest("PUT", base+"/v1/posts/late", pr)
		req.Header.Set("Content-Type", "text/plain")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- answer{err: err}
			return
		}
		resp.Body.Close()
		answered <- answer{code: resp.StatusCode}
	}()
	io.WriteString(pw, text[:len(text)/2])
	time.Sleep(200 * time.Millisecond) // the server is reading the body
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	time.Sleep(200 * time.Millisecond) // the shutdown has begun
	select {
	case err := <-stopped:
		t.Fatalf("serve returned with a request in flight: %v", err)
	default:
	}
	io.WriteString(pw, text[len(text)/2:])
	pw.Close()
	if a := <-answered; a.err != nil || a.code != http.StatusCreated {
		t.Fatalf("the request in flight got %d, %v", a.code, a.err)
	}
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if ix, err := byline.LoadFile(cfg.IndexPath); err != nil || !ix.Has("late") {
		t.Errorf("the index saved at shutdown lacks the last post: %v", err)
	}
}

// BenchmarkServeLoad is the README's load measurement without wrk: 16
// clients post the sample article over real HTTP connections for
// -benchtime, and it reports requests/s and the latency percentiles.
//
//	go test -run XXX -bench ServeLoad -benchtime 30s ./examples/serve
func BenchmarkServeLoad(b *testing.B) {
	const clients = 16
	_, ts := newTestServer(b, defaults)
	text := readFile(b, sampleArticle)
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var mu sync.Mutex
	var lat []time.Duration
	var failed atomic.Int64
	b.SetParallelism((clients + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			t0 := time.Now()
			resp, err := client.Post(ts.URL+"/v1/analyze", "text/plain; charset=utf-8", strings.NewReader(text))
			if err != nil {
				failed.Add(1)
				continue
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				failed.Add(1)
			}
			mine = append(mine, time.Since(t0))
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(failed.Load()), "errors")
}
