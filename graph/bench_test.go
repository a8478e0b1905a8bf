package graph_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/internal/testsite"
)

// BenchmarkProfileQuery runs an actor's page (the actor and 50 relations,
// each with both ends, evidence and article) through the GraphQL handler
// over the example articles, to show what gqlgen's execution costs per
// request beside the store: go test -run '^$' -bench ProfileQuery
// -benchmem ./graph/ (internal/apibench compares it with direct calls).
func BenchmarkProfileQuery(b *testing.B) {
	st, ex := testsite.Loaded(b)
	h := graph.WithLoaders(st)(graph.NewHandler(&graph.Resolver{Store: st, Extractor: ex}, graph.Options{}))
	body := []byte(`{"query":"{ actor(id: \"country:US\") { id kind name aliases country relations(first: 50) { pageInfo { hasNextPage } nodes { id type date hedged confidence about from { id kind name country } to { id kind name country } evidence { sentence start end } article { id title outlet published } } } } }"}`)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if !bytes.HasPrefix(w.Body.Bytes(), []byte(`{"data":{"actor":{"id":"country:US"`)) {
			b.Fatalf("unexpected answer: %.300s", w.Body.String())
		}
	}
}
