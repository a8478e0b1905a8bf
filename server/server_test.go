package server_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/browsertest"
	"github.com/tradegraph/tradegraph/internal/testsite"
	"github.com/tradegraph/tradegraph/server"
)

// newServer serves a real SQLite store holding the example articles.
func newServer(t *testing.T, opt server.Options) (*httptest.Server, tradegraph.Store) {
	t.Helper()
	return testsite.Serve(t, opt)
}

func get(t *testing.T, u string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestRoutes(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	examples, err := os.ReadDir(testsite.Articles())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/healthz", 200, "ok"},
		{"/readyz", 200, "ready"},
		{"/", 200, "<title>"},
		{"/explore", 200, "<title>"},
		{"/graphql?query=" + url.QueryEscape("{ stats { articles } }"), 200, fmt.Sprintf(`"articles":%d`, len(examples))},
		{"/nope", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, body, _ := get(t, ts.URL+tt.path)
			if status != tt.status || !strings.Contains(body, tt.body) {
				t.Errorf("GET %s = %d %.200q, want %d containing %q", tt.path, status, body, tt.status, tt.body)
			}
		})
	}
}

func TestReadyzFollowsTheStore(t *testing.T) {
	ts, st := newServer(t, server.Options{})
	st.Close()
	if status, _, _ := get(t, ts.URL+"/readyz"); status != http.StatusServiceUnavailable {
		t.Errorf("readyz with a closed store = %d, want 503", status)
	}
	if status, _, _ := get(t, ts.URL+"/healthz"); status != http.StatusOK {
		t.Errorf("healthz = %d; the process is still alive", status)
	}
}

func TestBodyLimit(t *testing.T) {
	ts, _ := newServer(t, server.Options{MaxBodyBytes: 1024})
	big := `{"query": "{ stats { articles } }", "variables": {"pad": "` + strings.Repeat("x", 4096) + `"}}`
	resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversize body = %d, want 413", resp.StatusCode)
	}
	// The server goes on serving.
	if status, _, _ := get(t, ts.URL+"/healthz"); status != http.StatusOK {
		t.Errorf("healthz after an oversize body = %d", status)
	}
}

func TestNoPlayground(t *testing.T) {
	ts, _ := newServer(t, server.Options{NoPlayground: true})
	if status, _, _ := get(t, ts.URL+"/"); status != http.StatusNotFound {
		t.Errorf("playground with NoPlayground = %d, want 404", status)
	}
	_, body, _ := get(t, ts.URL+"/graphql?query="+url.QueryEscape("{ __schema { queryType { name } } }"))
	if !strings.Contains(body, "introspection") {
		t.Errorf("introspection still answers with NoPlayground: %s", body)
	}
}

// TestPlaygroundOnRealServer runs a query from the playground, in a real
// headless Chromium, against the real server and store.
func TestPlaygroundOnRealServer(t *testing.T) {
	b := browsertest.New(t, 90*time.Second)
	ts, _ := newServer(t, server.Options{})
	const query = `{ actor(id: "person:jack-ma") { name relations { totalCount } } }`
	if err := b.Do(
		chromedp.Navigate(ts.URL+"/?query="+url.QueryEscape(query)),
		chromedp.WaitVisible(chromedp.CSS("button.graphiql-execute-button")),
		chromedp.Click(chromedp.CSS("button.graphiql-execute-button")),
	); err != nil {
		t.Fatalf("playground: %v\n%s", err, strings.Join(b.Console(), "\n"))
	}
	var result string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		r, err := chromedp.Run(b.Context(), chromedp.Evaluate[string](`(document.querySelector(".graphiql-response") || {}).innerText || ""`))
		if err != nil {
			t.Fatal(err)
		}
		if result = r; strings.Contains(result, "totalCount") {
			break
		}
	}
	if !strings.Contains(result, `"name": "Jack Ma"`) {
		t.Errorf("response pane shows %q", result)
	}
	if foreign := b.Foreign(ts.URL); len(foreign) > 0 {
		t.Errorf("the playground asked other hosts for:\n%s", strings.Join(foreign, "\n"))
	}
}
