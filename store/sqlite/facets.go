package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"

	"github.com/tradegraph/tradegraph"
)

// RelationFacets counts the relations that match f by type, outlet (of the
// relation's article), month (the first seven characters of Date) and
// hedging, in one read transaction: one scan of the matching relations,
// counted in Go (SQLite's GROUP BY sorts every row first, seconds for the
// 180k relations of a 10k-article corpus), then the outlets of their
// articles. f's order and paging are ignored; an unknown type, a malformed
// date or a minimum confidence outside 0..1 gives an EINVALID error.
func (s *Store) RelationFacets(ctx context.Context, f tradegraph.RelationFilter) (*tradegraph.Facets, error) {
	w, err := relationWhere(f)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*tradegraph.Facets, error) {
		return nil, fmt.Errorf("sqlite: relation facets: %w", err)
	}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback() // nothing to keep: the transaction only reads

	rows, err := tx.QueryContext(ctx, `SELECT t.type, t.article_id, substr(t.date, 1, 7), t.hedged FROM relations AS t`+w.String(), w.args...)
	if err != nil {
		return fail(err)
	}
	fc := &tradegraph.Facets{}
	byType, byArticle, byMonth := map[string]int{}, map[string]int{}, map[string]int{}
	err = func() error {
		defer rows.Close()
		var (
			typ, article, month string
			hedged              bool
		)
		for rows.Next() {
			if err := rows.Scan(&typ, &article, &month, &hedged); err != nil {
				return err
			}
			fc.Total++
			if hedged {
				fc.Hedged++
			}
			byType[typ]++
			byArticle[article]++
			byMonth[month]++
		}
		return rows.Err()
	}()
	if err != nil {
		return fail(err)
	}

	byOutlet := map[string]int{}
	if len(byArticle) > 0 {
		outlets, err := tx.QueryContext(ctx, `SELECT id, outlet FROM articles WHERE id IN (SELECT value FROM json_each(?))`,
			jsonList(slices.Collect(maps.Keys(byArticle))))
		if err != nil {
			return fail(err)
		}
		err = func() error {
			defer outlets.Close()
			for outlets.Next() {
				var id, outlet string
				if err := outlets.Scan(&id, &outlet); err != nil {
					return err
				}
				byOutlet[outlet] += byArticle[id]
			}
			return outlets.Err()
		}()
		if err != nil {
			return fail(err)
		}
	}
	fc.ByType, fc.ByOutlet, fc.ByMonth = sortedCounts(byType), sortedCounts(byOutlet), sortedCounts(byMonth)
	return fc, nil
}

// sortedCounts lists the counts of m by key; Go compares strings by bytes,
// which for UTF-8 is by code points, as SQLite's BINARY collation does.
func sortedCounts(m map[string]int) []tradegraph.Count {
	out := []tradegraph.Count{}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, tradegraph.Count{Key: k, Count: m[k]})
	}
	return out
}

// FindMentions returns the mentions of each known article of articleIDs,
// ordered by Start, End and actor id, in one query. A known article
// without mentions gets an empty list; an unknown id gets no entry.
func (s *Store) FindMentions(ctx context.Context, articleIDs []string) (map[string][]tradegraph.Mention, error) {
	out := map[string][]tradegraph.Mention{}
	if len(articleIDs) == 0 {
		return out, nil
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT a.id, m.actor_id, m.text, m.start, m."end"
		FROM articles AS a LEFT JOIN mentions AS m ON m.article_id = a.id
		WHERE a.id IN (SELECT value FROM json_each(?))
		ORDER BY a.id, m.start, m."end", m.actor_id`, jsonList(articleIDs))
	if err != nil {
		return nil, fmt.Errorf("sqlite: find mentions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			article, actor, text sql.NullString
			start, end           sql.NullInt64
		)
		if err := rows.Scan(&article, &actor, &text, &start, &end); err != nil {
			return nil, fmt.Errorf("sqlite: find mentions: %w", err)
		}
		list := out[article.String]
		if list == nil {
			list = []tradegraph.Mention{}
		}
		if actor.Valid {
			list = append(list, tradegraph.Mention{ActorID: actor.String, Text: text.String, Start: int(start.Int64), End: int(end.Int64)})
		}
		out[article.String] = list
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find mentions: %w", err)
	}
	return out, nil
}
