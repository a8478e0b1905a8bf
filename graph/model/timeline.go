// Package model holds the GraphQL types of the API that have no domain
// type: gqlgen generates most of them from schema.graphqls into
// models_gen.go; the few written by hand live beside it.
package model

import "github.com/tradegraph/tradegraph"

// Timeline is what the timeline field answers before its fields are
// resolved: the filter its relations and its monthly counts share, so that
// each is only asked of the store when the query selects it.
type Timeline struct {
	// Filter selects the actor's relations, ordered by date, with the
	// requested page.
	Filter tradegraph.RelationFilter
	// Facets and Page, when set, wait for the monthly counts and the page
	// of relations that the timeline field started to fetch, because the
	// query selects them.
	Facets func() (*tradegraph.Facets, error)
	Page   func() (*tradegraph.Page[*tradegraph.Relation], error)
}

// HasRelations waits for what the timeline fetches and reports whether it
// found any relation. A fetch that failed counts as none; the field that
// waits for it reports the error.
func (t *Timeline) HasRelations() bool {
	if t.Facets != nil {
		if fc, err := t.Facets(); err == nil && fc.Total > 0 {
			return true
		}
	}
	if t.Page != nil {
		if p, err := t.Page(); err == nil && len(p.Items) > 0 {
			return true
		}
	}
	return false
}
