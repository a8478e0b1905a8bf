package storetest

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tradegraph/tradegraph"
)

// merge is what Store.MergeActors should do to the model: written out
// here step by step, apart from the stores, so that the suite does not
// take a store's word for it.
func (m *model) merge(keep, merge string) {
	k, g := m.actors[keep], m.actors[merge]
	for _, n := range append([]string{g.Name}, g.Aliases...) {
		if n != k.Name && !slices.Contains(k.Aliases, n) {
			k.Aliases = append(k.Aliases, n)
		}
	}
	sort.Strings(k.Aliases)
	if k.Country == "" {
		k.Country = g.Country
	}
	delete(m.actors, merge)
	for _, listed := range m.mentioned {
		if listed[merge] {
			delete(listed, merge)
			listed[keep] = true
		}
	}
	for _, ms := range m.mentions {
		for i := range ms {
			if ms[i].ActorID == merge {
				ms[i].ActorID = keep
			}
		}
	}

	for _, r := range m.relations {
		if r.ReportedBy == merge {
			r.ReportedBy = keep
		}
		if slices.Contains(r.Concerning, merge) {
			var cs []string
			for _, c := range r.Concerning {
				if c == merge {
					c = keep
				}
				if !slices.Contains(cs, c) {
					cs = append(cs, c)
				}
			}
			r.Concerning = cs
		}
	}
	for _, r := range sortedValues(m.relations) {
		if r.From != merge && r.To != merge {
			continue
		}
		delete(m.relations, r.ID)
		nr := *r
		if nr.From == merge {
			nr.From = keep
		}
		if nr.To == merge {
			nr.To = keep
		}
		if nr.From == nr.To {
			continue
		}
		if nr.Type.Symmetric() && nr.From > nr.To {
			nr.From, nr.To = nr.To, nr.From
		}
		nr.ID = tradegraph.RelationID(nr.Type, nr.From, nr.To, nr.Article)
		if old := m.relations[nr.ID]; old != nil && !tradegraph.PreferRelation(&nr, old) {
			continue
		}
		m.relations[nr.ID] = &nr
	}

	if m.into == nil {
		m.into = map[string]string{}
	}
	for id, to := range m.into {
		if to == merge {
			m.into[id] = keep
		}
	}
	delete(m.into, keep)
	m.into[merge] = keep
	m.recount()
}

func (m *model) state() state {
	return state{Stats: m.stats(), Actors: sortedValues(m.actors), Relations: sortedValues(m.relations), Articles: sortedValues(m.articles)}
}

// Actors of the merge tests: maYun is Jack Ma under another id, kim is
// there to meet him.
var (
	maYun = &tradegraph.Actor{ID: "person:ma-yun", Kind: tradegraph.Person, Name: "Ma Yun", Aliases: []string{"Mr Ma", "Jack Ma"}}
	kim   = &tradegraph.Actor{ID: "person:kim", Kind: tradegraph.Person, Name: "Kim"}
)

// maYunArticle names Jack Ma twice, once as person:ma-yun, in relations
// that a merge of the two turns into duplicates, a loop, a symmetric
// relation the wrong way round and a concerning list with a repeat.
func maYunArticle() *tradegraph.Extraction {
	a := &tradegraph.Article{ID: "https://news.example/ma-yun", Title: "Ma Yun, or Jack Ma", Published: "2023-05-01",
		Text: "Ma Yun founded Alibaba. Jack Ma, also Mr Ma, met Kim."}
	r := func(t tradegraph.RelationType, from, to *tradegraph.Actor, confidence float64, evidence string, concerning ...string) *tradegraph.Relation {
		return &tradegraph.Relation{Type: t, From: from.ID, To: to.ID, Article: a.ID, ID: tradegraph.RelationID(t, from.ID, to.ID, a.ID),
			Evidence: evidence, Span: [2]int{0, len(evidence)}, Confidence: confidence, Concerning: concerning,
			Date: "2023-05-01", Cameo: t.Cameo(), Rule: "rule:merge-test"}
	}
	return &tradegraph.Extraction{
		Article: a,
		Actors:  []*tradegraph.Actor{maYun, jackMa, alibaba, jp, kim, us},
		Mentions: []tradegraph.Mention{mention(maYun, "Ma Yun", 0), mention(alibaba, "Alibaba", 15),
			mention(jackMa, "Jack Ma", 24), mention(maYun, "Mr Ma", 38), mention(kim, "Kim", 49)},
		Relations: []*tradegraph.Relation{
			r(tradegraph.Founded, maYun, alibaba, 0.9, "Ma Yun founded Alibaba."),
			r(tradegraph.Founded, jackMa, alibaba, 0.6, "Jack Ma founded it."),
			r(tradegraph.InvestedIn, jackMa, alibaba, 0.8, "Jack Ma invested in Alibaba."),
			r(tradegraph.InvestedIn, maYun, alibaba, 0.7, "Ma Yun put money into Alibaba."),
			r(tradegraph.RelocatedTo, maYun, jp, 0.5, "Ma Yun moved to Japan."),
			r(tradegraph.Requested, us, jp, 0.7, "The US asked Japan about Ma.", maYun.ID, jackMa.ID, cn.ID),
			r(tradegraph.MetWith, kim, maYun, 0.8, "Mr Ma met Kim."),
			r(tradegraph.MetWith, jackMa, maYun, 0.4, "Jack Ma, also Mr Ma"),
			r(tradegraph.Criticized, us, maYun, 0.6, "The US criticised Ma Yun."),
		},
	}
}

// resave saves xs again, as one batch when the store saves batches.
func resave(t *testing.T, st tradegraph.Store, xs []*tradegraph.Extraction) {
	t.Helper()
	if bs, ok := st.(tradegraph.BatchSaver); ok {
		for i, err := range bs.SaveExtractions(t.Context(), xs) {
			if err != nil {
				t.Fatalf("SaveExtractions[%d] (%s): %v", i, xs[i].Article.ID, err)
			}
		}
		return
	}
	for _, x := range xs {
		save(t, st, x)
	}
}

func (s *suite) testMergeActors(t *testing.T) {
	t.Run("Refused", s.testMergeRefused)
	t.Run("Moves", s.testMergeMoves)
	t.Run("Transitive", s.testMergeTransitive)
}

func (s *suite) testMergeRefused(t *testing.T) {
	st, _ := s.loaded(t)
	before := snapshot(t, st)
	for _, c := range []struct {
		name, keep, merge, code, message string
	}{
		{"unknown merge", jp.ID, "person:nobody", tradegraph.ENOTFOUND, `actor "person:nobody" not found`},
		{"unknown keep", "person:nobody", jp.ID, tradegraph.ENOTFOUND, `actor "person:nobody" not found`},
		{"empty keep", "", jp.ID, tradegraph.ENOTFOUND, `actor "" not found`},
		{"itself", jp.ID, jp.ID, tradegraph.EINVALID, `cannot merge actor "country:JP" into itself`},
		{"kinds differ", jp.ID, alibaba.ID, tradegraph.EINVALID, "cannot merge a Company into a Country"},
		{"kinds differ the other way", meti.ID, nishimura.ID, tradegraph.EINVALID, "cannot merge a Person into a Ministry"},
	} {
		a, err := st.MergeActors(t.Context(), c.keep, c.merge)
		wantCode(t, c.name, err, c.code)
		if got := tradegraph.ErrorMessage(err); got != c.message {
			t.Errorf("%s: message %q, want %q", c.name, got, c.message)
		}
		if a != nil {
			t.Errorf("%s: MergeActors returned an actor with its error: %+v", c.name, a)
		}
	}
	if diff := cmp.Diff(before, snapshot(t, st), equate); diff != "" {
		t.Errorf("refused merges changed the store (-before +after):\n%s", diff)
	}
}

func (s *suite) testMergeMoves(t *testing.T) {
	st, m := s.loaded(t)
	x := maYunArticle()
	save(t, st, x)
	m.save(x)
	before, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}

	got, err := st.MergeActors(t.Context(), jackMa.ID, maYun.ID)
	if err != nil {
		t.Fatalf("MergeActors: %v", err)
	}
	m.merge(jackMa.ID, maYun.ID)
	if diff := cmp.Diff(m.actors[jackMa.ID], got, equate); diff != "" {
		t.Errorf("MergeActors returned (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(m.state(), snapshot(t, st), equate); diff != "" {
		t.Errorf("after the merge (-want +got):\n%s", diff)
	}

	// What the model says, written out by hand in case the two agree on a
	// mistake.
	// Degree 8: three relations of the Jack Ma article, five of the merged
	// one (of nine: two duplicates and a loop went, one is US→Japan).
	want := &tradegraph.Actor{ID: jackMa.ID, Kind: tradegraph.Person, Name: "Jack Ma", Aliases: []string{"Ma Yun", "Mr Ma"}, Country: "CN", Degree: 8}
	if diff := cmp.Diff(want, got, equate); diff != "" {
		t.Errorf("kept actor (-want +got):\n%s", diff)
	}
	_, err = st.FindActorByID(t.Context(), maYun.ID)
	wantCode(t, "FindActorByID of the merged actor", err, tradegraph.ENOTFOUND)
	type edge struct {
		Type       tradegraph.RelationType
		From, To   string
		Confidence float64
		Concerning []string
	}
	var edges []edge
	rs := allRelations(t, st, tradegraph.RelationFilter{Article: x.Article.ID})
	for _, r := range rs {
		if r.ID != tradegraph.RelationID(r.Type, r.From, r.To, r.Article) {
			t.Errorf("relation %s %s → %s has id %s, not the one its ends give", r.Type, r.From, r.To, r.ID)
		}
		edges = append(edges, edge{r.Type, r.From, r.To, r.Confidence, r.Concerning})
	}
	slices.SortFunc(edges, func(a, b edge) int { return strings.Compare(string(a.Type)+a.To, string(b.Type)+b.To) })
	wantEdges := []edge{
		{tradegraph.Criticized, us.ID, jackMa.ID, 0.6, nil},
		{tradegraph.Founded, jackMa.ID, alibaba.ID, 0.9, nil},    // of two, the likelier
		{tradegraph.InvestedIn, jackMa.ID, alibaba.ID, 0.8, nil}, // the kept actor's own, likelier
		{tradegraph.MetWith, jackMa.ID, kim.ID, 0.8, nil},        // turned round: jack-ma sorts before kim
		{tradegraph.RelocatedTo, jackMa.ID, jp.ID, 0.5, nil},
		{tradegraph.Requested, us.ID, jp.ID, 0.7, []string{jackMa.ID, cn.ID}},
		// The meeting of Jack Ma with himself is gone.
	}
	if diff := cmp.Diff(wantEdges, edges, equate); diff != "" {
		t.Errorf("relations of the article after the merge (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{alibaba.ID, jp.ID, us.ID, jackMa.ID, kim.ID},
		ids(allActors(t, st, tradegraph.ActorFilter{Article: x.Article.ID}), actorID)); diff != "" {
		t.Errorf("actors of the article after the merge (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"https://news.example/jack-ma", x.Article.ID},
		ids(allArticles(t, st, tradegraph.ArticleFilter{Actor: jackMa.ID}), articleID)); diff != "" {
		t.Errorf("articles of the kept actor (-want +got):\n%s", diff)
	}
	found, err := st.SearchActors(t.Context(), "mr ma", nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{jackMa.ID}, ids(found, actorID)); diff != "" {
		t.Errorf("SearchActors(mr ma): the merged actor's alias should find the kept one (-want +got):\n%s", diff)
	}
	after := snapshot(t, st)
	if after.Stats.Actors != before.Actors-1 || after.Stats.Relations != before.Relations-3 {
		t.Errorf("merge took Stats from %d actors, %d relations to %d, %d; want one actor and three relations (a duplicate pair twice, a loop) fewer",
			before.Actors, before.Relations, after.Stats.Actors, after.Stats.Relations)
	}

	// Loading the same articles again keeps the merge and changes nothing.
	resave(t, st, append(fixture(), maYunArticle()))
	if diff := cmp.Diff(after, snapshot(t, st), equate); diff != "" {
		t.Errorf("re-saving after the merge changed the store (-before +after):\n%s", diff)
	}
	xs := append(fixture(), maYunArticle())
	for _, x := range xs {
		for _, r := range x.Relations {
			r.ID, r.Article = "", ""
		}
		save(t, st, x)
	}
	if diff := cmp.Diff(after, snapshot(t, st), equate); diff != "" {
		t.Errorf("re-saving one by one without relation ids after the merge changed the store (-before +after):\n%s", diff)
	}

	// No way back.
	_, err = st.MergeActors(t.Context(), maYun.ID, jackMa.ID)
	wantCode(t, "merging back", err, tradegraph.ENOTFOUND)
	if msg := tradegraph.ErrorMessage(err); !strings.Contains(msg, maYun.ID) || !strings.Contains(msg, "merged into") {
		t.Errorf("merging back: message %q, want it to say %s was merged", msg, maYun.ID)
	}
}

func (s *suite) testMergeTransitive(t *testing.T) {
	st := s.openStore(t)
	m := newModel()
	a := &tradegraph.Actor{ID: "company:kyodo", Kind: tradegraph.Company, Name: "Kyodo", Country: "JP"}
	b := &tradegraph.Actor{ID: "company:kyodo-tsushin", Kind: tradegraph.Company, Name: "Kyodo Tsushin"}
	c := &tradegraph.Actor{ID: "company:kyodo-news", Kind: tradegraph.Company, Name: "Kyodo News", Aliases: []string{"KN"}}
	article := func(n string, actors []*tradegraph.Actor, rels ...*tradegraph.Relation) *tradegraph.Extraction {
		art := &tradegraph.Article{ID: "https://kyodo.example/" + n, Text: "Article " + n + "."}
		for _, r := range rels {
			r.Article, r.ID = art.ID, tradegraph.RelationID(r.Type, r.From, r.To, art.ID)
			r.Evidence, r.Span = art.Text, [2]int{0, len([]rune(art.Text))}
		}
		return &tradegraph.Extraction{Article: art, Actors: actors, Relations: rels}
	}
	articles := func() []*tradegraph.Extraction {
		return []*tradegraph.Extraction{
			article("1", []*tradegraph.Actor{a, jp, cn},
				&tradegraph.Relation{Type: tradegraph.Requested, From: jp.ID, To: cn.ID, Hedged: true, ReportedBy: a.ID, Confidence: 0.7},
				&tradegraph.Relation{Type: tradegraph.Criticized, From: a.ID, To: cn.ID, Confidence: 0.5}),
			article("2", []*tradegraph.Actor{b, cn},
				&tradegraph.Relation{Type: tradegraph.Criticized, From: b.ID, To: cn.ID, Confidence: 0.6}),
			article("3", []*tradegraph.Actor{c, jp},
				&tradegraph.Relation{Type: tradegraph.InvestedIn, From: c.ID, To: jp.ID, Confidence: 0.4}),
		}
	}
	for _, x := range articles() {
		save(t, st, x)
		m.save(x)
	}

	for _, step := range [][2]string{{b.ID, a.ID}, {c.ID, b.ID}} {
		got, err := st.MergeActors(t.Context(), step[0], step[1])
		if err != nil {
			t.Fatalf("MergeActors(%s, %s): %v", step[0], step[1], err)
		}
		m.merge(step[0], step[1])
		if diff := cmp.Diff(m.actors[step[0]], got, equate); diff != "" {
			t.Errorf("MergeActors(%s, %s) returned (-want +got):\n%s", step[0], step[1], diff)
		}
	}
	if diff := cmp.Diff(m.state(), snapshot(t, st), equate); diff != "" {
		t.Errorf("after merging A into B and B into C (-want +got):\n%s", diff)
	}
	// Degree 3: one relation from each article, none of them shared.
	want := &tradegraph.Actor{ID: c.ID, Kind: tradegraph.Company, Name: "Kyodo News", Aliases: []string{"KN", "Kyodo", "Kyodo Tsushin"}, Country: "JP", Degree: 3}
	if got, err := st.FindActorByID(t.Context(), c.ID); err != nil {
		t.Fatal(err)
	} else if diff := cmp.Diff(want, got, equate); diff != "" {
		t.Errorf("C after both merges (-want +got):\n%s", diff)
	}
	for _, id := range []string{a.ID, b.ID} {
		_, err := st.FindActorByID(t.Context(), id)
		wantCode(t, "FindActorByID("+id+")", err, tradegraph.ENOTFOUND)
		// Neither merges back: that would make a cycle.
		_, err = st.MergeActors(t.Context(), id, c.ID)
		wantCode(t, "MergeActors("+id+", C)", err, tradegraph.ENOTFOUND)
		_, err = st.MergeActors(t.Context(), c.ID, id)
		wantCode(t, "MergeActors(C, "+id+")", err, tradegraph.ENOTFOUND)
	}

	// A new article that names A and B lands on C: their relations become
	// one (the likelier kept), the one between them a loop.
	x := article("4", []*tradegraph.Actor{a, b, us},
		&tradegraph.Relation{Type: tradegraph.Sanctioned, From: us.ID, To: a.ID, Confidence: 0.55},
		&tradegraph.Relation{Type: tradegraph.Sanctioned, From: us.ID, To: b.ID, Confidence: 0.65},
		&tradegraph.Relation{Type: tradegraph.Criticized, From: a.ID, To: b.ID, Confidence: 0.9},
		&tradegraph.Relation{Type: tradegraph.Criticized, From: us.ID, To: cn.ID, Confidence: 0.3, ReportedBy: a.ID, Concerning: []string{b.ID, a.ID}})
	x.Mentions = []tradegraph.Mention{{ActorID: a.ID, Text: "Kyodo agency", Start: 0, End: 12}}
	// cn is referred to but not listed: list it.
	x.Actors = append(x.Actors, cn)
	save(t, st, x)
	m.save(x)
	rs := allRelations(t, st, tradegraph.RelationFilter{Article: x.Article.ID})
	wantRels := []string{
		tradegraph.RelationID(tradegraph.Criticized, us.ID, cn.ID, x.Article.ID),
		tradegraph.RelationID(tradegraph.Sanctioned, us.ID, c.ID, x.Article.ID),
	}
	slices.Sort(wantRels)
	if diff := cmp.Diff(wantRels, ids(rs, relationID)); diff != "" {
		t.Fatalf("relations of an article naming merged actors (-want +got):\n%s", diff)
	}
	for _, r := range rs {
		switch r.Type {
		case tradegraph.Sanctioned:
			if r.Confidence != 0.65 {
				t.Errorf("kept SANCTIONED relation has confidence %v, want the likelier, 0.65", r.Confidence)
			}
		case tradegraph.Criticized:
			if r.ReportedBy != c.ID || !slices.Equal(r.Concerning, []string{c.ID}) {
				t.Errorf("CRITICIZED relation reported by %q concerning %q, want %q and [%[3]s]", r.ReportedBy, r.Concerning, c.ID)
			}
		}
	}
	if diff := cmp.Diff([]string{c.ID, cn.ID, us.ID}, ids(allActors(t, st, tradegraph.ActorFilter{Article: x.Article.ID}), actorID)); diff != "" {
		t.Errorf("actors of the new article (-want +got):\n%s", diff)
	}
	if got, err := st.FindActorByID(t.Context(), c.ID); err != nil {
		t.Fatal(err)
	} else if !slices.Contains(got.Aliases, "Kyodo agency") {
		t.Errorf("C's aliases %q lack the name the new article gives A", got.Aliases)
	}
	if diff := cmp.Diff(m.state(), snapshot(t, st), equate); diff != "" {
		t.Errorf("after saving the new article (-want +got):\n%s", diff)
	}

	// And all of it again changes nothing.
	before := snapshot(t, st)
	resave(t, st, append(articles(), x))
	if diff := cmp.Diff(before, snapshot(t, st), equate); diff != "" {
		t.Errorf("re-saving after the merges changed the store (-before +after):\n%s", diff)
	}
}
