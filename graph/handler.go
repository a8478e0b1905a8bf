package graph

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph/model"
)

// Options tune the GraphQL handler. Zero values pick the defaults.
type Options struct {
	// MaxDepth bounds how deeply selections may nest (default 10).
	MaxDepth int
	// MaxComplexity bounds the estimated cost of a query, where a list
	// field costs its page size times its children (default 20000).
	MaxComplexity int
	// Introspection turns schema introspection on (the playground needs it).
	Introspection bool
	// Timeout bounds each query and mutation, store calls included
	// (default 30s); subscriptions are not bounded.
	Timeout time.Duration
	// APIKey, when set, is required of mutations (see requireKey).
	APIKey string
	// AllowedOrigins lists the origins ("https://app.example.com") whose
	// pages may open a websocket besides the server's own; "*" allows any.
	// It is the CORS allow-list of the server.
	AllowedOrigins []string
	// MaxMessageBytes limits one websocket message from a client
	// (default 1 MiB).
	MaxMessageBytes int64
	// MaxFields bounds how many fields an operation selects, each alias
	// and each spread of a fragment counted (default 1000).
	MaxFields int

	// Tests only (export_test.go): gqlgenLists leaves every list to
	// gqlgen; listWritten, when set, is called for each list writeLists
	// writes.
	gqlgenLists bool
	listWritten func()
}

// NewHandler returns the GraphQL handler over r: POST and GET transports,
// subscriptions over websocket (graphql-transport-ws and the older
// graphql-ws) and server-sent events, a query cache, automatic persisted
// queries, depth and complexity limits, a timeout per operation, the API
// key of mutations, coded errors. Wrap it in WithLoaders so that nested
// fields are batched.
func NewHandler(r *Resolver, opt Options) *handler.Server {
	if opt.MaxDepth == 0 {
		opt.MaxDepth = 10
	}
	if opt.MaxComplexity == 0 {
		opt.MaxComplexity = 20000
	}
	if opt.Timeout == 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.MaxFields == 0 {
		opt.MaxFields = 1000
	}
	if opt.MaxMessageBytes == 0 {
		opt.MaxMessageBytes = 1 << 20
	}
	if r.Logger == nil {
		r.Logger = slog.New(slog.DiscardHandler)
	}
	if r.Events == nil {
		r.Events = NewBroker(r.Logger, 0)
		r.Store = r.Events.Publishing(r.Store)
	}
	cfg := Config{Resolvers: r}
	setComplexity(&cfg.Complexity)

	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(websocketTransport(r.Logger, opt))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	// SSE before POST: both take a JSON POST, SSE only when it asks for
	// text/event-stream.
	srv.AddTransport(transport.SSE{KeepAlivePingInterval: 15 * time.Second})
	srv.AddTransport(postJSON{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	if opt.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(refuseIntrospection{})
	}
	if opt.APIKey != "" {
		srv.Use(requireAPIKey(opt.APIKey))
	}
	srv.Use(depthLimit(opt.MaxDepth))
	srv.Use(fieldLimit{max: opt.MaxFields})
	srv.Use(extension.FixedComplexityLimit(opt.MaxComplexity))
	srv.Use(operationTimeout{d: opt.Timeout})
	srv.Use(freshLoaders{st: r.Store})
	if !opt.gqlgenLists {
		srv.AroundFields(listWriter(opt.listWritten))
	}
	srv.SetErrorPresenter(ErrorPresenter(r.Logger))
	srv.SetRecoverFunc(Recover(r.Logger))
	return srv
}

// setComplexity makes every list field cost its page size (first, else
// last, else the field's default) times its children, so that a query
// asking for 500 actors with 500 relations each is refused before it runs.
func setComplexity(c *ComplexityRoot) {
	per := func(child int, first, last *int, def int) int {
		n := def
		switch {
		case first != nil && *first > 0:
			n = *first
		case last != nil && *last > 0:
			n = *last
		}
		return 1 + min(n, tradegraph.MaxPageSize)*child
	}
	c.Query.Actors = func(child int, _ *model.ActorFilter, _ *model.ActorOrder, first *int, _ *string, last *int, _ *string) int {
		return per(child, first, last, defaultListSize)
	}
	c.Query.Relations = func(child int, _ *model.RelationFilter, _ *model.RelationOrder, first *int, _ *string, last *int, _ *string) int {
		return per(child, first, last, defaultListSize)
	}
	c.Query.Articles = func(child int, _ *model.ArticleFilter, _ *model.ArticleOrder, first *int, _ *string, last *int, _ *string) int {
		return per(child, first, last, defaultListSize)
	}
	c.Query.Search = func(child int, _ string, _ []tradegraph.ActorKind, first *int) int {
		return per(child, first, nil, 10)
	}
	c.Query.Timeline = func(child int, _ string, _ []tradegraph.RelationType, _, _ *string, _ *bool, first *int, _ *string, last *int, _ *string) int {
		// The page size sits on the root field, so it multiplies the
		// whole timeline, not only its relations.
		return per(child, first, last, defaultListSize)
	}
	c.Query.Neighborhood = func(child int, _ string, _ *int, _ []tradegraph.RelationType, limit, relationLimit *int) int {
		n := tradegraph.DefaultNeighborhoodLimit
		if limit != nil && *limit > 0 {
			n = min(*limit, tradegraph.MaxNeighborhoodNodes)
		}
		// A relation weighs a fifth of an actor: the cap on relations is
		// ten times the one on actors by default, and relations have
		// fewer fields a graph view asks for.
		rels := tradegraph.NeighborhoodOptions{RelationLimit: derefInt(relationLimit, 0)}.RelationCap()
		return 1 + max(n, rels/5)*child
	}
	c.Actor.Relations = func(child int, _ *model.Direction, _ []tradegraph.RelationType, _ *model.RelationFilter, _ *model.RelationOrder, first *int, _ *string, last *int, _ *string) int {
		return per(child, first, last, defaultListSize)
	}
	c.Actor.Articles = func(child int, _ *model.ArticleFilter, _ *model.ArticleOrder, first *int, _ *string, last *int, _ *string) int {
		return per(child, first, last, defaultListSize)
	}
	c.Article.Actors = func(child int, _ *model.ActorFilter, _ *model.ActorOrder, first *int, _ *string, last *int, _ *string) int {
		return per(child, first, last, defaultNestedSize)
	}
	c.Article.Relations = func(child int, _ *model.RelationFilter, _ *model.RelationOrder, first *int, _ *string, last *int, _ *string) int {
		return per(child, first, last, defaultNestedSize)
	}
	// An article's mentions are not paged; a long article names a few
	// hundred actors at most.
	c.Article.Mentions = func(child int) int { return 1 + 100*child }
}

// depthLimit refuses operations whose selections nest deeper than limit.
// Introspection fields do not count: the playground's schema query is deep
// by nature and costs nothing.
func depthLimit(limit int) graphql.HandlerExtension { return depthLimiter{max: limit} }

type depthLimiter struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimiter{}

func (depthLimiter) ExtensionName() string                          { return "DepthLimit" }
func (depthLimiter) Validate(schema graphql.ExecutableSchema) error { return nil }

func (d depthLimiter) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if depth := selectionDepth(oc.Operation.SelectionSet, 0, map[string]bool{}); depth > d.max {
		err := gqlerror.Errorf("query is nested %d levels deep; the limit is %d", depth, d.max)
		err.Extensions = map[string]any{"code": "DEPTH_LIMIT_EXCEEDED"}
		return err
	}
	return nil
}

func selectionDepth(set ast.SelectionSet, depth int, seen map[string]bool) int {
	deepest := depth
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.Name) > 1 && s.Name[:2] == "__" {
				continue
			}
			d = selectionDepth(s.SelectionSet, depth+1, seen)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, depth, seen)
		case *ast.FragmentSpread:
			// Validation has already refused fragment cycles; seen guards
			// against an unvalidated document anyway.
			if s.Definition == nil || seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			d = selectionDepth(s.Definition.SelectionSet, depth, seen)
			delete(seen, s.Name)
		default:
			panic(fmt.Sprintf("graph: unknown selection %T", sel))
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// refuseIntrospection answers a schema query with a coded error when
// introspection is off; without it gqlgen fails the field as if something
// had broken inside.
type refuseIntrospection struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = refuseIntrospection{}

func (refuseIntrospection) ExtensionName() string                          { return "RefuseIntrospection" }
func (refuseIntrospection) Validate(schema graphql.ExecutableSchema) error { return nil }

func (refuseIntrospection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || !asksSchema(oc.Operation.SelectionSet) {
		return nil
	}
	err := gqlerror.Errorf("introspection is turned off on this server")
	err.Extensions = map[string]any{"code": "INTROSPECTION_DISABLED"}
	return err
}

// asksSchema reports whether a root selection set asks for __schema or
// __type, directly or through fragments.
func asksSchema(set ast.SelectionSet) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				return true
			}
		case *ast.InlineFragment:
			if asksSchema(s.SelectionSet) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && asksSchema(s.Definition.SelectionSet) {
				return true
			}
		}
	}
	return false
}
