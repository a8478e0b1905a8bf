package storetest

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/tradegraph/tradegraph"
)

// This file checks the list contract of issue 5: orders and keyset cursors
// both ways, Degree, the newer filters, the batched finders, mentions,
// facets and DeleteArticle.

// Actors of the list fixture: two share a name, one has a name that sorts
// after every ASCII letter by code point, one is in no relation.
var (
	leeHsien = &tradegraph.Actor{ID: "person:lee-hsien", Kind: tradegraph.Person, Name: "Lee", Country: "SG"}
	leeJae   = &tradegraph.Actor{ID: "person:lee-jae-yong", Kind: tradegraph.Person, Name: "Lee", Country: "KR"}
	mofcom   = &tradegraph.Actor{ID: "ministry:cn-mofcom", Kind: tradegraph.Ministry, Name: "Ministry of Commerce", Country: "CN"}
	samsung  = &tradegraph.Actor{ID: "company:samsung", Kind: tradegraph.Company, Name: "Samsung", Country: "KR"}
	union    = &tradegraph.Actor{ID: "company:union-bank", Kind: tradegraph.Company, Name: "Ünion Bank", Country: "CH"}
	eu       = &tradegraph.Actor{ID: "organization:eu", Kind: tradegraph.Organization, Name: "European Union", Country: "EU"}
)

// listExtras returns three more articles for the list tests, saved after
// the fixture. With it, every sort key has ties: two articles a day, two
// undated ones, two actors named Lee, relations of one date, one
// confidence, and undated ones. Outlets repeat, and one article has an
// outlet but no date.
func listExtras() []*tradegraph.Extraction {
	b1 := &tradegraph.Article{ID: "https://wire.example/gallium", Title: "China curbs gallium exports", URL: "https://wire.example/gallium",
		Outlet: "Example News", Published: "2023-06-15", Text: "China's Ministry of Commerce curbs gallium exports. Lee met Lee."}
	b2 := &tradegraph.Article{ID: "https://radio.example/eu", Title: "Beijing criticises EU tariffs",
		Outlet: "Taiwan Radio", Text: "Beijing criticised EU tariffs; Samsung's chairman spoke."}
	b3 := &tradegraph.Article{ID: "https://news.example/2024-samsung", Title: "Samsung buys a bank", URL: "https://news.example/2024-samsung",
		Outlet: "Example News", Published: "2024-01-20", Text: "Samsung bought Ünion Bank. China banned Japanese seafood."}
	with := func(r *tradegraph.Relation, confidence float64) *tradegraph.Relation {
		r.Confidence = confidence
		return r
	}
	return []*tradegraph.Extraction{
		{
			Article: b1,
			Actors:  []*tradegraph.Actor{mofcom, cn, us, eu, leeHsien, leeJae, samsung},
			// Out of order, with ties in Start and in Start and End.
			Mentions: []tradegraph.Mention{
				{ActorID: leeJae.ID, Text: "Lee", Start: 60, End: 63},
				{ActorID: mofcom.ID, Text: "China's Ministry of Commerce", Start: 0, End: 28},
				{ActorID: leeHsien.ID, Text: "Lee", Start: 60, End: 63},
				{ActorID: cn.ID, Text: "China", Start: 0, End: 5},
				mention(eu, "EU", 40), mention(samsung, "Samsung", 70),
			},
			Relations: []*tradegraph.Relation{
				with(rel(tradegraph.RestrictedExports, mofcom, us, b1, "gallium", false, "2023-07-03"), 0.9),
				with(rel(tradegraph.ImposedTariff, eu, cn, b1, "electric vehicles", true, "2023-06-15"), 0.9),
				with(rel(tradegraph.MetWith, leeHsien, leeJae, b1, "", false, ""), 0.75),
				with(rel(tradegraph.PartOf, mofcom, cn, b1, "", false, ""), 1),
				with(rel(tradegraph.InvestedIn, samsung, us, b1, "a chip plant", true, "2023-06-15"), 0.75),
			},
		},
		{
			Article:  b2,
			Actors:   []*tradegraph.Actor{cn, eu, leeJae, samsung, union},
			Mentions: []tradegraph.Mention{mention(cn, "Beijing", 0), mention(eu, "EU", 19), mention(samsung, "Samsung", 31)},
			Relations: []*tradegraph.Relation{
				with(rel(tradegraph.Criticized, cn, eu, b2, "tariffs", false, "2023-07-03"), 0.6),
				with(rel(tradegraph.HoldsRole, leeJae, samsung, b2, "chairman", false, ""), 0.9),
			},
		},
		{
			Article:  b3,
			Actors:   []*tradegraph.Actor{samsung, union, cn, jp},
			Mentions: []tradegraph.Mention{mention(samsung, "Samsung", 0), mention(union, "Ünion Bank", 15), mention(cn, "China", 27)},
			Relations: []*tradegraph.Relation{
				with(rel(tradegraph.Acquired, samsung, union, b3, "", true, "2024-01-20"), 0.6),
				with(rel(tradegraph.Banned, cn, jp, b3, "seafood", false, "2023-08-24"), 0.6),
			},
		},
	}
}

// listed opens an empty store and saves the fixture and listExtras.
func (s *suite) listed(t *testing.T) (tradegraph.Store, *model) {
	t.Helper()
	st := s.openStore(t)
	xs := append(fixture(), listExtras()...)
	for _, x := range xs {
		save(t, st, x)
	}
	return st, newModel(append(fixture(), listExtras()...)...)
}

// recount sets every actor's Degree from the relations.
func (m *model) recount() {
	for _, a := range m.actors {
		a.Degree = 0
	}
	for _, r := range m.relations {
		for _, id := range []string{r.From, r.To} {
			if a := m.actors[id]; a != nil {
				a.Degree++
			}
		}
	}
}

// deleteArticle is what Store.DeleteArticle should do to the model. An
// actor stays while a relation or an article (in its Actors) names it.
func (m *model) deleteArticle(id string) *tradegraph.Deletion {
	d := &tradegraph.Deletion{Article: id, Mentions: len(m.mentions[id]), Actors: []string{}}
	candidates := map[string]bool{}
	for a := range m.mentioned[id] {
		candidates[a] = true
	}
	for _, mn := range m.mentions[id] {
		candidates[mn.ActorID] = true
	}
	for rid, r := range m.relations {
		if r.Article == id {
			candidates[r.From], candidates[r.To] = true, true
			delete(m.relations, rid)
			d.Relations++
		}
	}
	delete(m.articles, id)
	delete(m.mentioned, id)
	delete(m.mentions, id)
	m.recount()
	for a := range candidates {
		if m.actors[a] == nil || m.actors[a].Degree > 0 {
			continue
		}
		listed := false
		for _, as := range m.mentioned {
			listed = listed || as[a]
		}
		if !listed {
			delete(m.actors, a)
			d.Actors = append(d.Actors, a)
		}
	}
	sort.Strings(d.Actors)
	return d
}

func month(date string) string {
	if len(date) < len("2006-01") {
		return ""
	}
	return date[:len("2006-01")]
}

// counts turns a tally into Counts sorted by key, without zeros.
func counts(tally map[string]int) []tradegraph.Count {
	var out []tradegraph.Count
	for _, k := range slices.Sorted(maps.Keys(tally)) {
		if tally[k] > 0 {
			out = append(out, tradegraph.Count{Key: k, Count: tally[k]})
		}
	}
	return out
}

// The ascending orders, ties by id, as the model computes them.
func actorCmp(o tradegraph.ActorOrder) func(a, b *tradegraph.Actor) int {
	return func(a, b *tradegraph.Actor) int {
		var c int
		switch o {
		case tradegraph.ActorsByName:
			c = strings.Compare(a.Name, b.Name)
		case tradegraph.ActorsByDegree:
			c = cmp.Compare(a.Degree, b.Degree)
		}
		return cmp.Or(c, strings.Compare(a.ID, b.ID))
	}
}

func relationCmp(o tradegraph.RelationOrder) func(a, b *tradegraph.Relation) int {
	return func(a, b *tradegraph.Relation) int {
		var c int
		switch o {
		case tradegraph.RelationsByDate:
			c = strings.Compare(a.Date, b.Date)
		case tradegraph.RelationsByConfidence:
			c = cmp.Compare(a.Confidence, b.Confidence)
		}
		return cmp.Or(c, strings.Compare(a.ID, b.ID))
	}
}

func articleCmp(o tradegraph.ArticleOrder) func(a, b *tradegraph.Article) int {
	return func(a, b *tradegraph.Article) int {
		var c int
		if o == tradegraph.ArticlesByPublished {
			c = strings.Compare(a.Published, b.Published)
		}
		return cmp.Or(c, strings.Compare(a.ID, b.ID))
	}
}

// list is one ordered list of a store: how to ask for a page of it, and
// what it should hold.
type list[T any] struct {
	name string
	// find asks for one page; the filter and order are built in.
	find   func(ctx context.Context, p tradegraph.Paging) (*tradegraph.Page[T], error)
	cursor func(T) tradegraph.Cursor
	cmp    func(a, b T) int // ascending, ties by id
	keep   func(T) bool     // the filter, as the model applies it
	id     func(T) string
}

// want returns the model's items of the list, in order.
func (l list[T]) want(items []T, desc bool) []T {
	var out []T
	for _, it := range items {
		if l.keep == nil || l.keep(it) {
			out = append(out, it)
		}
	}
	slices.SortFunc(out, l.cmp)
	if desc {
		slices.Reverse(out)
	}
	return out
}

func actorList(st tradegraph.Store, f tradegraph.ActorFilter, keep func(*tradegraph.Actor) bool) list[*tradegraph.Actor] {
	return list[*tradegraph.Actor]{
		name: fmt.Sprintf("actors by %s", cmp.Or(string(f.Order), "id")),
		find: func(ctx context.Context, p tradegraph.Paging) (*tradegraph.Page[*tradegraph.Actor], error) {
			f.Paging = p
			return st.FindActors(ctx, f)
		},
		cursor: f.Order.Cursor, cmp: actorCmp(f.Order), keep: keep, id: actorID,
	}
}

func relationList(st tradegraph.Store, f tradegraph.RelationFilter, keep func(*tradegraph.Relation) bool) list[*tradegraph.Relation] {
	return list[*tradegraph.Relation]{
		name: fmt.Sprintf("relations by %s", cmp.Or(string(f.Order), "id")),
		find: func(ctx context.Context, p tradegraph.Paging) (*tradegraph.Page[*tradegraph.Relation], error) {
			f.Paging = p
			return st.FindRelations(ctx, f)
		},
		cursor: f.Order.Cursor, cmp: relationCmp(f.Order), keep: keep, id: relationID,
	}
}

func articleList(st tradegraph.Store, f tradegraph.ArticleFilter, keep func(*tradegraph.Article) bool) list[*tradegraph.Article] {
	return list[*tradegraph.Article]{
		name: fmt.Sprintf("articles by %s", cmp.Or(string(f.Order), "id")),
		find: func(ctx context.Context, p tradegraph.Paging) (*tradegraph.Page[*tradegraph.Article], error) {
			f.Paging = p
			return st.FindArticles(ctx, f)
		},
		cursor: f.Order.Cursor, cmp: articleCmp(f.Order), keep: keep, id: articleID,
	}
}

// checkPages walks l forwards with First and After, then backwards with
// Last and Before, size items a page, and checks every page against want:
// its items, HasNext, HasPrev and TotalCount.
func checkPages[T any](t *testing.T, l list[T], want []T, size int, desc, withTotal bool) {
	t.Helper()
	n, _ := tradegraph.Paging{First: size}.Size()
	total := 0
	if withTotal {
		total = len(want)
	}
	check := func(what string, p *tradegraph.Page[T], start, end int) {
		t.Helper()
		if diff := gocmp.Diff(want[start:end], p.Items, equate); diff != "" {
			t.Fatalf("%s: items (-want +got):\n%s", what, diff)
		}
		if p.HasNext != (end < len(want)) || p.HasPrev != (start > 0) || p.TotalCount != total {
			t.Errorf("%s: HasNext %v, HasPrev %v, TotalCount %d; want %v, %v, %d",
				what, p.HasNext, p.HasPrev, p.TotalCount, end < len(want), start > 0, total)
		}
	}

	var after tradegraph.Cursor
	for start := 0; ; {
		p, err := l.find(t.Context(), tradegraph.Paging{First: size, After: after, Desc: desc, WithTotal: withTotal})
		if err != nil {
			t.Fatalf("forward page at %d: %v", start, err)
		}
		end := min(start+n, len(want))
		check(fmt.Sprintf("forward page at %d (after %+v)", start, after), p, start, end)
		if end == len(want) {
			break
		}
		after, start = l.cursor(p.Items[len(p.Items)-1]), end
	}

	var before tradegraph.Cursor
	for end := len(want); ; {
		pg := tradegraph.Paging{Last: size, Before: before, Desc: desc, WithTotal: withTotal}
		if size == 0 {
			// Before alone pages backwards by the default size; without
			// Before, Last asks for the last page.
			pg.Last = tradegraph.DefaultPageSize
		}
		p, err := l.find(t.Context(), pg)
		if err != nil {
			t.Fatalf("backward page ending at %d: %v", end, err)
		}
		start := max(end-n, 0)
		check(fmt.Sprintf("backward page ending at %d (before %+v)", end, before), p, start, end)
		if start == 0 {
			break
		}
		before, end = l.cursor(p.Items[0]), start
	}

	if len(want) > 1 {
		// Before alone, the last item's cursor: everything else.
		p, err := l.find(t.Context(), tradegraph.Paging{Before: l.cursor(want[len(want)-1]), Desc: desc, WithTotal: withTotal})
		if err != nil {
			t.Fatalf("Before alone: %v", err)
		}
		check("Before alone", p, max(len(want)-1-tradegraph.DefaultPageSize, 0), len(want)-1)
	}
}

func (s *suite) testOrders(t *testing.T) {
	st, m := s.listed(t)
	actors, relations, articles := sortedValues(m.actors), sortedValues(m.relations), sortedValues(m.articles)

	// The fixture must have ties in every key, or the tie-break is untested.
	ties := func(what string, keys []string) {
		if len(keys) == len(slices.Compact(slices.Sorted(slices.Values(keys)))) {
			t.Fatalf("fixture has no tie in %s", what)
		}
	}
	ties("actor names", ids(actors, func(a *tradegraph.Actor) string { return a.Name }))
	ties("degrees", ids(actors, func(a *tradegraph.Actor) string { return fmt.Sprint(a.Degree) }))
	ties("relation dates", ids(relations, func(r *tradegraph.Relation) string { return r.Date }))
	ties("confidences", ids(relations, func(r *tradegraph.Relation) string { return fmt.Sprint(r.Confidence) }))
	ties("publication dates", ids(articles, func(a *tradegraph.Article) string { return a.Published }))

	cnRel := func(r *tradegraph.Relation) bool {
		return m.actors[r.From].Country == "CN" || m.actors[r.To].Country == "CN"
	}
	exampleNews := func(a *tradegraph.Article) bool { return a.Outlet == "Example News" }
	people := func(a *tradegraph.Actor) bool { return a.Kind == tradegraph.Person || a.Kind == tradegraph.Company }
	type run func(t *testing.T, size int, desc, withTotal bool)
	var runs []struct {
		name string
		run  run
	}
	add := func(name string, r run) {
		runs = append(runs, struct {
			name string
			run  run
		}{name, r})
	}
	// The empty order is by id: testPagination walks it.
	for _, o := range []tradegraph.ActorOrder{tradegraph.ActorsByID, tradegraph.ActorsByName, tradegraph.ActorsByDegree} {
		l := actorList(st, tradegraph.ActorFilter{Order: o}, nil)
		add(l.name, func(t *testing.T, size int, desc, wt bool) { checkPages(t, l, l.want(actors, desc), size, desc, wt) })
	}
	for _, o := range []tradegraph.ActorOrder{tradegraph.ActorsByName, tradegraph.ActorsByDegree} {
		l := actorList(st, tradegraph.ActorFilter{Order: o, Kinds: []tradegraph.ActorKind{tradegraph.Person, tradegraph.Company}}, people)
		add(l.name+" of some kinds", func(t *testing.T, size int, desc, wt bool) { checkPages(t, l, l.want(actors, desc), size, desc, wt) })
	}
	for _, o := range []tradegraph.RelationOrder{tradegraph.RelationsByID, tradegraph.RelationsByDate, tradegraph.RelationsByConfidence} {
		l := relationList(st, tradegraph.RelationFilter{Order: o}, nil)
		add(l.name, func(t *testing.T, size int, desc, wt bool) { checkPages(t, l, l.want(relations, desc), size, desc, wt) })
		lc := relationList(st, tradegraph.RelationFilter{Order: o, Country: "CN"}, cnRel)
		add(lc.name+" of Chinese actors", func(t *testing.T, size int, desc, wt bool) {
			checkPages(t, lc, lc.want(relations, desc), size, desc, wt)
		})
	}
	for _, o := range []tradegraph.ArticleOrder{tradegraph.ArticlesByID, tradegraph.ArticlesByPublished} {
		l := articleList(st, tradegraph.ArticleFilter{Order: o}, nil)
		add(l.name, func(t *testing.T, size int, desc, wt bool) { checkPages(t, l, l.want(articles, desc), size, desc, wt) })
		lo := articleList(st, tradegraph.ArticleFilter{Order: o, Outlet: "Example News"}, exampleNews)
		add(lo.name+" of one outlet", func(t *testing.T, size int, desc, wt bool) {
			checkPages(t, lo, lo.want(articles, desc), size, desc, wt)
		})
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			for _, desc := range []bool{false, true} {
				for i, size := range []int{2, 5, 0} {
					t.Run(fmt.Sprintf("desc=%v/size=%d", desc, size), func(t *testing.T) { r.run(t, size, desc, i == 1) })
				}
			}
		})
	}

	// A few orders written out by hand, in case model and store agree on
	// a mistake.
	hand := []struct {
		name string
		got  func() ([]string, error)
		want []string
	}{
		{"actors by name", func() ([]string, error) {
			p, err := st.FindActors(t.Context(), tradegraph.ActorFilter{Order: tradegraph.ActorsByName, Kinds: []tradegraph.ActorKind{tradegraph.Person, tradegraph.Company}})
			return ids(p.Items, actorID), err
		}, []string{asml.ID, aliexp.ID, alibaba.ID, jackMa.ID, kyodo.ID, leeHsien.ID, leeJae.ID, samsung.ID, nishimura.ID, union.ID}},
		{"actors by name, desc", func() ([]string, error) {
			p, err := st.FindActors(t.Context(), tradegraph.ActorFilter{Order: tradegraph.ActorsByName, Kinds: []tradegraph.ActorKind{tradegraph.Person},
				Paging: tradegraph.Paging{Desc: true}})
			return ids(p.Items, actorID), err
		}, []string{nishimura.ID, leeJae.ID, leeHsien.ID, jackMa.ID}},
		{"articles by published", func() ([]string, error) {
			p, err := st.FindArticles(t.Context(), tradegraph.ArticleFilter{Order: tradegraph.ArticlesByPublished})
			return ids(p.Items, articleID), err
		}, []string{"https://radio.example/eu", "sha256:0f1e2d3c", "https://news.example/chips", "https://news.example/jack-ma",
			"https://news.example/seafood", "https://wire.example/gallium", "https://news.example/2024-samsung"}},
	}
	for _, h := range hand {
		got, err := h.got()
		if err != nil {
			t.Errorf("%s: %v", h.name, err)
			continue
		}
		if diff := gocmp.Diff(h.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", h.name, diff)
		}
	}
}

// testCursorsUnderInserts walks lists in every order while articles are
// saved between pages, with items that sort on both sides of the cursor
// and some that tie with it in the key: an item saved before the cursor
// never shows, one saved after it shows once, and what was there all along
// shows exactly once, in order.
func (s *suite) testCursorsUnderInserts(t *testing.T) {
	st, m := s.listed(t)
	n := 0
	// insert saves an article with items in three places of every order:
	// tied with the cursor in the key (its name, date, confidence), and
	// beyond every item saved so far at either end (its early and late
	// keys grow more extreme with n, so a later insertion passes earlier
	// ones). Only new actors take part, so no stored item's key moves.
	insert := func(name, date string, confidence float64) {
		n++
		early, late := fmt.Sprintf("%04d-01-01", 1900-n), fmt.Sprintf("%04d-12-31", 2100+n)
		a := &tradegraph.Article{ID: fmt.Sprintf("https://a.example/%03d", 999-n), Outlet: "Inserted",
			Text: fmt.Sprintf("Inserted article %d.", n)}
		if n%2 == 0 {
			a.ID = fmt.Sprintf("urn:inserted:%03d", n)
		}
		a.Published = []string{date, early, late}[n%3]
		org := func(id, name string) *tradegraph.Actor {
			return &tradegraph.Actor{ID: id, Kind: tradegraph.Organization, Name: name}
		}
		x := org(fmt.Sprintf("a-ins:%03d", 999-n), fmt.Sprintf("!%03d", 999-n))
		y := org(fmt.Sprintf("organization:ins-%03d", n), name)
		z := org(fmt.Sprintf("zz-ins:%03d", n), fmt.Sprintf("\u00ff%03d", n))
		lone := org(fmt.Sprintf("a-lone:%03d", 999-n), name)
		r := func(t tradegraph.RelationType, from, to *tradegraph.Actor, date string, c float64) *tradegraph.Relation {
			r := rel(t, from, to, a, "", false, date)
			r.Confidence = c
			return r
		}
		ex := &tradegraph.Extraction{Article: a, Actors: []*tradegraph.Actor{x, y, z, lone}, Relations: []*tradegraph.Relation{
			r(tradegraph.MetWith, x, y, date, confidence),
			r(tradegraph.Criticized, z, x, early, float64(100-n)/10000),
			r(tradegraph.Requested, y, z, late, 0.99+float64(n)/10000),
		}}
		save(t, st, ex)
		m.save(ex)
	}

	type walkFn func(t *testing.T, desc bool)
	walks := map[string]walkFn{}
	for _, o := range []tradegraph.ActorOrder{tradegraph.ActorsByID, tradegraph.ActorsByName, tradegraph.ActorsByDegree} {
		l := actorList(st, tradegraph.ActorFilter{Order: o}, nil)
		walks[l.name] = func(t *testing.T, desc bool) {
			walkInserting(t, l, desc, func() []*tradegraph.Actor { return sortedValues(m.actors) },
				func(c *tradegraph.Actor) { insert(c.Name, "", 0.5) })
		}
	}
	for _, o := range []tradegraph.RelationOrder{tradegraph.RelationsByID, tradegraph.RelationsByDate, tradegraph.RelationsByConfidence} {
		l := relationList(st, tradegraph.RelationFilter{Order: o}, nil)
		walks[l.name] = func(t *testing.T, desc bool) {
			walkInserting(t, l, desc, func() []*tradegraph.Relation { return sortedValues(m.relations) },
				func(c *tradegraph.Relation) { insert("Inserted", c.Date, c.Confidence) })
		}
	}
	for _, o := range []tradegraph.ArticleOrder{tradegraph.ArticlesByID, tradegraph.ArticlesByPublished} {
		l := articleList(st, tradegraph.ArticleFilter{Order: o}, nil)
		walks[l.name] = func(t *testing.T, desc bool) {
			walkInserting(t, l, desc, func() []*tradegraph.Article { return sortedValues(m.articles) },
				func(c *tradegraph.Article) { insert("Inserted", c.Published, 0.5) })
		}
	}
	for _, name := range slices.Sorted(maps.Keys(walks)) {
		for _, desc := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/desc=%v", name, desc), func(t *testing.T) { walks[name](t, desc) })
		}
	}
}

// walkInserting pages through l forwards, three items a page, calling
// insert with the cursor item after each of the first three pages, and
// checks the sequence seen against the model (items returns its items).
// Inserted items must not change the keys of the others.
func walkInserting[T any](t *testing.T, l list[T], desc bool, items func() []T, insert func(cursor T)) {
	t.Helper()
	before := map[string]bool{}
	for _, it := range items() {
		before[l.id(it)] = true
	}
	type cut struct {
		cursor   T
		inserted map[string]bool
	}
	var (
		got   []string
		cuts  []cut
		after tradegraph.Cursor
	)
	for page := 0; ; page++ {
		if page > 200 {
			t.Fatal("more than 200 pages")
		}
		p, err := l.find(t.Context(), tradegraph.Paging{First: 3, After: after, Desc: desc})
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		got = append(got, ids(p.Items, l.id)...)
		if !p.HasNext {
			break
		}
		if len(p.Items) == 0 {
			t.Fatalf("page %d is empty but HasNext", page)
		}
		last := p.Items[len(p.Items)-1]
		after = l.cursor(last)
		if page < 3 {
			known := map[string]bool{}
			for _, it := range items() {
				known[l.id(it)] = true
			}
			insert(last)
			c := cut{cursor: last, inserted: map[string]bool{}}
			for _, it := range items() {
				if !known[l.id(it)] {
					c.inserted[l.id(it)] = true
				}
			}
			cuts = append(cuts, c)
		}
	}
	if len(cuts) == 0 {
		t.Fatal("nothing was inserted: the walk had one page")
	}
	// What should have been seen: the items there all along, and each
	// inserted one that sorts after the cursor it was inserted at.
	sign := 1
	if desc {
		sign = -1
	}
	var want []string
	for _, it := range l.want(items(), desc) {
		id := l.id(it)
		shows := before[id]
		for _, c := range cuts {
			if c.inserted[id] {
				shows = sign*l.cmp(it, c.cursor) > 0
			}
		}
		if shows {
			want = append(want, id)
		}
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("%s, desc %v, saving between pages (-want +got):\n%s", l.name, desc, diff)
	}
}

func (s *suite) testInvalidPaging(t *testing.T) {
	st, _ := s.loaded(t)
	c := tradegraph.Cursor{ID: jp.ID}
	for _, p := range []tradegraph.Paging{
		{First: -1}, {Last: -1}, {First: -1, Last: 2}, {First: 2, Last: 2},
		{First: 2, Before: c}, {Last: 2, After: c}, {After: c, Before: c},
	} {
		_, err := st.FindActors(t.Context(), tradegraph.ActorFilter{Paging: p})
		wantCode(t, fmt.Sprintf("FindActors(%+v)", p), err, tradegraph.EINVALID)
		_, err = st.FindRelations(t.Context(), tradegraph.RelationFilter{Paging: p})
		wantCode(t, fmt.Sprintf("FindRelations(%+v)", p), err, tradegraph.EINVALID)
		_, err = st.FindArticles(t.Context(), tradegraph.ArticleFilter{Paging: p})
		wantCode(t, fmt.Sprintf("FindArticles(%+v)", p), err, tradegraph.EINVALID)
	}
	_, err := st.FindActors(t.Context(), tradegraph.ActorFilter{Order: "popularity"})
	wantCode(t, "FindActors(Order: popularity)", err, tradegraph.EINVALID)
	_, err = st.FindRelations(t.Context(), tradegraph.RelationFilter{Order: "name"})
	wantCode(t, "FindRelations(Order: name)", err, tradegraph.EINVALID)
	_, err = st.FindArticles(t.Context(), tradegraph.ArticleFilter{Order: "degree"})
	wantCode(t, "FindArticles(Order: degree)", err, tradegraph.EINVALID)

	// One bad filter spoils a batch.
	_, err = st.FindActorPages(t.Context(), []tradegraph.ActorFilter{{}, {Paging: tradegraph.Paging{First: -1}}})
	wantCode(t, "FindActorPages with a negative size", err, tradegraph.EINVALID)
	_, err = st.FindRelationPages(t.Context(), []tradegraph.RelationFilter{{From: jp.ID}, {From: us.ID, Order: "name"}})
	wantCode(t, "FindRelationPages with an unknown order", err, tradegraph.EINVALID)
	_, err = st.FindArticlePages(t.Context(), []tradegraph.ArticleFilter{{Actor: jp.ID}, {Actor: us.ID, Paging: tradegraph.Paging{First: 1, Last: 1}}})
	wantCode(t, "FindArticlePages with first and last", err, tradegraph.EINVALID)
}

// checkDegrees checks every actor's Degree against the relations the store
// lists, and against the model.
func checkDegrees(t *testing.T, st tradegraph.Store, m *model, when string) {
	t.Helper()
	degree := map[string]int{}
	for _, r := range allRelations(t, st, tradegraph.RelationFilter{Paging: tradegraph.Paging{First: tradegraph.MaxPageSize}}) {
		degree[r.From]++
		degree[r.To]++
	}
	actors := allActors(t, st, tradegraph.ActorFilter{Paging: tradegraph.Paging{First: tradegraph.MaxPageSize}})
	if len(actors) != len(m.actors) {
		t.Errorf("%s: %d actors, the model has %d", when, len(actors), len(m.actors))
	}
	for _, a := range actors {
		if a.Degree != degree[a.ID] {
			t.Errorf("%s: %s has Degree %d, but is at an end of %d relations", when, a.ID, a.Degree, degree[a.ID])
		}
		if w := m.actors[a.ID]; w != nil && w.Degree != a.Degree {
			t.Errorf("%s: %s has Degree %d, the model says %d", when, a.ID, a.Degree, w.Degree)
		}
		one, err := st.FindActorByID(t.Context(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if one.Degree != a.Degree {
			t.Errorf("%s: FindActorByID(%s).Degree = %d, FindActors says %d", when, a.ID, one.Degree, a.Degree)
		}
	}
}

func (s *suite) testDegree(t *testing.T) {
	st, m := s.listed(t)
	checkDegrees(t, st, m, "after saving")
	// By hand: Alibaba is sanctioned, founded, invests and acquires.
	if a, err := st.FindActorByID(t.Context(), alibaba.ID); err != nil || a.Degree != 4 {
		t.Errorf("Alibaba: %+v, %v; want Degree 4", a, err)
	}
	if a, err := st.FindActorByID(t.Context(), union.ID); err != nil || a.Degree != 1 {
		t.Errorf("Ünion Bank: %+v, %v; want Degree 1", a, err)
	}

	// A re-save that drops relations lowers the degrees of their ends.
	x := fixture()[2]
	x.Relations = x.Relations[:1]
	save(t, st, x)
	m.save(x)
	checkDegrees(t, st, m, "after a re-save with fewer relations")
	if a, err := st.FindActorByID(t.Context(), alibaba.ID); err != nil || a.Degree != 1 {
		t.Errorf("Alibaba after the re-save: %+v, %v; want Degree 1", a, err)
	}

	if _, err := st.DeleteArticle(t.Context(), "https://radio.example/eu"); err != nil {
		t.Fatalf("DeleteArticle: %v", err)
	}
	m.deleteArticle("https://radio.example/eu")
	checkDegrees(t, st, m, "after DeleteArticle")

	// Lee Jae-yong into Lee Hsien: their meeting becomes a loop and goes.
	if _, err := st.MergeActors(t.Context(), leeHsien.ID, leeJae.ID); err != nil {
		t.Fatalf("MergeActors: %v", err)
	}
	m.merge(leeHsien.ID, leeJae.ID)
	checkDegrees(t, st, m, "after MergeActors")
	if diff := gocmp.Diff(m.state(), snapshot(t, st), equate); diff != "" {
		t.Errorf("at the end (-want +got):\n%s", diff)
	}
}

func (s *suite) testNewFilters(t *testing.T) {
	st, m := s.listed(t)
	yes := true
	outlet := func(r *tradegraph.Relation) string { return m.articles[r.Article].Outlet }
	country := func(r *tradegraph.Relation, c string) bool {
		return m.actors[r.From].Country == c || m.actors[r.To].Country == c
	}
	rels := []struct {
		name string
		f    tradegraph.RelationFilter
		keep func(*tradegraph.Relation) bool
		min  int
	}{
		{"outlet", tradegraph.RelationFilter{Outlet: "Example News"}, func(r *tradegraph.Relation) bool { return outlet(r) == "Example News" }, 10},
		{"unknown outlet", tradegraph.RelationFilter{Outlet: "example news"}, func(*tradegraph.Relation) bool { return false }, 0},
		{"min confidence", tradegraph.RelationFilter{MinConfidence: 0.75}, func(r *tradegraph.Relation) bool { return r.Confidence >= 0.75 }, 6},
		// 0.6 is the confidence of three relations: they are in.
		{"min confidence met exactly", tradegraph.RelationFilter{MinConfidence: 0.6}, func(r *tradegraph.Relation) bool { return r.Confidence >= 0.6 }, 9},
		{"country", tradegraph.RelationFilter{Country: "KR"}, func(r *tradegraph.Relation) bool { return country(r, "KR") }, 4},
		{"country of ministries and people", tradegraph.RelationFilter{Country: "JP"}, func(r *tradegraph.Relation) bool { return country(r, "JP") }, 8},
		{"outlet and country", tradegraph.RelationFilter{Outlet: "Example News", Country: "CN"},
			func(r *tradegraph.Relation) bool { return outlet(r) == "Example News" && country(r, "CN") }, 3},
		{"all three", tradegraph.RelationFilter{Outlet: "Example News", Country: "US", MinConfidence: 0.7},
			func(r *tradegraph.Relation) bool {
				return outlet(r) == "Example News" && country(r, "US") && r.Confidence >= 0.7
			}, 2},
		{"with older filters", tradegraph.RelationFilter{Country: "CN", Hedged: &yes, Since: "2023-03-02", Types: []tradegraph.RelationType{tradegraph.RestrictedExports, tradegraph.ImposedTariff, tradegraph.Sanctioned}},
			func(r *tradegraph.Relation) bool {
				return country(r, "CN") && r.Hedged && r.Date >= "2023-03-02" &&
					slices.Contains([]tradegraph.RelationType{tradegraph.RestrictedExports, tradegraph.ImposedTariff, tradegraph.Sanctioned}, r.Type)
			}, 3},
		{"outlet and actor", tradegraph.RelationFilter{Outlet: "Taiwan Radio", Actor: cn.ID},
			func(r *tradegraph.Relation) bool {
				return outlet(r) == "Taiwan Radio" && (r.From == cn.ID || r.To == cn.ID)
			}, 3},
	}
	for _, tt := range rels {
		t.Run("relations/"+tt.name, func(t *testing.T) {
			var want []*tradegraph.Relation
			for _, r := range sortedValues(m.relations) {
				if tt.keep(r) {
					want = append(want, r)
				}
			}
			if len(want) < tt.min {
				t.Fatalf("fixture selects %d relations, the test needs %d", len(want), tt.min)
			}
			tt.f.First, tt.f.WithTotal = 3, true
			if diff := gocmp.Diff(want, allRelations(t, st, tt.f), equate); diff != "" {
				t.Errorf("FindRelations(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}

	arts := []struct {
		name string
		f    tradegraph.ArticleFilter
		want []string
	}{
		{"outlet", tradegraph.ArticleFilter{Outlet: "Example News"},
			[]string{"https://news.example/2024-samsung", "https://news.example/chips", "https://wire.example/gallium"}},
		{"outlet of an undated article", tradegraph.ArticleFilter{Outlet: "Taiwan Radio"}, []string{"https://news.example/seafood", "https://radio.example/eu"}},
		{"since", tradegraph.ArticleFilter{Since: "2023-06-15"}, []string{"https://news.example/2024-samsung", "https://news.example/seafood", "https://wire.example/gallium"}},
		{"until", tradegraph.ArticleFilter{Until: "2023-04-10"}, []string{"https://news.example/chips", "https://news.example/jack-ma"}},
		{"since and until", tradegraph.ArticleFilter{Since: "2023-04-10", Until: "2023-06-15"},
			[]string{"https://news.example/jack-ma", "https://news.example/seafood", "https://wire.example/gallium"}},
		{"outlet and since", tradegraph.ArticleFilter{Outlet: "Taiwan Radio", Since: "2000-01-01"}, []string{"https://news.example/seafood"}},
		{"outlet, dates and actor", tradegraph.ArticleFilter{Outlet: "Example News", Since: "2023-01-01", Until: "2023-12-31", Actor: cn.ID},
			[]string{"https://news.example/chips", "https://wire.example/gallium"}},
		{"nothing in the range", tradegraph.ArticleFilter{Since: "2025-01-01"}, []string{}},
	}
	for _, tt := range arts {
		t.Run("articles/"+tt.name, func(t *testing.T) {
			// The model agrees with the hand-written answer.
			var want []*tradegraph.Article
			for _, a := range sortedValues(m.articles) {
				dated := tt.f.Since == "" && tt.f.Until == "" || a.Published != ""
				if (tt.f.Outlet == "" || a.Outlet == tt.f.Outlet) && dated && (tt.f.Since == "" || a.Published >= tt.f.Since) &&
					(tt.f.Until == "" || a.Published <= tt.f.Until) && (tt.f.Actor == "" || m.mentioned[a.ID][tt.f.Actor]) {
					want = append(want, a)
				}
			}
			if diff := gocmp.Diff(tt.want, ids(want, articleID), equate); diff != "" {
				t.Fatalf("the model disagrees with the test (-test +model):\n%s", diff)
			}
			tt.f.First = 2
			if diff := gocmp.Diff(want, allArticles(t, st, tt.f), equate); diff != "" {
				t.Errorf("FindArticles(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	for _, f := range []tradegraph.ArticleFilter{{Since: "June 2023"}, {Until: "2023-02-30"}} {
		_, err := st.FindArticles(t.Context(), f)
		wantCode(t, fmt.Sprintf("FindArticles(%+v)", f), err, tradegraph.EINVALID)
	}
}

// samePages checks that a batched finder gives, filter by filter, the
// pages the single finder gives.
func samePages[F, T any](t *testing.T, what string, fs []F, batch func(context.Context, []F) ([]*tradegraph.Page[T], error),
	single func(context.Context, F) (*tradegraph.Page[T], error)) {
	t.Helper()
	got, err := batch(t.Context(), fs)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if len(got) != len(fs) {
		t.Fatalf("%s: %d pages for %d filters", what, len(got), len(fs))
	}
	for i, f := range fs {
		want, err := single(t.Context(), f)
		if err != nil {
			t.Fatalf("%s, filter %d alone: %v", what, i, err)
		}
		if diff := gocmp.Diff(want, got[i], equate); diff != "" {
			t.Errorf("%s, filter %d (%+v): (-alone +batched):\n%s", what, i, f, diff)
		}
	}
}

func (s *suite) testPages(t *testing.T) {
	st, m := s.listed(t)
	a1, a2, b1 := "https://news.example/chips", "https://news.example/seafood", "https://wire.example/gallium"
	byName := tradegraph.ActorFilter{Order: tradegraph.ActorsByName}
	page2 := tradegraph.Paging{First: 2, WithTotal: true}

	t.Run("empty", func(t *testing.T) {
		if ps, err := st.FindActorPages(t.Context(), nil); err != nil || len(ps) != 0 {
			t.Errorf("FindActorPages(nil) = %v, %v", ps, err)
		}
		if ps, err := st.FindRelationPages(t.Context(), []tradegraph.RelationFilter{}); err != nil || len(ps) != 0 {
			t.Errorf("FindRelationPages(empty) = %v, %v", ps, err)
		}
		if ps, err := st.FindArticlePages(t.Context(), nil); err != nil || len(ps) != 0 {
			t.Errorf("FindArticlePages(nil) = %v, %v", ps, err)
		}
	})

	t.Run("actors", func(t *testing.T) {
		var byArticle []tradegraph.ActorFilter
		for _, id := range []string{a1, a2, "https://nowhere.example/", b1, a1} {
			f := byName
			f.Article, f.Paging = id, page2
			byArticle = append(byArticle, f)
		}
		samePages(t, "actors of articles", byArticle, st.FindActorPages, st.FindActors)
		after := tradegraph.ActorsByDegree.Cursor(m.actors[jp.ID])
		mixed := []tradegraph.ActorFilter{
			{},
			{Kinds: []tradegraph.ActorKind{tradegraph.Person}, Order: tradegraph.ActorsByName, Paging: tradegraph.Paging{Last: 2}},
			{Country: "CN", Order: tradegraph.ActorsByDegree, Paging: tradegraph.Paging{First: 3, Desc: true, After: after, WithTotal: true}},
			{IDs: []string{us.ID, union.ID, "person:nobody"}},
			{Article: b1, Kinds: []tradegraph.ActorKind{tradegraph.Person}, Paging: tradegraph.Paging{First: 1}},
			{Article: a2, Order: tradegraph.ActorsByDegree, Paging: tradegraph.Paging{First: 1, Desc: true}},
		}
		samePages(t, "mixed actor filters", mixed, st.FindActorPages, st.FindActors)
	})

	t.Run("relations", func(t *testing.T) {
		parents := []string{cn.ID, us.ID, "person:nobody", samsung.ID, cn.ID, jp.ID}
		for _, field := range []string{"From", "To", "Actor"} {
			var fs []tradegraph.RelationFilter
			for _, id := range parents {
				f := tradegraph.RelationFilter{Order: tradegraph.RelationsByDate, Paging: page2}
				switch field {
				case "From":
					f.From = id
				case "To":
					f.To = id
				case "Actor":
					f.Actor = id
				}
				fs = append(fs, f)
			}
			samePages(t, "relations by "+field, fs, st.FindRelationPages, st.FindRelations)
		}
		var byArticle []tradegraph.RelationFilter
		for _, id := range []string{b1, a1, "https://nowhere.example/", a2} {
			byArticle = append(byArticle, tradegraph.RelationFilter{Article: id, Order: tradegraph.RelationsByConfidence, Paging: tradegraph.Paging{First: 3, Desc: true}})
		}
		samePages(t, "relations of articles", byArticle, st.FindRelationPages, st.FindRelations)
		yes := true
		mixed := []tradegraph.RelationFilter{
			{From: us.ID},
			{To: jp.ID, Hedged: &yes},
			{Actor: cn.ID, Outlet: "Example News", Paging: tradegraph.Paging{Last: 2, WithTotal: true}},
			{Actor: cn.ID, Country: "EU", MinConfidence: 0.6},
			{Types: []tradegraph.RelationType{tradegraph.MetWith}, Order: tradegraph.RelationsByDate},
			{From: cn.ID, To: tw.ID},
			{Article: b1, Since: "2023-06-15", Until: "2023-07-01"},
		}
		samePages(t, "mixed relation filters", mixed, st.FindRelationPages, st.FindRelations)
	})

	t.Run("articles", func(t *testing.T) {
		var byActor []tradegraph.ArticleFilter
		for _, id := range []string{cn.ID, jp.ID, "person:nobody", loner.ID, cn.ID, samsung.ID} {
			byActor = append(byActor, tradegraph.ArticleFilter{Actor: id, Order: tradegraph.ArticlesByPublished, Paging: tradegraph.Paging{First: 2, Desc: true, WithTotal: true}})
		}
		samePages(t, "articles of actors", byActor, st.FindArticlePages, st.FindArticles)
		mixed := []tradegraph.ArticleFilter{
			{},
			{Outlet: "Example News", Paging: tradegraph.Paging{Last: 1}},
			{Actor: us.ID, Since: "2023-01-01"},
			{IDs: []string{b1, "https://nowhere.example/"}},
			{Actor: cn.ID, Until: "2023-06-15", Order: tradegraph.ArticlesByPublished, Paging: tradegraph.Paging{First: 1, After: tradegraph.Cursor{ID: a1, Date: "2023-03-01"}}},
		}
		samePages(t, "mixed article filters", mixed, st.FindArticlePages, st.FindArticles)
	})
}

func (s *suite) testMentions(t *testing.T) {
	st, m := s.listed(t)
	b1 := "https://wire.example/gallium"
	asked := []string{b1, "https://news.example/chips", "https://nowhere.example/", "https://news.example/jack-ma", b1}
	got, err := st.FindMentions(t.Context(), asked)
	if err != nil {
		t.Fatalf("FindMentions: %v", err)
	}
	want := map[string][]tradegraph.Mention{}
	for _, id := range asked {
		if ms := m.mentions[id]; len(ms) > 0 {
			ms = slices.Clone(ms)
			slices.SortFunc(ms, func(a, b tradegraph.Mention) int {
				return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.ActorID, b.ActorID))
			})
			want[id] = ms
		}
	}
	if diff := gocmp.Diff(want, got, equate); diff != "" {
		t.Errorf("FindMentions (-want +got):\n%s", diff)
	}
	// By hand: ties in Start go by End, ties in both by actor id.
	if diff := gocmp.Diff([]string{cn.ID, mofcom.ID, eu.ID, leeHsien.ID, leeJae.ID, samsung.ID}, ids(got[b1], func(mn tradegraph.Mention) string { return mn.ActorID })); diff != "" {
		t.Errorf("mentions of %s, by actor (-want +got):\n%s", b1, diff)
	}
	if _, ok := got["https://nowhere.example/"]; ok {
		t.Errorf("FindMentions has an entry for an unknown article")
	}
	if got, err := st.FindMentions(t.Context(), nil); err != nil || len(got) != 0 {
		t.Errorf("FindMentions(nil) = %v, %v; want nothing", got, err)
	}
}

// facets is the reference answer of Store.RelationFacets.
func (m *model) facets(keep func(*tradegraph.Relation) bool) *tradegraph.Facets {
	f := &tradegraph.Facets{}
	types, outlets, months := map[string]int{}, map[string]int{}, map[string]int{}
	for _, r := range m.relations {
		if !keep(r) {
			continue
		}
		f.Total++
		if r.Hedged {
			f.Hedged++
		}
		types[string(r.Type)]++
		outlets[m.articles[r.Article].Outlet]++
		months[month(r.Date)]++
	}
	f.ByType, f.ByOutlet, f.ByMonth = counts(types), counts(outlets), counts(months)
	return f
}

func (s *suite) testFacets(t *testing.T) {
	st, m := s.listed(t)
	yes := true
	tests := []struct {
		name string
		f    tradegraph.RelationFilter
		keep func(*tradegraph.Relation) bool
	}{
		{"all", tradegraph.RelationFilter{}, func(*tradegraph.Relation) bool { return true }},
		{"outlet", tradegraph.RelationFilter{Outlet: "Example News"}, func(r *tradegraph.Relation) bool { return m.articles[r.Article].Outlet == "Example News" }},
		{"actor", tradegraph.RelationFilter{Actor: cn.ID}, func(r *tradegraph.Relation) bool { return r.From == cn.ID || r.To == cn.ID }},
		{"hedged since", tradegraph.RelationFilter{Hedged: &yes, Since: "2023-04-01"}, func(r *tradegraph.Relation) bool { return r.Hedged && r.Date >= "2023-04-01" }},
		{"nothing", tradegraph.RelationFilter{Article: "https://nowhere.example/"}, func(*tradegraph.Relation) bool { return false }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Paging and order are ignored.
			tt.f.Order, tt.f.Paging = tradegraph.RelationsByConfidence, tradegraph.Paging{First: 1, Desc: true}
			got, err := st.RelationFacets(t.Context(), tt.f)
			if err != nil {
				t.Fatalf("RelationFacets: %v", err)
			}
			if diff := gocmp.Diff(m.facets(tt.keep), got, equate); diff != "" {
				t.Errorf("RelationFacets(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	// By hand, for the whole store: 28 relations, 8 hedged, 9 undated.
	got, err := st.RelationFacets(t.Context(), tradegraph.RelationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	wantOutlets := []tradegraph.Count{{Key: "", Count: 4}, {Key: "Example News", Count: 13}, {Key: "Financial Times", Count: 5}, {Key: "Taiwan Radio", Count: 6}}
	if got.Total != 28 || got.Hedged != 8 || !slices.Equal(got.ByOutlet, wantOutlets) || len(got.ByMonth) == 0 || got.ByMonth[0] != (tradegraph.Count{Key: "", Count: 9}) {
		t.Errorf("RelationFacets(all) = %+v; want 28 relations, 8 hedged, by outlet %v, 9 undated", got, wantOutlets)
	}
	_, err = st.RelationFacets(t.Context(), tradegraph.RelationFilter{Types: []tradegraph.RelationType{"LIKES"}})
	wantCode(t, "RelationFacets(Types: LIKES)", err, tradegraph.EINVALID)
}

func (s *suite) testStatsBreakdown(t *testing.T) {
	st, m := s.listed(t)
	got, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(m.stats(), got, equate); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
	wantOutlets := []tradegraph.Count{{Key: "", Count: 1}, {Key: "Example News", Count: 3}, {Key: "Financial Times", Count: 1}, {Key: "Taiwan Radio", Count: 2}}
	wantMonths := []tradegraph.Count{{Key: "", Count: 2}, {Key: "2023-03", Count: 1}, {Key: "2023-04", Count: 1}, {Key: "2023-06", Count: 2}, {Key: "2024-01", Count: 1}}
	if diff := gocmp.Diff(wantOutlets, got.ByOutlet); diff != "" {
		t.Errorf("Stats.ByOutlet (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(wantMonths, got.ByMonth); diff != "" {
		t.Errorf("Stats.ByMonth (-want +got):\n%s", diff)
	}
}

func (s *suite) testDeleteArticle(t *testing.T) {
	t.Run("removes", func(t *testing.T) {
		st, m := s.loaded(t)
		before := snapshot(t, st)
		a3 := "https://news.example/jack-ma"
		got, err := st.DeleteArticle(t.Context(), a3)
		if err != nil {
			t.Fatalf("DeleteArticle: %v", err)
		}
		want := m.deleteArticle(a3)
		if diff := gocmp.Diff(want, got, equate); diff != "" {
			t.Errorf("Deletion (-want +got):\n%s", diff)
		}
		// By hand: Kyodo stays, as the chips article names it.
		if diff := gocmp.Diff(&tradegraph.Deletion{Article: a3, Mentions: 5, Relations: 5, Actors: []string{aliexp.ID, jackMa.ID}}, got, equate); diff != "" {
			t.Errorf("Deletion, by hand (-want +got):\n%s", diff)
		}
		if diff := gocmp.Diff(m.state(), snapshot(t, st), equate); diff != "" {
			t.Errorf("after DeleteArticle (-want +got):\n%s", diff)
		}
		checkDegrees(t, st, m, "after DeleteArticle")
		if a, err := st.FindActorByID(t.Context(), alibaba.ID); err != nil || a.Degree != 1 {
			t.Errorf("Alibaba after the deletion: %+v, %v; want it kept with Degree 1", a, err)
		}
		_, err = st.FindArticleByID(t.Context(), a3)
		wantCode(t, "FindArticleByID of the deleted article", err, tradegraph.ENOTFOUND)
		if ms, err := st.FindMentions(t.Context(), []string{a3}); err != nil || len(ms) != 0 {
			t.Errorf("FindMentions of the deleted article = %v, %v", ms, err)
		}
		if as := allActors(t, st, tradegraph.ActorFilter{Article: a3}); len(as) != 0 {
			t.Errorf("the deleted article still lists %q", ids(as, actorID))
		}
		if rs := allRelations(t, st, tradegraph.RelationFilter{Article: a3}); len(rs) != 0 {
			t.Errorf("the deleted article still has %d relations", len(rs))
		}
		if found, err := st.SearchActors(t.Context(), "ma yun", nil, 5); err != nil || len(found) != 0 {
			t.Errorf("SearchActors(ma yun) after deleting Jack Ma = %q, %v", ids(found, actorID), err)
		}

		gone := snapshot(t, st)
		for _, id := range []string{a3, "https://nowhere.example/", ""} {
			d, err := st.DeleteArticle(t.Context(), id)
			wantCode(t, fmt.Sprintf("DeleteArticle(%q)", id), err, tradegraph.ENOTFOUND)
			if d != nil {
				t.Errorf("DeleteArticle(%q) returned %+v with its error", id, d)
			}
		}
		if diff := gocmp.Diff(gone, snapshot(t, st), equate); diff != "" {
			t.Errorf("failed deletions changed the store (-before +after):\n%s", diff)
		}

		save(t, st, fixture()[2])
		if diff := gocmp.Diff(before, snapshot(t, st), equate); diff != "" {
			t.Errorf("saving the deleted article again did not bring the store back (-before +after):\n%s", diff)
		}
		ms, err := st.FindMentions(t.Context(), []string{a3})
		if err != nil || len(ms[a3]) != 5 {
			t.Errorf("FindMentions after saving again = %v, %v; want 5 mentions", ms, err)
		}
	})

	t.Run("keeps merge records", func(t *testing.T) {
		st, m := s.loaded(t)
		x := maYunArticle()
		save(t, st, x)
		m.save(x)
		if _, err := st.MergeActors(t.Context(), jackMa.ID, maYun.ID); err != nil {
			t.Fatal(err)
		}
		m.merge(jackMa.ID, maYun.ID)
		for _, id := range []string{x.Article.ID, "https://news.example/jack-ma"} {
			got, err := st.DeleteArticle(t.Context(), id)
			if err != nil {
				t.Fatalf("DeleteArticle(%s): %v", id, err)
			}
			if diff := gocmp.Diff(m.deleteArticle(id), got, equate); diff != "" {
				t.Errorf("Deletion of %s (-want +got):\n%s", id, diff)
			}
		}
		if _, err := st.FindActorByID(t.Context(), jackMa.ID); tradegraph.ErrorCode(err) != tradegraph.ENOTFOUND {
			t.Errorf("Jack Ma outlived both his articles: %v", err)
		}
		// Saved again, the articles name Jack Ma, not Ma Yun. The Jack Ma
		// article goes first, so that his name is Jack Ma again.
		for _, x := range []*tradegraph.Extraction{fixture()[2], maYunArticle()} {
			save(t, st, x)
			m.save(x)
		}
		_, err := st.FindActorByID(t.Context(), maYun.ID)
		wantCode(t, "FindActorByID of the merged actor after saving again", err, tradegraph.ENOTFOUND)
		if diff := gocmp.Diff(m.state(), snapshot(t, st), equate); diff != "" {
			t.Errorf("after deleting and saving again (-want +got):\n%s", diff)
		}
		checkDegrees(t, st, m, "at the end")
	})
}
