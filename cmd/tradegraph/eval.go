package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader"
	"github.com/tradegraph/tradegraph/loader/eval"
)

func runEval(ctx context.Context, e *env, args []string) error {
	fs := flagSet(e, "eval")
	articlesDir := fs.String("articles", "", "folder of the articles the gold files annotate (default: the articles folder next to GOLD_DIR, or GOLD_DIR itself when there is none)")
	format := fs.String("format", "text", "output format: text or json")
	maxArticle := fs.Int("max-article-size", envInt(e, "TRADEGRAPH_MAX_ARTICLE_SIZE", tradegraph.DefaultMaxArticleBytes), "largest article text in bytes (TRADEGRAPH_MAX_ARTICLE_SIZE)")
	var summary bool
	fs.BoolVar(&summary, "summary", false, "print the scores only, without the lists of misses and false hits")
	fs.BoolVar(&summary, "quiet", false, "the same as --summary")
	aliases := aliasFlag(fs, e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if *format != "json" && *format != "text" {
		fmt.Fprintf(e.stderr, "eval: --format must be text or json, not %q\n", *format)
		return errUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "eval: name one folder of gold files")
		fs.Usage()
		return errUsage
	}
	goldDir := fs.Arg(0)
	ex, err := newExtractor(*maxArticle, *aliases)
	if err != nil {
		return err
	}
	ev := evalRun{
		goldDir: goldDir, articlesDir: *articlesDir, stderr: e.stderr,
		read:   loader.ReadOptions{MaxArticleBytes: *maxArticle},
		errors: []string{},
	}
	report, err := ev.score(ctx, ex)
	if err != nil {
		return err
	}
	if summary {
		report.MissedActors, report.FalseActors = []eval.ActorItem{}, []eval.ActorItem{}
		report.MissedRelations, report.FalseRelations, report.HedgeMismatches = []eval.RelationItem{}, []eval.RelationItem{}, []eval.RelationItem{}
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(evalOutput{
			Gold: goldDir, ArticlesDir: ev.articlesDir, GoldFiles: ev.goldFiles,
			Report: report, Errors: ev.errors,
		}); err != nil {
			return err
		}
	} else {
		ev.printText(e.stdout, report, summary)
	}
	if n := len(ev.errors); n > 0 {
		return unscoredError{n: n, total: ev.goldFiles}
	}
	return nil
}

// evalOutput is what `eval --format json` prints.
type evalOutput struct {
	Gold        string `json:"gold"`
	ArticlesDir string `json:"articlesDir"`
	GoldFiles   int    `json:"goldFiles"`
	eval.Report
	// Errors name the gold files that were not scored, and why.
	Errors []string `json:"errors"`
}

// unscoredError ends an eval that could not score every gold file; it exits
// like a partial load.
type unscoredError struct{ n, total int }

func (e unscoredError) Error() string {
	return fmt.Sprintf("%d of %d gold files could not be scored (see the errors above)", e.n, e.total)
}

func (e unscoredError) Unwrap() error { return errPartial }

// evalRun is one run of the eval command.
type evalRun struct {
	goldDir, articlesDir string
	read                 loader.ReadOptions
	stderr               io.Writer
	goldFiles            int
	// errors are the problems that kept a gold file from being scored, in
	// the order of the gold files, each naming its file.
	errors []string
	// names are the articles scored, in order, as the report names them.
	names []string
}

// goldFile is a gold annotation and the article file it annotates, or the
// problem that keeps it from being scored.
type goldFile struct {
	path, name, article string
	gold                loader.ExtractOutput
	problem             string
}

func (r *evalRun) fail(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	r.errors = append(r.errors, msg)
	fmt.Fprintf(r.stderr, "error: %s\n", msg)
}

// score reads the gold files, extracts their articles with ex and scores
// the one against the other. Problems with single gold files or articles
// are recorded in r.errors; the error returned is one that stops the run
// (no gold folder, ctx ended).
func (r *evalRun) score(ctx context.Context, ex tradegraph.Extractor) (eval.Report, error) {
	entries, err := os.ReadDir(r.goldDir)
	if err != nil {
		return eval.Report{}, fmt.Errorf("eval: %w", err)
	}
	if r.articlesDir == "" {
		r.articlesDir = r.goldDir
		if next := filepath.Join(r.goldDir, "..", "articles"); isDir(next) {
			r.articlesDir = next
		}
	}
	articles, err := articleFiles(r.articlesDir, r.goldDir)
	if err != nil {
		return eval.Report{}, fmt.Errorf("eval: articles: %w", err)
	}

	var files []*goldFile
	var paths []string
	for _, d := range entries {
		name, isJSON := strings.CutSuffix(d.Name(), ".json")
		if d.IsDir() || !isJSON || strings.HasPrefix(name, ".") {
			continue
		}
		g := &goldFile{path: filepath.Join(r.goldDir, d.Name()), name: name}
		files = append(files, g)
		if g.gold, err = loader.ReadGold(g.path); err != nil {
			g.problem = loaderErrorText(err)
			continue
		}
		if err := checkGold(g.gold); err != nil {
			g.problem = fmt.Sprintf("%s: %v", g.path, err)
			continue
		}
		switch found := articles[name]; len(found) {
		case 0:
			g.problem = fmt.Sprintf("%s: no article file %s.* in %s", g.path, name, r.articlesDir)
		case 1:
			g.article = found[0]
			paths = append(paths, g.article)
		default:
			g.problem = fmt.Sprintf("%s: more than one article file could be the one annotated: %s", g.path, strings.Join(found, ", "))
		}
	}
	r.goldFiles = len(files)
	if r.goldFiles == 0 {
		return eval.Report{}, fmt.Errorf("eval: no gold files (*.json) in %s", r.goldDir)
	}

	// One Extract call for all articles keeps the workers busy; the results
	// come back in input order and are sorted out by the file they came
	// from.
	extracted := map[string][]loader.OutputArticle{}
	readErrors := map[string][]string{}
	err = loader.Extract(ctx, ex, paths, loader.LoadOptions{
		Read: r.read,
		OnError: func(ae loader.ArticleError) {
			readErrors[ae.Source] = append(readErrors[ae.Source], ae.Error())
		},
		OnWarning: func(ae loader.ArticleError) { fmt.Fprintf(r.stderr, "warning: %s\n", ae.Error()) },
	}, func(x *tradegraph.Extraction) error {
		src := x.Article.Source
		extracted[src] = append(extracted[src], loader.NewOutputArticle(x))
		return nil
	})
	if err != nil {
		return eval.Report{}, err
	}

	var s eval.Scorer
	for _, g := range files {
		if g.problem != "" {
			r.fail("%s", g.problem)
			continue
		}
		if errs := readErrors[g.article]; len(errs) > 0 {
			r.fail("%s: article %s", g.path, strings.Join(errs, "; "))
			continue
		}
		got, want := extracted[g.article], g.gold.Articles
		if len(got) != len(want) {
			r.fail("%s: has %d articles, but %s gave %d", g.path, len(want), g.article, len(got))
			continue
		}
		if i := urlMismatch(want, got); i >= 0 {
			r.fail("%s: article %d is %s, but %s gives %s there", g.path, i+1, want[i].URL, g.article, got[i].URL)
			continue
		}
		for i := range want {
			name := g.name
			if len(want) > 1 {
				name = fmt.Sprintf("%s #%d", g.name, i+1)
			}
			r.names = append(r.names, name)
			s.Add(name, want[i], got[i])
		}
	}
	return s.Report(), nil
}

// checkGold checks every article of a gold file, naming the article when
// there is more than one.
func checkGold(gold loader.ExtractOutput) error {
	if len(gold.Articles) == 0 {
		return errors.New(`no articles: "articles" is empty or missing`)
	}
	for i, a := range gold.Articles {
		if err := eval.Check(a); err != nil {
			if len(gold.Articles) > 1 {
				return fmt.Errorf("article %d: %w", i+1, err)
			}
			return err
		}
	}
	return nil
}

// urlMismatch returns the index of the first gold article whose URL differs
// from the one of the article read in its place, or -1. Articles are paired
// by position; the URL, where both sides have one, guards against a gold
// file that annotates another version of the article file.
func urlMismatch(gold, got []loader.OutputArticle) int {
	for i := range gold {
		if gold[i].URL != "" && got[i].URL != "" && gold[i].URL != got[i].URL {
			return i
		}
	}
	return -1
}

// loaderErrorText is the text of an error from the loader package, which
// already names the file.
func loaderErrorText(err error) string {
	var ae loader.ArticleError
	if errors.As(err, &ae) {
		return ae.Error()
	}
	return err.Error()
}

// articleFiles maps each base name in dir to the article files with that
// name: files the loader reads by their extension, and .json files only
// when dir is not the gold folder (where NAME.json is the gold itself).
func articleFiles(dir, goldDir string) (map[string][]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	jsonToo := !sameDir(dir, goldDir)
	out := map[string][]string{}
	for _, d := range entries {
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		ext := filepath.Ext(d.Name())
		name := strings.TrimSuffix(d.Name(), ext)
		ext = strings.ToLower(strings.TrimPrefix(ext, "."))
		if ext == "json" && !jsonToo || !readable(ext) {
			continue
		}
		out[name] = append(out[name], filepath.Join(dir, d.Name()))
	}
	return out, nil
}

// readable reports whether the loader reads files with extension ext. The
// loader names formats by their extensions and refuses an unknown format
// for standard input before reading anything, so asking it to read nothing
// in that format answers without a second list of extensions to keep in
// step.
func readable(ext string) bool {
	if ext == "" {
		return false
	}
	err := loader.Read(context.Background(), nil, loader.ReadOptions{StdinFormat: ext}, func(*tradegraph.Article, error) error { return nil })
	return err == nil
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

func sameDir(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

// printText prints the report for people: the score tables, then what was
// missed or found in error, article by article.
func (r *evalRun) printText(w io.Writer, rep eval.Report, summary bool) {
	fmt.Fprintf(w, "Scored %d articles from %d of %d gold files in %s (articles from %s).\n",
		rep.Articles, r.goldFiles-len(r.errors), r.goldFiles, r.goldDir, r.articlesDir)
	if len(r.errors) > 0 {
		fmt.Fprintf(w, "%d gold files were not scored; the errors name them.\n", len(r.errors))
	}
	row := func(label string, s eval.Score) {
		fmt.Fprintf(w, "  %-26s %5d %5d %5d %9.3f %7.3f %7.3f\n", label, s.TP, s.FP, s.FN, s.Precision, s.Recall, s.F1)
	}
	table := func(title string, rows []eval.Score, total eval.Score) {
		fmt.Fprintf(w, "\n%s\n", title)
		fmt.Fprintf(w, "  %-26s %5s %5s %5s %9s %7s %7s\n", "", "tp", "fp", "fn", "precision", "recall", "F1")
		for _, s := range rows {
			row(s.Name, s)
		}
		row("all", total)
	}
	table("Actors (kind agrees, a name or mention matches)", rep.ActorKinds, rep.Actors)
	table("Relations (type, from and to match)", rep.RelationTypes, rep.Relations)
	row("all, hedged agreeing too", rep.Hedged)
	if summary {
		return
	}

	type lines struct{ actors, relations []string }
	by := map[string]*lines{}
	at := func(article string) *lines {
		if by[article] == nil {
			by[article] = &lines{}
		}
		return by[article]
	}
	for _, a := range rep.MissedActors {
		l := at(a.Article)
		l.actors = append(l.actors, fmt.Sprintf("  missed actor\t%s\t%s\t%q\n", a.Kind, a.ID, a.Name))
	}
	for _, a := range rep.FalseActors {
		l := at(a.Article)
		l.actors = append(l.actors, fmt.Sprintf("  false actor\t%s\t%s\t%q\n", a.Kind, a.ID, a.Name))
	}
	relLine := func(what string, x eval.RelationItem) string {
		hedged := ""
		if x.Hedged {
			hedged = " (hedged)"
		}
		return fmt.Sprintf("  %s\t%s\t%s -> %s%s\t%s\n", what, x.Type, x.From, x.To, hedged, quoteShort(x.Evidence, 100))
	}
	for _, x := range rep.MissedRelations {
		l := at(x.Article)
		l.relations = append(l.relations, relLine("missed", x))
	}
	for _, x := range rep.FalseRelations {
		l := at(x.Article)
		l.relations = append(l.relations, relLine("false", x))
	}
	for _, x := range rep.HedgeMismatches {
		l := at(x.Article)
		l.relations = append(l.relations, relLine("hedged differs, gold:", x))
	}
	if len(by) == 0 {
		fmt.Fprintln(w, "\nNothing missed, nothing found in error.")
		return
	}
	fmt.Fprintln(w, "\nMisses and false hits, by article (relations with the gold ids for misses, the extracted ids for false hits):")
	for _, name := range r.names {
		l := by[name]
		if l == nil {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", name)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, s := range l.actors {
			fmt.Fprint(tw, s)
		}
		_ = tw.Flush()
		for _, s := range l.relations {
			fmt.Fprint(tw, s)
		}
		_ = tw.Flush()
	}
}

// quoteShort quotes s on one line, cut to limit code points with "…".
func quoteShort(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > limit {
		s = string([]rune(s)[:limit-1]) + "…"
	}
	return `"` + s + `"`
}
