package model

import "github.com/tradegraph/tradegraph"

// Relation is a relation as the API serves it: the domain relation and a
// way to the actors and the article it names. Its fields are methods
// without a context, which gqlgen resolves in line; fields with a resolver
// would each cost a goroutine per relation. The resolver that fetched the
// relation has already asked the store for what the query selects of its
// whole list (graph/prefetch.go), so Look finds it without a store call.
type Relation struct {
	*tradegraph.Relation
	Look Lookup
}

// Lookup finds actors and articles by id for the relations of one request.
type Lookup interface {
	Actor(id string) (*tradegraph.Actor, error)
	// Actors answers no ids with an empty list.
	Actors(ids []string) ([]*tradegraph.Actor, error)
	Article(id string) (*tradegraph.Article, error)
	// Articles answers no ids with an empty list.
	Articles(ids []string) ([]*tradegraph.Article, error)
}

// FromActor is the actor that acts.
func (r *Relation) FromActor() (*tradegraph.Actor, error) { return r.Look.Actor(r.From) }

// ToActor is the actor acted on.
func (r *Relation) ToActor() (*tradegraph.Actor, error) { return r.Look.Actor(r.To) }

// Source is the article the relation comes from.
func (r *Relation) Source() (*tradegraph.Article, error) { return r.Look.Article(r.Article) }

// ConcerningActors are the third actors the action is aimed at or about.
func (r *Relation) ConcerningActors() ([]*tradegraph.Actor, error) {
	return r.Look.Actors(r.Concerning)
}

// Reporter is the outlet the text attributes the claim to: nil when it
// names none, or one the store does not hold.
func (r *Relation) Reporter() (*tradegraph.Actor, error) {
	if r.ReportedBy == "" {
		return nil, nil
	}
	a, err := r.Look.Actor(r.ReportedBy)
	if tradegraph.ErrorCode(err) == tradegraph.ENOTFOUND {
		return nil, nil
	}
	return a, err
}
