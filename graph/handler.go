package graph

import (
	"context"
	"fmt"
	"log/slog"

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
}

// NewHandler returns the GraphQL handler over r: POST and GET transports,
// a query cache, automatic persisted queries, depth and complexity limits,
// coded errors. Wrap it in WithLoaders so that nested fields are batched.
func NewHandler(r *Resolver, opt Options) *handler.Server {
	if opt.MaxDepth == 0 {
		opt.MaxDepth = 10
	}
	if opt.MaxComplexity == 0 {
		opt.MaxComplexity = 20000
	}
	if r.Logger == nil {
		r.Logger = slog.New(slog.DiscardHandler)
	}
	cfg := Config{Resolvers: r}
	setComplexity(&cfg.Complexity)

	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	if opt.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(refuseIntrospection{})
	}
	srv.Use(depthLimit(opt.MaxDepth))
	srv.Use(extension.FixedComplexityLimit(opt.MaxComplexity))
	srv.SetErrorPresenter(ErrorPresenter(r.Logger))
	srv.SetRecoverFunc(Recover(r.Logger))
	return srv
}

// setComplexity makes every list field cost its page size times its
// children, so that a query asking for 500 actors with 500 relations each
// is refused before it runs.
func setComplexity(c *ComplexityRoot) {
	per := func(child int, first *int, def int) int {
		n := def
		if first != nil && *first > 0 {
			n = min(*first, tradegraph.MaxPageSize)
		}
		return 1 + n*child
	}
	c.Query.Actors = func(child int, _ *model.ActorFilter, first *int, _ *string) int { return per(child, first, 20) }
	c.Query.Relations = func(child int, _ *model.RelationFilter, first *int, _ *string) int { return per(child, first, 20) }
	c.Query.Articles = func(child int, first *int, _ *string) int { return per(child, first, 20) }
	c.Query.Search = func(child int, _ string, _ []model.ActorKind, first *int) int { return per(child, first, 10) }
	c.Query.Neighborhood = func(child int, _ string, _ *int, _ []model.RelationType, limit *int) int {
		n := 100
		if limit != nil && *limit > 0 {
			n = min(*limit, tradegraph.MaxNeighborhoodNodes)
		}
		return 1 + n*child
	}
	c.Actor.Relations = func(child int, _ *model.Direction, _ []model.RelationType, first *int, _ *string) int {
		return per(child, first, 20)
	}
	c.Actor.Articles = func(child int, first *int, _ *string) int { return per(child, first, 20) }
	c.Article.Actors = func(child int, first *int, _ *string) int { return per(child, first, 50) }
	c.Article.Relations = func(child int, first *int, _ *string) int { return per(child, first, 50) }
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
