// Package neo4jtest gives tests a real Neo4j store: the server the NEO4J_*
// variables name (`make test` and scripts/neo4j.sh start one and set them),
// emptied before each test.
//
// Without NEO4J_URI the test is skipped with a loud message, unless
// TRADEGRAPH_REQUIRE_NEO4J=1 (CI sets it), which makes it a failure: CI
// must not pass without having run against Neo4j.
//
// Every test that opens a store gets the database to itself. Community
// edition has one user database, so tests cannot get a database each; and
// `go test ./...` runs the test binaries of several packages at once, all
// against the same server. Open therefore holds an exclusive lock for the
// database, across processes (flock on a file in the temporary directory,
// named after the URI and database) and within one (a test and its
// subtests share it), from the time it empties the database until the test
// that opened the store ends.
package neo4jtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/tradegraph/tradegraph/store/neo4j"
)

// RequireEnv is the environment variable that turns a missing NEO4J_URI
// from a skip into a failure.
const RequireEnv = "TRADEGRAPH_REQUIRE_NEO4J"

var skipOnce sync.Once

// Config returns the server settings from the environment. Without
// NEO4J_URI it skips tb, loudly, or fails it when TRADEGRAPH_REQUIRE_NEO4J=1.
func Config(tb testing.TB) neo4j.Config {
	tb.Helper()
	cfg := neo4j.ConfigFromEnv(os.Getenv)
	if cfg.URI != "" {
		return cfg
	}
	howTo := "!!! Run `make test`, or `scripts/neo4j.sh run go test ./...`, or set\n" +
		"!!! NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD to a Neo4j 5 server.\n"
	bar := strings.Repeat("!", 72)
	if os.Getenv(RequireEnv) == "1" {
		tb.Fatal("\n" + bar + "\n!!! Neo4j tests cannot run: NEO4J_URI is not set, and " + RequireEnv + "=1.\n" + howTo + bar)
	}
	msg := "\n" + bar + "\n!!! Neo4j tests SKIPPED: NEO4J_URI is not set.\n" + howTo +
		"!!! Set " + RequireEnv + "=1 to make this a failure (CI does).\n" + bar
	// go test shows a skip message only with -v; stderr always shows.
	skipOnce.Do(func() { fmt.Fprintln(os.Stderr, msg) })
	tb.Skip(msg)
	return cfg
}

// Open returns a store on the configured server with its data deleted (the
// schema stays), for tb alone: it holds the database lock until tb ends,
// then closes the store. A subtest of tb may call Open again, which empties
// the database again; other tests wait.
func Open(tb testing.TB) *neo4j.Store {
	tb.Helper()
	cfg := Config(tb)
	lockDatabase(tb, cfg)
	ctx := context.Background()
	st, err := neo4j.Open(ctx, cfg)
	if err != nil {
		tb.Fatalf("neo4jtest: %v", err)
	}
	tb.Cleanup(func() { st.Close() })
	if err := st.DeleteAll(ctx); err != nil {
		tb.Fatalf("neo4jtest: empty the database: %v", err)
	}
	return st
}

// The database lock. holder is the name of the test that took it; depth
// counts the Open calls of that test and its subtests not yet cleaned up.
var lock struct {
	mu     sync.Mutex
	free   *sync.Cond
	holder string
	depth  int
	file   *os.File
}

func init() { lock.free = sync.NewCond(&lock.mu) }

// lockDatabase waits until no other test holds the database, in this
// process or another, takes it for tb and gives it back when tb ends.
func lockDatabase(tb testing.TB, cfg neo4j.Config) {
	tb.Helper()
	name := tb.Name()
	lock.mu.Lock()
	defer lock.mu.Unlock()
	for lock.holder != "" && name != lock.holder && !strings.HasPrefix(name, lock.holder+"/") {
		lock.free.Wait()
	}
	if lock.holder == "" {
		f, err := flock(tb, cfg)
		if err != nil {
			tb.Fatalf("neo4jtest: %v", err)
		}
		lock.holder, lock.file = name, f
	}
	lock.depth++
	tb.Cleanup(func() {
		lock.mu.Lock()
		defer lock.mu.Unlock()
		if lock.depth--; lock.depth > 0 {
			return
		}
		lock.file.Close() // closing the file releases the flock
		lock.holder, lock.file = "", nil
		lock.free.Broadcast()
	})
}

// lockPath is the lock file of the database cfg names.
func lockPath(cfg neo4j.Config) string {
	sum := sha256.Sum256([]byte(cfg.URI + "\x00" + cfg.Database))
	return filepath.Join(os.TempDir(), "tradegraph-neo4j-"+hex.EncodeToString(sum[:8])+".lock")
}

// flock takes the cross-process lock of the database cfg names, waiting
// for other test processes as long as they hold it.
func flock(tb testing.TB, cfg neo4j.Config) (*os.File, error) {
	path := lockPath(cfg)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err == nil {
		return f, nil
	}
	tb.Logf("neo4jtest: waiting for another test process to release %s (database %q at %s)", path, cfg.Database, cfg.URI)
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, nil
}
