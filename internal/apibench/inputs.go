package apibench

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/tradegraph/tradegraph"
)

// Pools are the inputs of each query, drawn from what a store holds.
type Pools map[string][]Input

// Thresholds of the inputs: a profile or a timeline shows an actor with at
// least ProfileDegree relations (a full first page), a network view starts
// from one with at least ViewDegree.
const (
	ProfileDegree = 50
	ViewDegree    = 10
)

// DrawInputs draws up to size inputs per query from st with a fixed seed,
// so that two runs on the same corpus ask the same questions:
//
//   - search: the first half (at least three letters) of the name of a
//     random actor, as typed into a search box;
//   - profile and timeline: random actors with at least ProfileDegree
//     relations;
//   - neighborhood: random actors with at least ViewDegree relations;
//   - path: pairs of those, kept when a shortest path of 2 to 4 hops joins
//     them.
//
// An actor's relations are counted with Actor.Degree when the store fills
// it, else by asking for a page of ProfileDegree of its relations, for at
// most maxChecks actors.
func DrawInputs(ctx context.Context, st tradegraph.Store, size int, seed uint64) (Pools, error) {
	const maxChecks = 4000
	var all []*tradegraph.Actor
	f := tradegraph.ActorFilter{Paging: tradegraph.Paging{First: tradegraph.MaxPageSize}}
	for {
		p, err := st.FindActors(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("apibench: list actors: %w", err)
		}
		all = append(all, p.Items...)
		if !p.HasNext || len(p.Items) == 0 {
			break
		}
		f.After = tradegraph.Cursor{ID: p.Items[len(p.Items)-1].ID}
	}
	rng := rand.New(rand.NewPCG(seed, 0x61706962656e6368))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })

	pools := Pools{}
	for _, a := range all {
		if len(pools["search"]) == size {
			break
		}
		if n := utf8.RuneCountInString(a.Name); n >= 3 {
			prefix := []rune(a.Name)[:max(3, n/2)]
			pools["search"] = append(pools["search"], Input{Text: string(prefix)})
		}
	}

	haveDegree := false
	for _, a := range all {
		if a.Degree > 0 {
			haveDegree = true
			break
		}
	}
	var rich, view []string
	for i, a := range all {
		if len(rich) >= size && len(view) >= size {
			break
		}
		d := a.Degree
		if !haveDegree {
			if i == maxChecks {
				break
			}
			p, err := st.FindRelations(ctx, tradegraph.RelationFilter{Actor: a.ID, Paging: tradegraph.Paging{First: ProfileDegree}})
			if err != nil {
				return nil, fmt.Errorf("apibench: count relations: %w", err)
			}
			d = len(p.Items)
		}
		if d >= ProfileDegree && len(rich) < size {
			rich = append(rich, a.ID)
		}
		if d >= ViewDegree && len(view) < size {
			view = append(view, a.ID)
		}
	}
	for _, id := range rich {
		pools["profile"] = append(pools["profile"], Input{ID: id})
		pools["timeline"] = append(pools["timeline"], Input{ID: id})
	}
	for _, id := range view {
		pools["neighborhood"] = append(pools["neighborhood"], Input{ID: id})
	}
	for tries := 0; len(view) > 1 && tries < 10*size && len(pools["path"]) < size; tries++ {
		from, to := view[rng.IntN(len(view))], view[rng.IntN(len(view))]
		if from == to {
			continue
		}
		g, err := st.ShortestPath(ctx, from, to, tradegraph.PathOptions{MaxHops: 4})
		if tradegraph.ErrorCode(err) == tradegraph.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, fmt.Errorf("apibench: path: %w", err)
		}
		if hops := len(g.Relations); hops >= 2 && hops <= 4 {
			pools["path"] = append(pools["path"], Input{ID: from, To: to})
		}
	}
	for _, q := range Queries {
		if len(pools[q.Name]) == 0 {
			return nil, fmt.Errorf("apibench: the store holds no input for %s (%d actors)", q.Name, len(all))
		}
	}
	return pools, nil
}

// CachedInputs is DrawInputs with its answer kept in file: drawing costs
// a pass over every actor and hundreds of path searches, which a 100k
// corpus makes slow. An unreadable file is drawn again.
func CachedInputs(ctx context.Context, st tradegraph.Store, file string, size int, seed uint64) (Pools, error) {
	var cached struct {
		Size  int
		Seed  uint64
		Pools Pools
	}
	if b, err := os.ReadFile(file); err == nil && json.Unmarshal(b, &cached) == nil && cached.Size == size && cached.Seed == seed {
		return cached.Pools, nil
	}
	pools, err := DrawInputs(ctx, st, size, seed)
	if err != nil {
		return nil, err
	}
	cached.Size, cached.Seed, cached.Pools = size, seed, pools
	b, err := json.MarshalIndent(cached, "", " ")
	if err == nil {
		err = os.MkdirAll(filepath.Dir(file), 0o755)
	}
	if err == nil {
		err = os.WriteFile(file, b, 0o644)
	}
	if err != nil {
		return nil, fmt.Errorf("apibench: keep inputs: %w", err)
	}
	return pools, nil
}
