package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/tradegraph/tradegraph"
)

// where collects the conditions and arguments of a filtered query. Only
// fixed SQL fragments go into conds; every value is an argument.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// jsonList encodes a list as one JSON argument that json_each unpacks, so
// that a list of any length is a single bound parameter.
func jsonList[T ~string](xs []T) string {
	b, _ := json.Marshal(xs) // strings always encode
	return string(b)
}

func pageSize(first int) int {
	switch {
	case first == 0:
		return tradegraph.DefaultPageSize
	case first < 1:
		return 1
	case first > tradegraph.MaxPageSize:
		return tradegraph.MaxPageSize
	}
	return first
}

// actorColumns lists what scanActor reads from the actors table known in
// the query as table.
func actorColumns(table string) string {
	return table + `.id, ` + table + `.kind, ` + table + `.name, ` + table + `.country, ` + table + `.degree, (SELECT json_group_array(alias) FROM actor_aliases WHERE actor_id = ` + table + `.id)`
}

var actorCols = actorColumns("actors")

func scanActor(rows rowScanner) (*tradegraph.Actor, error) {
	var (
		a       tradegraph.Actor
		kind    string
		aliases string
	)
	if err := rows.Scan(&a.ID, &kind, &a.Name, &a.Country, &a.Degree, &aliases); err != nil {
		return nil, err
	}
	a.Kind = tradegraph.ActorKind(kind)
	if err := json.Unmarshal([]byte(aliases), &a.Aliases); err != nil {
		return nil, fmt.Errorf("decode aliases of %q: %w", a.ID, err)
	}
	if len(a.Aliases) == 0 {
		a.Aliases = nil
	}
	// json_group_array keeps the subquery's order in practice, but SQLite
	// does not promise it.
	slices.Sort(a.Aliases)
	return &a, nil
}

// FindActorByID returns the actor with the given id, or an ENOTFOUND error.
func (s *Store) FindActorByID(ctx context.Context, id string) (*tradegraph.Actor, error) {
	a, err := scanActor(s.read.QueryRowContext(ctx, `SELECT `+actorCols+` FROM actors WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "actor %q not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find actor %q: %w", id, err)
	}
	return a, nil
}

func checkKinds(kinds []tradegraph.ActorKind) error {
	for _, k := range kinds {
		if !k.Valid() {
			return tradegraph.Errorf(tradegraph.EINVALID, "unknown actor kind %q", k)
		}
	}
	return nil
}

func checkTypes(types []tradegraph.RelationType) error {
	for _, t := range types {
		if !t.Valid() {
			return tradegraph.Errorf(tradegraph.EINVALID, "unknown relation type %q", t)
		}
	}
	return nil
}

// FindActors returns one page of the actors that match f, in f's order.
// An unknown kind or order, or invalid paging, gives an EINVALID error.
func (s *Store) FindActors(ctx context.Context, f tradegraph.ActorFilter) (*tradegraph.Page[*tradegraph.Actor], error) {
	q, err := actorQuery(f)
	if err != nil {
		return nil, err
	}
	return findPage(ctx, s.read, q, scanActor)
}

// actorQuery checks f and turns it into a list query.
func actorQuery(f tradegraph.ActorFilter) (*listQuery, error) {
	return withParent(f, actorList, actorParent)
}

// actorList checks f and turns it into a list query without a parent.
func actorList(f tradegraph.ActorFilter) (*listQuery, error) {
	if !f.Order.Valid() {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "unknown actor order %q", f.Order)
	}
	if err := f.Paging.Validate(); err != nil {
		return nil, err
	}
	if err := checkKinds(f.Kinds); err != nil {
		return nil, err
	}
	q := &listQuery{what: "actors", table: "actors", cols: actorColumns("t"), paging: f.Paging}
	switch f.Order {
	case tradegraph.ActorsByName:
		q.key = sortKey{"name", func(c tradegraph.Cursor) any { return c.Name }}
	case tradegraph.ActorsByDegree:
		q.key = sortKey{"degree", func(c tradegraph.Cursor) any { return c.Degree }}
	}
	w := &q.w
	if f.IDs != nil {
		w.add(`t.id IN (SELECT value FROM json_each(?))`, jsonList(f.IDs))
	}
	if len(f.Kinds) > 0 {
		w.add(`t.kind IN (SELECT value FROM json_each(?))`, jsonList(f.Kinds))
	}
	if f.Country != "" {
		w.add(`t.country = ?`, f.Country)
	}
	if f.Article != "" {
		w.add(`t.id IN (SELECT actor_id FROM article_actors WHERE article_id = ?)`, f.Article)
	}
	return q, nil
}

// SearchActors ranks the actors whose name or an alias contains every word
// of text as a word prefix. Exact matches of the whole name come first,
// then exact alias matches, then the rest by BM25 (name weighed above
// aliases), ties by id. Text is never read as FTS5 query syntax: it is cut
// into words and each word is quoted. Text without words matches nothing.
// A limit of 0 means tradegraph.DefaultPageSize; limits are clamped to
// 1..tradegraph.MaxPageSize. An unknown kind gives an EINVALID error.
func (s *Store) SearchActors(ctx context.Context, text string, kinds []tradegraph.ActorKind, limit int) ([]*tradegraph.Actor, error) {
	if err := checkKinds(kinds); err != nil {
		return nil, err
	}
	match := ftsQuery(text)
	if match == "" {
		return []*tradegraph.Actor{}, nil
	}
	text = strings.TrimSpace(text)
	kindFilter := ""
	args := []any{text, text, match}
	if len(kinds) > 0 {
		kindFilter = ` AND a.kind IN (SELECT value FROM json_each(?))`
		args = append(args, jsonList(kinds))
	}
	args = append(args, pageSize(limit))
	rows, err := s.read.QueryContext(ctx, `
		SELECT `+actorColumns("a")+`
		FROM (
			SELECT a.*,
				a.name = ?1 COLLATE NOCASE AS exact_name,
				EXISTS (SELECT 1 FROM actor_aliases x WHERE x.actor_id = a.id AND x.alias = ?2 COLLATE NOCASE) AS exact_alias,
				bm25(actor_search, 10.0, 1.0) AS score
			FROM actor_search JOIN actors a ON a.seq = actor_search.rowid
			WHERE actor_search MATCH ?3`+kindFilter+`
		) AS a
		ORDER BY exact_name DESC, exact_alias DESC, score, id
		LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search actors: %w", err)
	}
	defer rows.Close()
	out := []*tradegraph.Actor{}
	for rows.Next() {
		a, err := scanActor(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: search actors: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search actors: %w", err)
	}
	return out, nil
}

// ftsQuery turns user text into an FTS5 query that matches each word as a
// prefix. Words are runs of letters, digits and marks, which is how the
// unicode61 tokenizer cuts text too; everything else, FTS5 operators
// included, only separates words.
func ftsQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
	for i, w := range words {
		words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"*`
	}
	return strings.Join(words, " ")
}

// relationColumns lists what scanRelation reads from the relations table
// known in the query as table.
func relationColumns(table string) string {
	cols := strings.Split(relationCols, ", ")
	for i, c := range cols {
		cols[i] = table + "." + c
	}
	return strings.Join(cols, ", ")
}

const relationCols = `id, type, from_id, to_id, article_id, evidence, span_start, span_end, about, concerning, hedged, confidence, reported_by, date, cameo, rule`

func scanRelation(rows rowScanner) (*tradegraph.Relation, error) {
	var (
		r          tradegraph.Relation
		typ        string
		concerning string
	)
	if err := rows.Scan(&r.ID, &typ, &r.From, &r.To, &r.Article, &r.Evidence, &r.Span[0], &r.Span[1],
		&r.About, &concerning, &r.Hedged, &r.Confidence, &r.ReportedBy, &r.Date, &r.Cameo, &r.Rule); err != nil {
		return nil, err
	}
	r.Type = tradegraph.RelationType(typ)
	if err := json.Unmarshal([]byte(concerning), &r.Concerning); err != nil {
		return nil, fmt.Errorf("decode concerning of %s: %w", r.ID, err)
	}
	if len(r.Concerning) == 0 {
		r.Concerning = nil
	}
	return &r, nil
}

// FindRelations returns one page of the relations that match f, in f's
// order. An unknown type or order, a malformed date, a minimum confidence
// outside 0..1 or invalid paging gives an EINVALID error.
func (s *Store) FindRelations(ctx context.Context, f tradegraph.RelationFilter) (*tradegraph.Page[*tradegraph.Relation], error) {
	q, err := relationQuery(f)
	if err != nil {
		return nil, err
	}
	return findPage(ctx, s.read, q, scanRelation)
}

// relationQuery checks f and turns it into a list query.
func relationQuery(f tradegraph.RelationFilter) (*listQuery, error) {
	return withParent(f, relationList, relationParent)
}

// relationList checks f and turns it into a list query without a parent.
func relationList(f tradegraph.RelationFilter) (*listQuery, error) {
	if !f.Order.Valid() {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "unknown relation order %q", f.Order)
	}
	if err := f.Paging.Validate(); err != nil {
		return nil, err
	}
	w, err := relationWhere(f)
	if err != nil {
		return nil, err
	}
	q := &listQuery{what: "relations", table: "relations", cols: relationColumns("t"), w: w, paging: f.Paging}
	switch f.Order {
	case tradegraph.RelationsByDate:
		q.key = sortKey{"date", func(c tradegraph.Cursor) any { return c.Date }}
	case tradegraph.RelationsByConfidence:
		q.key = sortKey{"confidence", func(c tradegraph.Cursor) any { return c.Confidence }}
	}
	return q, nil
}

// relationWhere checks the conditions of f, not its order or paging, and
// turns them into SQL on the relations table known as t.
func relationWhere(f tradegraph.RelationFilter) (where, error) {
	var w where
	if err := checkTypes(f.Types); err != nil {
		return w, err
	}
	if err := checkDates(f.Since, f.Until); err != nil {
		return w, err
	}
	if !(f.MinConfidence >= 0 && f.MinConfidence <= 1) { // NaN too
		return w, tradegraph.Errorf(tradegraph.EINVALID, "minimum confidence %v is outside 0..1", f.MinConfidence)
	}
	if len(f.Types) > 0 {
		w.add(`t.type IN (SELECT value FROM json_each(?))`, jsonList(f.Types))
	}
	if f.From != "" {
		w.add(`t.from_id = ?`, f.From)
	}
	if f.To != "" {
		w.add(`t.to_id = ?`, f.To)
	}
	if f.Actor != "" {
		w.add(`(t.from_id = ? OR t.to_id = ?)`, f.Actor, f.Actor)
	}
	if f.Article != "" {
		w.add(`t.article_id = ?`, f.Article)
	}
	if f.Hedged != nil {
		w.add(`t.hedged = ?`, *f.Hedged)
	}
	if f.Since != "" {
		w.add(`t.date >= ?`, f.Since)
	}
	if f.Until != "" {
		w.add(`t.date <> '' AND t.date <= ?`, f.Until)
	}
	if f.Outlet != "" {
		w.add(`t.article_id IN (SELECT id FROM articles WHERE outlet = ?)`, f.Outlet)
	}
	if f.MinConfidence != 0 {
		w.add(`t.confidence >= ?`, f.MinConfidence)
	}
	if f.Country != "" {
		w.add(`(t.from_id IN (SELECT id FROM actors WHERE country = ?) OR t.to_id IN (SELECT id FROM actors WHERE country = ?))`, f.Country, f.Country)
	}
	return w, nil
}

func checkDates(dates ...string) error {
	for _, d := range dates {
		if d != "" && !validDate(d) {
			return tradegraph.Errorf(tradegraph.EINVALID, "date %q is not of the form YYYY-MM-DD", d)
		}
	}
	return nil
}

const articleCols = `id, title, url, outlet, published, text, source`

// articleColumns lists what scanArticle reads from the articles table known
// in the query as table.
func articleColumns(table string) string {
	cols := strings.Split(articleCols, ", ")
	for i, c := range cols {
		cols[i] = table + "." + c
	}
	return strings.Join(cols, ", ")
}

func scanArticle(rows rowScanner) (*tradegraph.Article, error) {
	var a tradegraph.Article
	if err := rows.Scan(&a.ID, &a.Title, &a.URL, &a.Outlet, &a.Published, &a.Text, &a.Source); err != nil {
		return nil, err
	}
	return &a, nil
}

// FindArticleByID returns the article with the given id, or an ENOTFOUND
// error.
func (s *Store) FindArticleByID(ctx context.Context, id string) (*tradegraph.Article, error) {
	a, err := scanArticle(s.read.QueryRowContext(ctx, `SELECT `+articleCols+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "article %q not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find article %q: %w", id, err)
	}
	return a, nil
}

// FindArticles returns one page of the articles that match f, in f's
// order. An unknown order, a malformed date or invalid paging gives an
// EINVALID error.
func (s *Store) FindArticles(ctx context.Context, f tradegraph.ArticleFilter) (*tradegraph.Page[*tradegraph.Article], error) {
	q, err := articleQuery(f)
	if err != nil {
		return nil, err
	}
	return findPage(ctx, s.read, q, scanArticle)
}

// articleQuery checks f and turns it into a list query.
func articleQuery(f tradegraph.ArticleFilter) (*listQuery, error) {
	return withParent(f, articleList, articleParent)
}

// articleList checks f and turns it into a list query without a parent.
func articleList(f tradegraph.ArticleFilter) (*listQuery, error) {
	if !f.Order.Valid() {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "unknown article order %q", f.Order)
	}
	if err := f.Paging.Validate(); err != nil {
		return nil, err
	}
	if err := checkDates(f.Since, f.Until); err != nil {
		return nil, err
	}
	q := &listQuery{what: "articles", table: "articles", cols: articleColumns("t"), paging: f.Paging}
	if f.Order == tradegraph.ArticlesByPublished {
		q.key = sortKey{"published", func(c tradegraph.Cursor) any { return c.Date }}
	}
	w := &q.w
	if f.IDs != nil {
		w.add(`t.id IN (SELECT value FROM json_each(?))`, jsonList(f.IDs))
	}
	if f.Actor != "" {
		w.add(`t.id IN (SELECT article_id FROM article_actors WHERE actor_id = ?)`, f.Actor)
	}
	if f.Outlet != "" {
		w.add(`t.outlet = ?`, f.Outlet)
	}
	if f.Since != "" {
		w.add(`t.published >= ?`, f.Since)
	}
	if f.Until != "" {
		w.add(`t.published <> '' AND t.published <= ?`, f.Until)
	}
	return q, nil
}

// Stats counts articles, actors and relations, by kind and by type in the
// order of tradegraph.ActorKinds and tradegraph.RelationTypes, and articles
// by outlet and by month of publication, sorted by key.
func (s *Store) Stats(ctx context.Context) (*tradegraph.Stats, error) {
	st := &tradegraph.Stats{}
	if err := s.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT count(*) FROM actors), (SELECT count(*) FROM relations)`).
		Scan(&st.Articles, &st.Actors, &st.Relations); err != nil {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	byKind, err := s.countBy(ctx, `SELECT kind, count(*) FROM actors GROUP BY kind`)
	if err != nil {
		return nil, err
	}
	for _, k := range tradegraph.ActorKinds {
		st.ByKind = append(st.ByKind, tradegraph.Count{Key: string(k), Count: byKind[string(k)]})
	}
	byType, err := s.countBy(ctx, `SELECT type, count(*) FROM relations GROUP BY type`)
	if err != nil {
		return nil, err
	}
	for _, t := range tradegraph.RelationTypes {
		st.ByType = append(st.ByType, tradegraph.Count{Key: string(t), Count: byType[string(t)]})
	}
	if st.ByOutlet, err = s.counts(ctx, `SELECT outlet, count(*) FROM articles GROUP BY outlet ORDER BY outlet`); err != nil {
		return nil, err
	}
	if st.ByMonth, err = s.counts(ctx, `SELECT substr(published, 1, 7) AS month, count(*) FROM articles GROUP BY month ORDER BY month`); err != nil {
		return nil, err
	}
	return st, nil
}

// counts runs a query of keys and counts, in the order it gives them.
func (s *Store) counts(ctx context.Context, query string) ([]tradegraph.Count, error) {
	rows, err := s.read.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	out, err := scanAll(rows, func(r rowScanner) (tradegraph.Count, error) {
		var c tradegraph.Count
		err := r.Scan(&c.Key, &c.Count)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	return out, nil
}

func (s *Store) countBy(ctx context.Context, query string) (map[string]int, error) {
	rows, err := s.read.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var (
			key string
			n   int
		)
		if err := rows.Scan(&key, &n); err != nil {
			return nil, fmt.Errorf("sqlite: stats: %w", err)
		}
		counts[key] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	return counts, nil
}
