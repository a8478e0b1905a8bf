package loader

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tradegraph/tradegraph"
)

func sampleExtraction() *tradegraph.Extraction {
	return &tradegraph.Extraction{
		Article: &tradegraph.Article{ID: "https://x.example/a", Title: "Chips", URL: "https://x.example/a", Outlet: "X", Published: "2023-05-01", Text: "..."},
		Actors: []*tradegraph.Actor{
			{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan"},
			{ID: "country:US", Kind: tradegraph.Country, Name: "United States"},
			{ID: "country:CN", Kind: tradegraph.Country, Name: "China"},
		},
		// Out of text order on purpose: mentions follow the text.
		Mentions: []tradegraph.Mention{
			{ActorID: "country:JP", Text: "Tokyo", Start: 300, End: 305},
			{ActorID: "country:US", Text: "US", Start: 0, End: 2},
			{ActorID: "country:JP", Text: "Japanese government", Start: 30, End: 49},
			{ActorID: "country:JP", Text: "Tokyo", Start: 400, End: 405},
		},
		Relations: []*tradegraph.Relation{{
			Type: tradegraph.Requested, From: "country:US", To: "country:JP", About: "join efforts",
			Concerning: []string{"country:CN"}, Confidence: 0.8, ReportedBy: "company:kyodo-news",
			Cameo: "022", Rule: "request.ask-to-join", Evidence: "US authorities have asked ...", Span: [2]int{0, 156},
		}, {
			Type: tradegraph.PartOf, From: "ministry:jp-meti", To: "country:JP", Rule: "part-of", Span: [2]int{5, 9},
		}},
	}
}

func TestNewOutputArticleShape(t *testing.T) {
	got, err := json.Marshal(NewOutputArticle(sampleExtraction()))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"https://x.example/a","title":"Chips","url":"https://x.example/a","outlet":"X","published":"2023-05-01",` +
		`"actors":[{"id":"country:JP","kind":"Country","name":"Japan","mentions":["Japanese government","Tokyo"]},` +
		`{"id":"country:US","kind":"Country","name":"United States","mentions":["US"]},` +
		`{"id":"country:CN","kind":"Country","name":"China","mentions":[]}],` +
		`"relations":[{"type":"REQUESTED","from":"country:US","to":"country:JP","about":"join efforts","concerning":["country:CN"],` +
		`"hedged":false,"confidence":0.8,"reportedBy":"company:kyodo-news","cameo":"022","rule":"request.ask-to-join",` +
		`"evidence":"US authorities have asked ...","span":[0,156]},` +
		`{"type":"PART_OF","from":"ministry:jp-meti","to":"country:JP","about":"","concerning":[],"hedged":false,"confidence":0,` +
		`"reportedBy":"","cameo":"","rule":"part-of","evidence":"","span":[5,9]}]}`
	if string(got) != want {
		t.Errorf("JSON differs:\n got %s\nwant %s", got, want)
	}

	empty, _ := json.Marshal(NewOutputArticle(&tradegraph.Extraction{Article: &tradegraph.Article{ID: "a"}, Warnings: []string{"title is empty"}}))
	if !strings.Contains(string(empty), `"actors":[],"relations":[],"warnings":["title is empty"]`) {
		t.Errorf("empty lists or warnings wrong: %s", empty)
	}
}

func TestReadGold(t *testing.T) {
	out := ExtractOutput{Articles: []OutputArticle{NewOutputArticle(sampleExtraction())}}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "gold.json")
	if err := os.WriteFile(good, data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadGold(good)
	if err != nil {
		t.Fatalf("ReadGold: %v", err)
	}
	if diff := cmp.Diff(out, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}

	tests := []struct{ name, content, wantErr string }{
		{"unknown field", `{"articles":[{"id":"a","actor":[]}]}`, `unknown field "actor"`},
		{"syntax", "{\"articles\": [\n  {\"id\": }\n]}", "line 2, column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name+".json")
			if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadGold(p)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), p) {
				t.Errorf("err = %v, want one naming the file and %q", err, tt.wantErr)
			}
		})
	}

	p := filepath.Join(dir, "sparse.json")
	if err := os.WriteFile(p, []byte(`{"articles":[{"id":"a","relations":[{"type":"BANNED"}]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	sparse, err := ReadGold(p)
	if err != nil {
		t.Fatal(err)
	}
	if a := sparse.Articles[0]; a.Actors == nil || a.Relations[0].Concerning == nil {
		t.Errorf("missing lists not read as empty: %+v", a)
	}
}
