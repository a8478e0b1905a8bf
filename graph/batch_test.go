package graph_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/internal/testsite"
)

// countingStore counts the calls of every read method of the store it
// wraps, and the filters the batched finders were given.
type countingStore struct {
	tradegraph.Store
	mu      sync.Mutex
	calls   map[string]int
	filters map[string]int
	// withTotal counts the calls that asked for a total.
	withTotal int
}

func newCountingStore(st tradegraph.Store) *countingStore {
	return &countingStore{Store: st, calls: map[string]int{}, filters: map[string]int{}}
}

func (s *countingStore) count(method string, filters int, withTotal ...bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[method]++
	s.filters[method] += filters
	for _, w := range withTotal {
		if w {
			s.withTotal++
		}
	}
}

func (s *countingStore) reset() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	calls := s.calls
	s.calls, s.filters, s.withTotal = map[string]int{}, map[string]int{}, 0
	return calls
}

func totals[F any](fs []F, with func(F) bool) []bool {
	out := make([]bool, len(fs))
	for i, f := range fs {
		out[i] = with(f)
	}
	return out
}

func (s *countingStore) FindActorByID(ctx context.Context, id string) (*tradegraph.Actor, error) {
	s.count("FindActorByID", 1)
	return s.Store.FindActorByID(ctx, id)
}

func (s *countingStore) FindActors(ctx context.Context, f tradegraph.ActorFilter) (*tradegraph.Page[*tradegraph.Actor], error) {
	s.count("FindActors", 1, f.WithTotal)
	return s.Store.FindActors(ctx, f)
}

func (s *countingStore) FindActorPages(ctx context.Context, fs []tradegraph.ActorFilter) ([]*tradegraph.Page[*tradegraph.Actor], error) {
	s.count("FindActorPages", len(fs), totals(fs, func(f tradegraph.ActorFilter) bool { return f.WithTotal })...)
	return s.Store.FindActorPages(ctx, fs)
}

func (s *countingStore) FindRelations(ctx context.Context, f tradegraph.RelationFilter) (*tradegraph.Page[*tradegraph.Relation], error) {
	s.count("FindRelations", 1, f.WithTotal)
	return s.Store.FindRelations(ctx, f)
}

func (s *countingStore) FindRelationPages(ctx context.Context, fs []tradegraph.RelationFilter) ([]*tradegraph.Page[*tradegraph.Relation], error) {
	s.count("FindRelationPages", len(fs), totals(fs, func(f tradegraph.RelationFilter) bool { return f.WithTotal })...)
	return s.Store.FindRelationPages(ctx, fs)
}

func (s *countingStore) FindArticleByID(ctx context.Context, id string) (*tradegraph.Article, error) {
	s.count("FindArticleByID", 1)
	return s.Store.FindArticleByID(ctx, id)
}

func (s *countingStore) FindArticles(ctx context.Context, f tradegraph.ArticleFilter) (*tradegraph.Page[*tradegraph.Article], error) {
	s.count("FindArticles", 1, f.WithTotal)
	return s.Store.FindArticles(ctx, f)
}

func (s *countingStore) FindArticlePages(ctx context.Context, fs []tradegraph.ArticleFilter) ([]*tradegraph.Page[*tradegraph.Article], error) {
	s.count("FindArticlePages", len(fs), totals(fs, func(f tradegraph.ArticleFilter) bool { return f.WithTotal })...)
	return s.Store.FindArticlePages(ctx, fs)
}

func (s *countingStore) FindMentions(ctx context.Context, ids []string) (map[string][]tradegraph.Mention, error) {
	s.count("FindMentions", len(ids))
	return s.Store.FindMentions(ctx, ids)
}

func (s *countingStore) RelationFacets(ctx context.Context, f tradegraph.RelationFilter) (*tradegraph.Facets, error) {
	s.count("RelationFacets", 1)
	return s.Store.RelationFacets(ctx, f)
}

func (s *countingStore) SearchActors(ctx context.Context, text string, kinds []tradegraph.ActorKind, limit int) ([]*tradegraph.Actor, error) {
	s.count("SearchActors", 1)
	return s.Store.SearchActors(ctx, text, kinds, limit)
}

func (s *countingStore) Neighborhood(ctx context.Context, id string, opt tradegraph.NeighborhoodOptions) (*tradegraph.Subgraph, error) {
	s.count("Neighborhood", 1)
	return s.Store.Neighborhood(ctx, id, opt)
}

func (s *countingStore) ShortestPath(ctx context.Context, from, to string, opt tradegraph.PathOptions) (*tradegraph.Subgraph, error) {
	s.count("ShortestPath", 1)
	return s.Store.ShortestPath(ctx, from, to, opt)
}

func (s *countingStore) Stats(ctx context.Context) (*tradegraph.Stats, error) {
	s.count("Stats", 1)
	return s.Store.Stats(ctx)
}

// TestNoNPlusOne runs three-level queries over the example articles for a
// small and a large first page and fails when the number of store calls
// grows with the page: nested lists and the ends of relations must be
// fetched once per level, whatever the number of parents.
func TestNoNPlusOne(t *testing.T) {
	loaded, ex := testsite.Loaded(t)
	st := newCountingStore(loaded)
	// Batching collects the keys that arrive within a window; the default
	// one is a millisecond, which a loaded test machine can miss (under
	// -race on two busy CPUs even 100ms once split a batch). A wide window
	// tests what this test is about: that nested fields go through
	// loaders, one store call per batch, not one per parent.
	h := graph.WithLoaders(st, graph.BatchWait(500*time.Millisecond))(graph.NewHandler(&graph.Resolver{Store: st, Extractor: ex}, graph.Options{}))
	c := client.New(h)

	// Each query feeds a loader from one branch only: two sibling branches
	// (the actors of mentions and of relation ends, say) reach the same
	// loader in two waves whose timing varies, which is two calls or one
	// whatever the number of results.
	queries := []struct {
		name, query string
		// nested is the batched finder the second level goes through.
		nested string
	}{
		{"actors, their relations, the ends and article of each", `query($n: Int) { actors(first: $n) { nodes { name
			relations(first: 10) { totalCount nodes { from { name } to { name } concerning { name } article { title } } } } } }`, "FindRelationPages"},
		{"actors, their articles, the actors of each", `query($n: Int) { actors(first: $n, orderBy: {field: DEGREE, direction: DESC}) { nodes { name
			articles(first: 5) { nodes { title actors(first: 5) { nodes { name } } } } } } }`, "FindArticlePages"},
		{"articles, their mentions and relations, the articles of the ends", `query($n: Int) { articles(first: $n) { nodes { title
			mentions { start end text } relations(first: 10) { nodes { type from { name articles(first: 2) { totalCount } } } } } } }`, "FindRelationPages"},
	}
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			calls := map[int]map[string]int{}
			for _, n := range []int{2, 20} {
				st.reset()
				var resp map[string]any
				c.MustPost(q.query, &resp, client.Var("n", n))
				st.mu.Lock()
				batched := st.filters[q.nested]
				st.mu.Unlock()
				calls[n] = st.reset()
				// Without this the test could pass on an empty corpus.
				if batched < n {
					t.Fatalf("first %d: %s saw %d filters, want one per parent at least", n, q.nested, batched)
				}
			}
			t.Logf("store calls: first 2 %v; first 20 %v", calls[2], calls[20])
			for _, m := range slices.Sorted(maps.Keys(calls[20])) {
				if calls[20][m] > calls[2][m] {
					t.Errorf("%s: %d calls for 20 parents, %d for 2: the calls grow with the results", m, calls[20][m], calls[2][m])
				}
			}
			if len(calls[20]) == 0 {
				t.Fatal("no store calls counted")
			}
		})
	}
}

// TestTotalCountOnlyWhenAsked checks that lists count their total only when
// the query selects totalCount, directly or through a fragment.
func TestTotalCountOnlyWhenAsked(t *testing.T) {
	base, ex := fixtureStore(t)
	st := newCountingStore(base)
	c := newClient(st, ex)
	// want is the number of lists that ask for a total: nested lists of
	// parents that are the same actor share one filter.
	tests := []struct {
		query string
		want  int
	}{
		{`{ actors { nodes { id } } }`, 0},
		{`{ actors { totalCount } }`, 1},
		{`{ actors { ...Count } } fragment Count on ActorConnection { totalCount }`, 1},
		{`{ actors { ... on ActorConnection { totalCount @skip(if: true) } nodes { id } } }`, 0},
		{`{ actor(id: "country:US") { relations { nodes { id } } } }`, 0},
		{`{ actor(id: "country:US") { relations { totalCount } articles { totalCount } } }`, 2},
		{`{ timeline(actor: "country:US") { relations { nodes { id } } } }`, 0},
		{`{ timeline(actor: "country:US") { relations { totalCount } } }`, 1},
		{`{ articles { nodes { actors { totalCount } relations { nodes { id } } } } }`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			st.reset()
			var resp map[string]any
			c.MustPost(tt.query, &resp)
			st.mu.Lock()
			got := st.withTotal
			st.mu.Unlock()
			if got != tt.want {
				t.Errorf("%d store calls asked for a total, want %d", got, tt.want)
			}
		})
	}
}

// TestPrefetchAsksOnce checks that a page of relations fetches the actors
// at its ends and its articles in one call each, as a careful Go caller of
// the store would, with the default batch window: the list resolver reads
// what its relations select and asks for all of it before they resolve, so
// no field waits for a loader's window, and a busy machine cannot split it.
func TestPrefetchAsksOnce(t *testing.T) {
	loaded, ex := testsite.Loaded(t)
	st := newCountingStore(loaded)
	c := newClient(st, ex)
	tests := []struct {
		name, query string
		// list is the path in the answer to the relations, which must
		// hold at least two, or the counts would prove nothing.
		list []string
		want map[string]int
	}{
		{"actor profile", `{ actor(id: "country:US") { name relations(first: 50) { nodes { from { name } to { name } article { title } } } } }`,
			[]string{"actor", "relations", "nodes"},
			map[string]int{"FindActorByID": 1, "FindRelations": 1, "FindActors": 1, "FindArticles": 1}},
		{"through edges and a fragment", `{ actor(id: "country:US") { relations(first: 50) { ...R } } } fragment R on RelationConnection { edges { node { to { name } } } }`,
			[]string{"actor", "relations", "edges"},
			map[string]int{"FindActorByID": 1, "FindRelations": 1, "FindActors": 1}},
		{"root list, articles only", `{ relations(first: 50) { nodes { article { title } } } }`,
			[]string{"relations", "nodes"},
			map[string]int{"FindRelations": 1, "FindArticles": 1}},
		{"timeline", `{ timeline(actor: "country:US", first: 50) { actor { name } relations { nodes { from { name } to { name } article { title } } } } }`,
			[]string{"timeline", "relations", "nodes"},
			// The actor is one of the ends: a timeline with relations
			// needs no look-up of its own.
			map[string]int{"FindActors": 1, "FindRelations": 1, "FindArticles": 1}},
		{"timeline with its counts", `{ timeline(actor: "country:US", first: 50) { byMonth { key count } relations { nodes { from { name } to { name } article { title } } } } }`,
			[]string{"timeline", "relations", "nodes"},
			map[string]int{"RelationFacets": 1, "FindActors": 1, "FindRelations": 1, "FindArticles": 1}},
		{"path", `{ path(from: "country:JP", to: "ministry:us-commerce") { actors { name } relations { from { name } article { title } } } }`,
			[]string{"path", "relations"},
			map[string]int{"ShortestPath": 1, "FindArticles": 1}},
		{"neighbourhood", `{ neighborhood(id: "country:US", depth: 2) { relations { from { id } to { id } article { title } } } }`,
			[]string{"neighborhood", "relations"},
			map[string]int{"Neighborhood": 1, "FindArticles": 1}},
		{"outlets a subgraph does not hold", `{ neighborhood(id: "country:US", depth: 2) { relations { from { id } reportedBy { name } } } }`,
			[]string{"neighborhood", "relations"},
			map[string]int{"Neighborhood": 1, "FindActors": 1}},
		{"bare relations ask for nothing more", `{ actor(id: "country:US") { relations(first: 50) { nodes { id type } } } }`,
			[]string{"actor", "relations", "nodes"},
			map[string]int{"FindActorByID": 1, "FindRelations": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st.reset()
			var resp map[string]any
			c.MustPost(tt.query, &resp)
			got := st.reset()
			var v any = resp
			for _, k := range tt.list {
				m, _ := v.(map[string]any)
				v = m[k]
			}
			if l, _ := v.([]any); len(l) < 2 {
				t.Fatalf("%v holds %v, want a list of two relations at least", tt.list, v)
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("store calls %v, want %v", got, tt.want)
			}
		})
	}
}

// TestEmptyTimelineLooksActorUp: a timeline with no relations cannot tell
// by them whether its actor exists, so it looks the actor up: a known one
// gets an empty timeline, an unknown one an error.
func TestEmptyTimelineLooksActorUp(t *testing.T) {
	base, ex := fixtureStore(t)
	st := newCountingStore(base)
	c := newClient(st, ex)
	const query = `query($id: ID!) { timeline(actor: $id, since: "2999-01-01") { byMonth { key } relations { nodes { id } } } }`
	var resp struct {
		Timeline struct {
			ByMonth   []any
			Relations struct{ Nodes []any }
		}
	}
	c.MustPost(query, &resp, client.Var("id", "country:US"))
	if len(resp.Timeline.ByMonth) != 0 || len(resp.Timeline.Relations.Nodes) != 0 {
		t.Errorf("want an empty timeline, got %+v", resp)
	}
	want := map[string]int{"FindActors": 1, "FindRelations": 1, "RelationFacets": 1}
	if got := st.reset(); !maps.Equal(got, want) {
		t.Errorf("store calls %v, want %v", got, want)
	}
	err := c.Post(query, &resp, client.Var("id", "country:ZZ"))
	if err == nil || !strings.Contains(err.Error(), `actor \"country:ZZ\" not found`) {
		t.Errorf("unknown actor: %v", err)
	}
}

// aheadStore holds back every look-up of an actor by id until relations
// have been asked for, and fails it if they are not within two seconds.
type aheadStore struct {
	*countingStore
	asked chan struct{}
	once  sync.Once
}

func (s *aheadStore) FindRelations(ctx context.Context, f tradegraph.RelationFilter) (*tradegraph.Page[*tradegraph.Relation], error) {
	s.once.Do(func() { close(s.asked) })
	return s.countingStore.FindRelations(ctx, f)
}

func (s *aheadStore) FindActorByID(ctx context.Context, id string) (*tradegraph.Actor, error) {
	select {
	case <-s.asked:
	case <-time.After(2 * time.Second):
		return nil, errors.New("the actor was looked up before its relations were asked for")
	}
	return s.countingStore.FindActorByID(ctx, id)
}

// TestActorFetchesRelationsAhead: an actor's relations are asked for beside
// the actor, not after it, and the page fetched ahead is the one the
// relations field uses (one FindRelations per list, whatever the shape of
// the arguments).
func TestActorFetchesRelationsAhead(t *testing.T) {
	base, ex := fixtureStore(t)
	tests := []struct {
		name, query string
		vars        map[string]any
		relations   int // FindRelations calls
	}{
		{"literal", `{ actor(id: "country:US") { name relations(first: 50) { nodes { id from { name } article { title } } } } }`, nil, 1},
		{"variables and a direction",
			`query($n: Int, $t: [RelationType!]) { actor(id: "country:US") { relations(first: $n, types: $t, direction: OUT) { totalCount edges { cursor node { to { id } } } } } }`,
			map[string]any{"n": 2, "t": []string{"REQUESTED", "PART_OF"}}, 1},
		{"an order and last", `{ actor(id: "country:US") { relations(orderBy: {field: DATE, direction: DESC}, last: 3) { pageInfo { hasPreviousPage } nodes { id } } } }`, nil, 1},
		{"an order's default direction", `{ actor(id: "country:US") { relations(orderBy: {field: CONFIDENCE}) { nodes { id } } } }`, nil, 1},
		{"two lists", `{ actor(id: "country:US") { in: relations(direction: IN) { nodes { id } } out: relations(direction: OUT) { nodes { id } } } }`, nil, 2},
		{"a fragment", `{ actor(id: "country:US") { ...R } } fragment R on Actor { relations(types: [REQUESTED]) { nodes { id } } }`, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &aheadStore{countingStore: newCountingStore(base), asked: make(chan struct{})}
			c := newClient(st, ex)
			var opts []client.Option
			for k, v := range tt.vars {
				opts = append(opts, client.Var(k, v))
			}
			var resp map[string]any
			if err := c.Post(tt.query, &resp, opts...); err != nil {
				t.Fatal(err)
			}
			if got := st.reset(); got["FindRelations"] != tt.relations || got["FindActorByID"] != 1 {
				t.Errorf("store calls %v, want %d FindRelations and one FindActorByID", got, tt.relations)
			}
		})
	}
	// A filter is not read ahead: the relations wait for the actor, and
	// are asked for once.
	st := newCountingStore(base)
	c := newClient(st, ex)
	var resp map[string]any
	c.MustPost(`{ actor(id: "country:US") { relations(filter: {hedged: false}) { nodes { id } } } }`, &resp)
	if got := st.reset(); got["FindRelations"] != 1 {
		t.Errorf("store calls %v, want one FindRelations", got)
	}
}

// slowRelations takes a while over FindRelations and records when it is
// done.
type slowRelations struct {
	tradegraph.Store
	done atomic.Bool
}

func (s *slowRelations) FindRelations(ctx context.Context, f tradegraph.RelationFilter) (*tradegraph.Page[*tradegraph.Relation], error) {
	defer s.done.Store(true)
	time.Sleep(200 * time.Millisecond)
	return s.Store.FindRelations(ctx, f)
}

// TestRequestWaitsForFetchesAhead: the relations of an actor that turns
// out not to exist were fetched ahead for nothing, and no field waits for
// them; the request still ends only after they are, so that nothing uses
// the store once its caller thinks the request is over.
func TestRequestWaitsForFetchesAhead(t *testing.T) {
	base, ex := fixtureStore(t)
	st := &slowRelations{Store: base}
	var resp map[string]any
	err := newClient(st, ex).Post(`{ actor(id: "country:ZZ") { relations { nodes { id } } } }`, &resp)
	if err == nil {
		t.Fatal("want an error for an unknown actor")
	}
	if !st.done.Load() {
		t.Error("the request ended before the relations fetched ahead for it")
	}
}
