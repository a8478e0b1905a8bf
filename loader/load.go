package loader

import (
	"context"
	"crypto/sha256"
	"errors"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tradegraph/tradegraph"
)

// maxFailed caps Summary.Failed; Summary.Errors still counts them all.
const maxFailed = 1000

// LoadOptions configure Load and Extract.
type LoadOptions struct {
	Read ReadOptions
	// Workers is the number of articles extracted at once; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Progress, when set, is called with the running totals at most every
	// ProgressEvery (0: one second), and once more at the end.
	Progress      func(Summary)
	ProgressEvery time.Duration
	// OnError, when set, is called for each article or file that could not
	// be read, extracted or saved.
	OnError func(ArticleError)
	// OnWarning, when set, is called for each warning of an article that
	// was read anyway. The warning is also added to the article's
	// Extraction.Warnings.
	OnWarning func(ArticleError)
	// BatchSize is the number of articles Load hands to a store that
	// saves in batches (tradegraph.BatchSaver) at once; 0 means
	// DefaultBatchSize. Other stores save one article at a time.
	BatchSize int
}

// DefaultBatchSize is the batch of articles Load writes to a BatchSaver at
// once: large enough that the round trip per transaction stops mattering,
// small enough that a batch's rows stay a few megabytes.
const DefaultBatchSize = 100

func (o LoadOptions) batchSize() int {
	if o.BatchSize > 0 {
		return o.BatchSize
	}
	return DefaultBatchSize
}

func (o LoadOptions) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// Summary counts what a Load did.
type Summary struct {
	// Articles counts the articles saved, each id once.
	Articles int
	// Duplicates counts articles skipped because an article with the same
	// id came earlier in the same run.
	Duplicates int
	// Actors counts the distinct actors the saved articles name.
	Actors    int
	Relations int
	Warnings  int
	// Errors counts the articles and files that failed; Failed holds the
	// first of them.
	Errors  int
	Failed  []ArticleError
	Elapsed time.Duration
}

// Load reads the articles at paths (see Read), extracts each with ex and
// saves the extraction in st. It streams: one goroutine reads, opt.Workers
// extract and save, and memory does not grow with the corpus beyond the
// set of ids and actor ids seen.
//
// An article that cannot be read, extracted or saved because of its
// content is counted in the Summary, passed to opt.OnError, and the rest go
// on. Load stops early, returning the Summary so far and an error, when ctx
// ends (ctx.Err()) or when the store fails with an error that is not about
// the article (code other than EINVALID or ECONFLICT), since every article
// after it would fail the same way. All callbacks run on the goroutine that
// called Load.
func Load(ctx context.Context, st tradegraph.Store, ex tradegraph.Extractor, paths []string, opt LoadOptions) (Summary, error) {
	p := &pipeline{ex: ex, st: st, opt: opt, dedupe: true}
	if bs, ok := st.(tradegraph.BatchSaver); ok {
		p.batcher = bs
	}
	var sum Summary
	actors := make(map[string]struct{})
	err := p.run(ctx, paths, &sum, func(x *tradegraph.Extraction) error {
		sum.Articles++
		sum.Relations += len(x.Relations)
		for _, a := range x.Actors {
			actors[a.ID] = struct{}{}
		}
		sum.Actors = len(actors)
		return nil
	})
	return sum, err
}

// Extract reads the articles at paths and extracts each with ex on
// opt.Workers workers, calling fn with the extractions in input order, so
// that the same input always gives the same output. Problems with single
// articles go to opt.OnError (also in input order) and do not stop the
// rest; an error from fn or the end of ctx stops Extract, which returns it.
func Extract(ctx context.Context, ex tradegraph.Extractor, paths []string, opt LoadOptions, fn func(*tradegraph.Extraction) error) error {
	p := &pipeline{ex: ex, opt: opt, ordered: true}
	var sum Summary
	return p.run(ctx, paths, &sum, fn)
}

// pipeline is one run of Load or Extract: reader → workers → the caller's
// goroutine.
type pipeline struct {
	ex tradegraph.Extractor
	st tradegraph.Store // nil for Extract
	// batcher is st when it saves in batches: then the workers only
	// extract, and one saver goroutine writes what they found, batch by
	// batch, while they go on extracting.
	batcher tradegraph.BatchSaver
	opt     LoadOptions
	// ordered hands results on in input order; dedupe skips repeated ids.
	ordered, dedupe bool
}

// job is one unit of work: an article to extract, or a read error or a
// duplicate passed along so that the caller sees it in order.
type job struct {
	seq  int
	art  *tradegraph.Article
	at   pos
	warn *ArticleError
	err  *ArticleError
	dup  bool
	x    *tradegraph.Extraction
	// deferWindow: the job already gave back its window slot when it
	// joined a batch.
	deferWindow bool
}

// errStop marks a failure that ends the run (as opposed to one article).
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }
func (e errStop) Unwrap() error { return e.err }

func (p *pipeline) run(ctx context.Context, paths []string, sum *Summary, fn func(*tradegraph.Extraction) error) error {
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := p.opt.workers()
	// window bounds the articles between reader and caller; in ordered mode
	// it keeps one slow article from letting the rest pile up in memory.
	window := make(chan struct{}, 4*workers)
	jobs := make(chan job, workers)
	results := make(chan job, workers)

	var readErr error
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		defer close(jobs)
		seen := make(map[[16]byte]struct{})
		seq := 0
		readErr = read(ctx, paths, p.opt.Read, func(a *tradegraph.Article, at pos, err error) error {
			j := job{seq: seq, art: a, at: at}
			seq++
			var ae *ArticleError
			if err != nil && !errors.As(err, &ae) {
				ae = &ArticleError{Err: err}
			}
			switch {
			case a == nil:
				j.err = ae
			case ae != nil:
				j.warn = ae
			}
			if a != nil && p.dedupe {
				// A digest keeps the set small however long the URLs are.
				h := sha256.Sum256([]byte(a.ID))
				k := [16]byte(h[:16])
				if _, ok := seen[k]; ok {
					j.dup, j.art = true, nil
				}
				seen[k] = struct{}{}
			}
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- j:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				if j.art != nil {
					p.process(ctx, &j)
				}
				select {
				case results <- j:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	every := p.opt.ProgressEvery
	if every <= 0 {
		every = time.Second
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	pending := make(map[int]job)
	next := 0
	var stop error
	handle := func(j job) {
		if !j.deferWindow {
			<-window
		}
		if stop != nil {
			return
		}
		switch {
		case j.err != nil:
			var es errStop
			if errors.As(j.err.Err, &es) {
				stop = es.err
				cancel()
				return
			}
			sum.Errors++
			if len(sum.Failed) < maxFailed {
				sum.Failed = append(sum.Failed, *j.err)
			}
			if p.opt.OnError != nil {
				p.opt.OnError(*j.err)
			}
		case j.dup:
			sum.Duplicates++
		case j.x != nil:
			if j.warn != nil {
				sum.Warnings++
				if p.opt.OnWarning != nil {
					p.opt.OnWarning(*j.warn)
				}
			}
			if err := fn(j.x); err != nil {
				stop = err
				cancel()
			}
		}
	}
	progress := func() {
		if p.opt.Progress != nil {
			sum.Elapsed = time.Since(start)
			p.opt.Progress(*sum)
		}
	}
	// With a batch saver, extractions wait in batch until it is full, then
	// go to the saver goroutine; what it saved comes back on saved and is
	// handled like an extraction saved by a worker.
	var (
		batch     []job
		toSave    chan []job
		saved     chan []job
		saving    int // batches sent and not yet back
		in        = (<-chan job)(results)
		saverDone chan struct{}
	)
	if p.batcher != nil {
		toSave, saved, saverDone = make(chan []job, 1), make(chan []job, 1), make(chan struct{})
		go func() {
			defer close(saverDone)
			p.saveBatches(ctx, toSave, saved)
		}()
	}
	flush := func() {
		if len(batch) == 0 || stop != nil {
			return
		}
		// The saver holds at most one batch besides the one it writes, so
		// this waits only when the store is slower than the extractors;
		// meanwhile what it saved is taken so that it never waits on us.
		for {
			select {
			case toSave <- batch:
				saving++
				batch = nil
				return
			case b := <-saved:
				saving--
				for _, j := range b {
					handle(j)
				}
			case <-ctx.Done():
				// The saver may be gone; the batch is not saved.
				batch = nil
				return
			}
		}
	}
	receive := func(j job) {
		if p.batcher != nil && j.x != nil && j.err == nil {
			<-window
			j.deferWindow = true
			batch = append(batch, j)
			if len(batch) >= p.opt.batchSize() {
				flush()
			}
			return
		}
		handle(j)
	}
	for {
		var done <-chan struct{}
		if in == nil {
			// Only batches are still out; a run that stopped or was
			// cancelled does not wait for them.
			if saving == 0 || stop != nil || ctx.Err() != nil {
				break
			}
			done = ctx.Done()
		}
		select {
		case j, ok := <-in:
			if !ok {
				in = nil
				flush()
				continue
			}
			if !p.ordered {
				receive(j)
				continue
			}
			pending[j.seq] = j
			for {
				j, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				receive(j)
			}
		case b := <-saved:
			saving--
			for _, j := range b {
				handle(j)
			}
		case <-done:
		case <-tick.C:
			if stop == nil {
				progress()
			}
		}
	}
	if toSave != nil {
		// Batches the run stopped before sending were never saved; the
		// saver ends once it has handed back (or, cancelled, dropped) the
		// ones it had.
		close(toSave)
		<-saverDone
	}
	// Workers leave early only once ctx is done, and then the reader
	// returns soon too; waiting for it keeps readErr race-free and leaves no
	// goroutine behind.
	<-readDone
	sum.Elapsed = time.Since(start)
	if stop == nil {
		progress()
	}
	switch {
	case stop != nil:
		return stop
	case readErr != nil:
		return readErr
	}
	// The parent context may have ended after the reader finished.
	return ctx.Err()
}

// process extracts (and for Load saves) one article, leaving the outcome in
// j: an extraction, or an error for the caller.
func (p *pipeline) process(ctx context.Context, j *job) {
	a := j.art
	fail := func(err error) {
		j.err = &ArticleError{Source: a.Source, Line: j.at.line, Item: j.at.item, Err: err}
	}
	x, err := p.ex.Extract(ctx, a)
	if err != nil {
		if ctx.Err() != nil {
			fail(errStop{ctx.Err()})
			return
		}
		fail(err)
		return
	}
	if x == nil {
		fail(tradegraph.Errorf(tradegraph.EINTERNAL, "extractor returned no extraction"))
		return
	}
	if x.Article == nil {
		x.Article = a
	}
	if j.warn != nil {
		x.Warnings = append(x.Warnings, errorText(j.warn.Err))
	}
	j.x = x
	if p.st != nil && p.batcher == nil {
		p.saved(ctx, j, p.st.SaveExtraction(ctx, x))
	}
}

// saved records in j the outcome of saving its extraction: nothing when err
// is nil, else an error about the article, or one that stops the run when
// the store failed for a reason that is not the article's.
func (p *pipeline) saved(ctx context.Context, j *job, err error) {
	if err == nil {
		return
	}
	a := j.art
	var e error
	switch {
	case ctx.Err() != nil:
		e = errStop{ctx.Err()}
	case tradegraph.ErrorCode(err) == tradegraph.EINVALID || tradegraph.ErrorCode(err) == tradegraph.ECONFLICT:
		e = err
	default:
		e = errStop{saveError{source: a.Source, err: err}}
	}
	j.x = nil
	j.err = &ArticleError{Source: a.Source, Line: j.at.line, Item: j.at.item, Err: e}
}

// saveBatches writes each batch from in with the batch saver and sends it
// back on out with the outcome in every job. It ends when in is closed;
// after ctx ends it gives batches back unsaved, as failures.
func (p *pipeline) saveBatches(ctx context.Context, in <-chan []job, out chan<- []job) {
	for b := range in {
		xs := make([]*tradegraph.Extraction, len(b))
		for i := range b {
			xs[i] = b[i].x
		}
		var errs []error
		if ctx.Err() == nil {
			errs = p.batcher.SaveExtractions(ctx, xs)
		}
		for i := range b {
			err := ctx.Err()
			if err == nil && i < len(errs) {
				err = errs[i]
			} else if err == nil {
				err = tradegraph.Errorf(tradegraph.EINTERNAL, "store returned %d results for %d articles", len(errs), len(b))
			}
			p.saved(ctx, &b[i], err)
		}
		select {
		case out <- b:
		case <-ctx.Done():
			// The caller has stopped reading; nothing waits for b.
			return
		}
	}
}

// saveError names the article a store failure stopped at.
type saveError struct {
	source string
	err    error
}

func (e saveError) Error() string {
	return "loader: saving " + strings.TrimSpace(e.source) + ": " + e.err.Error()
}
func (e saveError) Unwrap() error { return e.err }
