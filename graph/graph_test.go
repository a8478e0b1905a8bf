package graph_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/google/go-cmp/cmp"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/internal/testsite"
)

// fixture is a small graph built by hand, so that these tests check the
// GraphQL layer and not the extractor.
func fixture() []*tradegraph.Extraction {
	a1 := &tradegraph.Article{ID: "https://news.example.com/a1", Title: "US asks Japan to curb chip exports", URL: "https://news.example.com/a1",
		Outlet: "Example Wire", Published: "2023-05-01", Text: "The United States asked Japan to curb chip exports to China. Gene Raymond, the US Secretary of Commerce, met Yasutoshi Nishimura."}
	a2 := &tradegraph.Article{ID: "https://news.example.com/a2", Title: "China halts Taiwan seafood", URL: "https://news.example.com/a2",
		Published: "2023-06-10", Text: "China reportedly halted imports of seafood from Taiwan."}
	us := &tradegraph.Actor{ID: "country:US", Kind: tradegraph.Country, Name: "United States", Aliases: []string{"US"}, Country: "US"}
	jp := &tradegraph.Actor{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan", Country: "JP"}
	cn := &tradegraph.Actor{ID: "country:CN", Kind: tradegraph.Country, Name: "China", Country: "CN"}
	tw := &tradegraph.Actor{ID: "country:TW", Kind: tradegraph.Country, Name: "Taiwan", Country: "TW"}
	gr := &tradegraph.Actor{ID: "person:gene-raymond", Kind: tradegraph.Person, Name: "Gene Raymond"}
	yn := &tradegraph.Actor{ID: "person:yasutoshi-nishimura", Kind: tradegraph.Person, Name: "Yasutoshi Nishimura"}
	doc := &tradegraph.Actor{ID: "ministry:us-commerce", Kind: tradegraph.Ministry, Name: "US Department of Commerce", Country: "US"}
	rel := func(a *tradegraph.Article, t tradegraph.RelationType, from, to, about string, hedged bool, span [2]int) *tradegraph.Relation {
		r := &tradegraph.Relation{Type: t, From: from, To: to, Article: a.ID, About: about, Hedged: hedged,
			Confidence: 0.8, Date: a.Published, Cameo: t.Cameo(), Rule: "test.fixture", Span: span,
			Evidence: string([]rune(a.Text)[span[0]:span[1]]), Concerning: []string{}}
		r.ID = tradegraph.RelationID(t, from, to, a.ID)
		return r
	}
	r1 := rel(a1, tradegraph.Requested, "country:US", "country:JP", "curb chip exports to China", false, [2]int{0, 60})
	r1.Concerning = []string{"country:CN"}
	return []*tradegraph.Extraction{
		{Article: a1, Actors: []*tradegraph.Actor{us, jp, cn, gr, yn, doc},
			Mentions: []tradegraph.Mention{{ActorID: "country:US", Text: "United States", Start: 4, End: 17}, {ActorID: "country:JP", Text: "Japan", Start: 24, End: 29}},
			Relations: []*tradegraph.Relation{r1,
				rel(a1, tradegraph.HoldsRole, "person:gene-raymond", "ministry:us-commerce", "Secretary of Commerce", false, [2]int{61, 127}),
				rel(a1, tradegraph.MetWith, "person:gene-raymond", "person:yasutoshi-nishimura", "", false, [2]int{61, 127}),
				rel(a1, tradegraph.PartOf, "ministry:us-commerce", "country:US", "", false, [2]int{61, 127}),
			}},
		{Article: a2, Actors: []*tradegraph.Actor{cn, tw},
			Relations: []*tradegraph.Relation{rel(a2, tradegraph.Banned, "country:CN", "country:TW", "imports of seafood", true, [2]int{0, 55})}},
	}
}

type env struct {
	st  tradegraph.Store
	srv http.Handler
	c   *client.Client
}

// fixtureStore is a test store holding the fixture and extra.
func fixtureStore(t *testing.T, extra ...*tradegraph.Extraction) (tradegraph.Store, tradegraph.Extractor) {
	t.Helper()
	st, ex := testsite.Store(t)
	for _, x := range append(fixture(), extra...) {
		if err := st.SaveExtraction(t.Context(), x); err != nil {
			t.Fatal(err)
		}
	}
	return st, ex
}

// newClient is a client of the GraphQL handler over st, with its loaders
// and the default options.
func newClient(st tradegraph.Store, ex tradegraph.Extractor) *client.Client {
	return client.New(graph.WithLoaders(st)(graph.NewHandler(&graph.Resolver{Store: st, Extractor: ex}, graph.Options{})))
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st, ex := fixtureStore(t)
	h := graph.WithLoaders(st)(graph.NewHandler(&graph.Resolver{Store: st, Extractor: ex}, graph.Options{Introspection: true}))
	return &env{st: st, srv: h, c: client.New(h)}
}

// gqlErr is the part of a GraphQL error the tests look at.
type gqlErr struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// post runs a query and decodes the whole response, errors included.
func (e *env) post(t *testing.T, query string, vars map[string]any, data any) []gqlErr {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest("POST", "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	var resp struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlErr        `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("response is not JSON (%d): %s", rec.Code, rec.Body.String())
	}
	if data != nil && len(resp.Data) > 0 && string(resp.Data) != "null" {
		if err := json.Unmarshal(resp.Data, data); err != nil {
			t.Fatalf("decode data: %v\n%s", err, resp.Data)
		}
	}
	return resp.Errors
}

func TestActor(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Actor struct {
			ID, Kind, Name string
			Aliases        []string
			Country        string
			Relations      struct {
				TotalCount int
				Nodes      []struct {
					Type string
					From struct{ ID string }
					To   struct{ ID string }
				}
			}
			Articles struct{ Nodes []struct{ ID string } }
		}
	}
	e.c.MustPost(`query($id: ID!) { actor(id: $id) { id kind name aliases country
		relations(direction: OUT) { totalCount nodes { type from { id } to { id } } }
		articles { nodes { id } } } }`, &resp, client.Var("id", "country:US"))
	a := resp.Actor
	if a.ID != "country:US" || a.Kind != "Country" || a.Name != "United States" || a.Country != "US" {
		t.Errorf("actor = %+v", a)
	}
	if diff := cmp.Diff([]string{"US"}, a.Aliases); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}
	if a.Relations.TotalCount != 1 || a.Relations.Nodes[0].Type != "REQUESTED" || a.Relations.Nodes[0].To.ID != "country:JP" {
		t.Errorf("relations = %+v", a.Relations)
	}
	if len(a.Articles.Nodes) != 1 || a.Articles.Nodes[0].ID != "https://news.example.com/a1" {
		t.Errorf("articles = %+v", a.Articles)
	}
}

func TestErrorsCarryCodes(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"unknown actor", `query($id: ID!) { actor(id: $id) { id } }`, map[string]any{"id": "person:nobody"}, graph.CodeNotFound},
		{"unknown article", `{ article(id: "nope") { id } }`, nil, graph.CodeNotFound},
		{"bad cursor", `{ actors(after: "!!!") { totalCount } }`, nil, graph.CodeInvalid},
		{"cursor of another list", fmt.Sprintf(`{ actors(after: %q) { totalCount } }`, cursorOf(t, e, "relations")), nil, graph.CodeInvalid},
		{"negative first", `{ actors(first: -1) { totalCount } }`, nil, graph.CodeInvalid},
		{"depth out of range", `{ neighborhood(id: "country:US", depth: 9) { truncated } }`, nil, graph.CodeInvalid},
		{"unknown path end", `{ path(from: "country:US", to: "country:ZZ") { hops } }`, nil, graph.CodeNotFound},
		{"empty article", `mutation { ingestArticle(input: {text: "   "}) { article { id } } }`, nil, graph.CodeInvalid},
		{"bad date", `mutation { ingestArticle(input: {text: "Japan met China.", published: "May 1"}) { article { id } } }`, nil, graph.CodeInvalid},
		{"syntax error", `{ actors( }`, nil, "GRAPHQL_PARSE_FAILED"},
		{"unknown field", `{ actors { nope } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"too deep", `{ actor(id: "country:US") { relations { nodes { from { relations { nodes { to { relations { nodes { from { relations { nodes { id } } } } } } } } } } } } }`, nil, "DEPTH_LIMIT_EXCEEDED"},
		{"too complex", `{ actors(first: 500) { nodes { relations(first: 500) { nodes { concerning { id } from { id } } } } } }`, nil, "COMPLEXITY_LIMIT_EXCEEDED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := e.post(t, tt.query, tt.vars, nil)
			if len(errs) == 0 {
				t.Fatalf("no error")
			}
			if got := errs[0].Extensions["code"]; got != tt.code {
				t.Errorf("code = %v, want %s (message %q)", got, tt.code, errs[0].Message)
			}
			if strings.Contains(strings.ToLower(errs[0].Message), "sql") {
				t.Errorf("message leaks internals: %q", errs[0].Message)
			}
		})
	}
}

func cursorOf(t *testing.T, e *env, list string) string {
	t.Helper()
	var resp struct {
		Relations struct{ PageInfo struct{ EndCursor string } }
	}
	e.c.MustPost(`{ relations(first: 1) { pageInfo { endCursor } } }`, &resp)
	return resp.Relations.PageInfo.EndCursor
}

func TestActorsPagination(t *testing.T) {
	e := newEnv(t)
	type page struct {
		Actors struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   struct{ ID string }
			}
			PageInfo struct {
				HasNextPage, HasPreviousPage bool
				EndCursor                    *string
			}
		}
	}
	var ids []string
	var after *string
	for i := 0; ; i++ {
		var p page
		e.c.MustPost(`query($after: String) { actors(first: 3, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
			&p, client.Var("after", after))
		if p.Actors.TotalCount != 7 {
			t.Fatalf("totalCount = %d, want 7", p.Actors.TotalCount)
		}
		if p.Actors.PageInfo.HasPreviousPage != (i > 0) {
			t.Errorf("page %d: hasPreviousPage = %v", i, p.Actors.PageInfo.HasPreviousPage)
		}
		for _, ed := range p.Actors.Edges {
			ids = append(ids, ed.Node.ID)
		}
		if !p.Actors.PageInfo.HasNextPage {
			break
		}
		after = p.Actors.PageInfo.EndCursor
	}
	want := []string{"country:CN", "country:JP", "country:TW", "country:US", "ministry:us-commerce", "person:gene-raymond", "person:yasutoshi-nishimura"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("ids over all pages (-want +got):\n%s", diff)
	}

	var filtered page
	e.c.MustPost(`{ actors(filter: {kinds: [Person]}) { totalCount edges { node { id } } } }`, &filtered)
	if filtered.Actors.TotalCount != 2 {
		t.Errorf("persons: totalCount = %d, want 2", filtered.Actors.TotalCount)
	}
	var capped page
	e.c.MustPost(`{ actors(first: 100000) { totalCount } }`, &capped)
	if capped.Actors.TotalCount != 7 {
		t.Errorf("a huge first is capped, not refused: %+v", capped)
	}
}

func TestRelations(t *testing.T) {
	e := newEnv(t)
	type rels struct {
		Relations struct {
			TotalCount int
			Nodes      []struct {
				Type, About, Date, Rule string
				Hedged                  bool
				Confidence              float64
				From, To                struct{ ID string }
				Concerning              []struct{ ID string }
				Article                 struct{ ID, Title string }
				Evidence                struct {
					Sentence   string
					Start, End int
				}
			}
		}
	}
	var all rels
	e.c.MustPost(`{ relations(first: 50) { totalCount nodes { type about date rule hedged confidence from { id } to { id } concerning { id } article { id title } evidence { sentence start end } } } }`, &all)
	if all.Relations.TotalCount != 5 {
		t.Fatalf("totalCount = %d, want 5", all.Relations.TotalCount)
	}
	for _, n := range all.Relations.Nodes {
		if n.Type == "REQUESTED" {
			if n.About != "curb chip exports to China" || len(n.Concerning) != 1 || n.Concerning[0].ID != "country:CN" ||
				n.Article.Title != "US asks Japan to curb chip exports" || n.Evidence.Start != 0 || n.Evidence.End != 60 ||
				!strings.HasPrefix(n.Evidence.Sentence, "The United States asked Japan") || n.Date != "2023-05-01" {
				t.Errorf("REQUESTED relation = %+v", n)
			}
		}
	}
	tests := []struct {
		filter string
		want   int
	}{
		{`{types: [BANNED]}`, 1},
		{`{types: [BANNED, REQUESTED]}`, 2},
		{`{hedged: true}`, 1},
		{`{hedged: false}`, 4},
		{`{from: "person:gene-raymond"}`, 2},
		{`{to: "country:US"}`, 1},
		{`{actor: "country:US"}`, 2},
		{`{article: "https://news.example.com/a2"}`, 1},
		{`{since: "2023-06-01"}`, 1},
		{`{until: "2023-05-31"}`, 4},
		{`{since: "2023-05-01", until: "2023-05-01", types: [HOLDS_ROLE]}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			var got rels
			e.c.MustPost(`{ relations(filter: `+tt.filter+`) { totalCount nodes { type } } }`, &got)
			if got.Relations.TotalCount != tt.want || len(got.Relations.Nodes) != tt.want {
				t.Errorf("got %d (%d nodes), want %d", got.Relations.TotalCount, len(got.Relations.Nodes), tt.want)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Search []struct{ ID string }
	}
	e.c.MustPost(`{ search(text: "gene ray") { id } }`, &resp)
	if len(resp.Search) == 0 || resp.Search[0].ID != "person:gene-raymond" {
		t.Errorf("search gene ray = %+v", resp.Search)
	}
	e.c.MustPost(`{ search(text: "US", kinds: [Country]) { id } }`, &resp)
	if len(resp.Search) == 0 || resp.Search[0].ID != "country:US" {
		t.Errorf("search by alias = %+v", resp.Search)
	}
	e.c.MustPost(`{ search(text: "Japan", kinds: [Person]) { id } }`, &resp)
	if len(resp.Search) != 0 {
		t.Errorf("kinds filter ignored: %+v", resp.Search)
	}
	for _, evil := range []string{`"`, `*`, `') OR 1=1 --`, `NEAR(`, `MATCH (n) DETACH DELETE n`} {
		if errs := e.post(t, `query($q: String!) { search(text: $q) { id } }`, map[string]any{"q": evil}, nil); len(errs) > 0 && errs[0].Extensions["code"] == graph.CodeInternal {
			t.Errorf("search(%q) failed inside: %+v", evil, errs)
		}
	}
}

func TestArticles(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Articles struct {
			TotalCount int
			Nodes      []struct {
				ID, Title, URL, Outlet, Published, Text string
				Actors                                  struct{ TotalCount int }
				Relations                               struct{ TotalCount int }
			}
		}
	}
	e.c.MustPost(`{ articles { totalCount nodes { id title url outlet published text actors { totalCount } relations { totalCount } } } }`, &resp)
	if resp.Articles.TotalCount != 2 {
		t.Fatalf("totalCount = %d", resp.Articles.TotalCount)
	}
	a := resp.Articles.Nodes[0]
	if a.ID != "https://news.example.com/a1" || a.Outlet != "Example Wire" || a.Published != "2023-05-01" || a.Actors.TotalCount != 6 || a.Relations.TotalCount != 4 {
		t.Errorf("article = %+v", a)
	}
	var one struct{ Article struct{ Title string } }
	e.c.MustPost(`{ article(id: "https://news.example.com/a2") { title } }`, &one)
	if one.Article.Title != "China halts Taiwan seafood" {
		t.Errorf("article(id) = %+v", one)
	}
}

func TestNeighborhoodAndPath(t *testing.T) {
	e := newEnv(t)
	var nb struct {
		Neighborhood struct {
			Actors    []struct{ ID string }
			Relations []struct{ Type string }
			Truncated bool
		}
	}
	e.c.MustPost(`{ neighborhood(id: "person:gene-raymond", depth: 1) { actors { id } relations { type } truncated } }`, &nb)
	if len(nb.Neighborhood.Actors) != 3 || nb.Neighborhood.Actors[0].ID != "person:gene-raymond" || nb.Neighborhood.Truncated {
		t.Errorf("depth 1 = %+v", nb.Neighborhood)
	}
	e.c.MustPost(`{ neighborhood(id: "person:gene-raymond", depth: 2, limit: 2) { actors { id } relations { type } truncated } }`, &nb)
	if len(nb.Neighborhood.Actors) != 2 || !nb.Neighborhood.Truncated {
		t.Errorf("limit 2 = %+v", nb.Neighborhood)
	}
	e.c.MustPost(`{ neighborhood(id: "person:gene-raymond", depth: 2, types: [HOLDS_ROLE, PART_OF]) { actors { id } relations { type } truncated } }`, &nb)
	if len(nb.Neighborhood.Actors) != 3 || len(nb.Neighborhood.Relations) != 2 {
		t.Errorf("typed depth 2 = %+v", nb.Neighborhood)
	}
	e.c.MustPost(`{ neighborhood(id: "person:gene-raymond", depth: 2, types: [HOLDS_ROLE, PART_OF], relationLimit: 1) { actors { id } relations { type } truncated } }`, &nb)
	if len(nb.Neighborhood.Actors) != 3 || len(nb.Neighborhood.Relations) != 1 || !nb.Neighborhood.Truncated {
		t.Errorf("relationLimit 1 = %+v, want all 3 actors, 1 relation, truncated", nb.Neighborhood)
	}

	var p struct {
		Path *struct {
			Hops      int
			Actors    []struct{ ID string }
			Relations []struct {
				Type     string
				Evidence struct{ Sentence string }
			}
		}
	}
	e.c.MustPost(`{ path(from: "person:yasutoshi-nishimura", to: "country:JP") { hops actors { id } relations { type evidence { sentence } } } }`, &p)
	if p.Path == nil || p.Path.Hops != 4 || p.Path.Actors[0].ID != "person:yasutoshi-nishimura" || p.Path.Actors[4].ID != "country:JP" || p.Path.Relations[0].Evidence.Sentence == "" {
		t.Errorf("path = %+v", p.Path)
	}
	p.Path = nil
	e.c.MustPost(`{ path(from: "country:TW", to: "country:JP") { hops } }`, &p)
	if p.Path != nil {
		t.Errorf("path between unconnected actors = %+v, want null", p.Path)
	}
}

func TestStats(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Stats struct {
			Articles, Actors, Relations int
			ByKind, ByType              []struct {
				Key   string
				Count int
			}
		}
	}
	e.c.MustPost(`{ stats { articles actors relations byKind { key count } byType { key count } } }`, &resp)
	s := resp.Stats
	if s.Articles != 2 || s.Actors != 7 || s.Relations != 5 || len(s.ByKind) != 5 || len(s.ByType) != len(tradegraph.RelationTypes) {
		t.Errorf("stats = %+v", s)
	}
	if s.ByKind[2].Key != "Country" || s.ByKind[2].Count != 4 {
		t.Errorf("byKind = %+v", s.ByKind)
	}
}

func TestIngestArticle(t *testing.T) {
	e := newEnv(t)
	seed, err := os.ReadFile("../testdata/articles/seed-chips-seafood-jackma.txt")
	if err != nil {
		t.Fatal(err)
	}
	const q = `mutation($in: ArticleInput!) { ingestArticle(input: $in) {
		article { id title published }
		actors { id kind }
		relations { type from { id } to { id } hedged reportedBy { id } }
		warnings } }`
	type result struct {
		IngestArticle struct {
			Article   struct{ ID, Title, Published string }
			Actors    []struct{ ID, Kind string }
			Relations []struct {
				Type       string
				From, To   struct{ ID string }
				Hedged     bool
				ReportedBy *struct{ ID string }
			}
			Warnings []string
		}
	}
	in := map[string]any{"title": "Seed", "text": string(seed), "published": "2023-05-01"}
	var first result
	e.c.MustPost(q, &first, client.Var("in", in))
	got := first.IngestArticle
	if !strings.HasPrefix(got.Article.ID, "sha256:") || got.Article.Title != "Seed" {
		t.Errorf("article = %+v", got.Article)
	}
	found := false
	for _, r := range got.Relations {
		if r.Type == "RELOCATED_TO" && r.From.ID == "person:jack-ma" && r.To.ID == "country:JP" && r.Hedged {
			found = true
		}
	}
	if !found {
		t.Errorf("no hedged Jack Ma RELOCATED_TO Japan among %+v", got.Relations)
	}

	var statsBefore, statsAfter struct {
		Stats struct{ Articles, Actors, Relations int }
	}
	e.c.MustPost(`{ stats { articles actors relations } }`, &statsBefore)
	var second result
	e.c.MustPost(q, &second, client.Var("in", in))
	e.c.MustPost(`{ stats { articles actors relations } }`, &statsAfter)
	if statsBefore != statsAfter {
		t.Errorf("ingesting twice changed the graph: %+v then %+v", statsBefore, statsAfter)
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("second ingest answered differently (-first +second):\n%s", diff)
	}
}

func TestIngestRejectsOversize(t *testing.T) {
	ctx := t.Context()
	st, ex := testsite.Store(t)
	h := graph.NewHandler(&graph.Resolver{Store: st, Extractor: ex, MaxArticleBytes: 100}, graph.Options{})
	e := &env{st: st, srv: graph.WithLoaders(st)(h)}
	errs := e.post(t, `mutation($t: String!) { ingestArticle(input: {text: $t}) { article { id } } }`, map[string]any{"t": strings.Repeat("Japan met China. ", 20)}, nil)
	if len(errs) == 0 || errs[0].Extensions["code"] != graph.CodeInvalid || !strings.Contains(errs[0].Message, "limit") {
		t.Errorf("oversize article: %+v", errs)
	}
	if s, _ := st.Stats(ctx); s.Articles != 0 {
		t.Errorf("oversize article was stored")
	}
}

func TestMergeActors(t *testing.T) {
	e := newEnv(t)
	// A third article knows the Secretary of Commerce by his surname only,
	// as a separate actor, which curation then folds into the full name.
	a3 := &tradegraph.Article{ID: "https://news.example.com/a3", Title: "Raymond presses Tokyo", Published: "2023-07-01",
		Text: "Raymond asked Japan again. Gene Raymond and Raymond are one man."}
	raymond := &tradegraph.Actor{ID: "person:raymond", Kind: tradegraph.Person, Name: "Raymond", Country: "US"}
	gr := &tradegraph.Actor{ID: "person:gene-raymond", Kind: tradegraph.Person, Name: "Gene Raymond"}
	jp := &tradegraph.Actor{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan", Country: "JP"}
	rel := func(typ tradegraph.RelationType, from, to string) *tradegraph.Relation {
		return &tradegraph.Relation{Type: typ, From: from, To: to, Article: a3.ID, Confidence: 0.7, Evidence: "Raymond asked Japan again.", Span: [2]int{0, 26}}
	}
	if err := e.st.SaveExtraction(t.Context(), &tradegraph.Extraction{Article: a3, Actors: []*tradegraph.Actor{raymond, gr, jp},
		Mentions:  []tradegraph.Mention{{ActorID: raymond.ID, Text: "Raymond", Start: 0, End: 7}},
		Relations: []*tradegraph.Relation{rel(tradegraph.Requested, raymond.ID, jp.ID), rel(tradegraph.MetWith, gr.ID, raymond.ID)},
	}); err != nil {
		t.Fatal(err)
	}

	const merge = `mutation($keep: ID!, $merge: ID!) { mergeActors(keep: $keep, merge: $merge) {
		id name aliases country
		relations(direction: OUT) { totalCount nodes { id type to { id } article { id } } }
		articles { nodes { id } } } }`
	var resp struct {
		MergeActors struct {
			ID, Name, Country string
			Aliases           []string
			Relations         struct {
				TotalCount int
				Nodes      []struct {
					ID, Type string
					To       struct{ ID string }
					Article  struct{ ID string }
				}
			}
			Articles struct{ Nodes []struct{ ID string } }
		}
	}
	errs := e.post(t, merge, map[string]any{"keep": gr.ID, "merge": raymond.ID}, &resp)
	if len(errs) > 0 {
		t.Fatalf("mergeActors: %+v", errs)
	}
	got := resp.MergeActors
	if got.ID != gr.ID || got.Name != "Gene Raymond" || got.Country != "US" || !slices.Equal(got.Aliases, []string{"Raymond"}) {
		t.Errorf("kept actor = %+v, want Gene Raymond with the alias Raymond and the country US", got)
	}
	type edge struct{ ID, Type, To, Article string }
	var edges []edge
	for _, n := range got.Relations.Nodes {
		edges = append(edges, edge{n.ID, n.Type, n.To.ID, n.Article.ID})
	}
	a1 := "https://news.example.com/a1"
	want := []edge{
		{tradegraph.RelationID(tradegraph.HoldsRole, gr.ID, "ministry:us-commerce", a1), "HOLDS_ROLE", "ministry:us-commerce", a1},
		{tradegraph.RelationID(tradegraph.MetWith, gr.ID, "person:yasutoshi-nishimura", a1), "MET_WITH", "person:yasutoshi-nishimura", a1},
		// Moved from Raymond, with the id of its new ends; the meeting of
		// the two is gone, being a meeting with himself now.
		{tradegraph.RelationID(tradegraph.Requested, gr.ID, jp.ID, a3.ID), "REQUESTED", jp.ID, a3.ID},
	}
	slices.SortFunc(want, func(a, b edge) int { return strings.Compare(a.ID, b.ID) })
	if diff := cmp.Diff(want, edges); diff != "" || got.Relations.TotalCount != len(want) {
		t.Errorf("relations of the kept actor (total %d) (-want +got):\n%s", got.Relations.TotalCount, diff)
	}
	var articles []string
	for _, n := range got.Articles.Nodes {
		articles = append(articles, n.ID)
	}
	if diff := cmp.Diff([]string{a1, a3.ID}, articles); diff != "" {
		t.Errorf("articles of the kept actor (-want +got):\n%s", diff)
	}

	// The merged id is gone, and cannot be merged again or back.
	for _, tt := range []struct {
		name, query string
		vars        map[string]any
		code, msg   string
	}{
		{"merged actor", `query($id: ID!) { actor(id: $id) { id } }`, map[string]any{"id": raymond.ID}, graph.CodeNotFound, `actor "person:raymond" not found`},
		{"merge again", merge, map[string]any{"keep": gr.ID, "merge": raymond.ID}, graph.CodeNotFound,
			`actor "person:raymond" not found: it was merged into "person:gene-raymond"`},
		{"merge back", merge, map[string]any{"keep": raymond.ID, "merge": gr.ID}, graph.CodeNotFound,
			`actor "person:raymond" not found: it was merged into "person:gene-raymond"`},
		{"kinds differ", merge, map[string]any{"keep": "country:US", "merge": "person:yasutoshi-nishimura"}, graph.CodeInvalid,
			"cannot merge a Person into a Country"},
		{"itself", merge, map[string]any{"keep": "country:US", "merge": "country:US"}, graph.CodeInvalid,
			`cannot merge actor "country:US" into itself`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			errs := e.post(t, tt.query, tt.vars, nil)
			if len(errs) == 0 {
				t.Fatal("no error")
			}
			if errs[0].Extensions["code"] != tt.code || errs[0].Message != tt.msg {
				t.Errorf("error = %q (code %v), want %q (code %s)", errs[0].Message, errs[0].Extensions["code"], tt.msg, tt.code)
			}
		})
	}

	// Loading the third article again keeps the merge.
	var again struct {
		Actor struct {
			Relations struct{ TotalCount int }
		}
	}
	if err := e.st.SaveExtraction(t.Context(), &tradegraph.Extraction{Article: a3, Actors: []*tradegraph.Actor{raymond, gr, jp},
		Relations: []*tradegraph.Relation{rel(tradegraph.Requested, raymond.ID, jp.ID), rel(tradegraph.MetWith, gr.ID, raymond.ID)},
	}); err != nil {
		t.Fatal(err)
	}
	e.c.MustPost(`query($id: ID!) { actor(id: $id) { relations(direction: OUT) { totalCount } } }`, &again, client.Var("id", gr.ID))
	if again.Actor.Relations.TotalCount != len(want) {
		t.Errorf("after loading the article again the kept actor has %d relations, want %d", again.Actor.Relations.TotalCount, len(want))
	}
	if errs := e.post(t, `query($id: ID!) { actor(id: $id) { id } }`, map[string]any{"id": raymond.ID}, nil); len(errs) == 0 || errs[0].Extensions["code"] != graph.CodeNotFound {
		t.Errorf("after loading the article again, the merged actor: %+v, want NOT_FOUND", errs)
	}
}
