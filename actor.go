package tradegraph

import "slices"

// ActorKind is the kind of an actor; it doubles as the Neo4j label.
type ActorKind string

// The actor kinds of DESIGN.md §2.
const (
	Person       ActorKind = "Person"
	Ministry     ActorKind = "Ministry"
	Country      ActorKind = "Country"
	Company      ActorKind = "Company"
	Organization ActorKind = "Organization"
)

// ActorKinds lists every kind in a fixed order.
var ActorKinds = []ActorKind{Person, Ministry, Country, Company, Organization}

// Valid reports whether k is one of ActorKinds.
func (k ActorKind) Valid() bool { return slices.Contains(ActorKinds, k) }

// IDPrefix is the prefix of ids of actors of kind k ("person" for person:jack-ma).
func (k ActorKind) IDPrefix() string {
	switch k {
	case Person:
		return "person"
	case Ministry:
		return "ministry"
	case Country:
		return "country"
	case Company:
		return "company"
	case Organization:
		return "organization"
	}
	return ""
}

// Actor is a node of the graph: somebody who acts or is acted on.
//
// Ids are stable and readable: countries by ISO 3166 alpha-2
// ("country:JP"), everything else by kind and slug ("person:jack-ma",
// "ministry:jp-meti", "company:alibaba", "organization:wto").
type Actor struct {
	ID   string
	Kind ActorKind
	Name string
	// Aliases are the other names the actor goes by, including every surface
	// form seen in a loaded article. Sorted, without duplicates, without Name.
	Aliases []string
	// Country is the ISO 3166 alpha-2 code of the country the actor belongs
	// to, when known ("JP" for METI, "EU" for bodies of the European Union).
	Country string
	// Degree is how connected the actor is: the number of relations with
	// it at either end. Stores keep it current through saves, deletes and
	// merges and fill it on every read; it is ignored when saving.
	Degree int
}

// ActorFilter selects actors. Zero fields do not filter.
type ActorFilter struct {
	// IDs limits the result to these actors (the GraphQL layer batches
	// look-ups this way).
	IDs     []string
	Kinds   []ActorKind
	Country string
	// Article limits the result to actors mentioned in that article.
	Article string
	// Order sorts the list (by id when empty); Paging picks the page.
	Order ActorOrder
	Paging
}
