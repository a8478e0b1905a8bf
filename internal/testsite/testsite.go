// Package testsite builds, for tests, what a user gets from `tradegraph
// serve`: a real store, the real extractor, and the example articles loaded
// through the real loader.
//
// The store is SQLite in a temporary folder, or, with
// TRADEGRAPH_TEST_STORE=neo4j, the test Neo4j (internal/neo4jtest) emptied
// for the test. scripts/test.sh runs the GraphQL and server tests a second
// time that way, so that they pass unchanged on both stores.
package testsite

import (
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/neo4jtest"
	"github.com/tradegraph/tradegraph/loader"
	"github.com/tradegraph/tradegraph/loader/extract"
	"github.com/tradegraph/tradegraph/server"
	"github.com/tradegraph/tradegraph/store/sqlite"
)

// Articles is the folder of the example articles.
func Articles() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "articles")
}

// StoreEnv names the environment variable that picks the store: "sqlite"
// (or empty) or "neo4j".
const StoreEnv = "TRADEGRAPH_TEST_STORE"

// Store opens an empty store that is closed when the test ends, and the
// extractor.
func Store(tb testing.TB) (tradegraph.Store, tradegraph.Extractor) {
	tb.Helper()
	var st tradegraph.Store
	switch kind := os.Getenv(StoreEnv); kind {
	case "", "sqlite":
		s, err := sqlite.Open(tb.Context(), filepath.Join(tb.TempDir(), "tradegraph.db"))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { s.Close() })
		st = s
	case "neo4j":
		st = neo4jtest.Open(tb)
	default:
		tb.Fatalf("%s=%q: want sqlite or neo4j", StoreEnv, kind)
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return st, ex
}

// Loaded is Store with the example articles loaded; it fails the test
// when any article fails or nothing is extracted.
func Loaded(tb testing.TB) (tradegraph.Store, tradegraph.Extractor) {
	tb.Helper()
	st, ex := Store(tb)
	sum, err := loader.Load(tb.Context(), st, ex, []string{Articles()}, loader.LoadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	if sum.Errors > 0 || sum.Articles == 0 || sum.Relations == 0 {
		tb.Fatalf("loading the examples: %+v", sum)
	}
	return st, ex
}

// Serve serves server.New over the loaded examples until the test ends.
func Serve(tb testing.TB, opt server.Options) (*httptest.Server, tradegraph.Store) {
	tb.Helper()
	st, ex := Loaded(tb)
	ts := httptest.NewServer(server.New(slog.New(slog.DiscardHandler), st, ex, opt))
	tb.Cleanup(ts.Close)
	return ts, st
}
