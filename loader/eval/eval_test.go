package eval

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tradegraph/tradegraph/loader"
)

func actor(id, kind, name string, mentions ...string) loader.OutputActor {
	if mentions == nil {
		mentions = []string{}
	}
	return loader.OutputActor{ID: id, Kind: kind, Name: name, Mentions: mentions}
}

func rel(typ, from, to string, hedged bool) loader.OutputRelation {
	return loader.OutputRelation{Type: typ, From: from, To: to, Hedged: hedged, Evidence: from + " " + typ + " " + to, Concerning: []string{}}
}

func article(actors []loader.OutputActor, rels ...loader.OutputRelation) loader.OutputArticle {
	if actors == nil {
		actors = []loader.OutputActor{}
	}
	if rels == nil {
		rels = []loader.OutputRelation{}
	}
	return loader.OutputArticle{Actors: actors, Relations: rels}
}

// score scores one article named "a".
func score(gold, got loader.OutputArticle) Report {
	var s Scorer
	s.Add("a", gold, got)
	return s.Report()
}

var (
	us    = actor("country:US", "Country", "United States", "U.S.", "Washington")
	japan = actor("country:JP", "Country", "Japan", "Tokyo", "Japanese government")
	china = actor("country:CN", "Country", "China", "Beijing")
)

func TestActorAlignment(t *testing.T) {
	tests := []struct {
		name      string
		gold, got []loader.OutputActor
		want      Counts
		// missed and extra are the ids left unpaired on each side.
		missed, extra []string
	}{
		{
			name: "same id and name",
			gold: []loader.OutputActor{japan}, got: []loader.OutputActor{japan},
			want: Counts{TP: 1},
		},
		{
			name: "different ids, a mention equals the name after normalisation",
			gold: []loader.OutputActor{actor("company:lumen", "Company", "Lumen Power Devices", "Lumen")},
			got:  []loader.OutputActor{actor("company:lumen-power-devices", "Company", "LUMEN POWER DEVICES’s")},
			want: Counts{TP: 1},
		},
		{
			name: "dots, the and case",
			gold: []loader.OutputActor{actor("country:US", "Country", "United States", "U.S.")},
			got:  []loader.OutputActor{actor("country:usa", "Country", "USA", "us")},
			want: Counts{TP: 1},
		},
		{
			name: "kind mismatch never matches, even with the same id and name",
			gold: []loader.OutputActor{actor("person:georgia", "Person", "Georgia")},
			got:  []loader.OutputActor{actor("person:georgia", "Country", "Georgia")},
			want: Counts{FP: 1, FN: 1}, missed: []string{"person:georgia"}, extra: []string{"person:georgia"},
		},
		{
			name: "same id without a shared name does not match",
			gold: []loader.OutputActor{actor("company:x", "Company", "Xylo Corp")},
			got:  []loader.OutputActor{actor("company:x", "Company", "Xenon Ltd")},
			want: Counts{FP: 1, FN: 1}, missed: []string{"company:x"}, extra: []string{"company:x"},
		},
		{
			name: "one to one: two extracted actors for one gold actor",
			gold: []loader.OutputActor{actor("ministry:us-commerce", "Ministry", "US Department of Commerce", "Commerce Department")},
			got: []loader.OutputActor{
				actor("ministry:commerce-department", "Ministry", "Commerce Department"),
				actor("ministry:us-commerce", "Ministry", "Department of Commerce", "Commerce Department"),
			},
			want:  Counts{TP: 1, FP: 1},
			extra: []string{"ministry:commerce-department"},
		},
		{
			name: "one to one: an equal name beats more shared mentions",
			gold: []loader.OutputActor{actor("g:1", "Company", "Acme", "Acme Corp", "the firm")},
			got: []loader.OutputActor{
				actor("x:1", "Company", "Acme Corp", "Acme", "the firm"),
				actor("x:2", "Company", "Acme"),
			},
			want: Counts{TP: 1, FP: 1}, extra: []string{"x:1"},
		},
		{
			name: "one to one: most shared forms wins when neither id nor name agrees",
			gold: []loader.OutputActor{actor("g:1", "Company", "Acme Holdings", "Acme", "Acme Corp")},
			got: []loader.OutputActor{
				actor("x:1", "Company", "Acme"),
				actor("x:2", "Company", "Acme Corp", "Acme"),
			},
			want: Counts{TP: 1, FP: 1}, extra: []string{"x:1"},
		},
		{
			name: "a tie goes to the earlier gold actor",
			gold: []loader.OutputActor{
				actor("g:south", "Country", "South Korea", "Korea"),
				actor("g:north", "Country", "North Korea", "Korea"),
			},
			got:  []loader.OutputActor{actor("x:korea", "Country", "Korean Republic", "Korea")},
			want: Counts{TP: 1, FN: 1}, missed: []string{"g:north"},
		},
		{
			name: "each side pairs at most once, and the freed actor finds its own partner",
			gold: []loader.OutputActor{
				actor("g:1", "Person", "Gina Raimondo", "Raimondo"),
				actor("g:2", "Person", "Gene Raymond", "Raimondo"),
			},
			got: []loader.OutputActor{
				actor("x:1", "Person", "Raimondo"),
				actor("x:2", "Person", "Gene Raymond"),
			},
			want: Counts{TP: 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := score(article(tt.gold), article(tt.got))
			if diff := cmp.Diff(tt.want, r.Actors.Counts); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
			var missed, extra []string
			for _, a := range r.MissedActors {
				missed = append(missed, a.ID)
			}
			for _, a := range r.FalseActors {
				extra = append(extra, a.ID)
			}
			if diff := cmp.Diff(tt.missed, missed); diff != "" {
				t.Errorf("missed (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.extra, extra); diff != "" {
				t.Errorf("false hits (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAlignmentIsDeterministic scores the same tangled case many times; a
// map iteration or an unstable sort in the alignment would show as a
// different outcome now and then.
func TestAlignmentIsDeterministic(t *testing.T) {
	gold := []loader.OutputActor{
		actor("g:1", "Company", "Acme", "Acme Corp"),
		actor("g:2", "Company", "Acme Corp", "Acme"),
		actor("g:3", "Company", "Acme Group", "Acme"),
	}
	got := []loader.OutputActor{
		actor("x:1", "Company", "Acme Group", "Acme Corp"),
		actor("x:2", "Company", "Acme"),
	}
	first := score(article(gold), article(got))
	for range 50 {
		if diff := cmp.Diff(first, score(article(gold), article(got))); diff != "" {
			t.Fatalf("scores differ between runs:\n%s", diff)
		}
	}
	// Every pair here shares a form, so only the preferences decide: equal
	// names pair g:1 with x:2 ("Acme") and g:3 with x:1 ("Acme Group"),
	// which leaves g:2 alone.
	if diff := cmp.Diff([]ActorItem{{Article: "a", Kind: "Company", ID: "g:2", Name: "Acme Corp"}}, first.MissedActors); diff != "" {
		t.Errorf("missed (-want +got):\n%s", diff)
	}
}

func TestRelations(t *testing.T) {
	actors := []loader.OutputActor{us, japan, china}
	tests := []struct {
		name      string
		gold, got []loader.OutputRelation
		want      Counts
		hedged    Counts
	}{
		{
			name: "same relation",
			gold: []loader.OutputRelation{rel("REQUESTED", "country:US", "country:JP", false)},
			got:  []loader.OutputRelation{rel("REQUESTED", "country:US", "country:JP", false)},
			want: Counts{TP: 1}, hedged: Counts{TP: 1},
		},
		{
			name: "direction matters",
			gold: []loader.OutputRelation{rel("BANNED", "country:CN", "country:JP", false)},
			got:  []loader.OutputRelation{rel("BANNED", "country:JP", "country:CN", false)},
			want: Counts{FP: 1, FN: 1}, hedged: Counts{FP: 1, FN: 1},
		},
		{
			name: "symmetric types match either way round",
			gold: []loader.OutputRelation{rel("MET_WITH", "country:CN", "country:US", false), rel("AGREED_WITH", "country:JP", "country:US", false)},
			got:  []loader.OutputRelation{rel("MET_WITH", "country:US", "country:CN", false), rel("AGREED_WITH", "country:JP", "country:US", false)},
			want: Counts{TP: 2}, hedged: Counts{TP: 2},
		},
		{
			name: "type must agree",
			gold: []loader.OutputRelation{rel("SANCTIONED", "country:US", "country:CN", false)},
			got:  []loader.OutputRelation{rel("RESTRICTED_EXPORTS", "country:US", "country:CN", false)},
			want: Counts{FP: 1, FN: 1}, hedged: Counts{FP: 1, FN: 1},
		},
		{
			name: "hedged disagreeing counts only in the hedged score",
			gold: []loader.OutputRelation{rel("RELOCATED_TO", "country:CN", "country:JP", true), rel("REQUESTED", "country:US", "country:JP", false)},
			got:  []loader.OutputRelation{rel("RELOCATED_TO", "country:CN", "country:JP", false), rel("REQUESTED", "country:US", "country:JP", false)},
			want: Counts{TP: 2}, hedged: Counts{TP: 1, FP: 1, FN: 1},
		},
		{
			name: "duplicate gold relations count once",
			gold: []loader.OutputRelation{
				rel("BANNED", "country:CN", "country:JP", false),
				rel("BANNED", "country:CN", "country:JP", false),
				rel("MET_WITH", "country:CN", "country:JP", false),
				rel("MET_WITH", "country:JP", "country:CN", false),
			},
			got:  []loader.OutputRelation{rel("BANNED", "country:CN", "country:JP", false)},
			want: Counts{TP: 1, FN: 1}, hedged: Counts{TP: 1, FN: 1},
		},
		{
			name: "duplicate extracted relations count once",
			gold: []loader.OutputRelation{},
			got:  []loader.OutputRelation{rel("BANNED", "country:CN", "country:JP", false), rel("BANNED", "country:CN", "country:JP", true)},
			want: Counts{FP: 1}, hedged: Counts{FP: 1},
		},
		{
			name: "an end that is not an actor matches nothing",
			gold: []loader.OutputRelation{rel("BANNED", "country:CN", "country:KR", false)},
			got:  []loader.OutputRelation{rel("BANNED", "country:CN", "country:KR", false)},
			want: Counts{FP: 1, FN: 1}, hedged: Counts{FP: 1, FN: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := score(article(actors, tt.gold...), article(actors, tt.got...))
			if diff := cmp.Diff(tt.want, r.Relations.Counts); diff != "" {
				t.Errorf("relations (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.hedged, r.Hedged.Counts); diff != "" {
				t.Errorf("hedged (-want +got):\n%s", diff)
			}
			if n := len(r.MissedRelations); n != tt.want.FN {
				t.Errorf("%d misses listed, want %d", n, tt.want.FN)
			}
			if n := len(r.FalseRelations); n != tt.want.FP {
				t.Errorf("%d false hits listed, want %d", n, tt.want.FP)
			}
			if n := len(r.HedgeMismatches); n != tt.hedged.FN-tt.want.FN {
				t.Errorf("%d hedge mismatches listed, want %d", n, tt.hedged.FN-tt.want.FN)
			}
		})
	}
}

// TestRelationsThroughAlignment checks that relation ends are read through
// the actor alignment: extracted ids that differ from the gold's still
// match, and an extracted id spelled like a gold id does not when the
// actors were not paired.
func TestRelationsThroughAlignment(t *testing.T) {
	gold := article(
		[]loader.OutputActor{
			actor("company:lumen", "Company", "Lumen Power Devices"),
			actor("company:infineon", "Company", "Infineon"),
			actor("organization:apex", "Organization", "Apex"),
		},
		rel("ACQUIRED", "company:infineon", "company:lumen", false),
		rel("MET_WITH", "organization:apex", "company:lumen", false),
		rel("CRITICIZED", "organization:apex", "company:infineon", false),
	)
	got := article(
		[]loader.OutputActor{
			actor("company:infineon-technologies", "Company", "Infineon Technologies", "Infineon"),
			actor("company:lumen-power-devices", "Company", "Lumen Power Devices"),
			// Same id as the gold organisation but a company: not paired.
			actor("organization:apex", "Company", "Apex"),
		},
		rel("ACQUIRED", "company:infineon-technologies", "company:lumen-power-devices", false),
		rel("MET_WITH", "company:lumen-power-devices", "organization:apex", false),
		rel("CRITICIZED", "organization:apex", "company:infineon-technologies", false),
	)
	r := score(gold, got)
	if diff := cmp.Diff(Counts{TP: 1, FP: 2, FN: 2}, r.Relations.Counts); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
	wantMissed := []RelationItem{
		{Article: "a", Type: "MET_WITH", From: "organization:apex", To: "company:lumen", Evidence: "organization:apex MET_WITH company:lumen"},
		{Article: "a", Type: "CRITICIZED", From: "organization:apex", To: "company:infineon", Evidence: "organization:apex CRITICIZED company:infineon"},
	}
	if diff := cmp.Diff(wantMissed, r.MissedRelations); diff != "" {
		t.Errorf("misses (-want +got):\n%s", diff)
	}
	wantFalse := []RelationItem{
		{Article: "a", Type: "MET_WITH", From: "company:lumen-power-devices", To: "organization:apex", Evidence: "company:lumen-power-devices MET_WITH organization:apex"},
		{Article: "a", Type: "CRITICIZED", From: "organization:apex", To: "company:infineon-technologies", Evidence: "organization:apex CRITICIZED company:infineon-technologies"},
	}
	if diff := cmp.Diff(wantFalse, r.FalseRelations); diff != "" {
		t.Errorf("false hits (-want +got):\n%s", diff)
	}
}

func TestEmpty(t *testing.T) {
	one := article([]loader.OutputActor{japan, china}, rel("BANNED", "country:CN", "country:JP", false))
	tests := []struct {
		name             string
		gold, got        loader.OutputArticle
		actors, relation Score
	}{
		{
			name: "both empty", gold: article(nil), got: article(nil),
			actors: Score{Precision: 1, Recall: 1, F1: 1}, relation: Score{Precision: 1, Recall: 1, F1: 1},
		},
		{
			name: "empty gold", gold: article(nil), got: one,
			actors:   Score{Counts: Counts{FP: 2}, Precision: 0, Recall: 1, F1: 0},
			relation: Score{Counts: Counts{FP: 1}, Precision: 0, Recall: 1, F1: 0},
		},
		{
			name: "empty output", gold: one, got: article(nil),
			actors:   Score{Counts: Counts{FN: 2}, Precision: 1, Recall: 0, F1: 0},
			relation: Score{Counts: Counts{FN: 1}, Precision: 1, Recall: 0, F1: 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := score(tt.gold, tt.got)
			if diff := cmp.Diff(tt.actors, r.Actors); diff != "" {
				t.Errorf("actors (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.relation, r.Relations); diff != "" {
				t.Errorf("relations (-want +got):\n%s", diff)
			}
		})
	}

	// A scorer nothing was added to reports empty lists, not nil ones, so
	// that its JSON has [] rather than null.
	var s Scorer
	r := s.Report()
	if r.ActorKinds == nil || r.RelationTypes == nil || r.MissedActors == nil || r.FalseActors == nil ||
		r.MissedRelations == nil || r.FalseRelations == nil || r.HedgeMismatches == nil {
		t.Errorf("empty report has nil lists: %+v", r)
	}
}

// TestMicroAverage checks that counts add up over articles and groups
// before the rates are taken, and the order of the per-group rows.
func TestMicroAverage(t *testing.T) {
	var s Scorer
	s.Add("one", article([]loader.OutputActor{us, japan}, rel("REQUESTED", "country:US", "country:JP", false)),
		article([]loader.OutputActor{us, japan, actor("person:x", "Person", "X")}, rel("REQUESTED", "country:US", "country:JP", false)))
	s.Add("two", article([]loader.OutputActor{china, japan, actor("company:sony", "Company", "Sony")},
		rel("BANNED", "country:CN", "country:JP", false), rel("INVESTED_IN", "company:sony", "country:CN", false)),
		article([]loader.OutputActor{china, japan}, rel("BANNED", "country:CN", "country:JP", true), rel("ACQUIRED", "country:CN", "country:JP", false)))
	r := s.Report()
	if r.Articles != 2 {
		t.Errorf("articles = %d, want 2", r.Articles)
	}
	wantKinds := []Score{
		{Name: "Person", Counts: Counts{FP: 1}, Precision: 0, Recall: 1, F1: 0},
		{Name: "Country", Counts: Counts{TP: 4}, Precision: 1, Recall: 1, F1: 1},
		{Name: "Company", Counts: Counts{FN: 1}, Precision: 1, Recall: 0, F1: 0},
	}
	if diff := cmp.Diff(wantKinds, r.ActorKinds); diff != "" {
		t.Errorf("actor kinds (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(newScore("", Counts{TP: 4, FP: 1, FN: 1}), r.Actors); diff != "" {
		t.Errorf("actors (-want +got):\n%s", diff)
	}
	wantTypes := []Score{
		{Name: "REQUESTED", Counts: Counts{TP: 1}, Precision: 1, Recall: 1, F1: 1},
		{Name: "BANNED", Counts: Counts{TP: 1}, Precision: 1, Recall: 1, F1: 1},
		{Name: "INVESTED_IN", Counts: Counts{FN: 1}, Precision: 1, Recall: 0, F1: 0},
		{Name: "ACQUIRED", Counts: Counts{FP: 1}, Precision: 0, Recall: 1, F1: 0},
	}
	if diff := cmp.Diff(wantTypes, r.RelationTypes); diff != "" {
		t.Errorf("relation types (-want +got):\n%s", diff)
	}
	rel := r.Relations
	if rel.Counts != (Counts{TP: 2, FP: 1, FN: 1}) || rel.Precision != 2.0/3 || rel.Recall != 2.0/3 || rel.F1 != 2.0/3 {
		t.Errorf("relations = %+v, want tp 2 fp 1 fn 1 and rates 2/3", rel)
	}
	if r.Hedged.Counts != (Counts{TP: 1, FP: 2, FN: 2}) {
		t.Errorf("hedged = %+v, want tp 1 fp 2 fn 2", r.Hedged.Counts)
	}
	if len(r.HedgeMismatches) != 1 || r.HedgeMismatches[0].Article != "two" || r.HedgeMismatches[0].Hedged {
		t.Errorf("hedge mismatches = %+v, want the gold BANNED of article two", r.HedgeMismatches)
	}
}

func TestUnknownNamesSortLast(t *testing.T) {
	r := score(
		article([]loader.OutputActor{actor("a:1", "Alien", "Zork"), japan}, rel("ZAPPED", "a:1", "country:JP", false)),
		article([]loader.OutputActor{actor("a:2", "Blob", "Zork"), japan}, rel("MET_WITH", "country:JP", "a:2", false)),
	)
	var kinds, types []string
	for _, s := range r.ActorKinds {
		kinds = append(kinds, s.Name)
	}
	for _, s := range r.RelationTypes {
		types = append(types, s.Name)
	}
	if diff := cmp.Diff([]string{"Country", "Alien", "Blob"}, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"MET_WITH", "ZAPPED"}, types); diff != "" {
		t.Errorf("types (-want +got):\n%s", diff)
	}
}

func TestCheck(t *testing.T) {
	good := article([]loader.OutputActor{us, japan}, rel("REQUESTED", "country:US", "country:JP", false))
	if err := Check(good); err != nil {
		t.Errorf("Check(good) = %v", err)
	}
	bad := article(
		[]loader.OutputActor{us, actor("", "Country", "Nowhere"), actor("country:US", "Country", "USA"), actor("x:1", "Nation", "X")},
		rel("REQUESTED", "country:US", "country:JP", false),
		rel("BEGGED", "country:US", "x:1", false),
		rel("MET_WITH", "country:US", "country:US", false),
		rel("BANNED", "", "country:US", false),
	)
	err := Check(bad)
	if err == nil {
		t.Fatal("Check(bad) = nil")
	}
	for _, want := range []string{
		`actor 2 ("Nowhere"): no id`,
		`actor 3 ("USA"): id "country:US" is used by an earlier actor`,
		`actor 4 ("X"): kind "Nation" is not one of Person, Ministry, Country, Company, Organization`,
		`relation 1 (REQUESTED country:US -> country:JP): "country:JP" is not among the article's actors`,
		`relation 2 (BEGGED country:US -> x:1): type "BEGGED" is not one of REQUESTED,`,
		`relation 3 (MET_WITH country:US -> country:US): from and to are the same actor`,
		`relation 4 (BANNED  -> country:US): "" is not among the article's actors`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Check(bad) = %v\nwant it to contain %q", err, want)
		}
	}
}
