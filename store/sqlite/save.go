package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tradegraph/tradegraph"
)

// SaveExtraction writes x in one transaction, as SaveExtractions does: it
// upserts the article and its actors, and replaces the article's mentions
// and relations. An existing actor keeps its kind, name and country (the
// country is filled in when it had none); every other name it goes by in
// x becomes an alias. Ids of merged actors are read through actor_merges
// first. Invalid input gives an EINVALID error and writes nothing.
func (s *Store) SaveExtraction(ctx context.Context, x *tradegraph.Extraction) error {
	return s.SaveExtractions(ctx, []*tradegraph.Extraction{x})[0]
}

// validExtraction is a tradegraph.ValidExtraction under the names this
// package's save and merge code reads.
type validExtraction struct {
	article   *tradegraph.Article
	actors    []*tradegraph.Actor
	surface   map[string][]string // actor id → every name x gives it, its first name first
	mentions  []tradegraph.Mention
	relations []*tradegraph.Relation
}

// validate checks x with tradegraph.Extraction.Validate, which both stores
// share, so that they reject the same extractions with the same errors.
func validate(x *tradegraph.Extraction) (*validExtraction, error) {
	v, err := x.Validate()
	if err != nil {
		return nil, err
	}
	return &validExtraction{article: v.Article, actors: v.Actors, surface: v.Names, mentions: v.Mentions, relations: v.Relations}, nil
}

// validDate reports whether s is a date of the form YYYY-MM-DD.
func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// saveStmts are the statements a save runs once per article, actor,
// mention or relation, parsed once per transaction instead of once per
// row.
type saveStmts struct {
	upsertArticle, deleteArticleActors, deleteMentions, deleteRelations,
	findActor, insertActor, setCountry, insertAlias, deleteSearch, insertSearch,
	insertArticleActor, insertMention, insertRelation *sql.Stmt
}

func prepareSave(ctx context.Context, tx *sql.Tx) (*saveStmts, error) {
	var (
		st   saveStmts
		errs []error
	)
	prep := func(query string) *sql.Stmt {
		stmt, err := tx.PrepareContext(ctx, query)
		errs = append(errs, err)
		return stmt
	}
	st.upsertArticle = prep(`
		INSERT INTO articles (id, title, url, outlet, published, text, source)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET
			title = excluded.title, url = excluded.url, outlet = excluded.outlet,
			published = excluded.published, text = excluded.text, source = excluded.source
		WHERE (title, url, outlet, published, text, source) IS NOT
			(excluded.title, excluded.url, excluded.outlet, excluded.published, excluded.text, excluded.source)`)
	st.deleteArticleActors = prep(`DELETE FROM article_actors WHERE article_id = ?`)
	st.deleteMentions = prep(`DELETE FROM mentions WHERE article_id = ?`)
	st.deleteRelations = prep(`DELETE FROM relations WHERE article_id = ?`)
	st.findActor = prep(`SELECT seq, name, country FROM actors WHERE id = ?`)
	st.insertActor = prep(`INSERT INTO actors (id, kind, name, country) VALUES (?, ?, ?, ?)`)
	st.setCountry = prep(`UPDATE actors SET country = ? WHERE seq = ?`)
	st.insertAlias = prep(`INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING`)
	st.deleteSearch = prep(`DELETE FROM actor_search WHERE rowid = ?`)
	st.insertSearch = prep(`
		INSERT INTO actor_search (rowid, name, aliases)
		SELECT ?, ?, coalesce((SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = ?), '')`)
	st.insertArticleActor = prep(`INSERT INTO article_actors (article_id, actor_id) VALUES (?, ?) ON CONFLICT DO NOTHING`)
	st.insertMention = prep(`INSERT INTO mentions (article_id, actor_id, text, start, "end") VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`)
	st.insertRelation = prep(`INSERT INTO relations (id, type, from_id, to_id, article_id, evidence, span_start, span_end,
			about, concerning, hedged, confidence, reported_by, date, cameo, rule)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	return &st, nil
}

// saveTx writes v with the statements st prepared on tx. Statements
// prepared on a transaction close with it.
func saveTx(ctx context.Context, st *saveStmts, v *validExtraction) error {
	a := v.article
	if _, err := st.upsertArticle.ExecContext(ctx, a.ID, a.Title, a.URL, a.Outlet, a.Published, a.Text, a.Source); err != nil {
		return fmt.Errorf("upsert article: %w", err)
	}

	for _, ac := range v.actors {
		if err := saveActor(ctx, st, ac, v.surface[ac.ID]); err != nil {
			return fmt.Errorf("actor %q: %w", ac.ID, err)
		}
	}

	if _, err := st.deleteArticleActors.ExecContext(ctx, a.ID); err != nil {
		return fmt.Errorf("delete old article actors: %w", err)
	}
	for _, ac := range v.actors {
		if _, err := st.insertArticleActor.ExecContext(ctx, a.ID, ac.ID); err != nil {
			return fmt.Errorf("link actor %q: %w", ac.ID, err)
		}
	}

	if _, err := st.deleteMentions.ExecContext(ctx, a.ID); err != nil {
		return fmt.Errorf("delete old mentions: %w", err)
	}
	for _, m := range v.mentions {
		if _, err := st.insertMention.ExecContext(ctx, a.ID, m.ActorID, m.Text, m.Start, m.End); err != nil {
			return fmt.Errorf("insert mention: %w", err)
		}
	}

	if _, err := st.deleteRelations.ExecContext(ctx, a.ID); err != nil {
		return fmt.Errorf("delete old relations: %w", err)
	}
	for _, r := range v.relations {
		concerning := r.Concerning
		if concerning == nil {
			concerning = []string{}
		}
		cj, err := json.Marshal(concerning)
		if err != nil {
			return fmt.Errorf("encode concerning: %w", err)
		}
		if _, err := st.insertRelation.ExecContext(ctx, r.ID, string(r.Type), r.From, r.To, r.Article, r.Evidence, r.Span[0], r.Span[1],
			r.About, string(cj), r.Hedged, r.Confidence, r.ReportedBy, r.Date, r.Cameo, r.Rule); err != nil {
			return fmt.Errorf("insert relation %s: %w", r.ID, err)
		}
	}
	return nil
}

// saveActor inserts ac or, when it exists, adds to its aliases, and keeps
// its full-text row in step. Rows that would not change are not written,
// so that saving the same extraction twice leaves the file as it was.
func saveActor(ctx context.Context, st *saveStmts, ac *tradegraph.Actor, names []string) error {
	var (
		seq           int64
		name, country string
	)
	err := st.findActor.QueryRowContext(ctx, ac.ID).Scan(&seq, &name, &country)
	changed := false
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := st.insertActor.ExecContext(ctx, ac.ID, string(ac.Kind), ac.Name, ac.Country)
		if err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		if seq, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		name, changed = ac.Name, true
	case err != nil:
		return fmt.Errorf("look up: %w", err)
	default:
		if country == "" && ac.Country != "" {
			if _, err := st.setCountry.ExecContext(ctx, ac.Country, seq); err != nil {
				return fmt.Errorf("set country: %w", err)
			}
		}
	}

	for _, alias := range names {
		if alias == name {
			continue
		}
		res, err := st.insertAlias.ExecContext(ctx, ac.ID, alias)
		if err != nil {
			return fmt.Errorf("insert alias: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("insert alias: %w", err)
		} else if n > 0 {
			changed = true
		}
	}
	if !changed {
		return nil
	}
	if _, err := st.deleteSearch.ExecContext(ctx, seq); err != nil {
		return fmt.Errorf("refresh search index: %w", err)
	}
	if _, err := st.insertSearch.ExecContext(ctx, seq, name, ac.ID); err != nil {
		return fmt.Errorf("refresh search index: %w", err)
	}
	return nil
}
