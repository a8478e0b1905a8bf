package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tradegraph/tradegraph"
)

// DeleteArticle removes the article id with its mentions and relations in
// one transaction, then the actors it named (listed, mentioned, or at an
// end of one of its relations) that no relation and no other article
// names any more, with their aliases and full-text rows. Degrees follow
// the relations through the triggers of migration 0003. Merge records
// stay. An unknown id gives an ENOTFOUND error.
func (s *Store) DeleteArticle(ctx context.Context, id string) (*tradegraph.Deletion, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: delete article %q: begin: %w", id, err)
	}
	defer tx.Rollback()
	d, err := deleteTx(ctx, tx, id)
	if err != nil {
		if tradegraph.ErrorCode(err) == tradegraph.ENOTFOUND {
			return nil, err
		}
		return nil, fmt.Errorf("sqlite: delete article %q: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: delete article %q: commit: %w", id, err)
	}
	return d, nil
}

func deleteTx(ctx context.Context, tx *sql.Tx, id string) (*tradegraph.Deletion, error) {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "article %q not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("look up: %w", err)
	}

	// The actors that may be left with nothing, read before their links go.
	candidates, err := column(ctx, tx, `
		SELECT actor_id FROM article_actors WHERE article_id = ?1
		UNION SELECT actor_id FROM mentions WHERE article_id = ?1
		UNION SELECT from_id FROM relations WHERE article_id = ?1
		UNION SELECT to_id FROM relations WHERE article_id = ?1`, id)
	if err != nil {
		return nil, fmt.Errorf("find its actors: %w", err)
	}

	d := &tradegraph.Deletion{Article: id, Actors: []string{}}
	for _, step := range []struct {
		what  string
		query string
		n     *int
	}{
		{"mentions", `DELETE FROM mentions WHERE article_id = ?`, &d.Mentions},
		{"relations", `DELETE FROM relations WHERE article_id = ?`, &d.Relations},
		{"actor links", `DELETE FROM article_actors WHERE article_id = ?`, nil},
		{"article", `DELETE FROM articles WHERE id = ?`, nil},
	} {
		res, err := tx.ExecContext(ctx, step.query, id)
		if err != nil {
			return nil, fmt.Errorf("delete %s: %w", step.what, err)
		}
		if step.n != nil {
			n, err := res.RowsAffected()
			if err != nil {
				return nil, fmt.Errorf("delete %s: %w", step.what, err)
			}
			*step.n = int(n)
		}
	}

	// An actor goes when no relation has it at an end and no article lists
	// or mentions it; mentions are always of listed actors, but both are
	// asked so that neither can leave a dangling row.
	gone, err := column(ctx, tx, `
		SELECT a.id FROM actors AS a
		WHERE a.id IN (SELECT value FROM json_each(?))
			AND NOT EXISTS (SELECT 1 FROM relations WHERE from_id = a.id)
			AND NOT EXISTS (SELECT 1 FROM relations WHERE to_id = a.id)
			AND NOT EXISTS (SELECT 1 FROM article_actors WHERE actor_id = a.id)
			AND NOT EXISTS (SELECT 1 FROM mentions WHERE actor_id = a.id)
		ORDER BY a.id`, jsonList(candidates))
	if err != nil {
		return nil, fmt.Errorf("find actors left with nothing: %w", err)
	}
	if len(gone) > 0 {
		list := jsonList(gone)
		if _, err := tx.ExecContext(ctx, `DELETE FROM actor_search WHERE rowid IN
			(SELECT seq FROM actors WHERE id IN (SELECT value FROM json_each(?)))`, list); err != nil {
			return nil, fmt.Errorf("delete search rows: %w", err)
		}
		// Aliases go with their actor (ON DELETE CASCADE).
		if _, err := tx.ExecContext(ctx, `DELETE FROM actors WHERE id IN (SELECT value FROM json_each(?))`, list); err != nil {
			return nil, fmt.Errorf("delete actors: %w", err)
		}
		d.Actors = gone
	}
	return d, nil
}
