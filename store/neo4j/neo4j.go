package neo4j

import (
	"context"
	"errors"
	"fmt"
	"time"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/tradegraph/tradegraph"
)

var (
	_ tradegraph.Store      = (*Store)(nil)
	_ tradegraph.BatchSaver = (*Store)(nil)
)

// Config says where the Neo4j server is and how to log in.
type Config struct {
	// URI is a bolt:// URI for one server or a neo4j:// URI for a cluster
	// (or a server that routes for itself); +s and +ssc variants use TLS.
	URI      string
	Username string
	Password string
	// Database is the database to use; "" means the server's default.
	Database string
}

// ConfigFromEnv reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
// NEO4J_DATABASE through getenv (os.Getenv, or a test's map).
func ConfigFromEnv(getenv func(string) string) Config {
	return Config{
		URI:      getenv("NEO4J_URI"),
		Username: getenv("NEO4J_USERNAME"),
		Password: getenv("NEO4J_PASSWORD"),
		Database: getenv("NEO4J_DATABASE"),
	}
}

// Store is a tradegraph.Store in a Neo4j database. It is safe for
// concurrent use.
type Store struct {
	driver    neo4jdriver.DriverWithContext
	database  string
	bookmarks neo4jdriver.BookmarkManager
}

// Open connects to the server cfg names, checks that it answers, accepts
// the credentials and has the database, and creates the schema where it is
// missing. Each Store holds its own driver and connection pool, so a
// process should open one and share it.
//
// The errors say what to fix: a refused user, nothing answering at the URI,
// or a database that does not exist. Open gives up when ctx ends.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, errors.New("neo4j: no server URI: set NEO4J_URI (bolt://host:7687 or neo4j://host:7687)")
	}
	auth := neo4jdriver.NoAuth()
	if cfg.Username != "" {
		auth = neo4jdriver.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4jdriver.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.UserAgent = "tradegraph"
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: %s: %w", cfg.URI, err)
	}
	s := &Store{
		driver:    driver,
		database:  cfg.Database,
		bookmarks: neo4jdriver.NewBookmarkManager(neo4jdriver.BookmarkManagerConfig{}),
	}
	fail := func(err error) (*Store, error) {
		driver.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		return fail(explainOpenError(ctx, cfg, err))
	}
	// VerifyConnectivity logs in but touches no database; a query does.
	if err := s.Ping(ctx); err != nil {
		return fail(explainOpenError(ctx, cfg, err))
	}
	if err := s.createSchema(ctx); err != nil {
		return fail(err)
	}
	return s, nil
}

// openError is a start-up failure worded for the person who configures
// the store; the driver's error stays in the chain.
type openError struct {
	msg string
	err error
}

func (e *openError) Error() string { return e.msg }
func (e *openError) Unwrap() error { return e.err }

// explainOpenError turns the driver's error at start-up into one that
// names the setting to check.
func explainOpenError(ctx context.Context, cfg Config, err error) error {
	var (
		dbErr   *neo4jdriver.Neo4jError
		connErr *neo4jdriver.ConnectivityError
	)
	switch {
	case errors.As(err, &dbErr) && (dbErr.Code == "Neo.ClientError.Security.Unauthorized" ||
		dbErr.Code == "Neo.ClientError.Security.AuthenticationRateLimit"):
		return &openError{fmt.Sprintf("neo4j: user %q was refused at %s: check NEO4J_USERNAME and NEO4J_PASSWORD", cfg.Username, cfg.URI), err}
	case errors.As(err, &dbErr) && dbErr.Code == "Neo.ClientError.Database.DatabaseNotFound":
		return &openError{fmt.Sprintf("neo4j: database %q does not exist at %s", cfg.Database, cfg.URI), err}
	case errors.As(err, &connErr):
		return &openError{fmt.Sprintf("neo4j: nothing answers at %s (%v): is Neo4j running?", cfg.URI, connErr.Inner), err}
	case ctx.Err() != nil:
		return &openError{fmt.Sprintf("neo4j: nothing answers at %s (%v): is Neo4j running?", cfg.URI, context.Cause(ctx)), err}
	}
	return fmt.Errorf("neo4j: open %s: %w", cfg.URI, err)
}

// Close closes the driver and its connections. Closing again does
// nothing.
func (s *Store) Close() error {
	if err := s.driver.Close(context.Background()); err != nil {
		return fmt.Errorf("neo4j: close: %w", err)
	}
	return nil
}

// Ping reports whether the database answers a read query.
func (s *Store) Ping(ctx context.Context) error {
	_, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) (struct{}, error) {
		_, err := collect(ctx, tx, `RETURN 1`, nil)
		return struct{}{}, err
	})
	if err != nil {
		return fmt.Errorf("neo4j: ping: %w", err)
	}
	return nil
}

// ReadCypher runs a Cypher query in a read transaction and returns its
// rows, each a map from column to value as the driver decodes it (int64,
// float64, string, bool, []any, map[string]any, neo4j.Date, nodes and
// paths). The server refuses a query that writes. It is for the analysts'
// saved queries and their tests: query is trusted text, and values go in
// params.
func (s *Store) ReadCypher(ctx context.Context, query string, params map[string]any) ([]map[string]any, error) {
	rows, err := read(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) ([]map[string]any, error) {
		recs, err := collect(ctx, tx, query, params)
		if err != nil {
			return nil, err
		}
		rows := make([]map[string]any, len(recs))
		for i, rec := range recs {
			rows[i] = rec.AsMap()
		}
		return rows, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: read query: %w", err)
	}
	return rows, nil
}

// DeleteAll removes every actor and article, with their relationships,
// and the records of merged actors, and keeps the schema. It is for tests
// and for starting a corpus over; it leaves nodes with other labels alone.
//
// It deletes in many small write transactions, relationships first, type
// by type, then nodes, and stops between two when ctx ends. No one
// statement may run long: the server tells the driver to give up on a
// connection that stays silent for longer than its receive-timeout hint
// (two minutes by default), and a statement that writes and returns
// nothing is silent until it ends. One statement over a large graph (a
// DETACH DELETE of actors that hold hundreds of thousands of
// relationships each, say) outlasted it.
func (s *Store) DeleteAll(ctx context.Context) error {
	types := []string{"MENTIONS"}
	for _, t := range tradegraph.RelationTypes {
		types = append(types, string(t))
	}
	for _, t := range types {
		// Through the relationship type index, which forgets what was
		// deleted, so that each round finds its rows at once.
		query := `MATCH (:Actor|Article)-[r:` + t + `]->(:Actor) WITH r LIMIT $n DELETE r RETURN count(*)`
		if err := s.deleteInRounds(ctx, query); err != nil {
			return fmt.Errorf("neo4j: delete all %s relationships: %w", t, err)
		}
	}
	for _, label := range []string{"Article", "Actor", "ActorMerge"} {
		query := `MATCH (n:` + label + `) WITH n LIMIT $n DETACH DELETE n RETURN count(*)`
		if err := s.deleteInRounds(ctx, query); err != nil {
			return fmt.Errorf("neo4j: delete all %s nodes: %w", label, err)
		}
	}
	return nil
}

// deleteRound is the most a round of DeleteAll deletes: a few seconds'
// work on a small server, however the deleted items are connected.
const deleteRound = 10000

// deleteInRounds runs query, which deletes at most $n items and returns
// how many, in one write transaction after another until a round deletes
// fewer than $n.
func (s *Store) deleteInRounds(ctx context.Context, query string) error {
	for {
		var n int64
		err := write(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) error {
			recs, err := collect(ctx, tx, query, map[string]any{"n": deleteRound})
			if err == nil && len(recs) == 1 {
				n, _ = recs[0].Values[0].(int64)
			}
			return err
		})
		if err != nil {
			return err
		}
		if n < deleteRound {
			return nil
		}
	}
}

func (s *Store) session(ctx context.Context, mode neo4jdriver.AccessMode) neo4jdriver.SessionWithContext {
	return s.driver.NewSession(ctx, neo4jdriver.SessionConfig{
		AccessMode:      mode,
		DatabaseName:    s.database,
		BookmarkManager: s.bookmarks,
	})
}

// txConfig passes ctx's deadline on to the server as the transaction's
// timeout, so that the server stops working when the caller stops waiting.
func txConfig(ctx context.Context) []func(*neo4jdriver.TransactionConfig) {
	if deadline, ok := ctx.Deadline(); ok {
		if d := time.Until(deadline); d > 0 {
			return []func(*neo4jdriver.TransactionConfig){neo4jdriver.WithTxTimeout(d)}
		}
	}
	return nil
}

// read runs work in a managed read transaction, routed to a reader. work
// must consume its results before it returns.
func read[T any](ctx context.Context, s *Store, work func(context.Context, neo4jdriver.ManagedTransaction) (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	session := s.session(ctx, neo4jdriver.AccessModeRead)
	defer session.Close(context.WithoutCancel(ctx))
	v, err := neo4jdriver.ExecuteRead(ctx, session, func(tx neo4jdriver.ManagedTransaction) (T, error) {
		return work(ctx, tx)
	}, txConfig(ctx)...)
	return v, ctxErr(ctx, err)
}

// write runs work in a managed write transaction, which the driver retries
// on transient errors; work must therefore do nothing but run queries.
func write(ctx context.Context, s *Store, work func(context.Context, neo4jdriver.ManagedTransaction) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	session := s.session(ctx, neo4jdriver.AccessModeWrite)
	defer session.Close(context.WithoutCancel(ctx))
	_, err := session.ExecuteWrite(ctx, func(tx neo4jdriver.ManagedTransaction) (any, error) {
		return nil, work(ctx, tx)
	}, txConfig(ctx)...)
	return ctxErr(ctx, err)
}

// ctxErr makes an error caused by the end of ctx say so in a way errors.Is
// sees: the driver reports it as a lost connection or a terminated
// transaction.
func ctxErr(ctx context.Context, err error) error {
	if err == nil || ctx.Err() == nil || errors.Is(err, ctx.Err()) {
		return err
	}
	return fmt.Errorf("%w: %w", ctx.Err(), err)
}

// collect runs a query and returns all its records.
func collect(ctx context.Context, tx neo4jdriver.ManagedTransaction, query string, params map[string]any) ([]*neo4jdriver.Record, error) {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// exec runs a query whose records do not matter.
func exec(ctx context.Context, tx neo4jdriver.ManagedTransaction, query string, params map[string]any) error {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}
