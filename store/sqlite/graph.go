package sqlite

import (
	"context"
	"fmt"
	"slices"

	"github.com/tradegraph/tradegraph"
)

// tradegraph.DefaultNeighborhoodLimit is the actor limit of a neighbourhood query that
// sets none.

// Neighborhood returns the actors within opt.Depth hops of id, following
// relations of opt.Types (all when empty) either way: the centre first, then
// by distance, ties by id, at most opt.Limit of them. Relations are those
// among the returned actors that have one of the types, ordered by id.
// Depth outside 1..MaxDepth or an unknown type gives EINVALID; an unknown
// centre gives ENOTFOUND.
func (s *Store) Neighborhood(ctx context.Context, id string, opt tradegraph.NeighborhoodOptions) (*tradegraph.Subgraph, error) {
	if opt.Depth < 1 || opt.Depth > tradegraph.MaxDepth {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "depth %d is outside 1..%d", opt.Depth, tradegraph.MaxDepth)
	}
	if err := checkTypes(opt.Types); err != nil {
		return nil, err
	}
	limit := opt.Limit
	switch {
	case limit == 0:
		limit = tradegraph.DefaultNeighborhoodLimit
	case limit < 1:
		limit = 1
	case limit > tradegraph.MaxNeighborhoodNodes:
		limit = tradegraph.MaxNeighborhoodNodes
	}
	if _, err := s.FindActorByID(ctx, id); err != nil {
		return nil, err
	}

	order := []string{id}
	seen := map[string]bool{id: true}
	frontier := []string{id}
	for level := 1; level <= opt.Depth && len(frontier) > 0 && len(order) <= limit; level++ {
		next, err := s.adjacent(ctx, frontier, opt.Types)
		if err != nil {
			return nil, err
		}
		frontier = nil
		for _, n := range next {
			if !seen[n.to] {
				seen[n.to] = true
				frontier = append(frontier, n.to)
			}
		}
		slices.Sort(frontier)
		order = append(order, frontier...)
	}
	g := &tradegraph.Subgraph{}
	if len(order) > limit {
		order, g.Truncated = order[:limit], true
	}

	byID, err := s.actorsByID(ctx, order)
	if err != nil {
		return nil, fmt.Errorf("sqlite: neighbourhood of %q: %w", id, err)
	}
	for _, id := range order {
		g.Actors = append(g.Actors, byID[id])
	}

	w := where{}
	w.add(`from_id IN (SELECT value FROM json_each(?))`, jsonList(order))
	w.add(`to_id IN (SELECT value FROM json_each(?))`, jsonList(order))
	if len(opt.Types) > 0 {
		w.add(`type IN (SELECT value FROM json_each(?))`, jsonList(opt.Types))
	}
	capped := opt.RelationCap()
	rows, err := s.read.QueryContext(ctx, `SELECT `+relationCols+` FROM relations`+w.String()+` ORDER BY id LIMIT ?`, append(w.args, capped+1)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: neighbourhood of %q: %w", id, err)
	}
	defer rows.Close()
	g.Relations = []*tradegraph.Relation{}
	for rows.Next() {
		r, err := scanRelation(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: neighbourhood of %q: %w", id, err)
		}
		g.Relations = append(g.Relations, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: neighbourhood of %q: %w", id, err)
	}
	if len(g.Relations) > capped {
		g.Relations, g.Truncated = g.Relations[:capped], true
	}
	return g, nil
}

// edge is one step of a traversal: from an actor of the frontier to a
// neighbour, whichever way the relation points.
type edge struct{ from, to string }

// adjacent returns the distinct steps out of the actors in frontier over
// relations of the given types, ordered by neighbour, then by the actor
// the step starts from.
func (s *Store) adjacent(ctx context.Context, frontier []string, types []tradegraph.RelationType) ([]edge, error) {
	typeFilter := ""
	args := []any{jsonList(frontier)}
	if len(types) > 0 {
		typeFilter = ` AND type IN (SELECT value FROM json_each(?2))`
		args = append(args, jsonList(types))
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT from_id, to_id FROM relations WHERE from_id IN (SELECT value FROM json_each(?1))`+typeFilter+`
		UNION
		SELECT to_id, from_id FROM relations WHERE to_id IN (SELECT value FROM json_each(?1))`+typeFilter+`
		ORDER BY 2, 1`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: traverse relations: %w", err)
	}
	defer rows.Close()
	var out []edge
	for rows.Next() {
		var e edge
		if err := rows.Scan(&e.from, &e.to); err != nil {
			return nil, fmt.Errorf("sqlite: traverse relations: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: traverse relations: %w", err)
	}
	return out, nil
}

// ShortestPath returns one shortest path from from to to over relations of
// opt.Types (all when empty), followed either way. The path is the same
// every time: walking back from to, each actor's predecessor is the one
// with the smallest id among its neighbours one hop closer to from, and
// each hop is the relation with the smallest id between its two actors.
// MaxHops outside 1..MaxHops or an unknown type gives EINVALID; an unknown
// actor, or no path within opt.MaxHops, gives ENOTFOUND.
func (s *Store) ShortestPath(ctx context.Context, from, to string, opt tradegraph.PathOptions) (*tradegraph.Subgraph, error) {
	if opt.MaxHops < 1 || opt.MaxHops > tradegraph.MaxHops {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "maxHops %d is outside 1..%d", opt.MaxHops, tradegraph.MaxHops)
	}
	if err := checkTypes(opt.Types); err != nil {
		return nil, err
	}
	start, err := s.FindActorByID(ctx, from)
	if err != nil {
		return nil, err
	}
	end, err := s.FindActorByID(ctx, to)
	if err != nil {
		return nil, err
	}
	if from == to {
		return &tradegraph.Subgraph{Actors: []*tradegraph.Actor{start}, Relations: []*tradegraph.Relation{}}, nil
	}

	parent := map[string]string{from: ""}
	frontier := []string{from}
	found := false
	for hop := 1; hop <= opt.MaxHops && len(frontier) > 0 && !found; hop++ {
		steps, err := s.adjacent(ctx, frontier, opt.Types)
		if err != nil {
			return nil, err
		}
		var next []string
		// Steps come ordered by neighbour, then by predecessor, so the
		// first step to reach a neighbour has the smallest predecessor.
		for _, e := range steps {
			if _, ok := parent[e.to]; !ok {
				parent[e.to] = e.from
				next = append(next, e.to)
			}
		}
		frontier = next
		_, found = parent[to]
	}
	if !found {
		return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "no path of at most %d hops between %q and %q", opt.MaxHops, from, to)
	}

	path := []string{to}
	for p := parent[to]; p != ""; p = parent[p] {
		path = append(path, p)
	}
	slices.Reverse(path)

	g := &tradegraph.Subgraph{Actors: []*tradegraph.Actor{start}}
	for i := 1; i < len(path); i++ {
		a := end
		if i < len(path)-1 {
			if a, err = s.FindActorByID(ctx, path[i]); err != nil {
				return nil, err
			}
		}
		g.Actors = append(g.Actors, a)
		r, err := s.hop(ctx, path[i-1], path[i], opt.Types)
		if err != nil {
			return nil, err
		}
		g.Relations = append(g.Relations, r)
	}
	return g, nil
}

// hop returns the relation with the smallest id between a and b, either
// way, of one of the types.
func (s *Store) hop(ctx context.Context, a, b string, types []tradegraph.RelationType) (*tradegraph.Relation, error) {
	var w where
	w.add(`((from_id = ? AND to_id = ?) OR (from_id = ? AND to_id = ?))`, a, b, b, a)
	if len(types) > 0 {
		w.add(`type IN (SELECT value FROM json_each(?))`, jsonList(types))
	}
	r, err := scanRelation(s.read.QueryRowContext(ctx, `SELECT `+relationCols+` FROM relations`+w.String()+` ORDER BY id LIMIT 1`, w.args...))
	if err != nil {
		return nil, fmt.Errorf("sqlite: path step %q–%q: %w", a, b, err)
	}
	return r, nil
}

// actorsByID loads the actors with the given ids, however many.
func (s *Store) actorsByID(ctx context.Context, ids []string) (map[string]*tradegraph.Actor, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+actorCols+` FROM actors WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[string]*tradegraph.Actor{}
	for rows.Next() {
		a, err := scanActor(rows)
		if err != nil {
			return nil, err
		}
		byID[a.ID] = a
	}
	return byID, rows.Err()
}
