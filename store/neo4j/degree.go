package neo4j

import (
	"context"
	"fmt"
	"slices"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/tradegraph/tradegraph"
)

// Actor.Degree is stored as the property degree of every actor: the number
// of its relationships of the relation types, either way, MENTIONS left
// out. Ordering actors by degree then reads the range index on it instead
// of counting the relationships of every actor.
//
// Whatever adds or removes relations (a save, DeleteArticle, MergeActors)
// recounts the degrees of the actors at their ends, in the same
// transaction and under the write locks it already holds on those actors.
// Recounting instead of adding and subtracting keeps it right whatever the
// statement before did; COUNT {} over typed relationships of one node is
// answered from the node's relationship counts, and an actor whose degree
// did not change is not written.

// degreeOf counts the relations of the actor a.
var degreeOf = `COUNT { (a)-[:` + typeList(tradegraph.RelationTypes) + `]-() }`

var (
	updateDegreesQuery = `
		UNWIND $ids AS id
		MATCH (a:Actor {id: id})
		WITH a, ` + degreeOf + ` AS degree
		WHERE a.degree IS NULL OR a.degree <> degree
		SET a.degree = degree`
	// fillDegrees gives actors stored before degrees were kept theirs; it
	// runs at Open, in transactions of its own.
	fillDegrees = `
		MATCH (a:Actor) WHERE a.degree IS NULL
		CALL (a) { SET a.degree = ` + degreeOf + ` } IN TRANSACTIONS OF 10000 ROWS`
	neighbourIDs = `
		MATCH (:Actor {id: $id})-[:` + typeList(tradegraph.RelationTypes) + `]-(n:Actor)
		RETURN collect(DISTINCT n.id)`
)

// updateDegrees recounts the degrees of the actors with the given ids
// (unknown ids are skipped). The caller holds their write locks.
func updateDegrees(ctx context.Context, tx neo4jdriver.ManagedTransaction, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	return exec(ctx, tx, updateDegreesQuery, map[string]any{"ids": ids})
}

// updateDegreesAround recounts the degrees of the actor id and of its
// neighbours: after a merge, every actor whose degree can have changed.
func updateDegreesAround(ctx context.Context, tx neo4jdriver.ManagedTransaction, id string) error {
	recs, err := collect(ctx, tx, neighbourIDs, map[string]any{"id": id})
	if err != nil {
		return err
	}
	ids := []string{id}
	if len(recs) == 1 {
		ids = append(ids, stringSlice(map[string]any{"ids": recs[0].Values[0]}, "ids")...)
	}
	return updateDegrees(ctx, tx, ids)
}

// fillMissingDegrees sets the degree of every actor that has none.
func (s *Store) fillMissingDegrees(ctx context.Context) error {
	session := s.session(ctx, neo4jdriver.AccessModeWrite)
	defer session.Close(context.WithoutCancel(ctx))
	// CALL IN TRANSACTIONS only runs in an auto-commit transaction.
	res, err := session.Run(ctx, fillDegrees, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("neo4j: fill in actor degrees: %w", ctxErr(ctx, err))
	}
	return nil
}
