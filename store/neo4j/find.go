package neo4j

import (
	"context"
	"fmt"
	"maps"
	"math"
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
	actorMap    = `a {.id, .kind, .name, .aliases, .country, degree: coalesce(a.degree, 0)}`
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
		Degree:  integer(m, "degree"),
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

// FindActors returns one page of the actors that match f, in f's order. An
// unknown kind or order, or invalid paging, gives an EINVALID error.
func (s *Store) FindActors(ctx context.Context, f tradegraph.ActorFilter) (*tradegraph.Page[*tradegraph.Actor], error) {
	ps, err := s.FindActorPages(ctx, []tradegraph.ActorFilter{f})
	if err != nil {
		return nil, err
	}
	return ps[0], nil
}

// FindActorPages returns one page per filter, as FindActors would. Filters
// that differ only in Article are answered by one query; all of them in
// one read transaction.
func (s *Store) FindActorPages(ctx context.Context, fs []tradegraph.ActorFilter) ([]*tradegraph.Page[*tradegraph.Actor], error) {
	var groups []*group
	byKey := map[string]*group{}
	for i, f := range fs {
		zeroed := f
		zeroed.Article = ""
		err := addToGroups(&groups, byKey, groupKey(zeroed, f.Article), i,
			map[string]any{"article": f.Article}, f.Article != "",
			func() (*list, tradegraph.Paging, error) { l, err := actorList(f); return l, f.Paging, err })
		if err != nil {
			return nil, err
		}
	}
	return pages(ctx, s, "actors", len(fs), groups, decodeActor)
}

func actorKey(o tradegraph.ActorOrder) sortKey {
	switch o {
	case tradegraph.ActorsByName:
		return sortKey{v: "a", prop: "a.name", out: "a.name", value: func(c tradegraph.Cursor) any { return c.Name }}
	case tradegraph.ActorsByDegree:
		return sortKey{v: "a", prop: "a.degree", out: "a.degree", value: func(c tradegraph.Cursor) any { return c.Degree }}
	}
	return idKey("a")
}

// actorList is the list f selects, its article read from p.article.
func actorList(f tradegraph.ActorFilter) (*list, error) {
	if !f.Order.Valid() {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "unknown actor order %q", f.Order)
	}
	if err := f.Paging.Validate(); err != nil {
		return nil, err
	}
	if err := checkKinds(f.Kinds); err != nil {
		return nil, err
	}
	l := &list{params: map[string]any{}, key: actorKey(f.Order), proj: actorMap}
	match := `MATCH (a:Actor)`
	if f.Article != "" {
		match = `MATCH (:Article {id: p.article})-[:MENTIONS]->(a:Actor)`
	}
	l.branches = []branch{{match: match}}
	if f.IDs != nil {
		l.cond(`a.id IN $ids`, "ids", f.IDs)
	}
	if len(f.Kinds) > 0 {
		l.cond(`a.kind IN $kinds`, "kinds", stringList(f.Kinds))
	}
	if f.Country != "" {
		l.cond(`a.country = $country`, "country", f.Country)
	}
	return l, nil
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
//
// Hostile text cannot make Lucene fail: only the first maxSearchWords words
// count (Lucene refuses queries of over 1,024 clauses, and no name is that
// long), and a word is cut to maxSearchWordRunes, the longest token the
// standard analyzer indexes whole.
func luceneQuery(text string) string {
	var terms []string
	for _, w := range searchWords(text) {
		if len(terms) == maxSearchWords {
			break
		}
		if rs := []rune(w); len(rs) > maxSearchWordRunes {
			w = string(rs[:maxSearchWordRunes])
		}
		terms = append(terms, "+"+escapeLucene(strings.ToLower(w))+"*")
	}
	return strings.Join(terms, " ")
}

const (
	maxSearchWords     = 32
	maxSearchWordRunes = 255
)

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

// FindRelations returns one page of the relations that match f, in f's
// order. An unknown type or order, a malformed date or invalid paging
// gives an EINVALID error.
//
// A filter on an actor starts from that actor's node. Without one, the
// query is a union of one branch per relation type, each of which walks
// its type's index on the sort key in order (or uses the one on article),
// so that a page of a large graph reads about a page of relationships per
// type. A filter on an outlet alone starts from that outlet's articles.
// Each shape of filter is a query text of its own, which Neo4j plans once
// and then keeps in its query cache.
func (s *Store) FindRelations(ctx context.Context, f tradegraph.RelationFilter) (*tradegraph.Page[*tradegraph.Relation], error) {
	ps, err := s.FindRelationPages(ctx, []tradegraph.RelationFilter{f})
	if err != nil {
		return nil, err
	}
	return ps[0], nil
}

// FindRelationPages returns one page per filter, as FindRelations would.
// Filters that differ only in From, To, Actor or Article are answered by
// one query; all of them in one read transaction.
func (s *Store) FindRelationPages(ctx context.Context, fs []tradegraph.RelationFilter) ([]*tradegraph.Page[*tradegraph.Relation], error) {
	var groups []*group
	byKey := map[string]*group{}
	for i, f := range fs {
		zeroed := f
		zeroed.From, zeroed.To, zeroed.Actor, zeroed.Article, zeroed.Hedged = "", "", "", "", nil
		hedged := "any"
		if f.Hedged != nil {
			hedged = fmt.Sprint(*f.Hedged)
		}
		parent := map[string]any{"from": f.From, "to": f.To, "actor": f.Actor, "article": f.Article}
		err := addToGroups(&groups, byKey, hedged+"|"+groupKey(zeroed, f.From, f.To, f.Actor, f.Article), i,
			parent, f.From != "" || f.To != "" || f.Actor != "" || f.Article != "",
			func() (*list, tradegraph.Paging, error) { l, err := relationList(f); return l, f.Paging, err })
		if err != nil {
			return nil, err
		}
	}
	return pages(ctx, s, "relations", len(fs), groups, decodeRelation)
}

func relationKey(o tradegraph.RelationOrder) sortKey {
	switch o {
	case tradegraph.RelationsByDate:
		return sortKey{v: "r", prop: "r.date", nullable: true, out: `coalesce(toString(r.date), '')`,
			value:  func(c tradegraph.Cursor) any { return date(c.Date) },
			absent: func(c tradegraph.Cursor) bool { return c.Date == "" }}
	case tradegraph.RelationsByConfidence:
		return sortKey{v: "r", prop: "r.confidence", out: "r.confidence", value: func(c tradegraph.Cursor) any { return c.Confidence }}
	}
	return idKey("r")
}

// relationList is the list f selects, its actor and article ids read from
// p.from, p.to, p.actor and p.article.
func relationList(f tradegraph.RelationFilter) (*list, error) {
	if !f.Order.Valid() {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "unknown relation order %q", f.Order)
	}
	if err := f.Paging.Validate(); err != nil {
		return nil, err
	}
	if err := checkCursorDates(f.Paging); err != nil {
		return nil, err
	}
	l, err := relationMatch(f)
	if err != nil {
		return nil, err
	}
	l.key, l.proj = relationKey(f.Order), relationMap
	return l, nil
}

// relationMatch returns the branches and conditions of the relations f
// selects, whatever their order.
func relationMatch(f tradegraph.RelationFilter) (*list, error) {
	types, err := checkTypes(f.Types)
	if err != nil {
		return nil, err
	}
	for _, d := range []string{f.Since, f.Until} {
		if d != "" && !validDate(d) {
			return nil, tradegraph.Errorf(tradegraph.EINVALID, "date %q is not of the form YYYY-MM-DD", d)
		}
	}
	if math.IsNaN(f.MinConfidence) {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "minimum confidence is not a number")
	}
	l := &list{params: map[string]any{}}
	if f.Article != "" {
		l.cond(`r.article = p.article`, "", nil)
	}
	if f.Hedged != nil {
		l.cond(`r.hedged = $hedged`, "hedged", *f.Hedged)
	}
	if f.Since != "" {
		l.cond(`r.date >= $since`, "since", date(f.Since))
	}
	if f.Until != "" {
		l.cond(`r.date <= $until`, "until", date(f.Until))
	}
	if f.MinConfidence > 0 {
		l.cond(`r.confidence >= $minConfidence`, "minConfidence", f.MinConfidence)
	}
	if f.Country != "" {
		l.cond(`(f.country = $country OR t.country = $country)`, "country", f.Country)
	}
	byOutlet := false
	switch all := typeList(types); {
	case f.From != "" || f.To != "":
		var b branch
		if f.From != "" {
			b.match = `MATCH (f:Actor {id: p.from})-[r:` + all + `]->(t:Actor)`
			if f.To != "" {
				b.conds = append(b.conds, `t.id = p.to`)
			}
		} else {
			b.match = `MATCH (f:Actor)-[r:` + all + `]->(t:Actor {id: p.to})`
		}
		if f.Actor != "" {
			b.conds = append(b.conds, `(f.id = p.actor OR t.id = p.actor)`)
		}
		l.branches = []branch{b}
	case f.Actor != "":
		l.branches = []branch{
			{match: `MATCH (f:Actor {id: p.actor})-[r:` + all + `]->(t:Actor)`},
			// A relation of the actor with itself is in the first branch.
			{match: `MATCH (f:Actor)-[r:` + all + `]->(t:Actor {id: p.actor})`, conds: []string{`f.id <> p.actor`}},
		}
	case f.Article == "" && f.Outlet != "":
		// The outlet's articles, then each one's relations through the
		// type's index on article.
		byOutlet = true
		l.params["outlet"] = f.Outlet
		for _, t := range types {
			l.branches = append(l.branches, branch{
				match: `MATCH (o:Article {outlet: $outlet}) MATCH (f:Actor)-[r:` + string(t) + `]->(t:Actor)`,
				conds: []string{`r.article = o.id`},
			})
		}
	default:
		for _, t := range types {
			l.branches = append(l.branches, branch{match: `MATCH (f:Actor)-[r:` + string(t) + `]->(t:Actor)`})
		}
	}
	if f.Outlet != "" && !byOutlet {
		l.cond(`EXISTS { MATCH (o:Article {id: r.article}) WHERE o.outlet = $outlet }`, "outlet", f.Outlet)
	}
	return l, nil
}

// checkCursorDates rejects a cursor whose date is malformed.
func checkCursorDates(p tradegraph.Paging) error {
	for _, c := range []tradegraph.Cursor{p.After, p.Before} {
		if c.Date != "" && !validDate(c.Date) {
			return tradegraph.Errorf(tradegraph.EINVALID, "cursor date %q is not of the form YYYY-MM-DD", c.Date)
		}
	}
	return nil
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

// FindArticles returns one page of the articles that match f, in f's
// order. An unknown order, a malformed date or invalid paging gives an
// EINVALID error.
func (s *Store) FindArticles(ctx context.Context, f tradegraph.ArticleFilter) (*tradegraph.Page[*tradegraph.Article], error) {
	ps, err := s.FindArticlePages(ctx, []tradegraph.ArticleFilter{f})
	if err != nil {
		return nil, err
	}
	return ps[0], nil
}

// FindArticlePages returns one page per filter, as FindArticles would.
// Filters that differ only in Actor are answered by one query; all of them
// in one read transaction.
func (s *Store) FindArticlePages(ctx context.Context, fs []tradegraph.ArticleFilter) ([]*tradegraph.Page[*tradegraph.Article], error) {
	var groups []*group
	byKey := map[string]*group{}
	for i, f := range fs {
		zeroed := f
		zeroed.Actor = ""
		err := addToGroups(&groups, byKey, groupKey(zeroed, f.Actor), i,
			map[string]any{"actor": f.Actor}, f.Actor != "",
			func() (*list, tradegraph.Paging, error) { l, err := articleList(f); return l, f.Paging, err })
		if err != nil {
			return nil, err
		}
	}
	return pages(ctx, s, "articles", len(fs), groups, decodeArticle)
}

func articleKey(o tradegraph.ArticleOrder) sortKey {
	if o == tradegraph.ArticlesByPublished {
		return sortKey{v: "ar", prop: "ar.published", nullable: true, out: `coalesce(toString(ar.published), '')`,
			value:  func(c tradegraph.Cursor) any { return date(c.Date) },
			absent: func(c tradegraph.Cursor) bool { return c.Date == "" }}
	}
	return idKey("ar")
}

// articleList is the list f selects, its actor read from p.actor.
func articleList(f tradegraph.ArticleFilter) (*list, error) {
	if !f.Order.Valid() {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "unknown article order %q", f.Order)
	}
	if err := f.Paging.Validate(); err != nil {
		return nil, err
	}
	if err := checkCursorDates(f.Paging); err != nil {
		return nil, err
	}
	for _, d := range []string{f.Since, f.Until} {
		if d != "" && !validDate(d) {
			return nil, tradegraph.Errorf(tradegraph.EINVALID, "date %q is not of the form YYYY-MM-DD", d)
		}
	}
	l := &list{params: map[string]any{}, key: articleKey(f.Order), proj: articleMap}
	match := `MATCH (ar:Article)`
	if f.Actor != "" {
		match = `MATCH (ar:Article)-[:MENTIONS]->(:Actor {id: p.actor})`
	}
	l.branches = []branch{{match: match}}
	if f.IDs != nil {
		l.cond(`ar.id IN $ids`, "ids", f.IDs)
	}
	if f.Outlet != "" {
		l.cond(`ar.outlet = $outlet`, "outlet", f.Outlet)
	}
	if f.Since != "" {
		l.cond(`ar.published >= $since`, "since", date(f.Since))
	}
	if f.Until != "" {
		l.cond(`ar.published <= $until`, "until", date(f.Until))
	}
	return l, nil
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
	// Outlets and months read every article, which the counts store
	// cannot answer.
	parts = append(parts,
		`MATCH (n:Article) RETURN 'outlet:' + coalesce(n.outlet, '') AS key, count(n) AS n`,
		`MATCH (n:Article) RETURN 'month:' + coalesce(substring(toString(n.published), 0, 7), '') AS key, count(n) AS n`)
	return strings.Join(parts, "\nUNION ALL\n")
}()

// Stats counts articles, actors and relations, by kind and by type in the
// order of tradegraph.ActorKinds and tradegraph.RelationTypes, and
// articles by outlet and by month of publication, sorted by key.
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
	for _, key := range slices.Sorted(maps.Keys(counts)) {
		if n := counts[key]; n > 0 {
			if outlet, ok := strings.CutPrefix(key, "outlet:"); ok {
				st.ByOutlet = append(st.ByOutlet, tradegraph.Count{Key: outlet, Count: n})
			}
			if month, ok := strings.CutPrefix(key, "month:"); ok {
				st.ByMonth = append(st.ByMonth, tradegraph.Count{Key: month, Count: n})
			}
		}
	}
	return st, nil
}
