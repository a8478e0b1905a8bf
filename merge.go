package tradegraph

import (
	"cmp"
	"slices"
	"strings"
)

// This file holds the rules of Store.MergeActors that do not depend on a
// store, so that both stores apply them alike: which merges are allowed,
// which of two relations that a merge makes one survives, and how a saved
// extraction follows earlier merges.

// CheckMerge returns an EINVALID error when merge may not be merged into
// keep: they are the same actor, or of different kinds.
func CheckMerge(keep, merge *Actor) error {
	switch {
	case keep.ID == merge.ID:
		return Errorf(EINVALID, "cannot merge actor %q into itself", keep.ID)
	case keep.Kind != merge.Kind:
		return Errorf(EINVALID, "cannot merge a %s into a %s", merge.Kind, keep.Kind)
	}
	return nil
}

// PreferRelation reports whether a is kept rather than b when a merge
// makes them one relation (the same type, ends and article): the one with
// the higher confidence. Ties go by the rest of their content, so that the
// choice depends only on what the two relations say, never on the order a
// store meets them in: a merge and a later re-save then keep the same one.
func PreferRelation(a, b *Relation) bool {
	if a.Confidence != b.Confidence {
		return a.Confidence > b.Confidence
	}
	c := cmp.Or(
		cmp.Compare(a.Span[0], b.Span[0]),
		cmp.Compare(a.Span[1], b.Span[1]),
		strings.Compare(a.Evidence, b.Evidence),
		strings.Compare(a.About, b.About),
		compareBool(a.Hedged, b.Hedged),
		strings.Compare(a.ReportedBy, b.ReportedBy),
		strings.Compare(a.Date, b.Date),
		strings.Compare(a.Cameo, b.Cameo),
		strings.Compare(a.Rule, b.Rule),
		slices.Compare(a.Concerning, b.Concerning),
	)
	return c < 0
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// ActorIDs returns every actor id x refers to: those of its actors and
// mentions, and the ends, concerning actors and outlets of its relations;
// sorted, each once.
func (x *Extraction) ActorIDs() []string {
	var ids []string
	for _, a := range x.Actors {
		if a != nil {
			ids = append(ids, a.ID)
		}
	}
	for _, m := range x.Mentions {
		ids = append(ids, m.ActorID)
	}
	for _, r := range x.Relations {
		if r == nil {
			continue
		}
		ids = append(ids, r.From, r.To)
		ids = append(ids, r.Concerning...)
		if r.ReportedBy != "" {
			ids = append(ids, r.ReportedBy)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// RedirectActors returns x as it reads once the actors named by the keys
// of into have been merged into the actors named by the values: every
// reference to a merged actor names the actor it was merged into. It is
// how a store saves an extraction after Store.MergeActors, so that
// loading an article again keeps the merge. into must map each id to its
// final actor (one hop); x itself is not changed, and is returned as it is
// when into redirects none of its ids.
//
// In the result a merged actor is listed under its new id with the name
// and aliases the extraction gave it, which the store then adds to the
// aliases of the kept actor; it takes the kind the extraction gives the
// kept actor, when the extraction lists that too. A relation whose ends
// moved gets the id of its new ends; it is dropped when both ends are now
// one actor; a symmetric one is turned to start at the end whose id sorts
// first, as the loader stores those. Of relations that now share an id,
// the one PreferRelation picks is kept, in the place of the first.
// A concerning list that names a merged actor loses the duplicates that
// makes.
func RedirectActors(x *Extraction, into map[string]string) *Extraction {
	if x == nil || x.Article == nil || !slices.ContainsFunc(x.ActorIDs(), func(id string) bool { _, ok := into[id]; return ok }) {
		return x
	}
	to := func(id string) string {
		if k, ok := into[id]; ok {
			return k
		}
		return id
	}
	y := &Extraction{Article: x.Article, Warnings: slices.Clone(x.Warnings)}

	// The kind of each kept actor as the extraction lists it, so that a
	// merged actor listed beside it does not contradict it.
	kinds := map[string]ActorKind{}
	for _, a := range x.Actors {
		if a == nil {
			continue
		}
		if _, merged := into[a.ID]; !merged && kinds[a.ID] == "" {
			kinds[a.ID] = a.Kind
		}
	}
	for _, a := range x.Actors {
		if a == nil {
			y.Actors = append(y.Actors, a)
			continue
		}
		cp := *a
		cp.Aliases = slices.Clone(a.Aliases)
		if k, merged := into[a.ID]; merged {
			cp.ID = k
			if kind := kinds[k]; kind != "" {
				cp.Kind = kind
			}
		}
		y.Actors = append(y.Actors, &cp)
	}
	for _, m := range x.Mentions {
		m.ActorID = to(m.ActorID)
		y.Mentions = append(y.Mentions, m)
	}

	at := map[string]int{} // relation id → its place in y.Relations
	for _, r := range x.Relations {
		if r == nil {
			y.Relations = append(y.Relations, r)
			continue
		}
		cp := *r
		cp.ReportedBy = to(r.ReportedBy)
		cp.Concerning = RedirectIDs(r.Concerning, into)
		cp.From, cp.To = to(r.From), to(r.To)
		if cp.From != r.From || cp.To != r.To {
			if cp.From == cp.To {
				continue
			}
			if cp.Type.Symmetric() && cp.From > cp.To {
				cp.From, cp.To = cp.To, cp.From
			}
			cp.ID = RelationID(cp.Type, cp.From, cp.To, x.Article.ID)
		}
		id := RelationID(cp.Type, cp.From, cp.To, x.Article.ID)
		if i, ok := at[id]; ok {
			if PreferRelation(&cp, y.Relations[i]) {
				y.Relations[i] = &cp
			}
			continue
		}
		at[id] = len(y.Relations)
		y.Relations = append(y.Relations, &cp)
	}
	return y
}

// RedirectIDs returns ids with each id that into maps replaced by its
// value, without the duplicates that makes, first place kept; a copy of
// ids when into maps none of them. Stores use it on concerning lists.
func RedirectIDs(ids []string, into map[string]string) []string {
	if !slices.ContainsFunc(ids, func(id string) bool { _, ok := into[id]; return ok }) {
		return slices.Clone(ids)
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if k, ok := into[id]; ok {
			id = k
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
