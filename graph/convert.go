package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph/model"
)

// pageSize turns the `first` argument of search into a limit, rejecting
// what makes no sense and capping what is too large.
func pageSize(first *int) (int, error) {
	if first == nil {
		return tradegraph.DefaultPageSize, nil
	}
	switch n := *first; {
	case n < 0:
		return 0, tradegraph.Errorf(tradegraph.EINVALID, "first must not be negative, got %d", n)
	case n > tradegraph.MaxPageSize:
		return tradegraph.MaxPageSize, nil
	default:
		return n, nil
	}
}

// The lists a cursor can come from. A cursor is a place among items of one
// kind in one order, so it works in any list of those items in that order
// (the relations of Query.relations and of Actor.relations alike), and in
// either direction.
const (
	actorList    = "actors"
	relationList = "relations"
	articleList  = "articles"
)

// cursorJSON is what a cursor holds before base64: the list and order it
// belongs to and the tradegraph.Cursor. Keys are short because cursors
// travel in every page.
type cursorJSON struct {
	List       string  `json:"l"`
	Order      string  `json:"o"`
	ID         string  `json:"id"`
	Name       string  `json:"n,omitempty"`
	Degree     int     `json:"g,omitempty"`
	Date       string  `json:"d,omitempty"`
	Confidence float64 `json:"c,omitempty"`
}

// encodeCursor makes the opaque cursor clients see: base64url of a small
// JSON object. order is the domain order's name ("" is by id).
func encodeCursor(list, order string, c tradegraph.Cursor) string {
	if order == "" {
		order = "id"
	}
	b, err := json.Marshal(cursorJSON{List: list, Order: order, ID: c.ID, Name: c.Name, Degree: c.Degree, Date: c.Date, Confidence: c.Confidence})
	if err != nil {
		panic(fmt.Sprintf("graph: encoding a cursor: %v", err)) // strings and numbers always encode
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads the cursor a client passed as the argument arg (after
// or before) of a list. A cursor that is not one, or that comes from
// another list or order, is an EINVALID error that says so.
func decodeCursor(arg, list, order string, s *string) (tradegraph.Cursor, error) {
	if s == nil || *s == "" {
		return tradegraph.Cursor{}, nil
	}
	if order == "" {
		order = "id"
	}
	var c cursorJSON
	b, err := base64.RawURLEncoding.DecodeString(*s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" || c.List == "" || c.Order == "" {
		return tradegraph.Cursor{}, tradegraph.Errorf(tradegraph.EINVALID, "%s: %q is not a cursor of this API; pass a cursor from a pageInfo or an edge", arg, *s)
	}
	if c.List != list {
		return tradegraph.Cursor{}, tradegraph.Errorf(tradegraph.EINVALID, "%s: the cursor comes from a list of %s, not of %s", arg, c.List, list)
	}
	if c.Order != order {
		return tradegraph.Cursor{}, tradegraph.Errorf(tradegraph.EINVALID, "%s: the cursor comes from a list of %s ordered by %s, not by %s; start again without it", arg, list, c.Order, order)
	}
	return tradegraph.Cursor{ID: c.ID, Name: c.Name, Degree: c.Degree, Date: c.Date, Confidence: c.Confidence}, nil
}

// Orders. A missing orderBy is by id, ascending.

func actorOrder(o *model.ActorOrder) (tradegraph.ActorOrder, bool) {
	if o == nil {
		return tradegraph.ActorsByID, false
	}
	var out tradegraph.ActorOrder
	switch o.Field {
	case model.ActorOrderFieldName:
		out = tradegraph.ActorsByName
	case model.ActorOrderFieldDegree:
		out = tradegraph.ActorsByDegree
	default:
		out = tradegraph.ActorsByID
	}
	return out, desc(o.Direction)
}

func relationOrder(o *model.RelationOrder) (tradegraph.RelationOrder, bool) {
	if o == nil {
		return tradegraph.RelationsByID, false
	}
	var out tradegraph.RelationOrder
	switch o.Field {
	case model.RelationOrderFieldDate:
		out = tradegraph.RelationsByDate
	case model.RelationOrderFieldConfidence:
		out = tradegraph.RelationsByConfidence
	default:
		out = tradegraph.RelationsByID
	}
	return out, desc(o.Direction)
}

func articleOrder(o *model.ArticleOrder) (tradegraph.ArticleOrder, bool) {
	if o == nil {
		return tradegraph.ArticlesByID, false
	}
	out := tradegraph.ArticlesByID
	if o.Field == model.ArticleOrderFieldPublished {
		out = tradegraph.ArticlesByPublished
	}
	return out, desc(o.Direction)
}

func desc(d *model.OrderDirection) bool { return d != nil && *d == model.OrderDirectionDesc }

// Filters. Values are checked here so that a client hears which argument
// is wrong; they reach the stores as query parameters, never as code.

func actorFilter(in *model.ActorFilter) tradegraph.ActorFilter {
	var f tradegraph.ActorFilter
	if in != nil {
		f.Kinds = in.Kinds
		f.Country = strings.ToUpper(strings.TrimSpace(deref(in.Country)))
		f.Article = deref(in.Article)
	}
	return f
}

func relationFilter(in *model.RelationFilter) (tradegraph.RelationFilter, error) {
	var f tradegraph.RelationFilter
	if in == nil {
		return f, nil
	}
	f = tradegraph.RelationFilter{
		Types:   in.Types,
		From:    deref(in.From),
		To:      deref(in.To),
		Actor:   deref(in.Actor),
		Article: deref(in.Article),
		Hedged:  in.Hedged,
		Since:   deref(in.Since),
		Until:   deref(in.Until),
		Outlet:  deref(in.Outlet),
		Country: strings.ToUpper(strings.TrimSpace(deref(in.Country))),
	}
	if in.MinConfidence != nil {
		c := *in.MinConfidence
		if c < 0 || c > 1 {
			return f, tradegraph.Errorf(tradegraph.EINVALID, "filter.minConfidence must be between 0 and 1, got %g", c)
		}
		f.MinConfidence = c
	}
	return f, checkDates(f.Since, f.Until)
}

func articleFilter(in *model.ArticleFilter) (tradegraph.ArticleFilter, error) {
	var f tradegraph.ArticleFilter
	if in == nil {
		return f, nil
	}
	f = tradegraph.ArticleFilter{
		Actor:  deref(in.Actor),
		Outlet: deref(in.Outlet),
		Since:  deref(in.Since),
		Until:  deref(in.Until),
	}
	return f, checkDates(f.Since, f.Until)
}

// checkDates returns an EINVALID error unless since and until are empty
// or dates of the form YYYY-MM-DD.
func checkDates(since, until string) error {
	for _, d := range []struct{ name, value string }{{"since", since}, {"until", until}} {
		if d.value == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.value); err != nil {
			return tradegraph.Errorf(tradegraph.EINVALID, "%s: %q is not a date of the form YYYY-MM-DD", d.name, d.value)
		}
	}
	return nil
}

// Connections.

// connection makes the edges and page info of one page of a list, for the
// connection field whose resolver ctx is; the three connections differ
// only in their Go types.
func connection[T, E any](ctx context.Context, list, order string, p *tradegraph.Page[T], cursor func(T) tradegraph.Cursor, edge func(i int, cursor string) E) ([]E, *model.PageInfo) {
	// Edges cost a cursor each; a query that reads nodes only gets none.
	out := make([]E, 0, len(p.Items))
	if selects(ctx, "edges") {
		for i, it := range p.Items {
			out = append(out, edge(i, encodeCursor(list, order, cursor(it))))
		}
	}
	pi := &model.PageInfo{HasNextPage: p.HasNext, HasPreviousPage: p.HasPrev}
	if n := len(p.Items); n > 0 {
		s, e := encodeCursor(list, order, cursor(p.Items[0])), encodeCursor(list, order, cursor(p.Items[n-1]))
		pi.StartCursor, pi.EndCursor = &s, &e
	}
	return out, pi
}

func actorConnection(ctx context.Context, p *tradegraph.Page[*tradegraph.Actor], order tradegraph.ActorOrder) *model.ActorConnection {
	c := &model.ActorConnection{Nodes: p.Items, TotalCount: p.TotalCount}
	c.Edges, c.PageInfo = connection(ctx, actorList, string(order), p, order.Cursor,
		func(i int, cursor string) *model.ActorEdge {
			return &model.ActorEdge{Cursor: cursor, Node: p.Items[i]}
		})
	return c
}

// relationConnection makes the connection of a page of relations whose
// nodes (see relationNodes) are already made.
func relationConnection(ctx context.Context, p *tradegraph.Page[*tradegraph.Relation], nodes []*model.Relation, order tradegraph.RelationOrder) *model.RelationConnection {
	c := &model.RelationConnection{Nodes: nodes, TotalCount: p.TotalCount}
	c.Edges, c.PageInfo = connection(ctx, relationList, string(order), p, order.Cursor,
		func(i int, cursor string) *model.RelationEdge {
			return &model.RelationEdge{Cursor: cursor, Node: nodes[i]}
		})
	return c
}

func articleConnection(ctx context.Context, p *tradegraph.Page[*tradegraph.Article], order tradegraph.ArticleOrder) *model.ArticleConnection {
	c := &model.ArticleConnection{Nodes: p.Items, TotalCount: p.TotalCount}
	c.Edges, c.PageInfo = connection(ctx, articleList, string(order), p, order.Cursor,
		func(i int, cursor string) *model.ArticleEdge {
			return &model.ArticleEdge{Cursor: cursor, Node: p.Items[i]}
		})
	return c
}

func countPtrs(cs []tradegraph.Count) []*tradegraph.Count {
	out := make([]*tradegraph.Count, len(cs))
	for i := range cs {
		out[i] = &cs[i]
	}
	return out
}

func mentionPtrs(ms []tradegraph.Mention) []*tradegraph.Mention {
	out := make([]*tradegraph.Mention, len(ms))
	for i := range ms {
		out[i] = &ms[i]
	}
	return out
}
