// Package sqlite is the embedded default Store of tradegraph, built on the
// pure-Go SQLite of modernc.org/sqlite. It needs no server: one file holds
// the whole graph. Writes go through a single connection, reads through a
// pool that WAL mode lets run beside the writer.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"sort"
	"strings"

	"github.com/tradegraph/tradegraph"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migration/*.sql
var migrationFS embed.FS

var _ tradegraph.Store = (*Store)(nil)

// Store is a tradegraph.Store kept in one SQLite file.
type Store struct {
	// write has exactly one connection, so writers queue in Go instead of
	// failing on SQLITE_BUSY; read serves every query that does not write.
	write *sql.DB
	read  *sql.DB
}

// fileURI makes an SQLite URI of a file path. The characters that end or
// escape the path part of a URI are percent-encoded, so that a folder named
// "a?b" or "#1" opens the file it names.
func fileURI(path string) string {
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// Open opens (creating if needed) the database file at path and brings its
// schema up to date. The path ":memory:" gives a private database that
// vanishes on Close, for throw-away use; reads then queue behind writes. An
// empty path gives an EINVALID error; a file that cannot be opened or
// migrated gives an internal one.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "sqlite: database path is empty")
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// An immediate lock at BEGIN keeps a read-then-write transaction from
	// dead-locking against a writer in another process.
	q.Set("_txlock", "immediate")
	dsn := fileURI(path) + "?" + q.Encode()

	write, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	s := &Store{write: write}
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := s.migrate(ctx); err != nil {
		write.Close()
		return nil, err
	}

	if path == ":memory:" {
		// A private in-memory database lives and dies with its one
		// connection, so reads must share it.
		s.read = write
		return s, nil
	}
	rq := url.Values{}
	rq.Add("_pragma", "busy_timeout(10000)")
	rq.Add("_pragma", "foreign_keys(1)")
	rq.Add("_pragma", "query_only(1)")
	read, err := sql.Open("sqlite", fileURI(path)+"?"+rq.Encode())
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: open %s for reading: %w", path, err)
	}
	read.SetMaxOpenConns(max(4, runtime.NumCPU()))
	s.read = read
	return s, nil
}

// Close closes both connection pools.
func (s *Store) Close() error {
	if s.read == s.write {
		return s.write.Close()
	}
	return errors.Join(s.read.Close(), s.write.Close())
}

// Ping reports whether the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.read.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}

// migrate applies, in name order, every embedded migration that the
// schema_migrations table does not list yet, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name       TEXT PRIMARY KEY,
		applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
	)`); err != nil {
		return fmt.Errorf("sqlite: create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		return fmt.Errorf("sqlite: list migrations: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := s.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("sqlite: migration %s: %w", name, err)
		}
	}
	return nil
}

func (s *Store) migrateFile(ctx context.Context, name string) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(migrationFS, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name) VALUES (?)`, name); err != nil {
		return err
	}
	return tx.Commit()
}
