package apibench

import (
	"context"
	"sync"

	"github.com/tradegraph/tradegraph"
)

// Query is one of the typical queries a frontend makes, in two forms that
// give the same answer: a GraphQL document, and the Store calls a careful
// Go caller would make for it.
type Query struct {
	Name string
	// Document is the GraphQL operation; Vars gives its variables for one
	// input of the pool.
	Document string
	Vars     func(in Input) map[string]any
	// Direct answers the same question from the Store. Its result encodes
	// to the same JSON as the `data` member of the GraphQL response.
	Direct func(ctx context.Context, st tradegraph.Store, in Input) (any, error)
}

// Input is one set of arguments of a query: an actor id, a second actor
// (path) or a text (search).
type Input struct {
	ID, To, Text string
}

// The JSON shapes of the answers, in the order of the GraphQL selections so
// that both modes encode byte for byte the same.
type (
	actorRef struct {
		ID string `json:"id"`
	}
	actorBrief struct {
		ID      string `json:"id"`
		Kind    string `json:"kind"`
		Name    string `json:"name"`
		Country string `json:"country"`
	}
	evidence struct {
		Sentence string `json:"sentence"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
	}
	articleBrief struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Outlet    string `json:"outlet"`
		Published string `json:"published"`
	}
	pageInfo struct {
		HasNextPage bool `json:"hasNextPage"`
	}
)

func brief(a *tradegraph.Actor) actorBrief {
	return actorBrief{ID: a.ID, Kind: string(a.Kind), Name: a.Name, Country: a.Country}
}

func briefArticle(a *tradegraph.Article) articleBrief {
	return articleBrief{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Published: a.Published}
}

func span(r *tradegraph.Relation) evidence {
	return evidence{Sentence: r.Evidence, Start: r.Span[0], End: r.Span[1]}
}

// Queries are the five typical queries of issue 5.
var Queries = []Query{search, profile, neighborhood, path, timeline}

// search is a type-ahead box: the first letters of a name, ten answers.
var search = Query{
	Name: "search",
	Document: `query Search($text: String!) {
  search(text: $text, first: 10) { id kind name country }
}`,
	Vars: func(in Input) map[string]any { return map[string]any{"text": in.Text} },
	Direct: func(ctx context.Context, st tradegraph.Store, in Input) (any, error) {
		as, err := st.SearchActors(ctx, in.Text, nil, 10)
		if err != nil {
			return nil, err
		}
		out := struct {
			Search []actorBrief `json:"search"`
		}{Search: make([]actorBrief, 0, len(as))}
		for _, a := range as {
			out.Search = append(out.Search, brief(a))
		}
		return out, nil
	},
}

// profileRelation is a relation as an actor's page shows it: both ends by
// name, the evidence and the article it comes from.
type profileRelation struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	Date       string       `json:"date"`
	Hedged     bool         `json:"hedged"`
	Confidence float64      `json:"confidence"`
	About      string       `json:"about"`
	From       actorBrief   `json:"from"`
	To         actorBrief   `json:"to"`
	Evidence   evidence     `json:"evidence"`
	Article    articleBrief `json:"article"`
}

const profileRelationFields = `id type date hedged confidence about
        from { id kind name country }
        to { id kind name country }
        evidence { sentence start end }
        article { id title outlet published }`

// profile is an actor's page: the actor and fifty of its relations, each
// with both ends, the evidence and the article.
var profile = Query{
	Name: "profile",
	Document: `query Profile($id: ID!) {
  actor(id: $id) {
    id kind name aliases country
    relations(first: 50) {
      pageInfo { hasNextPage }
      nodes { ` + profileRelationFields + ` }
    }
  }
}`,
	Vars: func(in Input) map[string]any { return map[string]any{"id": in.ID} },
	Direct: func(ctx context.Context, st tradegraph.Store, in Input) (any, error) {
		// The actor and its relations do not depend on each other, so a
		// careful caller asks for both at once.
		var (
			a    *tradegraph.Actor
			page *tradegraph.Page[*tradegraph.Relation]
		)
		err := both(
			func() (err error) { a, err = st.FindActorByID(ctx, in.ID); return },
			func() (err error) {
				page, err = st.FindRelations(ctx, tradegraph.RelationFilter{Actor: in.ID, Paging: tradegraph.Paging{First: 50}})
				return
			})
		if err != nil {
			return nil, err
		}
		rels, err := describe(ctx, st, page.Items)
		if err != nil {
			return nil, err
		}
		type actor struct {
			ID        string   `json:"id"`
			Kind      string   `json:"kind"`
			Name      string   `json:"name"`
			Aliases   []string `json:"aliases"`
			Country   string   `json:"country"`
			Relations struct {
				PageInfo pageInfo          `json:"pageInfo"`
				Nodes    []profileRelation `json:"nodes"`
			} `json:"relations"`
		}
		out := struct {
			Actor actor `json:"actor"`
		}{actor{ID: a.ID, Kind: string(a.Kind), Name: a.Name, Aliases: a.Aliases, Country: a.Country}}
		if out.Actor.Aliases == nil {
			out.Actor.Aliases = []string{}
		}
		out.Actor.Relations.PageInfo.HasNextPage = page.HasNext
		out.Actor.Relations.Nodes = rels
		return out, nil
	},
}

// describe fills in the ends and articles of relations with one look-up of
// all their actors and one of all their articles, run at once.
func describe(ctx context.Context, st tradegraph.Store, rs []*tradegraph.Relation) ([]profileRelation, error) {
	var actorIDs, articleIDs []string
	seenActor, seenArticle := map[string]bool{}, map[string]bool{}
	for _, r := range rs {
		for _, id := range []string{r.From, r.To} {
			if !seenActor[id] {
				seenActor[id] = true
				actorIDs = append(actorIDs, id)
			}
		}
		if !seenArticle[r.Article] {
			seenArticle[r.Article] = true
			articleIDs = append(articleIDs, r.Article)
		}
	}
	actors := make(map[string]*tradegraph.Actor, len(actorIDs))
	articles := make(map[string]*tradegraph.Article, len(articleIDs))
	err := both(
		func() error {
			p, err := st.FindActors(ctx, tradegraph.ActorFilter{IDs: actorIDs, Paging: tradegraph.Paging{First: len(actorIDs)}})
			if err != nil {
				return err
			}
			for _, a := range p.Items {
				actors[a.ID] = a
			}
			return nil
		},
		func() error {
			p, err := st.FindArticles(ctx, tradegraph.ArticleFilter{IDs: articleIDs, Paging: tradegraph.Paging{First: len(articleIDs)}})
			if err != nil {
				return err
			}
			for _, a := range p.Items {
				articles[a.ID] = a
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	out := make([]profileRelation, 0, len(rs))
	for _, r := range rs {
		from, to, art := actors[r.From], actors[r.To], articles[r.Article]
		if from == nil || to == nil || art == nil {
			return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "relation %s: an end or its article is missing", r.ID)
		}
		out = append(out, profileRelation{
			ID: r.ID, Type: string(r.Type), Date: r.Date, Hedged: r.Hedged, Confidence: r.Confidence, About: r.About,
			From: brief(from), To: brief(to), Evidence: span(r), Article: briefArticle(art),
		})
	}
	return out, nil
}

// both runs f and g at once and returns the first error.
func both(f, g func() error) error {
	var wg sync.WaitGroup
	var gerr error
	wg.Add(1)
	go func() { defer wg.Done(); gerr = g() }()
	ferr := f()
	wg.Wait()
	if ferr != nil {
		return ferr
	}
	return gerr
}

// edge is a relation as a graph view draws it: ends by id, with its
// evidence.
type edge struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	From     actorRef `json:"from"`
	To       actorRef `json:"to"`
	Date     string   `json:"date"`
	Hedged   bool     `json:"hedged"`
	Evidence evidence `json:"evidence"`
}

func edgeOf(r *tradegraph.Relation) edge {
	return edge{ID: r.ID, Type: string(r.Type), From: actorRef{r.From}, To: actorRef{r.To}, Date: r.Date, Hedged: r.Hedged, Evidence: span(r)}
}

const edgeFields = `id type from { id } to { id } date hedged evidence { sentence start end }`

// neighborhood is a network view: two hops around an actor, at most 100
// actors, every edge with its evidence.
var neighborhood = Query{
	Name: "neighborhood",
	Document: `query Neighborhood($id: ID!) {
  neighborhood(id: $id, depth: 2, limit: 100) {
    truncated
    actors { id kind name country }
    relations { ` + edgeFields + ` }
  }
}`,
	Vars: func(in Input) map[string]any { return map[string]any{"id": in.ID} },
	Direct: func(ctx context.Context, st tradegraph.Store, in Input) (any, error) {
		g, err := st.Neighborhood(ctx, in.ID, tradegraph.NeighborhoodOptions{Depth: 2, Limit: 100})
		if err != nil {
			return nil, err
		}
		type subgraph struct {
			Truncated bool         `json:"truncated"`
			Actors    []actorBrief `json:"actors"`
			Relations []edge       `json:"relations"`
		}
		out := struct {
			Neighborhood subgraph `json:"neighborhood"`
		}{subgraph{Truncated: g.Truncated, Actors: make([]actorBrief, 0, len(g.Actors)), Relations: make([]edge, 0, len(g.Relations))}}
		for _, a := range g.Actors {
			out.Neighborhood.Actors = append(out.Neighborhood.Actors, brief(a))
		}
		for _, r := range g.Relations {
			out.Neighborhood.Relations = append(out.Neighborhood.Relations, edgeOf(r))
		}
		return out, nil
	},
}

// path is "how are these two connected": a shortest path of at most four
// hops, each hop with its evidence and article.
var path = Query{
	Name: "path",
	Document: `query Path($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxHops: 4) {
    hops
    actors { id kind name country }
    relations { ` + edgeFields + ` article { id title outlet published } }
  }
}`,
	Vars: func(in Input) map[string]any { return map[string]any{"from": in.ID, "to": in.To} },
	Direct: func(ctx context.Context, st tradegraph.Store, in Input) (any, error) {
		g, err := st.ShortestPath(ctx, in.ID, in.To, tradegraph.PathOptions{MaxHops: 4})
		if err != nil {
			return nil, err
		}
		ids := make([]string, 0, len(g.Relations))
		for _, r := range g.Relations {
			ids = append(ids, r.Article)
		}
		p, err := st.FindArticles(ctx, tradegraph.ArticleFilter{IDs: ids, Paging: tradegraph.Paging{First: len(ids)}})
		if err != nil {
			return nil, err
		}
		articles := make(map[string]*tradegraph.Article, len(p.Items))
		for _, a := range p.Items {
			articles[a.ID] = a
		}
		type hop struct {
			edge
			Article articleBrief `json:"article"`
		}
		type pathOut struct {
			Hops      int          `json:"hops"`
			Actors    []actorBrief `json:"actors"`
			Relations []hop        `json:"relations"`
		}
		out := struct {
			Path pathOut `json:"path"`
		}{pathOut{Hops: len(g.Relations)}}
		for _, a := range g.Actors {
			out.Path.Actors = append(out.Path.Actors, brief(a))
		}
		for _, r := range g.Relations {
			a := articles[r.Article]
			if a == nil {
				return nil, tradegraph.Errorf(tradegraph.ENOTFOUND, "relation %s: article missing", r.ID)
			}
			out.Path.Relations = append(out.Path.Relations, hop{edgeOf(r), briefArticle(a)})
		}
		return out, nil
	},
}

// timeline is an actor's timeline view: the first 50 of its relations in
// date order, and its relations counted by month for the histogram.
var timeline = Query{
	Name: "timeline",
	Document: `query Timeline($id: ID!) {
  timeline(actor: $id, first: 50) {
    byMonth { key count }
    relations {
      pageInfo { hasNextPage }
      nodes { ` + profileRelationFields + ` }
    }
  }
}`,
	Vars: func(in Input) map[string]any { return map[string]any{"id": in.ID} },
	Direct: func(ctx context.Context, st tradegraph.Store, in Input) (any, error) {
		f := tradegraph.RelationFilter{Actor: in.ID, Order: tradegraph.RelationsByDate, Paging: tradegraph.Paging{First: 50}}
		var (
			facets *tradegraph.Facets
			page   *tradegraph.Page[*tradegraph.Relation]
		)
		err := both(
			func() (err error) { facets, err = st.RelationFacets(ctx, f); return },
			func() (err error) { page, err = st.FindRelations(ctx, f); return })
		if err != nil {
			return nil, err
		}
		rels, err := describe(ctx, st, page.Items)
		if err != nil {
			return nil, err
		}
		type count struct {
			Key   string `json:"key"`
			Count int    `json:"count"`
		}
		type conn struct {
			PageInfo pageInfo          `json:"pageInfo"`
			Nodes    []profileRelation `json:"nodes"`
		}
		type timelineOut struct {
			ByMonth   []count `json:"byMonth"`
			Relations conn    `json:"relations"`
		}
		out := struct {
			Timeline timelineOut `json:"timeline"`
		}{timelineOut{ByMonth: make([]count, 0, len(facets.ByMonth)), Relations: conn{pageInfo{page.HasNext}, rels}}}
		for _, c := range facets.ByMonth {
			out.Timeline.ByMonth = append(out.Timeline.ByMonth, count{c.Key, c.Count})
		}
		return out, nil
	},
}
