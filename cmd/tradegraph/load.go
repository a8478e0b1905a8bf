package main

import (
	"context"
	"fmt"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader"
)

func runLoad(ctx context.Context, e *env, args []string) error {
	fs := flagSet(e, "load")
	var sc storeConfig
	sc.register(fs, e)
	workers := fs.Int("workers", envInt(e, "TRADEGRAPH_WORKERS", 0), "articles extracted at once; 0 means one per CPU (TRADEGRAPH_WORKERS)")
	maxArticle := fs.Int("max-article-size", envInt(e, "TRADEGRAPH_MAX_ARTICLE_SIZE", tradegraph.DefaultMaxArticleBytes), "largest article text in bytes (TRADEGRAPH_MAX_ARTICLE_SIZE)")
	stdinFormat := fs.String("stdin-format", "", "format of - (stdin): txt, json, jsonl, html or feed; empty: guess")
	aliases := aliasFlag(fs, e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "load: name at least one file, folder or - (stdin)")
		fs.Usage()
		return errUsage
	}
	_, st, ex, err := sc.setUp(ctx, e, *maxArticle, *aliases)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := loader.Load(ctx, st, ex, fs.Args(), loader.LoadOptions{
		Workers: *workers,
		Read: loader.ReadOptions{
			MaxArticleBytes: *maxArticle,
			Stdin:           e.stdin,
			StdinFormat:     *stdinFormat,
		},
		Progress: func(s loader.Summary) {
			fmt.Fprintf(e.stderr, "loading: %d articles, %d actors, %d relations, %d errors\n", s.Articles, s.Actors, s.Relations, s.Errors)
		},
		OnError:   func(ae loader.ArticleError) { fmt.Fprintf(e.stderr, "error: %s\n", ae.Error()) },
		OnWarning: func(ae loader.ArticleError) { fmt.Fprintf(e.stderr, "warning: %s\n", ae.Error()) },
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "loaded %d articles with %d actors and %d relations in %s; %d failed\n",
		sum.Articles, sum.Actors, sum.Relations, sum.Elapsed.Round(time.Millisecond), sum.Errors)
	if sum.Duplicates > 0 || sum.Warnings > 0 {
		fmt.Fprintf(e.stdout, "skipped %d repeated articles; %d warnings\n", sum.Duplicates, sum.Warnings)
	}
	if sum.Errors > 0 {
		return fmt.Errorf("%w: %d of %d (see the errors above)", errPartial, sum.Errors, sum.Articles+sum.Errors)
	}
	return nil
}
