package storetest

import (
	"fmt"
	"slices"
	"sort"

	"github.com/tradegraph/tradegraph"
)

// Fixture actors. Every kind is present; names are the same in every
// article, so that the saving order never decides an actor's name.
var (
	us        = &tradegraph.Actor{ID: "country:US", Kind: tradegraph.Country, Name: "United States", Aliases: []string{"U.S.", "US"}, Country: "US"}
	jp        = &tradegraph.Actor{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan", Country: "JP"}
	cn        = &tradegraph.Actor{ID: "country:CN", Kind: tradegraph.Country, Name: "China", Country: "CN"}
	tw        = &tradegraph.Actor{ID: "country:TW", Kind: tradegraph.Country, Name: "Taiwan", Country: "TW"}
	jackMa    = &tradegraph.Actor{ID: "person:jack-ma", Kind: tradegraph.Person, Name: "Jack Ma", Country: "CN"}
	nishimura = &tradegraph.Actor{ID: "person:yasutoshi-nishimura", Kind: tradegraph.Person, Name: "Yasutoshi Nishimura", Country: "JP"}
	meti      = &tradegraph.Actor{ID: "ministry:jp-meti", Kind: tradegraph.Ministry, Name: "Ministry of Economy, Trade and Industry", Aliases: []string{"METI"}, Country: "JP"}
	commerce  = &tradegraph.Actor{ID: "ministry:us-commerce", Kind: tradegraph.Ministry, Name: "US Department of Commerce", Country: "US"}
	alibaba   = &tradegraph.Actor{ID: "company:alibaba", Kind: tradegraph.Company, Name: "Alibaba", Country: "CN"}
	aliexp    = &tradegraph.Actor{ID: "company:aliexpress", Kind: tradegraph.Company, Name: "AliExpress", Country: "CN"}
	kyodo     = &tradegraph.Actor{ID: "company:kyodo-news", Kind: tradegraph.Company, Name: "Kyodo News", Country: "JP"}
	asml      = &tradegraph.Actor{ID: "company:asml", Kind: tradegraph.Company, Name: "ASML", Country: "NL"}
	wto       = &tradegraph.Actor{ID: "organization:wto", Kind: tradegraph.Organization, Name: "World Trade Organization", Aliases: []string{"WTO"}}
	g7        = &tradegraph.Actor{ID: "organization:g7", Kind: tradegraph.Organization, Name: "G7"}
	// loner is in the store but in no relation, so paths to it fail.
	loner = &tradegraph.Actor{ID: "organization:loner-guild", Kind: tradegraph.Organization, Name: "Loner Guild"}
)

// rel builds a fixture relation; its id comes from tradegraph.RelationID.
func rel(t tradegraph.RelationType, from, to *tradegraph.Actor, article *tradegraph.Article, about string, hedged bool, date string, concerning ...*tradegraph.Actor) *tradegraph.Relation {
	r := &tradegraph.Relation{
		ID:         tradegraph.RelationID(t, from.ID, to.ID, article.ID),
		Type:       t,
		From:       from.ID,
		To:         to.ID,
		Article:    article.ID,
		Evidence:   fmt.Sprintf("%s %s %s.", from.Name, t, to.Name),
		Span:       [2]int{len(from.ID), len(from.ID) + len(to.ID) + 7},
		About:      about,
		Hedged:     hedged,
		Confidence: 0.5 + float64(len(about)%5)/10 + 0.0123,
		Date:       date,
		Cameo:      t.Cameo(),
		Rule:       "rule:" + string(t),
	}
	for _, c := range concerning {
		r.Concerning = append(r.Concerning, c.ID)
	}
	if hedged {
		r.ReportedBy = kyodo.ID
	}
	return r
}

// mention builds a mention of a with the given surface form.
func mention(a *tradegraph.Actor, text string, start int) tradegraph.Mention {
	return tradegraph.Mention{ActorID: a.ID, Text: text, Start: start, End: start + len([]rune(text))}
}

// fixture returns fresh extractions of four articles that together hold
// every actor kind and every relation type, hedged and not, with and
// without dates. Each call returns new values, so tests may change them.
func fixture() []*tradegraph.Extraction {
	a1 := &tradegraph.Article{ID: "https://news.example/chips", Title: "US asks Japan to join chip curbs", URL: "https://news.example/chips",
		Outlet: "Example News", Published: "2023-03-01", Text: "The United States asked Japan to join export controls.", Source: "testdata/chips.txt"}
	a2 := &tradegraph.Article{ID: "https://news.example/seafood", Title: "China bans Taiwanese seafood", URL: "https://news.example/seafood",
		Outlet: "Taiwan Radio", Published: "2023-06-15", Text: "Beijing halted imports of seafood from Taiwan.", Source: "testdata/seafood.txt"}
	a3 := &tradegraph.Article{ID: "https://news.example/jack-ma", Title: "Jack Ma in Tokyo", URL: "https://news.example/jack-ma",
		Outlet: "Financial Times", Published: "2023-04-10", Text: "Jack Ma has reportedly relocated to Japan. Ma Yun founded Alibaba.", Source: "feed:https://news.example/rss"}
	a4 := &tradegraph.Article{ID: "sha256:0f1e2d3c", Title: "", Text: "The G7 agreed with the WTO. Ünïcödé text — with “quotes”.", Source: "stdin"}

	return []*tradegraph.Extraction{
		{
			Article: a1,
			Actors:  []*tradegraph.Actor{us, jp, cn, nishimura, meti, commerce, kyodo},
			Mentions: []tradegraph.Mention{
				mention(us, "United States", 4), mention(jp, "Japan", 24), mention(jp, "Tokyo", 60),
				mention(cn, "China", 80), mention(nishimura, "Nishimura", 90), mention(meti, "METI", 100),
				mention(commerce, "Commerce Department", 110), mention(kyodo, "Kyodo", 130),
				mention(us, "Washington", 140),
			},
			Relations: []*tradegraph.Relation{
				rel(tradegraph.Requested, us, jp, a1, "join efforts to curb China's semiconductor progress", false, "2023-03-01", cn),
				rel(tradegraph.HoldsRole, nishimura, meti, a1, "Minister of Economy, Trade and Industry", false, "2023-03-01"),
				rel(tradegraph.PartOf, meti, jp, a1, "", false, ""),
				rel(tradegraph.PartOf, commerce, us, a1, "", false, ""),
				rel(tradegraph.RestrictedExports, jp, cn, a1, "semiconductor equipment", true, "2023-03-02", us, commerce),
				rel(tradegraph.MetWith, jp, us, a1, "chip talks", false, "2023-02-28"),
			},
		},
		{
			Article:  a2,
			Actors:   []*tradegraph.Actor{cn, tw, us, alibaba},
			Mentions: []tradegraph.Mention{mention(cn, "Beijing", 0), mention(tw, "Taiwan", 40), mention(us, "US", 50), mention(alibaba, "Alibaba", 60)},
			Relations: []*tradegraph.Relation{
				rel(tradegraph.Banned, cn, tw, a2, "seafood imports", false, "2023-06-15"),
				rel(tradegraph.Criticized, tw, cn, a2, "the seafood ban", false, "2023-06-16"),
				rel(tradegraph.ImposedTariff, us, cn, a2, "steel", false, "2023-06-01"),
				rel(tradegraph.Sanctioned, us, alibaba, a2, "Entity List", true, "2023-06-15", cn),
			},
		},
		{
			Article: a3,
			Actors:  []*tradegraph.Actor{jackMa, jp, alibaba, aliexp, kyodo},
			Mentions: []tradegraph.Mention{mention(jackMa, "Jack Ma", 0), mention(jp, "Japan", 34), mention(jackMa, "Ma Yun", 42),
				mention(alibaba, "Alibaba", 56), mention(aliexp, "AliExpress", 70)},
			Relations: []*tradegraph.Relation{
				rel(tradegraph.RelocatedTo, jackMa, jp, a3, "", true, "2023-04-10"),
				rel(tradegraph.Founded, jackMa, alibaba, a3, "", false, "1999-04-04"),
				rel(tradegraph.Owns, jackMa, aliexp, a3, "", false, "2023-04-10"),
				rel(tradegraph.InvestedIn, alibaba, jp, a3, "cloud data centres", true, "2023-04-10"),
				rel(tradegraph.Acquired, alibaba, aliexp, a3, "", false, "2010-04-01"),
			},
		},
		{
			Article:  a4,
			Actors:   []*tradegraph.Actor{g7, wto, us, asml, tw, loner},
			Mentions: []tradegraph.Mention{mention(g7, "G7", 4), mention(wto, "WTO", 23), mention(us, "America", 60), mention(asml, "ASML", 70), mention(loner, "Loner Guild", 80)},
			Relations: []*tradegraph.Relation{
				rel(tradegraph.AgreedWith, g7, wto, a4, "dispute settlement", false, ""),
				rel(tradegraph.Criticized, wto, us, a4, "tariffs", true, ""),
				rel(tradegraph.InvestedIn, asml, tw, a4, "a training centre", false, ""),
				rel(tradegraph.MetWith, us, g7, a4, "", false, ""),
			},
		},
	}
}

// model is what a store should hold after saving extractions in order:
// the reference the suite compares every answer with.
type model struct {
	articles  map[string]*tradegraph.Article
	actors    map[string]*tradegraph.Actor
	relations map[string]*tradegraph.Relation
	mentioned map[string]map[string]bool // article id → ids of the actors it lists
	mentions  map[string][]tradegraph.Mention
	into      map[string]string // merged actor id → the actor it was merged into
}

func newModel(xs ...*tradegraph.Extraction) *model {
	m := &model{articles: map[string]*tradegraph.Article{}, actors: map[string]*tradegraph.Actor{},
		relations: map[string]*tradegraph.Relation{}, mentioned: map[string]map[string]bool{}, mentions: map[string][]tradegraph.Mention{}}
	for _, x := range xs {
		m.save(x)
	}
	return m
}

func (m *model) save(x *tradegraph.Extraction) {
	x = tradegraph.RedirectActors(x, m.into)
	cp := *x.Article
	m.articles[cp.ID] = &cp
	for id, r := range m.relations {
		if r.Article == cp.ID {
			delete(m.relations, id)
		}
	}
	m.mentioned[cp.ID] = map[string]bool{}
	names := map[string][]string{}
	for _, a := range x.Actors {
		if m.actors[a.ID] == nil {
			m.actors[a.ID] = &tradegraph.Actor{ID: a.ID, Kind: a.Kind, Name: a.Name, Country: a.Country}
		}
		names[a.ID] = append(names[a.ID], a.Name)
		names[a.ID] = append(names[a.ID], a.Aliases...)
		m.mentioned[cp.ID][a.ID] = true
	}
	m.mentions[cp.ID] = slices.Clone(x.Mentions)
	for _, mn := range x.Mentions {
		names[mn.ActorID] = append(names[mn.ActorID], mn.Text)
	}
	for id, ns := range names {
		a := m.actors[id]
		for _, n := range ns {
			if n != a.Name && !slices.Contains(a.Aliases, n) {
				a.Aliases = append(a.Aliases, n)
			}
		}
		sort.Strings(a.Aliases)
	}
	for _, r := range x.Relations {
		rc := *r
		rc.Concerning = slices.Clone(r.Concerning)
		m.relations[rc.ID] = &rc
	}
	m.recount()
}

func sortedValues[T any](m map[string]T) []T {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]T, 0, len(keys))
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

func (m *model) stats() *tradegraph.Stats {
	st := &tradegraph.Stats{Articles: len(m.articles), Actors: len(m.actors), Relations: len(m.relations)}
	for _, k := range tradegraph.ActorKinds {
		n := 0
		for _, a := range m.actors {
			if a.Kind == k {
				n++
			}
		}
		st.ByKind = append(st.ByKind, tradegraph.Count{Key: string(k), Count: n})
	}
	for _, t := range tradegraph.RelationTypes {
		n := 0
		for _, r := range m.relations {
			if r.Type == t {
				n++
			}
		}
		st.ByType = append(st.ByType, tradegraph.Count{Key: string(t), Count: n})
	}
	outlets, months := map[string]int{}, map[string]int{}
	for _, a := range m.articles {
		outlets[a.Outlet]++
		months[month(a.Published)]++
	}
	st.ByOutlet, st.ByMonth = counts(outlets), counts(months)
	return st
}

// adjacency maps every actor to its neighbours over relations of the given
// types (all when empty), either way, in relation id order.
func (m *model) adjacency(types []tradegraph.RelationType) map[string][]string {
	adj := map[string][]string{}
	for _, r := range sortedValues(m.relations) {
		if len(types) > 0 && !slices.Contains(types, r.Type) {
			continue
		}
		adj[r.From] = append(adj[r.From], r.To)
		adj[r.To] = append(adj[r.To], r.From)
	}
	return adj
}

// neighborhood is the reference answer of Store.Neighborhood: actors by
// distance, ties by id, cut at limit.
func (m *model) neighborhood(id string, depth, limit int, types []tradegraph.RelationType) *tradegraph.Subgraph {
	adj := m.adjacency(types)
	order := []string{id}
	seen := map[string]bool{id: true}
	frontier := []string{id}
	for d := 1; d <= depth; d++ {
		var next []string
		for _, f := range frontier {
			for _, n := range adj[f] {
				if !seen[n] {
					seen[n] = true
					next = append(next, n)
				}
			}
		}
		sort.Strings(next)
		order = append(order, next...)
		frontier = next
	}
	g := &tradegraph.Subgraph{}
	if len(order) > limit {
		order, g.Truncated = order[:limit], true
	}
	for _, a := range order {
		g.Actors = append(g.Actors, m.actors[a])
	}
	for _, r := range sortedValues(m.relations) {
		if (len(types) == 0 || slices.Contains(types, r.Type)) && slices.Contains(order, r.From) && slices.Contains(order, r.To) {
			g.Relations = append(g.Relations, r)
		}
	}
	return g
}
