package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/server/explorer"
)

// addRoutes is the one place every route is declared.
func addRoutes(mux *http.ServeMux, logger *slog.Logger, st tradegraph.Store, ex tradegraph.Extractor, opt Options) {
	events := opt.Events
	if events == nil {
		events = graph.NewBroker(logger, 0)
	}
	gql := graph.NewHandler(&graph.Resolver{
		Store:           events.Publishing(st),
		Extractor:       ex,
		Logger:          logger,
		MaxArticleBytes: opt.MaxArticleBytes,
		Events:          events,
	}, opt.GraphQL)
	var api http.Handler = gql
	api = graph.WithLoaders(st)(api)
	api = limitBody(opt.MaxBodyBytes, api)
	api = cors(opt.CORSOrigins, api)
	mux.Handle("/graphql", api)

	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /readyz", readyz(logger, st))
	mux.Handle("GET /explore", explorer.Handler())
	mux.Handle("GET /explore/", explorer.Handler())
	if !opt.NoPlayground {
		mux.Handle("GET /{$}", playground())
		mux.Handle("GET /playground/", playground())
	}
}

// readyz answers 200 when the store answers a ping within two seconds, and
// 503 otherwise, so that a load balancer stops sending traffic to an
// instance whose store is gone.
func readyz(logger *slog.Logger, st tradegraph.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := st.Ping(ctx); err != nil {
			logger.WarnContext(ctx, "store not ready", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("store unavailable\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
}
