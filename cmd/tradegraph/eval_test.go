package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes files (path relative to dir → content) under dir.
func writeFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// evalCorpus is a small gold folder with its articles next to it: two
// articles that can be scored, and gold files that cannot (broken JSON, an
// unknown kind, no article, an article that cannot be read, two possible
// articles).
var evalCorpus = map[string]string{
	"articles/talks.txt": "Talks in Tokyo\n\nJapan met China in Tokyo on Monday. Officials said nothing else.\n",
	// China under another id and name: the command must align by name.
	// Atlantis and the sanctions are not in the text: sure misses.
	"gold/talks.json": `{"articles": [{"title": "Talks in Tokyo",
		"actors": [
			{"id": "country:JP", "kind": "Country", "name": "Japan", "mentions": ["Japan"]},
			{"id": "country:prc", "kind": "Country", "name": "People's Republic of China", "mentions": ["China"]},
			{"id": "country:atlantis", "kind": "Country", "name": "Atlantis"}],
		"relations": [
			{"type": "MET_WITH", "from": "country:JP", "to": "country:prc", "evidence": "Japan met China in Tokyo on Monday."},
			{"type": "SANCTIONED", "from": "country:JP", "to": "country:prc", "evidence": "nowhere"}]}]}`,
	"articles/berlin.json": `{"title": "Talks", "url": "https://news.example.com/talks", "published": "2024-03-01",
		"text": "Germany met France in Berlin on Monday."}`,
	"gold/berlin.json": `{"articles": [{"url": "https://news.example.com/talks",
		"actors": [
			{"id": "country:DE", "kind": "Country", "name": "Germany"},
			{"id": "country:FR", "kind": "Country", "name": "France"}],
		"relations": [{"type": "MET_WITH", "from": "country:DE", "to": "country:FR"}]}]}`,
	"articles/broken.txt": "Broken\n\nJapan met China.\n",
	"gold/broken.json":    `{"articles": [{"actors": [` + "\n" + `{"id": "country:JP",, "kind": "Country"}]}]}`,
	"articles/typo.txt":   "Typo\n\nJapan met China.\n",
	"gold/typo.json":      `{"articles": [{"actors": [{"id": "country:JP", "kind": "Nation", "name": "Japan"}]}]}`,
	"gold/missing.json":   `{"articles": [{"actors": []}]}`,
	"articles/empty.txt":  " \n\n \n",
	"gold/empty.json":     `{"articles": [{"actors": []}]}`,
	"articles/twice.txt":  "Twice\n\nJapan met China.\n",
	"articles/twice.md":   "Twice\n\nJapan met China.\n",
	"gold/twice.json":     `{"articles": [{"actors": []}]}`,
	// Neither gold nor article: skipped.
	"gold/notes.txt":        "not a gold file",
	"articles/unrelated.md": "Unrelated\n\nNothing.\n",
}

func TestEval(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, evalCorpus)
	gold := filepath.Join(dir, "gold")

	var out, errb bytes.Buffer
	err := run(t.Context(), []string{"eval", "--format", "json", gold}, testEnv(nil), nil, &out, &errb)
	if !errors.Is(err, errPartial) {
		t.Fatalf("eval: err = %v, want errPartial\nstderr: %s", err, errb.String())
	}
	if !strings.Contains(err.Error(), "5 of 7 gold files") {
		t.Errorf("err = %v, want it to count 5 of 7 gold files", err)
	}
	var got struct {
		ArticlesDir  string
		GoldFiles    int
		Articles     int
		Actors       struct{ TP, FP, FN int }
		Relations    struct{ TP, FP, FN int }
		Hedged       struct{ TP, FP, FN int }
		MissedActors []struct {
			Article, ID string
		}
		MissedRelations []struct {
			Article, Type, From, To string
		}
		FalseActors, FalseRelations []json.RawMessage
		Errors                      []string
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if got.ArticlesDir != filepath.Join(dir, "articles") || got.GoldFiles != 7 || got.Articles != 2 {
		t.Errorf("articlesDir %q, goldFiles %d, articles %d; want %q, 7, 2", got.ArticlesDir, got.GoldFiles, got.Articles, filepath.Join(dir, "articles"))
	}
	if got.Actors != (struct{ TP, FP, FN int }{TP: 4, FN: 1}) || len(got.FalseActors) != 0 {
		t.Errorf("actors %+v, false %d; want tp 4, fn 1 (Atlantis)", got.Actors, len(got.FalseActors))
	}
	if got.Relations != (struct{ TP, FP, FN int }{TP: 2, FN: 1}) || got.Hedged != got.Relations || len(got.FalseRelations) != 0 {
		t.Errorf("relations %+v, hedged %+v; want tp 2, fn 1 (the sanctions) for both", got.Relations, got.Hedged)
	}
	if len(got.MissedActors) != 1 || got.MissedActors[0].ID != "country:atlantis" || got.MissedActors[0].Article != "talks" {
		t.Errorf("missed actors = %+v, want Atlantis of talks", got.MissedActors)
	}
	if len(got.MissedRelations) != 1 || got.MissedRelations[0] != (struct{ Article, Type, From, To string }{"talks", "SANCTIONED", "country:JP", "country:prc"}) {
		t.Errorf("missed relations = %+v, want the sanctions of talks", got.MissedRelations)
	}

	// Each unscored gold file is named with its problem, in the report and
	// on stderr, in the order of the files.
	wantErrors := []struct{ file, problem string }{
		{"broken.json", "line 2"},
		{"empty.json", "empty.txt: text is empty"},
		{"missing.json", "no article file missing.*"},
		{"twice.json", "twice.md, "},
		{"typo.json", `kind "Nation"`},
	}
	if len(got.Errors) != len(wantErrors) {
		t.Fatalf("errors = %q, want %d", got.Errors, len(wantErrors))
	}
	for i, w := range wantErrors {
		if e := got.Errors[i]; !strings.Contains(e, w.file) || !strings.Contains(e, w.problem) {
			t.Errorf("error %d = %q, want it to name %s and say %q", i, e, w.file, w.problem)
		}
		if !strings.Contains(errb.String(), "error: "+got.Errors[i]) {
			t.Errorf("stderr lacks %q:\n%s", got.Errors[i], errb.String())
		}
	}
}

func TestEvalText(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"articles/talks.txt": evalCorpus["articles/talks.txt"],
		"gold/talks.json":    evalCorpus["gold/talks.json"],
	})
	gold := filepath.Join(dir, "gold")
	var out, errb bytes.Buffer
	if err := run(t.Context(), []string{"eval", gold}, testEnv(nil), nil, &out, &errb); err != nil {
		t.Fatalf("eval: %v\n%s", err, errb.String())
	}
	text := out.String()
	for _, want := range []string{
		"Scored 1 articles from 1 of 1 gold files",
		"Country", "MET_WITH", "SANCTIONED", "all, hedged agreeing too",
		"\ntalks\n", "missed actor", "country:atlantis", `"Atlantis"`,
		"missed  SANCTIONED  country:JP -> country:prc",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}

	for _, flag := range []string{"--summary", "--quiet"} {
		out.Reset()
		if err := run(t.Context(), []string{"eval", flag, gold}, testEnv(nil), nil, &out, &errb); err != nil {
			t.Fatalf("eval %s: %v\n%s", flag, err, errb.String())
		}
		if s := out.String(); !strings.Contains(s, "SANCTIONED") || strings.Contains(s, "missed") || strings.Contains(s, "Atlantis") {
			t.Errorf("eval %s: want the tables without the misses:\n%s", flag, s)
		}
	}
}

// TestEvalArticlesFolder checks where eval looks for articles: next to the
// gold folder, in the gold folder itself when there is no articles folder
// (where NAME.json is the gold, not an article), and where --articles says.
func TestEvalArticlesFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"flat/talks.txt":      evalCorpus["articles/talks.txt"],
		"flat/talks.json":     evalCorpus["gold/talks.json"],
		"flat/berlin.json":    evalCorpus["gold/berlin.json"],
		"elsewhere/talks.txt": evalCorpus["articles/talks.txt"],
	})
	flat := filepath.Join(dir, "flat")
	var out, errb bytes.Buffer
	err := run(t.Context(), []string{"eval", "--format", "json", flat}, testEnv(nil), nil, &out, &errb)
	if !errors.Is(err, errPartial) || !strings.Contains(errb.String(), "berlin.json: no article file berlin.*") {
		t.Errorf("flat folder: err %v, want berlin.json reported as without article; stderr:\n%s", err, errb.String())
	}
	if !strings.Contains(out.String(), `"articles": 1,`) {
		t.Errorf("flat folder: talks was not scored:\n%s", out.String())
	}

	out.Reset()
	errb.Reset()
	err = run(t.Context(), []string{"eval", "--articles", filepath.Join(dir, "elsewhere"), "--format", "json", flat}, testEnv(nil), nil, &out, &errb)
	if !errors.Is(err, errPartial) || !strings.Contains(out.String(), `"articles": 1,`) || !strings.Contains(out.String(), "elsewhere") {
		t.Errorf("--articles: err %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), errb.String())
	}
}

// TestEvalAliases checks that eval builds its extractor as extract does,
// user alias file included.
func TestEvalAliases(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"articles/meti.txt": "Study\n\nJapan's economy ministry said it would study the move.\n",
		"gold/meti.json": `{"articles": [{"actors": [
			{"id": "ministry:jp-meti", "kind": "Ministry", "name": "Ministry of Economy, Trade and Industry", "mentions": ["Japan's economy ministry"]}]}]}`,
		"aliases.jsonl": `{"id": "ministry:jp-meti", "aliases": ["Japan's economy ministry"]}` + "\n",
	})
	found := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		args = append(append([]string{"eval", "--format", "json"}, args...), filepath.Join(dir, "gold"))
		if err := run(t.Context(), args, testEnv(nil), nil, &out, &errb); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errb.String())
		}
		var r struct{ Actors struct{ TP, FN int } }
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("tp %d, fn %d", r.Actors.TP, r.Actors.FN)
	}
	if got := found(); got != "tp 0, fn 1" {
		t.Fatalf("without the alias file: %s, want the ministry missed (else this test proves nothing)", got)
	}
	if got := found("--aliases", filepath.Join(dir, "aliases.jsonl")); got != "tp 1, fn 0" {
		t.Errorf("with the alias file: %s, want the ministry found", got)
	}
}

func TestEvalUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		// wantErr is the error wanted: nil for none, errAny for any.
		wantErr error
		want    string
	}{
		{[]string{"eval"}, errUsage, "one folder"},
		{[]string{"eval", "a", "b"}, errUsage, "one folder"},
		{[]string{"eval", "--format", "xml", dir}, errUsage, "--format"},
		{[]string{"eval", filepath.Join(dir, "nope")}, errAny, "nope"},
		{[]string{"eval", dir}, errAny, "no gold files"},
		{[]string{"help", "eval"}, nil, "-summary"},
		{[]string{"help"}, nil, "eval [flags] GOLD_DIR"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			err := run(t.Context(), tt.args, testEnv(nil), nil, &out, &errb)
			all := out.String() + errb.String()
			switch {
			case errors.Is(tt.wantErr, errAny) && err != nil:
				all += err.Error()
			case !errors.Is(err, tt.wantErr):
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(all, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, all)
			}
		})
	}
}

// errAny stands for any error in a table of wanted errors.
var errAny = errors.New("any error")

// TestEvalExamples scores the extractor on the development set and holds
// it to issue 4's targets: actors F1 at least 0.92, relations (type, from,
// to) at least 0.80, and 0.75 with hedged agreeing too. A change that makes
// extraction worse than that fails here with the tables to look at.
func TestEvalExamples(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(t.Context(), []string{"eval", "--format", "json", "../../testdata/gold"}, testEnv(nil), nil, &out, &errb)
	if err != nil {
		t.Fatalf("eval: %v\n%s", err, errb.String())
	}
	var r struct {
		Actors, Relations, Hedged struct{ F1 float64 }
	}
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("eval --format json: %v", err)
	}
	t.Logf("development set: actors F1 %.3f, relations F1 %.3f, with hedged %.3f", r.Actors.F1, r.Relations.F1, r.Hedged.F1)
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"actors F1", r.Actors.F1, 0.92},
		{"relations F1", r.Relations.F1, 0.80},
		{"relations F1 with hedged", r.Hedged.F1, 0.75},
	} {
		if c.got < c.want {
			t.Errorf("%s is %.3f, below the target %.2f; run `go run ./cmd/tradegraph eval testdata/gold` for the misses", c.what, c.got, c.want)
		}
	}
}
