package extract

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph"
)

// TestSeedPipeline extracts the seed article through the whole pipeline
// (mention stage and relation stage) and checks every fact of DESIGN.md §1
// and the absence of absurd edges: none from or to an outlet, no self-loop,
// none from "Observers".
func TestSeedPipeline(t *testing.T) {
	text, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := x.Extract(t.Context(), &tradegraph.Article{Title: "seed", Text: string(text), Published: "2023-07-05"})
	if err != nil {
		t.Fatal(err)
	}
	d := &Document{Text: string(text), Actors: map[string]*tradegraph.Actor{}}
	for _, a := range ex.Actors {
		d.Actors[a.ID] = a
	}
	checkSeed(t, d, ex.Relations, []string{"company:kyodo-news", "company:taiwan-international-radio", "company:financial-times"})
	for _, id := range []string{"ministry:us-commerce", "ministry:jp-meti", "country:JP", "country:US", "country:CN", "country:TW"} {
		if d.Actors[id] == nil {
			t.Errorf("actor %s missing", id)
		}
	}
	if testing.Verbose() {
		t.Logf("relations:\n%s", dump(ex.Relations))
	}
}

// TestPipelineRules runs a few rule cases through the mention stage too,
// with actors the gazetteer knows, so that the two stages agree on what a
// mention looks like.
func TestPipelineRules(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text string
		want []string
	}{
		{"Chinese authorities halted imports of seafood from Japan.", []string{"BANNED country:CN country:JP"}},
		{"China did not ban imports of seafood from Japan.", nil},
		{"The United States imposed tariffs on steel from China and India.", []string{"IMPOSED_TARIFF country:US country:CN", "IMPOSED_TARIFF country:US country:IN"}},
		{"Washington urged Tokyo to curb chip exports, according to officials.", []string{"REQUESTED country:US country:JP"}},
		{"India was criticised by China for the duties.", []string{"CRITICIZED country:CN country:IN"}},
		{"Japan held talks with South Korea on Monday.", []string{"MET_WITH country:JP country:KR"}},
		{"China has not imposed tariffs on Japan.", nil},
		{"Unconfirmed reports said Beijing halted imports of fish from Japan.", []string{"BANNED country:CN country:JP"}},
		{"Tokyo ruled out sanctions on Beijing.", nil},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			ex, err := x.Extract(t.Context(), &tradegraph.Article{Title: "t", Text: c.text})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range ex.Relations {
				got = append(got, edge(r))
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q\n%s", got, c.want, dump(ex.Relations))
			}
		})
	}
}

// TestRelationsRandomText runs the whole pipeline on random jumbles of
// actor names and trigger words: the relation stage must not panic and
// every relation must be well formed, whatever the mention stage hands it.
func TestRelationsRandomText(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	vocab := []string{"US", "Japan", "China", "Taiwan", "’s", "'s", ",", ".", " ", "\n", "the", "The",
		"Minister", "of", "Economy", "Trade", "and", "Industry", "Secretary", "Commerce", "founder", "owner",
		"Alibaba", "Kyodo News", "reported", "that", "according to", "asked", "to", "banned", "imports",
		"from", "by", "was", "were", "added", "Entity List", "tariffs", "on", "met", "with", "not",
		"reportedly", "relocated", "Jack Ma", "Gene Raymond", "Chinese authorities", "halted", "seafood",
		"export controls", "sales", "acquired", "invested", "in", "criticised", "Japanese", "request", "conveyed"}
	r := rand.New(rand.NewPCG(7, 11))
	for n := 0; n < 1000; n++ {
		var b strings.Builder
		b.WriteString("X ")
		for k := r.IntN(40); k > 0; k-- {
			b.WriteString(vocab[r.IntN(len(vocab))])
			if r.IntN(4) > 0 {
				b.WriteString(" ")
			}
		}
		text := b.String()
		ex, err := x.Extract(t.Context(), &tradegraph.Article{Title: "t", Text: text})
		if err != nil {
			continue // an article the reader would reject
		}
		d := &Document{Text: text, Actors: map[string]*tradegraph.Actor{}}
		for _, a := range ex.Actors {
			d.Actors[a.ID] = a
		}
		for _, rel := range ex.Relations {
			checkWellFormed(t, d, rel)
		}
		if t.Failed() {
			t.Fatalf("text %q", text)
		}
	}
}
