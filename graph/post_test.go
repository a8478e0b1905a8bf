package graph_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/tradegraph/tradegraph/graph"
)

// FuzzAppendAnswer holds the POST transport's answers to what encoding/json
// writes for the same graphql.Response, byte for byte, whatever the strings
// in the data and the errors hold.
func FuzzAppendAnswer(f *testing.F) {
	for _, s := range []string{"", "plain", "<b>&amp;</b>", "line\u2028para\u2029", "\xe2\x80", "\xe2\x80\xa8\xe2", "é’—🚢", "\"\\\x00\x1f"} {
		f.Add(s, s, uint8(0))
	}
	f.Add("x", "y", uint8(15))
	f.Fuzz(func(t *testing.T, value, message string, parts uint8) {
		// The data as the executor makes it: gqlgen's strings leave <, >,
		// & and U+2028 as they are, for the transport to escape.
		q := string(graph.AppendQuoted(nil, value))
		data := []byte(`{"a":[` + q + `,1.5,null,{"b":` + q + `}]}`)
		resp := &graphql.Response{Data: data}
		if parts&1 != 0 {
			resp.Errors = gqlerror.List{{Message: message, Path: ast.Path{ast.PathName("a"), ast.PathIndex(0)}, Extensions: map[string]any{"code": message}}}
		}
		if parts&2 != 0 {
			resp.Data = nil
		}
		if parts&4 != 0 {
			yes := true
			resp.Label, resp.Path, resp.HasNext = message, ast.Path{ast.PathName("x")}, &yes
		}
		if parts&8 != 0 {
			resp.Extensions = map[string]any{"m": message, "n": 2}
		}
		want, err := json.Marshal(resp)
		if err != nil {
			t.Skip()
		}
		got, err := graph.AppendAnswer(nil, resp)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Fatalf("POST transport:\n%s\nencoding/json:\n%s", got, want)
		}
	})
}

// TestPostAnswersAsGqlgen serves the same requests through the POST
// transport and gqlgen's transport.POST over the same schema: the same
// status, media type and body, except that a body which is not JSON is
// not echoed back in the error.
func TestPostAnswersAsGqlgen(t *testing.T) {
	st, ex := fixtureStore(t, oddities())
	serverWith := func(tr graphql.Transport) http.Handler {
		srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: st, Extractor: ex}}))
		srv.AddTransport(tr)
		return graph.WithLoaders(st)(srv)
	}
	ours, theirs := serverWith(graph.PostJSON), serverWith(transport.POST{})
	query := `{"query": "{ actors(first: 3) { nodes { id name } } }"}`
	cases := []struct {
		name, body, accept string
		sameBody           bool
	}{
		{"an answer", query, "", true},
		{"an answer with escapes", `{"query": "{ stats { byOutlet { key } } relations(first: 50) { nodes { evidence { sentence } } } }"}`, "", true},
		{"any type", query, "*/*", true},
		{"json first", query, "application/json, application/graphql-response+json", true},
		{"graphql-response first", query, "application/graphql-response+json;q=0.9, application/json", true},
		{"an unknown type", query, "text/html", true},
		{"a malformed parameter", query, "application/json;;", true},
		{"a parse error", `{"query": "{ actors("}`, "", true},
		{"a parse error, graphql-response", `{"query": "{ actors("}`, "application/graphql-response+json", true},
		{"a validation error", `{"query": "{ nope }"}`, "", true},
		{"variables that do not fit", `{"query": "query($n: Int) { actors(first: $n) { nodes { id } } }", "variables": {"n": "x"}}`, "", true},
		{"not JSON", `{"query": `, "", false},
		{"not a request", `{"query": 42}`, "application/graphql-response+json", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			send := func(h http.Handler) *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(c.body))
				req.Header.Set("Content-Type", "application/json")
				if c.accept != "" {
					req.Header.Set("Accept", c.accept)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec
			}
			got, want := send(ours), send(theirs)
			if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
				t.Errorf("status %d, %s; gqlgen %d, %s", got.Code, got.Header().Get("Content-Type"), want.Code, want.Header().Get("Content-Type"))
			}
			if c.name == "an answer with escapes" && !strings.Contains(got.Body.String(), `Wire \u003c\u0026\u003e`) {
				t.Errorf("no escapes in the answer: %s", got.Body)
			}
			if c.sameBody && got.Body.String() != want.Body.String() {
				t.Errorf("answer\n%s\ngqlgen\n%s", got.Body, want.Body)
			}
			if !c.sameBody && strings.Contains(got.Body.String(), c.body) {
				t.Errorf("the answer echoes the body: %s", got.Body)
			}
		})
	}
}
