package neo4j_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/neo4jtest"
	"github.com/tradegraph/tradegraph/internal/synth"
	"github.com/tradegraph/tradegraph/loader/extract"
	"github.com/tradegraph/tradegraph/store/neo4j"
)

// The write-path benchmark compares Store.SaveExtractions with the least
// Cypher that leaves the same graph behind: per batch one transaction, and
// in it one UNWIND statement per kind of row (articles, actors of each
// kind, mentions, relations of each type), MERGE throughout. It reads
// nothing, locks nothing, deletes nothing and checks nothing, so it is the
// floor the store's write path is measured against, not something the
// store could do instead: the store must also replace what an article said
// before and keep concurrent saves from losing each other's aliases.

const (
	writePathArticles = 1000
	writePathBatch    = 100
)

var writePathCorpus = sync.OnceValues(func() ([]*tradegraph.Extraction, error) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		return nil, err
	}
	g := synth.New(1)
	xs := make([]*tradegraph.Extraction, writePathArticles)
	for i := range xs {
		if xs[i], err = ex.Extract(context.Background(), g.Next()); err != nil {
			return nil, fmt.Errorf("article %d: %w", i, err)
		}
	}
	return xs, nil
})

// writePathBatches returns the synthetic articles (seed 1, as
// internal/loadbench loads them), extracted with the real extractor once
// per process, in batches of the loader's default size.
func writePathBatches(tb testing.TB, articles int) [][]*tradegraph.Extraction {
	tb.Helper()
	xs, err := writePathCorpus()
	if err != nil {
		tb.Fatal(err)
	}
	var batches [][]*tradegraph.Extraction
	for c := range slices.Chunk(xs[:articles], writePathBatch) {
		batches = append(batches, c)
	}
	return batches
}

// BenchmarkWritePath saves 1,000 synthetic articles, extracted once up
// front, in batches of 100, through the store (store) and through the
// hand-written statements (unwind), and reports ms/article for each.
// store and unwind start every iteration from an emptied database, as a
// first load does; store-again and unwind-again save the same articles
// into a database that already holds them (saved once untimed by the same
// writer), as a second load does. The unwind variants also report
// store/unwind, the ratio to the store's figure of the same run:
//
//	go test -run '^$' -bench WritePath -benchtime 5x ./store/neo4j
//
// Emptying the database is not timed. Each variant first saves and deletes
// one batch untimed, so that neither pays alone for planning its queries.
func BenchmarkWritePath(b *testing.B) {
	batches := writePathBatches(b, writePathArticles)
	storeMs := map[bool]float64{}
	for _, again := range []bool{false, true} {
		suffix := ""
		if again {
			suffix = "-again"
		}
		b.Run("store"+suffix, func(b *testing.B) {
			st := neo4jtest.Open(b)
			storeMs[again] = benchmarkWritePath(b, st, batches, again, func(ctx context.Context, batch []*tradegraph.Extraction) error {
				for i, err := range st.SaveExtractions(ctx, batch) {
					if err != nil {
						return fmt.Errorf("article %d: %w", i, err)
					}
				}
				return nil
			})
		})
		b.Run("unwind"+suffix, func(b *testing.B) {
			st := neo4jtest.Open(b)
			u := newUnwindWriter(b)
			ms := benchmarkWritePath(b, st, batches, again, u.save)
			if storeMs[again] > 0 {
				b.ReportMetric(storeMs[again]/ms, "store/unwind")
				b.Logf("store %.2f ms/article, unwind %.2f ms/article: the store takes %.2fx", storeMs[again], ms, storeMs[again]/ms)
			}
		})
	}
}

// benchmarkWritePath times save over every batch, from an empty database
// each iteration or, again, from one that already holds the batches, and
// reports and returns the mean ms/article.
func benchmarkWritePath(b *testing.B, st *neo4j.Store, batches [][]*tradegraph.Extraction, again bool,
	save func(context.Context, []*tradegraph.Extraction) error) float64 {
	b.Helper()
	ctx := b.Context()
	empty := func() {
		if err := st.DeleteAll(ctx); err != nil {
			b.Fatal(err)
		}
	}
	saveAll := func() (n int) {
		for _, batch := range batches {
			if err := save(ctx, batch); err != nil {
				b.Fatal(err)
			}
			n += len(batch)
		}
		return n
	}
	if err := save(ctx, batches[0]); err != nil {
		b.Fatalf("warm-up: %v", err)
	}
	empty()
	if again {
		saveAll()
	}
	articles := 0
	var elapsed time.Duration
	for b.Loop() {
		if !again {
			b.StopTimer()
			empty()
			b.StartTimer()
		}
		start := time.Now()
		articles += saveAll()
		elapsed += time.Since(start)
	}
	ms := float64(elapsed.Microseconds()) / 1000 / float64(articles)
	b.ReportMetric(ms, "ms/article")
	return ms
}

// unwindWriter writes batches with the hand-written statements, through a
// driver of its own on the server neo4jtest names.
type unwindWriter struct {
	driver   neo4jdriver.DriverWithContext
	database string
}

func newUnwindWriter(tb testing.TB) *unwindWriter {
	tb.Helper()
	cfg := neo4jtest.Config(tb)
	driver, err := neo4jdriver.NewDriverWithContext(cfg.URI, neo4jdriver.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { driver.Close(context.Background()) })
	return &unwindWriter{driver: driver, database: cfg.Database}
}

const (
	unwindArticles = `
		UNWIND $rows AS x
		MERGE (ar:Article {id: x.id})
		SET ar += x.props`
	// unwindActorsOfKind creates the actors it does not find and adds the
	// names and country the existing ones lack, writing nothing else.
	unwindActorsOfKind = `
		UNWIND $rows AS x
		MERGE (a:Actor {id: x.id})
		ON CREATE SET a:%s, a.kind = x.kind, a.name = x.name, a.country = x.country, a.aliases = []
		WITH a, x, [n IN x.names WHERE n <> a.name AND NOT n IN a.aliases] AS extra
		WHERE extra <> [] OR (a.country IS NULL AND x.country IS NOT NULL)
		SET a.aliases = a.aliases + extra, a.country = coalesce(a.country, x.country)`
	unwindMentions = `
		UNWIND $rows AS x
		MATCH (ar:Article {id: x.article})
		MATCH (a:Actor {id: x.actor})
		MERGE (ar)-[m:MENTIONS]->(a)
		SET m = x.props`
	unwindRelationsOfType = `
		UNWIND $rows AS x
		MATCH (f:Actor {id: x.from})
		MATCH (t:Actor {id: x.to})
		MERGE (f)-[r:%s {id: x.id}]->(t)
		SET r += x.props`
)

var unwindDegrees = `
		UNWIND $rows AS x
		MATCH (a:Actor {id: x.id})
		WITH a, COUNT { (a)-[:` + allTypes() + `]-() } AS degree
		WHERE a.degree IS NULL OR a.degree <> degree
		SET a.degree = degree`

func allTypes() string {
	var ts []string
	for _, t := range tradegraph.RelationTypes {
		ts = append(ts, string(t))
	}
	return strings.Join(ts, "|")
}

// save writes one batch in one managed transaction.
func (u *unwindWriter) save(ctx context.Context, batch []*tradegraph.Extraction) error {
	type statement struct {
		query string
		rows  []map[string]any
	}
	var stmts []statement
	add := func(query string, rows []map[string]any) {
		if len(rows) > 0 {
			stmts = append(stmts, statement{query, rows})
		}
	}

	var articles, mentions []map[string]any
	actors := map[tradegraph.ActorKind][]map[string]any{}
	relations := map[tradegraph.RelationType][]map[string]any{}
	actorRow := map[string]map[string]any{}
	for _, x := range batch {
		a := x.Article
		articles = append(articles, map[string]any{"id": a.ID, "props": map[string]any{
			"title": orNil(a.Title), "url": orNil(a.URL), "outlet": orNil(a.Outlet),
			"published": dateOrNil(a.Published), "text": orNil(a.Text), "source": orNil(a.Source),
		}})
		names := map[string][]string{}
		for _, ac := range x.Actors {
			names[ac.ID] = append(names[ac.ID], ac.Name)
			names[ac.ID] = append(names[ac.ID], ac.Aliases...)
		}
		byActor := map[string][]tradegraph.Mention{}
		for _, m := range x.Mentions {
			names[m.ActorID] = append(names[m.ActorID], m.Text)
			byActor[m.ActorID] = append(byActor[m.ActorID], m)
		}
		for _, ac := range x.Actors {
			row := actorRow[ac.ID]
			if row == nil {
				row = map[string]any{"id": ac.ID, "kind": string(ac.Kind), "name": ac.Name, "country": orNil(ac.Country), "names": []string{}}
				actorRow[ac.ID] = row
				actors[ac.Kind] = append(actors[ac.Kind], row)
			}
			if row["country"] == nil {
				row["country"] = orNil(ac.Country)
			}
			pooled := row["names"].([]string)
			for _, n := range names[ac.ID] {
				if n = strings.TrimSpace(n); n != "" && !slices.Contains(pooled, n) {
					pooled = append(pooled, n)
				}
			}
			row["names"] = pooled
			mentions = append(mentions, map[string]any{"article": a.ID, "actor": ac.ID, "props": mentionProps(byActor[ac.ID])})
		}
		for _, r := range x.Relations {
			id := tradegraph.RelationID(r.Type, r.From, r.To, a.ID)
			var concerning any
			if len(r.Concerning) > 0 {
				concerning = r.Concerning
			}
			relations[r.Type] = append(relations[r.Type], map[string]any{"id": id, "from": r.From, "to": r.To, "props": map[string]any{
				"article": a.ID, "evidence": orNil(r.Evidence), "spanStart": r.Span[0], "spanEnd": r.Span[1],
				"about": orNil(r.About), "concerning": concerning, "hedged": r.Hedged, "confidence": r.Confidence,
				"reportedBy": orNil(r.ReportedBy), "date": dateOrNil(r.Date), "cameo": orNil(r.Cameo), "rule": orNil(r.Rule),
			}})
		}
	}
	add(unwindArticles, articles)
	for _, k := range tradegraph.ActorKinds {
		add(fmt.Sprintf(unwindActorsOfKind, k), actors[k])
	}
	add(unwindMentions, mentions)
	for _, t := range tradegraph.RelationTypes {
		add(fmt.Sprintf(unwindRelationsOfType, t), relations[t])
	}
	// The store keeps Actor.degree; the baseline recounts it for every
	// actor of the batch in one more statement, so both write the same
	// graph and do the same work.
	var degreeRows []map[string]any
	for id := range actorRow {
		degreeRows = append(degreeRows, map[string]any{"id": id})
	}
	add(unwindDegrees, degreeRows)

	session := u.driver.NewSession(ctx, neo4jdriver.SessionConfig{AccessMode: neo4jdriver.AccessModeWrite, DatabaseName: u.database})
	defer session.Close(context.WithoutCancel(ctx))
	_, err := session.ExecuteWrite(ctx, func(tx neo4jdriver.ManagedTransaction) (any, error) {
		for _, s := range stmts {
			res, err := tx.Run(ctx, s.query, map[string]any{"rows": s.rows})
			if err != nil {
				return nil, err
			}
			if _, err := res.Consume(ctx); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	return err
}

// mentionProps turns an actor's mentions in one article into the
// properties of its MENTIONS relationship: parallel lists in text order,
// one entry per place.
func mentionProps(ms []tradegraph.Mention) map[string]any {
	props := map[string]any{}
	if len(ms) == 0 {
		return props
	}
	ms = slices.Clone(ms)
	slices.SortFunc(ms, func(a, b tradegraph.Mention) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.Text, b.Text))
	})
	ms = slices.CompactFunc(ms, func(a, b tradegraph.Mention) bool { return a.Start == b.Start && a.End == b.End })
	var texts []string
	var starts, ends []int
	for _, m := range ms {
		texts, starts, ends = append(texts, m.Text), append(starts, m.Start), append(ends, m.End)
	}
	props["texts"], props["starts"], props["ends"] = texts, starts, ends
	return props
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func dateOrNil(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return neo4jdriver.DateOf(t)
}

// Queries for dump: every node with its labels and properties, and every
// relationship with its type, ends and properties.
const (
	dumpNodes         = `MATCH (n) UNWIND labels(n) AS l WITH n, l ORDER BY l RETURN collect(l) AS what, properties(n) AS props`
	dumpRelationships = `MATCH (f)-[r]->(t) RETURN [type(r), f.id, t.id] AS what, properties(r) AS props`
)

// dumpGraph returns every node and relationship, one sorted line each.
func dumpGraph(tb testing.TB, st *neo4j.Store) []string {
	tb.Helper()
	return dump(tb, st, dumpNodes, dumpRelationships)
}

// dump returns the rows of the queries as sorted lines.
func dump(tb testing.TB, st *neo4j.Store, queries ...string) []string {
	tb.Helper()
	var lines []string
	for _, q := range queries {
		rows, err := st.ReadCypher(tb.Context(), q, nil)
		if err != nil {
			tb.Fatal(err)
		}
		for _, row := range rows {
			lines = append(lines, fmt.Sprintf("%v %v", row["what"], row["props"]))
		}
	}
	slices.Sort(lines)
	return lines
}

// TestUnwindWriterMatchesStore checks that the benchmark's baseline does
// the same work as the store: saving the same batches through either
// leaves the same nodes, relationships and properties.
func TestUnwindWriterMatchesStore(t *testing.T) {
	batches := writePathBatches(t, 3*writePathBatch)
	st := neo4jtest.Open(t)
	for _, batch := range batches {
		for i, err := range st.SaveExtractions(t.Context(), batch) {
			if err != nil {
				t.Fatalf("article %d: %v", i, err)
			}
		}
	}
	want := dumpGraph(t, st)
	if err := st.DeleteAll(t.Context()); err != nil {
		t.Fatal(err)
	}
	u := newUnwindWriter(t)
	for _, batch := range batches {
		if err := u.save(t.Context(), batch); err != nil {
			t.Fatal(err)
		}
	}
	got := dumpGraph(t, st)
	if len(want) < 3*writePathBatch*10 {
		t.Fatalf("the store left only %d nodes and relationships for %d articles", len(want), 3*writePathBatch)
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("graph after the baseline differs from the store's (-store +baseline):\n%s", diff)
	}
}

// TestSaveExtractionsMixedBatch saves a batch that mixes articles the store
// has not seen, articles it holds unchanged and articles it holds with a
// different extraction. The relationships must be those of the last
// extraction of each article, as saving only those into an empty database
// leaves them; and the whole graph, names that earlier extractions gave
// actors included, must be the one saving every extraction one at a time
// leaves.
func TestSaveExtractionsMixedBatch(t *testing.T) {
	xs := writePathBatches(t, 2*writePathBatch)[:2]
	known, fresh := xs[0], xs[1]
	var changed []*tradegraph.Extraction
	for _, x := range known[30:60] {
		changed = append(changed, shrunk(x))
	}
	first := known[:60]
	mixed := slices.Concat(known[:30], changed, fresh[:40])

	st := neo4jtest.Open(t)
	saveBatch := func(batch []*tradegraph.Extraction) {
		t.Helper()
		for i, err := range st.SaveExtractions(t.Context(), batch) {
			if err != nil {
				t.Fatalf("article %d: %v", i, err)
			}
		}
	}
	empty := func() {
		t.Helper()
		if err := st.DeleteAll(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	saveBatch(first)
	saveBatch(mixed)
	got, gotRelationships := dumpGraph(t, st), dump(t, st, dumpRelationships)

	empty()
	saveBatch(mixed)
	if diff := gocmp.Diff(dump(t, st, dumpRelationships), gotRelationships); diff != "" {
		t.Errorf("relationships after a mixed batch (-last extractions alone +mixed batch):\n%s", diff)
	}

	empty()
	for _, x := range slices.Concat(first, mixed) {
		if err := st.SaveExtraction(t.Context(), x); err != nil {
			t.Fatal(err)
		}
	}
	if diff := gocmp.Diff(dumpGraph(t, st), got); diff != "" {
		t.Errorf("after a mixed batch (-one at a time +batch):\n%s", diff)
	}
	if n := len(gotRelationships); n < 100*20 {
		t.Errorf("only %d relationships for 100 articles", n)
	}
}

// shrunk returns x with a new title, without its last two relations and
// without the actors (and their mentions) that only those relations named.
func shrunk(x *tradegraph.Extraction) *tradegraph.Extraction {
	a := *x.Article
	a.Title += " (corrected)"
	y := &tradegraph.Extraction{Article: &a, Relations: x.Relations[:max(0, len(x.Relations)-2)]}
	used := map[string]bool{}
	for _, r := range y.Relations {
		used[r.From], used[r.To] = true, true
		for _, c := range r.Concerning {
			used[c] = true
		}
	}
	for i, ac := range x.Actors {
		// Keep every other actor no relation names, so that some
		// mentions stay and some go.
		if used[ac.ID] || i%2 == 0 {
			y.Actors = append(y.Actors, ac)
			used[ac.ID] = true
		}
	}
	for _, m := range x.Mentions {
		if used[m.ActorID] {
			y.Mentions = append(y.Mentions, m)
		}
	}
	return y
}
