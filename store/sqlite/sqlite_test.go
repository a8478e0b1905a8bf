package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/store/sqlite"
	"github.com/tradegraph/tradegraph/store/storetest"
)

func open(tb testing.TB, path string) *sqlite.Store {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	return st
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) tradegraph.Store {
		return open(t, filepath.Join(t.TempDir(), "graph.db"))
	}, storetest.Capabilities{SearchRanking: true, BatchSaver: true})
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	st := open(t, path)
	x := &tradegraph.Extraction{
		Article: &tradegraph.Article{ID: "https://news.example/1", Title: "One", Text: "Japan and China."},
		Actors: []*tradegraph.Actor{
			{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan", Country: "JP"},
			{ID: "country:CN", Kind: tradegraph.Country, Name: "China", Country: "CN"},
		},
		Relations: []*tradegraph.Relation{{Type: tradegraph.MetWith, From: "country:CN", To: "country:JP", Confidence: 0.8}},
	}
	if err := st.SaveExtraction(t.Context(), x); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	// Opening again applies no migration twice and keeps the data.
	for range 2 {
		st = open(t, path)
		stats, err := st.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if stats.Articles != 1 || stats.Actors != 2 || stats.Relations != 1 {
			t.Errorf("after reopening: %+v", stats)
		}
		got, err := st.SearchActors(t.Context(), "jap", nil, 5)
		if err != nil || len(got) != 1 || got[0].ID != "country:JP" {
			t.Errorf("SearchActors after reopening = %v, %v", got, err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}

	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var migrations, distinct int
	if err := db.QueryRow(`SELECT count(*), count(DISTINCT name) FROM schema_migrations`).Scan(&migrations, &distinct); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("migration/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if migrations != len(files) || migrations != distinct {
		t.Errorf("schema_migrations holds %d rows (%d distinct) after three opens, want one per file (%d)", migrations, distinct, len(files))
	}
	var journal string
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&journal); err != nil || journal != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", journal, err)
	}
}

func TestOpenEmptyPath(t *testing.T) {
	if _, err := sqlite.Open(t.Context(), ""); tradegraph.ErrorCode(err) != tradegraph.EINVALID {
		t.Errorf("Open(\"\") error = %v, want EINVALID", err)
	}
}

// BenchmarkSaveExtraction saves articles of a realistic size: 4 KB of text,
// 25 actors, 60 mentions, 20 relations, actors shared between articles.
func BenchmarkSaveExtraction(b *testing.B) {
	st := open(b, filepath.Join(b.TempDir(), "graph.db"))
	defer st.Close()
	text := make([]byte, 4096)
	for i := range text {
		text[i] = "abcdefgh ij"[i%11]
	}
	kinds := tradegraph.ActorKinds
	pool := make([]*tradegraph.Actor, 200)
	for i := range pool {
		k := kinds[i%len(kinds)]
		name := fmt.Sprintf("Actor Number %d", i)
		pool[i] = &tradegraph.Actor{ID: tradegraph.ActorID(k, name), Kind: k, Name: name, Aliases: []string{fmt.Sprint("AN", i)}}
	}
	extraction := func(n int) *tradegraph.Extraction {
		a := &tradegraph.Article{ID: fmt.Sprintf("https://bench.example/%d", n), Title: "Bench", Published: "2024-05-06", Text: string(text)}
		x := &tradegraph.Extraction{Article: a}
		for j := range 25 {
			x.Actors = append(x.Actors, pool[(n*7+j*13)%len(pool)])
		}
		for j := range 60 {
			ac := x.Actors[j%len(x.Actors)]
			x.Mentions = append(x.Mentions, tradegraph.Mention{ActorID: ac.ID, Text: fmt.Sprintf("%s %d", ac.Name, j%3), Start: j * 50, End: j*50 + 12})
		}
		for j := range 20 {
			t := tradegraph.RelationTypes[j%len(tradegraph.RelationTypes)]
			from, to := x.Actors[j], x.Actors[(j+1)%len(x.Actors)]
			x.Relations = append(x.Relations, &tradegraph.Relation{Type: t, From: from.ID, To: to.ID, Article: a.ID,
				Evidence: "An evidence sentence of ordinary length that supports the claim made.", Span: [2]int{j * 100, j*100 + 70},
				About: "semiconductor equipment", Concerning: []string{x.Actors[(j+2)%len(x.Actors)].ID}, Confidence: 0.7,
				Date: "2024-05-06", Cameo: t.Cameo(), Rule: "bench"})
		}
		return x
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := st.SaveExtraction(b.Context(), extraction(i)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) tradegraph.Store {
		return open(t, ":memory:")
	}, storetest.Capabilities{SearchRanking: true, BatchSaver: true})
}

// TestOpenOddPath opens a file whose folder name holds the characters that
// end or escape the path part of an SQLite URI.
func TestOpenOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a?b#c%20d")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "tg.db")
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database is not where the path says: %v", err)
	}
}
