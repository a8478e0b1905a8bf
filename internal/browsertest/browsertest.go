// Package browsertest starts a real headless Chromium for tests and records
// every URL the page asks for, so that a test can prove a page works and
// that it never reaches past the server under test.
//
// When no Chromium is installed the test is skipped with a loud message,
// unless TRADEGRAPH_REQUIRE_BROWSER=1 (set by `make test` in CI), in which
// case it fails: CI must not pass without having run the browser.
package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// RequireEnv is the environment variable that turns a missing Chromium from
// a skip into a failure.
const RequireEnv = "TRADEGRAPH_REQUIRE_BROWSER"

// candidates are where Debian, Ubuntu and Google's packages put the binary.
var candidates = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}

// Browser is one headless Chromium with one tab. Its methods are safe for
// concurrent use; events are recorded from chromedp's reading goroutine.
type Browser struct {
	ctx context.Context

	mu       sync.Mutex
	requests []string
	console  []string
}

// Find returns the Chromium binary to use: $CHROME_PATH when set, else the
// first of the usual install paths that exists. It reports "" when none does.
func Find() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
		return ""
	}
	for _, p := range candidates {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// New starts Chromium with a fresh profile in a temporary directory and
// opens one tab. Chromium is stopped when the test ends. Every action run
// through the returned Browser is bounded by timeout.
//
// New skips the test when Chromium is missing, or fails it when
// TRADEGRAPH_REQUIRE_BROWSER=1.
func New(tb testing.TB, timeout time.Duration) *Browser {
	tb.Helper()
	path := Find()
	if path == "" {
		msg := "\n" + strings.Repeat("!", 72) + "\n" +
			"!!! NO CHROMIUM: this browser test did NOT run.\n" +
			"!!! Install it (Debian: apt-get install -y chromium) or set CHROME_PATH.\n" +
			"!!! Set " + RequireEnv + "=1 to make this a failure (CI does).\n" +
			strings.Repeat("!", 72)
		if os.Getenv(RequireEnv) == "1" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root in containers, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(1280, 900),
		// Anything that is not loopback fails to resolve, so a page that
		// tries to reach the internet breaks visibly in the test instead of
		// quietly depending on the network; the request is still recorded.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	b := &Browser{}
	// The listener is installed with the tab so that it sees the tab's
	// very first requests too.
	tab, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(b.record))
	tb.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	// chromedp wants the call that starts the browser to have no deadline,
	// since the deadline would end the browser; the limit goes on the
	// context the test's actions run under.
	if err := chromedp.Do(tab); err != nil {
		tb.Fatalf("browsertest: starting %s: %v", path, err)
	}
	ctx, cancelTimeout := context.WithTimeout(tab, timeout)
	tb.Cleanup(cancelTimeout)
	b.ctx = ctx
	return b
}

func (b *Browser) record(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	case *network.EventWebSocketCreated:
		b.requests = append(b.requests, ev.URL)
	case *runtime.EventConsoleAPICalled:
		var parts []string
		for _, arg := range ev.Args {
			if arg.Value != nil {
				parts = append(parts, string(arg.Value))
			} else {
				parts = append(parts, arg.Description)
			}
		}
		b.console = append(b.console, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " ")))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		b.console = append(b.console, "exception: "+msg)
	case *cdplog.EventEntryAdded:
		// Chromium reports Content-Security-Policy violations and failed
		// loads here rather than through the console API.
		b.console = append(b.console, fmt.Sprintf("log.%s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL))
	}
}

// Context returns the tab's context, bounded by New's timeout, for chromedp
// calls the helpers here do not cover.
func (b *Browser) Context() context.Context { return b.ctx }

// Do runs chromedp actions in the tab, in order, stopping at the first
// error. Use chromedp.Run with Context for actions that return a value.
func (b *Browser) Do(actions ...chromedp.Action[chromedp.Void]) error {
	return chromedp.Do(b.ctx, actions...)
}

// Requests returns every URL the tab has requested so far, in order,
// including WebSocket connections.
func (b *Browser) Requests() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.requests)
}

// Console returns the console messages, uncaught exceptions and browser log
// entries (which include Content-Security-Policy violations) seen so far.
func (b *Browser) Console() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.console)
}

// Foreign returns the requested URLs whose origin is not base's origin.
// data: and blob: URLs never leave the browser and are not counted, nor is
// about:blank, which every new tab starts on.
func (b *Browser) Foreign(base string) []string {
	want, err := url.Parse(base)
	if err != nil {
		return []string{"unparsable base " + base}
	}
	var out []string
	for _, raw := range b.Requests() {
		u, err := url.Parse(raw)
		if err != nil {
			out = append(out, raw)
			continue
		}
		switch u.Scheme {
		case "data", "blob":
			continue
		case "about":
			if u.Opaque == "blank" {
				continue
			}
		}
		if u.Scheme == "ws" && want.Scheme == "http" || u.Scheme == "wss" && want.Scheme == "https" {
			u.Scheme = want.Scheme
		}
		if u.Scheme != want.Scheme || u.Host != want.Host {
			out = append(out, raw)
		}
	}
	return out
}
