package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/extract"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
	"github.com/tradegraph/tradegraph/store/neo4j"
	"github.com/tradegraph/tradegraph/store/sqlite"
)

// errUsage is returned after a usage message has been printed.
var errUsage = errors.New("usage")

// errPartial is returned by load when some articles failed; the others are
// stored and the failures were reported.
var errPartial = errors.New("some articles failed to load")

func exitCode(err error) int {
	switch {
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errPartial):
		return 3
	}
	return 1
}

// env is what a command sees of the outside world; tests fill it in.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, e *env, args []string) error
}

// commands is filled in by init because the commands refer back to it for
// their usage text.
var commands []command

func init() {
	commands = []command{
		{"serve", "[flags]", "serve GraphQL, the playground and the explorer (loads the examples into an empty store)", runServe},
		{"load", "[flags] PATH...", "extract articles from files, folders or - (stdin) and store them", runLoad},
		{"extract", "[flags] PATH...", "print what the loader extracts from articles, without storing anything", runExtract},
		{"eval", "[flags] GOLD_DIR", "score the extractor against gold annotations: precision, recall and F1, misses and false hits", runEval},
	}
}

// run is the whole program; main only supplies the process's environment.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return errUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return run(ctx, []string{args[1], "-h"}, getenv, stdin, stdout, stderr)
		}
		usage(stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			err := c.run(ctx, e, args[1:])
			if errors.Is(err, errHelp) {
				return nil
			}
			return err
		}
	}
	fmt.Fprintf(stderr, "tradegraph: unknown command %q\n\n", args[0])
	usage(stderr)
	return errUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `tradegraph turns news articles about trade policy into a knowledge graph
of actors and actions, and serves it over GraphQL.

Usage:
  tradegraph COMMAND [flags] [args]

Commands:
`)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s %s\t%s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintf(tw, "  help [COMMAND]\tshow this help, or a command's flags\n")
	_ = tw.Flush()
	fmt.Fprint(w, `
Every flag takes its default from the environment variable named in its
help. Run 'tradegraph COMMAND -h' for a command's flags.
`)
}

// flagSet returns a FlagSet that prints its usage with the command's
// summary and returns errUsage instead of exiting.
func flagSet(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	for _, c := range commands {
		if c.name == name {
			fs.Usage = func() {
				fmt.Fprintf(fs.Output(), "Usage: tradegraph %s %s\n\n%s.\n\nFlags:\n", c.name, c.args, upperFirst(c.summary))
				fs.PrintDefaults()
			}
		}
	}
	return fs
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// parse parses args; -h prints usage to stdout and is not an error.
func parse(e *env, fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(e.stdout)
		fs.Usage()
		return errHelp
	} else if err != nil {
		return errUsage
	}
	return nil
}

// errHelp ends a command that printed its help.
var errHelp = errors.New("help shown")

// storeConfig is how every command finds its store.
type storeConfig struct {
	kind       string
	sqlitePath string
	neo4j      neo4jConfig
	logLevel   string
}

type neo4jConfig struct {
	uri, username, password, database string
}

func (c *storeConfig) register(fs *flag.FlagSet, e *env) {
	fs.StringVar(&c.kind, "store", envOr(e, "TRADEGRAPH_STORE", ""), "store to use: sqlite or neo4j (TRADEGRAPH_STORE; default sqlite, or neo4j when NEO4J_URI is set)")
	fs.StringVar(&c.sqlitePath, "sqlite", envOr(e, "TRADEGRAPH_SQLITE_PATH", "tradegraph.db"), "path of the SQLite database file (TRADEGRAPH_SQLITE_PATH)")
	fs.StringVar(&c.neo4j.uri, "neo4j-uri", e.getenv("NEO4J_URI"), "Neo4j URI, bolt:// or neo4j:// (NEO4J_URI)")
	fs.StringVar(&c.neo4j.username, "neo4j-username", envOr(e, "NEO4J_USERNAME", "neo4j"), "Neo4j user (NEO4J_USERNAME)")
	fs.StringVar(&c.neo4j.password, "neo4j-password", e.getenv("NEO4J_PASSWORD"), "Neo4j password (NEO4J_PASSWORD)")
	fs.StringVar(&c.neo4j.database, "neo4j-database", envOr(e, "NEO4J_DATABASE", "neo4j"), "Neo4j database (NEO4J_DATABASE)")
	fs.StringVar(&c.logLevel, "log-level", envOr(e, "TRADEGRAPH_LOG_LEVEL", "info"), "log level: debug, info, warn or error (TRADEGRAPH_LOG_LEVEL)")
}

func (c *storeConfig) open(ctx context.Context, logger *slog.Logger) (tradegraph.Store, error) {
	kind := c.kind
	if kind == "" {
		kind = "sqlite"
		if c.neo4j.uri != "" {
			kind = "neo4j"
		}
	}
	switch kind {
	case "sqlite":
		st, err := sqlite.Open(ctx, c.sqlitePath)
		if err != nil {
			return nil, fmt.Errorf("open SQLite store %s: %w", c.sqlitePath, err)
		}
		logger.Info("store opened", "store", "sqlite", "path", c.sqlitePath)
		return st, nil
	case "neo4j":
		cfg := neo4j.Config{URI: c.neo4j.uri, Username: c.neo4j.username, Password: c.neo4j.password, Database: c.neo4j.database}
		st, err := neo4j.Open(ctx, cfg)
		if err != nil {
			return nil, err
		}
		logger.Info("store opened", "store", "neo4j", "uri", cfg.URI, "database", cfg.Database)
		return st, nil
	}
	return nil, fmt.Errorf("--store: unknown store %q (want sqlite or neo4j)", kind)
}

func (c *storeConfig) logger(e *env) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, fmt.Errorf("--log-level: %q is not one of debug, info, warn, error", c.logLevel)
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level})), nil
}

func envOr(e *env, name, def string) string {
	if v := e.getenv(name); v != "" {
		return v
	}
	return def
}

func envInt(e *env, name string, def int) int {
	if n, err := strconv.Atoi(e.getenv(name)); err == nil {
		return n
	}
	return def
}

// setUp gives a command that stores articles its logger, its store and the
// extractor, which accepts articles of up to maxArticle bytes and knows
// the actors of the alias file aliases ("" for none). The caller closes
// the store.
func (c *storeConfig) setUp(ctx context.Context, e *env, maxArticle int, aliases string) (*slog.Logger, tradegraph.Store, tradegraph.Extractor, error) {
	logger, err := c.logger(e)
	if err != nil {
		return nil, nil, nil, err
	}
	ex, err := newExtractor(maxArticle, aliases)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := c.open(ctx, logger)
	if err != nil {
		return nil, nil, nil, err
	}
	return logger, st, ex, nil
}

// aliasFlag registers --aliases on the flags of a command that builds an
// extractor and returns where its value goes.
func aliasFlag(fs *flag.FlagSet, e *env) *string {
	return fs.String("aliases", e.getenv("TRADEGRAPH_ALIASES"),
		"JSON Lines file of actors and aliases to add to the built-in gazetteer; see the README (TRADEGRAPH_ALIASES)")
}

// newExtractor builds the extractor every command uses; maxBytes is the
// largest article it accepts. aliasFiles are user alias files merged into
// the built-in gazetteer in order; empty names are skipped, so that an
// unset --aliases can be passed as it is.
func newExtractor(maxBytes int, aliasFiles ...string) (tradegraph.Extractor, error) {
	var g *gazetteer.Gazetteer // nil: the built-in one, whose indexes are shared
	for _, path := range aliasFiles {
		if path == "" {
			continue
		}
		if g == nil {
			g = gazetteer.Default()
		}
		adds, err := gazetteer.LoadFile(path)
		if err == nil {
			g, err = g.With(adds...)
		}
		if tradegraph.ErrorCode(err) == tradegraph.EINVALID {
			return nil, fmt.Errorf("--aliases: %s", tradegraph.ErrorMessage(err))
		} else if err != nil {
			return nil, fmt.Errorf("--aliases: %w", err)
		}
	}
	return extract.New(extract.Options{Gazetteer: g, MaxArticleBytes: maxBytes})
}
