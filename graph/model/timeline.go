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
	// of relations that the timeline field started to fetch beside its
	// look-up of the actor, because the query selects them.
	Facets func() (*tradegraph.Facets, error)
	Page   func() (*tradegraph.Page[*tradegraph.Relation], error)
}
