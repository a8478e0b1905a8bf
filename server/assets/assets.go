// Package assets serves the GraphiQL playground from files embedded in the
// binary, so that the playground works on a machine with no internet access
// and the page never asks a third-party host for anything.
//
// The GraphiQL, React and ReactDOM bundles under playground/ are vendored
// copies fetched by scripts/update-playground.sh; index.html, playground.js
// and playground.css are this project's own.
package assets

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"
)

//go:embed playground
var files embed.FS

// ContentSecurityPolicy is sent with every playground response. Everything
// comes from the serving origin; the only exceptions are data: URLs, which
// GraphiQL's stylesheet uses for its fonts, and inline styles, which
// GraphiQL inserts when its dialogs open (the browser test fails without
// 'unsafe-inline' there). No script is inline and none is evaluated from a
// string, so script-src stays 'self' without 'unsafe-eval'.
const ContentSecurityPolicy = "default-src 'none'; " +
	"script-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; " +
	"font-src 'self' data:; " +
	"img-src 'self' data:; " +
	"connect-src 'self'; " +
	"base-uri 'none'; " +
	"form-action 'self'; " +
	"frame-ancestors 'none'"

// PlaygroundOptions configures NewPlayground. The zero value gives the
// defaults Playground uses.
type PlaygroundOptions struct {
	// Endpoint is the URL path the playground sends queries to; "/graphql"
	// when empty. It must be on the serving origin, since the
	// Content-Security-Policy allows no other.
	Endpoint string
	// Title is the page title; "tradegraph GraphQL playground" when empty.
	Title string
}

// Playground returns a handler that serves the playground page at "/" and
// its scripts and styles under "/playground/", sending queries to /graphql.
// Mount it on both paths; any other path is answered with 404.
func Playground() http.Handler {
	return NewPlayground(PlaygroundOptions{})
}

// NewPlayground is Playground with a chosen endpoint and title. It panics
// if the embedded page template does not parse, which can only happen when
// the binary was built from a broken checkout.
func NewPlayground(opt PlaygroundOptions) http.Handler {
	if opt.Endpoint == "" {
		opt.Endpoint = "/graphql"
	}
	if opt.Title == "" {
		opt.Title = "tradegraph GraphQL playground"
	}
	page := template.Must(template.ParseFS(files, "playground/index.html"))
	var index bytes.Buffer
	if err := page.Execute(&index, opt); err != nil {
		panic("assets: rendering playground page: " + err.Error())
	}
	static := http.StripPrefix("/playground/", http.FileServerFS(Files()))
	// The embedded files have no modification time; the build is what
	// changes them, so a fixed time keeps caches honest within one build
	// while ETags are not worth computing.
	started := time.Now()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		switch {
		case r.URL.Path == "/":
			h.Set("Content-Type", "text/html; charset=utf-8")
			h.Set("Cache-Control", "no-cache")
			http.ServeContent(w, r, "index.html", started, bytes.NewReader(index.Bytes()))
		case strings.HasPrefix(r.URL.Path, "/playground/") && r.URL.Path != "/playground/index.html" && !strings.HasSuffix(r.URL.Path, "/"):
			static.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}

// Files returns the embedded playground directory as it is served under
// "/playground/": the vendored bundles, their licences and this project's
// page, script and stylesheet.
func Files() fs.FS {
	sub, err := fs.Sub(files, "playground")
	if err != nil {
		panic("assets: " + err.Error())
	}
	return sub
}
