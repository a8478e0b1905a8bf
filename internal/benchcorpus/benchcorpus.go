// Package benchcorpus helps the tests and benchmarks that show extraction
// streams: it replicates a corpus as JSON Lines without holding it, and
// watches the heap for its peak while a run goes on.
package benchcorpus

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/tradegraph/tradegraph"
)

// Line is article a as one JSON Lines record, copy c of it, with i its
// place in the corpus: the URL names both, so every copy is an article of
// its own.
func Line(a *tradegraph.Article, c, i int) []byte {
	line, err := json.Marshal(map[string]string{
		"title": a.Title, "text": a.Text, "outlet": a.Outlet, "published": a.Published,
		"url": fmt.Sprintf("https://news.example.com/copy/%d/%d", c, i),
	})
	if err != nil {
		panic(err) // a map of strings always encodes
	}
	return append(line, '\n')
}

// JSONLines streams copies of arts as JSON Lines (see Line) without
// holding more than one line. It stops when ctx ends or the reader stops
// reading.
func JSONLines(ctx context.Context, arts []*tradegraph.Article, copies int) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		for c := range copies {
			for i, a := range arts {
				if ctx.Err() != nil {
					pw.CloseWithError(ctx.Err())
					return
				}
				if _, err := pw.Write(Line(a, c, i)); err != nil {
					return // the reader stopped
				}
			}
		}
		pw.Close()
	}()
	return pr
}

// HeapPeak keeps the largest heap sizes seen while it watches: Live is
// what the last collection found reachable, Heap every heap object,
// garbage not yet collected included. Read them after stopping the watch.
type HeapPeak struct {
	mu         sync.Mutex
	Live, Heap uint64
}

// Watch samples the heap every millisecond until the returned function is
// called.
func (p *HeapPeak) Watch() (stop func()) {
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			p.mu.Lock()
			p.Live = max(p.Live, samples[0].Value.Uint64())
			p.Heap = max(p.Heap, samples[1].Value.Uint64())
			p.mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}
