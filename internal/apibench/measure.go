package apibench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/server"
)

// The two ways of asking a query.
const (
	GraphQL = "graphql"
	Direct  = "direct"
)

// Runner asks the queries of one store both ways.
type Runner struct {
	Store tradegraph.Store
	// Handler is the whole HTTP handler of `tradegraph serve`
	// (server.New): routing, request logging (to a discarded logger),
	// body limit, timeout, per-request dataloaders and the GraphQL handler
	// with its query cache, depth and complexity limits.
	Handler http.Handler
	// Timeout is the deadline of a request in both modes: the server's
	// request timeout, and the context of the direct calls, since a Go
	// server asking the store itself would give each request a deadline
	// too (and a store call under a deadline costs a little more).
	Timeout time.Duration
}

// NewRunner builds the server's handler over st, with the default options
// except a request timeout of five minutes instead of 30 seconds: on a
// crowded machine a slow query should be measured, not cut off.
func NewRunner(st tradegraph.Store) *Runner {
	logger := slog.New(slog.DiscardHandler)
	const timeout = 5 * time.Minute
	return &Runner{Store: st, Handler: server.New(logger, st, nil, server.Options{RequestTimeout: timeout}), Timeout: timeout}
}

// request is a GraphQL request ready to send: its body is encoded once,
// before timing, as a client would have it ready.
type request struct {
	body []byte
}

func newRequest(q Query, in Input) request {
	b, err := json.Marshal(map[string]any{"query": q.Document, "variables": q.Vars(in)})
	if err != nil {
		panic(err) // strings and maps of strings always encode
	}
	return request{body: b}
}

// graphQL sends the request through the handler, in process, and returns
// the response body; a response with errors is an error.
func (r *Runner) graphQL(ctx context.Context, req request) ([]byte, error) {
	hr := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(req.body))
	hr.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	r.Handler.ServeHTTP(w, hr)
	body := w.Body.Bytes()
	if w.Code != http.StatusOK {
		return nil, fmt.Errorf("graphql: status %d: %.300s", w.Code, body)
	}
	// gqlgen writes "errors" before "data", so an answer without errors
	// starts with "data"; checking that costs the measurement nothing,
	// where decoding would charge the client's work to the server.
	if !bytes.HasPrefix(body, []byte(`{"data":`)) {
		return nil, fmt.Errorf("graphql: %.300s", body)
	}
	return body, nil
}

// direct asks the store and encodes the answer as a GraphQL server would,
// {"data": ...}, so that both modes pay for JSON.
func (r *Runner) direct(ctx context.Context, q Query, in Input) ([]byte, error) {
	if r.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.Timeout)
		defer cancel()
	}
	v, err := q.Direct(ctx, r.Store, in)
	if err != nil {
		return nil, fmt.Errorf("direct: %w", err)
	}
	var buf bytes.Buffer
	err = json.NewEncoder(&buf).Encode(struct {
		Data any `json:"data"`
	}{v})
	return buf.Bytes(), err
}

// Agree asks q with in both ways and returns an error unless both give the
// same answer (the same JSON, once both are decoded and encoded again).
func (r *Runner) Agree(ctx context.Context, q Query, in Input) error {
	g, err := r.graphQL(ctx, newRequest(q, in))
	if err != nil {
		return fmt.Errorf("%s %+v: %w", q.Name, in, err)
	}
	d, err := r.direct(ctx, q, in)
	if err != nil {
		return fmt.Errorf("%s %+v: %w", q.Name, in, err)
	}
	gn, dn := normalise(g), normalise(d)
	if !bytes.Equal(gn, dn) {
		return fmt.Errorf("%s %+v: the answers differ:\ngraphql %.600s\ndirect  %.600s", q.Name, in, gn, dn)
	}
	return nil
}

func normalise(b []byte) []byte {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return b
	}
	out, _ := json.Marshal(v)
	return out
}

// Cell is what one query, one mode, one concurrency measured.
type Cell struct {
	Query       string
	Mode        string
	Concurrency int
	Requests    int
	// Elapsed is the wall-clock time of the requests, rounds of the other
	// mode left out.
	Elapsed time.Duration
	P50     time.Duration
	P99     time.Duration
	// Bytes is the mean size of an answer.
	Bytes int
	// CPU is the processor time the process used during the mode's rounds
	// (zero where it cannot be read). Only one mode runs at a time, so it
	// is that mode's: the server and the store's driver, and with SQLite
	// the store itself, but not a Neo4j server. It moves far less with
	// the machine's load than latency does.
	CPU time.Duration
}

// CPUPerRequest is CPU divided among the requests.
func (c Cell) CPUPerRequest() time.Duration {
	if c.Requests == 0 {
		return 0
	}
	return c.CPU / time.Duration(c.Requests)
}

// Throughput is requests per second.
func (c Cell) Throughput() float64 {
	if c.Elapsed <= 0 {
		return 0
	}
	return float64(c.Requests) / c.Elapsed.Seconds()
}

// Config says how much to measure.
type Config struct {
	// Requests per query, mode and concurrency.
	Requests int
	// Round is the number of requests a mode sends before the other mode
	// has its turn: the modes take turns so that a change in the machine's
	// load hits both alike, and take turns at going first, since the mode
	// that asks second for a round's inputs finds the store's caches warm.
	Round int
	// MaxTime, when set, ends a query's measurement at a concurrency
	// early, once both modes have had as many rounds; Cell.Requests says
	// how many were made.
	MaxTime time.Duration
	// Concurrency lists the numbers of requests in flight at once.
	Concurrency []int
	// Log, when set, reports each cell as it is done.
	Log Logf
}

// Measure checks that both modes agree on every input of the pools, then
// measures every query both ways at every concurrency; a query with no
// inputs is left out. The inputs are
// taken in turn from the pool, from a place that moves on with every
// request.
func (r *Runner) Measure(ctx context.Context, pools Pools, cfg Config) ([]Cell, error) {
	if cfg.Round <= 0 {
		cfg.Round = 25
	}
	var cells []Cell
	for _, q := range Queries {
		pool := pools[q.Name]
		if len(pool) == 0 {
			continue // not asked for
		}
		reqs := make([]request, len(pool))
		for i, in := range pool {
			if err := r.Agree(ctx, q, in); err != nil {
				return nil, err
			}
			reqs[i] = newRequest(q, in)
		}
		for _, c := range cfg.Concurrency {
			do := map[string]func(ctx context.Context, i int) (int, error){
				GraphQL: func(ctx context.Context, i int) (int, error) {
					b, err := r.graphQL(ctx, reqs[i%len(reqs)])
					return len(b), err
				},
				Direct: func(ctx context.Context, i int) (int, error) {
					b, err := r.direct(ctx, q, pool[i%len(pool)])
					return len(b), err
				},
			}
			lat := map[string][]time.Duration{}
			elapsed := map[string]time.Duration{}
			size := map[string]int{}
			cpu := map[string]time.Duration{}
			start := time.Now()
			for done := 0; done < cfg.Requests; {
				n := min(cfg.Round, cfg.Requests-done)
				modes := []string{GraphQL, Direct}
				if (done/cfg.Round)%2 == 1 {
					modes = []string{Direct, GraphQL}
				}
				for _, mode := range modes {
					before := processCPU()
					l, e, b, err := round(ctx, do[mode], done, n, c)
					cpu[mode] += processCPU() - before
					if err != nil {
						return nil, fmt.Errorf("%s %s at concurrency %d: %w", q.Name, mode, c, err)
					}
					lat[mode] = append(lat[mode], l...)
					elapsed[mode] += e
					size[mode] += b
				}
				done += n
				if cfg.MaxTime > 0 && time.Since(start) > cfg.MaxTime {
					break
				}
			}
			for _, mode := range []string{GraphQL, Direct} {
				cell := Cell{Query: q.Name, Mode: mode, Concurrency: c, Requests: len(lat[mode]), Elapsed: elapsed[mode],
					P50: percentile(lat[mode], 50), P99: percentile(lat[mode], 99), Bytes: size[mode] / max(1, len(lat[mode])), CPU: cpu[mode]}
				cells = append(cells, cell)
				cfg.Log.printf("%-12s %-7s c=%-2d n=%d p50 %v p99 %v %.1f req/s, cpu %v/req", q.Name, mode, c, cell.Requests,
					cell.P50.Round(time.Microsecond), cell.P99.Round(time.Microsecond), cell.Throughput(), cell.CPUPerRequest().Round(time.Microsecond))
			}
		}
	}
	return cells, nil
}

// round makes requests first..first+n-1 with c of them in flight at once
// and returns each one's latency, the wall-clock time of the round and the
// bytes answered.
func round(ctx context.Context, do func(context.Context, int) (int, error), first, n, c int) ([]time.Duration, time.Duration, int, error) {
	lat := make([]time.Duration, n)
	var next, bytes atomic.Int64
	var once sync.Once
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for range min(c, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				t := time.Now()
				b, err := do(ctx, first+i)
				lat[i] = time.Since(t)
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				bytes.Add(int64(b))
			}
		}()
	}
	wg.Wait()
	return lat, time.Since(start), int(bytes.Load()), firstErr
}

// percentile returns the p-th percentile of ds (nearest rank).
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := (p*len(s) + 99) / 100 // ceil(p/100 * n)
	return s[max(rank, 1)-1]
}

// WriteTable writes the cells as a markdown table, graphql and direct side
// by side, with the cost of GraphQL as three ratios: its p50 over the
// direct p50, the direct throughput over its throughput, and its processor
// time per request over the direct one (above 1: GraphQL costs more).
func WriteTable(w io.Writer, cells []Cell) error {
	type key struct {
		q string
		c int
	}
	byKey := map[key]map[string]Cell{}
	var keys []key
	for _, c := range cells {
		k := key{c.Query, c.Concurrency}
		if byKey[k] == nil {
			byKey[k] = map[string]Cell{}
			keys = append(keys, k)
		}
		byKey[k][c.Mode] = c
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }
	var buf bytes.Buffer
	fmt.Fprintln(&buf, "| query | conc. | requests | graphql p50 ms | p99 ms | req/s | CPU ms/req | direct p50 ms | p99 ms | req/s | CPU ms/req | p50 ratio | throughput ratio | CPU ratio | answer bytes |")
	fmt.Fprintln(&buf, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, k := range keys {
		g, d := byKey[k][GraphQL], byKey[k][Direct]
		fmt.Fprintf(&buf, "| %s | %d | %d | %s | %s | %.0f | %s | %s | %s | %.0f | %s | %.2f | %.2f | %.2f | %d |\n",
			k.q, k.c, g.Requests, ms(g.P50), ms(g.P99), g.Throughput(), ms(g.CPUPerRequest()),
			ms(d.P50), ms(d.P99), d.Throughput(), ms(d.CPUPerRequest()),
			ratio(float64(g.P50), float64(d.P50)), ratio(d.Throughput(), g.Throughput()),
			ratio(float64(g.CPUPerRequest()), float64(d.CPUPerRequest())), g.Bytes)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
