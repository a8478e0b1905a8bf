// Package storetest is the conformance suite every tradegraph.Store runs:
// the same fixture, the same questions, the same expected answers, so that
// the SQLite and Neo4j stores agree on ids, ordering, errors and
// idempotency. A store calls Run from its own tests.
//
// The suite knows the Store interface only. Its expected answers come from
// a small in-memory model of the fixture, and from a few hand-written facts
// that keep the model honest.
//
// Where the Store comments leave a choice open, the suite settles it, and
// every store must follow:
//   - page sizes above MaxPageSize are clamped, 0 means DefaultPageSize;
//     a cursor need not be the place of a stored item;
//   - a page's items are in the list's order, whichever way it was paged;
//   - a neighbourhood limit of 0 means DefaultNeighborhoodLimit; actors come centre first, then
//     by distance, ties by id; Truncated is set only when an actor within
//     the depth was left out;
//   - a shortest path is found breadth first; walking back from the target,
//     each actor's predecessor is its neighbour one hop closer with the
//     smallest id, and each hop is the relation with the smallest id;
//   - relation ids are tradegraph.RelationID of their type, ends and
//     article, also when the extraction leaves them empty;
//   - an actor keeps the kind and name it was first saved with; every other
//     name, alias and mention text becomes an alias;
//   - the actors of an article (ActorFilter.Article, ArticleFilter.Actor)
//     are those its extraction lists in Actors, named in a mention or not;
//   - a method called with a context that has ended fails with an error
//     that errors.Is matches to the context's error, and writes nothing.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tradegraph/tradegraph"
)

// Capabilities declares where a store may differ from the others. The
// suite checks the weaker property when a capability is missing; it never
// skips a check silently.
type Capabilities struct {
	// SearchRanking is set when SearchActors ranks as the SQLite store
	// does: exact name matches first, then exact alias matches, then by
	// relevance as FTS5's BM25 weighs it, ties by id. Without it the suite
	// checks which actors are found, and that exact name matches come
	// first and exact alias matches next, but not the order of the rest:
	// the Neo4j store ranks those by Lucene's score, which weighs words
	// otherwise.
	SearchRanking bool
	// BatchSaver is set when the store implements tradegraph.BatchSaver.
	// The suite then checks SaveExtractions against saving one by one;
	// either way it checks that the store's type agrees with the setting.
	BatchSaver bool
}

// Run runs the suite. open must return an empty store each time it is
// called; Run closes it when the test that opened it ends. The suite uses
// one store at a time: a test that opens a second store has finished with
// the first, so open may hand out the same database each time, emptied.
func Run(t *testing.T, open func(t *testing.T) tradegraph.Store, caps Capabilities) {
	s := &suite{open: open, caps: caps}
	t.Run("RoundTrip", s.testRoundTrip)
	t.Run("Pagination", s.testPagination)
	t.Run("PaginationUnderInserts", s.testPaginationUnderInserts)
	t.Run("RelationFilters", s.testRelationFilters)
	t.Run("ActorFilters", s.testActorFilters)
	t.Run("ArticleFilters", s.testArticleFilters)
	t.Run("Search", s.testSearch)
	t.Run("Neighborhood", s.testNeighborhood)
	t.Run("ShortestPath", s.testShortestPath)
	t.Run("Stats", s.testStats)
	t.Run("NotFound", s.testNotFound)
	t.Run("IdempotentResave", s.testIdempotentResave)
	t.Run("ResaveReplaces", s.testResaveReplaces)
	t.Run("AliasUnion", s.testAliasUnion)
	t.Run("MergeActors", s.testMergeActors)
	t.Run("InvalidExtractions", s.testInvalid)
	t.Run("ConcurrentSaves", s.testConcurrent)
	t.Run("ConcurrentResaves", s.testConcurrentResaves)
	t.Run("BatchSave", s.testBatch)
	t.Run("CancelledContext", s.testCancelled)
	t.Run("Orders", s.testOrders)
	t.Run("CursorsUnderInserts", s.testCursorsUnderInserts)
	t.Run("InvalidPaging", s.testInvalidPaging)
	t.Run("Degree", s.testDegree)
	t.Run("NewFilters", s.testNewFilters)
	t.Run("Pages", s.testPages)
	t.Run("Mentions", s.testMentions)
	t.Run("Facets", s.testFacets)
	t.Run("StatsByOutletAndMonth", s.testStatsBreakdown)
	t.Run("DeleteArticle", s.testDeleteArticle)
}

type suite struct {
	open func(t *testing.T) tradegraph.Store
	caps Capabilities
}

// loaded opens an empty store and saves the fixture into it.
func (s *suite) loaded(t *testing.T) (tradegraph.Store, *model) {
	t.Helper()
	st := s.openStore(t)
	xs := fixture()
	for _, x := range xs {
		save(t, st, x)
	}
	return st, newModel(fixture()...)
}

func (s *suite) openStore(t *testing.T) tradegraph.Store {
	t.Helper()
	st := s.open(t)
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return st
}

func save(tb testing.TB, st tradegraph.Store, x *tradegraph.Extraction) {
	tb.Helper()
	if err := st.SaveExtraction(context.Background(), x); err != nil {
		tb.Fatalf("SaveExtraction(%s): %v", x.Article.ID, err)
	}
}

// equate treats nil and empty slices alike: a store need not tell them
// apart.
var equate = cmpopts.EquateEmpty()

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := tradegraph.ErrorCode(err); got != code {
		t.Errorf("%s: error code = %q (err %v), want %q", what, got, err, code)
	}
}

func ids[T any](items []T, id func(T) string) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}

func actorID(a *tradegraph.Actor) string       { return a.ID }
func relationID(r *tradegraph.Relation) string { return r.ID }
func articleID(a *tradegraph.Article) string   { return a.ID }

// allActors, allRelations and allArticles walk every page of a finder.
func allActors(t *testing.T, st tradegraph.Store, f tradegraph.ActorFilter) []*tradegraph.Actor {
	t.Helper()
	return walk(t, f.Paging, func(after string) (*tradegraph.Page[*tradegraph.Actor], error) {
		f.After = tradegraph.Cursor{ID: after}
		return st.FindActors(t.Context(), f)
	}, actorID)
}

func allRelations(t *testing.T, st tradegraph.Store, f tradegraph.RelationFilter) []*tradegraph.Relation {
	t.Helper()
	return walk(t, f.Paging, func(after string) (*tradegraph.Page[*tradegraph.Relation], error) {
		f.After = tradegraph.Cursor{ID: after}
		return st.FindRelations(t.Context(), f)
	}, relationID)
}

func allArticles(t *testing.T, st tradegraph.Store, f tradegraph.ArticleFilter) []*tradegraph.Article {
	t.Helper()
	return walk(t, f.Paging, func(after string) (*tradegraph.Page[*tradegraph.Article], error) {
		f.After = tradegraph.Cursor{ID: after}
		return st.FindArticles(t.Context(), f)
	}, articleID)
}

// walk follows After from page to page of a list by id and checks what
// every page claims: the page size, HasNext, HasPrev, a TotalCount that does
// not change (0 unless asked for), ids that rise.
func walk[T any](t *testing.T, pg tradegraph.Paging, find func(after string) (*tradegraph.Page[T], error), id func(T) string) []T {
	t.Helper()
	size, _ := pg.Size()
	var (
		out   []T
		after string
		total = -1
	)
	for n := 0; ; n++ {
		if n > 1000 {
			t.Fatalf("more than 1000 pages: HasNext never ends")
		}
		p, err := find(after)
		if err != nil {
			t.Fatalf("page %d after %q: %v", n, after, err)
		}
		if total >= 0 && p.TotalCount != total {
			t.Errorf("page %d: TotalCount = %d, earlier pages said %d", n, p.TotalCount, total)
		}
		total = p.TotalCount
		if p.HasPrev != (n > 0) {
			t.Errorf("page %d: HasPrev = %v", n, p.HasPrev)
		}
		if len(p.Items) > size {
			t.Errorf("page %d has %d items, more than First = %d", n, len(p.Items), size)
		}
		if p.HasNext && len(p.Items) < size {
			t.Errorf("page %d has %d < %d items but HasNext", n, len(p.Items), size)
		}
		for _, it := range p.Items {
			if len(out) > 0 && id(it) <= id(out[len(out)-1]) {
				t.Errorf("page %d: id %q does not follow %q", n, id(it), id(out[len(out)-1]))
			}
			out = append(out, it)
		}
		if !p.HasNext {
			break
		}
		if len(p.Items) == 0 {
			t.Fatalf("page %d is empty but HasNext", n)
		}
		after = id(p.Items[len(p.Items)-1])
	}
	switch {
	case pg.WithTotal && total != len(out):
		t.Errorf("TotalCount = %d, but the pages held %d items", total, len(out))
	case !pg.WithTotal && total != 0:
		t.Errorf("TotalCount = %d though not asked for, want 0", total)
	}
	return out
}

func (s *suite) testRoundTrip(t *testing.T) {
	st, m := s.loaded(t)
	for _, want := range sortedValues(m.actors) {
		got, err := st.FindActorByID(t.Context(), want.ID)
		if err != nil {
			t.Fatalf("FindActorByID(%q): %v", want.ID, err)
		}
		if diff := cmp.Diff(want, got, equate); diff != "" {
			t.Errorf("FindActorByID(%q) mismatch (-want +got):\n%s", want.ID, diff)
		}
	}
	for _, want := range sortedValues(m.articles) {
		got, err := st.FindArticleByID(t.Context(), want.ID)
		if err != nil {
			t.Fatalf("FindArticleByID(%q): %v", want.ID, err)
		}
		if diff := cmp.Diff(want, got, equate); diff != "" {
			t.Errorf("FindArticleByID(%q) mismatch (-want +got):\n%s", want.ID, diff)
		}
	}
	got := allRelations(t, st, tradegraph.RelationFilter{Paging: tradegraph.Paging{First: tradegraph.MaxPageSize}})
	if diff := cmp.Diff(sortedValues(m.relations), got, equate); diff != "" {
		t.Errorf("relations mismatch (-want +got):\n%s", diff)
	}

	// A few facts written out by hand, in case fixture and model agree on
	// a mistake.
	ma, err := st.FindActorByID(t.Context(), jackMa.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Ma Yun"}; !slices.Equal(ma.Aliases, want) {
		t.Errorf("Jack Ma's aliases = %q, want %q", ma.Aliases, want)
	}
	usa, err := st.FindActorByID(t.Context(), us.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"America", "U.S.", "US", "Washington"}; !slices.Equal(usa.Aliases, want) {
		t.Errorf("US aliases = %q, want %q (sorted, without the name)", usa.Aliases, want)
	}
	rs := allRelations(t, st, tradegraph.RelationFilter{Types: []tradegraph.RelationType{tradegraph.RestrictedExports}})
	if len(rs) != 1 {
		t.Fatalf("RESTRICTED_EXPORTS relations = %d, want 1", len(rs))
	}
	r := rs[0]
	if r.ID != tradegraph.RelationID(r.Type, jp.ID, cn.ID, "https://news.example/chips") || !r.Hedged ||
		!slices.Equal(r.Concerning, []string{us.ID, commerce.ID}) || r.Span == [2]int{} || r.Confidence == 0 || r.ReportedBy != kyodo.ID {
		t.Errorf("RESTRICTED_EXPORTS relation lost fields: %+v", r)
	}
}

func (s *suite) testPagination(t *testing.T) {
	st, m := s.loaded(t)
	wantActors := ids(sortedValues(m.actors), actorID)
	wantRelations := ids(sortedValues(m.relations), relationID)
	wantArticles := ids(sortedValues(m.articles), articleID)
	for _, first := range []int{1, 2, 3, 7, 0, tradegraph.MaxPageSize} {
		t.Run(fmt.Sprint("first=", first), func(t *testing.T) {
			if diff := cmp.Diff(wantActors, ids(allActors(t, st, tradegraph.ActorFilter{Paging: tradegraph.Paging{First: first}}), actorID)); diff != "" {
				t.Errorf("actors (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantRelations, ids(allRelations(t, st, tradegraph.RelationFilter{Paging: tradegraph.Paging{First: first}}), relationID)); diff != "" {
				t.Errorf("relations (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantArticles, ids(allArticles(t, st, tradegraph.ArticleFilter{Paging: tradegraph.Paging{First: first}}), articleID)); diff != "" {
				t.Errorf("articles (-want +got):\n%s", diff)
			}
		})
	}

	// Negative sizes are rejected, sizes above MaxPageSize clamped.
	_, err := st.FindActors(t.Context(), tradegraph.ActorFilter{Paging: tradegraph.Paging{First: -5}})
	wantCode(t, "FindActors(First: -5)", err, tradegraph.EINVALID)
	p, err := st.FindActors(t.Context(), tradegraph.ActorFilter{Paging: tradegraph.Paging{First: tradegraph.MaxPageSize + 1000}})
	if err != nil {
		t.Fatalf("FindActors(First: huge): %v", err)
	}
	if len(p.Items) != len(wantActors) || p.HasNext {
		t.Errorf("FindActors(First: huge) = %d items, HasNext %v; want %d, false", len(p.Items), p.HasNext, len(wantActors))
	}
	// After an id that is not stored still starts after it.
	p, err = st.FindActors(t.Context(), tradegraph.ActorFilter{Paging: tradegraph.Paging{After: tradegraph.Cursor{ID: "country:K"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(p.Items, actorID); len(got) == 0 || got[0] != "country:TW" {
		t.Errorf("FindActors(After: country:K) starts at %q, want country:TW", got)
	}
}

func (s *suite) testRelationFilters(t *testing.T) {
	st, m := s.loaded(t)
	yes, no := true, false
	a1 := "https://news.example/chips"
	tests := []struct {
		name string
		f    tradegraph.RelationFilter
		keep func(*tradegraph.Relation) bool
		min  int // the filter must select at least this many
	}{
		{"types", tradegraph.RelationFilter{Types: []tradegraph.RelationType{tradegraph.PartOf, tradegraph.MetWith}},
			func(r *tradegraph.Relation) bool { return r.Type == tradegraph.PartOf || r.Type == tradegraph.MetWith }, 4},
		{"from", tradegraph.RelationFilter{From: us.ID}, func(r *tradegraph.Relation) bool { return r.From == us.ID }, 4},
		{"to", tradegraph.RelationFilter{To: cn.ID}, func(r *tradegraph.Relation) bool { return r.To == cn.ID }, 3},
		{"actor", tradegraph.RelationFilter{Actor: us.ID}, func(r *tradegraph.Relation) bool { return r.From == us.ID || r.To == us.ID }, 7},
		{"article", tradegraph.RelationFilter{Article: a1}, func(r *tradegraph.Relation) bool { return r.Article == a1 }, 6},
		{"hedged", tradegraph.RelationFilter{Hedged: &yes}, func(r *tradegraph.Relation) bool { return r.Hedged }, 4},
		{"not hedged", tradegraph.RelationFilter{Hedged: &no}, func(r *tradegraph.Relation) bool { return !r.Hedged }, 10},
		{"since", tradegraph.RelationFilter{Since: "2023-04-10"}, func(r *tradegraph.Relation) bool { return r.Date != "" && r.Date >= "2023-04-10" }, 5},
		{"until", tradegraph.RelationFilter{Until: "2023-03-01"}, func(r *tradegraph.Relation) bool { return r.Date != "" && r.Date <= "2023-03-01" }, 3},
		{"since and until", tradegraph.RelationFilter{Since: "2023-03-01", Until: "2023-04-10"},
			func(r *tradegraph.Relation) bool { return r.Date >= "2023-03-01" && r.Date <= "2023-04-10" }, 4},
		{"combined", tradegraph.RelationFilter{Actor: jp.ID, Hedged: &yes, Types: []tradegraph.RelationType{tradegraph.RelocatedTo, tradegraph.InvestedIn}},
			func(r *tradegraph.Relation) bool {
				return (r.From == jp.ID || r.To == jp.ID) && r.Hedged && (r.Type == tradegraph.RelocatedTo || r.Type == tradegraph.InvestedIn)
			}, 2},
		{"no match", tradegraph.RelationFilter{From: loner.ID}, func(r *tradegraph.Relation) bool { return false }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []*tradegraph.Relation
			for _, r := range sortedValues(m.relations) {
				if tt.keep(r) {
					want = append(want, r)
				}
			}
			if len(want) < tt.min {
				t.Fatalf("fixture selects %d relations, the test needs %d", len(want), tt.min)
			}
			tt.f.First = 2
			got := allRelations(t, st, tt.f)
			if diff := cmp.Diff(want, got, equate); diff != "" {
				t.Errorf("FindRelations(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	for _, f := range []tradegraph.RelationFilter{
		{Types: []tradegraph.RelationType{"LIKES"}},
		{Since: "March 2023"},
		{Until: "2023-13-45"},
	} {
		_, err := st.FindRelations(t.Context(), f)
		wantCode(t, fmt.Sprintf("FindRelations(%+v)", f), err, tradegraph.EINVALID)
	}
}

func (s *suite) testActorFilters(t *testing.T) {
	st, m := s.loaded(t)
	seafood := "https://news.example/seafood"
	tests := []struct {
		name string
		f    tradegraph.ActorFilter
		want []string
	}{
		{"kinds", tradegraph.ActorFilter{Kinds: []tradegraph.ActorKind{tradegraph.Person, tradegraph.Ministry}},
			[]string{meti.ID, commerce.ID, jackMa.ID, nishimura.ID}},
		{"country", tradegraph.ActorFilter{Country: "JP"}, []string{jp.ID, kyodo.ID, meti.ID, nishimura.ID}},
		{"article", tradegraph.ActorFilter{Article: seafood}, []string{alibaba.ID, cn.ID, tw.ID, us.ID}},
		{"ids", tradegraph.ActorFilter{IDs: []string{wto.ID, "person:nobody", jp.ID}}, []string{jp.ID, wto.ID}},
		{"combined", tradegraph.ActorFilter{Article: seafood, Kinds: []tradegraph.ActorKind{tradegraph.Country}, Country: "CN"}, []string{cn.ID}},
		{"none", tradegraph.ActorFilter{Country: "ZZ"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sort.Strings(tt.want)
			tt.f.First = 2
			got := allActors(t, st, tt.f)
			if diff := cmp.Diff(tt.want, ids(got, actorID)); diff != "" {
				t.Errorf("FindActors(%+v) (-want +got):\n%s", tt.f, diff)
			}
			for _, a := range got {
				if diff := cmp.Diff(m.actors[a.ID], a, equate); diff != "" {
					t.Errorf("actor %s (-want +got):\n%s", a.ID, diff)
				}
			}
		})
	}
	_, err := st.FindActors(t.Context(), tradegraph.ActorFilter{Kinds: []tradegraph.ActorKind{"Robot"}})
	wantCode(t, "FindActors(Kinds: Robot)", err, tradegraph.EINVALID)
}

func (s *suite) testArticleFilters(t *testing.T) {
	st, m := s.loaded(t)
	tests := []struct {
		name string
		f    tradegraph.ArticleFilter
		want []string
	}{
		{"actor", tradegraph.ArticleFilter{Actor: jp.ID}, []string{"https://news.example/chips", "https://news.example/jack-ma"}},
		{"actor everywhere", tradegraph.ArticleFilter{Actor: us.ID},
			[]string{"https://news.example/chips", "https://news.example/seafood", "sha256:0f1e2d3c"}},
		{"ids", tradegraph.ArticleFilter{IDs: []string{"sha256:0f1e2d3c", "https://nowhere.example/"}}, []string{"sha256:0f1e2d3c"}},
		{"unknown actor", tradegraph.ArticleFilter{Actor: "person:nobody"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.f.First = 1
			got := allArticles(t, st, tt.f)
			if diff := cmp.Diff(tt.want, ids(got, articleID)); diff != "" {
				t.Errorf("FindArticles(%+v) (-want +got):\n%s", tt.f, diff)
			}
			for _, a := range got {
				if diff := cmp.Diff(m.articles[a.ID], a); diff != "" {
					t.Errorf("article %s (-want +got):\n%s", a.ID, diff)
				}
			}
		})
	}
}

func (s *suite) testSearch(t *testing.T) {
	st, m := s.loaded(t)
	tests := []struct {
		text  string
		kinds []tradegraph.ActorKind
		// first must rank first (when not ""); set must be exactly what is
		// found when not nil, contain is what must be among the results.
		first   string
		set     []string
		contain []string
		ranked  []string // the exact order, checked with SearchRanking
	}{
		{text: "jac m", first: jackMa.ID, set: []string{jackMa.ID}},
		{text: "Jack Ma", first: jackMa.ID, set: []string{jackMa.ID}},
		{text: "ma yun", first: jackMa.ID, set: []string{jackMa.ID}},
		{text: "METI", first: meti.ID, set: []string{meti.ID}},
		{text: "washing", first: us.ID, set: []string{us.ID}},
		{text: "JAPAN", first: jp.ID, set: []string{jp.ID}},
		{text: "ali", set: []string{alibaba.ID, aliexp.ID}, ranked: []string{alibaba.ID, aliexp.ID}},
		{text: "ja", contain: []string{jp.ID, jackMa.ID}},
		{text: "ja", kinds: []tradegraph.ActorKind{tradegraph.Country}, first: jp.ID, set: []string{jp.ID}},
		{text: "ja", kinds: []tradegraph.ActorKind{tradegraph.Person, tradegraph.Company}, set: []string{jackMa.ID}},
		{text: "ünïcödé"},
		{text: "   "},
		{text: "trade", set: []string{meti.ID, wto.ID}},
		{text: "United States", first: us.ID, contain: []string{us.ID}},
		// "US" is an alias of the country and a word of the ministry's name.
		{text: "US", set: []string{us.ID, commerce.ID}, ranked: []string{us.ID, commerce.ID}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q%v", tt.text, tt.kinds), func(t *testing.T) {
			got, err := st.SearchActors(t.Context(), tt.text, tt.kinds, 20)
			if err != nil {
				t.Fatalf("SearchActors: %v", err)
			}
			gotIDs := ids(got, actorID)
			if tt.first != "" && (len(gotIDs) == 0 || gotIDs[0] != tt.first) {
				t.Errorf("SearchActors(%q) = %q, want %q first", tt.text, gotIDs, tt.first)
			}
			if tt.set != nil || (tt.first == "" && tt.contain == nil) {
				want := slices.Clone(tt.set)
				sort.Strings(want)
				have := slices.Clone(gotIDs)
				sort.Strings(have)
				if diff := cmp.Diff(want, have, equate); diff != "" {
					t.Errorf("SearchActors(%q) found (-want +got):\n%s", tt.text, diff)
				}
			}
			for _, c := range tt.contain {
				if !slices.Contains(gotIDs, c) {
					t.Errorf("SearchActors(%q) = %q, missing %q", tt.text, gotIDs, c)
				}
			}
			// Whatever the ranking: exact name matches first, then exact
			// alias matches, then the rest.
			tiers := make([]int, len(got))
			for i, a := range got {
				tiers[i] = searchTier(a, tt.text)
			}
			if !slices.IsSorted(tiers) {
				t.Errorf("SearchActors(%q) = %q: exact name matches must come first, then exact alias matches (tiers %v)", tt.text, gotIDs, tiers)
			}
			if s.caps.SearchRanking && tt.ranked != nil {
				if diff := cmp.Diff(tt.ranked, gotIDs); diff != "" {
					t.Errorf("SearchActors(%q) order (-want +got):\n%s", tt.text, diff)
				}
			}
			for _, a := range got {
				if diff := cmp.Diff(m.actors[a.ID], a, equate); diff != "" {
					t.Errorf("actor %s (-want +got):\n%s", a.ID, diff)
				}
			}
		})
	}

	t.Run("limit", func(t *testing.T) {
		got, err := st.SearchActors(t.Context(), "a", nil, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Errorf("SearchActors(limit 2) returned %d actors", len(got))
		}
	})

	t.Run("hostile input", func(t *testing.T) {
		before := snapshot(t, st)
		for _, text := range []string{`"`, `*`, `OR`, `a OR b`, `NEAR(`, `NEAR(jack ma, 2)`, `'); DROP TABLE actors;--`,
			`name:jack`, `^jack`, `jack AND`, `-ma`, `(`, `{`, `"jack`, `\`, `%`, `_`, "\x00", `ma*`, `+`,
			`)`, `~`, `jack~2`, `AND`, `jack AND ma`, `NOT jack`, `a/b`, `&&`, `||`, `!`, `?`, `[a TO z]`, `jack^2`, `"a" "b`} {
			got, err := st.SearchActors(t.Context(), text, nil, 10)
			if err != nil {
				t.Errorf("SearchActors(%q): %v", text, err)
				continue
			}
			for _, a := range got {
				if m.actors[a.ID] == nil {
					t.Errorf("SearchActors(%q) found unknown actor %q", text, a.ID)
				}
			}
		}
		if got, err := st.SearchActors(t.Context(), `"jack" OR "taiwan"`, nil, 10); err != nil {
			t.Errorf("SearchActors with quotes and OR: %v", err)
		} else if len(got) != 0 {
			// Every word must match; "or" is a word like any other here.
			t.Errorf("SearchActors(%q) = %q, want nothing (OR is not an operator)", `"jack" OR "taiwan"`, ids(got, actorID))
		}
		if diff := cmp.Diff(before, snapshot(t, st), equate); diff != "" {
			t.Errorf("hostile searches changed the store (-before +after):\n%s", diff)
		}
	})

	_, err := st.SearchActors(t.Context(), "ja", []tradegraph.ActorKind{"Robot"}, 5)
	wantCode(t, "SearchActors(kind Robot)", err, tradegraph.EINVALID)
}

// searchTier is 0 for an actor whose name is text, 1 for one with an alias
// that is text (both ignoring case and surrounding space), 2 for others.
func searchTier(a *tradegraph.Actor, text string) int {
	text = strings.TrimSpace(text)
	if strings.EqualFold(a.Name, text) {
		return 0
	}
	for _, alias := range a.Aliases {
		if strings.EqualFold(alias, text) {
			return 1
		}
	}
	return 2
}

func (s *suite) testNeighborhood(t *testing.T) {
	st, m := s.loaded(t)
	type T = []tradegraph.RelationType
	tests := []struct {
		name   string
		id     string
		opt    tradegraph.NeighborhoodOptions
		actors []string // hand-written expectation, checked besides the model
	}{
		{"depth 1", jackMa.ID, tradegraph.NeighborhoodOptions{Depth: 1}, []string{jackMa.ID, alibaba.ID, aliexp.ID, jp.ID}},
		{"depth 2", jackMa.ID, tradegraph.NeighborhoodOptions{Depth: 2},
			[]string{jackMa.ID, alibaba.ID, aliexp.ID, jp.ID, cn.ID, us.ID, meti.ID}},
		{"depth 3", jackMa.ID, tradegraph.NeighborhoodOptions{Depth: 3}, nil},
		{"types", jp.ID, tradegraph.NeighborhoodOptions{Depth: 2, Types: T{tradegraph.PartOf, tradegraph.HoldsRole}},
			[]string{jp.ID, meti.ID, nishimura.ID}},
		{"limit", us.ID, tradegraph.NeighborhoodOptions{Depth: 2, Limit: 4}, nil},
		{"limit exact", jackMa.ID, tradegraph.NeighborhoodOptions{Depth: 1, Limit: 4}, []string{jackMa.ID, alibaba.ID, aliexp.ID, jp.ID}},
		{"limit one", jackMa.ID, tradegraph.NeighborhoodOptions{Depth: 1, Limit: 1}, []string{jackMa.ID}},
		{"isolated", loner.ID, tradegraph.NeighborhoodOptions{Depth: 3}, []string{loner.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.Neighborhood(t.Context(), tt.id, tt.opt)
			if err != nil {
				t.Fatalf("Neighborhood: %v", err)
			}
			limit := tt.opt.Limit
			if limit == 0 {
				limit = tradegraph.DefaultNeighborhoodLimit
			}
			want := m.neighborhood(tt.id, tt.opt.Depth, limit, tt.opt.Types)
			if diff := cmp.Diff(want, got, equate); diff != "" {
				t.Errorf("Neighborhood(%s, %+v) (-want +got):\n%s", tt.id, tt.opt, diff)
			}
			if tt.actors != nil {
				if diff := cmp.Diff(tt.actors, ids(got.Actors, actorID)); diff != "" {
					t.Errorf("Neighborhood(%s, %+v) actors (-want +got):\n%s", tt.id, tt.opt, diff)
				}
			}
		})
	}
	// Spot checks of the model's Truncated.
	if g, err := st.Neighborhood(t.Context(), us.ID, tradegraph.NeighborhoodOptions{Depth: 2, Limit: 4}); err != nil || !g.Truncated {
		t.Errorf("Neighborhood(US, limit 4): Truncated false or error %v", err)
	}
	if g, err := st.Neighborhood(t.Context(), jackMa.ID, tradegraph.NeighborhoodOptions{Depth: 1, Limit: 4}); err != nil || g.Truncated {
		t.Errorf("Neighborhood(Jack Ma, depth 1, limit 4): Truncated though nothing was left out, or error %v", err)
	}
	// The relation cap keeps the first relations by id and says it cut.
	full, err := st.Neighborhood(t.Context(), jackMa.ID, tradegraph.NeighborhoodOptions{Depth: 2, RelationLimit: tradegraph.MaxNeighborhoodRelations})
	if err != nil {
		t.Fatalf("Neighborhood(Jack Ma, depth 2): %v", err)
	}
	if len(full.Relations) < 2 || full.Truncated {
		t.Fatalf("the fixture's depth-2 neighbourhood of Jack Ma has %d relations, truncated %v; the cap test needs at least 2, untruncated", len(full.Relations), full.Truncated)
	}
	for _, n := range []int{1, len(full.Relations) - 1, len(full.Relations)} {
		g, err := st.Neighborhood(t.Context(), jackMa.ID, tradegraph.NeighborhoodOptions{Depth: 2, RelationLimit: n})
		if err != nil {
			t.Fatalf("Neighborhood(RelationLimit %d): %v", n, err)
		}
		if diff := cmp.Diff(ids(full.Relations[:n], relationID), ids(g.Relations, relationID)); diff != "" {
			t.Errorf("Neighborhood(RelationLimit %d) relations (-want +got):\n%s", n, diff)
		}
		if want := n < len(full.Relations); g.Truncated != want {
			t.Errorf("Neighborhood(RelationLimit %d): Truncated %v, want %v", n, g.Truncated, want)
		}
		if len(g.Actors) != len(full.Actors) {
			t.Errorf("Neighborhood(RelationLimit %d): %d actors, want all %d: the relation cap must not drop actors", n, len(g.Actors), len(full.Actors))
		}
	}
	for _, opt := range []tradegraph.NeighborhoodOptions{{Depth: 0}, {Depth: tradegraph.MaxDepth + 1}, {Depth: -1}, {Depth: 1, Types: T{"LIKES"}}} {
		_, err := st.Neighborhood(t.Context(), jp.ID, opt)
		wantCode(t, fmt.Sprintf("Neighborhood(%+v)", opt), err, tradegraph.EINVALID)
	}
	_, err = st.Neighborhood(t.Context(), "person:nobody", tradegraph.NeighborhoodOptions{Depth: 1})
	wantCode(t, "Neighborhood(unknown)", err, tradegraph.ENOTFOUND)
}

func (s *suite) testShortestPath(t *testing.T) {
	st, m := s.loaded(t)
	a1, a3 := "https://news.example/chips", "https://news.example/jack-ma"
	rid := tradegraph.RelationID
	tests := []struct {
		name      string
		from, to  string
		opt       tradegraph.PathOptions
		actors    []string
		relations []string
	}{
		{"one hop", jackMa.ID, alibaba.ID, tradegraph.PathOptions{MaxHops: 1},
			[]string{jackMa.ID, alibaba.ID}, []string{rid(tradegraph.Founded, jackMa.ID, alibaba.ID, a3)}},
		{"against the arrows", nishimura.ID, us.ID, tradegraph.PathOptions{MaxHops: 4},
			[]string{nishimura.ID, meti.ID, jp.ID, us.ID},
			[]string{rid(tradegraph.HoldsRole, nishimura.ID, meti.ID, a1), rid(tradegraph.PartOf, meti.ID, jp.ID, a1), ids(m.between(jp.ID, us.ID), relationID)[0]}},
		{"reverse", us.ID, nishimura.ID, tradegraph.PathOptions{MaxHops: 4},
			[]string{us.ID, jp.ID, meti.ID, nishimura.ID},
			[]string{ids(m.between(jp.ID, us.ID), relationID)[0], rid(tradegraph.PartOf, meti.ID, jp.ID, a1), rid(tradegraph.HoldsRole, nishimura.ID, meti.ID, a1)}},
		// AliExpress reaches China in three hops by Alibaba and the US, by
		// Alibaba and Japan, or by Jack Ma and Japan: walking back from
		// China the smallest ids win, country:JP and then company:alibaba.
		{"tie broken by id", aliexp.ID, cn.ID, tradegraph.PathOptions{MaxHops: 6},
			[]string{aliexp.ID, alibaba.ID, jp.ID, cn.ID},
			[]string{rid(tradegraph.Acquired, alibaba.ID, aliexp.ID, a3), rid(tradegraph.InvestedIn, alibaba.ID, jp.ID, a3), rid(tradegraph.RestrictedExports, jp.ID, cn.ID, a1)}},
		{"types", jackMa.ID, jp.ID, tradegraph.PathOptions{MaxHops: 3, Types: []tradegraph.RelationType{tradegraph.Founded, tradegraph.InvestedIn}},
			[]string{jackMa.ID, alibaba.ID, jp.ID},
			[]string{rid(tradegraph.Founded, jackMa.ID, alibaba.ID, a3), rid(tradegraph.InvestedIn, alibaba.ID, jp.ID, a3)}},
		{"same actor", tw.ID, tw.ID, tradegraph.PathOptions{MaxHops: 1}, []string{tw.ID}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.ShortestPath(t.Context(), tt.from, tt.to, tt.opt)
			if err != nil {
				t.Fatalf("ShortestPath: %v", err)
			}
			want := m.path(tt.from, tt.to, tt.opt.Types)
			if diff := cmp.Diff(want, got, equate); diff != "" {
				t.Errorf("ShortestPath(%s, %s, %+v) (-want +got):\n%s", tt.from, tt.to, tt.opt, diff)
			}
			if tt.actors != nil {
				if diff := cmp.Diff(tt.actors, ids(got.Actors, actorID)); diff != "" {
					t.Errorf("actors (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(tt.relations, ids(got.Relations, relationID)); diff != "" {
					t.Errorf("relations (-want +got):\n%s", diff)
				}
			}
			if len(got.Relations) != len(got.Actors)-1 {
				t.Errorf("%d actors but %d relations", len(got.Actors), len(got.Relations))
			}
			for i, r := range got.Relations {
				a, b := got.Actors[i].ID, got.Actors[i+1].ID
				if !(r.From == a && r.To == b) && !(r.From == b && r.To == a) {
					t.Errorf("hop %d: relation %s→%s does not join %s and %s", i, r.From, r.To, a, b)
				}
			}
		})
	}

	errs := []struct {
		name     string
		from, to string
		opt      tradegraph.PathOptions
		code     string
	}{
		{"too few hops", nishimura.ID, us.ID, tradegraph.PathOptions{MaxHops: 2}, tradegraph.ENOTFOUND},
		{"no path", jackMa.ID, loner.ID, tradegraph.PathOptions{MaxHops: tradegraph.MaxHops}, tradegraph.ENOTFOUND},
		{"types cut the way", jackMa.ID, us.ID, tradegraph.PathOptions{MaxHops: 6, Types: []tradegraph.RelationType{tradegraph.Owns}}, tradegraph.ENOTFOUND},
		{"unknown from", "person:nobody", us.ID, tradegraph.PathOptions{MaxHops: 2}, tradegraph.ENOTFOUND},
		{"unknown to", us.ID, "person:nobody", tradegraph.PathOptions{MaxHops: 2}, tradegraph.ENOTFOUND},
		{"zero hops", us.ID, jp.ID, tradegraph.PathOptions{}, tradegraph.EINVALID},
		{"too many hops", us.ID, jp.ID, tradegraph.PathOptions{MaxHops: tradegraph.MaxHops + 1}, tradegraph.EINVALID},
		{"unknown type", us.ID, jp.ID, tradegraph.PathOptions{MaxHops: 2, Types: []tradegraph.RelationType{"LIKES"}}, tradegraph.EINVALID},
	}
	for _, tt := range errs {
		_, err := st.ShortestPath(t.Context(), tt.from, tt.to, tt.opt)
		wantCode(t, "ShortestPath "+tt.name, err, tt.code)
		if err != nil && tt.code == tradegraph.ENOTFOUND && tradegraph.ErrorMessage(err) == "" {
			t.Errorf("ShortestPath %s: empty message", tt.name)
		}
	}
}

// between returns the relations joining a and b either way, by id.
func (m *model) between(a, b string) []*tradegraph.Relation {
	var out []*tradegraph.Relation
	for _, r := range sortedValues(m.relations) {
		if (r.From == a && r.To == b) || (r.From == b && r.To == a) {
			out = append(out, r)
		}
	}
	return out
}

// path is the reference answer of Store.ShortestPath: breadth first from
// from; walking back from to, each predecessor is the smallest id one hop
// closer, each hop the smallest relation id. It returns nil without a path.
func (m *model) path(from, to string, types []tradegraph.RelationType) *tradegraph.Subgraph {
	adj := m.adjacency(types)
	dist := map[string]int{from: 0}
	frontier := []string{from}
	for len(frontier) > 0 {
		var next []string
		for _, f := range frontier {
			for _, n := range adj[f] {
				if _, ok := dist[n]; !ok {
					dist[n] = dist[f] + 1
					next = append(next, n)
				}
			}
		}
		frontier = next
	}
	if _, ok := dist[to]; !ok {
		return nil
	}
	path := []string{to}
	for cur := to; cur != from; {
		var best string
		for _, n := range adj[cur] {
			if d, ok := dist[n]; ok && d == dist[cur]-1 && (best == "" || n < best) {
				best = n
			}
		}
		path = append(path, best)
		cur = best
	}
	slices.Reverse(path)
	g := &tradegraph.Subgraph{}
	for i, id := range path {
		g.Actors = append(g.Actors, m.actors[id])
		if i > 0 {
			for _, r := range m.between(path[i-1], id) {
				if len(types) == 0 || slices.Contains(types, r.Type) {
					g.Relations = append(g.Relations, r)
					break
				}
			}
		}
	}
	return g
}

func (s *suite) testStats(t *testing.T) {
	// The empty store first, in a test of its own: the suite uses one store
	// at a time.
	t.Run("empty", func(t *testing.T) {
		empty, err := s.openStore(t).Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(newModel().stats(), empty, equate); diff != "" {
			t.Errorf("Stats of an empty store (-want +got):\n%s", diff)
		}
	})

	st, m := s.loaded(t)
	got, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m.stats(), got, equate); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
	if got.Articles != 4 || got.Actors != 15 || got.Relations != 19 {
		t.Errorf("Stats = %d articles, %d actors, %d relations; want 4, 15, 19", got.Articles, got.Actors, got.Relations)
	}
	for _, c := range got.ByType {
		if c.Count == 0 {
			t.Errorf("fixture has no %s relation", c.Key)
		}
	}
}

func (s *suite) testNotFound(t *testing.T) {
	st, _ := s.loaded(t)
	_, err := st.FindActorByID(t.Context(), "person:nobody")
	wantCode(t, "FindActorByID", err, tradegraph.ENOTFOUND)
	_, err = st.FindArticleByID(t.Context(), "https://nowhere.example/")
	wantCode(t, "FindArticleByID", err, tradegraph.ENOTFOUND)
	_, err = st.FindActorByID(t.Context(), "")
	wantCode(t, "FindActorByID(\"\")", err, tradegraph.ENOTFOUND)
	if err := st.Ping(t.Context()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

// state is everything the finders say about a store.
type state struct {
	Stats     *tradegraph.Stats
	Actors    []*tradegraph.Actor
	Relations []*tradegraph.Relation
	Articles  []*tradegraph.Article
}

func snapshot(t *testing.T, st tradegraph.Store) state {
	t.Helper()
	stats, err := st.Stats(t.Context())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return state{
		Stats:     stats,
		Actors:    allActors(t, st, tradegraph.ActorFilter{Paging: tradegraph.Paging{First: tradegraph.MaxPageSize}}),
		Relations: allRelations(t, st, tradegraph.RelationFilter{Paging: tradegraph.Paging{First: tradegraph.MaxPageSize}}),
		Articles:  allArticles(t, st, tradegraph.ArticleFilter{Paging: tradegraph.Paging{First: tradegraph.MaxPageSize}}),
	}
}

func (s *suite) testIdempotentResave(t *testing.T) {
	st, _ := s.loaded(t)
	before := snapshot(t, st)
	for _, x := range fixture() {
		save(t, st, x)
	}
	if diff := cmp.Diff(before, snapshot(t, st), equate); diff != "" {
		t.Errorf("saving everything again changed the store (-before +after):\n%s", diff)
	}
	// Relations without ids or article get them from the store, the same.
	for _, x := range fixture() {
		for _, r := range x.Relations {
			r.ID, r.Article = "", ""
		}
		save(t, st, x)
	}
	if diff := cmp.Diff(before, snapshot(t, st), equate); diff != "" {
		t.Errorf("saving without relation ids changed the store (-before +after):\n%s", diff)
	}
}

func (s *suite) testResaveReplaces(t *testing.T) {
	st, m := s.loaded(t)
	xs := fixture()
	x := xs[2] // the Jack Ma article
	x.Article.Title = "Jack Ma in Tokyo (updated)"
	x.Relations = []*tradegraph.Relation{
		x.Relations[0],
		rel(tradegraph.MetWith, jp, jackMa, x.Article, "a visit", false, "2023-04-11"),
	}
	x.Relations[0].Hedged = false
	x.Relations[0].Confidence = 0.99
	x.Mentions = x.Mentions[:2]
	x.Actors = slices.DeleteFunc(x.Actors, func(a *tradegraph.Actor) bool { return a.ID != jp.ID && a.ID != jackMa.ID })
	save(t, st, x)
	m.save(x)

	got := snapshot(t, st)
	want := state{Stats: m.stats(), Actors: sortedValues(m.actors), Relations: sortedValues(m.relations), Articles: sortedValues(m.articles)}
	if diff := cmp.Diff(want, got, equate); diff != "" {
		t.Errorf("after re-saving a changed extraction (-want +got):\n%s", diff)
	}
	rs := allRelations(t, st, tradegraph.RelationFilter{Article: x.Article.ID})
	if len(rs) != 2 {
		t.Errorf("article has %d relations after the re-save, want 2", len(rs))
	}
	// The article no longer mentions Alibaba.
	as := allActors(t, st, tradegraph.ActorFilter{Article: x.Article.ID})
	if diff := cmp.Diff([]string{jp.ID, jackMa.ID}, ids(as, actorID)); diff != "" {
		t.Errorf("actors mentioned after the re-save (-want +got):\n%s", diff)
	}
}

func (s *suite) testAliasUnion(t *testing.T) {
	st := s.openStore(t)
	art := func(id string) *tradegraph.Article {
		return &tradegraph.Article{ID: id, Text: "text of " + id}
	}
	first := &tradegraph.Actor{ID: "person:jack-ma", Kind: tradegraph.Person, Name: "Jack Ma", Aliases: []string{"Ma Yun"}}
	save(t, st, &tradegraph.Extraction{Article: art("a"), Actors: []*tradegraph.Actor{first},
		Mentions: []tradegraph.Mention{{ActorID: first.ID, Text: "Mr Ma", Start: 0, End: 5}}})
	// A later article names him otherwise and even gets his kind wrong:
	// the stored kind and name stay, the new names become aliases.
	second := &tradegraph.Actor{ID: "person:jack-ma", Kind: tradegraph.Company, Name: "Jack Ma Yun", Country: "CN"}
	err := st.SaveExtraction(t.Context(), &tradegraph.Extraction{Article: art("b"), Actors: []*tradegraph.Actor{second},
		Mentions: []tradegraph.Mention{{ActorID: first.ID, Text: "Ma", Start: 0, End: 2}, {ActorID: first.ID, Text: "Jack Ma", Start: 3, End: 10}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.FindActorByID(t.Context(), first.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := &tradegraph.Actor{ID: first.ID, Kind: tradegraph.Person, Name: "Jack Ma", Aliases: []string{"Jack Ma Yun", "Ma", "Ma Yun", "Mr Ma"}, Country: "CN"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("actor after two articles (-want +got):\n%s", diff)
	}
	// The new alias is searchable at once.
	found, err := st.SearchActors(t.Context(), "mr m", nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{first.ID}, ids(found, actorID)); diff != "" {
		t.Errorf("SearchActors(mr m) (-want +got):\n%s", diff)
	}
}

func (s *suite) testInvalid(t *testing.T) {
	good := func() *tradegraph.Extraction {
		a := &tradegraph.Article{ID: "https://news.example/bad", Text: "A ghost asked Japan."}
		ghost := &tradegraph.Actor{ID: "person:ghost", Kind: tradegraph.Person, Name: "Ghost"}
		return &tradegraph.Extraction{
			Article:   a,
			Actors:    []*tradegraph.Actor{ghost, jp},
			Mentions:  []tradegraph.Mention{{ActorID: ghost.ID, Text: "ghost", Start: 2, End: 7}},
			Relations: []*tradegraph.Relation{rel(tradegraph.Requested, ghost, jp, a, "", false, "")},
		}
	}
	// The good extraction must pass, or the bad ones prove nothing. It is
	// tried on a store of its own, before the one the bad ones go to.
	if !t.Run("good", func(t *testing.T) { save(t, s.openStore(t), good()) }) {
		t.Fatal("the good extraction was refused, so the bad ones prove nothing")
	}
	st, _ := s.loaded(t)
	before := snapshot(t, st)

	tests := []struct {
		name   string
		mutate func(x *tradegraph.Extraction) *tradegraph.Extraction
	}{
		{"nil extraction", func(*tradegraph.Extraction) *tradegraph.Extraction { return nil }},
		{"nil article", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Article = nil; return x }},
		{"empty article id", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Article.ID = ""; return x }},
		{"unknown relation type", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Relations[0].Type = "LIKES"
			x.Relations[0].ID = ""
			return x
		}},
		{"endpoint not among actors", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Relations = append(x.Relations, rel(tradegraph.Banned, jp, cn, x.Article, "", false, ""))
			return x
		}},
		{"invalid kind", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Actors[0].Kind = "Robot"; return x }},
		{"empty actor id", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Actors = append(x.Actors, &tradegraph.Actor{Kind: tradegraph.Person, Name: "Nobody"})
			return x
		}},
		{"actor listed with two kinds", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Actors = append(x.Actors, &tradegraph.Actor{ID: "person:ghost", Kind: tradegraph.Company, Name: "Ghost Inc"})
			return x
		}},
		{"nil actor", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Actors = append(x.Actors, nil); return x }},
		{"mention of unlisted actor", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Mentions = append(x.Mentions, tradegraph.Mention{ActorID: cn.ID, Text: "China", Start: 0, End: 5})
			return x
		}},
		{"relation of another article", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Relations[0].Article = "https://news.example/other"
			return x
		}},
		{"bad date", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Relations[0].Date = "yesterday"; return x }},
		{"confidence above 1", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Relations[0].Confidence = 1.5; return x }},
		{"duplicate relation", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Relations = append(x.Relations, x.Relations[0])
			return x
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := st.SaveExtraction(t.Context(), tt.mutate(good()))
			wantCode(t, "SaveExtraction", err, tradegraph.EINVALID)
			if err != nil && tradegraph.ErrorMessage(err) == "" {
				t.Errorf("EINVALID error without a message")
			}
			if diff := cmp.Diff(before, snapshot(t, st), equate); diff != "" {
				t.Errorf("a rejected extraction changed the store (-before +after):\n%s", diff)
			}
			if _, err := st.FindActorByID(t.Context(), "person:ghost"); tradegraph.ErrorCode(err) != tradegraph.ENOTFOUND {
				t.Errorf("the ghost actor was written: %v", err)
			}
		})
	}
}

// manyExtractions returns n generated articles over a shared cast of
// actors, so that concurrent saves touch the same actors.
func manyExtractions(n int) []*tradegraph.Extraction {
	cast := []*tradegraph.Actor{us, jp, cn, tw, jackMa, meti, alibaba, wto}
	var xs []*tradegraph.Extraction
	for i := range n {
		a := &tradegraph.Article{ID: fmt.Sprintf("https://bulk.example/%03d", i), Title: fmt.Sprint("Bulk ", i),
			Published: "2024-01-02", Text: fmt.Sprintf("Bulk article number %d.", i)}
		from, to := cast[i%len(cast)], cast[(i*3+1)%len(cast)]
		if from == to {
			to = cast[(i+1)%len(cast)]
		}
		x := &tradegraph.Extraction{
			Article:  a,
			Actors:   []*tradegraph.Actor{from, to},
			Mentions: []tradegraph.Mention{mention(from, fmt.Sprint(from.Name), 0), mention(to, fmt.Sprintf("%s #%d", to.Name, i%4), 20)},
			Relations: []*tradegraph.Relation{
				rel(tradegraph.RelationTypes[i%len(tradegraph.RelationTypes)], from, to, a, fmt.Sprint("thing ", i), i%3 == 0, "2024-01-02"),
			},
		}
		xs = append(xs, x)
	}
	return xs
}

func (s *suite) testConcurrent(t *testing.T) {
	st := s.openStore(t)
	xs := manyExtractions(80)
	const workers = 8
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(xs); i += workers {
				if err := st.SaveExtraction(t.Context(), xs[i]); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent saves failed: %v", err)
	}
	m := newModel(manyExtractions(80)...)
	want := state{Stats: m.stats(), Actors: sortedValues(m.actors), Relations: sortedValues(m.relations), Articles: sortedValues(m.articles)}
	if diff := cmp.Diff(want, snapshot(t, st), equate); diff != "" {
		t.Errorf("after concurrent saves (-want +got):\n%s", diff)
	}
}

func (s *suite) testCancelled(t *testing.T) {
	st, _ := s.loaded(t)
	before := snapshot(t, st)
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	// A deadline in the past: the context has ended before the call.
	expired, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Minute))
	defer cancel()

	for _, c := range []struct {
		name string
		ctx  context.Context
		want error
	}{{"cancelled", cancelled, context.Canceled}, {"deadline exceeded", expired, context.DeadlineExceeded}} {
		t.Run(c.name, func(t *testing.T) {
			ctx := c.ctx
			check := func(what string, err error) {
				t.Helper()
				if !errors.Is(err, c.want) {
					t.Errorf("%s: error = %v, want one that errors.Is matches to %v", what, err, c.want)
				}
			}
			x := fixture()[0]
			x.Article.ID = "https://news.example/cancelled"
			for _, r := range x.Relations {
				r.ID, r.Article = "", ""
			}
			check("SaveExtraction", st.SaveExtraction(ctx, x))
			if bs, ok := st.(tradegraph.BatchSaver); ok {
				errs := bs.SaveExtractions(ctx, []*tradegraph.Extraction{x, fixture()[1]})
				check("SaveExtractions[0]", errs[0])
				check("SaveExtractions[1]", errs[1])
			}
			_, err := st.FindActorByID(ctx, jp.ID)
			check("FindActorByID", err)
			_, err = st.FindActors(ctx, tradegraph.ActorFilter{})
			check("FindActors", err)
			_, err = st.SearchActors(ctx, "ja", nil, 5)
			check("SearchActors", err)
			_, err = st.FindRelations(ctx, tradegraph.RelationFilter{})
			check("FindRelations", err)
			_, err = st.FindArticleByID(ctx, x.Article.ID)
			check("FindArticleByID", err)
			_, err = st.FindArticles(ctx, tradegraph.ArticleFilter{})
			check("FindArticles", err)
			_, err = st.Neighborhood(ctx, jp.ID, tradegraph.NeighborhoodOptions{Depth: 2})
			check("Neighborhood", err)
			_, err = st.ShortestPath(ctx, jackMa.ID, us.ID, tradegraph.PathOptions{MaxHops: 4})
			check("ShortestPath", err)
			_, err = st.Stats(ctx)
			check("Stats", err)
			_, err = st.DeleteArticle(ctx, "https://news.example/chips")
			check("DeleteArticle", err)
			_, err = st.FindActorPages(ctx, []tradegraph.ActorFilter{{Article: "https://news.example/chips"}})
			check("FindActorPages", err)
			_, err = st.FindRelationPages(ctx, []tradegraph.RelationFilter{{From: jp.ID}})
			check("FindRelationPages", err)
			_, err = st.FindArticlePages(ctx, []tradegraph.ArticleFilter{{Actor: jp.ID}})
			check("FindArticlePages", err)
			_, err = st.FindMentions(ctx, []string{"https://news.example/chips"})
			check("FindMentions", err)
			_, err = st.RelationFacets(ctx, tradegraph.RelationFilter{})
			check("RelationFacets", err)
			if err := st.Ping(ctx); err == nil {
				t.Error("Ping with an ended context succeeded")
			}
		})
	}
	if diff := cmp.Diff(before, snapshot(t, st), equate); diff != "" {
		t.Errorf("calls with ended contexts changed the store (-before +after):\n%s", diff)
	}
}

// testPaginationUnderInserts walks the pages of actors and relations while
// articles with new actors and relations are saved between pages: what was
// there all along comes exactly once and in order, and what is saved past
// the cursor comes too.
func (s *suite) testPaginationUnderInserts(t *testing.T) {
	st, m := s.loaded(t)
	insert := func(n int, cursor string) (early, late []string) {
		a := &tradegraph.Article{ID: fmt.Sprintf("https://inserted.example/%d", n), Text: "Inserted between pages."}
		// Ids that sort before everything, right after the cursor, and
		// after everything.
		before := &tradegraph.Actor{ID: fmt.Sprintf("a-inserted:%03d", n), Kind: tradegraph.Organization, Name: fmt.Sprint("Early ", n)}
		next := &tradegraph.Actor{ID: cursor + fmt.Sprintf("/inserted-%03d", n), Kind: tradegraph.Organization, Name: fmt.Sprint("Next ", n)}
		after := &tradegraph.Actor{ID: fmt.Sprintf("zz-inserted:%03d", n), Kind: tradegraph.Organization, Name: fmt.Sprint("Late ", n)}
		save(t, st, &tradegraph.Extraction{Article: a, Actors: []*tradegraph.Actor{before, next, after, jp},
			Relations: []*tradegraph.Relation{rel(tradegraph.MetWith, before, jp, a, "", false, ""), rel(tradegraph.MetWith, after, jp, a, "", false, "")}})
		return []string{before.ID}, []string{next.ID, after.ID}
	}

	t.Run("actors", func(t *testing.T) {
		var got, early, late []string
		after := ""
		for n := 0; ; n++ {
			if n > 100 {
				t.Fatal("more than 100 pages")
			}
			p, err := st.FindActors(t.Context(), tradegraph.ActorFilter{Paging: tradegraph.Paging{First: 2, After: tradegraph.Cursor{ID: after}}})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range p.Items {
				if len(got) > 0 && a.ID <= got[len(got)-1] {
					t.Errorf("page %d: id %q does not follow %q", n, a.ID, got[len(got)-1])
				}
				got = append(got, a.ID)
			}
			if !p.HasNext {
				break
			}
			after = p.Items[len(p.Items)-1].ID
			if n < 4 {
				e, l := insert(n, after)
				early, late = append(early, e...), append(late, l...)
			}
		}
		if len(late) == 0 {
			t.Fatal("nothing was inserted: the walk had one page")
		}
		for _, id := range ids(sortedValues(m.actors), actorID) {
			if !slices.Contains(got, id) {
				t.Errorf("actor %q, stored all along, was not on any page", id)
			}
		}
		for _, id := range late {
			if !slices.Contains(got, id) {
				t.Errorf("actor %q, saved after the cursor, was not on a later page", id)
			}
		}
		for _, id := range early {
			if slices.Contains(got, id) {
				t.Errorf("actor %q, saved before the cursor, was on a later page", id)
			}
		}
	})

	t.Run("relations", func(t *testing.T) {
		var got []string
		after := ""
		for n := 0; ; n++ {
			if n > 100 {
				t.Fatal("more than 100 pages")
			}
			p, err := st.FindRelations(t.Context(), tradegraph.RelationFilter{Paging: tradegraph.Paging{First: 3, After: tradegraph.Cursor{ID: after}}})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range p.Items {
				if len(got) > 0 && r.ID <= got[len(got)-1] {
					t.Errorf("page %d: id %q does not follow %q", n, r.ID, got[len(got)-1])
				}
				got = append(got, r.ID)
			}
			if !p.HasNext {
				break
			}
			after = p.Items[len(p.Items)-1].ID
			if n < 4 {
				insert(1000+n, "b-cursor")
			}
		}
		for _, id := range ids(sortedValues(m.relations), relationID) {
			if !slices.Contains(got, id) {
				t.Errorf("relation %q, stored all along, was not on any page", id)
			}
		}
	})
}

// testConcurrentResaves saves the same articles from several goroutines at
// once, each in its own order: the result is what saving them once gives.
func (s *suite) testConcurrentResaves(t *testing.T) {
	st := s.openStore(t)
	const workers = 6
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for w := range workers {
		wg.Go(func() {
			xs := append(manyExtractions(12), fixture()...)
			for i := range xs {
				x := xs[(i+w*5)%len(xs)]
				if err := st.SaveExtraction(t.Context(), x); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent saves failed: %v", err)
	}
	m := newModel(append(manyExtractions(12), fixture()...)...)
	want := state{Stats: m.stats(), Actors: sortedValues(m.actors), Relations: sortedValues(m.relations), Articles: sortedValues(m.articles)}
	if diff := cmp.Diff(want, snapshot(t, st), equate); diff != "" {
		t.Errorf("after concurrent saves of the same articles (-want +got):\n%s", diff)
	}
}

// testBatch checks SaveExtractions against saving the same extractions one
// by one, where the store offers it.
func (s *suite) testBatch(t *testing.T) {
	st := s.openStore(t)
	bs, ok := st.(tradegraph.BatchSaver)
	switch {
	case ok && !s.caps.BatchSaver:
		t.Fatalf("%T implements tradegraph.BatchSaver, but Capabilities.BatchSaver is not set", st)
	case !ok && s.caps.BatchSaver:
		t.Fatalf("Capabilities.BatchSaver is set, but %T does not implement tradegraph.BatchSaver", st)
	case !ok:
		t.Logf("%T does not implement tradegraph.BatchSaver, as Capabilities declares: nothing more to check", st)
		return
	}

	if errs := bs.SaveExtractions(t.Context(), nil); len(errs) != 0 {
		t.Errorf("SaveExtractions(nil) = %v, want no errors", errs)
	}

	xs := fixture()
	bad := fixture()[0]
	bad.Article.ID = "https://news.example/bad-batch"
	bad.Actors = append(bad.Actors, &tradegraph.Actor{ID: "person:ghost", Kind: tradegraph.Person, Name: "Ghost"})
	bad.Relations = []*tradegraph.Relation{{Type: "LIKES", From: "person:ghost", To: jp.ID}}
	// The Jack Ma article again, changed: the later extraction wins, and the
	// names it adds join the earlier ones.
	again := fixture()[2]
	again.Article.Title = "Jack Ma in Tokyo (second reading)"
	again.Relations = again.Relations[:2]
	again.Actors[0] = &tradegraph.Actor{ID: jackMa.ID, Kind: jackMa.Kind, Name: jackMa.Name, Aliases: []string{"Ma Yun", "Mr Ma"}}
	batch := []*tradegraph.Extraction{xs[0], xs[1], bad, xs[2], xs[3], again, nil}

	errs := bs.SaveExtractions(t.Context(), batch)
	if len(errs) != len(batch) {
		t.Fatalf("SaveExtractions returned %d errors for %d extractions", len(errs), len(batch))
	}
	for i, err := range errs {
		switch i {
		case 2, 6:
			wantCode(t, fmt.Sprintf("SaveExtractions[%d]", i), err, tradegraph.EINVALID)
		default:
			if err != nil {
				t.Errorf("SaveExtractions[%d]: %v", i, err)
			}
		}
	}
	want := newModel(xs[0], xs[1], xs[2], xs[3], again)
	wantState := state{Stats: want.stats(), Actors: sortedValues(want.actors), Relations: sortedValues(want.relations), Articles: sortedValues(want.articles)}
	if diff := cmp.Diff(wantState, snapshot(t, st), equate); diff != "" {
		t.Errorf("after a batch (-want +got):\n%s", diff)
	}
	if _, err := st.FindActorByID(t.Context(), "person:ghost"); tradegraph.ErrorCode(err) != tradegraph.ENOTFOUND {
		t.Errorf("the invalid extraction's actor was written: %v", err)
	}

	// The same batch again changes nothing.
	before := snapshot(t, st)
	bs.SaveExtractions(t.Context(), batch)
	if diff := cmp.Diff(before, snapshot(t, st), equate); diff != "" {
		t.Errorf("saving the batch again changed the store (-before +after):\n%s", diff)
	}
}
