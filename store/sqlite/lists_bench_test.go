package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/synth"
	"github.com/tradegraph/tradegraph/loader/extract"
	"github.com/tradegraph/tradegraph/store/sqlite"
)

// listBenchStore is the store the list benchmarks read: the database at
// $TRADEGRAPH_SQLITE_BENCH_DB when set (load one with `synth -n 10000` and
// `tradegraph load --sqlite`), else 1,000 synthetic articles (seed 1)
// extracted and saved into a temporary file once per process.
var listBenchStore = sync.OnceValues(func() (*sqlite.Store, error) {
	ctx := context.Background()
	if path := os.Getenv("TRADEGRAPH_SQLITE_BENCH_DB"); path != "" {
		return sqlite.Open(ctx, path)
	}
	dir, err := os.MkdirTemp("", "tradegraph-listbench")
	if err != nil {
		return nil, err
	}
	st, err := sqlite.Open(ctx, filepath.Join(dir, "graph.db"))
	if err != nil {
		return nil, err
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		return nil, err
	}
	g := synth.New(1)
	for range 1000 {
		x, err := ex.Extract(ctx, g.Next())
		if err != nil {
			return nil, err
		}
		if err := st.SaveExtraction(ctx, x); err != nil {
			return nil, err
		}
	}
	return st, nil
})

func benchStore(b *testing.B) *sqlite.Store {
	b.Helper()
	st, err := listBenchStore()
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkLists reads the pages a frontend asks for most: actors by
// degree (first page, and a page deep in the list), the timeline of the
// most connected actor, relations by confidence, and articles by date.
func BenchmarkLists(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	top, err := st.FindActors(ctx, tradegraph.ActorFilter{Order: tradegraph.ActorsByDegree, Paging: tradegraph.Paging{First: 50, Desc: true}})
	if err != nil || len(top.Items) == 0 {
		b.Fatalf("no actors to page through: %v", err)
	}
	hub := top.Items[0]
	// A cursor in the middle of the list by degree.
	all, err := st.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	mid := tradegraph.Cursor{ID: "m", Degree: 1}
	b.Logf("%d articles, %d actors, %d relations; the hub %s has degree %d", all.Articles, all.Actors, all.Relations, hub.ID, hub.Degree)

	cases := []struct {
		name string
		run  func() (int, error)
	}{
		{"actors by degree", func() (int, error) {
			p, err := st.FindActors(ctx, tradegraph.ActorFilter{Order: tradegraph.ActorsByDegree, Paging: tradegraph.Paging{First: 50, Desc: true}})
			return len(p.Items), err
		}},
		{"actors by degree after a cursor, with total", func() (int, error) {
			p, err := st.FindActors(ctx, tradegraph.ActorFilter{Order: tradegraph.ActorsByDegree,
				Paging: tradegraph.Paging{First: 50, After: mid, Desc: true, WithTotal: true}})
			return len(p.Items), err
		}},
		{"actors by name, last page", func() (int, error) {
			p, err := st.FindActors(ctx, tradegraph.ActorFilter{Order: tradegraph.ActorsByName, Paging: tradegraph.Paging{Last: 50}})
			return len(p.Items), err
		}},
		{"timeline of the hub", func() (int, error) {
			p, err := st.FindRelations(ctx, tradegraph.RelationFilter{Actor: hub.ID, Order: tradegraph.RelationsByDate,
				Paging: tradegraph.Paging{First: 50, Desc: true}})
			return len(p.Items), err
		}},
		{"relations by confidence", func() (int, error) {
			p, err := st.FindRelations(ctx, tradegraph.RelationFilter{Order: tradegraph.RelationsByConfidence,
				Paging: tradegraph.Paging{First: 50, Desc: true}})
			return len(p.Items), err
		}},
		{"articles by date", func() (int, error) {
			p, err := st.FindArticles(ctx, tradegraph.ArticleFilter{Order: tradegraph.ArticlesByPublished,
				Paging: tradegraph.Paging{First: 50, Desc: true}})
			return len(p.Items), err
		}},
		{"relations of 50 actors, batched", func() (int, error) {
			fs := make([]tradegraph.RelationFilter, len(top.Items))
			for i, a := range top.Items {
				fs[i] = tradegraph.RelationFilter{Actor: a.ID, Paging: tradegraph.Paging{First: 10}}
			}
			ps, err := st.FindRelationPages(ctx, fs)
			return len(ps), err
		}},
		{"relations of 50 actors, one by one", func() (int, error) {
			for _, a := range top.Items {
				if _, err := st.FindRelations(ctx, tradegraph.RelationFilter{Actor: a.ID, Paging: tradegraph.Paging{First: 10}}); err != nil {
					return 0, err
				}
			}
			return len(top.Items), nil
		}},
		{"facets", func() (int, error) {
			f, err := st.RelationFacets(ctx, tradegraph.RelationFilter{})
			return f.Total, err
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if n, err := c.run(); err != nil || n == 0 {
					b.Fatalf("%d items, %v", n, err)
				}
			}
		})
	}
}
