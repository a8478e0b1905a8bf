package tradegraph_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tradegraph/tradegraph"
)

func TestCheckMerge(t *testing.T) {
	jp := &tradegraph.Actor{ID: "country:JP", Kind: tradegraph.Country}
	japan := &tradegraph.Actor{ID: "country:japan", Kind: tradegraph.Country}
	sony := &tradegraph.Actor{ID: "company:sony", Kind: tradegraph.Company}
	for _, c := range []struct {
		keep, merge *tradegraph.Actor
		code, msg   string
	}{
		{jp, japan, "", ""},
		{jp, jp, tradegraph.EINVALID, `cannot merge actor "country:JP" into itself`},
		{jp, sony, tradegraph.EINVALID, "cannot merge a Company into a Country"},
		{sony, jp, tradegraph.EINVALID, "cannot merge a Country into a Company"},
	} {
		err := tradegraph.CheckMerge(c.keep, c.merge)
		if tradegraph.ErrorCode(err) != c.code || tradegraph.ErrorMessage(err) != c.msg {
			t.Errorf("CheckMerge(%s, %s) = %v, want code %q message %q", c.keep.ID, c.merge.ID, err, c.code, c.msg)
		}
	}
}

func TestPreferRelation(t *testing.T) {
	base := tradegraph.Relation{Confidence: 0.5, Evidence: "A met B.", Span: [2]int{3, 11}, Concerning: []string{"country:CN"}}
	variants := []func(r *tradegraph.Relation){
		func(r *tradegraph.Relation) { r.Confidence = 0.6 },
		func(r *tradegraph.Relation) { r.Span[0] = 2 },
		func(r *tradegraph.Relation) { r.Span[1] = 12 },
		func(r *tradegraph.Relation) { r.Evidence = "A met C." },
		func(r *tradegraph.Relation) { r.About = "chips" },
		func(r *tradegraph.Relation) { r.Hedged = true },
		func(r *tradegraph.Relation) { r.ReportedBy = "company:kyodo-news" },
		func(r *tradegraph.Relation) { r.Date = "2024-01-01" },
		func(r *tradegraph.Relation) { r.Cameo = "040" },
		func(r *tradegraph.Relation) { r.Rule = "r1" },
		func(r *tradegraph.Relation) { r.Concerning = []string{"country:CN", "country:US"} },
	}
	a := base
	if tradegraph.PreferRelation(&a, &base) {
		t.Error("PreferRelation prefers a relation over its equal")
	}
	for i, change := range variants {
		b := base
		b.Concerning = append([]string(nil), base.Concerning...)
		change(&b)
		ab, ba := tradegraph.PreferRelation(&a, &b), tradegraph.PreferRelation(&b, &a)
		if ab == ba {
			t.Errorf("variant %d: PreferRelation(a, b) = %v and PreferRelation(b, a) = %v; want exactly one", i, ab, ba)
		}
	}
	likelier := base
	likelier.Confidence, likelier.Span = 0.9, [2]int{50, 60}
	if !tradegraph.PreferRelation(&likelier, &base) {
		t.Error("PreferRelation does not prefer the higher confidence")
	}
}

func TestRedirectActors(t *testing.T) {
	art := &tradegraph.Article{ID: "https://news.example/1"}
	rel := func(typ tradegraph.RelationType, from, to string, confidence float64, extra ...func(*tradegraph.Relation)) *tradegraph.Relation {
		r := &tradegraph.Relation{ID: tradegraph.RelationID(typ, from, to, art.ID), Type: typ, From: from, To: to, Article: art.ID, Confidence: confidence}
		for _, f := range extra {
			f(r)
		}
		return r
	}
	x := &tradegraph.Extraction{
		Article: art,
		Actors: []*tradegraph.Actor{
			{ID: "company:ma-corp", Kind: tradegraph.Company, Name: "Ma Yun", Aliases: []string{"Mr Ma"}}, // a kind the kept actor contradicts
			{ID: "person:jack-ma", Kind: tradegraph.Person, Name: "Jack Ma"},
			{ID: "person:kim", Kind: tradegraph.Person, Name: "Kim"},
			{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan"},
		},
		Mentions: []tradegraph.Mention{{ActorID: "company:ma-corp", Text: "Ma Yun", Start: 0, End: 6}, {ActorID: "person:kim", Text: "Kim", Start: 10, End: 13}},
		Relations: []*tradegraph.Relation{
			rel(tradegraph.Founded, "person:jack-ma", "company:alibaba", 0.6),
			rel(tradegraph.Founded, "company:ma-corp", "company:alibaba", 0.9),
			rel(tradegraph.MetWith, "company:ma-corp", "person:jack-ma", 0.5),
			rel(tradegraph.MetWith, "person:kim", "company:ma-corp", 0.5),
			rel(tradegraph.Requested, "country:JP", "person:kim", 0.7, func(r *tradegraph.Relation) {
				r.Concerning, r.ReportedBy = []string{"company:ma-corp", "person:jack-ma", "country:CN"}, "company:old-outlet"
			}),
			rel(tradegraph.Criticized, "country:JP", "person:kim", 0.7, func(r *tradegraph.Relation) {
				r.Concerning = []string{"country:CN", "country:CN"} // no merged actor: left as it is
			}),
		},
	}
	into := map[string]string{"company:ma-corp": "person:jack-ma", "company:old-outlet": "company:outlet"}
	before := cloneExtraction(x)

	got := tradegraph.RedirectActors(x, into)
	if diff := cmp.Diff(before, x); diff != "" {
		t.Errorf("RedirectActors changed its argument (-before +after):\n%s", diff)
	}
	want := &tradegraph.Extraction{
		Article: art,
		Actors: []*tradegraph.Actor{
			{ID: "person:jack-ma", Kind: tradegraph.Person, Name: "Ma Yun", Aliases: []string{"Mr Ma"}},
			{ID: "person:jack-ma", Kind: tradegraph.Person, Name: "Jack Ma"},
			{ID: "person:kim", Kind: tradegraph.Person, Name: "Kim"},
			{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan"},
		},
		Mentions: []tradegraph.Mention{{ActorID: "person:jack-ma", Text: "Ma Yun", Start: 0, End: 6}, {ActorID: "person:kim", Text: "Kim", Start: 10, End: 13}},
		Relations: []*tradegraph.Relation{
			// The likelier of the two foundings, in the place of the first.
			rel(tradegraph.Founded, "person:jack-ma", "company:alibaba", 0.9),
			// The meeting with himself is gone; the one with Kim starts at
			// the id that sorts first.
			rel(tradegraph.MetWith, "person:jack-ma", "person:kim", 0.5),
			rel(tradegraph.Requested, "country:JP", "person:kim", 0.7, func(r *tradegraph.Relation) {
				r.Concerning, r.ReportedBy = []string{"person:jack-ma", "country:CN"}, "company:outlet"
			}),
			rel(tradegraph.Criticized, "country:JP", "person:kim", 0.7, func(r *tradegraph.Relation) {
				r.Concerning = []string{"country:CN", "country:CN"}
			}),
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RedirectActors (-want +got):\n%s", diff)
	}

	if y := tradegraph.RedirectActors(x, map[string]string{"person:nobody": "person:jack-ma"}); y != x {
		t.Error("RedirectActors copied an extraction it had nothing to change in")
	}
	wantIDs := []string{"company:alibaba", "company:ma-corp", "company:old-outlet", "country:CN", "country:JP", "person:jack-ma", "person:kim"}
	if diff := cmp.Diff(wantIDs, x.ActorIDs()); diff != "" {
		t.Errorf("ActorIDs (-want +got):\n%s", diff)
	}
}

func cloneExtraction(x *tradegraph.Extraction) *tradegraph.Extraction {
	y := &tradegraph.Extraction{Article: x.Article, Mentions: append([]tradegraph.Mention(nil), x.Mentions...)}
	for _, a := range x.Actors {
		cp := *a
		cp.Aliases = append([]string(nil), a.Aliases...)
		y.Actors = append(y.Actors, &cp)
	}
	for _, r := range x.Relations {
		cp := *r
		cp.Concerning = append([]string(nil), r.Concerning...)
		y.Relations = append(y.Relations, &cp)
	}
	return y
}
