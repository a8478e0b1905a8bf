package loadbench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/neo4jtest"
	"github.com/tradegraph/tradegraph/loader/extract"
	"github.com/tradegraph/tradegraph/store/neo4j"
	"github.com/tradegraph/tradegraph/store/sqlite"
)

// BenchmarkLoadSQLite measures `tradegraph load` into a fresh SQLite file
// at the sizes of Sizes (1k and 10k unless TRADEGRAPH_BENCH_SIZE says
// otherwise):
//
//	go test -run '^$' -bench LoadSQLite -benchtime 1x ./internal/loadbench
//	TRADEGRAPH_BENCH_SIZE=100k go test -run '^$' -bench LoadSQLite -benchtime 1x -timeout 3h ./internal/loadbench
func BenchmarkLoadSQLite(b *testing.B) {
	sizes, err := Sizes()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range sizes {
		b.Run(SizeName(n), func(b *testing.B) { Bench(b, openSQLite, n) })
	}
}

// BenchmarkLoadNeo4j is BenchmarkLoadSQLite into the Neo4j server that
// NEO4J_URI names (see internal/neo4jtest: without it the benchmark is
// skipped, loudly), emptied before every iteration and held for this
// benchmark alone while it runs:
//
//	scripts/neo4j.sh run go test -run '^$' -bench LoadNeo4j -benchtime 1x -timeout 2h ./internal/loadbench
func BenchmarkLoadNeo4j(b *testing.B) {
	sizes, err := Sizes()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range sizes {
		b.Run(SizeName(n), func(b *testing.B) { Bench(b, openNeo4j, n) })
	}
}

// openNeo4j opens the test server's database, emptied. The corpus is
// deleted again when the benchmark ends, while it still holds the
// database, so that the next test to open it does not pay for deleting
// a large graph.
func openNeo4j(tb testing.TB) tradegraph.Store {
	tb.Helper()
	st := neo4jtest.Open(tb)
	tb.Cleanup(func() {
		// Bench has closed st by now.
		st, err := neo4j.Open(context.Background(), neo4jtest.Config(tb))
		if err == nil {
			err = st.DeleteAll(context.Background())
			st.Close()
		}
		if err != nil {
			tb.Errorf("empty the database after the benchmark: %v", err)
		}
	})
	return st
}

// openSQLite opens an empty SQLite store in a file, as `tradegraph load
// --sqlite` does.
func openSQLite(tb testing.TB) tradegraph.Store {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "bench.db"))
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

func newExtractor(tb testing.TB) tradegraph.Extractor {
	tb.Helper()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return ex
}

func TestRun(t *testing.T) {
	corpus, err := Corpus(t.TempDir(), 40, 1)
	if err != nil {
		t.Fatal(err)
	}
	st := openSQLite(t)
	defer st.Close()
	res, err := Run(t.Context(), st, newExtractor(t), corpus, Options{Workers: 2, ExtractOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 40 || res.Stats.Articles != 40 {
		t.Errorf("loaded %d articles, store holds %d, want 40 and 40", res.Articles, res.Stats.Articles)
	}
	if res.Relations < 40*5 || res.Stats.Relations != res.Relations {
		t.Errorf("%d relations loaded, %d stored; want at least 5 per article, all stored", res.Relations, res.Stats.Relations)
	}
	if res.First <= 0 || res.Second <= 0 || res.ExtractOnly <= 0 {
		t.Errorf("durations not measured: %+v", res)
	}
	if res.ArticlesPerSecond() <= 0 || res.RelationsPerSecond() < res.ArticlesPerSecond() {
		t.Errorf("throughputs %.1f articles/s, %.1f relations/s", res.ArticlesPerSecond(), res.RelationsPerSecond())
	}
}

// growingStore reports one more article each time it is asked, as a store
// whose reloads duplicate rows would.
type growingStore struct {
	tradegraph.Store
	n int
}

func (s *growingStore) Stats(ctx context.Context) (*tradegraph.Stats, error) {
	st, err := s.Store.Stats(ctx)
	if err != nil {
		return nil, err
	}
	s.n++
	st.Articles += s.n
	return st, nil
}

func TestRunFailsWhenReloadChangesStore(t *testing.T) {
	corpus, err := Corpus(t.TempDir(), 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	st := &growingStore{Store: openSQLite(t)}
	defer st.Close()
	_, err = Run(t.Context(), st, newExtractor(t), corpus, Options{})
	if err == nil || !strings.Contains(err.Error(), "second load changed the store") {
		t.Fatalf("Run = %v, want an error about the second load", err)
	}
}

func TestRunFailsOnFailedArticles(t *testing.T) {
	dir := t.TempDir()
	corpus, err := Corpus(dir, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(corpus)
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.jsonl")
	if err := os.WriteFile(broken, append(data, "{\"text\": 12}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openSQLite(t)
	defer st.Close()
	_, err = Run(t.Context(), st, newExtractor(t), broken, Options{})
	if err == nil || !strings.Contains(err.Error(), "1 articles failed") {
		t.Fatalf("Run = %v, want an error naming the failed article", err)
	}
}

func TestCorpusIsCached(t *testing.T) {
	dir := t.TempDir()
	p1, err := Corpus(dir, 12, 5)
	if err != nil {
		t.Fatal(err)
	}
	info1, err := os.Stat(p1)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p1)
	if n := bytes.Count(data, []byte("\n")); n != 12 {
		t.Errorf("corpus has %d lines, want 12", n)
	}
	p2, err := Corpus(dir, 12, 5)
	if err != nil {
		t.Fatal(err)
	}
	info2, _ := os.Stat(p2)
	if p1 != p2 || !info1.ModTime().Equal(info2.ModTime()) {
		t.Errorf("second call wrote %s again (first %s)", p2, p1)
	}
	p3, err := Corpus(dir, 12, 6)
	if err != nil {
		t.Fatal(err)
	}
	if p3 == p1 {
		t.Error("another seed gave the same file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files in the corpus folder, want 2", len(entries))
	}
}

func TestSizes(t *testing.T) {
	for _, c := range []struct {
		env  string
		want []int
		bad  bool
	}{
		{"", DefaultSizes, false},
		{"100k", []int{100000}, false},
		{"1k, 10k,2500", []int{1000, 10000, 2500}, false},
		{"ten", nil, true},
		{"-5", nil, true},
	} {
		t.Setenv("TRADEGRAPH_BENCH_SIZE", c.env)
		got, err := Sizes()
		if (err != nil) != c.bad {
			t.Errorf("%q: error %v", c.env, err)
			continue
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", c.env, diff)
		}
	}
	if SizeName(10000) != "10k" || SizeName(2500) != "2500" {
		t.Errorf("SizeName: %s, %s", SizeName(10000), SizeName(2500))
	}
}
