package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader"
)

// BenchmarkLoad runs the whole `tradegraph load` path (read, extract,
// save to a fresh SQLite file) on the example corpus replicated under
// distinct URLs into one JSON Lines file of 1,500 articles, then loads the
// same file again, which must change nothing. It reports articles and
// relations per second of the first load and the seconds of the second.
func BenchmarkLoad(b *testing.B) {
	const copies = 100
	corpus, n := replicate(b, copies)
	var first, second time.Duration
	var relations int
	for i := range b.N {
		db := filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.db", i))
		load := func() string {
			var out, errb bytes.Buffer
			if err := run(b.Context(), []string{"load", "--sqlite", db, "--log-level", "warn", corpus}, testEnv(nil), nil, &out, &errb); err != nil {
				b.Fatalf("load: %v\n%s", err, errb.String())
			}
			return out.String()
		}
		start := time.Now()
		summary := load()
		first += time.Since(start)
		m := regexp.MustCompile(`loaded (\d+) articles with \d+ actors and (\d+) relations`).FindStringSubmatch(summary)
		if m == nil || m[1] != strconv.Itoa(n) {
			b.Fatalf("unexpected summary %q", summary)
		}
		relations, _ = strconv.Atoi(m[2])
		start = time.Now()
		load()
		second += time.Since(start)
	}
	b.ReportMetric(float64(n*b.N)/first.Seconds(), "articles/s")
	b.ReportMetric(float64(relations*b.N)/first.Seconds(), "relations/s")
	b.ReportMetric(second.Seconds()/float64(b.N), "reload-s")
}

// replicate writes copies of every example article, each copy under its
// own URL, into one JSON Lines file and returns its path and size in
// articles.
func replicate(b *testing.B, copies int) (string, int) {
	b.Helper()
	var arts []*tradegraph.Article
	err := loader.Read(b.Context(), []string{examples}, loader.ReadOptions{}, func(a *tradegraph.Article, err error) error {
		if err != nil {
			return err
		}
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range copies {
		for j, a := range arts {
			_ = enc.Encode(map[string]string{
				"title": a.Title, "text": a.Text, "outlet": a.Outlet, "published": a.Published,
				"url": fmt.Sprintf("https://bench.example/%d/%d", i, j),
			})
		}
	}
	path := filepath.Join(b.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return path, copies * len(arts)
}
