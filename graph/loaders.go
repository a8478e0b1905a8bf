package graph

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/tradegraph/tradegraph"
)

// loaders batch the look-ups that nested fields make (the actors at both
// ends of every relation in a page, the article of each) into one store
// call per kind of look-up, instead of one per result.
type loaders struct {
	actor   *dataloadgen.Loader[string, *tradegraph.Actor]
	article *dataloadgen.Loader[string, *tradegraph.Article]
}

type loadersKey struct{}

func newLoaders(st tradegraph.Store) *loaders {
	wait := dataloadgen.WithWait(time.Millisecond)
	// A batch must fit in one store page, or ids past the cap would come
	// back as not found.
	capacity := dataloadgen.WithBatchCapacity(tradegraph.MaxPageSize)
	return &loaders{
		actor: dataloadgen.NewMappedLoader(byID(func(ctx context.Context, ids []string) (*tradegraph.Page[*tradegraph.Actor], error) {
			return st.FindActors(ctx, tradegraph.ActorFilter{IDs: ids, Paging: tradegraph.Paging{First: len(ids)}})
		}, func(a *tradegraph.Actor) string { return a.ID }), wait, capacity),
		article: dataloadgen.NewMappedLoader(byID(func(ctx context.Context, ids []string) (*tradegraph.Page[*tradegraph.Article], error) {
			return st.FindArticles(ctx, tradegraph.ArticleFilter{IDs: ids, Paging: tradegraph.Paging{First: len(ids)}})
		}, func(a *tradegraph.Article) string { return a.ID }), wait, capacity),
	}
}

// byID turns a finder of one page by ids into a loader's batch function,
// which answers with a map so that unknown ids come back as not found.
func byID[T any](find func(ctx context.Context, ids []string) (*tradegraph.Page[T], error), id func(T) string) func(context.Context, []string) (map[string]T, error) {
	return func(ctx context.Context, ids []string) (map[string]T, error) {
		p, err := find(ctx, ids)
		if err != nil {
			return nil, err
		}
		m := make(map[string]T, len(p.Items))
		for _, it := range p.Items {
			m[id(it)] = it
		}
		return m, nil
	}
}

// WithLoaders is middleware that gives every request its own loaders, so
// that nothing cached outlives the request.
func WithLoaders(st tradegraph.Store) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := context.WithValue(r.Context(), loadersKey{}, newLoaders(st))
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// requestLoaders returns the request's loaders, or fresh ones when the
// middleware did not run (tests that call the executable schema directly).
func (r *Resolver) requestLoaders(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return newLoaders(r.Store)
}

func (r *Resolver) loadActor(ctx context.Context, id string) (*tradegraph.Actor, error) {
	a, err := r.requestLoaders(ctx).actor.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "actor %q not found", id)
	}
	return a, err
}

func (r *Resolver) loadActors(ctx context.Context, ids []string) ([]*tradegraph.Actor, error) {
	if len(ids) == 0 {
		return []*tradegraph.Actor{}, nil
	}
	out, err := r.requestLoaders(ctx).actor.LoadAll(ctx, ids)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "an actor of %q was not found", ids)
	}
	return out, err
}

func (r *Resolver) loadArticle(ctx context.Context, id string) (*tradegraph.Article, error) {
	a, err := r.requestLoaders(ctx).article.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "article %q not found", id)
	}
	return a, err
}
