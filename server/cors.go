package server

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// ParseOrigins reads a comma-separated CORS allow-list: origins of the form
// scheme://host[:port] ("https://app.example.com"), or "*" for any origin.
// Blanks are skipped; anything else, a path included, is an error.
func ParseOrigins(list string) ([]string, error) {
	var out []string
	for o := range strings.SplitSeq(list, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o == "*" {
			out = append(out, o)
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return nil, fmt.Errorf("CORS origin %q: want scheme://host[:port], such as https://app.example.com", o)
		}
		out = append(out, strings.ToLower(u.Scheme+"://"+u.Host))
	}
	return out, nil
}

// corsHeaders are the request headers a page on an allowed origin may send.
const corsHeaders = "Content-Type, Authorization, X-API-Key, Accept"

// cors lets pages on the allowed origins call the API from a browser. With
// an empty list no cross-origin page may, which leaves same-origin pages
// (the playground, the explorer) and non-browser clients unaffected.
//
// It answers preflight requests itself (204 for an allowed origin, 403
// otherwise), and marks every response as varying by Origin so that caches
// do not hand one origin's answer to another.
func cors(allowed []string, next http.Handler) http.Handler {
	anyOrigin := slices.Contains(allowed, "*")
	allows := func(origin string) bool {
		return origin != "" && (anyOrigin || slices.Contains(allowed, strings.ToLower(origin)))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Add("Vary", "Origin")
		origin := r.Header.Get("Origin")
		ok := allows(origin)
		if ok {
			h.Set("Access-Control-Allow-Origin", origin)
		}
		if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
			next.ServeHTTP(w, r)
			return
		}
		// A preflight: the browser asks whether it may send the real request.
		h.Add("Vary", "Access-Control-Request-Method")
		h.Add("Vary", "Access-Control-Request-Headers")
		if !ok {
			http.Error(w, "origin not allowed", http.StatusForbidden)
			return
		}
		h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		h.Set("Access-Control-Allow-Headers", corsHeaders)
		h.Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
	})
}
