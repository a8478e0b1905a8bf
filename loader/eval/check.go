package eval

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader"
)

// Check reports what in a gold article would make its score meaningless:
// an actor of an unknown kind or without an id, two actors with one id, a
// relation of an unknown type, or one whose end is not among the article's
// actors. The error lists every problem found, each with the position
// (1-based) of the actor or relation in the file.
func Check(gold loader.OutputArticle) error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	ids := map[string]bool{}
	for i, a := range gold.Actors {
		at := fmt.Sprintf("actor %d (%q)", i+1, a.Name)
		if !tradegraph.ActorKind(a.Kind).Valid() {
			add("%s: kind %q is not one of %s", at, a.Kind, list(tradegraph.ActorKinds))
		}
		switch {
		case a.ID == "":
			add("%s: no id", at)
		case ids[a.ID]:
			add("%s: id %q is used by an earlier actor", at, a.ID)
		}
		if a.ID != "" {
			ids[a.ID] = true
		}
	}
	for i, r := range gold.Relations {
		at := fmt.Sprintf("relation %d (%s %s -> %s)", i+1, r.Type, r.From, r.To)
		if !tradegraph.RelationType(r.Type).Valid() {
			add("%s: type %q is not one of %s", at, r.Type, list(tradegraph.RelationTypes))
		}
		for _, end := range []string{r.From, r.To} {
			if !ids[end] {
				add("%s: %q is not among the article's actors", at, end)
			}
		}
		if r.From == r.To {
			add("%s: from and to are the same actor", at)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return errors.New(strings.Join(problems, "; "))
}

func list[T ~string](names []T) string {
	s := make([]string, len(names))
	for i, n := range names {
		s[i] = string(n)
	}
	return strings.Join(s, ", ")
}
