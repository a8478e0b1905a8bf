package assets_test

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph/server/assets"
)

func get(t *testing.T, h http.Handler, path string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPlaygroundRoutes(t *testing.T) {
	h := assets.Playground()
	tests := []struct {
		path        string
		status      int
		contentType string
		contains    string
	}{
		{"/", http.StatusOK, "text/html; charset=utf-8", `data-endpoint="/graphql"`},
		{"/?query=%7Bx%7D", http.StatusOK, "text/html; charset=utf-8", "playground/graphiql.min.js"},
		{"/playground/graphiql.min.js", http.StatusOK, "text/javascript; charset=utf-8", "GraphiQL"},
		{"/playground/graphiql.min.css", http.StatusOK, "text/css; charset=utf-8", ".graphiql-container"},
		{"/playground/react.production.min.js", http.StatusOK, "text/javascript; charset=utf-8", "React"},
		{"/playground/react-dom.production.min.js", http.StatusOK, "text/javascript; charset=utf-8", "ReactDOM"},
		{"/playground/playground.js", http.StatusOK, "text/javascript; charset=utf-8", "createFetcher"},
		{"/playground/LICENSE.graphiql", http.StatusOK, "", "MIT License"},
		// The page template is only served rendered, at "/".
		{"/playground/index.html", http.StatusNotFound, "", ""},
		{"/playground/", http.StatusNotFound, "", ""},
		{"/playground/missing.js", http.StatusNotFound, "", ""},
		{"/elsewhere", http.StatusNotFound, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res := get(t, h, tt.path)
			b := body(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d; body %.200q", res.StatusCode, tt.status, b)
			}
			if got := res.Header.Get("Content-Security-Policy"); got != assets.ContentSecurityPolicy {
				t.Errorf("Content-Security-Policy = %q", got)
			}
			if tt.contentType != "" {
				if got := res.Header.Get("Content-Type"); got != tt.contentType {
					t.Errorf("Content-Type = %q, want %q", got, tt.contentType)
				}
			}
			if !strings.Contains(b, tt.contains) {
				t.Errorf("body does not contain %q", tt.contains)
			}
		})
	}
}

func TestNewPlaygroundOptions(t *testing.T) {
	h := assets.NewPlayground(assets.PlaygroundOptions{Endpoint: "/api/graphql?x=<y>", Title: "Trade & policy"})
	b := body(t, get(t, h, "/"))
	for _, want := range []string{
		`data-endpoint="/api/graphql?x=&lt;y&gt;"`,
		`<title>Trade &amp; policy</title>`,
	} {
		if !strings.Contains(b, want) {
			t.Errorf("page does not contain %s:\n%s", want, b)
		}
	}
}

// Our own files must name no other host at all. The vendored bundles carry
// URLs in comments and error messages (documentation links, XML
// namespaces), so for them the browser test is the real check; here they
// are only searched for the CDNs a GraphiQL page usually loads from.
func TestNoExternalURLs(t *testing.T) {
	own := map[string]bool{"index.html": true, "playground.js": true, "playground.css": true}
	cdn := regexp.MustCompile(`(?i)//(unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|esm\.sh|fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.skypack\.dev)`)
	anyURL := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	pages := []string{body(t, get(t, assets.Playground(), "/"))}
	names := []string{"/"}
	sub := assets.Files()
	err := fs.WalkDir(sub, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, path)
		if err != nil {
			return err
		}
		if own[path] {
			pages = append(pages, string(b))
			names = append(names, path)
			return nil
		}
		if m := cdn.FindString(string(b)); m != "" {
			t.Errorf("vendored %s mentions CDN %q", path, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != len(own)+1 {
		t.Fatalf("found %v, want the rendered page and %d own files", names, len(own))
	}
	for i, p := range pages {
		if m := anyURL.FindString(p); m != "" {
			t.Errorf("%s names an external URL %q", names[i], m)
		}
	}
}
