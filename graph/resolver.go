// Package graph is the GraphQL layer of tradegraph (not a graph library):
// the gqlgen resolvers that answer schema.graphqls from a tradegraph.Store.
//
// resolver.go is the one place dependencies come in; the *.resolvers.go
// files follow the schema and stay thin; helpers live in other files.
// How an answer is made fast: a resolver that fetches relations fetches
// what they select in one go (prefetch.go), an actor's relations start
// beside the actor (ahead.go), nested lists share loaders (loaders.go),
// lists of plain objects are written in one piece rather
// than field by field (lists.go), and the POST transport writes the data
// as the executor made it (post.go).
package graph

import (
	"log/slog"

	"github.com/tradegraph/tradegraph"
)

// Resolver holds what the resolvers need. It is built once per server.
type Resolver struct {
	Store     tradegraph.Store
	Extractor tradegraph.Extractor
	Logger    *slog.Logger
	// MaxArticleBytes limits the text of an ingested article (0: the
	// default, tradegraph.DefaultMaxArticleBytes).
	MaxArticleBytes int
	// Events feeds the relationAdded subscription. Store must publish to
	// it (Events.Publishing) for subscribers to hear of saves; when Events
	// is nil, NewHandler makes a broker and wraps Store that way.
	Events *Broker
}
