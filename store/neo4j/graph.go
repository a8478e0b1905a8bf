package neo4j

import (
	"context"
	"fmt"
	"slices"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/tradegraph/tradegraph"
)

// Neighborhood returns the actors within opt.Depth hops of id, following
// relations of opt.Types (all when empty) either way: the centre first, then
// by distance, ties by id, at most opt.Limit of them. Relations are those
// among the returned actors that have one of the types, ordered by id.
// Depth outside 1..MaxDepth or an unknown type gives EINVALID; an unknown
// centre gives ENOTFOUND.
//
// It asks for the actors one distance at a time: the neighbours of the
// actors found at the last distance (the frontier) that are not yet known.
// Expanding the frontier one hop visits each of its relationships once,
// where a variable-length pattern from the centre would enumerate every
// path and, through a hub, run out of memory (it did at 100k articles).
// Each step fetches at most the room left under the limit, plus one to
// tell whether the answer is truncated.
func (s *Store) Neighborhood(ctx context.Context, id string, opt tradegraph.NeighborhoodOptions) (*tradegraph.Subgraph, error) {
	if opt.Depth < 1 || opt.Depth > tradegraph.MaxDepth {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "depth %d is outside 1..%d", opt.Depth, tradegraph.MaxDepth)
	}
	types, err := checkTypes(opt.Types)
	if err != nil {
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
	capped := opt.RelationCap()
	g, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) (*tradegraph.Subgraph, error) {
		if _, err := findActor(ctx, tx, id); err != nil {
			return nil, err
		}
		g := &tradegraph.Subgraph{}
		order := []string{id}
		frontier := order
		for d := 1; d <= opt.Depth && !g.Truncated; d++ {
			room := limit - len(order)
			recs, err := collect(ctx, tx, `
				UNWIND $frontier AS fid
				MATCH (:Actor {id: fid})-[:`+typeList(types)+`]-(b:Actor)
				WITH DISTINCT b WHERE NOT b.id IN $seen
				RETURN b.id ORDER BY b.id LIMIT $n`,
				map[string]any{"frontier": frontier, "seen": order, "n": room + 1})
			if err != nil {
				return nil, err
			}
			if len(recs) == 0 {
				break // nothing further away either
			}
			if len(recs) > room {
				recs, g.Truncated = recs[:room], true
			}
			next := len(order)
			for _, rec := range recs {
				order = append(order, rec.Values[0].(string))
			}
			frontier = order[next:]
		}

		byID, err := actorsByID(ctx, tx, order)
		if err != nil {
			return nil, err
		}
		for _, id := range order {
			g.Actors = append(g.Actors, byID[id])
		}
		recs, err := collect(ctx, tx, `
			MATCH (a:Actor)-[r:`+typeList(types)+`]->(b:Actor)
			WHERE a.id IN $ids AND b.id IN $ids
			WITH r ORDER BY r.id LIMIT $n
			RETURN `+relationMap, map[string]any{"ids": order, "n": capped + 1})
		if err != nil {
			return nil, err
		}
		g.Relations = []*tradegraph.Relation{}
		for _, rec := range recs {
			g.Relations = append(g.Relations, decodeRelation(record(rec)))
		}
		if len(g.Relations) > capped {
			g.Relations, g.Truncated = g.Relations[:capped], true
		}
		return g, nil
	})
	if err != nil {
		if code := tradegraph.ErrorCode(err); code == tradegraph.ENOTFOUND {
			return nil, err
		}
		return nil, fmt.Errorf("neo4j: neighbourhood of %q: %w", id, err)
	}
	return g, nil
}

// candidateChunk is how many neighbours one query checks for lying on a
// shortest path.
const candidateChunk = 100

// ShortestPath returns one shortest path from from to to over relations of
// opt.Types (all when empty), followed either way. The path is the same
// every time: walking back from to, each actor's predecessor is the one
// with the smallest id among its neighbours one hop closer to from, and
// each hop is the relation with the smallest id between its two actors.
// MaxHops outside 1..MaxHops or an unknown type gives EINVALID; an unknown
// actor, or no path within opt.MaxHops, gives ENOTFOUND.
//
// Cypher's shortestPath finds the length (searching from both ends); the
// walk back then tries each actor's neighbours in id order, in chunks,
// until one has a path from from that is one hop shorter.
func (s *Store) ShortestPath(ctx context.Context, from, to string, opt tradegraph.PathOptions) (*tradegraph.Subgraph, error) {
	if opt.MaxHops < 1 || opt.MaxHops > tradegraph.MaxHops {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "maxHops %d is outside 1..%d", opt.MaxHops, tradegraph.MaxHops)
	}
	types, err := checkTypes(opt.Types)
	if err != nil {
		return nil, err
	}
	rels := typeList(types)
	g, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) (*tradegraph.Subgraph, error) {
		start, err := findActor(ctx, tx, from)
		if err != nil {
			return nil, err
		}
		if _, err := findActor(ctx, tx, to); err != nil {
			return nil, err
		}
		if from == to {
			return &tradegraph.Subgraph{Actors: []*tradegraph.Actor{start}, Relations: []*tradegraph.Relation{}}, nil
		}
		recs, err := collect(ctx, tx, fmt.Sprintf(`
			MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
			MATCH p = shortestPath((a)-[:%s*1..%d]-(b))
			RETURN length(p)`, rels, opt.MaxHops), map[string]any{"from": from, "to": to})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "no path of at most %d hops between %q and %q", opt.MaxHops, from, to)
		}
		hops := int(recs[0].Values[0].(int64))

		path := []string{to}
		for cur, dist := to, hops; dist > 1; dist-- {
			prev, err := predecessor(ctx, tx, rels, from, cur, dist)
			if err != nil {
				return nil, err
			}
			path = append(path, prev)
			cur = prev
		}
		path = append(path, from)
		slices.Reverse(path)

		byID, err := actorsByID(ctx, tx, path)
		if err != nil {
			return nil, err
		}
		g := &tradegraph.Subgraph{}
		steps := make([]map[string]any, 0, len(path)-1)
		for i, id := range path {
			g.Actors = append(g.Actors, byID[id])
			if i > 0 {
				steps = append(steps, map[string]any{"i": i, "a": path[i-1], "b": id})
			}
		}
		recs, err = collect(ctx, tx, `
			UNWIND $steps AS step
			CALL (step) {
				MATCH (:Actor {id: step.a})-[r:`+rels+`]-(:Actor {id: step.b})
				RETURN r ORDER BY r.id LIMIT 1
			}
			RETURN `+relationMap+` ORDER BY step.i`, map[string]any{"steps": steps})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			g.Relations = append(g.Relations, decodeRelation(record(rec)))
		}
		if len(g.Relations) != len(steps) {
			return nil, fmt.Errorf("path changed while it was read: %d hops, %d relations", len(steps), len(g.Relations))
		}
		return g, nil
	})
	if err != nil {
		if code := tradegraph.ErrorCode(err); code == tradegraph.ENOTFOUND {
			return nil, err
		}
		return nil, fmt.Errorf("neo4j: path from %q to %q: %w", from, to, err)
	}
	return g, nil
}

// predecessor returns the neighbour of cur with the smallest id that has a
// path of dist-1 hops from from, cur being dist hops from from (dist > 1).
func predecessor(ctx context.Context, tx neo4jdriver.ManagedTransaction, rels, from, cur string, dist int) (string, error) {
	recs, err := collect(ctx, tx, `
		MATCH (:Actor {id: $cur})-[:`+rels+`]-(n:Actor)
		RETURN DISTINCT n.id AS id ORDER BY id`, map[string]any{"cur": cur})
	if err != nil {
		return "", err
	}
	candidates := make([]string, len(recs))
	for i, rec := range recs {
		candidates[i] = rec.Values[0].(string)
	}
	check := fmt.Sprintf(`
		MATCH (s:Actor {id: $from})
		UNWIND $ids AS id
		MATCH (n:Actor {id: id})
		MATCH p = shortestPath((s)-[:%s*1..%d]-(n))
		RETURN id ORDER BY id LIMIT 1`, rels, dist-1)
	for chunk := range slices.Chunk(candidates, candidateChunk) {
		recs, err := collect(ctx, tx, check, map[string]any{"from": from, "ids": chunk})
		if err != nil {
			return "", err
		}
		if len(recs) > 0 {
			return recs[0].Values[0].(string), nil
		}
	}
	return "", fmt.Errorf("no neighbour of %q is %d hops from %q: the graph changed while it was read", cur, dist-1, from)
}
