package apibench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/loadbench"
	"github.com/tradegraph/tradegraph/loader"
	"github.com/tradegraph/tradegraph/loader/extract"
	"github.com/tradegraph/tradegraph/store/neo4j"
	"github.com/tradegraph/tradegraph/store/sqlite"
)

// Seed is the synth seed of every corpus this package loads, the one
// internal/loadbench measures loads with.
const Seed = 1

// DefaultDir is where SQLite benchmark databases live:
// $TRADEGRAPH_BENCH_DIR, else tradegraph/bench under the user's cache
// folder. A 100k database is more than a gigabyte, so never the repository.
func DefaultDir() string {
	if d := os.Getenv("TRADEGRAPH_BENCH_DIR"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "tradegraph", "bench")
	}
	return filepath.Join(os.TempDir(), "tradegraph-bench")
}

// Logf reports progress; nil is quiet.
type Logf func(format string, args ...any)

func (l Logf) printf(format string, args ...any) {
	if l != nil {
		l(format, args...)
	}
}

// OpenSQLite opens the SQLite benchmark database for a corpus of n
// articles in dir and loads the corpus into it unless it holds it already.
//
// A database counts as loaded when the marker file next to it
// (<db>.loaded) names the corpus file: the marker is written only after a
// load succeeds, so a database without one is a load that was cut short
// and is deleted and loaded afresh (a first load is faster than a resumed
// one).
func OpenSQLite(ctx context.Context, dir string, n int, logf Logf) (tradegraph.Store, error) {
	corpus, err := loadbench.Corpus(loadbench.DefaultDir(), n, Seed)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("apibench: %w", err)
	}
	path := filepath.Join(dir, "apibench-"+loadbench.SizeName(n)+".db")
	marker := path + ".loaded"
	if b, err := os.ReadFile(marker); err == nil && strings.TrimSpace(string(b)) == filepath.Base(corpus) {
		logf.printf("sqlite: %s holds %s", path, filepath.Base(corpus))
		return sqlite.Open(ctx, path)
	}
	for _, p := range []string{marker, path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("apibench: %w", err)
		}
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := load(ctx, st, corpus, logf); err != nil {
		st.Close()
		return nil, err
	}
	if err := os.WriteFile(marker, []byte(filepath.Base(corpus)+"\n"), 0o644); err != nil {
		st.Close()
		return nil, fmt.Errorf("apibench: %w", err)
	}
	return st, nil
}

// OpenNeo4j opens the Neo4j database that cfg names and loads the corpus
// of n articles into it unless it holds it already: unless it holds
// exactly n articles, the first and the last of the corpus among them.
// An empty database, or one holding part of the corpus (a load cut short),
// is loaded; loading is idempotent, so the articles already there stay as
// they are. A database holding anything else is refused rather than
// mixed with the corpus: point NEO4J_URI at a server of its own (not the
// shared test server, whose tests empty it).
func OpenNeo4j(ctx context.Context, cfg neo4j.Config, n int, logf Logf) (tradegraph.Store, error) {
	corpus, err := loadbench.Corpus(loadbench.DefaultDir(), n, Seed)
	if err != nil {
		return nil, err
	}
	st, err := neo4j.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	state, err := corpusState(ctx, st, corpus, n)
	if err == nil {
		switch state {
		case loaded:
			logf.printf("neo4j: %s holds %s", cfg.URI, filepath.Base(corpus))
			return st, nil
		case foreign:
			err = fmt.Errorf("apibench: the database at %s holds articles that are not those of %s; give the benchmark a server of its own",
				cfg.URI, filepath.Base(corpus))
		default:
			err = load(ctx, st, corpus, logf)
		}
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

type state int

const (
	empty state = iota
	partial
	loaded
	foreign
)

// corpusState says how much of the corpus st holds, judged by the number
// of articles and the ids of the corpus's first and last article.
func corpusState(ctx context.Context, st tradegraph.Store, corpus string, n int) (state, error) {
	stats, err := st.Stats(ctx)
	if err != nil {
		return 0, err
	}
	if stats.Articles == 0 {
		return empty, nil
	}
	first, last, err := endIDs(corpus)
	if err != nil {
		return 0, err
	}
	has := func(id string) (bool, error) {
		_, err := st.FindArticleByID(ctx, id)
		if tradegraph.ErrorCode(err) == tradegraph.ENOTFOUND {
			return false, nil
		}
		return err == nil, err
	}
	hasFirst, err := has(first)
	if err != nil {
		return 0, err
	}
	hasLast, err := has(last)
	if err != nil {
		return 0, err
	}
	switch {
	case stats.Articles == n && hasFirst && hasLast:
		return loaded, nil
	case stats.Articles < n && (hasFirst || hasLast):
		return partial, nil
	}
	return foreign, nil
}

// endIDs returns the ids of the first and the last article of a corpus
// file. Synthetic articles all have a URL, which is their id.
func endIDs(corpus string) (first, last string, err error) {
	f, err := os.Open(corpus)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	for {
		line, err := r.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			var a struct{ URL string }
			if jerr := json.Unmarshal(line, &a); jerr != nil || a.URL == "" {
				return "", "", fmt.Errorf("apibench: %s: a line without a url", corpus)
			}
			if first == "" {
				first = a.URL
			}
			last = a.URL
		}
		if errors.Is(err, io.EOF) {
			return first, last, nil
		}
		if err != nil {
			return "", "", err
		}
	}
}

// load runs `tradegraph load` on the corpus: the loader with the real
// extractor, two workers.
func load(ctx context.Context, st tradegraph.Store, corpus string, logf Logf) error {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	logf.printf("loading %s", filepath.Base(corpus))
	sum, err := loader.Load(ctx, st, ex, []string{corpus}, loader.LoadOptions{
		Workers:       2,
		ProgressEvery: time.Minute,
		Progress: func(s loader.Summary) {
			logf.printf("loaded %d articles, %d relations in %s", s.Articles, s.Relations, s.Elapsed.Round(time.Second))
		},
	})
	if err == nil && sum.Errors > 0 {
		err = fmt.Errorf("%d articles failed, the first: %w", sum.Errors, sum.Failed[0])
	}
	if err != nil {
		return fmt.Errorf("apibench: load %s: %w", filepath.Base(corpus), err)
	}
	return nil
}
