package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/job"
	"github.com/byline-nlp/byline/page"
	"github.com/byline-nlp/byline/view"
)

// config is what the flags set.
type config struct {
	MaxBody     int64         // request bodies larger than this get 413
	Timeout     time.Duration // each request's deadline
	MaxInFlight int           // analyses at once (0: GOMAXPROCS); more wait in line for a slot until their deadline
	IndexPath   string        // the related-posts index file; "" keeps it in memory only
	SaveEvery   time.Duration // how often a changed index is saved
	FetchHosts  hostList      // hosts whose pages a request may name by URL alone; none by default
}

// defaults are the flags' defaults.
var defaults = config{MaxBody: 10 << 20, Timeout: 10 * time.Second, SaveEvery: time.Minute}

// A server answers the HTTP API. A request's ?url= or "url" only tells
// page.Parse where the page came from, except that a JSON request with a
// "url" and no body is fetched when its host is in cfg.FetchHosts.
type server struct {
	cfg   config
	log   *slog.Logger
	an    *byline.Analyzer
	slots chan struct{}
	mux   *http.ServeMux

	fetcher *http.Client // for cfg.FetchHosts; redirects stay on them

	index   *byline.Index
	changes atomic.Int64 // bumped by every PUT and DELETE
	saveMu  sync.Mutex   // one save at a time
	saved   int64        // changes at the last save; under saveMu
}

// newServer loads the index from cfg.IndexPath when the file exists and
// returns the server.
func newServer(cfg config, log *slog.Logger) (*server, error) {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = defaults.MaxBody
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = defaults.Timeout
	}
	if cfg.MaxInFlight <= 0 {
		// Analysis is CPU-bound: more at once than there are cores
		// only stretches every request, where waiting in line (a
		// channel's senders queue in order) keeps the tail short.
		cfg.MaxInFlight = runtime.GOMAXPROCS(0)
	}
	s := &server{cfg: cfg, log: log, an: byline.New(), slots: make(chan struct{}, cfg.MaxInFlight), index: byline.NewIndex(), fetcher: newFetchClient(cfg.FetchHosts)}
	if cfg.IndexPath != "" {
		ix, err := byline.LoadFile(cfg.IndexPath)
		switch {
		case err == nil:
			s.index = ix
			log.Info("index loaded", "path", cfg.IndexPath, "posts", ix.Len())
		case errors.Is(err, os.ErrNotExist):
			log.Info("index file absent: starting empty", "path", cfg.IndexPath)
		default:
			return nil, err
		}
	}
	// Load the entity model now, not on the first request.
	if _, err := byline.DefaultNERModel(); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("GET /assets/app.js", s.asset("text/javascript; charset=utf-8", appJS))
	s.mux.HandleFunc("GET /assets/app.css", s.asset("text/css; charset=utf-8", appCSS+view.Stylesheet()))
	s.mux.HandleFunc("GET /assets/icon.svg", s.asset("image/svg+xml", iconSVG))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("POST /v1/analyze", s.analyze)
	s.mux.HandleFunc("PUT /v1/posts/{id}", s.putPost)
	s.mux.HandleFunc("DELETE /v1/posts/{id}", s.deletePost)
	s.mux.HandleFunc("GET /v1/posts/{id}/related", s.related)
	for _, p := range []string{"/v1/analyze", "/v1/posts/{id}", "/v1/posts/{id}/related", "/healthz"} {
		s.mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			writeError(w, http.StatusMethodNotAllowed, "method %s not allowed on %s", r.Method, r.URL.Path)
		})
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: %s %s", r.Method, r.URL.Path)
	})
	return s, nil
}

// statusWriter remembers the status and size of a response, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
	size   int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.size += n
	return n, err
}

// ServeHTTP gives each request its deadline, logs it, and turns a panic
// into a 500 rather than a dropped connection.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	sw := &statusWriter{ResponseWriter: w}
	h := sw.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if sw.status == 0 {
				writeError(sw, http.StatusInternalServerError, "internal error")
			}
		}
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"bytes", sw.size, "duration_ms", float64(time.Since(start).Microseconds())/1000)
	}()
	s.mux.ServeHTTP(sw, r.WithContext(ctx))
}

// writeJSON writes v with status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code, b = http.StatusInternalServerError, []byte(`{"error":"cannot encode the response"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}

// apiError is every error's body.
type apiError struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, code int, format string, args ...any) {
	writeJSON(w, code, apiError{Error: fmt.Sprintf(format, args...)})
}

// httpError is an error with the status it answers with.
type httpError struct {
	code int
	msg  string
}

func (e *httpError) Error() string { return e.msg }

func errorf(code int, format string, args ...any) error {
	return &httpError{code: code, msg: fmt.Sprintf(format, args...)}
}

// fail answers err: its own status for an httpError, 503 for a deadline,
// 422 for input with no article in it, else 500.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	switch {
	case errors.As(err, &he):
		writeError(w, he.code, "%s", he.msg)
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "timed out after %s", s.cfg.Timeout)
	case errors.Is(err, context.Canceled):
		// The client went away: nobody reads this, and the log should
		// not count it as the server's failure.
		writeError(w, statusClientClosed, "request canceled")
	case errors.Is(err, byline.ErrEmpty), errors.Is(err, page.ErrNoText), errors.Is(err, job.ErrBothBodies):
		writeError(w, http.StatusUnprocessableEntity, "%v", err)
	default:
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "%v", err)
	}
}

// statusClientClosed is nginx's code for a request its client gave up on.
const statusClientClosed = 499

// input reads a request body as an article: text/plain, text/html (with
// ?url=) or JSON {"text"|"html", "url", "title"}.
func (s *server) input(w http.ResponseWriter, r *http.Request) (*job.Input, error) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil, errorf(http.StatusUnsupportedMediaType, "Content-Type is required: text/plain, text/html or application/json")
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, errorf(http.StatusUnsupportedMediaType, "bad Content-Type %q", ct)
	}
	if mt != "text/plain" && mt != "text/html" && mt != "application/json" {
		return nil, errorf(http.StatusUnsupportedMediaType, "unsupported Content-Type %q: use text/plain, text/html or application/json", mt)
	}
	if r.ContentLength > s.cfg.MaxBody {
		return nil, errorf(http.StatusRequestEntityTooLarge, "body over %d bytes", s.cfg.MaxBody)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errorf(http.StatusRequestEntityTooLarge, "body over %d bytes", s.cfg.MaxBody)
		}
		return nil, errorf(http.StatusBadRequest, "reading the body: %v", err)
	}
	if body, err = decodeCharset(body, mt, params["charset"]); err != nil {
		return nil, err
	}
	in := &job.Input{URL: r.URL.Query().Get("url")}
	switch mt {
	case "text/plain":
		in.Text = string(body)
	case "text/html":
		in.HTML = string(body)
	default:
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		var req struct {
			Text  string `json:"text"`
			HTML  string `json:"html"`
			URL   string `json:"url"`
			Title string `json:"title"`
		}
		if err := dec.Decode(&req); err != nil {
			return nil, errorf(http.StatusBadRequest, "malformed JSON: %v", err)
		}
		if dec.More() {
			return nil, errorf(http.StatusBadRequest, "malformed JSON: more than one value")
		}
		in.Text, in.HTML, in.Title = req.Text, req.HTML, req.Title
		if req.URL != "" {
			in.URL = req.URL
		}
	}
	if in.URL != "" {
		if _, err := url.Parse(in.URL); err != nil {
			return nil, errorf(http.StatusBadRequest, "bad url %q: %v", in.URL, err)
		}
	}
	return in, nil
}

// decodeCharset turns a text body in the charset its Content-Type names
// into UTF-8. HTML gets a byte-order mark in front, which the page parser
// honours before any <meta charset>, as browsers rank the HTTP header.
// JSON is UTF-8 by definition (RFC 8259).
func decodeCharset(body []byte, mediaType, label string) ([]byte, error) {
	if label == "" {
		return body, nil
	}
	enc, name := charset.Lookup(label)
	switch {
	case enc == nil:
		return nil, errorf(http.StatusUnsupportedMediaType, "unknown charset %q", label)
	case name == "utf-8":
		return body, nil
	case mediaType == "application/json":
		return nil, errorf(http.StatusUnsupportedMediaType, "JSON must be UTF-8, not %s", name)
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "the body is not %s: %v", name, err)
	}
	if mediaType == "text/html" {
		out = append([]byte("\xef\xbb\xbf"), out...)
	}
	return out, nil
}

// acquire waits for an analysis slot until ctx is done.
func (s *server) acquire(ctx context.Context) (release func(), err error) {
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *server) analyze(w http.ResponseWriter, r *http.Request) {
	mode := r.URL.Query().Get("view")
	if mode != "" && mode != "html" && mode != "fragment" {
		writeError(w, http.StatusBadRequest, "view=%q: use view=html or view=fragment", mode)
		return
	}
	in, err := s.input(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// A fetch waits on the network: it holds no analysis slot.
	a, err := s.article(r.Context(), in)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	release, err := s.acquire(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer release()
	out, doc, err := job.Analyze(r.Context(), s.an, a, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if mode == "" {
		writeJSON(w, http.StatusOK, out)
		return
	}
	var opts []view.Option
	h := w.Header()
	if mode == "fragment" {
		// For the paste page, which links the stylesheet.
		opts = append(opts, view.Fragment(), view.WithoutStyle())
	} else {
		// The view has no scripts; this makes sure nothing in it runs.
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
	}
	var b bytes.Buffer
	if err := view.Render(&b, doc, out.Analysis, opts...); err != nil {
		s.fail(w, r, err)
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

// postID is the {id} of a posts path, checked.
func postID(r *http.Request) (string, error) {
	id := r.PathValue("id")
	if id == "" || len(id) > 512 || !utf8.ValidString(id) {
		return "", errorf(http.StatusBadRequest, "a post id is 1 to 512 bytes of UTF-8")
	}
	return id, nil
}

// postResult answers PUT and DELETE.
type postResult struct {
	ID    string `json:"id"`
	Posts int    `json:"posts"` // posts in the index afterwards
}

func (s *server) putPost(w http.ResponseWriter, r *http.Request) {
	id, err := postID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in, err := s.input(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.article(r.Context(), in)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc := byline.NewDocument(a)
	if len(doc.Tokens) == 0 {
		s.fail(w, r, byline.ErrEmpty)
		return
	}
	existed := s.index.Has(id)
	if err := s.index.Add(id, doc); err != nil {
		s.fail(w, r, err)
		return
	}
	s.changes.Add(1)
	code := http.StatusCreated
	if existed {
		code = http.StatusOK
	}
	writeJSON(w, code, postResult{ID: id, Posts: s.index.Len()})
}

func (s *server) deletePost(w http.ResponseWriter, r *http.Request) {
	id, err := postID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.index.Remove(id) {
		writeError(w, http.StatusNotFound, "no post %q", id)
		return
	}
	s.changes.Add(1)
	writeJSON(w, http.StatusOK, postResult{ID: id, Posts: s.index.Len()})
}

// maxK bounds ?k=.
const maxK = 100

func (s *server) related(w http.ResponseWriter, r *http.Request) {
	id, err := postID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	k := 10
	if v := r.URL.Query().Get("k"); v != "" {
		if k, err = strconv.Atoi(v); err != nil || k < 1 || k > maxK {
			writeError(w, http.StatusBadRequest, "k=%q: give a number from 1 to %d", v, maxK)
			return
		}
	}
	if !s.index.Has(id) {
		writeError(w, http.StatusNotFound, "no post %q", id)
		return
	}
	ms, err := s.index.Related(id, k)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ms == nil {
		ms = []byline.Match{}
	}
	writeJSON(w, http.StatusOK, byline.Neighbors{ID: id, Related: ms})
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "posts": s.index.Len()})
}

// save writes the index to its file atomically if it changed since the
// last save.
func (s *server) save() error {
	if s.cfg.IndexPath == "" {
		return nil
	}
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	n := s.changes.Load()
	if n == s.saved {
		return nil
	}
	start := time.Now()
	if err := s.index.SaveFile(s.cfg.IndexPath); err != nil {
		return err
	}
	s.saved = n
	s.log.Info("index saved", "path", s.cfg.IndexPath, "posts", s.index.Len(), "duration_ms", time.Since(start).Milliseconds())
	return nil
}

// saveLoop saves the index every cfg.SaveEvery until ctx is done.
func (s *server) saveLoop(ctx context.Context) {
	if s.cfg.IndexPath == "" || s.cfg.SaveEvery <= 0 {
		return
	}
	t := time.NewTicker(s.cfg.SaveEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.save(); err != nil {
				s.log.Error("saving the index", "err", err)
			}
		}
	}
}

func (s *server) asset(contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "no-cache")
		io.WriteString(w, body)
	}
}

func (s *server) home(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Only our own script and stylesheet run; an article's markup,
	// were it ever to reach the page unescaped, could not.
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	io.WriteString(w, strings.TrimLeft(homeHTML, "\n"))
}
