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

// RelationFacets counts the relations that match f by type, outlet, month
// and hedging, in one query over the same branches FindRelations reads;
// f's order and paging are ignored. An unknown type or a malformed date
// gives an EINVALID error.
func (s *Store) RelationFacets(ctx context.Context, f tradegraph.RelationFilter) (*tradegraph.Facets, error) {
	l, err := relationMatch(f)
	if err != nil {
		return nil, err
	}
	params := maps.Clone(l.params)
	params["parents"] = []map[string]any{{"from": f.From, "to": f.To, "actor": f.Actor, "article": f.Article}}
	query := `UNWIND $parents AS p
CALL (p) {
` + l.union([][]string{nil}, func() string { return "RETURN r" }) + `
}
OPTIONAL MATCH (o:Article {id: r.article})
RETURN type(r) AS type, coalesce(o.outlet, '') AS outlet,
	coalesce(substring(toString(r.date), 0, 7), '') AS month,
	coalesce(r.hedged, false) AS hedged, count(*) AS n`
	type row struct {
		typ, outlet, month string
		hedged             bool
		n                  int
	}
	rows, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) ([]row, error) {
		recs, err := collect(ctx, tx, query, params)
		if err != nil {
			return nil, err
		}
		rows := make([]row, len(recs))
		for i, rec := range recs {
			rows[i].typ, _ = rec.Values[0].(string)
			rows[i].outlet, _ = rec.Values[1].(string)
			rows[i].month, _ = rec.Values[2].(string)
			rows[i].hedged, _ = rec.Values[3].(bool)
			n, _ := rec.Values[4].(int64)
			rows[i].n = int(n)
		}
		return rows, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: relation facets: %w", err)
	}
	byType, byOutlet, byMonth := map[string]int{}, map[string]int{}, map[string]int{}
	fc := &tradegraph.Facets{}
	for _, r := range rows {
		fc.Total += r.n
		byType[r.typ] += r.n
		byOutlet[r.outlet] += r.n
		byMonth[r.month] += r.n
		if r.hedged {
			fc.Hedged += r.n
		}
	}
	fc.ByType, fc.ByOutlet, fc.ByMonth = counts(byType), counts(byOutlet), counts(byMonth)
	return fc, nil
}

// counts turns a map of counts into a list sorted by key.
func counts(m map[string]int) []tradegraph.Count {
	var out []tradegraph.Count
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if m[k] > 0 {
			out = append(out, tradegraph.Count{Key: k, Count: m[k]})
		}
	}
	return out
}

// FindMentions returns the mentions of the articles, ordered by start,
// end and actor id, in one query; an id asked twice is answered once. A
// known article without mentions gets an empty entry; unknown ids get
// none.
func (s *Store) FindMentions(ctx context.Context, articleIDs []string) (map[string][]tradegraph.Mention, error) {
	articleIDs = slices.Compact(slices.Sorted(slices.Values(articleIDs)))
	out, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) (map[string][]tradegraph.Mention, error) {
		recs, err := collect(ctx, tx, `
			UNWIND $ids AS id
			MATCH (ar:Article {id: id})
			OPTIONAL MATCH (ar)-[m:MENTIONS]->(a:Actor)
			RETURN id, a.id, properties(m)`, map[string]any{"ids": articleIDs})
		if err != nil {
			return nil, err
		}
		out := map[string][]tradegraph.Mention{}
		for _, rec := range recs {
			id, _ := rec.Values[0].(string)
			actor, _ := rec.Values[1].(string)
			props, _ := rec.Values[2].(map[string]any)
			ms := out[id]
			if ms == nil {
				ms = []tradegraph.Mention{}
			}
			for _, m := range decodeMentions(props) {
				m.ActorID = actor
				ms = append(ms, m)
			}
			out[id] = ms
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: find mentions: %w", err)
	}
	for _, ms := range out {
		slices.SortFunc(ms, func(a, b tradegraph.Mention) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.ActorID, b.ActorID))
		})
	}
	return out, nil
}
