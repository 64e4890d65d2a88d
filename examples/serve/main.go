// Command serve runs byline as a small HTTP service next to a CMS.
//
//	go run ./examples/serve -addr :8080 [-index related.idx]
//
// Endpoints:
//
//	POST   /v1/analyze                  the article in the body: text/plain (scraped page text),
//	                                    text/html (?url= gives the page's address) or JSON
//	                                    {"text"|"html", "url", "title"}; answers with the JSON
//	                                    `analyze -json` prints, or with ?view=html the HTML view
//	                                    (?view=fragment: the view's element alone)
//	PUT    /v1/posts/{id}               add the article in the body (as above) to the related-posts index
//	DELETE /v1/posts/{id}               remove it
//	GET    /v1/posts/{id}/related?k=10  the posts most related to it
//	GET    /                            a page to paste an article into and see the view
//	GET    /healthz                     {"status": "ok", "posts": N}
//
// A text or HTML body's charset parameter is honoured (JSON is UTF-8).
// Bodies over -max-body (10 MB) get 413, malformed JSON 400, other media
// types 415, input with no article text 422, a request past -timeout 503;
// every error is JSON {"error": "..."}. At most -max-inflight analyses run
// at once; others wait for a slot within their deadline.
//
// The index is loaded from -index at start (an absent file starts an empty
// one) and saved atomically every -save-every when it changed, and at
// shutdown: SIGINT or SIGTERM stops accepting connections, lets requests
// in flight finish, then saves. Logs are JSON lines (log/slog) on
// standard error.
//
// By default serve never fetches a URL: ?url= and "url" only tell the
// HTML parser where a page came from, so the service cannot be made to
// request addresses for a caller (no server-side request forgery). Started
// with -fetch-hosts, a JSON request {"url": ...} with no text or html has
// the page fetched (page.Fetch: bounded time, size and redirects) when the
// URL's host, and every redirect's, is on that list; any other host is 403,
// a page that cannot be fetched 502.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	if err := run(os.Args[1:], os.Stderr, log); err != nil {
		log.Error("serve", "err", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", ":8080", "the address to listen on")
	cfg := defaults
	fs.StringVar(&cfg.IndexPath, "index", "", "the related-posts index file, loaded at start and saved on a timer and at shutdown (empty: in memory only)")
	fs.DurationVar(&cfg.SaveEvery, "save-every", defaults.SaveEvery, "how often to save a changed index")
	fs.DurationVar(&cfg.Timeout, "timeout", defaults.Timeout, "each request's deadline")
	fs.Int64Var(&cfg.MaxBody, "max-body", defaults.MaxBody, "the largest request body, in bytes")
	fs.IntVar(&cfg.MaxInFlight, "max-inflight", 0, "analyses run at once (0: one per core)")
	fs.Var(&cfg.FetchHosts, "fetch-hosts", `comma-separated hosts whose pages a JSON request {"url": ...} may have fetched ("news.example"; ".news.example" adds its subdomains); empty: never fetch`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	return serve(ctx, cfg, ln, log)
}

// shutdownGrace is how long requests in flight get to finish at shutdown.
const shutdownGrace = 30 * time.Second

// serve answers on ln until ctx is done, then shuts down gracefully and
// saves the index.
func serve(ctx context.Context, cfg config, ln net.Listener, log *slog.Logger) error {
	s, err := newServer(cfg, log)
	if err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       cfg.Timeout + 5*time.Second,
		WriteTimeout:      cfg.Timeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	saveCtx, stopSaving := context.WithCancel(context.Background())
	defer stopSaving()
	go s.saveLoop(saveCtx)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "index", cfg.IndexPath, "posts", s.index.Len())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err = srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	stopSaving()
	if serr := s.save(); serr != nil {
		err = errors.Join(err, serr)
	}
	log.Info("stopped", "posts", s.index.Len())
	return err
}
