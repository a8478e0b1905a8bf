package tradegraph_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tradegraph/tradegraph"
)

// validExtraction returns a small extraction that Validate accepts; each
// case of TestValidateErrors breaks one thing in it.
func validExtraction() *tradegraph.Extraction {
	a := &tradegraph.Article{ID: "https://news.example/1", Published: "2024-05-06", Text: "China banned Taiwan's fish."}
	return &tradegraph.Extraction{
		Article: a,
		Actors: []*tradegraph.Actor{
			{ID: "country:CN", Kind: tradegraph.Country, Name: "China", Country: "CN"},
			{ID: "country:TW", Kind: tradegraph.Country, Name: "Taiwan", Country: "TW"},
		},
		Mentions: []tradegraph.Mention{
			{ActorID: "country:CN", Text: "China", Start: 0, End: 5},
			{ActorID: "country:TW", Text: "Taiwan", Start: 13, End: 19},
		},
		Relations: []*tradegraph.Relation{{
			Type: tradegraph.Banned, From: "country:CN", To: "country:TW",
			Evidence: "China banned Taiwan's fish.", Span: [2]int{0, 27}, Confidence: 0.9, Date: "2024-05-06",
		}},
	}
}

func TestValidateErrors(t *testing.T) {
	ghost := &tradegraph.Actor{ID: "person:ghost", Kind: tradegraph.Person, Name: "Ghost"}
	for _, c := range []struct {
		name   string
		mutate func(x *tradegraph.Extraction) *tradegraph.Extraction
		want   string
	}{
		{"nil extraction", func(*tradegraph.Extraction) *tradegraph.Extraction { return nil },
			"extraction has no article"},
		{"no article", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Article = nil; return x },
			"extraction has no article"},
		{"blank article id", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Article.ID = " "; return x },
			"article id is empty"},
		{"bad published date", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Article.Published = "6 May 2024"; return x },
			`article "https://news.example/1": published date "6 May 2024" is not of the form YYYY-MM-DD`},
		{"nil actor", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Actors[1] = nil; return x },
			"actor 1 is nil"},
		{"empty actor id", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Actors[0].ID = ""; return x },
			`actor 0 ("China") has an empty id`},
		{"bad kind", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Actors[0].Kind = "Nation"; return x },
			`actor "country:CN" has invalid kind "Nation"`},
		{"empty name", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Actors[1].Name = "\t"; return x },
			`actor "country:TW" has an empty name`},
		{"two kinds", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Actors = append(x.Actors, &tradegraph.Actor{ID: "country:CN", Kind: tradegraph.Organization, Name: "China"})
			return x
		}, `actor "country:CN" is listed as both Country and Organization`},
		{"mention of an unlisted actor", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Mentions = append(x.Mentions, tradegraph.Mention{ActorID: ghost.ID, Text: "Ghost", Start: 1, End: 6})
			return x
		}, `mention 2 ("Ghost") names actor "person:ghost", which the extraction does not list`},
		{"mention offsets", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Mentions[0].End = -1; return x },
			`mention 0 ("China") has invalid offsets 0..-1`},
		{"negative mention start", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Mentions[1].Start = -3; return x },
			`mention 1 ("Taiwan") has invalid offsets -3..19`},
		{"nil relation", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Relations = append(x.Relations, nil)
			return x
		}, "relation 1 is nil"},
		{"unknown type", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Relations[0].Type = "LIKES"; return x },
			`relation 0 (LIKES country:CN → country:TW): unknown relation type "LIKES"`},
		{"unlisted from", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Relations[0].From = ghost.ID; return x },
			`relation 0 (BANNED person:ghost → country:TW): from actor "person:ghost" is not among the extraction's actors`},
		{"unlisted to", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Relations[0].To = ghost.ID; return x },
			`relation 0 (BANNED country:CN → person:ghost): to actor "person:ghost" is not among the extraction's actors`},
		{"other article", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Relations[0].Article = "https://news.example/2"
			return x
		},
			`relation 0 (BANNED country:CN → country:TW): belongs to article "https://news.example/2", not "https://news.example/1"`},
		{"span backwards", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Relations[0].Span = [2]int{9, 3}; return x },
			"relation 0 (BANNED country:CN → country:TW): invalid evidence span 9..3"},
		{"span negative", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Relations[0].Span = [2]int{-1, 3}; return x },
			"relation 0 (BANNED country:CN → country:TW): invalid evidence span -1..3"},
		{"confidence over 1", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Relations[0].Confidence = 1.5; return x },
			"relation 0 (BANNED country:CN → country:TW): confidence 1.5 is outside 0..1"},
		{"confidence below 0", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Relations[0].Confidence = -0.1; return x },
			"relation 0 (BANNED country:CN → country:TW): confidence -0.1 is outside 0..1"},
		{"confidence NaN", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			x.Relations[0].Confidence = math.NaN()
			return x
		},
			"relation 0 (BANNED country:CN → country:TW): confidence NaN is outside 0..1"},
		{"bad relation date", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Relations[0].Date = "2024-13-01"; return x },
			`relation 0 (BANNED country:CN → country:TW): date "2024-13-01" is not of the form YYYY-MM-DD`},
		{"wrong id", func(x *tradegraph.Extraction) *tradegraph.Extraction { x.Relations[0].ID = "rel:0"; return x },
			`relation 0 (BANNED country:CN → country:TW): id "rel:0" does not match its type, ends and article (want "` +
				tradegraph.RelationID(tradegraph.Banned, "country:CN", "country:TW", "https://news.example/1") + `")`},
		{"listed twice", func(x *tradegraph.Extraction) *tradegraph.Extraction {
			again := *x.Relations[0]
			again.Confidence = 0.5
			x.Relations = append(x.Relations, &again)
			return x
		}, "relation 1 (BANNED country:CN → country:TW): listed twice in one article"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, err := c.mutate(validExtraction()).Validate()
			if v != nil {
				t.Errorf("Validate returned an extraction beside the error %v", err)
			}
			if code := tradegraph.ErrorCode(err); code != tradegraph.EINVALID {
				t.Fatalf("Validate error = %v, want code %s", err, tradegraph.EINVALID)
			}
			if got := tradegraph.ErrorMessage(err); got != c.want {
				t.Errorf("message\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestValidateNormalises(t *testing.T) {
	x := validExtraction()
	// China listed again, without a country the first time, with another
	// name and a padded alias; Taiwan's relation given its id already.
	x.Actors[0].Country = ""
	x.Actors[0].Aliases = []string{"PRC", " "}
	x.Actors = append(x.Actors, &tradegraph.Actor{ID: "country:CN", Kind: tradegraph.Country, Name: "Beijing", Country: "CN", Aliases: []string{" PRC ", "China"}})
	x.Mentions = append(x.Mentions, tradegraph.Mention{ActorID: "country:CN", Text: "Beijing", Start: 30, End: 37})
	x.Relations[0].Concerning = []string{"country:TW"}
	wantID := tradegraph.RelationID(tradegraph.Banned, "country:CN", "country:TW", x.Article.ID)
	x.Relations[0].ID = wantID

	v, err := x.Validate()
	if err != nil {
		t.Fatal(err)
	}
	if v.Article != x.Article {
		t.Error("the article is not the extraction's")
	}
	want := []*tradegraph.Actor{
		{ID: "country:CN", Kind: tradegraph.Country, Name: "China", Country: "CN", Aliases: []string{"PRC", " "}},
		{ID: "country:TW", Kind: tradegraph.Country, Name: "Taiwan", Country: "TW"},
	}
	if diff := cmp.Diff(want, v.Actors); diff != "" {
		t.Errorf("actors (-want +got):\n%s", diff)
	}
	wantNames := map[string][]string{
		"country:CN": {"China", "PRC", "Beijing"},
		"country:TW": {"Taiwan"},
	}
	if diff := cmp.Diff(wantNames, v.Names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	if len(v.Mentions) != 3 || len(v.Relations) != 1 {
		t.Fatalf("%d mentions and %d relations, want 3 and 1", len(v.Mentions), len(v.Relations))
	}
	if r := v.Relations[0]; r.ID != wantID || r.Article != x.Article.ID {
		t.Errorf("relation id %q and article %q, want %q and %q", r.ID, r.Article, wantID, x.Article.ID)
	}

	// The result is a copy: changing it leaves the caller's values alone.
	v.Actors[0].Country = "XX"
	v.Actors[0].Aliases[0] = "changed"
	v.Relations[0].Concerning[0] = "changed"
	if x.Actors[0].Country != "" || x.Actors[0].Aliases[0] != "PRC" || x.Relations[0].Concerning[0] != "country:TW" {
		t.Error("changing the validated extraction changed the caller's")
	}
	if x.Relations[0].Article != "" {
		t.Error("Validate set the caller's relation article")
	}

	// Extraction turns it back into one that validates to the same.
	again, err := v.Extraction().Validate()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(v.Names, again.Names); diff != "" {
		t.Errorf("names after a round trip (-first +again):\n%s", diff)
	}
	if diff := cmp.Diff(v.Relations, again.Relations); diff != "" {
		t.Errorf("relations after a round trip (-first +again):\n%s", diff)
	}
}
