package neo4j

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/tradegraph/tradegraph"
)

// Merge records: (:ActorMerge {id, into}) says that the actor id was
// merged into the actor into (Store.MergeActors). Records are kept one hop
// long, so into is always an actor.
const (
	// lockMergeArticles and lockMergeActors take, in id order, the write
	// locks of what a merge changes: the articles that mention merge
	// first, as a save does, then keep, merge and merge's neighbours,
	// whose relationships the merge deletes and creates.
	lockMergeArticles = `
		MATCH (:Actor {id: $merge})<-[:MENTIONS]-(ar:Article)
		WITH ar ORDER BY ar.id
		SET ar._lock = true
		REMOVE ar._lock`
	lockMergeActors = `
		OPTIONAL MATCH (:Actor {id: $merge})--(n:Actor)
		WITH collect(DISTINCT n.id) + [$keep, $merge] AS ids
		UNWIND ids AS id
		WITH DISTINCT id ORDER BY id
		MATCH (a:Actor {id: id})
		SET a._lock = true
		REMOVE a._lock`
	readMergeRecord = `
		MATCH (r:ActorMerge {id: $id})
		RETURN r.into`
	// redirectReferences rewrites the concerning lists and outlets of every
	// relation; neither has an index, so it reads every relationship,
	// which a curation step can afford.
	redirectReferences = `
		MATCH ()-[r]->()
		WHERE r.reportedBy = $merge OR $merge IN r.concerning
		WITH r, [c IN coalesce(r.concerning, []) | CASE c WHEN $merge THEN $keep ELSE c END] AS cs
		SET r.reportedBy = CASE r.reportedBy WHEN $merge THEN $keep ELSE r.reportedBy END,
			r.concerning = CASE WHEN $merge IN coalesce(r.concerning, [])
				THEN [i IN range(0, size(cs) - 1) WHERE NOT cs[i] IN cs[0..i] | cs[i]]
				ELSE r.concerning END`
	readMergedRelations = `
		MATCH (:Actor {id: $merge})-[r]-(:Actor)
		WITH DISTINCT r
		RETURN ` + relationMap
	readRelationsOfType = `
		MATCH ()-[r:%s]->()
		WHERE r.id IN $ids
		RETURN ` + relationMap
	deleteRelationsOfType = `
		MATCH ()-[r:%s]->()
		WHERE r.id IN $ids
		DELETE r`
	createMovedRelationsOfType = `
		UNWIND $relations AS x
		MATCH (f:Actor {id: x.from})
		MATCH (t:Actor {id: x.to})
		CREATE (f)-[r:%s]->(t)
		SET r = x.props`
	deleteMergedRelations = `
		MATCH (:Actor {id: $merge})-[r]-(:Actor)
		WITH DISTINCT r
		DELETE r`
	readMergedMentions = `
		MATCH (ar:Article)-[m:MENTIONS]->(:Actor {id: $merge})
		OPTIONAL MATCH (ar)-[k:MENTIONS]->(:Actor {id: $keep})
		RETURN ar.id, properties(m), properties(k)`
	moveMentions = `
		MATCH (:Actor {id: $merge})<-[m:MENTIONS]-(:Article)
		DELETE m
		WITH count(*) AS done
		UNWIND $links AS x
		MATCH (ar:Article {id: x.article})
		MATCH (k:Actor {id: $keep})
		MERGE (ar)-[m:MENTIONS]->(k)
		SET m = x.props`
	updateKept = `
		MATCH (k:Actor {id: $keep})
		SET k.aliases = $aliases, k.country = coalesce(k.country, $country)`
	deleteMerged = `
		MATCH (m:Actor {id: $merge})
		DETACH DELETE m`
	// recordMerge keeps records one hop long: those that led to merge now
	// lead to keep, and keep, an actor, is nobody's alias.
	recordMerge = `
		CALL () { MATCH (r:ActorMerge) WHERE r.into = $merge SET r.into = $keep }
		CALL () { MATCH (r:ActorMerge {id: $keep}) DELETE r }
		MERGE (r:ActorMerge {id: $merge})
		SET r.into = $keep`
)

// MergeActors merges the actor merge into the actor keep in one managed
// transaction, as tradegraph.Store describes, records the merge as an
// (:ActorMerge {id: merge, into: keep}) node, and returns keep as it is
// afterwards. An id that names no actor gives an ENOTFOUND error (saying
// so when the actor was merged away); keep and merge being one actor, or
// of different kinds, an EINVALID one.
func (s *Store) MergeActors(ctx context.Context, keep, merge string) (*tradegraph.Actor, error) {
	var kept *tradegraph.Actor
	err := write(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) error {
		a, err := mergeTx(ctx, tx, keep, merge)
		kept = a
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: merge %q into %q: %w", merge, keep, err)
	}
	return kept, nil
}

// mergeTx does the work of MergeActors. It returns the driver's errors as
// they are, so that the driver can tell which to retry.
func mergeTx(ctx context.Context, tx neo4jdriver.ManagedTransaction, keep, merge string) (*tradegraph.Actor, error) {
	params := map[string]any{"keep": keep, "merge": merge}
	if err := exec(ctx, tx, lockMergeArticles, params); err != nil {
		return nil, err
	}
	if err := exec(ctx, tx, lockMergeActors, params); err != nil {
		return nil, err
	}
	actors, err := actorsByID(ctx, tx, []string{keep, merge})
	if err != nil {
		return nil, err
	}
	for _, id := range []string{keep, merge} {
		if actors[id] == nil {
			return nil, notFound(ctx, tx, id)
		}
	}
	k, m := actors[keep], actors[merge]
	if err := tradegraph.CheckMerge(k, m); err != nil {
		return nil, err
	}

	// Concerning lists and outlets first, so that relations compared below
	// already read as they will be stored.
	if err := exec(ctx, tx, redirectReferences, params); err != nil {
		return nil, err
	}
	if err := moveRelations(ctx, tx, keep, merge); err != nil {
		return nil, err
	}
	links, err := mergedLinks(ctx, tx, keep, merge)
	if err != nil {
		return nil, err
	}
	if err := exec(ctx, tx, moveMentions, map[string]any{"keep": keep, "merge": merge, "links": links}); err != nil {
		return nil, err
	}

	aliases := k.Aliases
	for _, n := range append([]string{m.Name}, m.Aliases...) {
		if n != k.Name && !slices.Contains(aliases, n) {
			aliases = append(aliases, n)
		}
	}
	if aliases == nil {
		aliases = []string{}
	}
	if err := exec(ctx, tx, updateKept, map[string]any{"keep": keep, "aliases": aliases, "country": optional(m.Country)}); err != nil {
		return nil, err
	}
	if err := exec(ctx, tx, deleteMerged, params); err != nil {
		return nil, err
	}
	if err := exec(ctx, tx, recordMerge, params); err != nil {
		return nil, err
	}
	if err := updateDegreesAround(ctx, tx, keep); err != nil {
		return nil, err
	}
	return findActor(ctx, tx, keep)
}

// notFound returns the ENOTFOUND error for an id that names no actor,
// saying where the actor went if a merge took it.
func notFound(ctx context.Context, tx neo4jdriver.ManagedTransaction, id string) error {
	recs, err := collect(ctx, tx, readMergeRecord, map[string]any{"id": id})
	if err != nil {
		return err
	}
	if len(recs) > 0 {
		into, _ := recs[0].Values[0].(string)
		return tradegraph.Errorf(tradegraph.ENOTFOUND, "actor %q not found: it was merged into %q", id, into)
	}
	return tradegraph.Errorf(tradegraph.ENOTFOUND, "actor %q not found", id)
}

// moveRelations gives every relation from or to merge its new ends and
// id, drops the ones that become loops, and keeps one of two that now
// share an id. A relationship cannot change ends, so merge's are deleted
// and created anew from keep.
func moveRelations(ctx context.Context, tx neo4jdriver.ManagedTransaction, keep, merge string) error {
	recs, err := collect(ctx, tx, readMergedRelations, map[string]any{"merge": merge})
	if err != nil {
		return err
	}
	into := map[string]string{merge: keep}
	best := map[string]*tradegraph.Relation{} // new id → the one to keep of merge's
	for _, rec := range recs {
		r := decodeRelation(record(rec))
		if !r.Type.Valid() {
			return fmt.Errorf("relation %s has unknown type %q", r.ID, r.Type)
		}
		moved := tradegraph.RedirectActors(&tradegraph.Extraction{
			Article:   &tradegraph.Article{ID: r.Article},
			Relations: []*tradegraph.Relation{r},
		}, into).Relations
		if len(moved) == 0 { // a loop now
			continue
		}
		if b := best[moved[0].ID]; b == nil || tradegraph.PreferRelation(moved[0], b) {
			best[moved[0].ID] = moved[0]
		}
	}

	byType := map[tradegraph.RelationType][]string{}
	for id, r := range best {
		byType[r.Type] = append(byType[r.Type], id)
	}
	losers := map[tradegraph.RelationType][]string{}
	for t, ids := range byType {
		recs, err := collect(ctx, tx, fmt.Sprintf(readRelationsOfType, t), map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			old := decodeRelation(record(rec))
			if tradegraph.PreferRelation(best[old.ID], old) {
				losers[t] = append(losers[t], old.ID)
			} else {
				delete(best, old.ID)
			}
		}
	}

	if err := exec(ctx, tx, deleteMergedRelations, map[string]any{"merge": merge}); err != nil {
		return err
	}
	for t, ids := range losers {
		if err := exec(ctx, tx, fmt.Sprintf(deleteRelationsOfType, t), map[string]any{"ids": ids}); err != nil {
			return err
		}
	}
	rows := map[tradegraph.RelationType][]map[string]any{}
	for _, id := range slices.Sorted(maps.Keys(best)) {
		r := best[id]
		rows[r.Type] = append(rows[r.Type], map[string]any{"from": r.From, "to": r.To, "props": relationProps(r)})
	}
	for _, t := range tradegraph.RelationTypes {
		if len(rows[t]) > 0 {
			if err := exec(ctx, tx, fmt.Sprintf(createMovedRelationsOfType, t), map[string]any{"relations": rows[t]}); err != nil {
				return err
			}
		}
	}
	return nil
}

// mergedLinks returns the MENTIONS rows that keep has once merge's are
// moved to it: per article that mentions merge, the places of both.
func mergedLinks(ctx context.Context, tx neo4jdriver.ManagedTransaction, keep, merge string) ([]map[string]any, error) {
	recs, err := collect(ctx, tx, readMergedMentions, map[string]any{"keep": keep, "merge": merge})
	if err != nil {
		return nil, err
	}
	var rows []map[string]any
	for _, rec := range recs {
		article, _ := rec.Values[0].(string)
		var ms []tradegraph.Mention
		for _, v := range rec.Values[1:] {
			props, _ := v.(map[string]any)
			ms = append(ms, decodeMentions(props)...)
		}
		rows = append(rows, map[string]any{"article": article, "props": mentionProps(ms)})
	}
	return rows, nil
}

// decodeMentions reads the places a MENTIONS relationship lists.
func decodeMentions(props map[string]any) []tradegraph.Mention {
	texts := stringSlice(props, "texts")
	starts, _ := props["starts"].([]any)
	ends, _ := props["ends"].([]any)
	var ms []tradegraph.Mention
	for i, text := range texts {
		if i >= len(starts) || i >= len(ends) {
			break
		}
		start, _ := starts[i].(int64)
		end, _ := ends[i].(int64)
		ms = append(ms, tradegraph.Mention{Text: text, Start: int(start), End: int(end)})
	}
	return ms
}

// mentionProps returns the properties of a MENTIONS relationship holding
// ms as a save writes them: ordered by offset, one per place.
func mentionProps(ms []tradegraph.Mention) map[string]any {
	slices.SortFunc(ms, func(a, b tradegraph.Mention) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.Text, b.Text))
	})
	ms = slices.CompactFunc(ms, func(a, b tradegraph.Mention) bool { return a.Start == b.Start && a.End == b.End })
	props := map[string]any{}
	if len(ms) > 0 {
		texts, starts, ends := make([]string, len(ms)), make([]int, len(ms)), make([]int, len(ms))
		for i, m := range ms {
			texts[i], starts[i], ends[i] = m.Text, m.Start, m.End
		}
		props["texts"], props["starts"], props["ends"] = texts, starts, ends
	}
	return props
}

// lockedActor is what lockActors found for one id.
type lockedActor struct {
	found   bool // an actor has the id
	name    string
	aliases []any
	country any
}

// lockedActors is what lockAndFollowMerges found.
type lockedActors struct {
	byID map[string]lockedActor
	// mentionedBy maps each known article of the save to the ids of the
	// actors it mentioned before the save.
	mentionedBy map[string][]string
}

// lockAndFollowMerges locks the actors vs name, and those the articles
// known (stored before) mention, and reads what they hold, with
// lockActors. It returns the plan of saving vs with the ids of merged
// actors read through their merge records, as tradegraph.RedirectActors
// does; p, the plan of vs as they are, when they name no merged actor.
func lockAndFollowMerges(ctx context.Context, tx neo4jdriver.ManagedTransaction, vs []*tradegraph.ValidExtraction,
	p *savePlan, known []string) (*savePlan, *lockedActors, error) {
	var ids []string
	for _, v := range vs {
		for _, a := range v.Actors {
			ids = append(ids, a.ID)
		}
		for _, r := range v.Relations {
			ids = append(ids, r.Concerning...)
			if r.ReportedBy != "" {
				ids = append(ids, r.ReportedBy)
			}
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	locked := &lockedActors{byID: map[string]lockedActor{}, mentionedBy: map[string][]string{}}
	into := map[string]string{}
	articles := known
	if articles == nil {
		articles = []string{}
	}
	// The actors merged ones lead to are locked and read too, in a second
	// round: a merge of one of them may have come between.
	for len(ids) > 0 || len(articles) > 0 {
		recs, err := collect(ctx, tx, lockActors, map[string]any{"articles": articles, "ids": ids})
		if err != nil {
			return nil, nil, err
		}
		articles, ids = []string{}, nil
		var targets []string
		for _, rec := range recs {
			id, _ := rec.Values[0].(string)
			found, _ := rec.Values[1].(bool)
			name, _ := rec.Values[2].(string)
			aliases, _ := rec.Values[3].([]any)
			locked.byID[id] = lockedActor{found: found, name: name, aliases: aliases, country: rec.Values[4]}
			if to, _ := rec.Values[5].(string); to != "" {
				into[id] = to
				targets = append(targets, to)
			}
			in, _ := rec.Values[6].([]any)
			for _, aid := range in {
				if aid, ok := aid.(string); ok {
					locked.mentionedBy[aid] = append(locked.mentionedBy[aid], id)
				}
			}
		}
		for _, to := range targets {
			if _, seen := locked.byID[to]; !seen {
				ids = append(ids, to)
			}
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
	}
	if len(into) == 0 {
		return p, locked, nil
	}
	for id, to := range into {
		for range len(into) { // a cycle cannot be, but must not hang
			next, ok := into[to]
			if !ok {
				break
			}
			to = next
		}
		into[id] = to
	}
	var redirected []*tradegraph.ValidExtraction
	for _, v := range vs {
		w, err := tradegraph.RedirectActors(v.Extraction(), into).Validate()
		if err != nil {
			return nil, nil, err
		}
		redirected = append(redirected, w)
	}
	return plan(redirected), locked, nil
}
