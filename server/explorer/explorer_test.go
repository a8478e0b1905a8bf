package explorer_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/tradegraph/tradegraph/server/explorer"
)

// get fetches path from a server built the way server.New mounts the
// explorer, so that the tests exercise the real patterns.
func get(t *testing.T, path string) *http.Response {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("GET /explore", explorer.Handler())
	mux.Handle("GET /explore/", explorer.Handler())
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Result()
}

func body(t *testing.T, path string) string {
	t.Helper()
	res := get(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, res.StatusCode)
	}
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHandlerServesAssets(t *testing.T) {
	tests := []struct {
		path, contentType, contains string
	}{
		{"/explore", "text/html; charset=utf-8", `<svg id="graph"`},
		{"/explore/", "text/html; charset=utf-8", `<svg id="graph"`},
		{"/explore/explorer.js", "text/javascript; charset=utf-8", "from './queries.js'"},
		{"/explore/queries.js", "text/javascript; charset=utf-8", "neighborhood("},
		{"/explore/layout.js", "text/javascript; charset=utf-8", "export function layout("},
		{"/explore/explorer.css", "text/css; charset=utf-8", ".node-label"},
		{"/explore/icon.svg", "image/svg+xml", "<svg"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res := get(t, tt.path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", res.StatusCode)
			}
			if got := res.Header.Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type %q, want %q", got, tt.contentType)
			}
			checkSecurityHeaders(t, res.Header)
			b, _ := io.ReadAll(res.Body)
			if !strings.Contains(string(b), tt.contains) {
				t.Errorf("body lacks %q", tt.contains)
			}
		})
	}
}

func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:", "*"} {
		if strings.Contains(csp, bad) {
			t.Errorf("CSP %q allows %q", csp, bad)
		}
	}
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options %q, want nosniff", got)
	}
}

func TestHandlerRefusesUnknownPaths(t *testing.T) {
	for _, path := range []string{"/explore/nope.js", "/explore/static/index.html", "/explore/explorer.go", "/explore/index.html/x"} {
		t.Run(path, func(t *testing.T) {
			res := get(t, path)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("status %d, want 404", res.StatusCode)
			}
			if res.Header.Get("Content-Security-Policy") == "" {
				t.Error("no CSP on the 404")
			}
		})
	}
}

func TestHandlerRevalidates(t *testing.T) {
	res := get(t, "/explore/explorer.js")
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	mux := http.NewServeMux()
	mux.Handle("GET /explore/", explorer.Handler())
	req := httptest.NewRequest(http.MethodGet, "/explore/explorer.js", nil)
	req.Header.Set("If-None-Match", etag)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("status %d with a matching If-None-Match, want 304", rec.Code)
	}
}

// TestPageLoadsNothingFromElsewhere keeps the page working offline and
// under its CSP: every script, style and icon comes from /explore/, and no
// script or style is inline.
func TestPageLoadsNothingFromElsewhere(t *testing.T) {
	html := body(t, "/explore")
	refs := regexp.MustCompile(`(?i)\b(?:src|href)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(html, -1)
	if len(refs) < 3 {
		t.Fatalf("found %d src/href attributes; the pattern is broken", len(refs))
	}
	for _, m := range refs {
		if !strings.HasPrefix(m[1], "/explore/") && !strings.HasPrefix(m[1], "#") {
			t.Errorf("index.html refers to %q, outside /explore/", m[1])
		}
	}
	if m := regexp.MustCompile(`(?i)<script(?:\s[^>]*)?>`).FindAllString(html, -1); len(m) == 0 {
		t.Error("no script tag")
	} else {
		for _, tag := range m {
			if !strings.Contains(tag, `src="`) {
				t.Errorf("inline script %s", tag)
			}
		}
	}
	for _, re := range []string{`(?i)<style`, `(?i)\sstyle\s*=`, `(?i)\son[a-z]+\s*=`} {
		if loc := regexp.MustCompile(re).FindStringIndex(html); loc != nil {
			t.Errorf("index.html has inline code or style near %q", html[loc[0]:min(loc[1]+20, len(html))])
		}
	}
	for _, path := range []string{"/explore/explorer.js", "/explore/queries.js", "/explore/layout.js", "/explore/explorer.css"} {
		src := body(t, path)
		src = strings.ReplaceAll(src, "http://www.w3.org/2000/svg", "")
		for _, bad := range []string{"http://", "https://", "@import", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
			if strings.Contains(src, bad) {
				t.Errorf("%s contains %q", path, bad)
			}
		}
	}
}

var queryLiteral = regexp.MustCompile("(?s)export const ([A-Z_]+) = `([^`]*)`;")

// pageQueries returns the GraphQL documents of queries.js by name.
func pageQueries(t *testing.T) map[string]string {
	t.Helper()
	src := body(t, "/explore/queries.js")
	out := map[string]string{}
	for _, m := range queryLiteral.FindAllStringSubmatch(src, -1) {
		if strings.Contains(m[2], "${") {
			t.Errorf("%s has a substitution; the page must send fixed documents with variables", m[1])
		}
		out[m[1]] = m[2]
	}
	if n := strings.Count(src, "export const"); n != len(out) {
		t.Fatalf("queries.js exports %d constants but %d read as queries", n, len(out))
	}
	return out
}

func loadSchema(t *testing.T) *ast.Schema {
	t.Helper()
	src, err := os.ReadFile("../../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	if gerr != nil {
		t.Fatalf("schema: %v", gerr)
	}
	return schema
}

func TestQueriesAreValid(t *testing.T) {
	schema := loadSchema(t)
	queries := pageQueries(t)
	used := body(t, "/explore/explorer.js")
	for _, name := range []string{"SEARCH", "EXPLORE"} {
		if _, ok := queries[name]; !ok {
			t.Errorf("queries.js lacks %s", name)
		}
	}
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			doc, errs := gqlparser.LoadQueryWithRules(schema, q, nil) // nil: the default rules
			if errs != nil {
				t.Fatalf("invalid against schema.graphqls: %v", errs)
			}
			if len(doc.Operations) != 1 || doc.Operations[0].Name == "" {
				t.Errorf("want one named operation, got %d", len(doc.Operations))
			}
			if !regexp.MustCompile(`\b` + name + `\b`).MatchString(used) {
				t.Errorf("explorer.js does not use %s", name)
			}
		})
	}
}

// TestNoQueriesOutsideQueriesJS keeps queries.js the one place the tests
// above can see every document the page sends.
func TestNoQueriesOutsideQueriesJS(t *testing.T) {
	src := body(t, "/explore/explorer.js") + body(t, "/explore/layout.js")
	if m := regexp.MustCompile("[`'\"]\\s*(query|mutation|subscription|fragment|\\{)\\s*[A-Za-z(]").FindString(src); m != "" {
		t.Errorf("a GraphQL document outside queries.js: %q", m)
	}
}

// TestEnumsMatchSchema keeps the page's lists of kinds and relation types
// (the legend and the filter checkboxes) in step with the schema.
func TestEnumsMatchSchema(t *testing.T) {
	schema := loadSchema(t)
	src := body(t, "/explore/explorer.js")
	for _, tt := range []struct{ js, enum string }{{"KINDS", "ActorKind"}, {"TYPES", "RelationType"}} {
		m := regexp.MustCompile(`(?s)const ` + tt.js + ` = \[(.*?)\];`).FindStringSubmatch(src)
		if m == nil {
			t.Fatalf("explorer.js has no const %s", tt.js)
		}
		var got []string
		for _, q := range regexp.MustCompile(`'([A-Za-z_]+)'`).FindAllStringSubmatch(m[1], -1) {
			got = append(got, q[1])
		}
		var want []string
		for _, v := range schema.Types[tt.enum].EnumValues {
			want = append(want, v.Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s = %v, schema %s = %v", tt.js, got, tt.enum, want)
		}
	}
}
