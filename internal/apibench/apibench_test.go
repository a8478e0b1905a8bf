package apibench

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/loadbench"
	"github.com/tradegraph/tradegraph/internal/neo4jtest"
)

// testArticles is the corpus of the tests: enough articles for a few
// actors with a full page of relations.
const testArticles = 200

// TestMain keeps the corpora and databases of the tests in a temporary
// folder, and loads the shared test database once.
func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "apibench-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("TRADEGRAPH_CORPUS_DIR", filepath.Join(tmp, "corpus"))
	sharedDir = filepath.Join(tmp, "shared")
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}

var sharedDir string

// smallSQLite opens the test corpus in a SQLite file shared by the tests,
// loaded by the first of them.
func smallSQLite(tb testing.TB) tradegraph.Store {
	tb.Helper()
	st, err := OpenSQLite(context.Background(), sharedDir, testArticles, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// checkAgreement draws inputs from st and checks that GraphQL and the
// direct calls give the same, non-trivial answers to every query.
func checkAgreement(t *testing.T, st tradegraph.Store) {
	t.Helper()
	ctx := t.Context()
	pools, err := DrawInputs(ctx, st, 8, Seed)
	if err != nil {
		t.Fatal(err)
	}
	r := NewRunner(st)
	for _, q := range Queries {
		t.Run(q.Name, func(t *testing.T) {
			if len(pools[q.Name]) == 0 {
				t.Fatal("no inputs")
			}
			for _, in := range pools[q.Name] {
				if err := r.Agree(ctx, q, in); err != nil {
					t.Fatal(err)
				}
				body, err := r.direct(ctx, q, in)
				if err != nil {
					t.Fatal(err)
				}
				checkNotTrivial(t, q.Name, body)
			}
		})
	}
}

// checkNotTrivial holds each answer to what its query promises, so that
// two empty answers cannot agree.
func checkNotTrivial(t *testing.T, query string, body []byte) {
	t.Helper()
	var ans struct {
		Data struct {
			Search []struct{ Name string }
			Actor  struct {
				Relations struct{ Nodes []json.RawMessage }
			}
			Neighborhood struct{ Actors, Relations []json.RawMessage }
			Path         struct {
				Hops      int
				Relations []json.RawMessage
			}
			Timeline struct {
				ByMonth   []struct{ Count int }
				Relations struct{ Nodes []json.RawMessage }
			}
		}
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		t.Fatal(err)
	}
	d := ans.Data
	var ok bool
	switch query {
	case "search":
		ok = len(d.Search) > 0
	case "profile":
		ok = len(d.Actor.Relations.Nodes) == ProfileDegree
	case "neighborhood":
		ok = len(d.Neighborhood.Actors) > 1 && len(d.Neighborhood.Relations) >= ViewDegree
	case "path":
		ok = d.Path.Hops >= 2 && d.Path.Hops <= 4 && len(d.Path.Relations) == d.Path.Hops
	case "timeline":
		months := 0
		for _, m := range d.Timeline.ByMonth {
			months += m.Count
		}
		ok = len(d.Timeline.Relations.Nodes) == ProfileDegree && months >= ProfileDegree
	}
	if !ok {
		t.Errorf("%s: answer too small: %.300s", query, body)
	}
}

func TestQueriesAgreeSQLite(t *testing.T) {
	st := smallSQLite(t)
	checkAgreement(t, st)
}

func TestQueriesAgreeNeo4j(t *testing.T) {
	st := neo4jtest.Open(t)
	corpus, err := loadbench.Corpus(t.TempDir(), testArticles, Seed)
	if err != nil {
		t.Fatal(err)
	}
	if err := load(t.Context(), st, corpus, nil); err != nil {
		t.Fatal(err)
	}
	checkAgreement(t, st)
}

// A direct answer that leaves something out must not agree.
func TestAgreeSeesDifferences(t *testing.T) {
	st := smallSQLite(t)
	pools, err := DrawInputs(t.Context(), st, 2, Seed)
	if err != nil {
		t.Fatal(err)
	}
	q := profile
	inner := q.Direct
	q.Direct = func(ctx context.Context, st tradegraph.Store, in Input) (any, error) {
		v, err := inner(ctx, st, in)
		if err != nil {
			return nil, err
		}
		b, _ := json.Marshal(v)
		// Drop the last relation of the page.
		var m map[string]map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, err
		}
		rels := m["actor"]["relations"].(map[string]any)
		nodes := rels["nodes"].([]any)
		rels["nodes"] = nodes[:len(nodes)-1]
		return m, nil
	}
	err = NewRunner(st).Agree(t.Context(), q, pools["profile"][0])
	if err == nil || !strings.Contains(err.Error(), "differ") {
		t.Fatalf("Agree = %v, want the answers to differ", err)
	}
}

// OpenSQLite loads a corpus once: a second open finds the marker and
// loads nothing, and a database without its marker is loaded afresh.
func TestOpenSQLiteLoadsOnce(t *testing.T) {
	const tinyCorpus = 20
	dir := t.TempDir()
	st, err := OpenSQLite(t.Context(), dir, tinyCorpus, nil)
	if err != nil {
		t.Fatal(err)
	}
	before, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db := filepath.Join(dir, "apibench-20.db")

	start := time.Now()
	again, err := OpenSQLite(t.Context(), dir, tinyCorpus, func(f string, args ...any) {
		if strings.HasPrefix(f, "loading") {
			t.Errorf("loaded the corpus again")
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	after, err := again.Stats(t.Context())
	again.Close()
	if err != nil {
		t.Fatal(err)
	}
	if before.Articles != tinyCorpus || after.Articles != before.Articles || after.Relations != before.Relations {
		t.Errorf("articles %d then %d, relations %d then %d", before.Articles, after.Articles, before.Relations, after.Relations)
	}
	t.Logf("reopened in %v", time.Since(start))

	if err := os.Remove(db + ".loaded"); err != nil {
		t.Fatal(err)
	}
	var loaded bool
	fresh, err := OpenSQLite(t.Context(), dir, tinyCorpus, func(f string, args ...any) {
		loaded = loaded || strings.HasPrefix(f, "loading")
	})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if !loaded {
		t.Error("a database without its marker was not loaded again")
	}
	// Loaded into the old file, the articles would be the same and the
	// load merely slower; the count shows it was not loaded twice over.
	if s, err := fresh.Stats(t.Context()); err != nil || s.Articles != tinyCorpus {
		t.Errorf("after the fresh load: %+v, %v", s, err)
	}
}

// OpenNeo4j refuses a database that holds something else than the corpus.
func TestOpenNeo4jRefusesOtherData(t *testing.T) {
	st := neo4jtest.Open(t)
	other, err := loadbench.Corpus(t.TempDir(), 3, Seed+1)
	if err != nil {
		t.Fatal(err)
	}
	if err := load(t.Context(), st, other, nil); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TRADEGRAPH_CORPUS_DIR", t.TempDir())
	_, err = OpenNeo4j(t.Context(), neo4jtest.Config(t), 5, nil)
	if err == nil || !strings.Contains(err.Error(), "not those of") {
		t.Fatalf("OpenNeo4j = %v, want a refusal", err)
	}
}

func TestMeasure(t *testing.T) {
	st := smallSQLite(t)
	pools, err := DrawInputs(t.Context(), st, 4, Seed)
	if err != nil {
		t.Fatal(err)
	}
	cells, err := NewRunner(st).Measure(t.Context(), pools, Config{Requests: 12, Round: 5, Concurrency: []int{1, 3}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cells) != len(Queries)*2*2 {
		t.Fatalf("%d cells, want %d", len(cells), len(Queries)*4)
	}
	for _, c := range cells {
		if c.Requests != 12 || c.P50 <= 0 || c.P99 < c.P50 || c.Throughput() <= 0 || c.Bytes <= 0 {
			t.Errorf("cell %+v", c)
		}
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, cells); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(buf.String(), "\n"); rows != 2+len(Queries)*2 {
		t.Errorf("table of %d lines:\n%s", rows, buf.String())
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i))
	}
	if p := percentile(ds, 50); p != 50 {
		t.Errorf("p50 = %d", p)
	}
	if p := percentile(ds, 99); p != 99 {
		t.Errorf("p99 = %d", p)
	}
	if p := percentile(ds[:1], 99); p != 100 {
		t.Errorf("p99 of one = %d", p)
	}
	if p := percentile(nil, 50); p != 0 {
		t.Errorf("p50 of none = %d", p)
	}
}
