// Command synth writes a synthetic corpus of trade-policy articles as JSON
// Lines, the shape `tradegraph load` reads:
//
//	go run ./internal/synth/cmd/synth -n 10000 -seed 1 -o ~/.cache/tradegraph/corpus/10k.jsonl
//
// The same -n and -seed give the same file. Corpora are generated, never
// committed: write them under a cache folder or /tmp.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/tradegraph/tradegraph/internal/synth"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "synth:", err)
		}
		os.Exit(2)
	}
}

// run parses args and writes the corpus to -o, or to stdout for "-".
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of articles")
	seed := fs.Int64("seed", 1, "seed; the same seed and -n give the same corpus")
	out := fs.String("o", "-", "output file, - for stdout; its folder is created if missing")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: synth [-n N] [-seed S] [-o FILE]\n\nWrite N synthetic articles as JSON Lines for `tradegraph load`.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 0 || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("-n must not be negative, and no arguments are taken")
	}
	if *out == "-" {
		return synth.WriteJSONL(stdout, *n, *seed)
	}
	start := time.Now()
	if err := writeFile(ctx, *out, *n, *seed); err != nil {
		return err
	}
	info, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %d articles (%.1f MB) to %s in %s\n", *n, float64(info.Size())/1e6, *out, time.Since(start).Round(time.Millisecond))
	return nil
}

// writeFile writes the corpus next to path and renames it into place, so
// that an interrupted run leaves no half-written corpus behind.
func writeFile(ctx context.Context, path string, n int, seed int64) (err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".synth-*.jsonl")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(0o644); err != nil { // CreateTemp makes it private
		return err
	}
	if err := synth.WriteJSONL(ctxWriter{ctx, f}, n, seed); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// ctxWriter fails writes once ctx is done, which stops WriteJSONL on an
// interrupt.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (w ctxWriter) Write(p []byte) (int, error) {
	if err := w.ctx.Err(); err != nil {
		return 0, err
	}
	return w.w.Write(p)
}
