package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tradegraph/tradegraph"
)

// SaveExtraction writes x in one transaction: it upserts the article and
// its actors, and replaces the article's mentions and relations. An
// existing actor keeps its kind, name and country (the country is filled
// in when it had none); every other name it goes by in x becomes an alias.
// Ids of merged actors are read through actor_merges first. Invalid input
// gives an EINVALID error and writes nothing.
func (s *Store) SaveExtraction(ctx context.Context, x *tradegraph.Extraction) error {
	v, err := validate(x)
	if err != nil {
		return err
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: save extraction: begin: %w", err)
	}
	defer tx.Rollback()
	// Inside the transaction, so that no merge comes between.
	if v, err = followMerges(ctx, tx, v); err != nil {
		return fmt.Errorf("sqlite: save article %q: %w", x.Article.ID, err)
	}
	if err := saveTx(ctx, tx, v); err != nil {
		return fmt.Errorf("sqlite: save article %q: %w", v.article.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: save article %q: commit: %w", v.article.ID, err)
	}
	return nil
}

// validExtraction is an Extraction checked and normalised for writing,
// without touching the caller's values.
type validExtraction struct {
	article   *tradegraph.Article
	actors    []*tradegraph.Actor
	surface   map[string][]string // actor id → names seen in x
	mentions  []tradegraph.Mention
	relations []*tradegraph.Relation
}

func validate(x *tradegraph.Extraction) (*validExtraction, error) {
	invalid := func(format string, args ...any) error {
		return tradegraph.Errorf(tradegraph.EINVALID, format, args...)
	}
	if x == nil || x.Article == nil {
		return nil, invalid("extraction has no article")
	}
	a := x.Article
	if strings.TrimSpace(a.ID) == "" {
		return nil, invalid("article id is empty")
	}
	if a.Published != "" && !validDate(a.Published) {
		return nil, invalid("article %q: published date %q is not of the form YYYY-MM-DD", a.ID, a.Published)
	}
	v := &validExtraction{article: a, surface: map[string][]string{}}

	// An actor listed twice keeps its first name (the others become
	// aliases) and the first country given.
	byID := map[string]*tradegraph.Actor{}
	for i, ac := range x.Actors {
		switch {
		case ac == nil:
			return nil, invalid("actor %d is nil", i)
		case strings.TrimSpace(ac.ID) == "":
			return nil, invalid("actor %d (%q) has an empty id", i, ac.Name)
		case !ac.Kind.Valid():
			return nil, invalid("actor %q has invalid kind %q", ac.ID, ac.Kind)
		case strings.TrimSpace(ac.Name) == "":
			return nil, invalid("actor %q has an empty name", ac.ID)
		}
		prev := byID[ac.ID]
		switch {
		case prev == nil:
			cp := *ac
			byID[ac.ID] = &cp
			v.actors = append(v.actors, &cp)
		case prev.Kind != ac.Kind:
			return nil, invalid("actor %q is listed as both %s and %s", ac.ID, prev.Kind, ac.Kind)
		default:
			v.surface[ac.ID] = append(v.surface[ac.ID], ac.Name)
			if prev.Country == "" {
				prev.Country = ac.Country
			}
		}
		v.surface[ac.ID] = append(v.surface[ac.ID], ac.Aliases...)
	}

	for i, m := range x.Mentions {
		switch {
		case byID[m.ActorID] == nil:
			return nil, invalid("mention %d (%q) names actor %q, which the extraction does not list", i, m.Text, m.ActorID)
		case m.Start < 0 || m.End < m.Start:
			return nil, invalid("mention %d (%q) has invalid offsets %d..%d", i, m.Text, m.Start, m.End)
		}
		v.mentions = append(v.mentions, m)
		v.surface[m.ActorID] = append(v.surface[m.ActorID], m.Text)
	}

	seen := map[string]bool{}
	for i, r := range x.Relations {
		if r == nil {
			return nil, invalid("relation %d is nil", i)
		}
		desc := fmt.Sprintf("relation %d (%s %s → %s)", i, r.Type, r.From, r.To)
		switch {
		case !r.Type.Valid():
			return nil, invalid("%s: unknown relation type %q", desc, r.Type)
		case byID[r.From] == nil:
			return nil, invalid("%s: from actor %q is not among the extraction's actors", desc, r.From)
		case byID[r.To] == nil:
			return nil, invalid("%s: to actor %q is not among the extraction's actors", desc, r.To)
		case r.Article != "" && r.Article != a.ID:
			return nil, invalid("%s: belongs to article %q, not %q", desc, r.Article, a.ID)
		case r.Span[0] < 0 || r.Span[1] < r.Span[0]:
			return nil, invalid("%s: invalid evidence span %d..%d", desc, r.Span[0], r.Span[1])
		case r.Confidence < 0 || r.Confidence > 1 || r.Confidence != r.Confidence:
			return nil, invalid("%s: confidence %v is outside 0..1", desc, r.Confidence)
		case r.Date != "" && !validDate(r.Date):
			return nil, invalid("%s: date %q is not of the form YYYY-MM-DD", desc, r.Date)
		}
		id := tradegraph.RelationID(r.Type, r.From, r.To, a.ID)
		if r.ID != "" && r.ID != id {
			return nil, invalid("%s: id %q does not match its type, ends and article (want %q)", desc, r.ID, id)
		}
		if seen[id] {
			return nil, invalid("%s: listed twice in one article", desc)
		}
		seen[id] = true
		cp := *r
		cp.ID, cp.Article = id, a.ID
		v.relations = append(v.relations, &cp)
	}
	return v, nil
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// saveStmts are the statements SaveExtraction runs once per actor,
// mention or relation, parsed once per transaction instead of once per row.
type saveStmts struct {
	findActor, insertActor, insertAlias, insertArticleActor, insertMention, insertRelation *sql.Stmt
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
	st.findActor = prep(`SELECT seq, name, country FROM actors WHERE id = ?`)
	st.insertActor = prep(`INSERT INTO actors (id, kind, name, country) VALUES (?, ?, ?, ?)`)
	st.insertArticleActor = prep(`INSERT INTO article_actors (article_id, actor_id) VALUES (?, ?) ON CONFLICT DO NOTHING`)
	st.insertAlias = prep(`INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING`)
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

func saveTx(ctx context.Context, tx *sql.Tx, v *validExtraction) error {
	st, err := prepareSave(ctx, tx)
	if err != nil {
		return err
	}
	// Statements prepared on a transaction close with it.
	a := v.article
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO articles (id, title, url, outlet, published, text, source)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET
			title = excluded.title, url = excluded.url, outlet = excluded.outlet,
			published = excluded.published, text = excluded.text, source = excluded.source
		WHERE (title, url, outlet, published, text, source) IS NOT
			(excluded.title, excluded.url, excluded.outlet, excluded.published, excluded.text, excluded.source)`,
		a.ID, a.Title, a.URL, a.Outlet, a.Published, a.Text, a.Source); err != nil {
		return fmt.Errorf("upsert article: %w", err)
	}

	for _, ac := range v.actors {
		if err := saveActor(ctx, tx, st, ac, v.surface[ac.ID]); err != nil {
			return fmt.Errorf("actor %q: %w", ac.ID, err)
		}
	}

	if _, err := tx.ExecContext(ctx, `DELETE FROM article_actors WHERE article_id = ?`, a.ID); err != nil {
		return fmt.Errorf("delete old article actors: %w", err)
	}
	for _, ac := range v.actors {
		if _, err := st.insertArticleActor.ExecContext(ctx, a.ID, ac.ID); err != nil {
			return fmt.Errorf("link actor %q: %w", ac.ID, err)
		}
	}

	if _, err := tx.ExecContext(ctx, `DELETE FROM mentions WHERE article_id = ?`, a.ID); err != nil {
		return fmt.Errorf("delete old mentions: %w", err)
	}
	for _, m := range v.mentions {
		if _, err := st.insertMention.ExecContext(ctx, a.ID, m.ActorID, m.Text, m.Start, m.End); err != nil {
			return fmt.Errorf("insert mention: %w", err)
		}
	}

	if _, err := tx.ExecContext(ctx, `DELETE FROM relations WHERE article_id = ?`, a.ID); err != nil {
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
func saveActor(ctx context.Context, tx *sql.Tx, st *saveStmts, ac *tradegraph.Actor, surface []string) error {
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
			if _, err := tx.ExecContext(ctx, `UPDATE actors SET country = ? WHERE seq = ?`, ac.Country, seq); err != nil {
				return fmt.Errorf("set country: %w", err)
			}
		}
	}

	names := append([]string{ac.Name}, surface...)
	for _, alias := range names {
		alias = strings.TrimSpace(alias)
		if alias == "" || alias == name {
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
	if _, err := tx.ExecContext(ctx, `DELETE FROM actor_search WHERE rowid = ?`, seq); err != nil {
		return fmt.Errorf("refresh search index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO actor_search (rowid, name, aliases)
		SELECT ?, ?, coalesce((SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = ?), '')`,
		seq, name, ac.ID); err != nil {
		return fmt.Errorf("refresh search index: %w", err)
	}
	return nil
}
