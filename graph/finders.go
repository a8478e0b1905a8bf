package graph

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph/model"
)

// Page sizes of the lists when neither first nor last is given.
const (
	defaultListSize   = 20 // root lists, an actor's relations and articles, timelines
	defaultNestedSize = 50 // an article's actors and relations
)

// pageArgs are the paging arguments every list field takes.
type pageArgs struct {
	first, last   *int
	after, before *string
}

// paging checks the paging arguments of a list field and turns them into
// the store's Paging for a list in the given order: sizes are capped at
// MaxPageSize, def is the size when neither first nor last is given, and
// the total is only counted when the query selects totalCount.
func paging(ctx context.Context, list, order string, desc bool, a pageArgs, def int) (tradegraph.Paging, error) {
	return pagingOf(list, order, desc, a, def, selects(ctx, "totalCount"))
}

// pagingOf is paging for a list whose totalCount withTotal says is asked for.
func pagingOf(list, order string, desc bool, a pageArgs, def int, withTotal bool) (tradegraph.Paging, error) {
	p := tradegraph.Paging{Desc: desc, WithTotal: withTotal}
	for _, n := range []struct {
		name string
		v    *int
	}{{"first", a.first}, {"last", a.last}} {
		if n.v != nil && *n.v < 1 {
			return p, tradegraph.Errorf(tradegraph.EINVALID, "%s must be at least 1, got %d", n.name, *n.v)
		}
	}
	p.First = min(derefInt(a.first, 0), tradegraph.MaxPageSize)
	p.Last = min(derefInt(a.last, 0), tradegraph.MaxPageSize)
	var err error
	if p.After, err = decodeCursor("after", list, order, a.after); err != nil {
		return p, err
	}
	if p.Before, err = decodeCursor("before", list, order, a.before); err != nil {
		return p, err
	}
	if p.First == 0 && p.Last == 0 {
		if p.Before.IsZero() {
			p.First = def
		} else {
			p.Last = def
		}
	}
	return p, p.Validate()
}

// selects reports whether the query selects the named field of the value
// the current resolver returns.
func selects(ctx context.Context, field string) bool {
	if graphql.GetFieldContext(ctx) == nil {
		return false
	}
	return slices.Contains(graphql.CollectAllFields(ctx), field)
}

// sameID fixes one field of a nested list's filter to the id of the parent
// object, refusing a filter that already names something else there.
func sameID(field *string, id, arg string) error {
	if *field != "" && *field != id {
		return tradegraph.Errorf(tradegraph.EINVALID, "%s: this list already belongs to %q; drop %s or ask the root field instead", arg, id, arg)
	}
	*field = id
	return nil
}

// Root lists ask the store once each; nested ones (in the resolvers of
// Actor and Article) go through the request's page loaders when their
// parent is an item of a list, and ask the store themselves when it is
// not, since no sibling would join the batch.

func (r *Resolver) actors(ctx context.Context, f tradegraph.ActorFilter, orderBy *model.ActorOrder, a pageArgs, def int, nested bool) (*model.ActorConnection, error) {
	order, desc := actorOrder(orderBy)
	var err error
	if f.Paging, err = paging(ctx, actorList, string(order), desc, a, def); err != nil {
		return nil, err
	}
	f.Order = order
	var p *tradegraph.Page[*tradegraph.Actor]
	if nested && inList(ctx) {
		p, err = loadPage(ctx, r.requestLoaders(ctx).actorPages, f, relationNeeds{})
	} else {
		p, err = r.Store.FindActors(ctx, f)
	}
	if err != nil {
		return nil, err
	}
	return actorConnection(ctx, p, order), nil
}

func (r *Resolver) relations(ctx context.Context, f tradegraph.RelationFilter, orderBy *model.RelationOrder, a pageArgs, def int, nested bool) (*model.RelationConnection, error) {
	order, desc := relationOrder(orderBy)
	var err error
	if f.Paging, err = paging(ctx, relationList, string(order), desc, a, def); err != nil {
		return nil, err
	}
	f.Order = order
	need := connectionNeeds(ctx)
	l := r.requestLoaders(ctx)
	var p *tradegraph.Page[*tradegraph.Relation]
	switch fetched := l.fetchedAhead(f, need); {
	case fetched != nil:
		p, err = fetched()
	case nested && inList(ctx):
		// The page loader prefetches for the whole batch of pages.
		p, err = loadPage(ctx, l.relationPages, f, need)
	default:
		p, err = r.relationItems(ctx, f, need)
	}
	if err != nil {
		return nil, err
	}
	return relationConnection(ctx, p, r.relationNodes(ctx, p.Items), order), nil
}

// relationPage asks the store for one page of relations and prefetches
// what its relations select.
func (r *Resolver) relationPage(ctx context.Context, f tradegraph.RelationFilter, order tradegraph.RelationOrder, need relationNeeds) (*model.RelationConnection, error) {
	p, err := r.relationItems(ctx, f, need)
	if err != nil {
		return nil, err
	}
	return relationConnection(ctx, p, r.relationNodes(ctx, p.Items), order), nil
}

// relationItems asks the store for the page of relations f selects and
// prefetches what need says their fields look up.
func (r *Resolver) relationItems(ctx context.Context, f tradegraph.RelationFilter, need relationNeeds) (*tradegraph.Page[*tradegraph.Relation], error) {
	p, err := r.Store.FindRelations(ctx, f)
	if err != nil {
		return nil, err
	}
	if err := r.requestLoaders(ctx).prefetch(ctx, p.Items, need); err != nil {
		return nil, err
	}
	return p, nil
}

func (r *Resolver) articles(ctx context.Context, f tradegraph.ArticleFilter, orderBy *model.ArticleOrder, a pageArgs, def int, nested bool) (*model.ArticleConnection, error) {
	order, desc := articleOrder(orderBy)
	var err error
	if f.Paging, err = paging(ctx, articleList, string(order), desc, a, def); err != nil {
		return nil, err
	}
	f.Order = order
	var p *tradegraph.Page[*tradegraph.Article]
	if nested && inList(ctx) {
		p, err = loadPage(ctx, r.requestLoaders(ctx).articlePages, f, relationNeeds{})
	} else {
		p, err = r.Store.FindArticles(ctx, f)
	}
	if err != nil {
		return nil, err
	}
	return articleConnection(ctx, p, order), nil
}

// actorRelations builds the filter of Actor.relations: the actor at the
// end direction names, the types, and whatever else filter adds.
func actorRelations(id string, direction *model.Direction, types []tradegraph.RelationType, filter *model.RelationFilter) (tradegraph.RelationFilter, error) {
	f, err := relationFilter(filter)
	if err != nil {
		return f, err
	}
	if len(types) > 0 {
		if len(f.Types) > 0 {
			return f, tradegraph.Errorf(tradegraph.EINVALID, "give the relation types as types or as filter.types, not both")
		}
		f.Types = types
	}
	switch {
	case direction == nil || *direction == model.DirectionBoth:
		err = sameID(&f.Actor, id, "filter.actor")
	case *direction == model.DirectionOut:
		err = sameID(&f.From, id, "filter.from")
	default:
		err = sameID(&f.To, id, "filter.to")
	}
	return f, err
}

// timeline checks the timeline's arguments and returns the filter its
// relations and its monthly counts share.
func (r *Resolver) timeline(ctx context.Context, actor string, types []tradegraph.RelationType, since, until *string, newestFirst *bool, a pageArgs) (*model.Timeline, error) {
	f := tradegraph.RelationFilter{Actor: actor, Types: types, Since: deref(since), Until: deref(until), Order: tradegraph.RelationsByDate}
	if err := checkDates(f.Since, f.Until); err != nil {
		return nil, err
	}
	var err error
	if f.Paging, err = paging(ctx, relationList, string(f.Order), newestFirst != nil && *newestFirst, a, defaultListSize); err != nil {
		return nil, err
	}
	t := &model.Timeline{Filter: f}
	// What the query selects of the counts and the page starts at once,
	// side by side; the fields wait for it.
	if selects(ctx, "byMonth") {
		t.Facets = fetchAhead(r.requestLoaders(ctx), func() (*tradegraph.Facets, error) { return r.Store.RelationFacets(ctx, f) })
	}
	if conns := selectionsAt(ctx, []string{timelineType}, "relations"); len(conns) > 0 {
		op := graphql.GetOperationContext(ctx)
		pf := f
		pf.WithTotal = selectsIn(op, conns, relationConnectionType, "totalCount")
		need := connectionNeedsIn(op, conns)
		t.Page = fetchAhead(r.requestLoaders(ctx), func() (*tradegraph.Page[*tradegraph.Relation], error) { return r.relationItems(ctx, pf, need) })
	}
	// An unknown actor is an error, not an empty timeline. Relations only
	// name actors the store holds, so a timeline with relations needs no
	// look-up of its actor; an empty one (or one that selects neither
	// list) does.
	if !t.HasRelations() {
		if _, err := r.actorsNow(ctx, actor); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// fetchAhead runs fetch on a goroutine of its own and returns a function
// that waits for its result. A panic in fetch comes back as an error. The
// request of the loaders l does not end before fetch has (WithLoaders).
func fetchAhead[T any](l *loaders, fetch func() (T, error)) func() (T, error) {
	var (
		v   T
		err error
	)
	done := make(chan struct{})
	l.aheadRunning.Add(1)
	go func() {
		defer l.aheadRunning.Done()
		defer close(done)
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("graph: a fetch ahead panicked: %v\n%s", p, debug.Stack())
			}
		}()
		v, err = fetch()
	}()
	return func() (T, error) {
		<-done
		return v, err
	}
}

// ingest extracts an article sent by a client and stores it.
func (r *Resolver) ingest(ctx context.Context, in model.ArticleInput) (*model.IngestResult, error) {
	a := &tradegraph.Article{
		Title:     strings.TrimSpace(deref(in.Title)),
		URL:       strings.TrimSpace(deref(in.URL)),
		Outlet:    strings.TrimSpace(deref(in.Outlet)),
		Published: strings.TrimSpace(deref(in.Published)),
		Text:      strings.ReplaceAll(in.Text, "\r\n", "\n"),
		Source:    "graphql",
	}
	if err := a.Validate(r.MaxArticleBytes); err != nil {
		return nil, err
	}
	if a.Title == "" {
		a.Title, _, _ = strings.Cut(strings.TrimSpace(a.Text), "\n")
	}
	a.ID = tradegraph.ArticleID(a.URL, a.Text)
	x, err := r.Extractor.Extract(ctx, a)
	if err != nil {
		return nil, err
	}
	if err := r.Store.SaveExtraction(ctx, x); err != nil {
		return nil, err
	}
	// What the relations name is in the extraction already.
	r.primeActors(ctx, x.Actors)
	r.requestLoaders(ctx).article.Prime(a.ID, a)
	res := &model.IngestResult{Article: a, Actors: x.Actors, Relations: r.relationNodes(ctx, x.Relations), Warnings: x.Warnings}
	if res.Warnings == nil {
		res.Warnings = []string{}
	}
	return res, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefInt(n *int, def int) int {
	if n == nil {
		return def
	}
	return *n
}
