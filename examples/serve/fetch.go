package main

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/internal/job"
	"github.com/byline-nlp/byline/page"
)

// hostList is the -fetch-hosts flag: the hosts serve may fetch pages from.
// "news.example" allows that host alone, ".news.example" its subdomains
// as well. The empty list, the default, fetches nothing.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

func (h *hostList) Set(v string) error {
	for _, host := range strings.Split(v, ",") {
		if host = strings.ToLower(strings.TrimSpace(host)); host != "" {
			*h = append(*h, host)
		}
	}
	return nil
}

// allows reports whether u is an http(s) URL on a listed host. The port
// does not matter; user information in the URL is refused, since it
// hides the real host from a reader of the request.
func (h hostList) allows(u *url.URL) bool {
	if u == nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, want := range h {
		if host == want || (strings.HasPrefix(want, ".") && (host == want[1:] || strings.HasSuffix(host, want))) {
			return true
		}
	}
	return false
}

// newFetchClient returns the client serve fetches with: every redirect
// must lead to an allowed host too, so a listed site cannot bounce the
// service to an address nobody allowed.
func newFetchClient(hosts hostList) *http.Client {
	return &http.Client{
		CheckRedirect: func(r *http.Request, _ []*http.Request) error {
			if !hosts.allows(r.URL) {
				return errorf(http.StatusForbidden, "redirect to %s: host not in -fetch-hosts", r.URL.Redacted())
			}
			return nil
		},
	}
}

// article parses in, or, when in gives only a URL, fetches the page, if
// the service was started with that URL's host in -fetch-hosts.
func (s *server) article(ctx context.Context, in *job.Input) (*byline.Article, error) {
	if in.Text != "" || in.HTML != "" || in.URL == "" {
		return in.Article()
	}
	if len(s.cfg.FetchHosts) == 0 {
		return nil, errorf(http.StatusBadRequest, `no "text" or "html" given, and this service fetches no pages (start it with -fetch-hosts to fetch from chosen hosts)`)
	}
	u, err := url.Parse(in.URL)
	if err != nil || !s.cfg.FetchHosts.allows(u) {
		return nil, errorf(http.StatusForbidden, "%s: not an http(s) URL on a host in -fetch-hosts", in.URL)
	}
	a, err := page.Fetch(ctx, s.fetcher, in.URL)
	var he *httpError
	switch {
	case err == nil:
	case errors.As(err, &he), errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled), errors.Is(err, page.ErrNoText):
		return nil, err
	case errors.Is(err, page.ErrNotHTML), errors.Is(err, page.ErrTooLarge):
		return nil, errorf(http.StatusUnprocessableEntity, "%v", err)
	default:
		// The page's server failed or could not be reached.
		return nil, errorf(http.StatusBadGateway, "%v", err)
	}
	if in.Title != "" {
		a.Title = in.Title
	}
	return a, nil
}
