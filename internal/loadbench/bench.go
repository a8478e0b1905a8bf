package loadbench

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/extract"
)

// DefaultSizes are the corpus sizes a load benchmark runs when
// TRADEGRAPH_BENCH_SIZE does not name others. 100,000 articles take the
// better part of an hour per store on a small machine, so they run only
// when asked for.
var DefaultSizes = []int{1000, 10000}

// Sizes returns the corpus sizes to benchmark: TRADEGRAPH_BENCH_SIZE, a
// comma-separated list such as "1k,100k" or "5000", else DefaultSizes.
func Sizes() ([]int, error) {
	env := strings.TrimSpace(os.Getenv("TRADEGRAPH_BENCH_SIZE"))
	if env == "" {
		return DefaultSizes, nil
	}
	var sizes []int
	for _, f := range strings.Split(env, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		mult := 1
		if s, ok := strings.CutSuffix(f, "k"); ok {
			f, mult = s, 1000
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("TRADEGRAPH_BENCH_SIZE: %q is not a corpus size (say 1k, 10k, 100k or 5000)", f)
		}
		sizes = append(sizes, n*mult)
	}
	return sizes, nil
}

// SizeName names a size the way sub-benchmarks are named: "1k", "2500".
func SizeName(n int) string {
	if n%1000 == 0 {
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// Bench runs the load benchmark of one store on a corpus of n articles
// (seed 1, cached in DefaultDir): every iteration opens an empty store
// with open, loads the corpus twice with Run and closes the store. It
// reports the first load's articles/s and relations/s, the seconds of the
// second load (reload-s), and the articles/s of extraction alone
// (extract-articles/s), for comparison.
//
// A store package benchmarks itself with
//
//	func BenchmarkLoad(b *testing.B) {
//		for _, n := range sizes {
//			b.Run(loadbench.SizeName(n), func(b *testing.B) { loadbench.Bench(b, openEmptyStore, n) })
//		}
//	}
func Bench(b *testing.B, open func(testing.TB) tradegraph.Store, n int) {
	b.Helper()
	corpus, err := Corpus(DefaultDir(), n, 1)
	if err != nil {
		b.Fatal(err)
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	// Sums over iterations; the figures reported are their means. ns/op
	// covers a whole iteration: extraction alone and both loads.
	var sum Result
	var runs int
	for b.Loop() {
		st := open(b)
		res, err := Run(b.Context(), st, ex, corpus, Options{ExtractOnly: true})
		if cerr := st.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close: %w", cerr)
		}
		if err != nil {
			b.Fatal(err)
		}
		runs++
		sum.Articles += res.Articles
		sum.Actors += res.Actors
		sum.Relations += res.Relations
		sum.ExtractOnly += res.ExtractOnly
		sum.First += res.First
		sum.Second += res.Second
	}
	b.ReportMetric(sum.ArticlesPerSecond(), "articles/s")
	b.ReportMetric(sum.RelationsPerSecond(), "relations/s")
	b.ReportMetric(sum.Second.Seconds()/float64(runs), "reload-s")
	b.ReportMetric(sum.ExtractArticlesPerSecond(), "extract-articles/s")
	b.ReportMetric(float64(sum.Relations)/float64(sum.Articles), "relations/article")
	b.Logf("%s: %d articles, %d actors, %d relations; first load %s, second %s, extraction alone %s (mean of %d)",
		corpus, sum.Articles/runs, sum.Actors/runs, sum.Relations/runs,
		sum.First/time.Duration(runs), sum.Second/time.Duration(runs), sum.ExtractOnly/time.Duration(runs), runs)
}
