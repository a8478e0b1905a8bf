package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph"
)

// TestPlansFollowIndexes checks that every order, either way round, with
// and without a cursor, pages along an index: SQLite never sorts the whole
// table for a page. The store runs no ANALYZE, so the planner's choice does
// not depend on how many rows the tables hold.
func TestPlansFollowIndexes(t *testing.T) {
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	type listCase struct {
		name  string
		index string // the index the plan must name
		build func(tradegraph.Paging) (*listQuery, error)
	}
	actors := func(o tradegraph.ActorOrder) func(tradegraph.Paging) (*listQuery, error) {
		return func(p tradegraph.Paging) (*listQuery, error) {
			return actorQuery(tradegraph.ActorFilter{Order: o, Paging: p})
		}
	}
	relations := func(o tradegraph.RelationOrder) func(tradegraph.Paging) (*listQuery, error) {
		return func(p tradegraph.Paging) (*listQuery, error) {
			return relationQuery(tradegraph.RelationFilter{Order: o, Paging: p})
		}
	}
	articles := func(o tradegraph.ArticleOrder) func(tradegraph.Paging) (*listQuery, error) {
		return func(p tradegraph.Paging) (*listQuery, error) {
			return articleQuery(tradegraph.ArticleFilter{Order: o, Paging: p})
		}
	}
	lists := []listCase{
		{"actors by id", "sqlite_autoindex_actors_1", actors(tradegraph.ActorsByID)},
		{"actors by name", "actors_name", actors(tradegraph.ActorsByName)},
		{"actors by degree", "actors_degree", actors(tradegraph.ActorsByDegree)},
		{"relations by id", "sqlite_autoindex_relations_1", relations(tradegraph.RelationsByID)},
		{"relations by date", "relations_date", relations(tradegraph.RelationsByDate)},
		{"relations by confidence", "relations_confidence", relations(tradegraph.RelationsByConfidence)},
		{"articles by id", "sqlite_autoindex_articles_1", articles(tradegraph.ArticlesByID)},
		{"articles by published", "articles_published", articles(tradegraph.ArticlesByPublished)},
	}
	cursor := tradegraph.Cursor{ID: "m", Name: "M", Degree: 3, Date: "2024-01-01", Confidence: 0.5}
	pagings := map[string]tradegraph.Paging{
		"first page":       {First: 10},
		"after":            {First: 10, After: cursor},
		"last page":        {Last: 10},
		"before":           {Last: 10, Before: cursor},
		"desc first page":  {First: 10, Desc: true},
		"desc after":       {First: 10, After: cursor, Desc: true},
		"desc before":      {Last: 10, Before: cursor, Desc: true},
		"desc after total": {First: 10, After: cursor, Desc: true, WithTotal: true},
	}
	for _, l := range lists {
		for pname, p := range pagings {
			t.Run(l.name+"/"+pname, func(t *testing.T) {
				q, err := l.build(p)
				if err != nil {
					t.Fatal(err)
				}
				queries := map[string]func() (string, []any){"items": q.itemsSQL}
				if !p.After.IsZero() || !p.Before.IsZero() {
					queries["other side"] = q.otherSideSQL
				}
				for what, sqlOf := range queries {
					query, args := sqlOf()
					plan := explain(t, s, query, args)
					if strings.Contains(plan, "TEMP B-TREE") {
						t.Errorf("%s query sorts:\n%s\n%s", what, query, plan)
					}
					if !strings.Contains(plan+"\n", "INDEX "+l.index+" ") && !strings.Contains(plan+"\n", "INDEX "+l.index+"\n") {
						t.Errorf("%s query does not use %s:\n%s\n%s", what, l.index, query, plan)
					}
				}
			})
		}
	}
}

// explain returns the plan of a query, one step per line.
func explain(tb testing.TB, s *Store, query string, args []any) string {
	tb.Helper()
	rows, err := s.read.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		tb.Fatalf("explain %s: %v", query, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var (
			id, parent, unused int
			detail             string
		)
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, detail)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return strings.Join(lines, "\n")
}
