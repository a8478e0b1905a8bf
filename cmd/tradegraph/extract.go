package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := flagSet(e, "extract")
	format := fs.String("format", "json", "output format: json (the shape gold files use), jsonl (one article per line) or text")
	maxArticle := fs.Int("max-article-size", envInt(e, "TRADEGRAPH_MAX_ARTICLE_SIZE", tradegraph.DefaultMaxArticleBytes), "largest article text in bytes (TRADEGRAPH_MAX_ARTICLE_SIZE)")
	stdinFormat := fs.String("stdin-format", "", "format of - (stdin): txt, json, jsonl, html or feed; empty: guess")
	aliases := aliasFlag(fs, e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if *format != "json" && *format != "jsonl" && *format != "text" {
		fmt.Fprintf(e.stderr, "extract: --format must be json, jsonl or text, not %q\n", *format)
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
	w := newArticleWriter(e.stdout, *format)
	failed := 0
	err = loader.Extract(ctx, ex, fs.Args(), loader.LoadOptions{
		Read: loader.ReadOptions{MaxArticleBytes: *maxArticle, Stdin: e.stdin, StdinFormat: *stdinFormat},
		OnError: func(ae loader.ArticleError) {
			failed++
			fmt.Fprintf(e.stderr, "error: %s\n", ae.Error())
		},
		OnWarning: func(ae loader.ArticleError) { fmt.Fprintf(e.stderr, "warning: %s\n", ae.Error()) },
	}, func(x *tradegraph.Extraction) error {
		return w.write(loader.NewOutputArticle(x))
	})
	// A run that stopped early still ends its document, so that what was
	// written parses; the error says it is not all.
	if cerr := w.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d articles could not be read", errPartial, failed)
	}
	return nil
}

// articleWriter writes the articles of an extraction as they come, so that
// memory does not grow with the corpus: each article reaches the output
// before the next one is extracted. In json format the bytes are those
// of encoding the whole loader.ExtractOutput at once with a two-space
// indent.
type articleWriter struct {
	w      *bufio.Writer
	format string
	n      int // articles written
	buf    bytes.Buffer
	enc    *json.Encoder
	err    error // the first write error; later writes do nothing
}

func newArticleWriter(w io.Writer, format string) *articleWriter {
	aw := &articleWriter{w: bufio.NewWriter(w), format: format}
	aw.enc = json.NewEncoder(&aw.buf)
	aw.enc.SetEscapeHTML(false)
	if format == "json" {
		// An article is an element of the "articles" list, two levels in;
		// jsonl gives each article one line, without indent.
		aw.enc.SetIndent("    ", "  ")
	}
	return aw
}

// write writes one article and flushes it to the output. A bufio.Writer
// keeps its first error and Flush returns it, so single writes go
// unchecked.
func (aw *articleWriter) write(a loader.OutputArticle) error {
	if aw.err != nil {
		return aw.err
	}
	switch aw.format {
	case "json":
		if aw.n == 0 {
			_, _ = aw.w.WriteString("{\n  \"articles\": [\n    ")
		} else {
			_, _ = aw.w.WriteString(",\n    ")
		}
		aw.buf.Reset()
		if err := aw.enc.Encode(a); err != nil {
			aw.err = err
			return err
		}
		// Encode ends the value with a new line; the list puts its own
		// separator there.
		_, _ = aw.w.Write(bytes.TrimSuffix(aw.buf.Bytes(), []byte("\n")))
	case "jsonl":
		aw.buf.Reset()
		if err := aw.enc.Encode(a); err != nil {
			aw.err = err
			return err
		}
		_, _ = aw.w.Write(aw.buf.Bytes())
	default:
		printArticle(aw.w, a)
	}
	aw.n++
	aw.err = aw.w.Flush()
	return aw.err
}

// close ends the document (in json format, the list and the object around
// it, empty when no article came) and flushes it.
func (aw *articleWriter) close() error {
	if aw.err != nil {
		return aw.err
	}
	if aw.format == "json" {
		if aw.n == 0 {
			_, _ = aw.w.WriteString("{\n  \"articles\": []\n}\n")
		} else {
			_, _ = aw.w.WriteString("\n  ]\n}\n")
		}
	}
	aw.err = aw.w.Flush()
	return aw.err
}

// printArticle prints an article for people: its title and id, then its
// actors and relations in aligned columns.
func printArticle(w io.Writer, a loader.OutputArticle) {
	fmt.Fprintf(w, "# %s\n  id %s\n", a.Title, a.ID)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
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
