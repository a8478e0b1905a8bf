package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/tradegraph/tradegraph"
)

// The finders share one keyset machinery. A list is a union of branches,
// each a MATCH that binds the item variable plus conditions; the branches
// read parent ids (the actor or article a nested list hangs from) from
// the row p, so that the lists of many parents are one query:
//
//	UNWIND $parents AS p
//	CALL (p) {
//	  CALL (p) { branch ORDER BY key, id LIMIT $limit UNION ALL ... }
//	  WITH ... ORDER BY key, id LIMIT $limit
//	}
//
// Each branch sorts and cuts on its own, which a range index on the key
// answers without a sort, and the outer sort merges at most a page per
// branch. A page is read in parts, one such query each (see
// sortKey.parts). Only fixed fragments go into the text; every value,
// cursors included, is a parameter.
//
// Every shape of filter, order and part is a query text of its own, which
// Neo4j plans once and keeps in its query cache; planning a union of one
// branch per relation type takes about a second, so the first use of a
// shape is slow.

// branch is one MATCH of a list and the conditions only it has.
type branch struct {
	match string
	conds []string
}

// sortKey is the order of a list: the property it sorts by ("" for the
// id) on the item variable v.
type sortKey struct {
	v string
	// prop is the key expression as stored ("a.degree", "r.date"); "" sorts
	// by v.id alone.
	prop string
	// nullable keys (dates) may be absent; absent sorts as "", before
	// every value. out is the key as the outer sort compares it.
	nullable bool
	out      string
	// value is the cursor's key as a query parameter.
	value func(tradegraph.Cursor) any
	// absent reports whether the cursor's key is the absent one.
	absent func(tradegraph.Cursor) bool
}

// idKey is the default order, by id.
func idKey(v string) sortKey { return sortKey{v: v, out: v + ".id"} }

// direction returns the comparison operators for walking the list in
// reverse or not: strict and inclusive.
func direction(desc bool) (gt, ge, dir string) {
	if desc {
		return "<", "<=", " DESC"
	}
	return ">", ">=", ""
}

// parts returns the extra conditions of the parts a list is read in, one
// query after the other, until a page is full. Each part is a condition
// the planner answers with one index read in key order: the items that
// share the cursor's key and follow it by id, then those beyond the key;
// for a nullable key, the items without one as a part of their own
// (first, or last when walking in reverse). A condition with OR in it
// would instead be planned as two index reads and a sort of everything
// they find. With inclusive set, the parts start at the cursor's item
// instead of after it.
func (k sortKey) parts(c *tradegraph.Cursor, desc, inclusive bool) [][]string {
	gt, ge, _ := direction(desc)
	idOp := gt
	if inclusive {
		idOp = ge
	}
	afterID := k.v + ".id " + idOp + " $cursorID"
	if k.prop == "" {
		if c == nil {
			// As below: the uniqueness constraint's index, read in order.
			return [][]string{{k.v + ".id IS NOT NULL"}}
		}
		return [][]string{{afterID}}
	}
	// A condition on both the key and the id lets the planner read the
	// composite index on (key, id) in order, with no sort at all; IS NOT
	// NULL holds for every stored id.
	hasID := k.v + ".id IS NOT NULL"
	tie := []string{k.prop + " = $cursorKey", afterID}
	beyond := []string{k.prop + " " + gt + " $cursorKey", hasID}
	present := []string{k.prop + " IS NOT NULL", hasID}
	if !k.nullable {
		if c == nil {
			return [][]string{present}
		}
		return [][]string{tie, beyond}
	}
	absent := []string{k.prop + " IS NULL"}
	switch {
	case c == nil && !desc:
		return [][]string{absent, present}
	case c == nil:
		return [][]string{present, absent}
	case k.absent(*c) && !desc:
		return [][]string{append(absent, afterID), present}
	case k.absent(*c):
		return [][]string{append(absent, afterID)}
	case !desc:
		return [][]string{tie, beyond}
	}
	return [][]string{tie, beyond, absent}
}

// list is one filtered list of the finders, as query fragments.
type list struct {
	branches []branch
	conds    []string // shared by every branch
	params   map[string]any
	key      sortKey
	proj     string // the item as the decoder reads it
}

func (l *list) cond(c string, name string, value any) {
	l.conds = append(l.conds, c)
	if name != "" {
		l.params[name] = value
	}
}

// union joins every branch, split by parts, each followed by ret.
func (l *list) union(parts [][]string, ret func() string) string {
	var qs []string
	for _, b := range l.branches {
		for _, part := range parts {
			conds := slices.Concat(l.conds, b.conds, part)
			q := b.match
			if len(conds) > 0 {
				q += " WHERE " + strings.Join(conds, " AND ")
			}
			qs = append(qs, q+" "+ret())
		}
	}
	return strings.Join(qs, "\nUNION ALL\n")
}

// orderBy is the ORDER BY of one branch, on the stored key.
func (l *list) orderBy(desc bool) string {
	_, _, dir := direction(desc)
	if l.key.prop == "" {
		return "ORDER BY " + l.key.v + ".id" + dir
	}
	return "ORDER BY " + l.key.prop + dir + ", " + l.key.v + ".id" + dir
}

// pageQuery returns the items of one page for every parent, at most
// $limit each, walking forward or in reverse (desc) through the items part
// selects.
func (l *list) pageQuery(part []string, desc bool) string {
	_, _, dir := direction(desc)
	v := l.key.v
	inner := l.union([][]string{part}, func() string {
		return "RETURN " + v + ".id AS id, " + l.key.out + " AS key, " + l.proj + " AS x " + l.orderBy(desc) + " LIMIT $limit"
	})
	return `UNWIND $parents AS p
CALL (p) {
CALL (p) {
` + inner + `
}
WITH id, key, x ORDER BY key` + dir + `, id` + dir + ` LIMIT $limit
RETURN x
}
RETURN p.i AS i, x`
}

// existsQuery tells for every parent whether part selects any item.
func (l *list) existsQuery(part []string) string {
	inner := l.union([][]string{part}, func() string { return "RETURN 1 AS one LIMIT 1" })
	return `UNWIND $parents AS p
CALL (p) {
CALL (p) {
` + inner + `
}
RETURN count(one) AS n
}
RETURN p.i AS i, n`
}

// countQuery counts every parent's items.
func (l *list) countQuery() string {
	inner := l.union([][]string{nil}, func() string { return "RETURN count(*) AS n" })
	return `UNWIND $parents AS p
CALL (p) {
CALL (p) {
` + inner + `
}
RETURN sum(n) AS total
}
RETURN p.i AS i, total`
}

// group is the filters of one Find…Pages call that share a list but for
// their parent ids: parents holds one row per filter, its position i and
// the ids.
type group struct {
	list    *list
	paging  tradegraph.Paging
	parents []map[string]any
	// copies lists the positions of filters identical to the first one,
	// which have no parent: they get its page.
	copies []int
}

// groupKey returns the key under which a filter is grouped: the filter
// with its parent ids zeroed (which must print its values, not pointers),
// and which of the parent ids it sets.
func groupKey(zeroed any, parents ...string) string {
	var mask strings.Builder
	for _, p := range parents {
		if p != "" {
			mask.WriteByte('1')
		} else {
			mask.WriteByte('0')
		}
	}
	return fmt.Sprintf("%s|%#v", mask.String(), zeroed)
}

// addToGroups files filter i under key: a new group built by build when
// the key is new, else one more parent row (or a copy, when the filter
// has no parent ids).
func addToGroups(groups *[]*group, byKey map[string]*group, key string, i int, parent map[string]any, hasParent bool, build func() (*list, tradegraph.Paging, error)) error {
	if g := byKey[key]; g != nil {
		if hasParent {
			parent["i"] = i
			g.parents = append(g.parents, parent)
		} else {
			g.copies = append(g.copies, i)
		}
		return nil
	}
	l, paging, err := build()
	if err != nil {
		return err
	}
	parent["i"] = i
	g := &group{list: l, paging: paging, parents: []map[string]any{parent}}
	*groups = append(*groups, g)
	byKey[key] = g
	return nil
}

// pages answers every group in one read transaction and returns n pages,
// decoded with decode.
func pages[T any](ctx context.Context, s *Store, what string, n int, groups []*group, decode func(map[string]any) T) ([]*tradegraph.Page[T], error) {
	out := make([]*tradegraph.Page[T], n)
	_, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) (struct{}, error) {
		// Afresh on every try: the driver retries work on transient errors.
		for i := range out {
			out[i] = &tradegraph.Page[T]{Items: []T{}}
		}
		for _, g := range groups {
			if err := answer(ctx, tx, g, out, decode); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: find %s: %w", what, err)
	}
	for _, g := range groups {
		first := out[g.parents[0]["i"].(int)]
		for _, i := range g.copies {
			cp := *first
			cp.Items = slices.Clone(first.Items)
			out[i] = &cp
		}
	}
	return out, nil
}

// answer runs the queries of one group: the page, then, when asked, the
// count and whether items lie beyond the cursor.
func answer[T any](ctx context.Context, tx neo4jdriver.ManagedTransaction, g *group, out []*tradegraph.Page[T], decode func(map[string]any) T) error {
	l := g.list
	size, backward := g.paging.Size()
	desc := g.paging.Desc != backward
	var cursor *tradegraph.Cursor
	if c := g.paging.After; !c.IsZero() {
		cursor = &c
	}
	if c := g.paging.Before; !c.IsZero() {
		cursor = &c
	}
	params := map[string]any{"parents": g.parents, "limit": size + 1}
	for k, v := range l.params {
		params[k] = v
	}
	if cursor != nil {
		params["cursorID"] = cursor.ID
		if l.key.value != nil {
			params["cursorKey"] = l.key.value(*cursor)
		}
	}

	// The parts run one after the other, each for the parents whose page
	// is not full yet. The part of items without a key (a nullable one)
	// can only be read by a scan; it is left out when the page fills
	// first.
	need := g.parents
	for _, part := range l.key.parts(cursor, desc, false) {
		if len(need) == 0 {
			break
		}
		params["parents"] = need
		recs, err := collect(ctx, tx, l.pageQuery(part, desc), params)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			i, x := int(rec.Values[0].(int64)), rec.Values[1].(map[string]any)
			out[i].Items = append(out[i].Items, decode(x))
		}
		need = slices.DeleteFunc(slices.Clone(need), func(p map[string]any) bool { return len(out[p["i"].(int)].Items) > size })
	}
	for _, p := range g.parents {
		out[p["i"].(int)].Cut(size, backward)
	}

	if cursor != nil {
		// The other side of the cursor: the items at it or beyond, walking
		// the other way.
		need := g.parents
		for _, part := range l.key.parts(cursor, !desc, true) {
			if len(need) == 0 {
				break
			}
			params["parents"] = need
			recs, err := collect(ctx, tx, l.existsQuery(part), params)
			if err != nil {
				return err
			}
			found := map[int]bool{}
			for _, rec := range recs {
				if i, n := int(rec.Values[0].(int64)), rec.Values[1].(int64); n > 0 {
					found[i] = true
					if backward {
						out[i].HasNext = true
					} else {
						out[i].HasPrev = true
					}
				}
			}
			need = slices.DeleteFunc(slices.Clone(need), func(p map[string]any) bool { return found[p["i"].(int)] })
		}
	}
	params["parents"] = g.parents
	if g.paging.WithTotal {
		recs, err := collect(ctx, tx, l.countQuery(), params)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			i, n := int(rec.Values[0].(int64)), rec.Values[1].(int64)
			out[i].TotalCount = int(n)
		}
	}
	return nil
}
