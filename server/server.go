// Package server is tradegraph's HTTP face: GraphQL at /graphql, the
// GraphiQL playground, the explorer, health and readiness probes. It knows
// the GraphQL layer and the tradegraph.Store interface, never a concrete
// store.
package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph"
)

// Options configure the server. Zero values pick the defaults.
type Options struct {
	// MaxBodyBytes limits a request body (default 2 MiB).
	MaxBodyBytes int64
	// MaxArticleBytes limits the text of an ingested article (default
	// tradegraph.DefaultMaxArticleBytes).
	MaxArticleBytes int
	// RequestTimeout bounds one GraphQL request, store queries included
	// (default 30s).
	RequestTimeout time.Duration
	// NoPlayground turns the playground and introspection off.
	NoPlayground bool
	// GraphQL tunes the GraphQL limits.
	GraphQL graph.Options
}

func (o *Options) defaults() {
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = 2 << 20
	}
	if o.RequestTimeout == 0 {
		o.RequestTimeout = 30 * time.Second
	}
	o.GraphQL.Introspection = !o.NoPlayground
}

// New returns the HTTP handler of tradegraph over st. ex extracts articles
// sent to the ingestArticle mutation.
func New(logger *slog.Logger, st tradegraph.Store, ex tradegraph.Extractor, opt Options) http.Handler {
	opt.defaults()
	mux := http.NewServeMux()
	addRoutes(mux, logger, st, ex, opt)
	var h http.Handler = mux
	h = logRequests(logger, h)
	h = recoverPanics(logger, h)
	return h
}
