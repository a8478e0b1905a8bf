package deploy_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/neo4jtest"
	"github.com/tradegraph/tradegraph/loader"
	"github.com/tradegraph/tradegraph/loader/extract"
	"github.com/tradegraph/tradegraph/store/neo4j"
)

// analystQuery is one query of neo4j/analyst-queries.cypher with the
// parameters its :param lines set.
type analystQuery struct {
	name   string
	cypher string
	params map[string]any
}

var paramLine = regexp.MustCompile(`^:param\s+(\w+)\s*=>\s*'([^']*)'\s*;?$`)

// readAnalystQueries splits the file at its "// name:" lines.
func readAnalystQueries(t *testing.T) []analystQuery {
	t.Helper()
	b, err := os.ReadFile("neo4j/analyst-queries.cypher")
	if err != nil {
		t.Fatal(err)
	}
	var qs []analystQuery
	var cur *analystQuery
	for line := range strings.Lines(string(b)) {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "// name:"):
			qs = append(qs, analystQuery{name: strings.TrimSpace(strings.TrimPrefix(line, "// name:")), params: map[string]any{}})
			cur = &qs[len(qs)-1]
		case cur == nil || line == "" || strings.HasPrefix(line, "//"):
		case strings.HasPrefix(line, ":param"):
			m := paramLine.FindStringSubmatch(line)
			if m == nil {
				t.Fatalf("%s: cannot read %q (want :param name => 'text';)", cur.name, line)
			}
			cur.params[m[1]] = m[2]
		default:
			cur.cypher += line + "\n"
		}
	}
	for i := range qs {
		qs[i].cypher = strings.TrimSuffix(strings.TrimSpace(qs[i].cypher), ";")
		if qs[i].cypher == "" || strings.Contains(qs[i].cypher, ";") {
			t.Fatalf("query %s: want exactly one statement", qs[i].name)
		}
	}
	return qs
}

// TestAnalystQueries loads the example articles into a real Neo4j and runs
// every query of the analysts' file, checking each answer against what the
// store says through the Store interface.
func TestAnalystQueries(t *testing.T) {
	qs := readAnalystQueries(t)
	var names []string
	for _, q := range qs {
		names = append(names, q.name)
	}
	want := []string{"pressure-on-export-controls", "what-a-country-banned", "actor-network", "actor-network-graph", "paths-between", "most-connected", "hedged-only-claims"}
	if !slices.Equal(names, want) {
		t.Fatalf("queries %q, want %q (update this test with the file)", names, want)
	}

	st := neo4jtest.Open(t)
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := loader.Load(t.Context(), st, ex, []string{"../testdata/articles"}, loader.LoadOptions{})
	if err != nil || sum.Errors > 0 {
		t.Fatalf("load: %+v, %v", sum, err)
	}
	rels := allRelations(t, st)
	name := map[string]string{}
	for _, id := range []string{"person:jack-ma", "country:CN", "country:JP", "country:US", "country:TW", "company:alibaba", "company:aliexpress"} {
		a, err := st.FindActorByID(t.Context(), id)
		if err != nil {
			t.Fatalf("the seed's actor %s: %v", id, err)
		}
		name[id] = a.Name
	}

	run := func(t *testing.T, q analystQuery) []map[string]any {
		t.Helper()
		rows, err := st.ReadCypher(t.Context(), q.cypher, q.params)
		if err != nil {
			t.Fatalf("%s: %v", q.name, err)
		}
		if len(rows) == 0 {
			t.Fatalf("%s: no rows", q.name)
		}
		return rows
	}
	has := func(rows []map[string]any, want map[string]any) bool {
		return slices.ContainsFunc(rows, func(r map[string]any) bool {
			for k, v := range want {
				if r[k] != v {
					return false
				}
			}
			return true
		})
	}
	byName := map[string]analystQuery{}
	for _, q := range qs {
		byName[q.name] = q
	}

	t.Run("pressure-on-export-controls", func(t *testing.T) {
		rows := run(t, byName["pressure-on-export-controls"])
		if !has(rows, map[string]any{"pressed": name["country:US"], "pressedWhom": name["country:JP"]}) {
			t.Errorf("the seed's US request to Japan is missing: %v", rows)
		}
		for _, r := range rows {
			if r["evidence"] == "" || r["pressed"] == nil {
				t.Errorf("row without evidence or actor: %v", r)
			}
		}
	})

	t.Run("what-a-country-banned", func(t *testing.T) {
		rows := run(t, byName["what-a-country-banned"])
		if !has(rows, map[string]any{"by": name["country:CN"], "action": "BANNED", "target": name["country:TW"]}) {
			t.Errorf("the seed's Chinese ban on Taiwanese seafood is missing: %v", rows)
		}
		// The same answer from the store: China's acts and those of the
		// bodies that are PART_OF China.
		china := map[string]bool{"country:CN": true}
		for _, r := range rels {
			if r.Type == tradegraph.PartOf && r.To == "country:CN" {
				china[r.From] = true
			}
		}
		n := 0
		for _, r := range rels {
			switch r.Type {
			case tradegraph.Banned, tradegraph.RestrictedExports, tradegraph.Sanctioned, tradegraph.ImposedTariff:
				if china[r.From] {
					n++
				}
			}
		}
		if len(rows) != n {
			t.Errorf("%d rows, but the store holds %d such acts by China and its bodies", len(rows), n)
		}
	})

	t.Run("actor-network", func(t *testing.T) {
		rows := run(t, byName["actor-network"])
		for _, w := range []map[string]any{
			{"direction": "out", "relation": "RELOCATED_TO", "other": name["country:JP"], "hedged": true},
			{"direction": "out", "relation": "FOUNDED", "other": name["company:alibaba"]},
			{"direction": "out", "relation": "OWNS", "other": name["company:aliexpress"]},
		} {
			if !has(rows, w) {
				t.Errorf("Jack Ma's network lacks %v: %v", w, rows)
			}
		}
		n := 0
		for _, r := range rels {
			if r.From == "person:jack-ma" || r.To == "person:jack-ma" {
				n++
			}
		}
		if len(rows) != n {
			t.Errorf("%d rows, the store has %d relations of Jack Ma", len(rows), n)
		}
	})

	t.Run("actor-network-graph", func(t *testing.T) {
		rows := run(t, byName["actor-network-graph"])
		if len(rows) < 3 {
			t.Errorf("%d paths, want Jack Ma's three relations at least", len(rows))
		}
	})

	t.Run("paths-between", func(t *testing.T) {
		rows := run(t, byName["paths-between"])
		for _, r := range rows {
			actors, _ := r["actors"].([]any)
			hops, _ := r["evidence"].([]any)
			if len(actors) < 2 || actors[0] != name["person:jack-ma"] || actors[len(actors)-1] != name["country:CN"] || len(hops) != len(actors)-1 {
				t.Errorf("not a path from Jack Ma to China: %v", r)
				continue
			}
			for _, h := range hops {
				if m, _ := h.(map[string]any); m == nil || m["evidence"] == "" || m["type"] == "" {
					t.Errorf("hop without evidence: %v", h)
				}
			}
		}
		sp, err := st.ShortestPath(t.Context(), "person:jack-ma", "country:CN", tradegraph.PathOptions{MaxHops: 4})
		if err != nil {
			t.Fatal(err)
		}
		if got := rows[0]["hops"]; got != int64(len(sp.Relations)) {
			t.Errorf("shortest chain has %v hops, the store's ShortestPath %d", got, len(sp.Relations))
		}
	})

	t.Run("most-connected", func(t *testing.T) {
		rows := run(t, byName["most-connected"])
		degree := map[string]int64{}
		for _, r := range rels {
			degree[r.From]++
			if r.To != r.From {
				degree[r.To]++
			}
		}
		counts := slices.Collect(func(yield func(int64) bool) {
			for _, d := range degree {
				if !yield(d) {
					return
				}
			}
		})
		slices.Sort(counts)
		slices.Reverse(counts)
		if len(rows) != min(25, len(counts)) {
			t.Fatalf("%d rows, want %d", len(rows), min(25, len(counts)))
		}
		for i, r := range rows {
			if r["relations"] != counts[i] {
				t.Errorf("row %d: %v relations, the store's %d-th highest degree is %d", i, r["relations"], i+1, counts[i])
			}
		}
	})

	t.Run("hedged-only-claims", func(t *testing.T) {
		rows := run(t, byName["hedged-only-claims"])
		if !has(rows, map[string]any{"actor": name["person:jack-ma"], "claim": "RELOCATED_TO", "target": name["country:JP"]}) {
			t.Errorf("the seed's hedged move of Jack Ma to Japan is missing: %v", rows)
		}
		type claim struct{ t, from, to string }
		support := map[claim][]bool{}
		for _, r := range rels {
			c := claim{string(r.Type), r.From, r.To}
			support[c] = append(support[c], r.Hedged)
		}
		n := 0
		for _, hs := range support {
			if !slices.Contains(hs, false) {
				n++
			}
		}
		if len(rows) != n {
			t.Errorf("%d rows, the store has %d claims with only hedged support", len(rows), n)
		}
	})
}

func allRelations(t *testing.T, st *neo4j.Store) []*tradegraph.Relation {
	t.Helper()
	var out []*tradegraph.Relation
	f := tradegraph.RelationFilter{Paging: tradegraph.Paging{First: tradegraph.MaxPageSize}}
	for {
		p, err := st.FindRelations(t.Context(), f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Items...)
		if !p.HasNext {
			return out
		}
		f.After = tradegraph.Cursor{ID: p.Items[len(p.Items)-1].ID}
	}
}

// TestBrowserStyle checks that the Browser style gives every actor kind and
// every relation type a rule, so that a new one cannot be forgotten.
func TestBrowserStyle(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("neo4j", "tradegraph.grass"))
	if err != nil {
		t.Fatal(err)
	}
	grass := string(b)
	if strings.Count(grass, "{") != strings.Count(grass, "}") {
		t.Fatal("unbalanced braces")
	}
	var selectors []string
	for _, k := range tradegraph.ActorKinds {
		selectors = append(selectors, "node."+string(k))
	}
	for _, r := range tradegraph.RelationTypes {
		selectors = append(selectors, "relationship."+string(r))
	}
	for _, s := range append(selectors, "node.Actor", "node.Article", "relationship.MENTIONS") {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(s) + ` \{`).MatchString(grass) {
			t.Errorf("%s has no rule in tradegraph.grass", s)
		}
	}
	if !strings.Contains(grass, `caption: "{name}"`) {
		t.Error("actors are not captioned by name")
	}
}
