package graph

import (
	"context"
	"slices"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph/model"
)

// A page of relations is rarely shown bare: a profile or a timeline shows
// the actors at both ends of every relation and the article it comes from.
// Left to the fields of each relation, those look-ups would each wait for a
// loader's batch window, and a busy machine splits the window into several
// store calls. Instead, the resolver that fetched the page reads from the
// query what its relations select and asks for all their actors and
// articles at once, one FindActors and one FindArticles side by side, and
// hands the answers to the request's loaders. The relations' own fields
// then find them there without waiting.

// lookup finds what the relations of a request name through the request's
// loaders (it is their model.Lookup). gqlgen calls a relation's methods
// without a context, so the lookup keeps the one of the resolver that made
// the relations, which lives as long as the request.
type lookup struct {
	ctx context.Context
	r   *Resolver
}

func (k lookup) Actor(id string) (*tradegraph.Actor, error) { return k.r.loadActor(k.ctx, id) }

func (k lookup) Actors(ids []string) ([]*tradegraph.Actor, error) {
	return k.r.loadActors(k.ctx, ids)
}

func (k lookup) Article(id string) (*tradegraph.Article, error) { return k.r.loadArticle(k.ctx, id) }

func (k lookup) Articles(ids []string) ([]*tradegraph.Article, error) {
	return k.r.loadArticles(k.ctx, ids)
}

// relationNodes makes the API's relations of rels, looking up through the
// request's loaders whatever their fields ask for.
func (r *Resolver) relationNodes(ctx context.Context, rels []*tradegraph.Relation) []*model.Relation {
	look := lookup{ctx: ctx, r: r}
	nodes := make([]model.Relation, len(rels))
	out := make([]*model.Relation, len(rels))
	for i, rel := range rels {
		nodes[i] = model.Relation{Relation: rel, Look: look}
		out[i] = &nodes[i]
	}
	return out
}

// relationNeeds says what the relations of a list select besides their
// own fields.
type relationNeeds struct {
	Ends       bool `json:"e,omitempty"` // from or to
	Concerning bool `json:"c,omitempty"`
	ReportedBy bool `json:"r,omitempty"`
	Articles   bool `json:"a,omitempty"` // article
}

// with adds what the Relation field named field looks up.
func (n relationNeeds) with(field string) relationNeeds {
	switch field {
	case "from", "to":
		n.Ends = true
	case "concerning":
		n.Concerning = true
	case "reportedBy":
		n.ReportedBy = true
	case "article":
		n.Articles = true
	}
	return n
}

func (n relationNeeds) or(m relationNeeds) relationNeeds {
	return relationNeeds{
		Ends:       n.Ends || m.Ends,
		Concerning: n.Concerning || m.Concerning,
		ReportedBy: n.ReportedBy || m.ReportedBy,
		Articles:   n.Articles || m.Articles,
	}
}

// The object types along the ways from a field's answer to its relations.
const (
	relationType           = "Relation"
	relationConnectionType = "RelationConnection"
	relationEdgeType       = "RelationEdge"
	timelineType           = "Timeline"
)

// connectionNeeds reports what the relations of the RelationConnection the
// current resolver returns select, through nodes and through edges.
func connectionNeeds(ctx context.Context) relationNeeds {
	return connectionNeedsIn(graphql.GetOperationContext(ctx), selectionsAt(ctx, nil))
}

// connectionNeedsIn reports what the relations of RelationConnections
// with the selections conns select, through nodes and through edges.
func connectionNeedsIn(op *graphql.OperationContext, conns []ast.SelectionSet) relationNeeds {
	return needsIn(op, selectionsFrom(op, conns, []string{relationConnectionType}, "nodes")).
		or(needsIn(op, selectionsFrom(op, conns, []string{relationConnectionType, relationEdgeType}, "edges", "node")))
}

// listNeeds reports what the relations of the field named list, on the
// object the current resolver returns (a Path), select.
func listNeeds(ctx context.Context, object, list string) relationNeeds {
	return needsAt(ctx, []string{object, relationType}, list)
}

// selectedNeeds reports what the relations the current resolver returns
// select.
func selectedNeeds(ctx context.Context) relationNeeds {
	return needsAt(ctx, []string{relationType})
}

// needsAt follows the field names of path from the current resolver's
// selection down to a selection of Relations; types names the object type
// of each selection on the way, the current one's first and Relation last.
// Aliases and fragments count: a field asked twice is followed both times.
func needsAt(ctx context.Context, types []string, path ...string) relationNeeds {
	return needsIn(graphql.GetOperationContext(ctx), selectionsAt(ctx, types, path...))
}

// needsIn reports what the relations of the selections sels select.
func needsIn(op *graphql.OperationContext, sels []ast.SelectionSet) relationNeeds {
	var n relationNeeds
	for _, sel := range sels {
		for _, f := range graphql.CollectFields(op, sel, []string{relationType}) {
			n = n.with(f.Name)
		}
	}
	return n
}

// selectionsAt follows the field names of path from the current
// resolver's selection and returns the selections it ends at, one for each
// time the query asks for the field; types names the object type of each
// selection on the way, the current one's first.
func selectionsAt(ctx context.Context, types []string, path ...string) []ast.SelectionSet {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return nil
	}
	return selectionsFrom(graphql.GetOperationContext(ctx), []ast.SelectionSet{fc.Field.Selections}, types, path...)
}

// selectionsFrom is selectionsAt from the selections sels.
func selectionsFrom(op *graphql.OperationContext, sels []ast.SelectionSet, types []string, path ...string) []ast.SelectionSet {
	for i, name := range path {
		var next []ast.SelectionSet
		for _, sel := range sels {
			for _, f := range graphql.CollectFields(op, sel, []string{types[i]}) {
				if f.Name == name {
					next = append(next, f.Selections)
				}
			}
		}
		sels = next
	}
	return sels
}

// selectsIn reports whether a selection of sels, of objects of type typ,
// selects the field name.
func selectsIn(op *graphql.OperationContext, sels []ast.SelectionSet, typ, name string) bool {
	for _, sel := range sels {
		for _, f := range graphql.CollectFields(op, sel, []string{typ}) {
			if f.Name == name {
				return true
			}
		}
	}
	return false
}

// inList reports whether the current field belongs to an item of a list.
// Only then can sibling resolvers share a loader's batch; a field with no
// list above it asks the store itself rather than wait for a window that
// nothing else will join.
func inList(ctx context.Context) bool {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Index != nil {
			return true
		}
	}
	return false
}

// prefetch fetches what need asks for of the relations rels, in at most
// one FindActors and one FindArticles call per MaxPageSize ids, both kinds
// at once, and primes the loaders with the answers. Actors in have (which
// the caller already primed) are not asked for again. Ids the store does
// not know are left out; a relation's field that asks for one goes through
// the loader and reports it as not found.
func (l *loaders) prefetch(ctx context.Context, rels []*tradegraph.Relation, need relationNeeds, have ...*tradegraph.Actor) error {
	actors := relationActorIDs(rels, need, have)
	var articles []string
	if need.Articles {
		articles = relationArticleIDs(rels)
	}
	// Either list may be empty, which asks nothing; a goroutine only pays
	// when both are not.
	var (
		wg       sync.WaitGroup
		actorErr error
	)
	fetchActors := func() { actorErr = l.fetchActors(ctx, actors) }
	if len(actors) > 0 && len(articles) > 0 {
		wg.Go(fetchActors)
	} else {
		fetchActors()
	}
	articleErr := l.fetchArticles(ctx, articles)
	wg.Wait()
	if actorErr != nil {
		return actorErr
	}
	return articleErr
}

func (l *loaders) fetchActors(ctx context.Context, ids []string) error {
	return fetchInto(ctx, ids, actorsByID(l.st), func(a *tradegraph.Actor) { l.actor.Prime(a.ID, a) })
}

func (l *loaders) fetchArticles(ctx context.Context, ids []string) error {
	return fetchInto(ctx, ids, articlesByID(l.st), func(a *tradegraph.Article) { l.article.Prime(a.ID, a) })
}

// relationActorIDs lists once each actor the relations name in the fields
// need asks for, in the order they first appear, leaving out those of have.
func relationActorIDs(rels []*tradegraph.Relation, need relationNeeds, have []*tradegraph.Actor) []string {
	seen := make(map[string]bool, 2*len(rels)+len(have))
	for _, a := range have {
		seen[a.ID] = true
	}
	var ids []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, r := range rels {
		if need.Ends {
			add(r.From)
			add(r.To)
		}
		if need.Concerning {
			for _, c := range r.Concerning {
				add(c)
			}
		}
		if need.ReportedBy {
			add(r.ReportedBy)
		}
	}
	return ids
}

// relationArticleIDs lists once each article of the relations, in the
// order they first appear.
func relationArticleIDs(rels []*tradegraph.Relation) []string {
	seen := make(map[string]bool, len(rels))
	var ids []string
	for _, r := range rels {
		if !seen[r.Article] {
			seen[r.Article] = true
			ids = append(ids, r.Article)
		}
	}
	return ids
}

// fetchInto asks find for ids, a store page at a time, and hands every
// item found to keep.
func fetchInto[T any](ctx context.Context, ids []string, find func(context.Context, []string) (*tradegraph.Page[T], error), keep func(T)) error {
	for chunk := range slices.Chunk(ids, tradegraph.MaxPageSize) {
		p, err := find(ctx, chunk)
		if err != nil {
			return err
		}
		for _, it := range p.Items {
			keep(it)
		}
	}
	return nil
}
