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
	// RequestTimeout bounds one GraphQL query or mutation, store queries
	// included (default 30s); subscriptions last as long as their client.
	RequestTimeout time.Duration
	// NoPlayground turns the playground and introspection off.
	NoPlayground bool
	// NoIntrospection turns introspection off and leaves the playground
	// on (it still runs queries, without the schema's documentation).
	NoIntrospection bool
	// APIKey, when set, is required of every mutation, as
	// "Authorization: Bearer <key>" or "X-API-Key: <key>". Queries and
	// subscriptions stay open.
	APIKey string
	// CORSOrigins lists the origins whose pages may call /graphql from a
	// browser, websockets included (see ParseOrigins); empty: only pages
	// served from this server.
	CORSOrigins []string
	// Events publishes what the server saves to relationAdded
	// subscriptions; nil: a broker of the server's own.
	Events *graph.Broker
	// GraphQL tunes the GraphQL limits; the fields above set its Timeout,
	// APIKey, AllowedOrigins, MaxMessageBytes and Introspection.
	GraphQL graph.Options
}

func (o *Options) defaults() {
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = 2 << 20
	}
	if o.RequestTimeout == 0 {
		o.RequestTimeout = 30 * time.Second
	}
	o.GraphQL.Introspection = !o.NoPlayground && !o.NoIntrospection
	o.GraphQL.Timeout = o.RequestTimeout
	o.GraphQL.APIKey = o.APIKey
	o.GraphQL.AllowedOrigins = o.CORSOrigins
	o.GraphQL.MaxMessageBytes = o.MaxBodyBytes
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
