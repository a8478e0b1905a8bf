package neo4j

import (
	"context"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/tradegraph/tradegraph"
)

// ActorPagePlans returns, for every part of the first page of actors f
// selects, the operators of the plan Neo4j makes for it, with the details
// of each ("NodeIndexScan: RANGE INDEX a:Actor(degree, id) ...").
func ActorPagePlans(ctx context.Context, s *Store, f tradegraph.ActorFilter) ([][]string, error) {
	l, err := actorList(f)
	if err != nil {
		return nil, err
	}
	size, backward := f.Paging.Size()
	desc := f.Paging.Desc != backward
	var cursor *tradegraph.Cursor
	params := map[string]any{"parents": []map[string]any{{"i": 0}}, "limit": size + 1}
	if c := f.Paging.After; !c.IsZero() {
		cursor = &c
		params["cursorID"], params["cursorKey"] = c.ID, l.key.value(c)
	}
	var plans [][]string
	for _, part := range l.key.parts(cursor, desc, false) {
		ops, err := explain(ctx, s, l.pageQuery(part, desc), params)
		if err != nil {
			return nil, err
		}
		plans = append(plans, ops)
	}
	return plans, nil
}

func explain(ctx context.Context, s *Store, query string, params map[string]any) ([]string, error) {
	session := s.session(ctx, neo4jdriver.AccessModeRead)
	defer session.Close(ctx)
	res, err := session.Run(ctx, "EXPLAIN "+query, params)
	if err != nil {
		return nil, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, err
	}
	var ops []string
	var walk func(p neo4jdriver.Plan)
	walk = func(p neo4jdriver.Plan) {
		details, _ := p.Arguments()["Details"].(string)
		ops = append(ops, p.Operator()+": "+details)
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(sum.Plan())
	return ops, nil
}
