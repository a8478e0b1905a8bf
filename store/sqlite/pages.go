package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/tradegraph/tradegraph"
)

// FindActorPages answers every filter of fs in one read transaction, one
// page per filter. Filters that differ only in Article are answered
// together, by one query for their items.
func (s *Store) FindActorPages(ctx context.Context, fs []tradegraph.ActorFilter) ([]*tradegraph.Page[*tradegraph.Actor], error) {
	return findPages(ctx, s.read, "actors", fs, actorQuery, actorList, actorParent, scanActor)
}

// FindRelationPages answers every filter of fs in one read transaction,
// one page per filter. Filters that set exactly one of From, To, Actor and
// Article and differ only in it are answered together, by one query for
// their items.
func (s *Store) FindRelationPages(ctx context.Context, fs []tradegraph.RelationFilter) ([]*tradegraph.Page[*tradegraph.Relation], error) {
	return findPages(ctx, s.read, "relations", fs, relationQuery, relationList, relationParent, scanRelation)
}

// FindArticlePages answers every filter of fs in one read transaction, one
// page per filter. Filters that differ only in Actor are answered
// together, by one query for their items.
func (s *Store) FindArticlePages(ctx context.Context, fs []tradegraph.ArticleFilter) ([]*tradegraph.Page[*tradegraph.Article], error) {
	return findPages(ctx, s.read, "articles", fs, articleQuery, articleList, articleParent, scanArticle)
}

// actorParent takes the article out of f: the actors of an article.
func actorParent(f tradegraph.ActorFilter) (string, tradegraph.ActorFilter, link, bool) {
	if f.Article == "" {
		return "", f, nil, false
	}
	parent := f.Article
	f.Article = ""
	return parent, f, func(pe string) []string {
		return []string{`t.id IN (SELECT actor_id FROM article_actors WHERE article_id = ` + pe + `)`}
	}, true
}

// relationParent takes the one actor or article f sets out of it. The
// relations of an actor are those from it and those to it from another
// actor, so that each half can follow an index of its own.
func relationParent(f tradegraph.RelationFilter) (string, tradegraph.RelationFilter, link, bool) {
	var (
		parent string
		l      link
		set    int
	)
	for _, end := range []struct {
		id *string
		l  link
	}{
		{&f.From, func(pe string) []string { return []string{`t.from_id = ` + pe} }},
		{&f.To, func(pe string) []string { return []string{`t.to_id = ` + pe} }},
		{&f.Actor, func(pe string) []string {
			return []string{`t.from_id = ` + pe, `t.to_id = ` + pe + ` AND t.from_id <> ` + pe}
		}},
		{&f.Article, func(pe string) []string { return []string{`t.article_id = ` + pe} }},
	} {
		if *end.id != "" {
			parent, l, set = *end.id, end.l, set+1
		}
	}
	if set != 1 {
		return "", f, nil, false
	}
	f.From, f.To, f.Actor, f.Article = "", "", "", ""
	return parent, f, l, true
}

// articleParent takes the actor out of f: the articles of an actor.
func articleParent(f tradegraph.ArticleFilter) (string, tradegraph.ArticleFilter, link, bool) {
	if f.Actor == "" {
		return "", f, nil, false
	}
	parent := f.Actor
	f.Actor = ""
	return parent, f, func(pe string) []string {
		return []string{`t.id IN (SELECT article_id FROM article_actors WHERE actor_id = ` + pe + `)`}
	}, true
}

// withParent builds the query of f: the list of its parent's items when
// split finds one, else a plain list.
func withParent[F any](f F, list func(F) (*listQuery, error), split func(F) (string, F, link, bool)) (*listQuery, error) {
	parent, rest, l, ok := split(f)
	if !ok {
		return list(f)
	}
	q, err := list(rest)
	if err != nil {
		return nil, err
	}
	q.link, q.parent = l, parent
	return q, nil
}

// findPages answers the filters fs. query checks a filter and turns it
// into a query; split takes a filter's parent id out of it, and list
// builds the query of the rest. Filters whose rest is the same are
// answered together for all their parents; a group of one parent runs as
// a plain page query.
func findPages[F, T any](ctx context.Context, db *sql.DB, what string, fs []F,
	query func(F) (*listQuery, error),
	list func(F) (*listQuery, error),
	split func(F) (parent string, rest F, l link, ok bool),
	scan func(rowScanner) (T, error),
) ([]*tradegraph.Page[T], error) {
	qs := make([]*listQuery, len(fs))
	keys := make([]string, len(fs))
	batchable := make([]bool, len(fs))
	for i, f := range fs {
		// Every filter is checked before any query runs.
		q, err := query(f)
		if err != nil {
			return nil, err
		}
		qs[i] = q
		if q.link == nil {
			continue
		}
		_, rest, _, _ := split(f)
		k, err := json.Marshal(rest)
		if err != nil {
			return nil, fmt.Errorf("sqlite: find %s: group filters: %w", what, err)
		}
		// The link's conditions name the parent's field.
		keys[i], batchable[i] = fmt.Sprint(q.link("?"))+"\x00"+string(k), true
	}

	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: find %s: %w", what, err)
	}
	defer tx.Rollback() // nothing to keep: the transaction only reads

	out := make([]*tradegraph.Page[T], len(fs))
	groups := groupByParent(len(fs), func(i int) (string, string, bool) {
		if !batchable[i] {
			return "", "", false
		}
		return qs[i].parent, keys[i], true
	})
	for _, g := range groups {
		first := qs[g.index[0]]
		if len(g.parents) <= 1 {
			p, err := pageTx(ctx, tx, first, scan)
			if err != nil {
				return nil, err
			}
			for _, i := range g.index {
				out[i] = copyPage(p)
			}
			continue
		}
		pages, err := pagesTx(ctx, tx, first, g.parents, scan)
		if err != nil {
			return nil, err
		}
		for _, i := range g.index {
			out[i] = copyPage(pages[qs[i].parent])
		}
	}
	return out, nil
}
