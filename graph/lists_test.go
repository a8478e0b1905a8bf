package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph"
)

// oddities is an article whose strings need escaping and whose relations
// have every kind of value a relation can hold: reporters known and
// unknown, concerning actors, confidences that print in several forms.
func oddities() *tradegraph.Extraction {
	text := "Wire <&> said \"Acme\\Co\" reportedly\tbought Zeta. Zeta\u2028agreed; 🚢 with Acme.\nEnd."
	a := &tradegraph.Article{ID: "sha256:odd", Title: "A \"quoted\" title\twith\x01control \\ and \u2028",
		Outlet: "Wire <&>", Text: text}
	acme := &tradegraph.Actor{ID: "company:acme", Kind: tradegraph.Company, Name: "Acme \"Co\"", Aliases: []string{"Acme\\Co", "ACME\n"}}
	zeta := &tradegraph.Actor{ID: "company:zeta", Kind: tradegraph.Company, Name: "Zeta 🚢", Country: "JP"}
	wire := &tradegraph.Actor{ID: "company:wire", Kind: tradegraph.Company, Name: "Wire <&>"}
	rel := func(t tradegraph.RelationType, from, to string, conf float64, reporter string, span [2]int) *tradegraph.Relation {
		r := &tradegraph.Relation{Type: t, From: from, To: to, Article: a.ID, About: "a\tb \"c\"", Hedged: reporter != "",
			Confidence: conf, ReportedBy: reporter, Cameo: t.Cameo(), Rule: "test.odd", Span: span,
			Evidence: string([]rune(text)[span[0]:span[1]]), Concerning: []string{}}
		r.ID = tradegraph.RelationID(t, from, to, a.ID)
		return r
	}
	acquired := rel(tradegraph.Acquired, "company:acme", "company:zeta", 1e-7, "company:wire", [2]int{0, 47})
	acquired.Concerning = []string{"company:wire", "company:zeta"}
	return &tradegraph.Extraction{
		Article: a, Actors: []*tradegraph.Actor{acme, zeta, wire},
		Relations: []*tradegraph.Relation{
			acquired,
			rel(tradegraph.AgreedWith, "company:zeta", "company:acme", 1, "company:gone", [2]int{48, 73}),
			rel(tradegraph.Criticized, "company:wire", "company:acme", 0.123456789, "", [2]int{48, 78}),
		},
	}
}

// listsEnv serves the same store twice: through writeLists, and with every
// list left to gqlgen.
type listsEnv struct {
	fast, plain http.Handler
	written     atomic.Int64
}

func newListsEnv(t *testing.T, wrap func(tradegraph.Store) tradegraph.Store) *listsEnv {
	t.Helper()
	st, ex := fixtureStore(t, oddities())
	if wrap != nil {
		st = wrap(st)
	}
	e := &listsEnv{}
	opt := graph.Options{Introspection: true}
	e.fast = graph.WithLoaders(st)(graph.NewHandler(&graph.Resolver{Store: st, Extractor: ex},
		graph.CountListsWritten(opt, func() { e.written.Add(1) })))
	e.plain = graph.WithLoaders(st)(graph.NewHandler(&graph.Resolver{Store: st, Extractor: ex}, graph.GqlgenLists(opt)))
	return e
}

func serve(t *testing.T, h http.Handler, query string, vars map[string]any) []byte {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Body.Bytes()
}

// same runs query through both handlers, fails unless they answer byte for
// byte the same, and returns the answer and how many lists writeLists wrote.
func (e *listsEnv) same(t *testing.T, query string, vars map[string]any) ([]byte, int64) {
	t.Helper()
	before := e.written.Load()
	got := serve(t, e.fast, query, vars)
	written := e.written.Load() - before
	want := serve(t, e.plain, query, vars)
	if !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		from := max(0, i-80)
		t.Fatalf("writeLists answers otherwise than gqlgen, from byte %d:\nwriteLists %q\ngqlgen     %q", i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
	}
	return got, written
}

func TestListsWriteAsGqlgen(t *testing.T) {
	e := newListsEnv(t, nil)
	const everyField = `__typename id type about hedged confidence date cameo rule
	  from { __typename id kind name aliases country degree }
	  to { id kind name aliases country degree }
	  article { __typename id title url outlet published text }
	  evidence { __typename sentence start end }
	  concerning { __typename id name aliases }
	  reportedBy { id kind name }`
	cases := []struct {
		name    string
		query   string
		vars    map[string]any
		written int64 // lists writeLists writes
		has     []string
	}{
		{name: "every field of a relation", written: 1,
			query: `{ relations(first: 50) { totalCount pageInfo { hasNextPage endCursor } nodes { ` + everyField + ` } } }`,
			// What needs escaping, the reporters known and not, the
			// confidences in every form gqlgen prints.
			has: []string{`A \"quoted\" title\twith\u0001control \\ and \u2028`, `"Acme\\Co"`, `\nEnd.`, `"reportedBy":null`,
				`"reportedBy":{"id":"company:wire"`, `"confidence":1e-07`, `"confidence":1,`, `"confidence":0.123456789`, `🚢`}},
		{name: "edges", written: 1,
			query: `{ relations(first: 4, orderBy: {field: CONFIDENCE, direction: DESC}) { edges { __typename cursor node { id confidence from { id } } } pageInfo { endCursor } } }`},
		{name: "aliases, fragments and directives", written: 1,
			vars: map[string]any{"yes": true, "no": false},
			query: `query Q($yes: Boolean!, $no: Boolean!) {
  relations(first: 10) {
    nodes {
      ...rel
      ident: id
      again: id
      id
      kindOfAction: type
      from { ... on Actor { id name } who: name }
      to @include(if: $yes) { id }
      article @skip(if: $yes) { id }
      evidence @include(if: $no) { start }
      ... on Relation @skip(if: $no) { hedged }
      ... @include(if: $yes) { date }
    }
  }
}
fragment rel on Relation { id type from { kind } }`,
			has: []string{`"ident":`, `"again":`, `"kindOfAction":`, `"who":`}},
		{name: "actors, nodes and edges", written: 2,
			query: `{ actors(first: 20, orderBy: {field: DEGREE, direction: DESC}) { nodes { __typename id kind name aliases country degree } edges { __typename cursor node { id } } } }`},
		{name: "articles, nodes and edges", written: 2,
			query: `{ articles(first: 5) { nodes { id title url outlet published text } edges { cursor node { title } } } }`},
		{name: "search", written: 1, query: `{ search(text: "ja") { id kind name country } }`},
		{name: "neighbourhood", written: 2,
			query: `{ neighborhood(id: "country:US", depth: 2) { truncated actors { id name } relations { id type from { id } to { id } evidence { sentence } } } }`},
		{name: "path", written: 2,
			query: `{ path(from: "country:JP", to: "ministry:us-commerce") { hops actors { id } relations { id article { id title } } } }`},
		{name: "timeline", written: 2,
			query: `{ timeline(actor: "country:US", first: 5) { actor { id } byMonth { key count } relations { nodes { id date } } } }`},
		{name: "stats and facets", written: 5,
			query: `{ stats { articles byKind { __typename key count } byType { key count } byOutlet { k: key } byMonth { count } } facets { total byType { key count } } }`},
		{name: "an item selects a list of its own", written: 3,
			// The actors are left to gqlgen, the articles of each are not.
			query: `{ actors(first: 3, orderBy: {field: ID}) { nodes { id articles(first: 1) { nodes { id } } } } }`},
		{name: "an article's lists", written: 2,
			// Mentions are left to gqlgen (their actor has a resolver).
			query: `{ article(id: "https://news.example.com/a1") { mentions { text start end actor { id } } relations { nodes { id } } actors { nodes { id } } } }`},
		{name: "empty lists", written: 2,
			query: `{ search(text: "no such actor") { id } relations(filter: {types: [OWNS]}) { nodes { id } } }`,
			has:   []string{`"search":[]`, `"nodes":[]`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, written := e.same(t, c.query, c.vars)
			if !bytes.HasPrefix(got, []byte(`{"data":`)) {
				t.Fatalf("the query failed: %s", got)
			}
			if written != c.written {
				t.Errorf("writeLists wrote %d lists, want %d: %s", written, c.written, got)
			}
			for _, h := range c.has {
				if !bytes.Contains(got, []byte(h)) {
					t.Errorf("the answer lacks %q: %s", h, got)
				}
			}
		})
	}
}

// losing drops one actor from every FindActors answer, as if it had been
// deleted between two reads.
type losing struct {
	tradegraph.Store
	id string
}

func (s losing) FindActors(ctx context.Context, f tradegraph.ActorFilter) (*tradegraph.Page[*tradegraph.Actor], error) {
	p, err := s.Store.FindActors(ctx, f)
	if err == nil {
		p.Items = slices.DeleteFunc(p.Items, func(a *tradegraph.Actor) bool { return a.ID == s.id })
	}
	return p, err
}

// TestListsLeaveErrorsToGqlgen: a relation whose end cannot be found makes
// writeLists hand the list back, and gqlgen reports the error at its path.
func TestListsLeaveErrorsToGqlgen(t *testing.T) {
	e := newListsEnv(t, func(st tradegraph.Store) tradegraph.Store { return losing{st, "country:TW"} })
	got, written := e.same(t, `{ relations(first: 50) { nodes { id to { id } } } }`, nil)
	if written != 0 {
		t.Errorf("writeLists wrote %d lists, want none", written)
	}
	if !bytes.Contains(got, []byte(`actor \"country:TW\" not found`)) || !bytes.Contains(got, []byte(`"path":["relations","nodes",`)) {
		t.Errorf("want the missing actor reported at its path: %s", got)
	}
	// The same list without the missing end is written as ever.
	if _, written := e.same(t, `{ relations(first: 50) { nodes { id from { id } } } }`, nil); written != 1 {
		t.Errorf("writeLists wrote %d lists, want 1", written)
	}
}

// FuzzAppendQuoted holds writeLists' strings to gqlgen's: every string,
// invalid UTF-8 included, is written the same.
func FuzzAppendQuoted(f *testing.F) {
	for _, s := range []string{"", "plain", "\"\\\t\r\n\x00\x01\x1f\x7f", "é🚢\u2028\u2029<&>", "\xff\xfe bad", string(utf8.RuneError)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		graphql.MarshalString(s).MarshalGQL(&want)
		if got := graph.AppendQuoted(nil, s); string(got) != want.String() {
			t.Fatalf("%q: writeLists %s, gqlgen %s", s, got, want.String())
		}
	})
}

// TestFloatsAsGqlgen: gqlgen prints floats with %g; writeLists uses
// strconv's shortest 'g' form, which must agree.
func TestFloatsAsGqlgen(t *testing.T) {
	for _, v := range []float64{0, 1, 0.5, 0.1, 0.123456789, 1e-7, 1e-5, 1e-4, 123456, 1234567, 1e21, 5e-324, -0.75} {
		var want strings.Builder
		graphql.MarshalFloat(v).MarshalGQL(&want)
		got := string(graph.AppendFloat(nil, v))
		if got != want.String() {
			t.Errorf("%v: writeLists %s, gqlgen %s", v, got, want.String())
		}
	}
}
