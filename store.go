package tradegraph

import (
	"context"
	"slices"
)

// MaxPageSize caps every list a Store returns; larger requests are clamped.
const MaxPageSize = 500

// DefaultPageSize is used when a filter leaves First at zero.
const DefaultPageSize = 50

// Store persists the graph. Both implementations (store/sqlite and
// store/neo4j) pass the conformance suite in store/storetest: same ids, same
// ordering, same errors.
//
// Methods that look one thing up return an error with code ENOTFOUND when
// it does not exist, EINVALID for arguments they reject, and EINTERNAL for
// everything else.
type Store interface {
	// SaveExtraction writes one article with its actors, mentions and
	// relations, all or nothing. Saving the same extraction again changes
	// nothing; saving a new extraction of a known article replaces what
	// that article contributed. An actor MergeActors merged away is saved
	// as the actor it was merged into.
	SaveExtraction(ctx context.Context, x *Extraction) error

	// MergeActors is curation: it declares that merge and keep are one
	// actor, folds merge into keep and returns keep as it is afterwards.
	// In one transaction, every relation from or to merge is moved to
	// keep and gets the id RelationID gives its new ends; a relation that
	// would now run from keep to keep is dropped, a symmetric one starts
	// at the end whose id sorts first, and of two relations that now
	// share an id the one PreferRelation picks is kept. Concerning lists
	// and reportedBy name keep where they named merge. Mentions and the
	// articles that list merge move to keep; merge's name and aliases
	// become aliases of keep (never keep's own name), and keep's country
	// is taken from merge when keep has none. Then merge is deleted.
	//
	// The merge is recorded, so that it survives loading the same articles
	// again: SaveExtraction reads every id of an extraction through the
	// records first (see RedirectActors), and saves under keep what it
	// would have saved under merge. Records stay one hop long: merging
	// keep into a third actor later redirects merge there too. A merge
	// cannot be undone or reversed: merge names no actor afterwards, so
	// MergeActors(merge, keep) fails with ENOTFOUND, and as saves never
	// bring merge back, no cycle can form.
	//
	// It returns an ENOTFOUND error naming the id that names no actor, and
	// an EINVALID one when keep and merge are the same actor or of
	// different kinds ("cannot merge a Company into a Country"); it then
	// changes nothing.
	MergeActors(ctx context.Context, keep, merge string) (*Actor, error)

	// DeleteArticle removes an article with its mentions and relations,
	// then the actors it leaves with no relation and no mention, all in one
	// transaction, and says what went. An actor another article lists
	// (ActorFilter.Article) counts as mentioned and stays. Degrees of the actors that remain
	// drop accordingly. Merge records stay. It returns an ENOTFOUND error
	// when no article has the id.
	DeleteArticle(ctx context.Context, id string) (*Deletion, error)

	FindActorByID(ctx context.Context, id string) (*Actor, error)
	// FindActors returns one page of the actors that match the filter, in
	// the filter's order. The filter methods return an EINVALID error for
	// an unknown order or invalid paging (Paging.Validate).
	FindActors(ctx context.Context, f ActorFilter) (*Page[*Actor], error)
	// FindActorPages answers several filters at once, one page per filter,
	// in the same order; a filter's page is what FindActors would return.
	// The GraphQL layer uses it to fetch the nested lists of every item of
	// a result together, so stores should answer filters that differ only
	// in Article with one query, not one per filter.
	FindActorPages(ctx context.Context, fs []ActorFilter) ([]*Page[*Actor], error)
	// SearchActors ranks actors whose name or alias matches text (words
	// match as prefixes) and returns at most limit of them, best first.
	SearchActors(ctx context.Context, text string, kinds []ActorKind, limit int) ([]*Actor, error)

	FindRelations(ctx context.Context, f RelationFilter) (*Page[*Relation], error)
	// FindRelationPages is FindRelations for several filters at once, as
	// FindActorPages; filters that differ only in From, To, Actor or Article
	// should cost one query.
	FindRelationPages(ctx context.Context, fs []RelationFilter) ([]*Page[*Relation], error)
	// RelationFacets counts the relations that match f (its paging and
	// order are ignored) by type, outlet, month and hedging.
	RelationFacets(ctx context.Context, f RelationFilter) (*Facets, error)

	FindArticleByID(ctx context.Context, id string) (*Article, error)
	FindArticles(ctx context.Context, f ArticleFilter) (*Page[*Article], error)
	// FindArticlePages is FindArticles for several filters at once, as
	// FindActorPages; filters that differ only in Actor should cost one
	// query.
	FindArticlePages(ctx context.Context, fs []ArticleFilter) ([]*Page[*Article], error)
	// FindMentions returns the mentions of each of the articles, ordered by
	// Start then End then actor id; unknown ids get no entry, and an id
	// given twice counts once.
	FindMentions(ctx context.Context, articleIDs []string) (map[string][]Mention, error)

	// Neighborhood returns the actors within depth hops of id, following
	// relations either way, and the relations among them.
	Neighborhood(ctx context.Context, id string, opt NeighborhoodOptions) (*Subgraph, error)
	// ShortestPath returns the actors and relations of one shortest path
	// between from and to, following relations either way, in path order.
	// It returns an ENOTFOUND error when no path of at most maxHops exists.
	ShortestPath(ctx context.Context, from, to string, opt PathOptions) (*Subgraph, error)

	Stats(ctx context.Context) (*Stats, error)

	// Ping reports whether the store can serve requests (for readiness).
	Ping(ctx context.Context) error
	Close() error
}

// BatchSaver is implemented by stores that write many extractions faster
// together than one by one (Neo4j, where every transaction is a network
// round trip). The loader uses it when the store offers it.
type BatchSaver interface {
	// SaveExtractions saves xs as SaveExtraction would, and returns one
	// error per extraction, nil for those saved. A failing extraction never
	// leaves part of itself behind, and does not keep the others out.
	SaveExtractions(ctx context.Context, xs []*Extraction) []error
}

// Extractor turns an article into an Extraction. The loader implements it;
// the GraphQL layer uses it for the ingestArticle mutation.
type Extractor interface {
	Extract(ctx context.Context, a *Article) (*Extraction, error)
}

// Page is one page of a list.
type Page[T any] struct {
	Items []T
	// TotalCount is the number of items matching the filter, on all pages,
	// when the filter asked for it (Paging.WithTotal); else 0.
	TotalCount int
	// HasNext reports whether items matching the filter follow the page,
	// HasPrev whether some precede it (see Paging).
	HasNext bool
	HasPrev bool
}

// Cut trims a page that a store read with one item more than size, in the
// direction the read ran (backward: from the end of the list towards its
// start), to size items in the list's order, and records whether the extra
// item was there: as HasNext, or as HasPrev when reading backward. Both
// stores read pages this way.
func (p *Page[T]) Cut(size int, backward bool) {
	if p.Items == nil {
		p.Items = []T{}
	}
	more := len(p.Items) > size
	if more {
		p.Items = p.Items[:size]
	}
	if backward {
		slices.Reverse(p.Items)
		p.HasPrev = more
	} else {
		p.HasNext = more
	}
}

// Deletion says what DeleteArticle removed.
type Deletion struct {
	Article   string
	Mentions  int
	Relations int
	// Actors lists the ids of the actors that went with the article, sorted.
	Actors []string
}

// Facets counts a set of relations several ways, for filters and charts.
// Every list is sorted by Key; only non-zero counts appear.
type Facets struct {
	Total int
	// ByType counts by relation type.
	ByType []Count
	// ByOutlet counts by the outlet of the relation's article ("" for
	// articles without one).
	ByOutlet []Count
	// ByMonth counts by the month of Date, as YYYY-MM ("" when undated).
	ByMonth []Count
	// Hedged counts the hedged relations; Total-Hedged are plain claims.
	Hedged int
}

// Limits of graph traversals.
const (
	MaxDepth             = 3
	MaxHops              = 6
	MaxNeighborhoodNodes = 500
	// DefaultNeighborhoodLimit is the actor cap of a neighbourhood when
	// NeighborhoodOptions.Limit is zero.
	DefaultNeighborhoodLimit = 100
	// MaxNeighborhoodRelations caps the relations of a neighbourhood;
	// DefaultNeighborhoodRelations is the cap when
	// NeighborhoodOptions.RelationLimit is zero.
	MaxNeighborhoodRelations     = 5000
	DefaultNeighborhoodRelations = 1000
)

// NeighborhoodOptions bound a neighbourhood query.
type NeighborhoodOptions struct {
	Depth int            // 1..MaxDepth
	Types []RelationType // empty: all
	// Limit caps the number of actors (1..MaxNeighborhoodNodes; 0 means
	// DefaultNeighborhoodLimit).
	Limit int
	// RelationLimit caps the number of relations, the first by id
	// (1..MaxNeighborhoodRelations; 0 means DefaultNeighborhoodRelations).
	// Two actors can share thousands of relations, one per article, so the
	// actor cap alone does not bound an answer.
	RelationLimit int
}

// RelationCap returns the relation cap o asks for, clamped.
func (o NeighborhoodOptions) RelationCap() int {
	switch n := o.RelationLimit; {
	case n == 0:
		return DefaultNeighborhoodRelations
	case n < 1:
		return 1
	case n > MaxNeighborhoodRelations:
		return MaxNeighborhoodRelations
	default:
		return n
	}
}

// PathOptions bound a path query.
type PathOptions struct {
	MaxHops int // 1..MaxHops
	Types   []RelationType
}

// Subgraph is a set of actors and the relations among them.
type Subgraph struct {
	Actors    []*Actor
	Relations []*Relation
	// Truncated reports that a limit (of actors or of relations) cut the
	// answer short.
	Truncated bool
}

// Stats counts what the store holds.
type Stats struct {
	Articles  int
	Actors    int
	Relations int
	ByKind    []Count // one per ActorKinds entry, in that order
	ByType    []Count // one per RelationTypes entry, in that order
	// ByOutlet counts articles by outlet, ByMonth articles by the month they
	// were published (YYYY-MM); both sorted by Key, non-zero counts only,
	// "" for articles without an outlet or a date.
	ByOutlet []Count
	ByMonth  []Count
}

// Count is a labelled number.
type Count struct {
	Key   string
	Count int
}
