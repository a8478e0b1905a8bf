package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := flagSet(e, "extract")
	format := fs.String("format", "json", "output format: json (the shape gold files use) or text")
	maxArticle := fs.Int("max-article-size", envInt(e, "TRADEGRAPH_MAX_ARTICLE_SIZE", tradegraph.DefaultMaxArticleBytes), "largest article text in bytes (TRADEGRAPH_MAX_ARTICLE_SIZE)")
	stdinFormat := fs.String("stdin-format", "", "format of - (stdin): txt, json, jsonl, html or feed; empty: guess")
	aliases := aliasFlag(fs, e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if *format != "json" && *format != "text" {
		fmt.Fprintf(e.stderr, "extract: --format must be json or text, not %q\n", *format)
		return errUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "extract: name at least one file, folder or - (stdin)")
		fs.Usage()
		return errUsage
	}
	ex, err := newExtractor(*maxArticle, *aliases)
	if err != nil {
		return err
	}
	var out loader.ExtractOutput
	failed := 0
	err = loader.Extract(ctx, ex, fs.Args(), loader.LoadOptions{
		Read: loader.ReadOptions{MaxArticleBytes: *maxArticle, Stdin: e.stdin, StdinFormat: *stdinFormat},
		OnError: func(ae loader.ArticleError) {
			failed++
			fmt.Fprintf(e.stderr, "error: %s\n", ae.Error())
		},
		OnWarning: func(ae loader.ArticleError) { fmt.Fprintf(e.stderr, "warning: %s\n", ae.Error()) },
	}, func(x *tradegraph.Extraction) error {
		out.Articles = append(out.Articles, loader.NewOutputArticle(x))
		return nil
	})
	if err != nil {
		return err
	}
	if out.Articles == nil {
		out.Articles = []loader.OutputArticle{}
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		printText(e, out)
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d articles could not be read", errPartial, failed)
	}
	return nil
}

// printText prints an extraction for people: one block per article.
func printText(e *env, out loader.ExtractOutput) {
	for _, a := range out.Articles {
		fmt.Fprintf(e.stdout, "# %s\n  id %s\n", a.Title, a.ID)
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		for _, ac := range a.Actors {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", ac.Kind, ac.ID, ac.Name)
		}
		_ = tw.Flush()
		for _, r := range a.Relations {
			hedge := ""
			if r.Hedged {
				hedge = " (hedged)"
			}
			fmt.Fprintf(tw, "  %s\t%s -> %s\t%s%s\n", r.Type, r.From, r.To, r.About, hedge)
		}
		_ = tw.Flush()
	}
}
