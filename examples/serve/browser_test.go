package main

import (
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/byline-nlp/byline/internal/job"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "rewrite ../../docs/view.png, the README's screenshot, from the browser test")

// chromium finds a Chromium to drive: $BYLINE_CHROMIUM, else the first of
// the usual names on $PATH.
func chromium() string {
	if p := os.Getenv("BYLINE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a headless Chromium that touches no network but the
// test's server, and returns a tab's context.
func newBrowser(t *testing.T) context.Context {
	exe := chromium()
	if exe == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium in CI: .ci/run installs it with apt-get install -y chromium")
		}
		t.Skip("no Chromium found: install it (apt-get install chromium) or set BYLINE_CHROMIUM to run the browser test")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		// No network but ours: the machine may have none, and Chromium
		// would fill the log with refused connections.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return ctx
}

// step runs actions with a deadline, failing the test with what it was doing.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// apiCounts asks the API for the article's analysis and returns its entity
// mentions and quotes.
func apiCounts(t *testing.T, base, text string) (mentions, quotes int) {
	t.Helper()
	resp, err := http.Post(base+"/v1/analyze", "text/plain; charset=utf-8", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out job.Output
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	for _, e := range out.Analysis.Entities {
		mentions += len(e.Mentions)
	}
	return mentions, len(out.Analysis.Quotes)
}

// TestBrowser drives a real headless Chromium through the paste page:
// paste a sample article, press Analyze, and check that the view marks as
// many entity mentions and quotes as the API's JSON holds, that no script
// in the article ran, that focus shows a quote's speaker, that the page
// fits a phone, and that the console stayed clean.
func TestBrowser(t *testing.T) {
	ctx := newBrowser(t)
	var mu sync.Mutex
	var console []chromedp.ConsoleMessage
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			mu.Lock()
			console = append(console, m)
			mu.Unlock()
		}
	}()
	base, _ := startServe(t, defaults)

	for _, tc := range []struct {
		name, file string
		screenshot bool // the README's picture
	}{
		{"harbour vote", sampleArticle, true},
		{"markup in the text", "../../testdata/view/markup-in-text.txt", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := readFile(t, tc.file)
			step(t, ctx, "open the paste page",
				chromedp.EmulateViewport(1280, 900),
				chromedp.Navigate(base+"/"),
				chromedp.WaitVisible("#article"),
				chromedp.Focus("#article"),
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					// Input.insertText is what a paste does: one input event.
					_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: text})
					return err
				}),
				chromedp.Click("#analyze"),
				chromedp.WaitVisible("#result .bv-body"),
			)
			if got := eval[string](t, ctx, `document.getElementById("article").value`); got != text {
				t.Fatalf("the textarea holds %d bytes, want %d", len(got), len(text))
			}
			wantMentions, wantQuotes := apiCounts(t, base, text)
			marks := eval[int](t, ctx, `document.querySelectorAll("#result .bv-body mark.bv-ent:not(.bv-cont)").length`)
			quotes := eval[int](t, ctx, `new Set(Array.from(document.querySelectorAll("#result .bv-body .bv-quote"), e => e.dataset.quote)).size`)
			if marks != wantMentions || quotes != wantQuotes || marks == 0 || quotes == 0 {
				t.Errorf("the page marks %d mentions and %d quotes; the API found %d and %d", marks, quotes, wantMentions, wantQuotes)
			}

			// No script from the article ran, and its markup shows as text.
			if ran := eval[string](t, ctx, `typeof window.__bylineXSS`); ran != "undefined" {
				t.Errorf("a script from the article ran: window.__bylineXSS is %s", ran)
			}
			if strings.Contains(text, "<script>") {
				// The article's own text: the view's labels, tooltips and
				// screen-reader words taken out, since a mark (an entity
				// the tagger found in the markup, say) may sit inside it.
				shown := eval[bool](t, ctx, `(() => {
					const body = document.querySelector("#result .bv-body").cloneNode(true);
					body.querySelectorAll(".bv-lbl, .bv-tip, .bv-sr").forEach(n => n.remove());
					return body.textContent.includes('<script>window.__bylineXSS = 1</script>') &&
						body.textContent.includes('<img src=x onerror="window.__bylineXSS=2">') &&
						document.querySelectorAll("#result script, #result img, #result [onerror]").length === 0;
				})()`)
				if !shown {
					t.Error("the article's markup is not shown as text")
				}
			}

			// Focus on a quote shows its speaker and cue.
			tip := eval[string](t, ctx, `(() => {
				const q = document.querySelector("#result .bv-quote[tabindex]");
				q.focus();
				const tip = q.querySelector(":scope > .bv-tip"); // a nested quote has its own
				return getComputedStyle(tip).display + " " + tip.textContent;
			})()`)
			if !strings.HasPrefix(tip, "block Speaker") || !strings.Contains(tip, "Cue") {
				t.Errorf("a focused quote shows %q", tip)
			}

			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(t.TempDir(), "view.png"), png, 0o644)
			if tc.screenshot && *updateScreenshot {
				eval[bool](t, ctx, `document.getElementById("result").scrollIntoView(), true`)
				shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile("../../docs/view.png", shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}

			// On a phone the page needs no sideways scrolling.
			step(t, ctx, "emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
			for _, focus := range []string{"nothing", "the first quote"} {
				w := eval[[]int](t, ctx, `(() => {
					document.activeElement.blur();
					if ("`+focus+`" !== "nothing") document.querySelector("#result .bv-quote[tabindex]").focus();
					return [document.documentElement.scrollWidth, document.documentElement.clientWidth];
				})()`)
				if len(w) != 2 || w[0] > w[1] {
					t.Errorf("on a phone, with %s focused, the page is wider than the screen (scroll width, screen width: %v)", focus, w)
				}
			}
			eval[bool](t, ctx, `document.getElementById("result").scrollIntoView(), true`)
			phone, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(t.TempDir(), "phone.png"), phone, 0o644)
		})
	}

	mu.Lock()
	defer mu.Unlock()
	for _, m := range console {
		if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleWarning {
			t.Errorf("browser console: %s (%s:%d)", m, m.URL, m.Line)
		}
	}
}
