package graph

import (
	"context"
	"encoding/json"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph/model"
)

// An actor's page (actor(id) { name relations(first: 50) { ... } }) needs
// the actor and a page of its relations, and the page depends only on the
// actor's id, which the query gives. gqlgen resolves the relations only
// once the actor is back from the store; a caller of the store would ask
// for both at once. So the actor field reads from the query the arguments
// of the relations it selects and starts fetching their pages beside the
// actor. The relations field then takes the page fetched ahead when one
// has the very filter and needs it would ask for itself, and asks the
// store otherwise: reading the arguments here can only make a fetch
// wasted, never an answer wrong.

// relationsAhead starts fetching the pages of relations the query selects
// of the actor id the current field returns, for those whose arguments it
// can read (all but filter).
func (r *Resolver) relationsAhead(ctx context.Context, id string) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return
	}
	op := graphql.GetOperationContext(ctx)
	for _, field := range graphql.CollectFields(op, fc.Field.Selections, []string{"Actor"}) {
		if field.Name != "relations" {
			continue
		}
		f, need, ok := aheadFilter(op, field, id)
		if !ok {
			continue
		}
		l := r.requestLoaders(ctx)
		key, err := json.Marshal(pageKey[tradegraph.RelationFilter]{Filter: f, Need: need})
		if err != nil {
			continue
		}
		l.aheadMu.Lock()
		if l.ahead == nil {
			l.ahead = map[string]func() (*tradegraph.Page[*tradegraph.Relation], error){}
		}
		if l.ahead[string(key)] == nil {
			l.ahead[string(key)] = fetchAhead(l, func() (*tradegraph.Page[*tradegraph.Relation], error) { return r.relationItems(ctx, f, need) })
		}
		l.aheadMu.Unlock()
	}
}

// fetchedAhead returns the wait for the page of f and need fetched ahead,
// nil when there is none.
func (l *loaders) fetchedAhead(f tradegraph.RelationFilter, need relationNeeds) func() (*tradegraph.Page[*tradegraph.Relation], error) {
	l.aheadMu.Lock()
	defer l.aheadMu.Unlock()
	if len(l.ahead) == 0 {
		return nil
	}
	key, err := json.Marshal(pageKey[tradegraph.RelationFilter]{Filter: f, Need: need})
	if err != nil {
		return nil
	}
	return l.ahead[string(key)]
}

// aheadFilter is the filter and needs the Actor.relations field would
// compute for itself from its arguments (relations and paging), false
// when it cannot tell.
func aheadFilter(op *graphql.OperationContext, field graphql.CollectedField, id string) (tradegraph.RelationFilter, relationNeeds, bool) {
	var (
		f       tradegraph.RelationFilter
		dir     *model.Direction
		types   []tradegraph.RelationType
		orderBy *model.RelationOrder
		a       pageArgs
	)
	for name, v := range field.ArgumentMap(op.Variables) {
		if v == nil {
			continue
		}
		var ok bool
		switch name {
		case "direction":
			dir = new(model.Direction)
			ok = dir.UnmarshalGQL(v) == nil
		case "types":
			types, ok = relationTypesArg(v)
		case "orderBy":
			orderBy, ok = relationOrderArg(v)
		case "first":
			a.first, ok = intArg(v)
		case "last":
			a.last, ok = intArg(v)
		case "after":
			a.after, ok = stringArg(v)
		case "before":
			a.before, ok = stringArg(v)
		}
		if !ok {
			return f, relationNeeds{}, false
		}
	}
	f, err := actorRelations(id, dir, types, nil)
	if err != nil {
		return f, relationNeeds{}, false
	}
	order, desc := relationOrder(orderBy)
	conns := []ast.SelectionSet{field.Selections}
	withTotal := selectsIn(op, conns, relationConnectionType, "totalCount")
	if f.Paging, err = pagingOf(relationList, string(order), desc, a, defaultListSize, withTotal); err != nil {
		return f, relationNeeds{}, false
	}
	f.Order = order
	return f, connectionNeedsIn(op, conns), true
}

func intArg(v any) (*int, bool) {
	n, err := graphql.UnmarshalInt(v)
	return &n, err == nil
}

func stringArg(v any) (*string, bool) {
	s, ok := v.(string)
	return &s, ok
}

func relationTypesArg(v any) ([]tradegraph.RelationType, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]tradegraph.RelationType, len(list))
	for i, t := range list {
		s, _ := t.(string)
		if out[i] = tradegraph.RelationType(s); !out[i].Valid() {
			return nil, false
		}
	}
	return out, true
}

// relationOrderArg reads a RelationOrder, its direction ASC when absent as
// the schema says.
func relationOrderArg(v any) (*model.RelationOrder, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) > 2 {
		return nil, false
	}
	o := &model.RelationOrder{Direction: new(model.OrderDirection)}
	*o.Direction = model.OrderDirectionAsc
	if o.Field.UnmarshalGQL(m["field"]) != nil {
		return nil, false
	}
	if d, ok := m["direction"]; ok && o.Direction.UnmarshalGQL(d) != nil {
		return nil, false
	}
	return o, true
}
