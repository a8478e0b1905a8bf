package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/benchcorpus"
	"github.com/tradegraph/tradegraph/loader"
)

// exampleArticles reads the example corpus with the loader's readers.
func exampleArticles(tb testing.TB) []*tradegraph.Article {
	tb.Helper()
	var arts []*tradegraph.Article
	err := loader.Read(tb.Context(), []string{examples}, loader.ReadOptions{}, func(a *tradegraph.Article, err error) error {
		if err != nil {
			return err
		}
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(arts) < 2 {
		tb.Fatalf("%d example articles; the tests need several", len(arts))
	}
	return arts
}

// TestExtractStreamBytes checks that the streamed formats say what
// encoding the whole output at once would: json byte for byte as
// encoding/json indents an ExtractOutput, jsonl one article per line with
// the same content, over the whole corpus and over no article at all.
func TestExtractStreamBytes(t *testing.T) {
	extract := func(format string, args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		err := run(t.Context(), append([]string{"extract", "--format", format}, args...), testEnv(nil), strings.NewReader(""), &out, &errb)
		if err != nil {
			t.Fatalf("extract --format %s: %v\n%s", format, err, errb.String())
		}
		return out.String()
	}
	for _, c := range []struct {
		name string
		args []string
		want int // articles
	}{
		{"corpus", []string{examples}, len(exampleArticles(t))},
		{"empty", []string{"--stdin-format", "jsonl", "-"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := extract("json", c.args...)
			var doc loader.ExtractOutput
			if err := json.Unmarshal([]byte(got), &doc); err != nil {
				t.Fatalf("json output does not parse: %v", err)
			}
			if len(doc.Articles) != c.want {
				t.Fatalf("%d articles in the output, want %d", len(doc.Articles), c.want)
			}
			var whole bytes.Buffer
			enc := json.NewEncoder(&whole)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(doc); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(whole.String(), got); diff != "" {
				t.Errorf("streamed json differs from the whole document encoded at once (-whole +streamed):\n%s", diff)
			}

			lines := extract("jsonl", c.args...)
			var fromLines []loader.OutputArticle
			dec := json.NewDecoder(strings.NewReader(lines))
			for dec.More() {
				var a loader.OutputArticle
				if err := dec.Decode(&a); err != nil {
					t.Fatalf("jsonl output does not parse: %v", err)
				}
				fromLines = append(fromLines, a)
			}
			if n := strings.Count(lines, "\n"); n != len(fromLines) {
				t.Errorf("jsonl: %d lines for %d articles", n, len(fromLines))
			}
			if len(fromLines) != len(doc.Articles) {
				t.Fatalf("jsonl has %d articles, json %d", len(fromLines), len(doc.Articles))
			}
			if len(doc.Articles) > 0 {
				if diff := cmp.Diff(doc.Articles, fromLines); diff != "" {
					t.Errorf("jsonl and json disagree (-json +jsonl):\n%s", diff)
				}
			}
		})
	}
}

// lineFeed serves JSON Lines one line per Read and counts the lines
// served; the test holds its lock to look at the count.
type lineFeed struct {
	mu     sync.Mutex
	lines  [][]byte
	served int
	rest   []byte // of the line being served
}

func (f *lineFeed) Read(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.rest) == 0 {
		if f.served == len(f.lines) {
			return 0, io.EOF
		}
		f.rest = f.lines[f.served]
		f.served++
	}
	n := copy(p, f.rest)
	f.rest = f.rest[n:]
	return n, nil
}

// firstWrites records, for every article the output finishes, how many
// input lines had been read by then.
type firstWrites struct {
	feed   *lineFeed
	marker []byte
	seen   []int // lines served when the k-th article was written
}

func (w *firstWrites) Write(p []byte) (int, error) {
	w.feed.mu.Lock()
	served := w.feed.served
	w.feed.mu.Unlock()
	for range bytes.Count(p, w.marker) {
		w.seen = append(w.seen, served)
	}
	return len(p), nil
}

// TestExtractStreams checks that `extract` writes each article before it
// has read much further: at no point are more articles read than the
// pipeline's window of articles in flight, whatever the corpus size. A
// command that buffered its output would have read them all before
// writing the first.
func TestExtractStreams(t *testing.T) {
	arts := exampleArticles(t)
	const copies = 8
	feed := &lineFeed{}
	for c := range copies {
		for i, a := range arts {
			feed.lines = append(feed.lines, benchcorpus.Line(a, c, i))
		}
	}
	total := len(feed.lines)
	// The pipeline holds at most 4 articles per worker between reader and
	// writer, plus a few in channels and in the reader's hands.
	slack := 4*runtime.GOMAXPROCS(0) + 2*runtime.GOMAXPROCS(0) + 4
	if total <= 2*slack {
		t.Fatalf("corpus of %d articles is too small to tell streaming from buffering", total)
	}
	// markers are what the output holds once per article, in each format.
	markers := map[string]string{"json": `"title": "`, "jsonl": `"title":"`, "text": "\n  id "}
	for _, format := range []string{"json", "jsonl", "text"} {
		t.Run(format, func(t *testing.T) {
			feed.served, feed.rest = 0, nil
			w := &firstWrites{feed: feed, marker: []byte(markers[format])}
			var errb bytes.Buffer
			if err := run(t.Context(), []string{"extract", "--format", format, "--stdin-format", "jsonl", "-"}, testEnv(nil), feed, w, &errb); err != nil {
				t.Fatalf("extract: %v\n%s", err, errb.String())
			}
			if len(w.seen) != total {
				t.Fatalf("%d articles written, want %d", len(w.seen), total)
			}
			for k, served := range w.seen {
				if ahead := served - (k + 1); ahead > slack {
					t.Fatalf("article %d written after %d were read: %d ahead, want at most %d", k+1, served, ahead, slack)
				}
			}
		})
	}
}

// BenchmarkExtractMemory runs `tradegraph extract --format json` on the
// example corpus once and eight times over (as JSON Lines on standard
// input, output discarded) and reports the largest heap seen and the
// bytes allocated per article. Streaming shows as the same peaks for
// both sizes; a command that kept its output would grow with the corpus.
//
//	go test -run '^$' -bench ExtractMemory -benchtime 1x ./cmd/tradegraph/
func BenchmarkExtractMemory(b *testing.B) {
	arts := exampleArticles(b)
	for _, copies := range []int{1, 8} {
		b.Run(fmt.Sprintf("%dx", copies), func(b *testing.B) {
			var (
				peak      benchcorpus.HeapPeak
				allocated uint64
			)
			for b.Loop() {
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				stop := peak.Watch()
				var errb bytes.Buffer
				err := run(b.Context(), []string{"extract", "--format", "json", "--stdin-format", "jsonl", "-"}, testEnv(nil),
					benchcorpus.JSONLines(b.Context(), arts, copies), io.Discard, &errb)
				stop()
				if err != nil {
					b.Fatalf("extract: %v\n%s", err, errb.String())
				}
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				allocated += after.TotalAlloc - before.TotalAlloc
			}
			articles := float64(b.N * copies * len(arts))
			b.ReportMetric(float64(peak.Live)/(1<<20), "peak-live-MB")
			b.ReportMetric(float64(peak.Heap)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(allocated)/articles/1024, "KB-alloc/article")
		})
	}
}
