// Package loadbench measures the load path of `tradegraph load` — read,
// extract, save — on a synthetic corpus, into any tradegraph.Store: how
// many articles and relations a first load stores per second, and how long
// a second load of the same corpus takes, which must change nothing.
//
// The store is a parameter so that every store is measured the same way:
// store packages (or this package's tests) call Bench with a function that
// opens an empty store. Corpora come from internal/synth and are cached on
// disk (see Corpus), never committed.
package loadbench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/synth"
	"github.com/tradegraph/tradegraph/loader"
)

// Options configure Run.
type Options struct {
	// Workers is the number of articles extracted at once, as `tradegraph
	// load --workers`; 0 means one per CPU.
	Workers int
	// ExtractOnly, when set, first runs the same pipeline without a store
	// (loader.Extract), to show how much of a load's time the store takes.
	ExtractOnly bool
	// Progress, when set, receives the loader's running totals.
	Progress func(loader.Summary)
}

// Result is what Run measured.
type Result struct {
	Corpus string
	// Articles, Actors and Relations are the first load's counts.
	Articles, Actors, Relations int
	// ExtractOnly is the time of the pass without a store (zero unless
	// asked for); First and Second are the two loads.
	ExtractOnly, First, Second time.Duration
	// Stats is what the store holds after the second load; it is the same
	// as after the first, or Run fails.
	Stats *tradegraph.Stats
}

// ArticlesPerSecond is the first load's throughput in articles.
func (r *Result) ArticlesPerSecond() float64 { return perSecond(r.Articles, r.First) }

// RelationsPerSecond is the first load's throughput in relations.
func (r *Result) RelationsPerSecond() float64 { return perSecond(r.Relations, r.First) }

// ExtractArticlesPerSecond is the throughput of the pass without a store,
// or 0 when it was not run.
func (r *Result) ExtractArticlesPerSecond() float64 { return perSecond(r.Articles, r.ExtractOnly) }

func perSecond(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// Run loads the corpus file into st with ex twice, through loader.Load as
// `tradegraph load` does, and times both loads. st should be empty. Run
// fails when a load fails or reports failed articles, when the second load
// saves a different number of articles, and when the second load changes
// what the store holds (Store.Stats before and after differ).
func Run(ctx context.Context, st tradegraph.Store, ex tradegraph.Extractor, corpus string, opt Options) (*Result, error) {
	res := &Result{Corpus: corpus}
	lo := loader.LoadOptions{Workers: opt.Workers, Progress: opt.Progress}
	if opt.ExtractOnly {
		start := time.Now()
		if err := loader.Extract(ctx, ex, []string{corpus}, lo, func(*tradegraph.Extraction) error { return nil }); err != nil {
			return nil, fmt.Errorf("loadbench: extract only: %w", err)
		}
		res.ExtractOnly = time.Since(start)
	}

	first, err := load(ctx, st, ex, corpus, lo)
	if err != nil {
		return nil, fmt.Errorf("loadbench: first load: %w", err)
	}
	res.Articles, res.Actors, res.Relations, res.First = first.Articles, first.Actors, first.Relations, first.Elapsed
	before, err := st.Stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("loadbench: stats after the first load: %w", err)
	}

	second, err := load(ctx, st, ex, corpus, lo)
	if err != nil {
		return nil, fmt.Errorf("loadbench: second load: %w", err)
	}
	res.Second = second.Elapsed
	if second.Articles != first.Articles || second.Relations != first.Relations {
		return nil, fmt.Errorf("loadbench: second load saved %d articles and %d relations, the first %d and %d",
			second.Articles, second.Relations, first.Articles, first.Relations)
	}
	res.Stats, err = st.Stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("loadbench: stats after the second load: %w", err)
	}
	if !reflect.DeepEqual(before, res.Stats) {
		return nil, fmt.Errorf("loadbench: the second load changed the store: %+v before, %+v after", *before, *res.Stats)
	}
	return res, nil
}

// load runs one loader.Load and turns failed articles into an error: a
// benchmark that silently skips articles measures nothing.
func load(ctx context.Context, st tradegraph.Store, ex tradegraph.Extractor, corpus string, lo loader.LoadOptions) (loader.Summary, error) {
	sum, err := loader.Load(ctx, st, ex, []string{corpus}, lo)
	if err != nil {
		return sum, err
	}
	if sum.Errors > 0 {
		return sum, fmt.Errorf("%d articles failed, the first: %w", sum.Errors, sum.Failed[0])
	}
	if sum.Articles == 0 {
		return sum, errors.New("no articles loaded")
	}
	return sum, nil
}

// DefaultDir is where corpora are cached: $TRADEGRAPH_CORPUS_DIR, else
// tradegraph/corpus under the user's cache folder, else under the
// system's temporary folder.
func DefaultDir() string {
	if d := os.Getenv("TRADEGRAPH_CORPUS_DIR"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "tradegraph", "corpus")
	}
	return filepath.Join(os.TempDir(), "tradegraph-corpus")
}

// Corpus returns the path of the synthetic corpus of n articles made from
// seed, writing it into dir when it is not there yet. The file name holds
// a fingerprint of the generator's output, so that a changed generator
// writes a new file instead of reusing a stale one.
func Corpus(dir string, n int, seed int64) (string, error) {
	var head bytes.Buffer
	if err := synth.WriteJSONL(&head, min(n, 20), seed); err != nil {
		return "", err
	}
	sum := sha256.Sum256(head.Bytes())
	path := filepath.Join(dir, fmt.Sprintf("synth-n%d-s%d-%s.jsonl", n, seed, hex.EncodeToString(sum[:4])))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("loadbench: corpus folder: %w", err)
	}
	f, err := os.CreateTemp(dir, ".synth-*.jsonl")
	if err != nil {
		return "", fmt.Errorf("loadbench: corpus: %w", err)
	}
	err = f.Chmod(0o644) // CreateTemp makes it private; a corpus is not
	if err == nil {
		err = synth.WriteJSONL(f, n, seed)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("loadbench: corpus: %w", err)
	}
	return path, nil
}
