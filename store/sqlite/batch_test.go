package sqlite_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/tradegraph/tradegraph"
)

// batchArticle returns an extraction of article n: two countries every
// article names, an organisation of its own, and a relation between each
// of them and Japan.
func batchArticle(n int) *tradegraph.Extraction {
	a := &tradegraph.Article{ID: fmt.Sprintf("https://news.example/batch-%d", n), Title: fmt.Sprint("Batch ", n), Text: "Japan met China."}
	own := &tradegraph.Actor{ID: fmt.Sprintf("organization:batch-%d", n), Kind: tradegraph.Organization, Name: fmt.Sprint("Body ", n)}
	jp := &tradegraph.Actor{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan", Country: "JP"}
	cn := &tradegraph.Actor{ID: "country:CN", Kind: tradegraph.Country, Name: "China", Country: "CN", Aliases: []string{fmt.Sprint("Beijing ", n)}}
	return &tradegraph.Extraction{
		Article:  a,
		Actors:   []*tradegraph.Actor{jp, cn, own},
		Mentions: []tradegraph.Mention{{ActorID: jp.ID, Text: "Japan", Start: 0, End: 5}, {ActorID: cn.ID, Text: "China", Start: 10, End: 15}},
		Relations: []*tradegraph.Relation{
			{Type: tradegraph.MetWith, From: cn.ID, To: jp.ID, Confidence: 0.8},
			{Type: tradegraph.Criticized, From: own.ID, To: jp.ID, Confidence: 0.6},
		},
	}
}

// TestSaveExtractionsRefusedArticle makes the database refuse one article
// of a batch (a trigger aborts the insert of its second relation, after
// its article, actors, mentions and first relation are written): that
// article alone is rolled back and gets the error, the others commit.
// When the database instead rolls back the whole transaction, every
// article gets an error and nothing is written.
func TestSaveExtractionsRefusedArticle(t *testing.T) {
	for _, c := range []struct {
		name, raise string
		all         bool // the whole batch fails
	}{
		{"abort", "ABORT", false},
		{"rollback", "ROLLBACK", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "graph.db")
			st := open(t, path)
			defer st.Close()
			db, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			refused := batchArticle(2)
			if _, err := db.Exec(fmt.Sprintf(`CREATE TRIGGER refuse BEFORE INSERT ON relations
				WHEN NEW.article_id = '%s' AND NEW.type = 'CRITICIZED'
				BEGIN SELECT RAISE(%s, 'refused by the test'); END`, refused.Article.ID, c.raise)); err != nil {
				t.Fatal(err)
			}

			batch := []*tradegraph.Extraction{batchArticle(1), refused, batchArticle(3)}
			errs := st.SaveExtractions(t.Context(), batch)
			if len(errs) != len(batch) {
				t.Fatalf("%d errors for %d extractions", len(errs), len(batch))
			}
			for i, err := range errs {
				if fail := i == 1 || c.all; (err != nil) != fail {
					t.Errorf("SaveExtractions[%d] = %v, want an error: %v", i, err, fail)
				}
			}

			var articles, relations, aliases int
			var actors []string
			if err := db.QueryRow(`SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM relations),
				(SELECT count(*) FROM actor_aliases)`).Scan(&articles, &relations, &aliases); err != nil {
				t.Fatal(err)
			}
			rows, err := db.Query(`SELECT id FROM actors ORDER BY id`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id string
				if err := rows.Scan(&id); err != nil {
					t.Fatal(err)
				}
				actors = append(actors, id)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprint([]string{"country:CN", "country:JP", "organization:batch-1", "organization:batch-3"})
			wantArticles, wantRelations, wantAliases := 2, 4, 2
			if c.all {
				want, wantArticles, wantRelations, wantAliases = "[]", 0, 0, 0
			}
			if got := fmt.Sprint(actors); got != want {
				t.Errorf("actors %s, want %s", got, want)
			}
			if articles != wantArticles || relations != wantRelations || aliases != wantAliases {
				t.Errorf("%d articles, %d relations, %d aliases; want %d, %d, %d",
					articles, relations, aliases, wantArticles, wantRelations, wantAliases)
			}
			if _, err := st.FindArticleByID(t.Context(), refused.Article.ID); tradegraph.ErrorCode(err) != tradegraph.ENOTFOUND {
				t.Errorf("the refused article: %v, want ENOTFOUND", err)
			}
			if _, err := st.FindActorByID(t.Context(), "organization:batch-2"); tradegraph.ErrorCode(err) != tradegraph.ENOTFOUND {
				t.Errorf("the refused article's own actor: %v, want ENOTFOUND", err)
			}
			hits, err := st.SearchActors(t.Context(), "Beijing", nil, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) != wantAliases/2 {
				t.Errorf("search for an alias found %d actors, want %d", len(hits), wantAliases/2)
			}

			// Without the trigger the same batch saves whole.
			if _, err := db.Exec(`DROP TRIGGER refuse`); err != nil {
				t.Fatal(err)
			}
			for i, err := range st.SaveExtractions(t.Context(), batch) {
				if err != nil {
					t.Errorf("again, SaveExtractions[%d]: %v", i, err)
				}
			}
			stats, err := st.Stats(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if stats.Articles != 3 || stats.Actors != 5 || stats.Relations != 6 {
				t.Errorf("after saving the batch again: %+v", stats)
			}
		})
	}
}
