package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAliasesFlag checks that a user alias file, given by flag or by
// environment, reaches the extractor, and that a broken one stops the
// command with a message naming the file and line.
func TestAliasesFlag(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "a.txt")
	text := "Quorvane added to list\n\nThe United States added Quorvane Photonics to the Entity List. Japan's economy ministry said it would study the move.\n"
	if err := os.WriteFile(article, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "aliases.jsonl")
	if err := os.WriteFile(good, []byte(`# ours
{"id": "company:quorvane", "kind": "Company", "name": "Quorvane Photonics", "country": "NL"}
{"id": "ministry:jp-meti", "aliases": ["Japan's economy ministry"]}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte(`{"id": "company:quorvane", "kind": "Company", "name": "Quorvane Photonics"}
{"id": "company:other", "kind": "Company", "name": "Other", "aliases": ["METI"]}
`), 0o644); err != nil {
		t.Fatal(err)
	}

	extractWith := func(args []string, vars map[string]string) (string, error) {
		var out, errb bytes.Buffer
		err := run(t.Context(), append(append([]string{"extract"}, args...), article), testEnv(vars), nil, &out, &errb)
		return out.String() + errb.String(), err
	}
	wanted := []string{`"id": "company:quorvane"`, `"id": "ministry:jp-meti"`, `"to": "company:quorvane"`}

	out, err := extractWith(nil, nil)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, out)
	}
	for _, w := range wanted {
		if strings.Contains(out, w) {
			t.Errorf("without an alias file the output already has %s; the test proves nothing", w)
		}
	}
	for name, c := range map[string]struct {
		args []string
		vars map[string]string
	}{
		"flag": {[]string{"--aliases", good}, nil},
		"env":  {nil, map[string]string{"TRADEGRAPH_ALIASES": good}},
	} {
		out, err := extractWith(c.args, c.vars)
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		for _, w := range wanted {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output lacks %s:\n%s", name, w, out)
			}
		}
	}

	// Every command that builds an extractor refuses a broken file before
	// it does anything else.
	db := filepath.Join(dir, "tg.db")
	for _, args := range [][]string{
		{"extract", "--aliases", bad, article},
		{"load", "--sqlite", db, "--aliases", bad, article},
		{"serve", "--sqlite", db, "--addr", "127.0.0.1:0", "--examples", "", "--aliases", bad},
		{"extract", "--aliases", filepath.Join(dir, "missing.jsonl"), article},
	} {
		var out, errb bytes.Buffer
		err := run(t.Context(), args, testEnv(nil), nil, &out, &errb)
		if err == nil || !strings.Contains(err.Error(), "--aliases") {
			t.Errorf("%s: err = %v, want an --aliases error", args[0], err)
			continue
		}
		if slices.Contains(args, bad) && !strings.Contains(err.Error(), bad+`:2: "METI" is claimed by both ministry:jp-meti and company:other`) {
			t.Errorf("%s: err = %v, want it to name %s:2 and the alias", args[0], err, bad)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a store was opened despite the broken alias file (stat: %v)", err)
	}
}
