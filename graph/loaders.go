package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/tradegraph/tradegraph"
)

// loaders batch the look-ups that nested fields make (the actors at both
// ends of every relation in a page, the article of each, the nested lists
// of every item of a page, the mentions of every article) into one store
// call per kind of look-up, instead of one per result.
type loaders struct {
	st       tradegraph.Store
	actor    *dataloadgen.Loader[string, *tradegraph.Actor]
	article  *dataloadgen.Loader[string, *tradegraph.Article]
	mentions *dataloadgen.Loader[string, []tradegraph.Mention]
	// The page loaders are keyed by the whole filter of a nested list
	// (parent id, arguments and page) and, for relations, what the page's
	// relations select (see prefetch), encoded as JSON because filters
	// hold slices and cannot be map keys themselves.
	actorPages    *dataloadgen.Loader[string, *tradegraph.Page[*tradegraph.Actor]]
	relationPages *dataloadgen.Loader[string, *tradegraph.Page[*tradegraph.Relation]]
	articlePages  *dataloadgen.Loader[string, *tradegraph.Page[*tradegraph.Article]]

	// ahead holds the pages of relations fetched ahead of their field
	// (see relationsAhead), by page key; aheadRunning counts the fetches
	// still running, which the request waits for before it ends.
	aheadMu      sync.Mutex
	ahead        map[string]func() (*tradegraph.Page[*tradegraph.Relation], error)
	aheadRunning sync.WaitGroup
}

type loadersKey struct{}

// DefaultBatchWait is how long a loader collects keys, from the first, before
// it asks the store. Sibling resolvers start together, so a short window
// catches them on a machine with CPU to spare; a busy one splits a batch in
// two or three, which costs round trips but not one per result.
const DefaultBatchWait = time.Millisecond

// LoaderOption tunes the loaders WithLoaders makes.
type LoaderOption func(*loaderConfig)

type loaderConfig struct{ wait time.Duration }

// BatchWait sets how long a loader collects keys before it asks the store
// (DefaultBatchWait when not set): longer batches better and answers later.
func BatchWait(d time.Duration) LoaderOption {
	return func(c *loaderConfig) { c.wait = d }
}

func newLoaders(st tradegraph.Store, opts ...LoaderOption) *loaders {
	cfg := loaderConfig{wait: DefaultBatchWait}
	for _, o := range opts {
		o(&cfg)
	}
	wait := dataloadgen.WithWait(cfg.wait)
	// A batch must fit in one store page, or ids past the cap would come
	// back as not found.
	capacity := dataloadgen.WithBatchCapacity(tradegraph.MaxPageSize)
	l := &loaders{st: st}
	l.actor = dataloadgen.NewMappedLoader(byID(actorsByID(st), func(a *tradegraph.Actor) string { return a.ID }), wait, capacity)
	l.article = dataloadgen.NewMappedLoader(byID(articlesByID(st), func(a *tradegraph.Article) string { return a.ID }), wait, capacity)
	// Unknown articles get no entry, which Load reports as not found.
	l.mentions = dataloadgen.NewMappedLoader(st.FindMentions, wait, capacity)
	l.actorPages = dataloadgen.NewLoader(pages(st.FindActorPages, nil), wait)
	l.relationPages = dataloadgen.NewLoader(pages(st.FindRelationPages, l.prefetchPages), wait)
	l.articlePages = dataloadgen.NewLoader(pages(st.FindArticlePages, nil), wait)
	return l
}

// actorsByID and articlesByID ask st for the page of the given ids (at
// most MaxPageSize of them).
func actorsByID(st tradegraph.Store) func(context.Context, []string) (*tradegraph.Page[*tradegraph.Actor], error) {
	return func(ctx context.Context, ids []string) (*tradegraph.Page[*tradegraph.Actor], error) {
		return st.FindActors(ctx, tradegraph.ActorFilter{IDs: ids, Paging: tradegraph.Paging{First: len(ids)}})
	}
}

func articlesByID(st tradegraph.Store) func(context.Context, []string) (*tradegraph.Page[*tradegraph.Article], error) {
	return func(ctx context.Context, ids []string) (*tradegraph.Page[*tradegraph.Article], error) {
		return st.FindArticles(ctx, tradegraph.ArticleFilter{IDs: ids, Paging: tradegraph.Paging{First: len(ids)}})
	}
}

// pageKey is what a page loader is asked for: the filter of one nested
// list, and what the items of the page select that prefetch can fetch for
// the whole batch at once.
type pageKey[F any] struct {
	Filter F             `json:"f"`
	Need   relationNeeds `json:"n"`
}

// prefetchPages prefetches for every relation of a batch of pages.
func (l *loaders) prefetchPages(ctx context.Context, ps []*tradegraph.Page[*tradegraph.Relation], need relationNeeds) error {
	var rels []*tradegraph.Relation
	for _, p := range ps {
		rels = append(rels, p.Items...)
	}
	return l.prefetch(ctx, rels, need)
}

// pages turns a store's FindXPages into a loader's batch function over
// page keys encoded as JSON (see loadPage). When then is not nil, it runs
// on the pages with what any of the keys needs before they are handed out.
func pages[F, T any](find func(context.Context, []F) ([]*tradegraph.Page[T], error), then func(context.Context, []*tradegraph.Page[T], relationNeeds) error) func(context.Context, []string) ([]*tradegraph.Page[T], []error) {
	return func(ctx context.Context, keys []string) ([]*tradegraph.Page[T], []error) {
		fail := func(err error) ([]*tradegraph.Page[T], []error) {
			errs := make([]error, len(keys))
			for i := range errs {
				errs[i] = err
			}
			// Values must match keys in number, or the loader reports its
			// own error instead of this one.
			return make([]*tradegraph.Page[T], len(keys)), errs
		}
		fs := make([]F, len(keys))
		var need relationNeeds
		for i, k := range keys {
			var pk pageKey[F]
			if err := json.Unmarshal([]byte(k), &pk); err != nil {
				return fail(fmt.Errorf("graph: decoding a page key: %w", err))
			}
			fs[i], need = pk.Filter, need.or(pk.Need)
		}
		ps, err := find(ctx, fs)
		if err != nil {
			return fail(err)
		}
		if len(ps) != len(fs) {
			return fail(fmt.Errorf("graph: the store answered %d filters with %d pages", len(fs), len(ps)))
		}
		if then != nil {
			if err := then(ctx, ps, need); err != nil {
				return fail(err)
			}
		}
		return ps, nil
	}
}

// loadPage asks a page loader for the page of filter f, batched with the
// pages the other items of the parent list ask for; need says what the
// page's items select (relations only).
func loadPage[F, T any](ctx context.Context, l *dataloadgen.Loader[string, *tradegraph.Page[T]], f F, need relationNeeds) (*tradegraph.Page[T], error) {
	key, err := json.Marshal(pageKey[F]{Filter: f, Need: need})
	if err != nil {
		return nil, fmt.Errorf("graph: encoding a page key: %w", err)
	}
	return l.Load(ctx, string(key))
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
// that nothing cached outlives the request. A request ends only once the
// fetches started ahead for it have: one whose field was never resolved
// (its actor was not found) must not go on using the store after the
// request, which the store's owner may close.
func WithLoaders(st tradegraph.Store, opts ...LoaderOption) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			l := newLoaders(st, opts...)
			defer l.aheadRunning.Wait()
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), loadersKey{}, l)))
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

// primeActors hands actors the resolver already holds (those of a
// subgraph or a path) to the request's actor loader, so that the ends of
// their relations are not looked up again.
func (r *Resolver) primeActors(ctx context.Context, actors []*tradegraph.Actor) {
	l := r.requestLoaders(ctx).actor
	for _, a := range actors {
		l.Prime(a.ID, a)
	}
}

// actorsNow asks the store for the actors ids at once, without a batch
// window, and primes the loader with them; an unknown one is ENOTFOUND.
// Root fields use it for the actors their arguments name.
func (r *Resolver) actorsNow(ctx context.Context, ids ...string) ([]*tradegraph.Actor, error) {
	p, err := actorsByID(r.Store)(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*tradegraph.Actor, len(p.Items))
	for _, a := range p.Items {
		byID[a.ID] = a
	}
	out := make([]*tradegraph.Actor, len(ids))
	for i, id := range ids {
		if out[i] = byID[id]; out[i] == nil {
			return nil, actorNotFound(id)
		}
	}
	r.primeActors(ctx, p.Items)
	return out, nil
}

func (r *Resolver) loadActor(ctx context.Context, id string) (*tradegraph.Actor, error) {
	a, err := r.requestLoaders(ctx).actor.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, actorNotFound(id)
	}
	return a, err
}

func actorNotFound(id string) error {
	return tradegraph.Errorf(tradegraph.ENOTFOUND, "actor %q not found", id)
}

func (r *Resolver) loadActors(ctx context.Context, ids []string) ([]*tradegraph.Actor, error) {
	return loadAll(ctx, r.requestLoaders(ctx).actor, ids, "actor")
}

func (r *Resolver) loadArticle(ctx context.Context, id string) (*tradegraph.Article, error) {
	a, err := r.requestLoaders(ctx).article.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "article %q not found", id)
	}
	return a, err
}

func (r *Resolver) loadArticles(ctx context.Context, ids []string) ([]*tradegraph.Article, error) {
	return loadAll(ctx, r.requestLoaders(ctx).article, ids, "article")
}

// loadAll loads ids through l, answering no ids with an empty list and an
// unknown one with ENOTFOUND naming the kind of thing it is.
func loadAll[T any](ctx context.Context, l *dataloadgen.Loader[string, T], ids []string, kind string) ([]T, error) {
	if len(ids) == 0 {
		return []T{}, nil
	}
	out, err := l.LoadAll(ctx, ids)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "an %s of %q was not found", kind, ids)
	}
	return out, err
}

// loadMentions returns the mentions of an article, none for an unknown one.
func (r *Resolver) loadMentions(ctx context.Context, articleID string) ([]tradegraph.Mention, error) {
	ms, err := r.requestLoaders(ctx).mentions.Load(ctx, articleID)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, nil
	}
	return ms, err
}
