package graph

import (
	"context"
	"io"
	"math"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph/model"
)

// Most of a large answer is lists of objects whose fields are plain data:
// a page of relations with both ends, the evidence and the article; the
// actors of a search or of a network view. gqlgen writes such a list item
// by item and field by field: a goroutine per item, a field context and a
// marshaler per field, a map per object. For a profile of 50 relations
// that costs more CPU than the store's own work.
//
// writeLists is a field middleware that writes such a list itself, in one
// piece, once the list's resolver has returned it. It takes a list only
// when it knows every field the query selects of the items (plain data, or
// an object the request's loaders already hold), every look-up succeeds
// and every value is one gqlgen would write as it stands. Otherwise it
// hands the list back to gqlgen, which resolves it as ever and reports any
// error at its path. What it writes is byte for byte what gqlgen would
// (TestListsWriteAsGqlgen).

// plainFields lists, for each object type writeLists can write, the fields
// it knows, with the object type of those that hold objects ("" for plain
// data). Fields with arguments or resolvers of their own (Actor.relations,
// Article.mentions) are not here: a list whose items select one is left to
// gqlgen.
var plainFields = map[string]map[string]string{
	"Actor": {
		"id": "", "kind": "", "name": "", "aliases": "", "country": "", "degree": "",
	},
	"Article": {
		"id": "", "title": "", "url": "", "outlet": "", "published": "", "text": "",
	},
	"Evidence": {"sentence": "", "start": "", "end": ""},
	"Relation": {
		"id": "", "type": "", "about": "", "hedged": "", "confidence": "", "date": "", "cameo": "", "rule": "",
		"evidence": "Evidence", "from": "Actor", "to": "Actor", "reportedBy": "Actor", "concerning": "Actor",
		"article": "Article",
	},
	"Count":        {"key": "", "count": ""},
	"ActorEdge":    {"cursor": "", "node": "Actor"},
	"ArticleEdge":  {"cursor": "", "node": "Article"},
	"RelationEdge": {"cursor": "", "node": "Relation"},
}

// shape is what a query selects of an object, in the order of the answer.
type shape struct {
	typ  string
	cols []column
}

// column is one field of a shape.
type column struct {
	// key is the field's name in the answer (its alias), quoted, with the
	// colon after it and the comma before it unless it comes first.
	key   []byte
	name  string
	alias string
	shape *shape // of an object-valued field
}

// answers reports whether s already has a field named alias in the answer.
func (s *shape) answers(alias string) bool {
	for _, c := range s.cols {
		if c.alias == alias {
			return true
		}
	}
	return false
}

// selected is the child shape of the field name, nil when s does not
// select it.
func (s *shape) selected(name string) *shape {
	for _, c := range s.cols {
		if c.name == name {
			return c.shape
		}
	}
	return nil
}

// shapeOf reads what sel selects of objects of type typ; false when it
// selects a field writeLists does not know, or defers one.
func shapeOf(oc *graphql.OperationContext, sel ast.SelectionSet, typ string) (*shape, bool) {
	known := plainFields[typ]
	fields := graphql.CollectFields(oc, sel, []string{typ})
	s := &shape{typ: typ, cols: make([]column, 0, len(fields))}
	for _, f := range fields {
		if f.IsDeferred() {
			return nil, false
		}
		child, ok := known[f.Name]
		if !ok && f.Name != "__typename" {
			return nil, false
		}
		if s.answers(f.Alias) {
			// gqlgen writes a name of the answer only once.
			continue
		}
		c := column{name: f.Name, alias: f.Alias}
		if len(s.cols) > 0 {
			c.key = append(c.key, ',')
		}
		c.key = append(appendQuoted(c.key, f.Alias), ':')
		if child != "" {
			if c.shape, ok = shapeOf(oc, f.Selections, child); !ok {
				return nil, false
			}
		}
		s.cols = append(s.cols, c)
	}
	return s, true
}

// written is a list writeLists has written; gqlgen copies it into the
// answer as it stands.
type written struct{ b []byte }

func (w *written) MarshalGQL(out io.Writer) { _, _ = out.Write(w.b) }

// listWriter returns writeLists; done, when not nil, is called for each
// list it writes.
func listWriter(done func()) graphql.FieldMiddleware {
	if done == nil {
		return writeLists
	}
	return func(ctx context.Context, next graphql.Resolver) (any, error) {
		res, err := writeLists(ctx, next)
		if _, ok := res.(*written); ok {
			done()
		}
		return res, err
	}
}

// writeLists is the field middleware (see the top of this file).
func writeLists(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	if err != nil {
		return res, err
	}
	var (
		typ   string
		write func(b []byte, s *shape) ([]byte, bool)
	)
	switch v := res.(type) {
	case []*model.Relation:
		typ = "Relation"
		write = func(b []byte, s *shape) ([]byte, bool) { return writeRelations(b, s, v, nil) }
	case []*model.RelationEdge:
		typ = "RelationEdge"
		write = func(b []byte, s *shape) ([]byte, bool) {
			nodes := make([]*model.Relation, len(v))
			for i, e := range v {
				if e == nil {
					return nil, false
				}
				nodes[i] = e.Node
			}
			return writeRelations(b, s, nodes, v)
		}
	case []*tradegraph.Actor:
		typ = "Actor"
		write = func(b []byte, s *shape) ([]byte, bool) { return writeEach(b, s, v, appendActor) }
	case []*model.ActorEdge:
		typ = "ActorEdge"
		write = func(b []byte, s *shape) ([]byte, bool) {
			return writeEach(b, s, v, func(b []byte, s *shape, e *model.ActorEdge) ([]byte, bool) {
				return appendEdge(b, s, e.Cursor, e.Node, appendActor)
			})
		}
	case []*tradegraph.Article:
		typ = "Article"
		write = func(b []byte, s *shape) ([]byte, bool) { return writeEach(b, s, v, appendArticle) }
	case []*model.ArticleEdge:
		typ = "ArticleEdge"
		write = func(b []byte, s *shape) ([]byte, bool) {
			return writeEach(b, s, v, func(b []byte, s *shape, e *model.ArticleEdge) ([]byte, bool) {
				return appendEdge(b, s, e.Cursor, e.Node, appendArticle)
			})
		}
	case []*tradegraph.Count:
		typ = "Count"
		write = func(b []byte, s *shape) ([]byte, bool) { return writeEach(b, s, v, appendCount) }
	case []tradegraph.Count:
		typ = "Count"
		write = func(b []byte, s *shape) ([]byte, bool) {
			return writeEach(b, s, v, func(b []byte, s *shape, c tradegraph.Count) ([]byte, bool) {
				return appendCount(b, s, &c)
			})
		}
	default:
		return res, nil
	}
	fc := graphql.GetFieldContext(ctx)
	s, ok := shapeOf(graphql.GetOperationContext(ctx), fc.Field.Selections, typ)
	if !ok {
		return res, nil
	}
	b, ok := write(make([]byte, 0, 512), s)
	if !ok {
		return res, nil
	}
	return &written{b}, nil
}

// writeEach writes the list items with one, which returns false when gqlgen
// should write the list instead.
func writeEach[T any](b []byte, s *shape, items []T, one func([]byte, *shape, T) ([]byte, bool)) ([]byte, bool) {
	b = append(b, '[')
	for i, it := range items {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = one(b, s, it); !ok {
			return nil, false
		}
	}
	return append(b, ']'), true
}

// appendObject writes one object of shape s: its fields in order, each
// but __typename written by field, which returns false when gqlgen should
// write the list instead.
func appendObject[T any](b []byte, s *shape, v T, field func([]byte, *column, T) ([]byte, bool)) ([]byte, bool) {
	b = append(b, '{')
	for i := range s.cols {
		c := &s.cols[i]
		b = append(b, c.key...)
		if c.name == "__typename" {
			b = appendQuoted(b, s.typ)
			continue
		}
		var ok bool
		if b, ok = field(b, c, v); !ok {
			return nil, false
		}
	}
	return append(b, '}'), true
}

func appendActor(b []byte, s *shape, a *tradegraph.Actor) ([]byte, bool) {
	if a == nil {
		return nil, false
	}
	return appendObject(b, s, a, actorField)
}

func actorField(b []byte, c *column, a *tradegraph.Actor) ([]byte, bool) {
	switch c.name {
	case "id":
		b = appendQuoted(b, a.ID)
	case "kind":
		// The domain's kinds are the schema's names; gqlgen would write
		// any other value as "".
		if !a.Kind.Valid() {
			return nil, false
		}
		b = appendQuoted(b, string(a.Kind))
	case "name":
		b = appendQuoted(b, a.Name)
	case "aliases":
		b = append(b, '[')
		for i, al := range a.Aliases {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendQuoted(b, al)
		}
		b = append(b, ']')
	case "country":
		b = appendQuoted(b, a.Country)
	case "degree":
		b = strconv.AppendInt(b, int64(a.Degree), 10)
	}
	return b, true
}

func appendArticle(b []byte, s *shape, a *tradegraph.Article) ([]byte, bool) {
	if a == nil {
		return nil, false
	}
	return appendObject(b, s, a, articleField)
}

func articleField(b []byte, c *column, a *tradegraph.Article) ([]byte, bool) {
	switch c.name {
	case "id":
		b = appendQuoted(b, a.ID)
	case "title":
		b = appendQuoted(b, a.Title)
	case "url":
		b = appendQuoted(b, a.URL)
	case "outlet":
		b = appendQuoted(b, a.Outlet)
	case "published":
		b = appendQuoted(b, a.Published)
	case "text":
		b = appendQuoted(b, a.Text)
	}
	return b, true
}

func appendCount(b []byte, s *shape, c *tradegraph.Count) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	return appendObject(b, s, c, func(b []byte, col *column, c *tradegraph.Count) ([]byte, bool) {
		switch col.name {
		case "key":
			b = appendQuoted(b, c.Key)
		case "count":
			b = strconv.AppendInt(b, int64(c.Count), 10)
		}
		return b, true
	})
}

func appendEvidence(b []byte, s *shape, e tradegraph.Cited) ([]byte, bool) {
	return appendObject(b, s, e, func(b []byte, c *column, e tradegraph.Cited) ([]byte, bool) {
		switch c.name {
		case "sentence":
			b = appendQuoted(b, e.Sentence)
		case "start":
			b = strconv.AppendInt(b, int64(e.Start), 10)
		case "end":
			b = strconv.AppendInt(b, int64(e.End), 10)
		}
		return b, true
	})
}

// appendEdge writes an edge of a connection: its cursor and its node.
func appendEdge[T any](b []byte, s *shape, cursor string, node T, one func([]byte, *shape, T) ([]byte, bool)) ([]byte, bool) {
	return appendObject(b, s, node, func(b []byte, c *column, node T) ([]byte, bool) {
		switch c.name {
		case "cursor":
			return appendQuoted(b, cursor), true
		case "node":
			return one(b, c.shape, node)
		}
		return b, true
	})
}

// writeRelations writes relations, or the edges of them when edges is not
// nil (s is then the edges' shape). It first asks the loaders for every
// actor and article the relations select, all at once, so that the
// look-ups of each relation after it find them waiting.
func writeRelations(b []byte, s *shape, rels []*model.Relation, edges []*model.RelationEdge) ([]byte, bool) {
	rs := s
	if edges != nil {
		if rs = s.selected("node"); rs == nil {
			rs = &shape{typ: "Relation"}
		}
	}
	for _, r := range rels {
		if r == nil || r.Relation == nil {
			return nil, false
		}
	}
	warm(rs, rels)
	if edges == nil {
		return writeEach(b, rs, rels, appendRelation)
	}
	return writeEach(b, s, edges, func(b []byte, s *shape, e *model.RelationEdge) ([]byte, bool) {
		return appendEdge(b, s, e.Cursor, e.Node, appendRelation)
	})
}

// warm asks the loaders of rels, in one batch for actors and one for
// articles, for what rs selects. It ignores errors: the relation that
// names a missing actor or article finds out when it looks it up.
func warm(rs *shape, rels []*model.Relation) {
	if len(rels) == 0 {
		return
	}
	var need relationNeeds
	for _, c := range rs.cols {
		need = need.with(c.name)
	}
	plain := make([]*tradegraph.Relation, len(rels))
	for i, r := range rels {
		plain[i] = r.Relation
	}
	look := rels[0].Look
	if actors := relationActorIDs(plain, need, nil); len(actors) > 0 {
		_, _ = look.Actors(actors)
	}
	if need.Articles {
		_, _ = look.Articles(relationArticleIDs(plain))
	}
}

func appendRelation(b []byte, s *shape, r *model.Relation) ([]byte, bool) {
	return appendObject(b, s, r, relationField)
}

func relationField(b []byte, c *column, r *model.Relation) ([]byte, bool) {
	switch c.name {
	case "id":
		b = appendQuoted(b, r.ID)
	case "type":
		if !r.Type.Valid() {
			return nil, false
		}
		b = appendQuoted(b, string(r.Type))
	case "about":
		b = appendQuoted(b, r.About)
	case "hedged":
		b = strconv.AppendBool(b, r.Hedged)
	case "confidence":
		// gqlgen refuses infinities and NaN with an error at the field.
		if math.IsInf(r.Confidence, 0) || math.IsNaN(r.Confidence) {
			return nil, false
		}
		b = appendFloat(b, r.Confidence)
	case "date":
		b = appendQuoted(b, r.Date)
	case "cameo":
		b = appendQuoted(b, r.Cameo)
	case "rule":
		b = appendQuoted(b, r.Rule)
	case "evidence":
		return appendEvidence(b, c.shape, r.Cited())
	case "from", "to":
		look := r.FromActor
		if c.name == "to" {
			look = r.ToActor
		}
		a, err := look()
		if err != nil {
			return nil, false
		}
		return appendActor(b, c.shape, a)
	case "reportedBy":
		a, err := r.Reporter()
		if err != nil {
			return nil, false
		}
		if a == nil {
			return append(b, "null"...), true
		}
		return appendActor(b, c.shape, a)
	case "concerning":
		as, err := r.ConcerningActors()
		if err != nil {
			return nil, false
		}
		return writeEach(b, c.shape, as, appendActor)
	case "article":
		a, err := r.Source()
		if err != nil {
			return nil, false
		}
		return appendArticle(b, c.shape, a)
	}
	return b, true
}

// appendFloat writes f as gqlgen does, with %g: the shortest form that
// reads back the same, which is what 'g' with precision -1 gives.
func appendFloat(b []byte, f float64) []byte { return strconv.AppendFloat(b, f, 'g', -1, 64) }

// appendQuoted writes s as a JSON string the way gqlgen does: quotes,
// backslashes and control characters escaped, everything else (invalid
// UTF-8 included) as it stands.
func appendQuoted(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '\\' && c != '"' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '\t':
			b = append(b, `\t`...)
		case '\r':
			b = append(b, `\r`...)
		case '\n':
			b = append(b, `\n`...)
		case '\\':
			b = append(b, `\\`...)
		case '"':
			b = append(b, `\"`...)
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
