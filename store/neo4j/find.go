package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/tradegraph/tradegraph"
)

// Map projections that the decoders below read. Absent properties come
// back as nulls, which decode as zero values.
const (
	actorMap    = `a {.id, .kind, .name, .aliases, .country}`
	articleMap  = `ar {.id, .title, .url, .outlet, .published, .text, .source}`
	relationMap = `r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}`
)

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func integer(m map[string]any, key string) int {
	n, _ := m[key].(int64)
	return int(n)
}

func dateString(m map[string]any, key string) string {
	if d, ok := m[key].(neo4jdriver.Date); ok {
		return d.Time().Format(time.DateOnly)
	}
	return ""
}

func stringSlice(m map[string]any, key string) []string {
	list, _ := m[key].([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// record returns the map in the first column of rec.
func record(rec *neo4jdriver.Record) map[string]any {
	m, _ := rec.Values[0].(map[string]any)
	return m
}

func decodeActor(m map[string]any) *tradegraph.Actor {
	a := &tradegraph.Actor{
		ID:      str(m, "id"),
		Kind:    tradegraph.ActorKind(str(m, "kind")),
		Name:    str(m, "name"),
		Aliases: stringSlice(m, "aliases"),
		Country: str(m, "country"),
	}
	// Stored in the order they were seen; the contract wants them sorted.
	slices.Sort(a.Aliases)
	return a
}

func decodeArticle(m map[string]any) *tradegraph.Article {
	return &tradegraph.Article{
		ID:        str(m, "id"),
		Title:     str(m, "title"),
		URL:       str(m, "url"),
		Outlet:    str(m, "outlet"),
		Published: dateString(m, "published"),
		Text:      str(m, "text"),
		Source:    str(m, "source"),
	}
}

func decodeRelation(m map[string]any) *tradegraph.Relation {
	confidence, _ := m["confidence"].(float64)
	hedged, _ := m["hedged"].(bool)
	return &tradegraph.Relation{
		ID:         str(m, "id"),
		Type:       tradegraph.RelationType(str(m, "type")),
		From:       str(m, "from"),
		To:         str(m, "to"),
		Article:    str(m, "article"),
		Evidence:   str(m, "evidence"),
		Span:       [2]int{integer(m, "spanStart"), integer(m, "spanEnd")},
		About:      str(m, "about"),
		Concerning: stringSlice(m, "concerning"),
		Hedged:     hedged,
		Confidence: confidence,
		ReportedBy: str(m, "reportedBy"),
		Date:       dateString(m, "date"),
		Cameo:      str(m, "cameo"),
		Rule:       str(m, "rule"),
	}
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

// where collects the conditions of a filtered query. Only fixed Cypher
// fragments go into conds; every value is a parameter.
type where struct {
	conds  []string
	params map[string]any
}

func newWhere() *where { return &where{params: map[string]any{}} }

func (w *where) add(cond string, name string, value any) {
	w.conds = append(w.conds, cond)
	if name != "" {
		w.params[name] = value
	}
}

// String returns the WHERE clause, with extra conditions appended.
func (w *where) String(extra ...string) string {
	conds := append(slices.Clip(w.conds), extra...)
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// page runs the count and the keyset query of one filtered list in one
// read transaction. count returns one integer; list returns one map per
// item, at most $limit of them, after $after when that is set. Neo4j reads
// committed data, so a save that commits between the two queries can make
// them disagree by its own items.
func page[T any](ctx context.Context, s *Store, what, count, list string, params map[string]any, after string, first int, decode func(map[string]any) T) (*tradegraph.Page[T], error) {
	n := pageSize(first)
	params["after"] = after
	params["limit"] = n + 1
	p, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) (*tradegraph.Page[T], error) {
		p := &tradegraph.Page[T]{Items: []T{}}
		recs, err := collect(ctx, tx, count, params)
		if err != nil {
			return nil, err
		}
		if len(recs) == 1 {
			total, _ := recs[0].Values[0].(int64)
			p.TotalCount = int(total)
		}
		recs, err = collect(ctx, tx, list, params)
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			p.Items = append(p.Items, decode(record(rec)))
		}
		return p, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: find %s: %w", what, err)
	}
	if len(p.Items) > n {
		p.Items, p.HasNext = p.Items[:n], true
	}
	return p, nil
}

// FindActorByID returns the actor with the given id, or an ENOTFOUND error.
func (s *Store) FindActorByID(ctx context.Context, id string) (*tradegraph.Actor, error) {
	a, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) (*tradegraph.Actor, error) {
		return findActor(ctx, tx, id)
	})
	if err != nil {
		if tradegraph.ErrorCode(err) == tradegraph.ENOTFOUND {
			return nil, err
		}
		return nil, fmt.Errorf("neo4j: find actor %q: %w", id, err)
	}
	return a, nil
}

func findActor(ctx context.Context, tx neo4jdriver.ManagedTransaction, id string) (*tradegraph.Actor, error) {
	recs, err := collect(ctx, tx, `MATCH (a:Actor {id: $id}) RETURN `+actorMap, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "actor %q not found", id)
	}
	return decodeActor(record(recs[0])), nil
}

// actorsByID loads the actors with the given ids, however many.
func actorsByID(ctx context.Context, tx neo4jdriver.ManagedTransaction, ids []string) (map[string]*tradegraph.Actor, error) {
	recs, err := collect(ctx, tx, `MATCH (a:Actor) WHERE a.id IN $ids RETURN `+actorMap, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	byID := map[string]*tradegraph.Actor{}
	for _, rec := range recs {
		a := decodeActor(record(rec))
		byID[a.ID] = a
	}
	return byID, nil
}

func checkKinds(kinds []tradegraph.ActorKind) error {
	for _, k := range kinds {
		if !k.Valid() {
			return tradegraph.Errorf(tradegraph.EINVALID, "unknown actor kind %q", k)
		}
	}
	return nil
}

// checkTypes returns the relation types a filter selects, in the order of
// tradegraph.RelationTypes and each once: all of them when types is
// empty. An unknown type gives an EINVALID error. Only what it returns is
// ever put into Cypher text.
func checkTypes(types []tradegraph.RelationType) ([]tradegraph.RelationType, error) {
	for _, t := range types {
		if !t.Valid() {
			return nil, tradegraph.Errorf(tradegraph.EINVALID, "unknown relation type %q", t)
		}
	}
	if len(types) == 0 {
		return tradegraph.RelationTypes, nil
	}
	var out []tradegraph.RelationType
	for _, t := range tradegraph.RelationTypes {
		if slices.Contains(types, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// typeList is a relationship type expression of checked types: A|B|C.
func typeList(types []tradegraph.RelationType) string {
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = string(t)
	}
	return strings.Join(parts, "|")
}

func stringList[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// FindActors returns one page of the actors that match f, ordered by id.
// An unknown kind gives an EINVALID error.
func (s *Store) FindActors(ctx context.Context, f tradegraph.ActorFilter) (*tradegraph.Page[*tradegraph.Actor], error) {
	if err := checkKinds(f.Kinds); err != nil {
		return nil, err
	}
	w := newWhere()
	match := `MATCH (a:Actor)`
	if f.Article != "" {
		match = `MATCH (:Article {id: $article})-[:MENTIONS]->(a:Actor)`
		w.params["article"] = f.Article
	}
	if f.IDs != nil {
		w.add(`a.id IN $ids`, "ids", f.IDs)
	}
	if len(f.Kinds) > 0 {
		w.add(`a.kind IN $kinds`, "kinds", stringList(f.Kinds))
	}
	if f.Country != "" {
		w.add(`a.country = $country`, "country", f.Country)
	}
	return page(ctx, s, "actors",
		match+w.String()+` RETURN count(a)`,
		match+w.String(`a.id > $after`)+` RETURN `+actorMap+` ORDER BY a.id LIMIT $limit`,
		w.params, f.After.ID, f.First, decodeActor)
}

// SearchActors ranks the actors whose name or an alias contains every word
// of text as a word prefix, through the full-text index. Exact matches of
// the whole name come first (ignoring case), then exact alias matches,
// then the rest by Lucene's score, ties by id. Text is never read as
// Lucene query syntax: it is cut into words and each word is escaped.
// Text without words matches nothing. A limit of 0 means
// tradegraph.DefaultPageSize; limits are clamped to
// 1..tradegraph.MaxPageSize. An unknown kind gives an EINVALID error.
func (s *Store) SearchActors(ctx context.Context, text string, kinds []tradegraph.ActorKind, limit int) ([]*tradegraph.Actor, error) {
	if err := checkKinds(kinds); err != nil {
		return nil, err
	}
	query := luceneQuery(text)
	if query == "" {
		return []*tradegraph.Actor{}, nil
	}
	params := map[string]any{"query": query, "text": strings.TrimSpace(text), "limit": pageSize(limit)}
	kindFilter := ""
	if len(kinds) > 0 {
		kindFilter = ` AND a.kind IN $kinds`
		params["kinds"] = stringList(kinds)
	}
	out, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) ([]*tradegraph.Actor, error) {
		recs, err := collect(ctx, tx, `
			CALL db.index.fulltext.queryNodes('`+searchIndex+`', $query) YIELD node AS a, score
			WHERE a:Actor`+kindFilter+`
			WITH a, score, toLower($text) AS text
			RETURN `+actorMap+`
			ORDER BY toLower(a.name) = text DESC,
				any(n IN coalesce(a.aliases, []) WHERE toLower(n) = text) DESC,
				score DESC, a.id
			LIMIT $limit`, params)
		if err != nil {
			return nil, err
		}
		out := []*tradegraph.Actor{}
		for _, rec := range recs {
			out = append(out, decodeActor(record(rec)))
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: search actors: %w", err)
	}
	return out, nil
}

// luceneQuery turns user text into a Lucene query that requires every
// word, each as a prefix. Words are cut as the index's standard analyzer
// cuts them: runs of letters, digits and marks, where an apostrophe or a
// full stop between two of them stays inside ("O'Neil", "U.S"). Everything
// else, Lucene operators included, only separates words; the words are
// lower-cased, as the analyzer lower-cases what it indexes, and escaped.
func luceneQuery(text string) string {
	var terms []string
	for _, w := range searchWords(text) {
		terms = append(terms, "+"+escapeLucene(strings.ToLower(w))+"*")
	}
	return strings.Join(terms, " ")
}

func searchWords(text string) []string {
	inWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
	joiner := func(r rune) bool { return r == '\'' || r == '’' || r == '.' }
	rs := []rune(text)
	var (
		words []string
		cur   []rune
	)
	for i, r := range rs {
		switch {
		case inWord(r):
			cur = append(cur, r)
		case joiner(r) && len(cur) > 0 && i+1 < len(rs) && inWord(rs[i+1]):
			cur = append(cur, r)
		default:
			if len(cur) > 0 {
				words = append(words, string(cur))
				cur = nil
			}
		}
	}
	if len(cur) > 0 {
		words = append(words, string(cur))
	}
	return words
}

// escapeLucene puts a backslash before every character that Lucene's
// query parser reads as syntax. searchWords leaves none of them in a word
// today; escaping keeps a change there from turning words into operators.
func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\+-!():^[]"{}~*?|&/`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FindRelations returns one page of the relations that match f, ordered by
// id. An unknown type or a malformed date gives an EINVALID error.
//
// A filter on an actor starts from that actor's node. Without one, the
// query is a union of one branch per relation type, each of which walks
// its type's index on id in order (or uses the one on article or date), so
// that a page of a large graph reads about a page of relationships. Each
// shape of filter is a query text of its own, which Neo4j plans once and
// then keeps in its query cache.
func (s *Store) FindRelations(ctx context.Context, f tradegraph.RelationFilter) (*tradegraph.Page[*tradegraph.Relation], error) {
	types, err := checkTypes(f.Types)
	if err != nil {
		return nil, err
	}
	for _, d := range []string{f.Since, f.Until} {
		if d != "" && !validDate(d) {
			return nil, tradegraph.Errorf(tradegraph.EINVALID, "date %q is not of the form YYYY-MM-DD", d)
		}
	}
	w := newWhere()
	if f.Article != "" {
		w.add(`r.article = $article`, "article", f.Article)
	}
	if f.Hedged != nil {
		w.add(`r.hedged = $hedged`, "hedged", *f.Hedged)
	}
	if f.Since != "" {
		w.add(`r.date >= $since`, "since", date(f.Since))
	}
	if f.Until != "" {
		w.add(`r.date <= $until`, "until", date(f.Until))
	}
	// Each pattern is one branch of the union; extra conditions go with it.
	type branch struct {
		match string
		conds []string
	}
	var branches []branch
	switch all := typeList(types); {
	case f.From != "" || f.To != "":
		var b branch
		if f.From != "" {
			b.match = `MATCH (f:Actor {id: $from})-[r:` + all + `]->(t:Actor)`
			w.params["from"] = f.From
			if f.To != "" {
				b.conds = append(b.conds, `t.id = $to`)
			}
		} else {
			b.match = `MATCH (f:Actor)-[r:` + all + `]->(t:Actor {id: $to})`
		}
		if f.To != "" {
			w.params["to"] = f.To
		}
		if f.Actor != "" {
			b.conds = append(b.conds, `(f.id = $actor OR t.id = $actor)`)
			w.params["actor"] = f.Actor
		}
		branches = []branch{b}
	case f.Actor != "":
		w.params["actor"] = f.Actor
		branches = []branch{
			{match: `MATCH (f:Actor {id: $actor})-[r:` + all + `]->(t:Actor)`},
			// A relation of the actor with itself is in the first branch.
			{match: `MATCH (f:Actor)-[r:` + all + `]->(t:Actor {id: $actor})`, conds: []string{`f.id <> $actor`}},
		}
	default:
		for _, t := range types {
			branches = append(branches, branch{match: `MATCH (f:Actor)-[r:` + string(t) + `]->(t:Actor)`})
		}
	}
	union := func(after bool, ret string) string {
		parts := make([]string, len(branches))
		for i, b := range branches {
			conds := b.conds
			if after {
				conds = append(slices.Clip(conds), `r.id > $after`)
			}
			parts[i] = b.match + w.String(conds...) + ` ` + ret
		}
		return strings.Join(parts, "\nUNION ALL\n")
	}
	count := `CALL { ` + union(false, `RETURN count(r) AS n`) + ` } RETURN sum(n)`
	list := `CALL { ` + union(true, `RETURN r.id AS id, `+relationMap+` AS x ORDER BY r.id LIMIT $limit`) + ` }
		RETURN x ORDER BY id LIMIT $limit`
	return page(ctx, s, "relations", count, list, w.params, f.After.ID, f.First, decodeRelation)
}

// FindArticleByID returns the article with the given id, or an ENOTFOUND
// error.
func (s *Store) FindArticleByID(ctx context.Context, id string) (*tradegraph.Article, error) {
	a, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) (*tradegraph.Article, error) {
		recs, err := collect(ctx, tx, `MATCH (ar:Article {id: $id}) RETURN `+articleMap, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "article %q not found", id)
		}
		return decodeArticle(record(recs[0])), nil
	})
	if err != nil {
		if tradegraph.ErrorCode(err) == tradegraph.ENOTFOUND {
			return nil, err
		}
		return nil, fmt.Errorf("neo4j: find article %q: %w", id, err)
	}
	return a, nil
}

// FindArticles returns one page of the articles that match f, ordered by
// id.
func (s *Store) FindArticles(ctx context.Context, f tradegraph.ArticleFilter) (*tradegraph.Page[*tradegraph.Article], error) {
	w := newWhere()
	match := `MATCH (ar:Article)`
	if f.Actor != "" {
		match = `MATCH (ar:Article)-[:MENTIONS]->(:Actor {id: $actor})`
		w.params["actor"] = f.Actor
	}
	if f.IDs != nil {
		w.add(`ar.id IN $ids`, "ids", f.IDs)
	}
	return page(ctx, s, "articles",
		match+w.String()+` RETURN count(ar)`,
		match+w.String(`ar.id > $after`)+` RETURN `+articleMap+` ORDER BY ar.id LIMIT $limit`,
		w.params, f.After.ID, f.First, decodeArticle)
}

// statsQuery counts nodes by label and relationships by type, which Neo4j
// answers from its counts store without reading the graph. Actors are
// counted by their kind label.
var statsQuery = func() string {
	parts := []string{
		`MATCH (n:Article) RETURN 'articles' AS key, count(n) AS n`,
		`MATCH (n:Actor) RETURN 'actors' AS key, count(n) AS n`,
	}
	for _, k := range tradegraph.ActorKinds {
		parts = append(parts, fmt.Sprintf(`MATCH (n:%s) RETURN 'kind:%[1]s' AS key, count(n) AS n`, k))
	}
	for _, t := range tradegraph.RelationTypes {
		parts = append(parts, fmt.Sprintf(`MATCH ()-[r:%s]->() RETURN 'type:%[1]s' AS key, count(r) AS n`, t))
	}
	return strings.Join(parts, "\nUNION ALL\n")
}()

// Stats counts articles, actors and relations, by kind and by type in the
// order of tradegraph.ActorKinds and tradegraph.RelationTypes.
func (s *Store) Stats(ctx context.Context) (*tradegraph.Stats, error) {
	counts, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) (map[string]int, error) {
		recs, err := collect(ctx, tx, statsQuery, nil)
		if err != nil {
			return nil, err
		}
		counts := map[string]int{}
		for _, rec := range recs {
			key, _ := rec.Values[0].(string)
			n, _ := rec.Values[1].(int64)
			counts[key] = int(n)
		}
		return counts, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: stats: %w", err)
	}
	st := &tradegraph.Stats{Articles: counts["articles"], Actors: counts["actors"]}
	for _, k := range tradegraph.ActorKinds {
		st.ByKind = append(st.ByKind, tradegraph.Count{Key: string(k), Count: counts["kind:"+string(k)]})
	}
	for _, t := range tradegraph.RelationTypes {
		n := counts["type:"+string(t)]
		st.ByType = append(st.ByType, tradegraph.Count{Key: string(t), Count: n})
		st.Relations += n
	}
	return st, nil
}
