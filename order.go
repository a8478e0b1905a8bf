package tradegraph

// Lists are paged by keyset: a page starts after (or ends before) the
// cursor of an item, a Cursor, which holds the item's id and its sort key.
// Unlike an offset, a cursor keeps its place while items are saved or
// deleted around it. Every order breaks ties by id, in the same direction
// as the order, so that the order is total and a cursor names one place.

// ActorOrder is the order of a list of actors.
type ActorOrder string

// The orders of actors.
const (
	// ActorsByID is the default order.
	ActorsByID ActorOrder = "id"
	// ActorsByName orders by Name, compared by Unicode code points.
	ActorsByName ActorOrder = "name"
	// ActorsByDegree orders by Degree, how connected an actor is.
	ActorsByDegree ActorOrder = "degree"
)

// Valid reports whether o is one of the actor orders or empty (by id).
func (o ActorOrder) Valid() bool {
	switch o {
	case "", ActorsByID, ActorsByName, ActorsByDegree:
		return true
	}
	return false
}

// Cursor returns the cursor of a in a list of actors in order o.
func (o ActorOrder) Cursor(a *Actor) Cursor {
	c := Cursor{ID: a.ID}
	switch o {
	case ActorsByName:
		c.Name = a.Name
	case ActorsByDegree:
		c.Degree = a.Degree
	}
	return c
}

// RelationOrder is the order of a list of relations.
type RelationOrder string

// The orders of relations.
const (
	// RelationsByID is the default order.
	RelationsByID RelationOrder = "id"
	// RelationsByDate orders by Date; relations without one sort as the
	// empty string, before every date.
	RelationsByDate RelationOrder = "date"
	// RelationsByConfidence orders by Confidence.
	RelationsByConfidence RelationOrder = "confidence"
)

// Valid reports whether o is one of the relation orders or empty (by id).
func (o RelationOrder) Valid() bool {
	switch o {
	case "", RelationsByID, RelationsByDate, RelationsByConfidence:
		return true
	}
	return false
}

// Cursor returns the cursor of r in a list of relations in order o.
func (o RelationOrder) Cursor(r *Relation) Cursor {
	c := Cursor{ID: r.ID}
	switch o {
	case RelationsByDate:
		c.Date = r.Date
	case RelationsByConfidence:
		c.Confidence = r.Confidence
	}
	return c
}

// ArticleOrder is the order of a list of articles.
type ArticleOrder string

// The orders of articles.
const (
	// ArticlesByID is the default order.
	ArticlesByID ArticleOrder = "id"
	// ArticlesByPublished orders by Published; articles without a date sort
	// as the empty string, before every date.
	ArticlesByPublished ArticleOrder = "published"
)

// Valid reports whether o is one of the article orders or empty (by id).
func (o ArticleOrder) Valid() bool {
	switch o {
	case "", ArticlesByID, ArticlesByPublished:
		return true
	}
	return false
}

// Cursor returns the cursor of a in a list of articles in order o.
func (o ArticleOrder) Cursor(a *Article) Cursor {
	c := Cursor{ID: a.ID}
	if o == ArticlesByPublished {
		c.Date = a.Published
	}
	return c
}

// Cursor is the place of one item in an ordered list: its id and, when the
// list is not ordered by id, its sort key. Only the key field of the list's
// order is read; the zero Cursor means "no cursor". The GraphQL layer hands
// cursors to clients as opaque strings.
type Cursor struct {
	ID string
	// Name is the key of ActorsByName.
	Name string
	// Degree is the key of ActorsByDegree.
	Degree int
	// Date is the key of RelationsByDate and ArticlesByPublished.
	Date string
	// Confidence is the key of RelationsByConfidence.
	Confidence float64
}

// IsZero reports whether c is the zero Cursor.
func (c Cursor) IsZero() bool { return c == Cursor{} }

// Paging is how a filter asks for one page of an ordered list. Forward
// paging sets First and, after the first page, After; backward paging sets
// Last and, before the last page, Before (Before alone pages backwards by
// DefaultPageSize). Mixing the two directions or a negative size is an
// EINVALID error. A size of zero means DefaultPageSize; sizes are clamped
// to MaxPageSize.
//
// Page.HasNext and Page.HasPrev say whether items matching the filter
// follow the page's last item and precede its first, in either direction.
// A page's items are in the list's order whichever way it was paged.
type Paging struct {
	First  int
	After  Cursor
	Last   int
	Before Cursor
	// Desc reverses the order (ties by id reverse too).
	Desc bool
	// WithTotal asks for Page.TotalCount; counting costs a second query, so
	// it is only done when asked.
	WithTotal bool
}

// Validate returns an EINVALID error when p asks for something no store
// can answer.
func (p Paging) Validate() error {
	switch {
	case p.First < 0 || p.Last < 0:
		return Errorf(EINVALID, "page size must not be negative (first %d, last %d)", p.First, p.Last)
	case p.First > 0 && p.Last > 0:
		return Errorf(EINVALID, "ask for first or last, not both")
	case p.First > 0 && !p.Before.IsZero():
		return Errorf(EINVALID, "before pages backwards: use it with last, not first")
	case p.Last > 0 && !p.After.IsZero():
		return Errorf(EINVALID, "after pages forwards: use it with first, not last")
	case !p.After.IsZero() && !p.Before.IsZero():
		return Errorf(EINVALID, "ask for after or before, not both")
	}
	return nil
}

// Size returns the page size p asks for, clamped to 1..MaxPageSize, and
// whether it pages backwards.
func (p Paging) Size() (n int, backward bool) {
	n, backward = p.First, false
	if p.Last > 0 || !p.Before.IsZero() {
		n, backward = p.Last, true
	}
	switch {
	case n == 0:
		n = DefaultPageSize
	case n > MaxPageSize:
		n = MaxPageSize
	}
	return n, backward
}
