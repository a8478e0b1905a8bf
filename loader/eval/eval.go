package eval

import (
	"slices"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader"
)

// Counts are the tallies a score is taken from.
type Counts struct {
	// TP counts gold items found, FP extracted items not in the gold, FN
	// gold items not found.
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Precision is TP / (TP + FP), and 1 when nothing was extracted: no
// extracted item was wrong.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN), and 1 when the gold is empty: nothing was
// missed.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall, 2TP / (2TP + FP + FN):
// 1 when gold and extraction are both empty, 0 when either is empty and
// the other is not.
func (c Counts) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

func (c *Counts) add(d Counts) {
	c.TP += d.TP
	c.FP += d.FP
	c.FN += d.FN
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// Score is the score of one group of items: all actors, the actors of one
// kind, all relations or the relations of one type.
type Score struct {
	// Name is the actor kind or relation type; empty for a total.
	Name string `json:"name,omitempty"`
	Counts
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func newScore(name string, c Counts) Score {
	return Score{Name: name, Counts: c, Precision: c.Precision(), Recall: c.Recall(), F1: c.F1()}
}

// ActorItem is an actor that was missed or found in error.
type ActorItem struct {
	Article string `json:"article"`
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Name    string `json:"name"`
}

// RelationItem is a relation that was missed, found in error, or found with
// the wrong hedged flag. From and To are the ids of the side it comes from:
// the gold file for misses and hedge mismatches, the extraction for false
// hits.
type RelationItem struct {
	Article  string `json:"article"`
	Type     string `json:"type"`
	From     string `json:"from"`
	To       string `json:"to"`
	Hedged   bool   `json:"hedged"`
	Evidence string `json:"evidence"`
}

// Report is the outcome of scoring a set of articles. Lists are never nil.
type Report struct {
	Articles int `json:"articles"`
	// Actors is the total over all kinds; ActorKinds holds one Score per
	// kind that occurs on either side, in the order of tradegraph.ActorKinds
	// (kinds outside it last, by name).
	Actors     Score   `json:"actors"`
	ActorKinds []Score `json:"actorKinds"`
	// Relations is the total over all types, matched on (type, from, to);
	// RelationTypes holds one Score per type that occurs, in the order of
	// tradegraph.RelationTypes (others last, by name). Hedged is the total
	// when the hedged flag has to agree as well.
	Relations     Score   `json:"relations"`
	RelationTypes []Score `json:"relationTypes"`
	Hedged        Score   `json:"hedged"`
	// The lists name what went wrong, in article order and, within an
	// article, in the order of the gold file or the extraction.
	MissedActors    []ActorItem    `json:"missedActors"`
	FalseActors     []ActorItem    `json:"falseActors"`
	MissedRelations []RelationItem `json:"missedRelations"`
	FalseRelations  []RelationItem `json:"falseRelations"`
	// HedgeMismatches are relations found whose hedged flag differs from
	// the gold; they are shown with the gold's flag.
	HedgeMismatches []RelationItem `json:"hedgeMismatches"`
}

// Scorer compares articles one at a time and keeps the running totals. The
// zero value is ready to use.
type Scorer struct {
	articles        int
	kinds, types    map[string]*Counts
	hedged          Counts
	missedActors    []ActorItem
	falseActors     []ActorItem
	missedRelations []RelationItem
	falseRelations  []RelationItem
	hedgeMismatches []RelationItem
}

// Add compares the extraction got of one article with its gold annotation;
// name identifies the article in the lists of misses and false hits.
func (s *Scorer) Add(name string, gold, got loader.OutputArticle) {
	if s.kinds == nil {
		s.kinds, s.types = map[string]*Counts{}, map[string]*Counts{}
	}
	s.articles++
	goldTo, gotTo := align(gold.Actors, got.Actors)
	for i, a := range gold.Actors {
		if goldTo[i] >= 0 {
			tally(s.kinds, a.Kind).TP++
			continue
		}
		tally(s.kinds, a.Kind).FN++
		s.missedActors = append(s.missedActors, ActorItem{Article: name, Kind: a.Kind, ID: a.ID, Name: a.Name})
	}
	for j, a := range got.Actors {
		if gotTo[j] < 0 {
			tally(s.kinds, a.Kind).FP++
			s.falseActors = append(s.falseActors, ActorItem{Article: name, Kind: a.Kind, ID: a.ID, Name: a.Name})
		}
	}

	// Relations are compared on actor numbers shared by both sides: a gold
	// actor's index, which its extracted partner takes too. Ends that are
	// not paired get numbers of their own below zero, so that they match
	// nothing on the other side even when the ids are spelled alike.
	ends := endNumbers{}
	goldRels := relationSet(gold.Relations, func(id string) int {
		if i := indexOfID(gold.Actors, id); i >= 0 {
			return i
		}
		return ends.unpaired("gold", id)
	})
	gotRels := relationSet(got.Relations, func(id string) int {
		if j := indexOfID(got.Actors, id); j >= 0 && gotTo[j] >= 0 {
			return gotTo[j]
		}
		return ends.unpaired("got", id)
	})
	for _, g := range goldRels.order {
		r := goldRels.first[g]
		x, found := gotRels.first[g]
		if !found {
			tally(s.types, r.Type).FN++
			s.hedged.FN++
			s.missedRelations = append(s.missedRelations, relationItem(name, r))
			continue
		}
		tally(s.types, r.Type).TP++
		if r.Hedged == x.Hedged {
			s.hedged.TP++
		} else {
			s.hedged.FP++
			s.hedged.FN++
			s.hedgeMismatches = append(s.hedgeMismatches, relationItem(name, r))
		}
	}
	for _, k := range gotRels.order {
		if _, found := goldRels.first[k]; found {
			continue
		}
		r := gotRels.first[k]
		tally(s.types, r.Type).FP++
		s.hedged.FP++
		s.falseRelations = append(s.falseRelations, relationItem(name, r))
	}
}

// Report returns the scores of the articles added so far.
func (s *Scorer) Report() Report {
	r := Report{
		Articles:        s.articles,
		ActorKinds:      []Score{},
		RelationTypes:   []Score{},
		Hedged:          newScore("", s.hedged),
		MissedActors:    nonNil(s.missedActors),
		FalseActors:     nonNil(s.falseActors),
		MissedRelations: nonNil(s.missedRelations),
		FalseRelations:  nonNil(s.falseRelations),
		HedgeMismatches: nonNil(s.hedgeMismatches),
	}
	var actors, relations Counts
	for _, k := range names(s.kinds, tradegraph.ActorKinds) {
		c := *s.kinds[k]
		actors.add(c)
		r.ActorKinds = append(r.ActorKinds, newScore(k, c))
	}
	for _, t := range names(s.types, tradegraph.RelationTypes) {
		c := *s.types[t]
		relations.add(c)
		r.RelationTypes = append(r.RelationTypes, newScore(t, c))
	}
	r.Actors, r.Relations = newScore("", actors), newScore("", relations)
	return r
}

func tally(m map[string]*Counts, name string) *Counts {
	c := m[name]
	if c == nil {
		c = &Counts{}
		m[name] = c
	}
	return c
}

// names returns the keys of m, those in known first and in its order, the
// rest sorted.
func names[T ~string](m map[string]*Counts, known []T) []string {
	var out, rest []string
	for _, k := range known {
		if _, ok := m[string(k)]; ok {
			out = append(out, string(k))
		}
	}
	for k := range m {
		if !slices.Contains(known, T(k)) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return slices.Clone(s)
}

func relationItem(article string, r loader.OutputRelation) RelationItem {
	return RelationItem{Article: article, Type: r.Type, From: r.From, To: r.To, Hedged: r.Hedged, Evidence: r.Evidence}
}

func indexOfID(actors []loader.OutputActor, id string) int {
	return slices.IndexFunc(actors, func(a loader.OutputActor) bool { return a.ID == id })
}

// endNumbers gives relation ends that have no paired actor a number below
// zero, the same one for the same id on the same side.
type endNumbers map[[2]string]int

func (e endNumbers) unpaired(side, id string) int {
	k := [2]string{side, id}
	n, ok := e[k]
	if !ok {
		n = -1 - len(e)
		e[k] = n
	}
	return n
}

// relationKey is a relation as the score sees it: its type and its ends as
// actor numbers, the smaller first for symmetric types.
type relationKey struct {
	typ      string
	from, to int
}

// relations holds the distinct relations of one side of an article, each
// with the first relation that had its key.
type relations struct {
	order []relationKey
	first map[relationKey]loader.OutputRelation
}

func relationSet(rs []loader.OutputRelation, number func(id string) int) relations {
	set := relations{first: map[relationKey]loader.OutputRelation{}}
	for _, r := range rs {
		k := relationKey{typ: r.Type, from: number(r.From), to: number(r.To)}
		if tradegraph.RelationType(r.Type).Symmetric() && k.to < k.from {
			k.from, k.to = k.to, k.from
		}
		if _, dup := set.first[k]; dup {
			continue
		}
		set.order = append(set.order, k)
		set.first[k] = r
	}
	return set
}
