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
	return &loaders{
		actor: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*tradegraph.Actor, error) {
			p, err := st.FindActors(ctx, tradegraph.ActorFilter{IDs: ids, First: len(ids)})
			if err != nil {
				return nil, err
			}
			m := make(map[string]*tradegraph.Actor, len(p.Items))
			for _, a := range p.Items {
				m[a.ID] = a
			}
			return m, nil
		}, wait),
		article: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*tradegraph.Article, error) {
			p, err := st.FindArticles(ctx, tradegraph.ArticleFilter{IDs: ids, First: len(ids)})
			if err != nil {
				return nil, err
			}
			m := make(map[string]*tradegraph.Article, len(p.Items))
			for _, a := range p.Items {
				m[a.ID] = a
			}
			return m, nil
		}, wait),
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
