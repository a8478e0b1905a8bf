// Command apibench loads the synthetic corpus into a store once and
// measures the five typical API queries on it, through GraphQL and as
// direct Store calls; see package internal/apibench.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/apibench"
	"github.com/tradegraph/tradegraph/internal/loadbench"
	"github.com/tradegraph/tradegraph/store/neo4j"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "apibench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("apibench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	store := fs.String("store", "sqlite", "sqlite, or neo4j (the server NEO4J_URI names)")
	size := fs.String("size", "1k", "corpus size: 1k, 10k, 100k or a number of articles")
	dir := fs.String("dir", apibench.DefaultDir(), "folder of the SQLite databases")
	loadOnly := fs.Bool("load-only", false, "load the corpus if needed, measure nothing")
	requests := fs.Int("requests", 200, "requests per query, mode and concurrency")
	maxTime := fs.Duration("max-time", 60*time.Second, "stop a query at a concurrency after this long, once both modes had a round")
	pool := fs.Int("pool", 200, "inputs per query")
	conc := fs.String("c", "1,32", "concurrencies, comma-separated")
	only := fs.String("query", "", "measure only this query")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measurement to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	os.Setenv("TRADEGRAPH_BENCH_SIZE", *size)
	sizes, err := loadbench.Sizes()
	if err != nil || len(sizes) != 1 {
		return fmt.Errorf("-size %q: want one corpus size", *size)
	}
	logger := log.New(stderr, "", log.LstdFlags)
	var st tradegraph.Store
	switch *store {
	case "sqlite":
		st, err = apibench.OpenSQLite(ctx, *dir, sizes[0], logger.Printf)
	case "neo4j":
		st, err = apibench.OpenNeo4j(ctx, neo4j.ConfigFromEnv(getenv), sizes[0], logger.Printf)
	default:
		return fmt.Errorf("-store %q: want sqlite or neo4j", *store)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	if *loadOnly {
		return nil
	}
	var cs []int
	for _, f := range strings.Split(*conc, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || c <= 0 {
			return fmt.Errorf("-c %q: want positive numbers", *conc)
		}
		cs = append(cs, c)
	}
	file := filepath.Join(*dir, fmt.Sprintf("apibench-%s-%s-p%d.inputs.json", loadbench.SizeName(sizes[0]), *store, *pool))
	pools, err := apibench.CachedInputs(ctx, st, file, *pool, apibench.Seed)
	if err != nil {
		return err
	}
	for _, q := range apibench.Queries {
		logger.Printf("%s: %d inputs", q.Name, len(pools[q.Name]))
	}
	if *only != "" {
		for name := range pools {
			if name != *only {
				delete(pools, name)
			}
		}
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cells, err := apibench.NewRunner(st).Measure(ctx, pools, apibench.Config{
		Requests: *requests, MaxTime: *maxTime, Concurrency: cs, Log: logger.Printf,
	})
	if err != nil {
		return err
	}
	return apibench.WriteTable(stdout, cells)
}
