package tradegraph

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ValidExtraction is an Extraction that Validate accepted, normalised for
// a store to write. It shares the article with the extraction it came
// from, and holds copies of everything else, so that a store may change
// it without touching the caller's values.
type ValidExtraction struct {
	Article *Article
	// Actors lists each actor once, in the order the extraction first
	// lists it, with its first name and kind and the first country any
	// listing gives it. Aliases are as the first listing gives them;
	// Names holds them all.
	Actors []*Actor
	// Names maps each actor id to every name the extraction gives the
	// actor, its first name first, then its other names and aliases and
	// the text of its mentions, in the order the extraction has them:
	// trimmed, each once, none empty. A store adds those it does not hold
	// to the actor's aliases.
	Names    map[string][]string
	Mentions []Mention
	// Relations have their ID and Article set.
	Relations []*Relation
}

// Validate checks x before a store writes it, and returns it normalised.
// An extraction needs an article with an id; every actor an id, a valid
// kind and a name, one kind however often it is listed; every mention and
// relation end an actor the extraction lists; relations a valid type,
// their own article, sane offsets, a confidence in 0..1, dates of the
// form YYYY-MM-DD, an id (when set) that RelationID agrees with, and no
// two the same id. The error has code EINVALID and says which item is
// wrong and why.
func (x *Extraction) Validate() (*ValidExtraction, error) {
	invalid := func(format string, args ...any) error {
		return Errorf(EINVALID, format, args...)
	}
	if x == nil || x.Article == nil {
		return nil, invalid("extraction has no article")
	}
	a := x.Article
	if strings.TrimSpace(a.ID) == "" {
		return nil, invalid("article id is empty")
	}
	if a.Published != "" && !validDate(a.Published) {
		return nil, invalid("article %q: published date %q is not of the form YYYY-MM-DD", a.ID, a.Published)
	}
	v := &ValidExtraction{Article: a, Names: map[string][]string{}}
	addNames := func(id string, names ...string) {
		for _, n := range names {
			if n = strings.TrimSpace(n); n != "" && !slices.Contains(v.Names[id], n) {
				v.Names[id] = append(v.Names[id], n)
			}
		}
	}

	byID := map[string]*Actor{}
	for i, ac := range x.Actors {
		switch {
		case ac == nil:
			return nil, invalid("actor %d is nil", i)
		case strings.TrimSpace(ac.ID) == "":
			return nil, invalid("actor %d (%q) has an empty id", i, ac.Name)
		case !ac.Kind.Valid():
			return nil, invalid("actor %q has invalid kind %q", ac.ID, ac.Kind)
		case strings.TrimSpace(ac.Name) == "":
			return nil, invalid("actor %q has an empty name", ac.ID)
		}
		prev := byID[ac.ID]
		switch {
		case prev == nil:
			cp := *ac
			cp.Aliases = slices.Clone(ac.Aliases)
			byID[ac.ID] = &cp
			v.Actors = append(v.Actors, &cp)
		case prev.Kind != ac.Kind:
			return nil, invalid("actor %q is listed as both %s and %s", ac.ID, prev.Kind, ac.Kind)
		case prev.Country == "":
			prev.Country = ac.Country
		}
		addNames(ac.ID, ac.Name)
		addNames(ac.ID, ac.Aliases...)
	}

	for i, m := range x.Mentions {
		switch {
		case byID[m.ActorID] == nil:
			return nil, invalid("mention %d (%q) names actor %q, which the extraction does not list", i, m.Text, m.ActorID)
		case m.Start < 0 || m.End < m.Start:
			return nil, invalid("mention %d (%q) has invalid offsets %d..%d", i, m.Text, m.Start, m.End)
		}
		v.Mentions = append(v.Mentions, m)
		addNames(m.ActorID, m.Text)
	}

	seen := map[string]bool{}
	for i, r := range x.Relations {
		if r == nil {
			return nil, invalid("relation %d is nil", i)
		}
		desc := fmt.Sprintf("relation %d (%s %s → %s)", i, r.Type, r.From, r.To)
		switch {
		case !r.Type.Valid():
			return nil, invalid("%s: unknown relation type %q", desc, r.Type)
		case byID[r.From] == nil:
			return nil, invalid("%s: from actor %q is not among the extraction's actors", desc, r.From)
		case byID[r.To] == nil:
			return nil, invalid("%s: to actor %q is not among the extraction's actors", desc, r.To)
		case r.Article != "" && r.Article != a.ID:
			return nil, invalid("%s: belongs to article %q, not %q", desc, r.Article, a.ID)
		case r.Span[0] < 0 || r.Span[1] < r.Span[0]:
			return nil, invalid("%s: invalid evidence span %d..%d", desc, r.Span[0], r.Span[1])
		case !(r.Confidence >= 0 && r.Confidence <= 1): // NaN fails too
			return nil, invalid("%s: confidence %v is outside 0..1", desc, r.Confidence)
		case r.Date != "" && !validDate(r.Date):
			return nil, invalid("%s: date %q is not of the form YYYY-MM-DD", desc, r.Date)
		}
		id := RelationID(r.Type, r.From, r.To, a.ID)
		if r.ID != "" && r.ID != id {
			return nil, invalid("%s: id %q does not match its type, ends and article (want %q)", desc, r.ID, id)
		}
		if seen[id] {
			return nil, invalid("%s: listed twice in one article", desc)
		}
		seen[id] = true
		cp := *r
		cp.ID, cp.Article = id, a.ID
		cp.Concerning = slices.Clone(r.Concerning)
		v.Relations = append(v.Relations, &cp)
	}
	return v, nil
}

// Extraction turns v back into an extraction that Validate turns into v
// again: each actor's Names become its aliases. A store uses it to read v
// through RedirectActors.
func (v *ValidExtraction) Extraction() *Extraction {
	x := &Extraction{Article: v.Article, Mentions: v.Mentions, Relations: v.Relations}
	for _, a := range v.Actors {
		cp := *a
		cp.Aliases = v.Names[a.ID]
		x.Actors = append(x.Actors, &cp)
	}
	return x
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
