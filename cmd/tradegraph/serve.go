package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader"
	"github.com/tradegraph/tradegraph/server"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := flagSet(e, "serve")
	var sc storeConfig
	sc.register(fs, e)
	addr := fs.String("addr", envOr(e, "TRADEGRAPH_ADDR", "localhost:8080"), "address to listen on; port 0 picks a free port (TRADEGRAPH_ADDR)")
	examples := fs.String("examples", envOr(e, "TRADEGRAPH_EXAMPLES", "testdata/articles"), "articles to load when the store is empty; \"\" for none (TRADEGRAPH_EXAMPLES)")
	noPlayground := fs.Bool("no-playground", envOr(e, "TRADEGRAPH_NO_PLAYGROUND", "") != "", "turn off the playground and introspection (TRADEGRAPH_NO_PLAYGROUND)")
	noIntrospection := fs.Bool("no-introspection", envOr(e, "TRADEGRAPH_NO_INTROSPECTION", "") != "", "turn off introspection; the playground stays, without schema docs (TRADEGRAPH_NO_INTROSPECTION)")
	apiKey := fs.String("api-key", envOr(e, "TRADEGRAPH_API_KEY", ""), "require this key of mutations, as \"Authorization: Bearer <key>\" or \"X-API-Key\"; reads stay open; prefer the variable, as flags show in the process list (TRADEGRAPH_API_KEY)")
	corsOrigins := fs.String("cors-origins", envOr(e, "TRADEGRAPH_CORS_ORIGINS", ""), "comma-separated origins whose pages may call /graphql, such as https://app.example.com, or * for any; empty: same origin only (TRADEGRAPH_CORS_ORIGINS)")
	maxArticle := fs.Int("max-article-size", envInt(e, "TRADEGRAPH_MAX_ARTICLE_SIZE", tradegraph.DefaultMaxArticleBytes), "largest article text in bytes (TRADEGRAPH_MAX_ARTICLE_SIZE)")
	aliases := aliasFlag(fs, e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "serve takes no arguments, got %q\n", fs.Args())
		return errUsage
	}
	origins, err := server.ParseOrigins(*corsOrigins)
	if err != nil {
		fmt.Fprintf(e.stderr, "serve: --cors-origins: %v\n", err)
		return errUsage
	}
	logger, st, ex, err := sc.setUp(ctx, e, *maxArticle, *aliases)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := loadExamples(ctx, logger, st, ex, *examples); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	base := "http://" + ln.Addr().String()
	srv := &http.Server{
		Handler: server.New(logger, st, ex, server.Options{
			NoPlayground:    *noPlayground,
			NoIntrospection: *noIntrospection,
			APIKey:          *apiKey,
			CORSOrigins:     origins,
			MaxArticleBytes: *maxArticle,
		}),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(e.stdout, "tradegraph is serving on %s\n", base)
	if !*noPlayground {
		fmt.Fprintf(e.stdout, "  playground  %s/\n", base)
	}
	fmt.Fprintf(e.stdout, "  explorer    %s/explore\n", base)
	if *apiKey != "" {
		fmt.Fprintf(e.stdout, "  mutations need the API key; reads are open\n")
	}
	fmt.Fprintf(e.stdout, "  GraphQL     %s/graphql\n  health      %s/healthz  %s/readyz\n", base, base, base)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// loadExamples loads the example articles into an empty store, so that a
// first start has something to show.
func loadExamples(ctx context.Context, logger *slog.Logger, st tradegraph.Store, ex tradegraph.Extractor, dir string) error {
	if dir == "" {
		return nil
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return fmt.Errorf("read store stats: %w", err)
	}
	if stats.Articles > 0 {
		return nil
	}
	if _, err := os.Stat(dir); err != nil {
		logger.Warn("no example articles to load", "dir", dir, "err", err)
		return nil
	}
	sum, err := loader.Load(ctx, st, ex, []string{dir}, loader.LoadOptions{
		OnError: func(ae loader.ArticleError) { logger.Warn("example article not loaded", "err", ae.Error()) },
	})
	if err != nil {
		return fmt.Errorf("load examples from %s: %w", dir, err)
	}
	logger.Info("loaded example articles", "dir", dir, "articles", sum.Articles,
		"actors", sum.Actors, "relations", sum.Relations, "errors", sum.Errors)
	return nil
}
