package neo4j_test

import (
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/neo4jtest"
	"github.com/tradegraph/tradegraph/store/neo4j"
)

// TestOrderedPagesReadIndexes checks that a page of actors by degree or
// name, from the start and after a cursor, either way, is read from the
// composite index on (key, id) in order: no operator sorts.
func TestOrderedPagesReadIndexes(t *testing.T) {
	st := neo4jtest.Open(t)
	cursors := map[tradegraph.ActorOrder]tradegraph.Cursor{
		tradegraph.ActorsByDegree: {ID: "country:JP", Degree: 3},
		tradegraph.ActorsByName:   {ID: "country:JP", Name: "Japan"},
	}
	for order, cursor := range cursors {
		for _, desc := range []bool{false, true} {
			for _, after := range []tradegraph.Cursor{{}, cursor} {
				f := tradegraph.ActorFilter{Order: order, Paging: tradegraph.Paging{First: 50, Desc: desc, After: after}}
				plans, err := neo4j.ActorPagePlans(t.Context(), st, f)
				if err != nil {
					t.Fatalf("%+v: %v", f, err)
				}
				index := "a:Actor(" + string(order) + ", id)"
				for i, ops := range plans {
					all := strings.Join(ops, "\n")
					if !strings.Contains(all, index) {
						t.Errorf("order %s, desc %v, after %+v, part %d: plan does not read the index on %s:\n%s", order, desc, after, i, index, all)
					}
					for _, op := range ops {
						if name, _, _ := strings.Cut(op, "@"); name == "Sort" || name == "Top" || name == "PartialSort" || name == "PartialTop" {
							t.Errorf("order %s, desc %v, after %+v, part %d: plan sorts (%s):\n%s", order, desc, after, i, op, all)
						}
					}
				}
			}
		}
	}
}
