package neo4j_test

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/neo4jtest"
	"github.com/tradegraph/tradegraph/store/neo4j"
	"github.com/tradegraph/tradegraph/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) tradegraph.Store {
		return neo4jtest.Open(t)
	}, storetest.Capabilities{SearchRanking: false, BatchSaver: true})
}

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{"NEO4J_URI": "neo4j://db:7687", "NEO4J_USERNAME": "u", "NEO4J_PASSWORD": "p", "NEO4J_DATABASE": "d"}
	got := neo4j.ConfigFromEnv(func(k string) string { return env[k] })
	want := neo4j.Config{URI: "neo4j://db:7687", Username: "u", Password: "p", Database: "d"}
	if got != want {
		t.Errorf("ConfigFromEnv = %+v, want %+v", got, want)
	}
}

// openFails opens cfg, which must fail, and returns the error's text.
func openFails(ctx context.Context, t *testing.T, cfg neo4j.Config) string {
	t.Helper()
	st, err := neo4j.Open(ctx, cfg)
	if err == nil {
		st.Close()
		t.Fatalf("Open(%+v) succeeded", cfg)
	}
	return err.Error()
}

func TestOpenRefusedUser(t *testing.T) {
	cfg := neo4jtest.Config(t)
	// A user that does not exist rather than a wrong password for the real
	// one: the server locks a user out for a few seconds after three
	// failed logins, which would fail the other tests using the server.
	cfg.Username, cfg.Password = "tradegraph-no-such-user", "wrong password"
	got := openFails(t.Context(), t, cfg)
	want := fmt.Sprintf("neo4j: user %q was refused at %s: check NEO4J_USERNAME and NEO4J_PASSWORD", cfg.Username, cfg.URI)
	if got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestOpenUnknownDatabase(t *testing.T) {
	cfg := neo4jtest.Config(t)
	cfg.Database = "no-such-database"
	got := openFails(t.Context(), t, cfg)
	want := fmt.Sprintf("neo4j: database %q does not exist at %s", cfg.Database, cfg.URI)
	if got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

// closedAddress returns a loopback address nothing listens on.
func closedAddress(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestOpenNothingListening(t *testing.T) {
	addr := closedAddress(t)
	for _, uri := range []string{"bolt://" + addr, "neo4j://" + addr} {
		got := openFails(t.Context(), t, neo4j.Config{URI: uri, Username: "neo4j", Password: "secret"})
		if !strings.HasPrefix(got, "neo4j: nothing answers at "+uri+" (") || !strings.HasSuffix(got, "): is Neo4j running?") ||
			!strings.Contains(got, "refused") {
			t.Errorf("Open(%s) error = %q, want \"neo4j: nothing answers at %[1]s (... connection refused): is Neo4j running?\"", uri, got)
		}
	}
}

// TestOpenSilentServer opens a port that accepts connections but never
// speaks Bolt: Open gives up when its context ends and says so.
func TestOpenSilentServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []net.Conn)
	go func() {
		var conns []net.Conn
		for {
			c, err := l.Accept()
			if err != nil {
				done <- conns
				return
			}
			conns = append(conns, c)
		}
	}()
	defer func() {
		l.Close()
		for _, c := range <-done {
			c.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
	defer cancel()
	uri := "bolt://" + l.Addr().String()
	got := openFails(ctx, t, neo4j.Config{URI: uri, Username: "neo4j", Password: "secret"})
	if !strings.HasPrefix(got, "neo4j: nothing answers at "+uri+" (") || !strings.HasSuffix(got, "): is Neo4j running?") {
		t.Errorf("error = %q, want \"neo4j: nothing answers at %s (...): is Neo4j running?\"", got, uri)
	}
}

func TestOpenNoURI(t *testing.T) {
	got := openFails(t.Context(), t, neo4j.Config{})
	if !strings.Contains(got, "NEO4J_URI") {
		t.Errorf("error = %q, want it to name NEO4J_URI", got)
	}
}

// TestRoutingURI opens the server through a neo4j:// URI, which makes the
// driver ask for a routing table first, as it does with a cluster.
func TestRoutingURI(t *testing.T) {
	neo4jtest.Open(t) // the database to this test, with its schema
	cfg := neo4jtest.Config(t)
	scheme, rest, ok := strings.Cut(cfg.URI, "://")
	if !ok {
		t.Fatalf("NEO4J_URI %q has no scheme", cfg.URI)
	}
	if scheme == "bolt" {
		cfg.URI = "neo4j://" + rest
	} else if scheme == "bolt+s" {
		cfg.URI = "neo4j+s://" + rest
	}
	st, err := neo4j.Open(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Open(%s): %v", cfg.URI, err)
	}
	defer st.Close()
	if err := st.Ping(t.Context()); err != nil {
		t.Errorf("Ping through %s: %v", cfg.URI, err)
	}
	if _, err := st.Stats(t.Context()); err != nil {
		t.Errorf("Stats through %s: %v", cfg.URI, err)
	}
}

// TestSaveExtractionsFailure saves a batch holding an invalid extraction
// and one the database refuses (its article id is too long for the
// uniqueness constraint's index) among good ones: the good ones are saved,
// the bad ones get errors naming them, and nothing of the bad ones stays.
func TestSaveExtractionsFailure(t *testing.T) {
	st := neo4jtest.Open(t)
	jp := &tradegraph.Actor{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan", Country: "JP"}
	extraction := func(id, person string) *tradegraph.Extraction {
		a := &tradegraph.Article{ID: id, Title: "About " + person, Text: person + " met Japan."}
		p := &tradegraph.Actor{ID: tradegraph.ActorID(tradegraph.Person, person), Kind: tradegraph.Person, Name: person}
		return &tradegraph.Extraction{
			Article:   a,
			Actors:    []*tradegraph.Actor{p, jp},
			Mentions:  []tradegraph.Mention{{ActorID: p.ID, Text: person, Start: 0, End: len(person)}},
			Relations: []*tradegraph.Relation{{Type: tradegraph.MetWith, From: p.ID, To: jp.ID, Confidence: 0.9}},
		}
	}
	invalid := extraction("https://news.example/invalid", "Ivan Invalid")
	invalid.Relations[0].Confidence = 2
	tooLong := extraction("https://news.example/"+strings.Repeat("x", 40000), "Tom Toolong")
	// A new name for an actor the good ones share, which must not stick.
	tooLong.Mentions = append(tooLong.Mentions, tradegraph.Mention{ActorID: jp.ID, Text: "Nippon", Start: 20, End: 26})
	xs := []*tradegraph.Extraction{
		extraction("https://news.example/1", "Anna One"),
		invalid,
		extraction("https://news.example/2", "Ben Two"),
		tooLong,
		extraction("https://news.example/3", "Cleo Three"),
	}

	errs := st.SaveExtractions(t.Context(), xs)
	if len(errs) != len(xs) {
		t.Fatalf("%d errors for %d extractions", len(errs), len(xs))
	}
	for i, err := range errs {
		switch i {
		case 1:
			if tradegraph.ErrorCode(err) != tradegraph.EINVALID || !strings.Contains(tradegraph.ErrorMessage(err), "confidence") {
				t.Errorf("invalid extraction: error %v, want EINVALID about the confidence", err)
			}
		case 3:
			if err == nil || tradegraph.ErrorCode(err) != tradegraph.EINTERNAL || !strings.Contains(err.Error(), tooLong.Article.ID) {
				t.Errorf("refused extraction: error %.300v, want an internal error naming its article", err)
			}
		default:
			if err != nil {
				t.Errorf("good extraction %d: %v", i, err)
			}
		}
	}

	stats, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != 3 || stats.Actors != 4 || stats.Relations != 3 {
		t.Errorf("Stats = %d articles, %d actors, %d relations; want the good ones only: 3, 4, 3", stats.Articles, stats.Actors, stats.Relations)
	}
	for _, id := range []string{"person:ivan-invalid", "person:tom-toolong"} {
		if _, err := st.FindActorByID(t.Context(), id); tradegraph.ErrorCode(err) != tradegraph.ENOTFOUND {
			t.Errorf("actor %s of a failed extraction: %v, want ENOTFOUND", id, err)
		}
	}
	for _, x := range []*tradegraph.Extraction{invalid, tooLong} {
		if _, err := st.FindArticleByID(t.Context(), x.Article.ID); tradegraph.ErrorCode(err) != tradegraph.ENOTFOUND {
			t.Errorf("article of a failed extraction: %v, want ENOTFOUND", err)
		}
	}
	ja, err := st.FindActorByID(t.Context(), jp.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ja.Aliases) != 0 {
		t.Errorf("Japan's aliases = %q, want none: the refused extraction's name for it stayed", ja.Aliases)
	}
}

// BenchmarkSaveExtractions saves batches of articles of the size
// store/sqlite's BenchmarkSaveExtraction uses: 4 KB of text, 25 actors, 60
// mentions, 20 relations, actors shared between articles. It reports the
// time per article, for batches of 100 and, to compare, of 1.
func BenchmarkSaveExtractions(b *testing.B) {
	for _, batch := range []int{100, 1} {
		b.Run(fmt.Sprint("batch=", batch), func(b *testing.B) { benchmarkSave(b, batch) })
	}
}

func benchmarkSave(b *testing.B, batch int) {
	st := neo4jtest.Open(b)
	text := make([]byte, 4096)
	for i := range text {
		text[i] = "abcdefgh ij"[i%11]
	}
	kinds := tradegraph.ActorKinds
	pool := make([]*tradegraph.Actor, 200)
	for i := range pool {
		k := kinds[i%len(kinds)]
		name := fmt.Sprintf("Actor Number %d", i)
		pool[i] = &tradegraph.Actor{ID: tradegraph.ActorID(k, name), Kind: k, Name: name, Aliases: []string{fmt.Sprint("AN", i)}}
	}
	extraction := func(n int) *tradegraph.Extraction {
		a := &tradegraph.Article{ID: fmt.Sprintf("https://bench.example/%d", n), Title: "Bench", Published: "2024-05-06", Text: string(text)}
		x := &tradegraph.Extraction{Article: a}
		for j := range 25 {
			x.Actors = append(x.Actors, pool[(n*7+j*13)%len(pool)])
		}
		for j := range 60 {
			ac := x.Actors[j%len(x.Actors)]
			x.Mentions = append(x.Mentions, tradegraph.Mention{ActorID: ac.ID, Text: fmt.Sprintf("%s %d", ac.Name, j%3), Start: j * 50, End: j*50 + 12})
		}
		for j := range 20 {
			t := tradegraph.RelationTypes[j%len(tradegraph.RelationTypes)]
			from, to := x.Actors[j], x.Actors[(j+1)%len(x.Actors)]
			x.Relations = append(x.Relations, &tradegraph.Relation{Type: t, From: from.ID, To: to.ID, Article: a.ID,
				Evidence: "An evidence sentence of ordinary length that supports the claim made.", Span: [2]int{j * 100, j*100 + 70},
				About: "semiconductor equipment", Concerning: []string{x.Actors[(j+2)%len(x.Actors)].ID}, Confidence: 0.7,
				Date: "2024-05-06", Cameo: t.Cameo(), Rule: "bench"})
		}
		return x
	}
	b.ReportAllocs()
	articles := 0
	for b.Loop() {
		xs := make([]*tradegraph.Extraction, batch)
		for i := range xs {
			xs[i] = extraction(articles + i)
		}
		articles += batch
		for i, err := range st.SaveExtractions(b.Context(), xs) {
			if err != nil {
				b.Fatalf("article %d: %v", i, err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(articles), "ms/article")
}

// TestSearchAsIndexed checks that search words are cut as the full-text
// index cuts names: an apostrophe or a full stop inside a word keeps it
// whole on both sides.
func TestSearchAsIndexed(t *testing.T) {
	st := neo4jtest.Open(t)
	oneil := &tradegraph.Actor{ID: "person:tip-oneil", Kind: tradegraph.Person, Name: "Tip O'Neil", Aliases: []string{"T.P. O'Neil"}}
	us := &tradegraph.Actor{ID: "country:US", Kind: tradegraph.Country, Name: "United States", Aliases: []string{"U.S."}, Country: "US"}
	if err := st.SaveExtraction(t.Context(), &tradegraph.Extraction{
		Article: &tradegraph.Article{ID: "a", Text: "Tip O'Neil of the U.S."},
		Actors:  []*tradegraph.Actor{oneil, us},
	}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"o'neil", oneil.ID}, {"O'Ne", oneil.ID}, {"t.p", oneil.ID}, {"tip", oneil.ID},
		{"U.S.", us.ID}, {"u.s", us.ID}, {"united st", us.ID},
	} {
		got, err := st.SearchActors(t.Context(), tt.text, nil, 5)
		if err != nil {
			t.Fatalf("SearchActors(%q): %v", tt.text, err)
		}
		if len(got) != 1 || got[0].ID != tt.want {
			var ids []string
			for _, a := range got {
				ids = append(ids, a.ID)
			}
			t.Errorf("SearchActors(%q) = %q, want [%s]", tt.text, ids, tt.want)
		}
	}
}

func TestReadCypher(t *testing.T) {
	st := neo4jtest.Open(t)
	jp := &tradegraph.Actor{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan", Aliases: []string{"Tokyo"}, Country: "JP"}
	if err := st.SaveExtraction(t.Context(), &tradegraph.Extraction{
		Article: &tradegraph.Article{ID: "a", Published: "2024-05-06", Text: "Tokyo spoke."},
		Actors:  []*tradegraph.Actor{jp},
	}); err != nil {
		t.Fatal(err)
	}
	rows, err := st.ReadCypher(t.Context(), `
		MATCH (ar:Article)-[:MENTIONS]->(a:Actor:Country {id: $id})
		RETURN a.name AS name, a.aliases AS aliases, labels(a) AS labels, ar.published.year AS year`, map[string]any{"id": jp.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("rows = %v, want one", rows)
	}
	labels, _ := rows[0]["labels"].([]any)
	slices.SortFunc(labels, func(a, b any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	if rows[0]["name"] != "Japan" || rows[0]["year"] != int64(2024) ||
		fmt.Sprint(rows[0]["aliases"]) != "[Tokyo]" || fmt.Sprint(labels) != "[Actor Country]" {
		t.Errorf("rows = %v", rows)
	}
	if _, err := st.ReadCypher(t.Context(), `CREATE (:Actor {id: 'person:intruder'})`, nil); err == nil {
		t.Error("ReadCypher ran a query that writes")
	}
	if _, err := st.FindActorByID(t.Context(), "person:intruder"); tradegraph.ErrorCode(err) != tradegraph.ENOTFOUND {
		t.Errorf("the write went through: %v", err)
	}
}
