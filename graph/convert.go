package graph

import (
	"encoding/base64"
	"strings"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph/model"
)

// The GraphQL enums spell the vocabulary exactly as the domain does, so the
// conversions are plain string casts; they exist to keep the two Go types apart.

func kindsToDomain(ks []model.ActorKind) []tradegraph.ActorKind {
	var out []tradegraph.ActorKind
	for _, k := range ks {
		out = append(out, tradegraph.ActorKind(k))
	}
	return out
}

func typesToDomain(ts []model.RelationType) []tradegraph.RelationType {
	var out []tradegraph.RelationType
	for _, t := range ts {
		out = append(out, tradegraph.RelationType(t))
	}
	return out
}

// pageSize turns a `first` argument into a page size, rejecting what makes
// no sense and capping what is too large.
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

// Cursors are opaque to clients: base64 of a prefix naming the list and the
// id of the last item, so that a cursor from one list is rejected by another.
func encodeCursor(list, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(list + ":" + id))
}

func decodeCursor(list string, cursor *string) (string, error) {
	if cursor == nil || *cursor == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(*cursor)
	if err != nil {
		return "", tradegraph.Errorf(tradegraph.EINVALID, "after: not a cursor of this API")
	}
	id, ok := strings.CutPrefix(string(b), list+":")
	if !ok || id == "" {
		return "", tradegraph.Errorf(tradegraph.EINVALID, "after: the cursor belongs to another list")
	}
	return id, nil
}

func pageInfo(list string, first, last string, hasNext, hasPrev bool) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrev}
	if first != "" {
		s, e := encodeCursor(list, first), encodeCursor(list, last)
		pi.StartCursor, pi.EndCursor = &s, &e
	}
	return pi
}

// edges makes the edges and page info of one page of a list; the three
// connections differ only in their Go types.
func edges[T, E any](list string, p *tradegraph.Page[T], after string, id func(T) string, edge func(cursor string, node T) E) ([]E, *model.PageInfo) {
	out := make([]E, 0, len(p.Items))
	for _, it := range p.Items {
		out = append(out, edge(encodeCursor(list, id(it)), it))
	}
	var first, last string
	if n := len(p.Items); n > 0 {
		first, last = id(p.Items[0]), id(p.Items[n-1])
	}
	return out, pageInfo(list, first, last, p.HasNext, after != "")
}

func actorConnection(p *tradegraph.Page[*tradegraph.Actor], after string) *model.ActorConnection {
	c := &model.ActorConnection{Nodes: p.Items, TotalCount: p.TotalCount}
	c.Edges, c.PageInfo = edges("actor", p, after, func(a *tradegraph.Actor) string { return a.ID },
		func(cursor string, a *tradegraph.Actor) *model.ActorEdge {
			return &model.ActorEdge{Cursor: cursor, Node: a}
		})
	return c
}

func relationConnection(p *tradegraph.Page[*tradegraph.Relation], after string) *model.RelationConnection {
	c := &model.RelationConnection{Nodes: p.Items, TotalCount: p.TotalCount}
	c.Edges, c.PageInfo = edges("relation", p, after, func(r *tradegraph.Relation) string { return r.ID },
		func(cursor string, r *tradegraph.Relation) *model.RelationEdge {
			return &model.RelationEdge{Cursor: cursor, Node: r}
		})
	return c
}

func articleConnection(p *tradegraph.Page[*tradegraph.Article], after string) *model.ArticleConnection {
	c := &model.ArticleConnection{Nodes: p.Items, TotalCount: p.TotalCount}
	c.Edges, c.PageInfo = edges("article", p, after, func(a *tradegraph.Article) string { return a.ID },
		func(cursor string, a *tradegraph.Article) *model.ArticleEdge {
			return &model.ArticleEdge{Cursor: cursor, Node: a}
		})
	return c
}
