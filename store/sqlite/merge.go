package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/tradegraph/tradegraph"
)

// MergeActors merges the actor merge into the actor keep in one
// transaction, as tradegraph.Store describes, records the merge in
// actor_merges, and returns keep as it is afterwards. An id that names no
// actor gives an ENOTFOUND error (saying so when the actor was merged
// away); keep and merge being one actor, or of different kinds, an
// EINVALID one.
func (s *Store) MergeActors(ctx context.Context, keep, merge string) (*tradegraph.Actor, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: merge %q into %q: begin: %w", merge, keep, err)
	}
	defer tx.Rollback()
	a, err := mergeTx(ctx, tx, keep, merge)
	if err != nil {
		return nil, fmt.Errorf("sqlite: merge %q into %q: %w", merge, keep, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: merge %q into %q: commit: %w", merge, keep, err)
	}
	return a, nil
}

// withSeq scans an actor row that ends with actors.seq.
type withSeq struct {
	row *sql.Row
	seq *int64
}

func (r withSeq) Scan(dest ...any) error { return r.row.Scan(append(dest, r.seq)...) }

// actorForMerge returns the actor id names and its seq, or an ENOTFOUND
// error that says where the actor went if a merge took it.
func actorForMerge(ctx context.Context, tx *sql.Tx, id string) (*tradegraph.Actor, int64, error) {
	var seq int64
	a, err := scanActor(withSeq{tx.QueryRowContext(ctx, `SELECT `+actorCols+`, seq FROM actors WHERE id = ?`, id), &seq})
	if !errors.Is(err, sql.ErrNoRows) {
		return a, seq, err
	}
	var into string
	err = tx.QueryRowContext(ctx, `SELECT into_id FROM actor_merges WHERE id = ?`, id).Scan(&into)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, 0, tradegraph.Errorf(tradegraph.ENOTFOUND, "actor %q not found", id)
	case err != nil:
		return nil, 0, fmt.Errorf("look up merge record of %q: %w", id, err)
	}
	return nil, 0, tradegraph.Errorf(tradegraph.ENOTFOUND, "actor %q not found: it was merged into %q", id, into)
}

func mergeTx(ctx context.Context, tx *sql.Tx, keep, merge string) (*tradegraph.Actor, error) {
	k, kseq, err := actorForMerge(ctx, tx, keep)
	if err != nil {
		return nil, err
	}
	m, mseq, err := actorForMerge(ctx, tx, merge)
	if err != nil {
		return nil, err
	}
	if err := tradegraph.CheckMerge(k, m); err != nil {
		return nil, err
	}
	into := map[string]string{merge: keep}

	// Concerning lists and outlets first, so that relations compared below
	// already read as they will be stored.
	if _, err := tx.ExecContext(ctx, `UPDATE relations SET reported_by = ? WHERE reported_by = ?`, keep, merge); err != nil {
		return nil, fmt.Errorf("redirect reported_by: %w", err)
	}
	if err := redirectConcerning(ctx, tx, merge, into); err != nil {
		return nil, err
	}
	if err := moveRelations(ctx, tx, merge, into); err != nil {
		return nil, err
	}

	// A row that keep already has for the same place or article stays, and
	// merge's is dropped with merge.
	for _, q := range []string{
		`UPDATE OR IGNORE mentions SET actor_id = ? WHERE actor_id = ?`,
		`UPDATE OR IGNORE article_actors SET actor_id = ? WHERE actor_id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, keep, merge); err != nil {
			return nil, fmt.Errorf("move mentions: %w", err)
		}
	}

	if _, err := tx.ExecContext(ctx, `
		INSERT INTO actor_aliases (actor_id, alias)
		SELECT ?, alias FROM actor_aliases WHERE actor_id = ? AND alias <> ?
		ON CONFLICT DO NOTHING`, keep, merge, k.Name); err != nil {
		return nil, fmt.Errorf("merge aliases: %w", err)
	}
	if m.Name != k.Name {
		if _, err := tx.ExecContext(ctx, `INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING`, keep, m.Name); err != nil {
			return nil, fmt.Errorf("merge aliases: %w", err)
		}
	}
	if k.Country == "" && m.Country != "" {
		if _, err := tx.ExecContext(ctx, `UPDATE actors SET country = ? WHERE seq = ?`, m.Country, kseq); err != nil {
			return nil, fmt.Errorf("set country: %w", err)
		}
	}

	// Whatever still refers to merge now would make the delete fail on a
	// foreign key rather than leave a dangling reference.
	if _, err := tx.ExecContext(ctx, `DELETE FROM actor_search WHERE rowid IN (?, ?)`, kseq, mseq); err != nil {
		return nil, fmt.Errorf("refresh search index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM actors WHERE seq = ?`, mseq); err != nil {
		return nil, fmt.Errorf("delete merged actor: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO actor_search (rowid, name, aliases)
		SELECT seq, name, coalesce((SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = actors.id), '')
		FROM actors WHERE seq = ?`, kseq); err != nil {
		return nil, fmt.Errorf("refresh search index: %w", err)
	}

	// Records stay one hop long: those that led to merge now lead to keep,
	// and keep, an actor again, is nobody's alias.
	for _, q := range []struct{ what, query, a, b string }{
		{"redirect merge records", `UPDATE actor_merges SET into_id = ? WHERE into_id = ?`, keep, merge},
		{"record merge", `INSERT INTO actor_merges (id, into_id) VALUES (?, ?)
			ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id`, merge, keep},
	} {
		if _, err := tx.ExecContext(ctx, q.query, q.a, q.b); err != nil {
			return nil, fmt.Errorf("%s: %w", q.what, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM actor_merges WHERE id = ?`, keep); err != nil {
		return nil, fmt.Errorf("record merge: %w", err)
	}

	a, err := scanActor(tx.QueryRowContext(ctx, `SELECT `+actorCols+` FROM actors WHERE id = ?`, keep))
	if err != nil {
		return nil, fmt.Errorf("read kept actor: %w", err)
	}
	return a, nil
}

// redirectConcerning rewrites the concerning lists that name merge.
func redirectConcerning(ctx context.Context, tx *sql.Tx, merge string, into map[string]string) error {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, concerning FROM relations
		WHERE EXISTS (SELECT 1 FROM json_each(relations.concerning) WHERE value = ?)`, merge)
	if err != nil {
		return fmt.Errorf("find concerning lists: %w", err)
	}
	type change struct{ id, concerning string }
	var changes []change
	for rows.Next() {
		var (
			id, js string
			list   []string
		)
		if err := rows.Scan(&id, &js); err != nil {
			rows.Close()
			return fmt.Errorf("find concerning lists: %w", err)
		}
		if err := json.Unmarshal([]byte(js), &list); err != nil {
			rows.Close()
			return fmt.Errorf("decode concerning of %s: %w", id, err)
		}
		changes = append(changes, change{id, jsonList(tradegraph.RedirectIDs(list, into))})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("find concerning lists: %w", err)
	}
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, `UPDATE relations SET concerning = ? WHERE id = ?`, c.concerning, c.id); err != nil {
			return fmt.Errorf("redirect concerning of %s: %w", c.id, err)
		}
	}
	return nil
}

// moveRelations gives every relation from or to merge its new ends and id,
// drops the ones that become loops, and keeps one of two that now share an
// id.
func moveRelations(ctx context.Context, tx *sql.Tx, merge string, into map[string]string) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+relationCols+` FROM relations WHERE from_id = ?1 OR to_id = ?1 ORDER BY id`, merge)
	if err != nil {
		return fmt.Errorf("find relations: %w", err)
	}
	var rels []*tradegraph.Relation
	for rows.Next() {
		r, err := scanRelation(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("find relations: %w", err)
		}
		rels = append(rels, r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("find relations: %w", err)
	}

	del := func(id string) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM relations WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete relation %s: %w", id, err)
		}
		return nil
	}
	for _, r := range rels {
		moved := tradegraph.RedirectActors(&tradegraph.Extraction{
			Article:   &tradegraph.Article{ID: r.Article},
			Relations: []*tradegraph.Relation{r},
		}, into).Relations
		if len(moved) == 0 { // a loop now
			if err := del(r.ID); err != nil {
				return err
			}
			continue
		}
		nr := moved[0]
		old, err := scanRelation(tx.QueryRowContext(ctx, `SELECT `+relationCols+` FROM relations WHERE id = ?`, nr.ID))
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("look up relation %s: %w", nr.ID, err)
		case tradegraph.PreferRelation(nr, old):
			if err := del(old.ID); err != nil {
				return err
			}
		default:
			if err := del(r.ID); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE relations SET id = ?, from_id = ?, to_id = ? WHERE id = ?`,
			nr.ID, nr.From, nr.To, r.ID); err != nil {
			return fmt.Errorf("move relation %s: %w", r.ID, err)
		}
	}
	return nil
}

// followMerges returns v with the ids of merged actors read through
// actor_merges, as tradegraph.RedirectActors does; v itself when it names
// no merged actor.
func followMerges(ctx context.Context, tx *sql.Tx, v *validExtraction) (*validExtraction, error) {
	var ids []string
	for _, a := range v.actors {
		ids = append(ids, a.ID)
	}
	for _, r := range v.relations {
		ids = append(ids, r.Concerning...)
		if r.ReportedBy != "" {
			ids = append(ids, r.ReportedBy)
		}
	}
	slices.Sort(ids)
	rows, err := tx.QueryContext(ctx, `SELECT id, into_id FROM actor_merges WHERE id IN (SELECT value FROM json_each(?))`,
		jsonList(slices.Compact(ids)))
	if err != nil {
		return nil, fmt.Errorf("read merge records: %w", err)
	}
	defer rows.Close()
	into := map[string]string{}
	for rows.Next() {
		var id, to string
		if err := rows.Scan(&id, &to); err != nil {
			return nil, fmt.Errorf("read merge records: %w", err)
		}
		into[id] = to
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read merge records: %w", err)
	}
	if len(into) == 0 {
		return v, nil
	}
	return validate(tradegraph.RedirectActors(v.extraction(), into))
}

// extraction turns v back into an extraction that validates to v again.
func (v *validExtraction) extraction() *tradegraph.Extraction {
	x := &tradegraph.Extraction{Article: v.article, Mentions: v.mentions, Relations: v.relations}
	for _, a := range v.actors {
		cp := *a
		cp.Aliases = v.surface[a.ID]
		x.Actors = append(x.Actors, &cp)
	}
	return x
}
