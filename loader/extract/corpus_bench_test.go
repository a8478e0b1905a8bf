package extract_test

import (
	"flag"
	"fmt"
	"runtime"
	"testing"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/benchcorpus"
	"github.com/tradegraph/tradegraph/loader"
	"github.com/tradegraph/tradegraph/loader/extract"
)

// The corpus benchmarks replicate the example articles (whatever
// testdata/articles holds, read with the loader's readers) to tens of
// megabytes. Copies get their own ids and URLs but keep their text: the
// extractor keeps nothing from one article to the next, so a copy costs
// what the original does. Speed is reported, never asserted.
//
//	go test -run '^$' -bench 'Corpus|Stream' -benchtime 1x -cpu 1 ./loader/extract/

// corpusDir holds the example articles.
const corpusDir = "../../testdata/articles"

// corpusMB is how much text BenchmarkExtractCorpus extracts per
// iteration; less than 50 gives quicker, rougher figures.
var corpusMB = flag.Int("corpus-mb", 50, "megabytes of article text per iteration of BenchmarkExtractCorpus")

// corpusArticles reads the example articles; files the readers reject are
// left out and logged.
func corpusArticles(tb testing.TB) []*tradegraph.Article {
	tb.Helper()
	var arts []*tradegraph.Article
	err := loader.Read(tb.Context(), []string{corpusDir}, loader.ReadOptions{}, func(a *tradegraph.Article, err error) error {
		if a == nil {
			tb.Logf("left out: %v", err)
			return nil
		}
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(arts) == 0 {
		tb.Fatalf("no articles in %s", corpusDir)
	}
	return arts
}

func textBytes(arts []*tradegraph.Article) int {
	n := 0
	for _, a := range arts {
		n += len(a.Text)
	}
	return n
}

// BenchmarkExtractCorpus extracts at least 50 MB of article text per
// iteration on one goroutine, one copy at a time, keeping no results: the
// throughput of one core (run it with -cpu 1, so that the collector does
// not borrow another). MB/cpu-s divides the text by the processor time the
// process used, collector included, which a machine shared with other work
// disturbs less than the time on the clock.
func BenchmarkExtractCorpus(b *testing.B) {
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	arts := corpusArticles(b)
	size := textBytes(arts)
	copies := (*corpusMB<<20 + size - 1) / size
	b.SetBytes(int64(copies * size))
	b.ReportAllocs()
	relations := 0
	cpu0, cpuOK := cpuTime()
	for b.Loop() {
		relations = 0
		for c := range copies {
			for _, a := range arts {
				cp := *a
				cp.ID = fmt.Sprintf("%s#%d", a.ID, c)
				ex, err := x.Extract(b.Context(), &cp)
				if err != nil {
					b.Fatal(err)
				}
				relations += len(ex.Relations)
			}
		}
	}
	if cpu1, ok := cpuTime(); ok && cpuOK && cpu1 > cpu0 {
		b.ReportMetric(float64(b.N*copies*size)/1e6/(cpu1-cpu0).Seconds(), "MB/cpu-s")
	}
	b.ReportMetric(float64(copies*len(arts)), "articles/op")
	b.ReportMetric(float64(relations), "relations/op")
}

// BenchmarkExtractStream runs the streaming path without a store
// (loader.Extract reading JSON Lines, as `tradegraph extract` and `load`
// do) over 10 MB and 50 MB of generated input, and reports the largest
// heap seen: peak-live-MB is the heap the last collection found reachable,
// peak-heap-MB all heap objects including garbage not yet collected. Flat
// memory means the same peaks for both sizes.
func BenchmarkExtractStream(b *testing.B) {
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	arts := corpusArticles(b)
	for _, mb := range []int{10, 50} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			copies := (mb<<20 + textBytes(arts) - 1) / textBytes(arts)
			b.SetBytes(int64(copies * textBytes(arts)))
			var peak benchcorpus.HeapPeak
			for b.Loop() {
				runtime.GC()
				stop := peak.Watch()
				n := 0
				err := loader.Extract(b.Context(), x, []string{"-"}, loader.LoadOptions{
					Read: loader.ReadOptions{Stdin: benchcorpus.JSONLines(b.Context(), arts, copies), StdinFormat: "jsonl", MaxFileBytes: 1 << 30},
					OnError: func(ae loader.ArticleError) {
						b.Errorf("article failed: %v", ae)
					},
				}, func(*tradegraph.Extraction) error { n++; return nil })
				stop()
				if err != nil {
					b.Fatal(err)
				}
				if n != copies*len(arts) {
					b.Fatalf("%d articles extracted, want %d", n, copies*len(arts))
				}
			}
			b.ReportMetric(float64(peak.Live)/(1<<20), "peak-live-MB")
			b.ReportMetric(float64(peak.Heap)/(1<<20), "peak-heap-MB")
		})
	}
}
