package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/neo4jtest"
	"github.com/tradegraph/tradegraph/store/sqlite"
)

const examples = "../../testdata/articles"

// testEnv returns a getenv that sees only vars, so that the tests do not
// depend on the machine's environment.
func testEnv(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// storeUnderTest points the commands at an empty store of one kind.
type storeUnderTest struct {
	name string
	// open returns the flags that select the store, and the store itself
	// for the test to look into.
	open func(t *testing.T) ([]string, tradegraph.Store)
}

// storesUnderTest are SQLite and, when the tests have a Neo4j (see
// internal/neo4jtest), Neo4j: the commands must work the same on both.
var storesUnderTest = []storeUnderTest{
	{"sqlite", func(t *testing.T) ([]string, tradegraph.Store) {
		db := filepath.Join(t.TempDir(), "tg.db")
		st, err := sqlite.Open(t.Context(), db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return []string{"--store", "sqlite", "--sqlite", db}, st
	}},
	{"neo4j", func(t *testing.T) ([]string, tradegraph.Store) {
		cfg := neo4jtest.Config(t)
		st := neo4jtest.Open(t)
		return []string{"--store", "neo4j", "--neo4j-uri", cfg.URI, "--neo4j-username", cfg.Username,
			"--neo4j-password", cfg.Password, "--neo4j-database", cfg.Database}, st
	}},
}

// TestServeEndToEnd starts the program as a user would, on port 0 with a
// fresh database, and asks GraphQL who Jack Ma is connected to.
func TestServeEndToEnd(t *testing.T) {
	for _, s := range storesUnderTest {
		t.Run(s.name, func(t *testing.T) {
			flags, _ := s.open(t)
			testServeEndToEnd(t, flags)
		})
	}
}

func testServeEndToEnd(t *testing.T, storeFlags []string) {
	ctx, cancel := context.WithCancel(t.Context())
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		args := append([]string{"serve", "--addr", "127.0.0.1:0", "--examples", examples, "--log-level", "warn"}, storeFlags...)
		done <- run(ctx, args, testEnv(nil), strings.NewReader(""), outW, &stderr)
		outW.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Errorf("serve did not shut down")
		}
	})

	// The first line names the address; the rest is drained so the
	// program never blocks on its output.
	sc := bufio.NewScanner(outR)
	if !sc.Scan() {
		t.Fatalf("no output; stderr: %s", stderr.String())
	}
	m := regexp.MustCompile(`http://\S+`).FindString(sc.Text())
	if m == "" {
		t.Fatalf("first line names no address: %q", sc.Text())
	}
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	base := m
	waitHealthy(t, base)

	for _, path := range []string{"/healthz", "/readyz", "/"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d", path, resp.StatusCode)
		}
	}

	var got struct {
		Data struct {
			Actor struct {
				Name      string
				Relations struct {
					Nodes []struct {
						Type     string
						Hedged   bool
						From, To struct{ ID, Name string }
					}
				}
			}
		}
		Errors []json.RawMessage
	}
	postGraphQL(t, base, `{ actor(id: "person:jack-ma") { name relations(first: 50) { nodes { type hedged from { id name } to { id name } } } } }`, &got)
	if len(got.Errors) > 0 {
		t.Fatalf("errors: %s", got.Errors)
	}
	var links []string
	for _, r := range got.Data.Actor.Relations.Nodes {
		links = append(links, r.Type+" "+r.To.ID)
	}
	for _, want := range []string{"RELOCATED_TO country:JP", "FOUNDED company:alibaba", "OWNS company:aliexpress"} {
		if !slices.Contains(links, want) {
			t.Errorf("Jack Ma's relations %v lack %q", links, want)
		}
	}
}

func waitHealthy(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s/healthz never answered", base)
}

func postGraphQL(t *testing.T, base, query string, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

// TestLoadTwiceChangesNothing loads the examples twice, plus a broken file
// that must be reported by name while the rest load.
func TestLoadTwiceChangesNothing(t *testing.T) {
	for _, s := range storesUnderTest {
		t.Run(s.name, func(t *testing.T) {
			flags, st := s.open(t)
			testLoadTwiceChangesNothing(t, flags, st)
		})
	}
}

func testLoadTwiceChangesNothing(t *testing.T, storeFlags []string, st tradegraph.Store) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(bad, []byte(`{"title": "x", "text": `), 0o644); err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(dir, "odd-date.jsonl")
	if err := os.WriteFile(odd, []byte(`{"text": "Japan met China in Tokyo.", "published": "someday"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	load := func() (string, string, error) {
		var out, errb bytes.Buffer
		args := append(append([]string{"load"}, storeFlags...), examples, bad, odd)
		err := run(t.Context(), args, testEnv(nil), strings.NewReader(""), &out, &errb)
		return out.String(), errb.String(), err
	}
	out1, err1, err := load()
	if !errors.Is(err, errPartial) {
		t.Fatalf("load with a broken file: err = %v, want errPartial\nstdout: %s\nstderr: %s", err, out1, err1)
	}
	if !strings.Contains(err1, "broken.json") {
		t.Errorf("stderr does not name the broken file:\n%s", err1)
	}
	if !strings.Contains(err1, "warning: ") || !strings.Contains(err1, "someday") {
		t.Errorf("stderr does not show the date warning:\n%s", err1)
	}
	if !strings.Contains(out1, "1 failed") {
		t.Errorf("summary does not count the failure: %s", out1)
	}
	before := dump(t, st)
	if !strings.Contains(before, `"Articles":`) || strings.Contains(before, `"Articles":0,`) {
		t.Fatalf("nothing loaded: %s", before)
	}
	out2, _, _ := load()
	if after := dump(t, st); after != before {
		t.Errorf("second load changed the graph:\n%s\nthen\n%s", before, after)
	}
	if summary(out1) != summary(out2) {
		t.Errorf("summaries differ: %q vs %q", out1, out2)
	}
}

// summary drops the timing from a load summary.
func summary(s string) string { return regexp.MustCompile(` in \S+;`).ReplaceAllString(s, ";") }

// dump renders the counts of what the store holds, as a string to compare.
func dump(t *testing.T, st tradegraph.Store) string {
	t.Helper()
	var out bytes.Buffer
	stats, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	_ = json.NewEncoder(&out).Encode(stats)
	return out.String()
}

func TestExtractJSON(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(t.Context(), []string{"extract", "--format", "json", filepath.Join(examples, "seed-chips-seafood-jackma.txt")}, testEnv(nil), nil, &out, &errb)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, errb.String())
	}
	var got struct {
		Articles []struct {
			ID, Title string
			Actors    []struct {
				ID, Kind, Name string
				Mentions       []string
			}
			Relations []map[string]any
		}
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if len(got.Articles) != 1 || len(got.Articles[0].Actors) == 0 || len(got.Articles[0].Relations) == 0 {
		t.Fatalf("output = %s", out.String())
	}
	for _, key := range []string{"type", "from", "to", "about", "concerning", "hedged", "confidence", "reportedBy", "cameo", "rule", "evidence", "span"} {
		found := false
		for _, r := range got.Articles[0].Relations {
			if _, ok := r[key]; ok {
				found = true
			}
		}
		if !found {
			t.Errorf("no relation has the field %q", key)
		}
	}
}

func TestExtractFromStdin(t *testing.T) {
	var out, errb bytes.Buffer
	in := `{"title": "T", "text": "Japan's Ministry of Economy, Trade and Industry banned imports of seafood from China.", "published": "2024-01-02"}`
	if err := run(t.Context(), []string{"extract", "-"}, testEnv(nil), strings.NewReader(in), &out, &errb); err != nil {
		t.Fatalf("extract -: %v\n%s", err, errb.String())
	}
	if !strings.Contains(out.String(), `"published": "2024-01-02"`) {
		t.Errorf("stdin article not extracted:\n%s", out.String())
	}
}

func TestHelpAndUsage(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr error
		want    string
	}{
		{[]string{"help"}, nil, "Commands:"},
		{[]string{"serve", "-h"}, nil, "TRADEGRAPH_ADDR"},
		{[]string{"load", "-h"}, nil, "TRADEGRAPH_SQLITE_PATH"},
		{[]string{"help", "extract"}, nil, "-format"},
		{[]string{"bogus"}, errUsage, "unknown command"},
		{[]string{"load"}, errUsage, "at least one"},
		{[]string{"serve", "--store", "mongo"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			err := run(t.Context(), tt.args, testEnv(nil), nil, &out, &errb)
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), "mongo") {
					t.Errorf("err = %v, want one naming the unknown store", err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if all := out.String() + errb.String(); !strings.Contains(all, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, all)
			}
		})
	}
}

// TestMaxArticleSize checks that --max-article-size reaches every stage: an
// article over the default limit is refused by default and extracted when
// the flag allows it.
func TestMaxArticleSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "long.txt")
	text := "Long read\n\nJapan met China in Tokyo. " + strings.Repeat("Nothing much happened that day. ", 40000)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	err := run(t.Context(), []string{"extract", path}, testEnv(nil), nil, &out, &errb)
	if !errors.Is(err, errPartial) || !strings.Contains(errb.String(), "limit") {
		t.Errorf("default limit: err %v, stderr %s", err, errb.String())
	}
	out.Reset()
	errb.Reset()
	if err := run(t.Context(), []string{"extract", "--max-article-size", "4194304", path}, testEnv(nil), nil, &out, &errb); err != nil {
		t.Fatalf("raised limit: %v\n%s", err, errb.String())
	}
	if !strings.Contains(out.String(), `"MET_WITH"`) {
		t.Errorf("the long article was not extracted:\n%.500s", out.String())
	}
}
