package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunWritesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "corpus.jsonl")
	var stderr bytes.Buffer
	if err := run(t.Context(), []string{"-n", "25", "-seed", "3", "-o", path}, nil, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(data), "\n"); lines != 25 {
		t.Errorf("%d lines, want 25", lines)
	}
	var stdout bytes.Buffer
	if err := run(t.Context(), []string{"-n", "25", "-seed", "3"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), data) {
		t.Error("stdout and file differ for the same seed")
	}
	if !strings.Contains(stderr.String(), "wrote 25 articles") {
		t.Errorf("stderr %q lacks the summary", stderr.String())
	}
}

func TestRunRejectsBadArguments(t *testing.T) {
	for _, args := range [][]string{{"-n", "-1"}, {"extra"}, {"-bogus"}} {
		if err := run(t.Context(), args, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := run(ctx, []string{"-n", "100000", "-o", path}, nil, &bytes.Buffer{}); err == nil {
		t.Fatal("run succeeded after cancel")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a corpus was left at %s (stat: %v)", path, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 0 {
		t.Errorf("left files behind: %v", entries)
	}
}
