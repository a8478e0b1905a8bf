package sqlite_test

import (
	"database/sql"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/tradegraph/tradegraph"
)

// TestMigrationComputesDegree builds a database as the store left it
// before actors had a degree (the migrations before 0003 only), then opens
// it: the migration must count every actor's relations, a relation from an
// actor to itself once, and later writes must keep the count.
func TestMigrationComputesDegree(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := db.Exec(query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	exec(`CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT '')`)
	files, err := filepath.Glob("migration/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if filepath.Base(f) >= "0003" {
			continue
		}
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		exec(string(body))
		exec(`INSERT INTO schema_migrations (name) VALUES (?)`, f)
	}
	exec(`INSERT INTO articles (id) VALUES ('a1'), ('a2')`)
	exec(`INSERT INTO actors (id, kind, name) VALUES
		('country:US', 'Country', 'United States'), ('country:JP', 'Country', 'Japan'),
		('country:CN', 'Country', 'China'), ('company:acme', 'Company', 'Acme'),
		('organization:idle', 'Organization', 'Idle')`)
	exec(`INSERT INTO relations (id, type, from_id, to_id, article_id) VALUES
		('r1', 'REQUESTED', 'country:US', 'country:JP', 'a1'),
		('r2', 'BANNED', 'country:CN', 'country:JP', 'a1'),
		('r3', 'REQUESTED', 'country:US', 'country:JP', 'a2'),
		('r4', 'OWNS', 'company:acme', 'company:acme', 'a2')`)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	st := open(t, path)
	defer st.Close()
	degrees := func() map[string]int {
		t.Helper()
		p, err := st.FindActors(t.Context(), tradegraph.ActorFilter{Order: tradegraph.ActorsByDegree, Paging: tradegraph.Paging{Desc: true}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, a := range p.Items {
			got[a.ID] = a.Degree
		}
		return got
	}
	want := map[string]int{"country:JP": 3, "country:US": 2, "country:CN": 1, "company:acme": 1, "organization:idle": 0}
	if got := degrees(); !maps.Equal(got, want) {
		t.Errorf("degrees after the migration = %v, want %v", got, want)
	}

	// The triggers are in place for rows the old database held.
	if _, err := st.DeleteArticle(t.Context(), "a2"); err != nil {
		t.Fatal(err)
	}
	want = map[string]int{"country:JP": 2, "country:US": 1, "country:CN": 1, "organization:idle": 0}
	if got := degrees(); !maps.Equal(got, want) {
		t.Errorf("degrees after deleting a2 = %v, want %v", got, want)
	}
}
