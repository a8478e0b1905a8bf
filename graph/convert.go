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

func actorConnection(p *tradegraph.Page[*tradegraph.Actor], after string) *model.ActorConnection {
	c := &model.ActorConnection{Nodes: p.Items, TotalCount: p.TotalCount, Edges: []*model.ActorEdge{}}
	for _, a := range p.Items {
		c.Edges = append(c.Edges, &model.ActorEdge{Cursor: encodeCursor("actor", a.ID), Node: a})
	}
	var first, last string
	if n := len(p.Items); n > 0 {
		first, last = p.Items[0].ID, p.Items[n-1].ID
	}
	c.PageInfo = pageInfo("actor", first, last, p.HasNext, after != "")
	return c
}

func relationConnection(p *tradegraph.Page[*tradegraph.Relation], after string) *model.RelationConnection {
	c := &model.RelationConnection{Nodes: p.Items, TotalCount: p.TotalCount, Edges: []*model.RelationEdge{}}
	for _, r := range p.Items {
		c.Edges = append(c.Edges, &model.RelationEdge{Cursor: encodeCursor("relation", r.ID), Node: r})
	}
	var first, last string
	if n := len(p.Items); n > 0 {
		first, last = p.Items[0].ID, p.Items[n-1].ID
	}
	c.PageInfo = pageInfo("relation", first, last, p.HasNext, after != "")
	return c
}

func articleConnection(p *tradegraph.Page[*tradegraph.Article], after string) *model.ArticleConnection {
	c := &model.ArticleConnection{Nodes: p.Items, TotalCount: p.TotalCount, Edges: []*model.ArticleEdge{}}
	for _, a := range p.Items {
		c.Edges = append(c.Edges, &model.ArticleEdge{Cursor: encodeCursor("article", a.ID), Node: a})
	}
	var first, last string
	if n := len(p.Items); n > 0 {
		first, last = p.Items[0].ID, p.Items[n-1].ID
	}
	c.PageInfo = pageInfo("article", first, last, p.HasNext, after != "")
	return c
}
