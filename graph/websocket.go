package graph

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/tradegraph/tradegraph"
)

// websocketTransport serves subscriptions (and any other operation) over a
// websocket, in both protocols gqlgen speaks: graphql-transport-ws and the
// older graphql-ws (Apollo's subscriptions-transport-ws).
//
// The upgrade is refused unless the page asking for it comes from the
// server's own origin or one of opt.AllowedOrigins, which keeps other sites
// from opening a websocket in their visitors' browsers.
func websocketTransport(logger *slog.Logger, opt Options) transport.Websocket {
	accept := websocket.AcceptOptions{}
	if slices.Contains(opt.AllowedOrigins, "*") {
		accept.InsecureSkipVerify = true
	} else {
		for _, o := range opt.AllowedOrigins {
			// A pattern with "://" is matched against the whole origin with
			// path.Match; escaping makes it match exactly ("[::1]").
			accept.OriginPatterns = append(accept.OriginPatterns, escapePattern(o))
		}
	}
	limit := opt.MaxMessageBytes
	return transport.Websocket{
		Implementation: transport.CoderWebsocketImplementation{AcceptOptions: accept},
		InitFunc:       initKeys,
		// A client that connects and says nothing is let go.
		InitTimeout: 10 * time.Second,
		// graphql-ws clients get a "ka" message and graphql-transport-ws
		// clients a ping (which they must answer) every 15s, so that
		// proxies keep idle subscriptions open and dead clients are found.
		KeepAlivePingInterval: 15 * time.Second,
		PingPongInterval:      15 * time.Second,
		PayloadReadLimit:      &limit,
		ErrorFunc: func(ctx context.Context, err error) {
			logger.DebugContext(ctx, "websocket closed with an error", "err", err)
		},
	}
}

func escapePattern(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// freshLoaders gives each event of a subscription its own dataloaders.
// WithLoaders makes one set per HTTP request, and a websocket is one
// request that may last for days: its loaders would cache actors for as
// long, stale and ever growing.
type freshLoaders struct{ st tradegraph.Store }

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = freshLoaders{}

func (freshLoaders) ExtensionName() string                          { return "FreshLoaders" }
func (freshLoaders) Validate(schema graphql.ExecutableSchema) error { return nil }

func (f freshLoaders) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	if oc := graphql.GetOperationContext(ctx); oc.Operation == nil || oc.Operation.Operation != ast.Subscription {
		return next(ctx)
	}
	return next(context.WithValue(ctx, loadersKey{}, newLoaders(f.st)))
}
