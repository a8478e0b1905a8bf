package neo4j

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/tradegraph/tradegraph"
)

// SaveExtraction writes x in one transaction, as SaveExtractions does.
func (s *Store) SaveExtraction(ctx context.Context, x *tradegraph.Extraction) error {
	return s.SaveExtractions(ctx, []*tradegraph.Extraction{x})[0]
}

// SaveExtractions writes xs in one managed write transaction: it upserts
// the articles and their actors, and replaces the articles' mentions and
// relations. An existing actor keeps its kind, name and country (the
// country is filled in when it had none); every other name it goes by
// becomes an alias. Saving the same extractions again changes nothing.
// When one article appears twice, the later extraction is the one kept.
//
// It returns one error per extraction. Invalid extractions get an EINVALID
// error and are left out of the transaction. When the transaction fails
// for a reason the driver does not retry (a value the database rejects,
// say), each extraction is saved again in a transaction of its own, so
// that the error lands on the one that caused it and the others are
// saved. A failing extraction never leaves part of itself behind.
func (s *Store) SaveExtractions(ctx context.Context, xs []*tradegraph.Extraction) []error {
	errs := make([]error, len(xs))
	var (
		valid []*tradegraph.ValidExtraction
		index []int // index[i] is the position in xs of valid[i]
	)
	for i, x := range xs {
		v, err := x.Validate()
		if err != nil {
			errs[i] = err
			continue
		}
		valid = append(valid, v)
		index = append(index, i)
	}
	if len(valid) == 0 {
		return errs
	}
	err := s.save(ctx, valid)
	if err == nil {
		return errs
	}
	if len(valid) == 1 || !dataError(err) || ctx.Err() != nil {
		for i, v := range valid {
			errs[index[i]] = fmt.Errorf("neo4j: save article %q: %w", v.Article.ID, err)
		}
		return errs
	}
	for i, v := range valid {
		if err := s.save(ctx, valid[i:i+1]); err != nil {
			errs[index[i]] = fmt.Errorf("neo4j: save article %q: %w", v.Article.ID, err)
		}
	}
	return errs
}

// dataError reports whether err is the database refusing what a
// transaction wrote, as opposed to the database being unreachable, busy
// or out of time: only then can saving the extractions one by one tell
// the good from the bad.
func dataError(err error) bool {
	var dbErr *neo4jdriver.Neo4jError
	return errors.As(err, &dbErr) && !dbErr.IsRetriable() && !neo4jdriver.IsTransactionExecutionLimit(err)
}

// validDate reports whether s is a date of the form YYYY-MM-DD.
func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// date converts a checked YYYY-MM-DD date to a Neo4j date, and "" to nil,
// which leaves the property out.
func date(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return neo4jdriver.DateOf(t)
}

// optional leaves an empty string out of a property map.
func optional(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// The statements of a save, in the order they run.
//
// Locks decide the order, so that concurrent saves wait for each other
// instead of dead-locking (the driver retries a dead-locked transaction,
// but only after a second). The articles come first: their write locks
// make concurrent saves of one article wait for each other, so that each
// sees the relationships the other left before replacing them. Then every
// existing actor the save touches, the ones its articles named before
// included, is locked in one statement in id order. Only then are actors
// written and relationships deleted and written: writing a node's
// properties, or its relationships when it has many, takes further locks
// on it, and with the node locked first no other save can hold those.
//
// An article saved for the first time has no relationships to replace, so
// its mentions and relations are created outright. An article saved
// before keeps the relationships its new extraction has again, updated in
// place (MERGE, then SET, which writes nothing when the values are the
// same), and loses the others. Deleting everything and creating it anew
// would be simpler, but a second load of a corpus would then rewrite
// every relationship and every index entry it has; this way it writes
// close to nothing.
const (
	// saveArticles returns the ids of the articles that were there before.
	// The marker is set and removed in the same transaction, so it is
	// never stored; it is read under the article's write lock, so two
	// saves of a new article cannot both take it for new.
	saveArticles = `
		UNWIND $articles AS x
		MERGE (ar:Article {id: x.id})
		ON CREATE SET ar._new = true
		SET ar += x.props
		WITH ar, ar._new IS NULL AS existed
		REMOVE ar._new
		RETURN collect(CASE WHEN existed THEN ar.id END) AS existing`
	// lockActors writes a property and removes it: a write lock without a
	// change. It locks, in id order, the actors $ids names and those the
	// known articles $articles mention now, and returns for each id what
	// its actor holds (found is false when there is none), where its
	// merge record leads (null when it has none), and which of $articles
	// mention it. One pass does it all: reading the merge records under
	// the locks means that a merge that holds one of the actors commits
	// first, and its record is then seen, and one that comes later waits
	// for the save, and then moves what the save wrote.
	lockActors = `
		CALL () {
			UNWIND $articles AS aid
			MATCH (:Article {id: aid})-[:MENTIONS]->(old:Actor)
			RETURN old.id AS id, aid
			UNION ALL
			UNWIND $ids AS id
			RETURN id, null AS aid
		}
		WITH id, collect(aid) AS mentionedIn
		ORDER BY id
		OPTIONAL MATCH (a:Actor {id: id})
		FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | SET a._lock = true REMOVE a._lock)
		WITH id, mentionedIn, a
		OPTIONAL MATCH (r:ActorMerge {id: id})
		RETURN id, a IS NOT NULL AS found, a.name, a.aliases, a.country, r.into, mentionedIn`
	// saveActors (built in init) starts with this, and then gives the actor
	// the label of its kind. The SET reads what it writes under the lock
	// lockActors took (or MERGE, for an actor it creates), so two saves
	// cannot lose each other's aliases.
	saveActorsHead = `
		UNWIND $actors AS x
		MERGE (a:Actor {id: x.id})
		ON CREATE SET a.kind = x.kind, a.name = x.name, a.aliases = []
		SET a.country = coalesce(a.country, x.country),
			a.aliases = coalesce(a.aliases, []) + [n IN x.names WHERE n <> a.name AND NOT n IN coalesce(a.aliases, [])]`
	// deleteStaleMentions and deleteStaleRelations (built in init) remove
	// what articles saved before no longer say. lockActors has found the
	// actors an article mentions now, so x.actors lists the ones it no
	// longer does; x.relations are the ids of the relations to keep.
	deleteStaleMentions = `
		UNWIND $articles AS x
		MATCH (:Article {id: x.id})-[m:MENTIONS]->(a:Actor)
		WHERE a.id IN x.actors
		DELETE m`
	createMentions = `
		UNWIND $links AS x
		MATCH (ar:Article {id: x.article})
		MATCH (a:Actor {id: x.actor})
		CREATE (ar)-[m:MENTIONS]->(a)
		SET m = x.props`
	mergeMentions = `
		UNWIND $links AS x
		MATCH (ar:Article {id: x.article})
		MATCH (a:Actor {id: x.actor})
		MERGE (ar)-[m:MENTIONS]->(a)
		SET m = x.props`
	createRelationsOfType = `
		UNWIND $relations AS x
		MATCH (f:Actor {id: x.from})
		MATCH (t:Actor {id: x.to})
		CREATE (f)-[r:%s]->(t)
		SET r = x.props`
	// mergeRelationsOfType finds a relationship by its id, through the
	// type's uniqueness constraint; the id names its ends.
	mergeRelationsOfType = `
		UNWIND $relations AS x
		MATCH (f:Actor {id: x.from})
		MATCH (t:Actor {id: x.to})
		MERGE (f)-[r:%s {id: x.props.id}]->(t)
		SET r = x.props`
)

// Statements built once from the fixed lists of kinds and types.
var (
	saveActors           string
	createRelations      = map[tradegraph.RelationType]string{}
	mergeRelations       = map[tradegraph.RelationType]string{}
	deleteStaleRelations string
)

func init() {
	var b strings.Builder
	b.WriteString(saveActorsHead)
	for _, k := range tradegraph.ActorKinds {
		fmt.Fprintf(&b, "\n\t\tFOREACH (_ IN CASE a.kind WHEN '%[1]s' THEN [1] ELSE [] END | SET a:%[1]s)", k)
	}
	saveActors = b.String()

	b.Reset()
	b.WriteString("UNWIND $articles AS x\n")
	for _, t := range tradegraph.RelationTypes {
		createRelations[t] = fmt.Sprintf(createRelationsOfType, t)
		mergeRelations[t] = fmt.Sprintf(mergeRelationsOfType, t)
		// One subquery per type, so that each uses its type's index on
		// r.article.
		fmt.Fprintf(&b, "CALL (x) { MATCH (:Actor)-[r:%[1]s]->(:Actor) USING INDEX SEEK r:%[1]s(article) WHERE r.article = x.id AND NOT r.id IN x.relations DELETE r }\n", t)
	}
	deleteStaleRelations = b.String()
}

// save writes extractions that passed validate in one transaction.
func (s *Store) save(ctx context.Context, vs []*tradegraph.ValidExtraction) error {
	p := plan(vs)
	// The work function returns the driver's errors as they are, which is
	// how the driver tells which ones to retry; step names the statement
	// that failed for the error save returns.
	var step string
	run := func(ctx context.Context, tx neo4jdriver.ManagedTransaction, name, query string, params map[string]any) error {
		step = name
		return exec(ctx, tx, query, params)
	}
	err := write(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) error {
		step = "upsert articles"
		recs, err := collect(ctx, tx, saveArticles, map[string]any{"articles": p.articles})
		if err != nil {
			return err
		}
		existed := map[string]bool{}
		if len(recs) == 1 {
			ids, _ := recs[0].Values[0].([]any)
			for _, id := range ids {
				existed[id.(string)] = true
			}
		}
		// Actors merged away are saved as the ones they were merged into.
		step = "lock actors"
		var known []string
		for _, id := range p.articleIDs {
			if existed[id] {
				known = append(known, id)
			}
		}
		p, locked, err := lockAndFollowMerges(ctx, tx, vs, p, known)
		if err != nil {
			return err
		}
		// Actors that gain nothing are not written: no index update, no
		// entry in the transaction log.
		if rows := p.actorChanges(locked); len(rows) > 0 {
			if err := run(ctx, tx, "upsert actors", saveActors, map[string]any{"actors": rows}); err != nil {
				return err
			}
		}
		if len(known) > 0 {
			var stale, keep []map[string]any
			for _, k := range p.keep {
				id := k["id"].(string)
				if !existed[id] {
					continue
				}
				keep = append(keep, k)
				var gone []string
				for _, a := range locked.mentionedBy[id] {
					if !slices.Contains(p.actorsOf[id], a) {
						gone = append(gone, a)
					}
				}
				if len(gone) > 0 {
					stale = append(stale, map[string]any{"id": id, "actors": gone})
				}
			}
			if err := runRows(ctx, tx, run, "delete old mentions", deleteStaleMentions, "articles", stale); err != nil {
				return err
			}
			if err := run(ctx, tx, "delete old relations", deleteStaleRelations, map[string]any{"articles": keep}); err != nil {
				return err
			}
		}
		// Each statement gets the rows of the articles it suits; a batch of
		// only new or only known articles runs one of the two.
		newLinks, oldLinks := partition(p.links, existed)
		if err := runRows(ctx, tx, run, "link actors", createMentions, "links", newLinks); err != nil {
			return err
		}
		if err := runRows(ctx, tx, run, "update links to actors", mergeMentions, "links", oldLinks); err != nil {
			return err
		}
		for _, t := range tradegraph.RelationTypes {
			newRels, oldRels := partition(p.relations[t], existed)
			if err := runRows(ctx, tx, run, "create "+string(t)+" relations", createRelations[t], "relations", newRels); err != nil {
				return err
			}
			if err := runRows(ctx, tx, run, "update "+string(t)+" relations", mergeRelations[t], "relations", oldRels); err != nil {
				return err
			}
		}
		// Every actor whose relations changed is among those locked.
		step = "update degrees"
		if err := updateDegrees(ctx, tx, slices.Concat(p.actorIDs, slices.Collect(maps.Keys(locked.byID)))); err != nil {
			return err
		}
		step = "commit"
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", step, err)
	}
	return nil
}

// runRows runs query with rows as the parameter param, unless there are
// none.
func runRows(ctx context.Context, tx neo4jdriver.ManagedTransaction,
	run func(context.Context, neo4jdriver.ManagedTransaction, string, string, map[string]any) error,
	name, query, param string, rows []map[string]any) error {
	if len(rows) == 0 {
		return nil
	}
	return run(ctx, tx, name, query, map[string]any{param: rows})
}

// partition splits rows by whether the article they belong to (the
// "article" key) existed before the save.
func partition(rows []map[string]any, existed map[string]bool) (created, known []map[string]any) {
	if len(existed) == 0 {
		return rows, nil
	}
	for _, row := range rows {
		if existed[row["article"].(string)] {
			known = append(known, row)
		} else {
			created = append(created, row)
		}
	}
	return created, known
}

// savePlan holds the parameters of the statements of one save.
type savePlan struct {
	articles   []map[string]any
	articleIDs []string
	actors     []actorRow // by id
	actorIDs   []string
	links      []map[string]any
	relations  map[tradegraph.RelationType][]map[string]any
	// keep has a row per article: its id, and the ids of the relations
	// its extraction has, which a save of an article stored before keeps.
	keep []map[string]any
	// actorsOf maps each article id to the ids of the actors its
	// extraction lists, which it mentions once saved.
	actorsOf map[string][]string
}

// actorRow is what a save knows of one actor: its first kind, name and
// country, and every name it was given, each once.
type actorRow struct {
	actor *tradegraph.Actor
	names []string
}

// plan turns extractions into statement parameters, with the outcome of
// saving them one after the other: actors merged in order (first name and
// kind kept, names pooled), and of an article saved twice only the later
// extraction. Rows are sorted by id.
func plan(vs []*tradegraph.ValidExtraction) *savePlan {
	last := map[string]*tradegraph.ValidExtraction{}
	for _, v := range vs {
		last[v.Article.ID] = v
	}
	actors := map[string]*actorRow{}
	for _, v := range vs {
		for _, ac := range v.Actors {
			row := actors[ac.ID]
			if row == nil {
				cp := *ac
				row = &actorRow{actor: &cp}
				actors[ac.ID] = row
			} else if row.actor.Country == "" {
				row.actor.Country = ac.Country
			}
			for _, n := range v.Names[ac.ID] {
				if !slices.Contains(row.names, n) {
					row.names = append(row.names, n)
				}
			}
		}
	}

	p := &savePlan{relations: map[tradegraph.RelationType][]map[string]any{}, actorsOf: map[string][]string{}}
	for _, id := range slices.Sorted(maps.Keys(actors)) {
		p.actors = append(p.actors, *actors[id])
		p.actorIDs = append(p.actorIDs, id)
	}
	for _, id := range slices.Sorted(maps.Keys(last)) {
		v := last[id]
		a := v.Article
		p.articleIDs = append(p.articleIDs, id)
		p.articles = append(p.articles, map[string]any{"id": id, "props": map[string]any{
			"title": optional(a.Title), "url": optional(a.URL), "outlet": optional(a.Outlet),
			"published": date(a.Published), "text": optional(a.Text), "source": optional(a.Source),
		}})
		p.links = append(p.links, links(v)...)
		actorIDs, relationIDs := make([]string, len(v.Actors)), make([]string, len(v.Relations))
		for i, ac := range v.Actors {
			actorIDs[i] = ac.ID
		}
		for i, r := range v.Relations {
			relationIDs[i] = r.ID
			p.relations[r.Type] = append(p.relations[r.Type], map[string]any{"article": id, "from": r.From, "to": r.To, "props": relationProps(r)})
		}
		p.keep = append(p.keep, map[string]any{"id": id, "relations": relationIDs})
		p.actorsOf[id] = actorIDs
	}
	return p
}

// actorChanges returns the rows of saveActors for the actors that are new
// or gain a name or a country, given what lockActors found.
func (p *savePlan) actorChanges(locked *lockedActors) []map[string]any {
	var rows []map[string]any
	for _, row := range p.actors {
		cur, found := locked.byID[row.actor.ID]
		found = found && cur.found
		change := !found || (cur.country == nil && row.actor.Country != "")
		for _, n := range row.names {
			if found && n != cur.name && !slices.Contains(cur.aliases, any(n)) {
				change = true
			}
		}
		if change {
			rows = append(rows, map[string]any{
				"id": row.actor.ID, "kind": string(row.actor.Kind), "name": row.actor.Name,
				"country": optional(row.actor.Country), "names": row.names,
			})
		}
	}
	return rows
}

// links returns one MENTIONS row per actor of v, with the places the
// article names it as parallel lists ordered by offset, duplicates dropped.
func links(v *tradegraph.ValidExtraction) []map[string]any {
	byActor := map[string][]tradegraph.Mention{}
	for _, m := range v.Mentions {
		byActor[m.ActorID] = append(byActor[m.ActorID], m)
	}
	var rows []map[string]any
	for _, ac := range v.Actors {
		rows = append(rows, map[string]any{"article": v.Article.ID, "actor": ac.ID, "props": mentionProps(byActor[ac.ID])})
	}
	return rows
}

func relationProps(r *tradegraph.Relation) map[string]any {
	var concerning any
	if len(r.Concerning) > 0 {
		concerning = r.Concerning
	}
	return map[string]any{
		"id":         r.ID,
		"article":    r.Article,
		"evidence":   optional(r.Evidence),
		"spanStart":  r.Span[0],
		"spanEnd":    r.Span[1],
		"about":      optional(r.About),
		"concerning": concerning,
		"hedged":     r.Hedged,
		"confidence": r.Confidence,
		"reportedBy": optional(r.ReportedBy),
		"date":       date(r.Date),
		"cameo":      optional(r.Cameo),
		"rule":       optional(r.Rule),
	}
}
