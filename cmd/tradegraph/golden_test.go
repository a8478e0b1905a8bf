package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestExtractGolden runs `tradegraph extract` over every example article and
// compares the output with testdata/golden/<article>.json. A change in what
// the extractor finds shows up here as a diff to review; accept it with
// `go test ./cmd/tradegraph -run TestExtractGolden -update`.
func TestExtractGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(examples, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example articles: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if err := run(t.Context(), []string{"extract", "--format", "json", f}, testEnv(nil), nil, &out, &errb); err != nil {
				t.Fatalf("extract %s: %v\n%s", f, err, errb.String())
			}
			golden := filepath.Join("../../testdata/golden", trimExt(name)+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), out.String()); diff != "" {
				t.Errorf("extract output differs from %s (-golden +now); review, then -update:\n%s", golden, diff)
			}
		})
	}
}

func trimExt(name string) string { return name[:len(name)-len(filepath.Ext(name))] }
