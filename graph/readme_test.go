package graph_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/internal/testsite"
)

// readmeQueries returns the ```graphql blocks of the README section that
// shows frontend developers the queries they need.
func readmeQueries(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		tb.Fatal(err)
	}
	const heading = "\n## Queries a frontend needs\n"
	_, section, ok := strings.Cut(string(b), heading)
	if !ok {
		tb.Fatalf("README.md has no section %q", strings.TrimSpace(heading))
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var blocks []string
	for {
		_, rest, ok := strings.Cut(section, "```graphql\n")
		if !ok {
			break
		}
		block, after, ok := strings.Cut(rest, "```")
		if !ok {
			tb.Fatalf("a graphql block is not closed: %.60q", rest)
		}
		blocks = append(blocks, block)
		section = after
	}
	return blocks
}

// TestReadmeQueries runs every query of the README's "Queries a frontend
// needs" over the example articles and expects each to answer without an
// error and with something in every field it asks for at the root.
func TestReadmeQueries(t *testing.T) {
	queries := readmeQueries(t)
	if len(queries) < 7 {
		t.Fatalf("found %d queries in the README section, want the seven kinds it promises at least", len(queries))
	}
	st, ex := testsite.Loaded(t)
	e := &env{st: st, srv: graph.WithLoaders(st)(graph.NewHandler(&graph.Resolver{Store: st, Extractor: ex}, graph.Options{}))}
	for _, q := range queries {
		name := strings.Fields(q)[1]
		t.Run(name, func(t *testing.T) {
			var data map[string]json.RawMessage
			if errs := e.post(t, q, nil, &data); len(errs) > 0 {
				t.Fatalf("errors: %+v", errs)
			}
			if len(data) == 0 {
				t.Fatal("no data")
			}
			for field, v := range data {
				var val any
				if err := json.Unmarshal(v, &val); err != nil {
					t.Fatal(err)
				}
				if !hasList(val) {
					t.Errorf("%s answered %s: no non-empty list anywhere in it", field, v)
				}
			}
		})
	}
}

// hasList reports whether v holds a non-empty JSON array, at any depth.
func hasList(v any) bool {
	switch v := v.(type) {
	case []any:
		return len(v) > 0
	case map[string]any:
		for _, x := range v {
			if hasList(x) {
				return true
			}
		}
	}
	return false
}
