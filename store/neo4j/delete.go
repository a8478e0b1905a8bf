package neo4j

import (
	"context"
	"fmt"
	"strings"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/tradegraph/tradegraph"
)

// The statements of DeleteArticle, in the order they run. Locks come in
// the order a save takes them: the article, then its actors by id.
var (
	lockDeletedArticle = `
		MATCH (ar:Article {id: $id})
		SET ar._lock = true
		REMOVE ar._lock
		RETURN ar.id`
	// lockDeletedActors locks the actors the article lists and those at
	// the ends of its relations (the same ones, unless something went
	// wrong before), and returns their ids.
	lockDeletedActors string
	// deleteArticleRelations deletes the article's relations, through each
	// type's index on article, and counts them.
	deleteArticleRelations string
	// deleteArticleNode counts the places the article mentions actors and
	// deletes it with its MENTIONS.
	deleteArticleNode = `
		MATCH (ar:Article {id: $id})
		OPTIONAL MATCH (ar)-[m:MENTIONS]->(:Actor)
		WITH ar, sum(size(coalesce(m.starts, []))) AS mentions
		DETACH DELETE ar
		RETURN mentions`
	// deleteLonelyActors deletes those of $ids that nothing is connected
	// to any more: no relation, no article that lists them.
	deleteLonelyActors = `
		UNWIND $ids AS id
		MATCH (a:Actor {id: id})
		WHERE NOT EXISTS { (a)--() }
		WITH a, a.id AS gone
		DELETE a
		RETURN gone ORDER BY gone`
)

func init() {
	var lock, del []string
	lock = append(lock, `MATCH (:Article {id: $id})-[:MENTIONS]->(a:Actor) RETURN a.id AS id`)
	for _, t := range tradegraph.RelationTypes {
		lock = append(lock, fmt.Sprintf(`MATCH (a:Actor)-[r:%s]-(:Actor) WHERE r.article = $id RETURN a.id AS id`, t))
		del = append(del, fmt.Sprintf(`MATCH ()-[r:%s]->() WHERE r.article = $id DELETE r RETURN count(*) AS n`, t))
	}
	lockDeletedActors = `CALL () {
` + strings.Join(lock, "\nUNION\n") + `
}
WITH id ORDER BY id
MATCH (a:Actor {id: id})
SET a._lock = true
REMOVE a._lock
RETURN collect(id)`
	deleteArticleRelations = `CALL () {
` + strings.Join(del, "\nUNION ALL\n") + `
}
RETURN sum(n)`
}

// DeleteArticle removes the article id with its mentions and relations in
// one managed write transaction, then the actors it listed or related
// that nothing is connected to any more, and recounts the degrees of the
// ones that stay. Merge records stay. An unknown id gives an ENOTFOUND
// error.
func (s *Store) DeleteArticle(ctx context.Context, id string) (*tradegraph.Deletion, error) {
	var d *tradegraph.Deletion
	err := write(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) error {
		var err error
		d, err = deleteTx(ctx, tx, id)
		return err
	})
	if err != nil {
		if tradegraph.ErrorCode(err) == tradegraph.ENOTFOUND {
			return nil, err
		}
		return nil, fmt.Errorf("neo4j: delete article %q: %w", id, err)
	}
	return d, nil
}

// deleteTx does the work of DeleteArticle. It returns the driver's errors
// as they are, so that the driver can tell which to retry.
func deleteTx(ctx context.Context, tx neo4jdriver.ManagedTransaction, id string) (*tradegraph.Deletion, error) {
	params := map[string]any{"id": id}
	recs, err := collect(ctx, tx, lockDeletedArticle, params)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "article %q not found", id)
	}
	recs, err = collect(ctx, tx, lockDeletedActors, params)
	if err != nil {
		return nil, err
	}
	var actors []string
	if len(recs) == 1 {
		actors = stringSlice(map[string]any{"ids": recs[0].Values[0]}, "ids")
	}

	d := &tradegraph.Deletion{Article: id, Actors: []string{}}
	if d.Relations, err = single(ctx, tx, deleteArticleRelations, params); err != nil {
		return nil, err
	}
	if d.Mentions, err = single(ctx, tx, deleteArticleNode, params); err != nil {
		return nil, err
	}
	recs, err = collect(ctx, tx, deleteLonelyActors, map[string]any{"ids": actors})
	if err != nil {
		return nil, err
	}
	gone := map[string]bool{}
	for _, rec := range recs {
		a, _ := rec.Values[0].(string)
		d.Actors = append(d.Actors, a)
		gone[a] = true
	}
	var stay []string
	for _, a := range actors {
		if !gone[a] {
			stay = append(stay, a)
		}
	}
	if err := updateDegrees(ctx, tx, stay); err != nil {
		return nil, err
	}
	return d, nil
}

// single runs a query that returns one integer.
func single(ctx context.Context, tx neo4jdriver.ManagedTransaction, query string, params map[string]any) (int, error) {
	recs, err := collect(ctx, tx, query, params)
	if err != nil {
		return 0, err
	}
	if len(recs) != 1 {
		return 0, fmt.Errorf("query returned %d rows, want 1", len(recs))
	}
	n, _ := recs[0].Values[0].(int64)
	return int(n), nil
}
