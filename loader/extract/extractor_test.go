package extract

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader"
	"github.com/tradegraph/tradegraph/loader/eval"
)

// seedPath is the article the project started from.
const seedPath = "../../testdata/articles/seed-chips-seafood-jackma.txt"

// seedArticle reads the seed article; a missing seed fails the test.
func seedArticle(tb testing.TB) *tradegraph.Article {
	tb.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		tb.Fatal(err)
	}
	return &tradegraph.Article{ID: "seed", Text: string(b), Published: "2024-05-01", Source: seedPath}
}

func TestExtractSeedActors(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := seedArticle(t)
	ex, err := x.Extract(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, act := range ex.Actors {
		ids = append(ids, act.ID)
	}
	want := []string{
		"company:alibaba", "company:aliexpress", "company:financial-times", "company:kyodo-news",
		"company:taiwan-international-radio", "country:CN", "country:JP", "country:TW", "country:US",
		"ministry:jp-meti", "ministry:us-commerce",
		"person:gene-raymond", "person:jack-ma", "person:yasutoshi-nishimura",
	}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("actors (-want +got):\n%s", diff)
	}

	texts := map[string][]string{}
	for _, m := range ex.Mentions {
		texts[m.ActorID] = append(texts[m.ActorID], m.Text)
		if got := string([]rune(a.Text)[m.Start:m.End]); got != m.Text {
			t.Errorf("mention %q has code-point span [%d,%d) = %q", m.Text, m.Start, m.End, got)
		}
	}
	for id, forms := range map[string][]string{
		"country:US": {"US", "Washington", "US authorities"},
		"country:JP": {"Japanese government", "Japan", "Tokyo"},
		"country:CN": {"China", "Beijing", "Chinese authorities"},
		"country:TW": {"Taiwan"},
	} {
		for _, f := range forms {
			if !slices.Contains(texts[id], f) {
				t.Errorf("%s: no mention %q among %q", id, f, texts[id])
			}
		}
	}

	d := x.document(a)
	roles := map[string]*Mention{}
	for _, s := range d.Sentences {
		for _, m := range s.Mentions {
			if m.Role != "" {
				roles[m.ActorID] = m
			}
		}
	}
	checkRole := func(person, role string, targets ...string) {
		t.Helper()
		m := roles[person]
		if m == nil {
			t.Errorf("%s: no mention with a role", person)
			return
		}
		if m.Role != role {
			t.Errorf("%s: role %q, want %q", person, m.Role, role)
		}
		var got []string
		for _, rt := range m.RoleTargets {
			got = append(got, rt.ActorID+" "+rt.Title)
		}
		if diff := cmp.Diff(targets, got); diff != "" {
			t.Errorf("%s: role targets (-want +got):\n%s", person, diff)
		}
	}
	checkRole("person:gene-raymond", "the US Secretary of Commerce", "ministry:us-commerce Secretary of Commerce")
	checkRole("person:yasutoshi-nishimura", "Japan’s Minister of Economy, Trade and Industry",
		"ministry:jp-meti Minister of Economy, Trade and Industry")
	checkRole("person:jack-ma", "founder of Alibaba and owner of AliExpress",
		"company:alibaba founder", "company:aliexpress owner")
}

func TestExtractValidates(t *testing.T) {
	x, err := New(Options{Gazetteer: testGazetteer(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*tradegraph.Article{nil, {Text: "  "}, {Text: "ok", Published: "May 1"}} {
		if _, err := x.Extract(t.Context(), a); tradegraph.ErrorCode(err) != tradegraph.EINVALID {
			t.Errorf("Extract(%+v): error %v, want code %s", a, err, tradegraph.EINVALID)
		}
	}
}

func TestAssemble(t *testing.T) {
	text := "Ünïcode first. Japan and China met. Japan banned Taiwan’s fish."
	d := &Document{Article: &tradegraph.Article{Text: text, Published: "2024-05-01"}, Text: text}
	testMatcher(t).findMentions(d)
	rels := []*tradegraph.Relation{
		{Type: tradegraph.MetWith, From: "country:JP", To: "country:CN", Confidence: 0.5, Span: [2]int{15, 35}},
		{Type: tradegraph.MetWith, From: "country:CN", To: "country:JP", Confidence: 0.8, Span: [2]int{15, 35}, Rule: "better"},
		{Type: tradegraph.Banned, From: "country:JP", To: "country:TW", Confidence: 0.9, Span: [2]int{36, 60}, Date: "2024-04-30", Cameo: "1631"},
		{Type: tradegraph.Banned, From: "country:JP", To: "country:TW", Confidence: 0.9, Span: [2]int{40, 60}, Rule: "later"},
		{Type: tradegraph.Criticized, From: "country:JP", To: "country:JP", Confidence: 1},
	}
	ex := assemble(d, rels)
	id := tradegraph.ArticleID("", text)
	want := []*tradegraph.Relation{
		{ID: tradegraph.RelationID(tradegraph.MetWith, "country:CN", "country:JP", id), Type: tradegraph.MetWith,
			From: "country:CN", To: "country:JP", Article: id, Confidence: 0.8, Span: [2]int{15, 35}, Rule: "better",
			Date: "2024-05-01", Cameo: "040"},
		{ID: tradegraph.RelationID(tradegraph.Banned, "country:JP", "country:TW", id), Type: tradegraph.Banned,
			From: "country:JP", To: "country:TW", Article: id, Confidence: 0.9, Span: [2]int{36, 60},
			Date: "2024-04-30", Cameo: "1631"},
	}
	if diff := cmp.Diff(want, ex.Relations); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
	for _, m := range ex.Mentions {
		if got := string([]rune(text)[m.Start:m.End]); got != m.Text {
			t.Errorf("mention %q: code-point span gives %q", m.Text, got)
		}
	}
	if !slices.IsSortedFunc(ex.Actors, func(a, b *tradegraph.Actor) int { return strings.Compare(a.ID, b.ID) }) {
		t.Errorf("actors not sorted by id")
	}
}

func TestActorAliases(t *testing.T) {
	_, d := mentionsOf(testMatcher(t), "US officials and the U.S. met Washington. America agreed with the US.")
	got := d.Actors["country:US"].Aliases
	want := []string{"America", "U.S.", "US", "US officials", "Washington"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}
}

// TestExtractConcurrent shares one Extractor between goroutines; run it
// with -race.
func TestExtractConcurrent(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := seedArticle(t)
	first, err := x.Extract(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			ex, err := x.Extract(t.Context(), a)
			if err != nil {
				t.Error(err)
				return
			}
			if diff := cmp.Diff(first.Mentions, ex.Mentions); diff != "" {
				t.Errorf("concurrent extraction differs (-first +this):\n%s", diff)
			}
		})
	}
	wg.Wait()
}

// setBytes makes a benchmark report the throughput of one pass over arts.
func setBytes(b *testing.B, arts []*tradegraph.Article) {
	size := 0
	for _, a := range arts {
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
}

// benchArticles are the testdata articles (plain text, and the text field
// of the JSON ones).
func benchArticles(tb testing.TB) []*tradegraph.Article {
	tb.Helper()
	paths, _ := filepath.Glob("../../testdata/articles/*")
	var out []*tradegraph.Article
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		a := &tradegraph.Article{ID: p, Text: string(data)}
		switch filepath.Ext(p) {
		case ".txt":
		case ".json":
			var j struct{ Text, Published string }
			if err := json.Unmarshal(data, &j); err != nil {
				tb.Fatalf("%s: %v", p, err)
			}
			a.Text, a.Published = j.Text, j.Published
		default:
			continue
		}
		if utf8.ValidString(a.Text) && strings.TrimSpace(a.Text) != "" {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		tb.Fatal("no articles in ../../testdata/articles")
	}
	return out
}

func BenchmarkExtract(b *testing.B) {
	x, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	arts := benchArticles(b)
	setBytes(b, arts)
	for b.Loop() {
		for _, a := range arts {
			if _, err := x.Extract(b.Context(), a); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMentions measures the mention stage alone (sentences, actor
// mentions, coreference), without the relation rules.
func BenchmarkMentions(b *testing.B) {
	x, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	arts := benchArticles(b)
	setBytes(b, arts)
	for b.Loop() {
		for _, a := range arts {
			x.document(a)
		}
	}
}

// TestGoldActors scores the actors found in the testdata articles against
// the gold annotations with the scorer of `tradegraph eval`, which pairs a
// gold actor with an extracted one of the same kind when a name or mention
// of one is a name or mention of the other, so that actors the gazetteer
// does not know count as found even when their made-up ids differ from the
// gold's. The bar is a floor on precision and recall, not equality; the
// misses are logged.
func TestGoldActors(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var s eval.Scorer
	for _, a := range benchArticles(t) {
		base := strings.TrimSuffix(filepath.Base(a.ID), filepath.Ext(a.ID))
		gold, err := loader.ReadGold(filepath.Join("../../testdata/gold", base+".json"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		if len(gold.Articles) != 1 {
			t.Fatalf("%s: %d gold articles for one article file", base, len(gold.Articles))
		}
		ex, err := x.Extract(t.Context(), a)
		if err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		s.Add(base, gold.Articles[0], loader.NewOutputArticle(ex))
	}
	r := s.Report()
	if r.Articles == 0 {
		t.Fatal("no article of ../../testdata/articles has a gold annotation")
	}
	for _, m := range r.MissedActors {
		t.Logf("%s: missed %s %s %q", m.Article, m.Kind, m.ID, m.Name)
	}
	for _, m := range r.FalseActors {
		t.Logf("%s: not in gold %s %s %q", m.Article, m.Kind, m.ID, m.Name)
	}
	c := r.Actors
	t.Logf("actors: precision %.2f, recall %.2f (%d found, %d extra, %d missed)", c.Precision, c.Recall, c.TP, c.FP, c.FN)
	if c.Precision < 0.9 || c.Recall < 0.85 {
		t.Errorf("actors: precision %.2f (want ≥ 0.90), recall %.2f (want ≥ 0.85)", c.Precision, c.Recall)
	}
}
