package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/google/go-cmp/cmp"

	"github.com/tradegraph/tradegraph/graph"
)

type pageInfo struct {
	HasNextPage, HasPreviousPage bool
	StartCursor, EndCursor       *string
}

type actorPage struct {
	Actors struct {
		Nodes []struct {
			ID, Name string
			Degree   int
		}
		PageInfo pageInfo
	}
}

func (p actorPage) ids() []string {
	var out []string
	for _, n := range p.Actors.Nodes {
		out = append(out, n.ID)
	}
	return out
}

// TestPagingBothWays walks the actors by name forwards two at a time, then
// backwards from the end, and expects the same list, with pageInfo right
// at every step.
func TestPagingBothWays(t *testing.T) {
	e := newEnv(t)
	const q = `query($first: Int, $after: String, $last: Int, $before: String, $dir: OrderDirection) {
		actors(orderBy: {field: NAME, direction: $dir}, first: $first, after: $after, last: $last, before: $before) {
			nodes { id name degree } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`
	// Names compare by code points: "US Department" sorts before "United".
	want := []string{"country:CN", "person:gene-raymond", "country:JP", "country:TW", "ministry:us-commerce", "country:US", "person:yasutoshi-nishimura"}

	var forward []string
	var after *string
	for i := 0; ; i++ {
		var p actorPage
		e.c.MustPost(q, &p, client.Var("first", 2), client.Var("after", after))
		forward = append(forward, p.ids()...)
		if got := p.Actors.PageInfo.HasPreviousPage; got != (i > 0) {
			t.Errorf("forward page %d: hasPreviousPage = %v", i, got)
		}
		if !p.Actors.PageInfo.HasNextPage {
			break
		}
		after = p.Actors.PageInfo.EndCursor
	}
	if diff := cmp.Diff(want, forward); diff != "" {
		t.Errorf("forwards by name (-want +got):\n%s", diff)
	}

	var backward []string
	var before *string
	for i := 0; ; i++ {
		var p actorPage
		e.c.MustPost(q, &p, client.Var("last", 2), client.Var("before", before))
		backward = append(p.ids(), backward...)
		if got := p.Actors.PageInfo.HasNextPage; got != (i > 0) {
			t.Errorf("backward page %d: hasNextPage = %v", i, got)
		}
		if !p.Actors.PageInfo.HasPreviousPage {
			break
		}
		before = p.Actors.PageInfo.StartCursor
	}
	if diff := cmp.Diff(want, backward); diff != "" {
		t.Errorf("backwards by name (-want +got):\n%s", diff)
	}

	var down actorPage
	e.c.MustPost(q, &down, client.Var("first", 10), client.Var("dir", "DESC"))
	reversed := slices.Clone(want)
	slices.Reverse(reversed)
	if diff := cmp.Diff(reversed, down.ids()); diff != "" {
		t.Errorf("by name, descending (-want +got):\n%s", diff)
	}
}

func TestOrders(t *testing.T) {
	e := newEnv(t)
	var byDegree actorPage
	e.c.MustPost(`{ actors(orderBy: {field: DEGREE, direction: DESC}) { nodes { id degree } } }`, &byDegree)
	degrees := map[string]int{}
	var seq []int
	for _, n := range byDegree.Actors.Nodes {
		degrees[n.ID] = n.Degree
		seq = append(seq, n.Degree)
	}
	if !slices.IsSortedFunc(seq, func(a, b int) int { return b - a }) {
		t.Errorf("degrees by DEGREE DESC: %v", seq)
	}
	// The United States requested Japan and has the Department of Commerce
	// as a part; Taiwan was only banned.
	if degrees["country:US"] != 2 || degrees["person:gene-raymond"] != 2 || degrees["country:TW"] != 1 {
		t.Errorf("degrees = %v", degrees)
	}

	var rels struct {
		Relations struct{ Nodes []struct{ Date string } }
	}
	e.c.MustPost(`{ relations(orderBy: {field: DATE, direction: DESC}) { nodes { date } } }`, &rels)
	if n := rels.Relations.Nodes; len(n) != 5 || n[0].Date != "2023-06-10" || n[4].Date != "2023-05-01" {
		t.Errorf("relations by date, newest first: %+v", n)
	}
	var arts struct {
		Articles struct{ Nodes []struct{ Published string } }
	}
	e.c.MustPost(`{ articles(orderBy: {field: PUBLISHED, direction: DESC}) { nodes { published } } }`, &arts)
	if n := arts.Articles.Nodes; len(n) != 2 || n[0].Published != "2023-06-10" {
		t.Errorf("articles by publication, newest first: %+v", n)
	}
}

func TestCursorErrors(t *testing.T) {
	e := newEnv(t)
	var byName actorPage
	e.c.MustPost(`{ actors(first: 1, orderBy: {field: NAME}) { pageInfo { endCursor } } }`, &byName)
	cursor := *byName.Actors.PageInfo.EndCursor
	tests := []struct {
		name, query string
		vars        map[string]any
		msg         string
	}{
		{"another order", `query($c: String) { actors(orderBy: {field: DEGREE}, after: $c) { nodes { id } } }`, map[string]any{"c": cursor}, "ordered by name, not by degree"},
		{"another list", `query($c: String) { articles(orderBy: {field: PUBLISHED}, after: $c) { nodes { id } } }`, map[string]any{"c": cursor}, "list of actors, not of articles"},
		{"not a cursor", `query($c: String) { actors(after: $c) { nodes { id } } }`, map[string]any{"c": "bm9wZQ"}, "not a cursor of this API"},
		{"both directions", `query($c: String) { actors(orderBy: {field: NAME}, last: 2, after: $c) { nodes { id } } }`, map[string]any{"c": cursor}, "after pages forwards"},
		{"first and last", `{ actors(first: 2, last: 2) { nodes { id } } }`, nil, "first or last"},
		{"zero", `{ relations(last: 0) { nodes { id } } }`, nil, "last must be at least 1"},
		{"bad date", `{ relations(filter: {since: "2023-13-01"}) { nodes { id } } }`, nil, `since: "2023-13-01" is not a date`},
		{"bad confidence", `{ facets(filter: {minConfidence: 2}) { total } }`, nil, "between 0 and 1"},
		{"two actors at one end", `{ actor(id: "country:US") { relations(direction: OUT, filter: {from: "country:JP"}) { nodes { id } } } }`, nil, "filter.from"},
		{"types twice", `{ actor(id: "country:US") { relations(types: [BANNED], filter: {types: [BANNED]}) { nodes { id } } } }`, nil, "not both"},
		{"another article", `{ article(id: "https://news.example.com/a1") { actors(filter: {article: "x"}) { nodes { id } } } }`, nil, "filter.article"},
		{"unknown timeline actor", `{ timeline(actor: "country:ZZ") { byMonth { key } } }`, nil, `actor "country:ZZ" not found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := e.post(t, tt.query, tt.vars, nil)
			if len(errs) == 0 {
				t.Fatal("no error")
			}
			want := graph.CodeInvalid
			if strings.Contains(tt.msg, "not found") {
				want = graph.CodeNotFound
			}
			if errs[0].Extensions["code"] != want || !strings.Contains(errs[0].Message, tt.msg) {
				t.Errorf("error %q (code %v), want one with %q (code %s)", errs[0].Message, errs[0].Extensions["code"], tt.msg, want)
			}
		})
	}
}

func TestFilters(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		list, args string
		want       int
	}{
		{"relations", `filter: {outlet: "Example Wire"}`, 4},
		{"relations", `filter: {minConfidence: 0.8}`, 5},
		{"relations", `filter: {minConfidence: 0.9}`, 0},
		{"relations", `filter: {country: "tw"}`, 1},
		{"relations", `filter: {country: "US"}`, 3},
		{"relations", `filter: {country: "US", types: [PART_OF, BANNED]}`, 1},
		{"relations", `filter: {outlet: "Example Wire", hedged: true}`, 0},
		{"articles", `filter: {outlet: "Example Wire"}`, 1},
		{"articles", `filter: {actor: "country:TW"}`, 1},
		{"articles", `filter: {since: "2023-06-01"}`, 1},
		{"articles", `filter: {since: "2023-01-01", until: "2023-12-31", actor: "country:US"}`, 1},
		{"actors", `filter: {country: "US"}`, 2},
		{"actors", `filter: {country: "US", kinds: [Ministry]}`, 1},
		{"actors", `filter: {article: "https://news.example.com/a2"}`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.list+"("+tt.args+")", func(t *testing.T) {
			var resp map[string]struct {
				TotalCount int
				Nodes      []struct{ ID string }
			}
			e.c.MustPost(`{ `+tt.list+`(`+tt.args+`) { totalCount nodes { id } } }`, &resp)
			if got := resp[tt.list]; got.TotalCount != tt.want || len(got.Nodes) != tt.want {
				t.Errorf("got %d (%d nodes), want %d", got.TotalCount, len(got.Nodes), tt.want)
			}
		})
	}

	// Nested lists take filters too, combined with their parent.
	var nested struct {
		Actor struct {
			Relations struct{ TotalCount int }
			Articles  struct{ TotalCount int }
		}
	}
	e.c.MustPost(`{ actor(id: "country:US") { relations(filter: {types: [PART_OF]}) { totalCount } articles(filter: {since: "2023-06-01"}) { totalCount } } }`, &nested)
	if nested.Actor.Relations.TotalCount != 1 || nested.Actor.Articles.TotalCount != 0 {
		t.Errorf("nested filters: %+v", nested)
	}
}

type count struct {
	Key   string
	Count int
}

func TestTimelineFacetsStats(t *testing.T) {
	e := newEnv(t)
	var tl struct {
		Timeline struct {
			Actor     struct{ Name string }
			ByMonth   []count
			Relations struct {
				TotalCount int
				Nodes      []struct{ Type, Date string }
				PageInfo   pageInfo
			}
		}
	}
	e.c.MustPost(`{ timeline(actor: "person:gene-raymond", first: 1) { actor { name } byMonth { key count }
		relations { totalCount nodes { type date } pageInfo { hasNextPage hasPreviousPage } } } }`, &tl)
	got := tl.Timeline
	if got.Actor.Name != "Gene Raymond" || got.Relations.TotalCount != 2 || len(got.Relations.Nodes) != 1 || !got.Relations.PageInfo.HasNextPage {
		t.Errorf("timeline = %+v", got)
	}
	if diff := cmp.Diff([]count{{"2023-05", 2}}, got.ByMonth); diff != "" {
		t.Errorf("timeline byMonth (-want +got):\n%s", diff)
	}
	// Newest first reverses the list, ties (same date) included.
	var up, down struct {
		Timeline struct {
			Relations struct{ Nodes []struct{ ID string } }
		}
	}
	e.c.MustPost(`{ timeline(actor: "person:gene-raymond") { relations { nodes { id } } } }`, &up)
	e.c.MustPost(`{ timeline(actor: "person:gene-raymond", newestFirst: true) { relations { nodes { id } } } }`, &down)
	reversed := slices.Clone(down.Timeline.Relations.Nodes)
	slices.Reverse(reversed)
	if diff := cmp.Diff(up.Timeline.Relations.Nodes, reversed); diff != "" || len(reversed) != 2 {
		t.Errorf("newest first is not oldest first reversed (-oldest first +newest first reversed):\n%s", diff)
	}
	e.c.MustPost(`{ timeline(actor: "country:TW", types: [BANNED], since: "2023-06-01") { byMonth { key count } relations { totalCount nodes { type date } } } }`, &tl)
	if diff := cmp.Diff([]count{{"2023-06", 1}}, tl.Timeline.ByMonth); diff != "" || tl.Timeline.Relations.TotalCount != 1 {
		t.Errorf("since: total %d, byMonth (-want +got):\n%s", tl.Timeline.Relations.TotalCount, diff)
	}

	var fc struct {
		Facets struct {
			Total, Hedged             int
			ByType, ByOutlet, ByMonth []count
		}
	}
	e.c.MustPost(`{ facets { total hedged byType { key count } byOutlet { key count } byMonth { key count } } }`, &fc)
	want := struct {
		Total, Hedged             int
		ByType, ByOutlet, ByMonth []count
	}{
		Total: 5, Hedged: 1,
		ByType:   []count{{"BANNED", 1}, {"HOLDS_ROLE", 1}, {"MET_WITH", 1}, {"PART_OF", 1}, {"REQUESTED", 1}},
		ByOutlet: []count{{"", 1}, {"Example Wire", 4}},
		ByMonth:  []count{{"2023-05", 4}, {"2023-06", 1}},
	}
	if diff := cmp.Diff(want, fc.Facets); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}
	e.c.MustPost(`{ facets(filter: {hedged: false, country: "US"}) { total hedged byType { key count } byOutlet { key count } byMonth { key count } } }`, &fc)
	if fc.Facets.Total != 3 || fc.Facets.Hedged != 0 || len(fc.Facets.ByType) != 3 {
		t.Errorf("facets of a filter = %+v", fc.Facets)
	}

	var st struct {
		Stats struct{ ByOutlet, ByMonth []count }
	}
	e.c.MustPost(`{ stats { byOutlet { key count } byMonth { key count } } }`, &st)
	if diff := cmp.Diff([]count{{"", 1}, {"Example Wire", 1}}, st.Stats.ByOutlet); diff != "" {
		t.Errorf("stats byOutlet (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]count{{"2023-05", 1}, {"2023-06", 1}}, st.Stats.ByMonth); diff != "" {
		t.Errorf("stats byMonth (-want +got):\n%s", diff)
	}
}

func TestMentions(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Articles struct {
			Nodes []struct {
				ID, Text string
				Mentions []struct {
					Actor      struct{ ID string }
					Text       string
					Start, End int
				}
			}
		}
	}
	e.c.MustPost(`{ articles { nodes { id text mentions { actor { id } text start end } } } }`, &resp)
	if len(resp.Articles.Nodes) != 2 {
		t.Fatalf("articles = %+v", resp.Articles.Nodes)
	}
	a1 := resp.Articles.Nodes[0]
	if len(a1.Mentions) != 2 || a1.Mentions[0].Actor.ID != "country:US" || a1.Mentions[1].Actor.ID != "country:JP" {
		t.Fatalf("mentions of a1 = %+v", a1.Mentions)
	}
	for _, m := range a1.Mentions {
		if got := string([]rune(a1.Text)[m.Start:m.End]); got != m.Text {
			t.Errorf("mention %q at %d..%d reads %q in the text", m.Text, m.Start, m.End, got)
		}
	}
	if n := len(resp.Articles.Nodes[1].Mentions); n != 0 {
		t.Errorf("a2 has %d mentions, want none", n)
	}
}

func TestDeleteArticle(t *testing.T) {
	e := newEnv(t)
	const del = `mutation($id: ID!) { deleteArticle(id: $id) { article mentions relations actors } }`
	var resp struct {
		DeleteArticle struct {
			Article             string
			Mentions, Relations int
			Actors              []string
		}
	}
	if errs := e.post(t, del, map[string]any{"id": "https://news.example.com/a2"}, &resp); len(errs) > 0 {
		t.Fatalf("deleteArticle: %+v", errs)
	}
	d := resp.DeleteArticle
	if d.Article != "https://news.example.com/a2" || d.Relations != 1 || d.Mentions != 0 || !slices.Contains(d.Actors, "country:TW") || slices.Contains(d.Actors, "country:US") {
		t.Errorf("deletion = %+v", d)
	}
	var st struct {
		Stats struct{ Articles, Relations int }
	}
	e.c.MustPost(`{ stats { articles relations } }`, &st)
	if st.Stats.Articles != 1 || st.Stats.Relations != 4 {
		t.Errorf("after the deletion: %+v", st.Stats)
	}
	errs := e.post(t, del, map[string]any{"id": "https://news.example.com/a2"}, nil)
	if len(errs) == 0 || errs[0].Extensions["code"] != graph.CodeNotFound {
		t.Errorf("deleting it again: %+v, want NOT_FOUND", errs)
	}
}
