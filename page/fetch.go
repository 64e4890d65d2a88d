package page

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/byline-nlp/byline"
	"golang.org/x/net/html/charset"
)

// Bounds on a fetch. A news page is well under a megabyte of HTML; the
// limits keep a slow, endless or hostile server from holding a service.
const (
	// FetchTimeout bounds a whole fetch (connection, redirects, body)
	// when neither the context nor the client sets a shorter one.
	FetchTimeout = 30 * time.Second
	// MaxFetchBytes is the largest response body Fetch reads.
	MaxFetchBytes = 10 << 20
	// MaxRedirects is how many redirects Fetch follows.
	MaxRedirects = 10
)

// Errors Fetch returns, wrapped with the URL and details.
var (
	ErrNotHTML     = errors.New("page: response is not HTML")
	ErrTooLarge    = errors.New("page: response larger than MaxFetchBytes")
	ErrStatus      = errors.New("page: HTTP status is not 2xx")
	ErrTooManyHops = errors.New("page: more than MaxRedirects redirects")
	errScheme      = errors.New("page: URL scheme is not http or https")
)

// userAgent names the library to the servers it fetches from.
const userAgent = "byline/1 (+https://github.com/byline-nlp/byline)"

// Fetch downloads the page at pageURL with client (http.DefaultClient
// when nil) and parses it as Parse does, resolving links against the
// URL the redirects ended at. It follows at most MaxRedirects redirects,
// reads at most MaxFetchBytes, and gives up after FetchTimeout unless
// ctx or the client's Timeout ends it sooner. The charset comes from the
// Content-Type header, else from the page (byte-order mark, <meta>).
// A response that is not HTML (by its Content-Type, or its first bytes
// when it has none) is ErrNotHTML; a status other than 2xx is ErrStatus.
//
// Fetch is safe for concurrent use; it does not change client.
func Fetch(ctx context.Context, client *http.Client, pageURL string) (*byline.Article, error) {
	if client == nil {
		client = http.DefaultClient
	}
	if _, ok := ctx.Deadline(); !ok && client.Timeout == 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, FetchTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pageURL, nil)
	if err != nil {
		return nil, fmt.Errorf("page: fetch %q: %w", pageURL, err)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, fmt.Errorf("page: fetch %q: %w", pageURL, errScheme)
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")

	// A copy of the client, so the redirect limit is ours without
	// touching the caller's.
	c := *client
	theirs := client.CheckRedirect
	c.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if len(via) > MaxRedirects {
			return ErrTooManyHops
		}
		if theirs != nil {
			return theirs(r, via)
		}
		return nil
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("page: fetch %s: %w", pageURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("page: fetch %s: %w: %s", pageURL, ErrStatus, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxFetchBytes+1))
	if err != nil {
		return nil, fmt.Errorf("page: fetch %s: read: %w", pageURL, err)
	}
	if len(body) > MaxFetchBytes {
		return nil, fmt.Errorf("page: fetch %s: %w", pageURL, ErrTooLarge)
	}
	ct := resp.Header.Get("Content-Type")
	if !isHTML(ct, body) {
		if ct == "" {
			ct = http.DetectContentType(body)
		}
		return nil, fmt.Errorf("page: fetch %s: %w (Content-Type %s)", pageURL, ErrNotHTML, ct)
	}
	final := pageURL
	if resp.Request != nil && resp.Request.URL != nil {
		final = resp.Request.URL.String()
	}
	return parseText(decodeFetched(body, ct), final)
}

// isHTML reports whether a response is an HTML page: by its declared
// media type, or, when it declares none, by its first bytes.
func isHTML(contentType string, body []byte) bool {
	if contentType == "" {
		contentType = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decodeFetched decodes a response body: a byte-order mark first, then
// the header's charset when it names one, then what the page declares.
func decodeFetched(b []byte, contentType string) string {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		if enc, name, _ := charset.DetermineEncoding(b, contentType); enc != nil && name != "" {
			if name == "utf-8" {
				return strings.ToValidUTF8(strings.TrimPrefix(string(b), "\ufeff"), "\uFFFD")
			}
			if out, err := decodeWith(enc, b); err == nil {
				return strings.ToValidUTF8(out, "\uFFFD")
			}
		}
	}
	return decode(b)
}
