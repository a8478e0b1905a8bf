package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/tradegraph/tradegraph"
)

// sortKey is what a list order sorts by before id, the tie-breaker of
// every order: a column of the table known as t (fixed SQL, "" when the
// order is by id alone) and how to read its value from a cursor.
type sortKey struct {
	col string
	of  func(tradegraph.Cursor) any
}

// orderBy returns the ORDER BY terms of k, ascending when up.
func (k sortKey) orderBy(up bool) string {
	dir := " DESC"
	if up {
		dir = ""
	}
	if k.col == "" {
		return "t.id" + dir
	}
	return "t." + k.col + dir + ", t.id" + dir
}

// beyond returns the condition that an item comes after c in the order k,
// running up or down; with orEqual, c's own place matches too.
func (k sortKey) beyond(c tradegraph.Cursor, up, orEqual bool) (string, []any) {
	op := "<"
	if up {
		op = ">"
	}
	if orEqual {
		op += "="
	}
	if k.col == "" {
		return "t.id " + op + " ?", []any{c.ID}
	}
	// A row value comparison is a range of the index (col, id).
	return "(t." + k.col + ", t.id) " + op + " (?, ?)", []any{k.of(c), c.ID}
}

// link is how a list hangs off a parent id: its items are those that
// match any of the conditions link returns, which never match the same
// item twice. pe is the SQL of the parent id: "?", bound to the id once
// for every "?" of a condition, or a column ("p.value"). A condition of
// its own can then follow an index in the list's order.
type link func(pe string) []string

// listQuery is one filtered, ordered list of the table known as t; every
// condition of w refers to it as t. With a link, the list is the items of
// one parent (parent) when read alone, or of each of many in a batch.
type listQuery struct {
	what   string // for error messages: "actors"
	table  string // the table, fixed SQL
	cols   string // what scan reads, of t
	w      where
	key    sortKey
	paging tradegraph.Paging
	link   link
	parent string
}

func (q *listQuery) plan() (n int, backward, up bool, cursor tradegraph.Cursor) {
	n, backward = q.paging.Size()
	cursor = q.paging.After
	if backward {
		cursor = q.paging.Before
	}
	// The query runs in the list's order when paging forwards, against it
	// when paging backwards.
	return n, backward, q.paging.Desc == backward, cursor
}

// bind returns the arguments of a link condition written with pe.
func (q *listQuery) bind(cond, pe string) []any {
	if pe != "?" {
		return nil
	}
	args := make([]any, strings.Count(cond, "?"))
	for i := range args {
		args[i] = q.parent
	}
	return args
}

// keyset is w with the condition that items come past the cursor, if any.
func (q *listQuery) keyset() where {
	_, _, up, cursor := q.plan()
	w := q.w.clone()
	if !cursor.IsZero() {
		cond, args := q.key.beyond(cursor, up, false)
		w.add(cond, args...)
	}
	return w
}

// idsSQL selects the ids of the first n+1 items past the cursor of each of
// the link's conditions, in the direction the query runs: at most n+1 per
// condition, each read along an index when one fits.
func (q *listQuery) idsSQL(pe string) (string, []any) {
	n, _, up, _ := q.plan()
	var (
		parts []string
		args  []any
	)
	for _, cond := range q.link(pe) {
		w := q.keyset()
		w.add(cond, q.bind(cond, pe)...)
		parts = append(parts, `SELECT id FROM (SELECT t.id FROM `+q.table+` AS t`+w.String()+
			` ORDER BY `+q.key.orderBy(up)+` LIMIT ?)`)
		args = append(append(args, w.args...), n+1)
	}
	return strings.Join(parts, " UNION ALL "), args
}

// linked returns w with the condition that items hang off the parent pe.
func (q *listQuery) linked(w where, pe string) where {
	conds := q.link(pe)
	var args []any
	for _, c := range conds {
		args = append(args, q.bind(c, pe)...)
	}
	w.add("("+strings.Join(conds, " OR ")+")", args...)
	return w
}

// itemsSQL is the query of the items of q's page and one more: those past
// the cursor, in the direction the query runs.
func (q *listQuery) itemsSQL() (string, []any) {
	n, _, up, _ := q.plan()
	if q.link == nil {
		w := q.keyset()
		return `SELECT ` + q.cols + ` FROM ` + q.table + ` AS t` + w.String() +
			` ORDER BY ` + q.key.orderBy(up) + ` LIMIT ?`, append(w.args, n+1)
	}
	ids, args := q.idsSQL("?")
	return `SELECT ` + q.cols + ` FROM ` + q.table + ` AS t WHERE t.id IN (` + ids + `)` +
		` ORDER BY ` + q.key.orderBy(up) + ` LIMIT ?`, append(args, n+1)
}

// otherSideSQL asks whether an item lies on the other side of q's cursor,
// which has to be set: the cursor's own item, if it is still there,
// counts.
func (q *listQuery) otherSideSQL() (string, []any) {
	_, _, up, cursor := q.plan()
	w := q.w.clone()
	if q.link != nil {
		w = q.linked(w, "?")
	}
	cond, args := q.key.beyond(cursor, !up, true)
	w.add(cond, args...)
	return `SELECT EXISTS (SELECT 1 FROM ` + q.table + ` AS t` + w.String() + `)`, w.args
}

// countSQL counts the items of q on every page.
func (q *listQuery) countSQL() (string, []any) {
	w := q.w.clone()
	if q.link != nil {
		w = q.linked(w, "?")
	}
	return `SELECT count(*) FROM ` + q.table + ` AS t` + w.String(), w.args
}

// findPage answers q in a read transaction of its own.
func findPage[T any](ctx context.Context, db *sql.DB, q *listQuery, scan func(rowScanner) (T, error)) (*tradegraph.Page[T], error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: find %s: %w", q.what, err)
	}
	defer tx.Rollback() // nothing to keep: the transaction only reads
	return pageTx(ctx, tx, q, scan)
}

// pageTx answers q with one keyset query (n+1 rows, to learn whether more
// follow), then, when a cursor is given, one EXISTS query for the other
// side, and a count only when asked.
func pageTx[T any](ctx context.Context, tx *sql.Tx, q *listQuery, scan func(rowScanner) (T, error)) (*tradegraph.Page[T], error) {
	fail := func(err error) (*tradegraph.Page[T], error) {
		return nil, fmt.Errorf("sqlite: find %s: %w", q.what, err)
	}
	_, _, _, cursor := q.plan()
	query, args := q.itemsSQL()
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fail(err)
	}
	p := &tradegraph.Page[T]{}
	if p.Items, err = scanAll(rows, scan); err != nil {
		return fail(err)
	}
	finish(q, p)
	if !cursor.IsZero() {
		query, args := q.otherSideSQL()
		var exists bool
		if err := tx.QueryRowContext(ctx, query, args...).Scan(&exists); err != nil {
			return fail(err)
		}
		otherSide(q, p, exists)
	}
	if q.paging.WithTotal {
		query, args := q.countSQL()
		if err := tx.QueryRowContext(ctx, query, args...).Scan(&p.TotalCount); err != nil {
			return fail(err)
		}
	}
	return p, nil
}

// finish cuts p, which holds up to n+1 items in the direction the query
// ran, to n in the list's order and says whether more lie that way.
func finish[T any](q *listQuery, p *tradegraph.Page[T]) {
	n, backward, _, _ := q.plan()
	p.Cut(n, backward)
}

// otherSide records whether items lie on the other side of the cursor.
func otherSide[T any](q *listQuery, p *tradegraph.Page[T], exists bool) {
	if _, backward := q.paging.Size(); backward {
		p.HasNext = exists
	} else {
		p.HasPrev = exists
	}
}

// pagesTx answers q, which has a link, for each of the parents, as pageTx
// would for each alone, with at most three queries for all of them: the
// items (for each parent, the ids that pageTx would read, found by a
// subquery that SQLite runs once per parent), then, with a cursor, which
// parents have items on its other side, and the counts when asked.
func pagesTx[T any](ctx context.Context, tx *sql.Tx, q *listQuery, parents []string, scan func(rowScanner) (T, error)) (map[string]*tradegraph.Page[T], error) {
	fail := func(err error) (map[string]*tradegraph.Page[T], error) {
		return nil, fmt.Errorf("sqlite: find %s: %w", q.what, err)
	}
	_, _, up, cursor := q.plan()
	list := jsonList(parents)
	pages := map[string]*tradegraph.Page[T]{}
	for _, id := range parents {
		pages[id] = &tradegraph.Page[T]{}
	}

	ids, args := q.idsSQL("p.value")
	rows, err := tx.QueryContext(ctx, `SELECT p.value, `+q.cols+` FROM json_each(?) AS p JOIN `+q.table+` AS t
		ON t.id IN (`+ids+`) ORDER BY p.value, `+q.key.orderBy(up), append([]any{list}, args...)...)
	if err != nil {
		return fail(err)
	}
	err = func() error {
		defer rows.Close()
		var parent string
		for rows.Next() {
			// The parent comes first; scan reads the rest.
			item, err := scan(&prefixed{rows, &parent})
			if err != nil {
				return err
			}
			p := pages[parent]
			p.Items = append(p.Items, item)
		}
		return rows.Err()
	}()
	if err != nil {
		return fail(err)
	}
	for _, p := range pages {
		finish(q, p)
	}

	if !cursor.IsZero() {
		w := q.linked(q.w.clone(), "p.value")
		cond, args := q.key.beyond(cursor, !up, true)
		w.add(cond, args...)
		found, err := column(ctx, tx, `SELECT p.value FROM json_each(?) AS p
			WHERE EXISTS (SELECT 1 FROM `+q.table+` AS t`+w.String()+`)`, append([]any{list}, w.args...)...)
		if err != nil {
			return fail(err)
		}
		for _, id := range found {
			otherSide(q, pages[id], true)
		}
	}
	if q.paging.WithTotal {
		w := q.linked(q.w.clone(), "p.value")
		rows, err := tx.QueryContext(ctx, `SELECT p.value, (SELECT count(*) FROM `+q.table+` AS t`+w.String()+`)
			FROM json_each(?) AS p`, append(w.args, list)...)
		if err != nil {
			return fail(err)
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id string
				n  int
			)
			if err := rows.Scan(&id, &n); err != nil {
				return fail(err)
			}
			pages[id].TotalCount = n
		}
		if err := rows.Err(); err != nil {
			return fail(err)
		}
	}
	return pages, nil
}

// rowScanner is a row or rows, as the scan functions read them.
type rowScanner interface{ Scan(dest ...any) error }

// prefixed scans a row whose first column is read into first, and the
// rest by the caller's Scan.
type prefixed struct {
	rows  *sql.Rows
	first *string
}

func (r *prefixed) Scan(dest ...any) error { return r.rows.Scan(append([]any{r.first}, dest...)...) }

func scanAll[T any](rows *sql.Rows, scan func(rowScanner) (T, error)) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		item, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, item)
	}
	return out, rows.Err()
}

// column returns the first column of every row of a query.
func column(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r rowScanner) (string, error) {
		var s string
		err := r.Scan(&s)
		return s, err
	})
}

func (w *where) clone() where {
	return where{conds: slices.Clone(w.conds), args: slices.Clone(w.args)}
}

// batch is one group of filters that differ only in their parent id.
type batch struct {
	parents []string // distinct, in first-seen order
	index   []int    // the filters of the group, by position
}

// groupByParent groups the filters at positions 0..n-1 by the key of
// each, which returns the filter's parent id and the key of everything
// else it asks for; ok is false for a filter that cannot be batched, which
// forms a group of its own without parents.
func groupByParent(n int, key func(i int) (parent, rest string, ok bool)) []batch {
	var out []batch
	byKey := map[string]int{}
	seen := map[string]bool{} // group and parent
	for i := range n {
		parent, rest, ok := key(i)
		if !ok {
			out = append(out, batch{index: []int{i}})
			continue
		}
		j, found := byKey[rest]
		if !found {
			j = len(out)
			byKey[rest] = j
			out = append(out, batch{})
		}
		b := &out[j]
		b.index = append(b.index, i)
		if k := rest + "\x00" + parent; !seen[k] {
			seen[k] = true
			b.parents = append(b.parents, parent)
		}
	}
	return out
}

// copyPage gives a filter its own Page value for a page several filters
// share.
func copyPage[T any](p *tradegraph.Page[T]) *tradegraph.Page[T] {
	cp := *p
	cp.Items = slices.Clone(p.Items)
	return &cp
}
