package loader

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tradegraph/tradegraph"
)

// fakeExtractor makes one Country actor per capitalised word and, when
// there are two, one relation between the first two. Words in the text
// steer it: FAIL makes it fail, SLOWn makes it sleep n milliseconds, BLOCK
// makes it wait for the context to end.
type fakeExtractor struct {
	running, peak atomic.Int32
	started       chan struct{} // closed by the first BLOCK article, if set
	once          sync.Once
}

func (f *fakeExtractor) Extract(ctx context.Context, a *tradegraph.Article) (*tradegraph.Extraction, error) {
	n := f.running.Add(1)
	defer f.running.Add(-1)
	for {
		p := f.peak.Load()
		if n <= p || f.peak.CompareAndSwap(p, n) {
			break
		}
	}
	x := &tradegraph.Extraction{Article: a}
	for w := range strings.FieldsSeq(a.Text) {
		switch {
		case w == "FAIL":
			return nil, tradegraph.Errorf(tradegraph.EINVALID, "extractor rejects this article")
		case w == "BLOCK":
			if f.started != nil {
				f.once.Do(func() { close(f.started) })
			}
			<-ctx.Done()
			return nil, ctx.Err()
		case strings.HasPrefix(w, "SLOW"):
			var ms int
			if _, err := fmt.Sscanf(w, "SLOW%d", &ms); err != nil {
				return nil, err
			}
			time.Sleep(time.Duration(ms) * time.Millisecond)
		case w[0] >= 'A' && w[0] <= 'Z' && w != strings.ToUpper(w):
			id := "country:" + w
			x.Actors = append(x.Actors, &tradegraph.Actor{ID: id, Kind: tradegraph.Country, Name: w})
		}
	}
	if len(x.Actors) >= 2 {
		x.Relations = append(x.Relations, &tradegraph.Relation{Type: tradegraph.Banned, From: x.Actors[0].ID, To: x.Actors[1].ID, Article: a.ID})
	}
	return x, nil
}

// fakeStore records saved extractions. REJECT in a text makes the save fail
// as invalid, DOWN as if the database were gone.
type fakeStore struct {
	tradegraph.Store // not called by the loader; nil so misuse panics
	mu               sync.Mutex
	saved            []*tradegraph.Extraction
}

func (s *fakeStore) SaveExtraction(ctx context.Context, x *tradegraph.Extraction) error {
	switch {
	case strings.Contains(x.Article.Text, "REJECT"):
		return tradegraph.Errorf(tradegraph.EINVALID, "store rejects this article")
	case strings.Contains(x.Article.Text, "DOWN"):
		return errors.New("connection refused")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved = append(s.saved, x)
	return nil
}

func (s *fakeStore) texts() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, x := range s.saved {
		out = append(out, x.Article.Text)
	}
	slices.Sort(out)
	return out
}

func TestLoad(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"1.txt":       "Japan asked Korea",
		"2.txt":       "China banned Taiwan",
		"3.txt":       "This one FAIL",
		"4.txt":       "  ",
		"5.txt":       "Japan asked Korea", // same text, same id: counted once
		"6.txt":       "Store will REJECT Chile",
		"sub/7.jsonl": "{\"text\":\"Peru alone\",\"published\":\"someday\"}\n{bad\n",
	})
	st := &fakeStore{}
	var onErr []string
	var onWarn []string
	var progress []Summary
	sum, err := Load(t.Context(), st, &fakeExtractor{}, []string{dir}, LoadOptions{
		Workers:   3,
		OnError:   func(ae ArticleError) { onErr = append(onErr, ae.Error()) },
		OnWarning: func(ae ArticleError) { onWarn = append(onWarn, ae.Error()) },
		Progress:  func(s Summary) { progress = append(progress, s) },
	})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if diff := cmp.Diff([]string{"China banned Taiwan", "Japan asked Korea", "Peru alone"}, st.texts()); diff != "" {
		t.Errorf("saved (-want +got):\n%s", diff)
	}
	wantSum := Summary{Articles: 3, Duplicates: 1, Actors: 5, Relations: 2, Warnings: 1, Errors: 4}
	gotSum := sum
	gotSum.Failed, gotSum.Elapsed = nil, 0
	if diff := cmp.Diff(wantSum, gotSum); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	slices.Sort(onErr)
	wantErrs := []string{
		filepath.Join(dir, "3.txt") + ": extractor rejects this article",
		filepath.Join(dir, "4.txt") + ": text is empty",
		filepath.Join(dir, "6.txt") + ": store rejects this article",
		filepath.Join(dir, "sub/7.jsonl") + ": line 2: JSON syntax error",
	}
	checkMessages(t, "OnError", wantErrs, onErr)
	if len(sum.Failed) != 4 {
		t.Errorf("Failed has %d entries, want 4", len(sum.Failed))
	}
	checkMessages(t, "OnWarning", []string{`7.jsonl: line 1: published date "someday" not understood`}, onWarn)
	for _, x := range st.saved {
		if x.Article.Text == "Peru alone" && len(x.Warnings) != 1 {
			t.Errorf("warning not in the extraction: %q", x.Warnings)
		}
	}
	if len(progress) == 0 {
		t.Fatal("Progress never called")
	}
	last := progress[len(progress)-1]
	if last.Articles != 3 || last.Errors != 4 {
		t.Errorf("last progress = %+v, want the final totals", last)
	}
}

func TestLoadProgressThrottled(t *testing.T) {
	var lines []string
	for i := range 30 {
		lines = append(lines, fmt.Sprintf(`{"text":"Article %d SLOW5","url":"u%d"}`, i, i))
	}
	dir := writeFiles(t, map[string]string{"a.jsonl": strings.Join(lines, "\n")})
	var calls []time.Time
	sum, err := Load(t.Context(), &fakeStore{}, &fakeExtractor{}, []string{dir}, LoadOptions{
		Workers:       1,
		ProgressEvery: 20 * time.Millisecond,
		Progress:      func(Summary) { calls = append(calls, time.Now()) },
	})
	if err != nil || sum.Articles != 30 {
		t.Fatalf("Load: %d articles, err %v", sum.Articles, err)
	}
	// Progress follows a ticker, not the articles: however the scheduler
	// times the ticks, there are fewer calls than articles (30 of at least
	// 5 ms against a 20 ms tick), and the last one is the final tally.
	if len(calls) < 1 || len(calls) >= 30 {
		t.Errorf("Progress called %d times for 30 articles", len(calls))
	}
}

func TestLoadStoreDownStops(t *testing.T) {
	var lines []string
	for i := range 50 {
		text := fmt.Sprintf("Article %d", i)
		if i == 10 {
			text = "DOWN here"
		}
		lines = append(lines, fmt.Sprintf(`{"text":%q,"url":"u%d"}`, text, i))
	}
	dir := writeFiles(t, map[string]string{"a.jsonl": strings.Join(lines, "\n")})
	before := runtime.NumGoroutine()
	sum, err := Load(t.Context(), &fakeStore{}, &fakeExtractor{}, []string{dir}, LoadOptions{Workers: 2})
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("err = %v, want the store's error", err)
	}
	if sum.Errors != 0 {
		t.Errorf("a store failure counted as %d article errors", sum.Errors)
	}
	checkGoroutines(t, before)
}

func TestLoadCancel(t *testing.T) {
	var lines []string
	for i := range 100 {
		lines = append(lines, fmt.Sprintf(`{"text":"Article %d BLOCK","url":"u%d"}`, i, i))
	}
	dir := writeFiles(t, map[string]string{"a.jsonl": strings.Join(lines, "\n")})
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(t.Context())
	ex := &fakeExtractor{started: make(chan struct{})}
	go func() {
		<-ex.started
		cancel()
	}()
	done := make(chan error)
	go func() {
		_, err := Load(ctx, &fakeStore{}, ex, []string{dir}, LoadOptions{Workers: 4})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Load did not return after cancel")
	}
	checkGoroutines(t, before)
}

// checkGoroutines fails when goroutines started since before are still
// running after a grace period.
func checkGoroutines(tb testing.TB, before int) {
	tb.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			tb.Fatalf("%d goroutines left, %d before:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestLoadConcurrent(t *testing.T) {
	var lines []string
	for i := range 200 {
		lines = append(lines, fmt.Sprintf(`{"text":"Nation%d banned Nation%d SLOW1","url":"u%d"}`, i%17, i%5, i))
	}
	dir := writeFiles(t, map[string]string{"a.jsonl": strings.Join(lines, "\n")})
	st := &fakeStore{}
	ex := &fakeExtractor{}
	sum, err := Load(t.Context(), st, ex, []string{dir}, LoadOptions{Workers: 8})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 200 || len(st.texts()) != 200 {
		t.Errorf("saved %d, summary %d, want 200", len(st.texts()), sum.Articles)
	}
	if sum.Actors != 17 {
		t.Errorf("Actors = %d, want 17 distinct", sum.Actors)
	}
	if ex.peak.Load() < 2 {
		t.Errorf("at most %d extraction at once with 8 workers", ex.peak.Load())
	}
}

func TestExtractInputOrder(t *testing.T) {
	var lines []string
	var want []string
	for i := range 40 {
		// Early articles are the slowest, so workers finish out of order.
		text := fmt.Sprintf("Article %d SLOW%d", i, (40-i)%7*3)
		switch i {
		case 7:
			text = "FAIL"
		case 21:
			text = ""
		}
		lines = append(lines, fmt.Sprintf(`{"text":%q}`, text))
		switch i {
		case 7, 21:
			want = append(want, fmt.Sprintf("error line %d", i+1))
		default:
			want = append(want, text)
		}
	}
	dir := writeFiles(t, map[string]string{"a.jsonl": strings.Join(lines, "\n")})
	var got []string
	err := Extract(t.Context(), &fakeExtractor{}, []string{dir}, LoadOptions{
		Workers: 4,
		OnError: func(ae ArticleError) { got = append(got, fmt.Sprintf("error line %d", ae.Line)) },
	}, func(x *tradegraph.Extraction) error {
		got = append(got, x.Article.Text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestExtractStopsOnCallbackError(t *testing.T) {
	var lines []string
	for i := range 100 {
		lines = append(lines, fmt.Sprintf(`{"text":"Article %d"}`, i))
	}
	dir := writeFiles(t, map[string]string{"a.jsonl": strings.Join(lines, "\n")})
	before := runtime.NumGoroutine()
	stop := errors.New("output closed")
	n := 0
	err := Extract(t.Context(), &fakeExtractor{}, []string{dir}, LoadOptions{Workers: 3}, func(*tradegraph.Extraction) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("err = %v, want the callback's error", err)
	}
	if n != 5 {
		t.Errorf("callback called %d times after it failed at 5", n)
	}
	checkGoroutines(t, before)
}

// batchStore is a fakeStore that saves in batches, recording their sizes.
// HANG in a text makes the batch wait for the end of its context; hung is
// closed when that first happens.
type batchStore struct {
	fakeStore
	sizes    []int
	hung     chan struct{}
	hungOnce sync.Once
}

func (s *batchStore) SaveExtractions(ctx context.Context, xs []*tradegraph.Extraction) []error {
	s.mu.Lock()
	s.sizes = append(s.sizes, len(xs))
	s.mu.Unlock()
	errs := make([]error, len(xs))
	for _, x := range xs {
		if strings.Contains(x.Article.Text, "HANG") {
			s.hungOnce.Do(func() { close(s.hung) })
			<-ctx.Done()
			for i := range errs {
				errs[i] = ctx.Err()
			}
			return errs
		}
	}
	for i, x := range xs {
		errs[i] = s.SaveExtraction(ctx, x)
	}
	return errs
}

func TestLoadBatches(t *testing.T) {
	var lines []string
	for i := range 25 {
		text := fmt.Sprintf("Article %d Japan Korea", i)
		if i == 7 {
			text = "Store will REJECT Chile"
		}
		lines = append(lines, fmt.Sprintf(`{"text":%q,"url":"u%d"}`, text, i))
	}
	dir := writeFiles(t, map[string]string{"a.jsonl": strings.Join(lines, "\n"), "b.txt": " "})
	st := &batchStore{}
	var onErr []string
	sum, err := Load(t.Context(), st, &fakeExtractor{}, []string{dir}, LoadOptions{
		Workers:   3,
		BatchSize: 4,
		OnError:   func(ae ArticleError) { onErr = append(onErr, ae.Error()) },
	})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if sum.Articles != 24 || sum.Errors != 2 || len(st.texts()) != 24 {
		t.Errorf("summary %+v, %d saved; want 24 articles saved and 2 errors", sum, len(st.texts()))
	}
	slices.Sort(onErr)
	checkMessages(t, "OnError", []string{
		filepath.Join(dir, "a.jsonl") + ": line 8: store rejects this article",
		filepath.Join(dir, "b.txt") + ": text is empty",
	}, onErr)
	total := 0
	for _, n := range st.sizes {
		if n < 1 || n > 4 {
			t.Errorf("a batch of %d articles, want 1..4", n)
		}
		total += n
	}
	if total != 25 || len(st.sizes) < 7 {
		t.Errorf("batches %v: want the 25 extracted articles in batches of at most 4", st.sizes)
	}
}

func TestLoadBatchStoreDownStops(t *testing.T) {
	var lines []string
	for i := range 60 {
		text := fmt.Sprintf("Article %d", i)
		if i == 20 {
			text = "DOWN here"
		}
		lines = append(lines, fmt.Sprintf(`{"text":%q,"url":"u%d"}`, text, i))
	}
	dir := writeFiles(t, map[string]string{"a.jsonl": strings.Join(lines, "\n")})
	before := runtime.NumGoroutine()
	sum, err := Load(t.Context(), &batchStore{}, &fakeExtractor{}, []string{dir}, LoadOptions{Workers: 2, BatchSize: 5})
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("err = %v, want the store's error", err)
	}
	if sum.Errors != 0 || sum.Articles >= 60 {
		t.Errorf("summary %+v: a store failure must stop the run without counting article errors", sum)
	}
	checkGoroutines(t, before)
}

func TestLoadBatchCancelWhileSaving(t *testing.T) {
	var lines []string
	for i := range 200 {
		lines = append(lines, fmt.Sprintf(`{"text":"Article %d HANG","url":"u%d"}`, i, i))
	}
	dir := writeFiles(t, map[string]string{"a.jsonl": strings.Join(lines, "\n")})
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(t.Context())
	st := &batchStore{hung: make(chan struct{})}
	go func() {
		<-st.hung
		cancel()
	}()
	done := make(chan error)
	go func() {
		_, err := Load(ctx, st, &fakeExtractor{}, []string{dir}, LoadOptions{Workers: 2, BatchSize: 3})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Load did not return after cancel")
	}
	if n := len(st.texts()); n != 0 {
		t.Errorf("%d articles saved by a batch that was cancelled", n)
	}
	checkGoroutines(t, before)
}
