package neo4jtest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/tradegraph/tradegraph/store/neo4j"
)

// locked reports whether another open file description holding the lock
// file at path would have to wait: how another test process sees it.
func locked(t *testing.T, path string) bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true
	} else if err != nil {
		t.Fatal(err)
	}
	return false // closing f releases the lock just taken
}

// TestLock holds the lock of a database no server serves: the lock is
// about the name, not the server.
func TestLock(t *testing.T) {
	cfg := neo4j.Config{URI: "bolt://lock-test.invalid:7687", Database: t.Name()}
	path := lockPath(cfg)
	t.Run("holder", func(t *testing.T) {
		lockDatabase(t, cfg)
		if !locked(t, path) {
			t.Error("another process could take the lock while a test holds it")
		}
		// A subtest of the holder takes it again without waiting.
		t.Run("subtest", func(t *testing.T) {
			lockDatabase(t, cfg)
			if !locked(t, path) {
				t.Error("the lock was free in the subtest")
			}
		})
		if !locked(t, path) {
			t.Error("the subtest's end released the holder's lock")
		}
	})
	if locked(t, path) {
		t.Error("the lock is still held after the test that took it ended")
	}
	// The next test takes it in its turn.
	t.Run("next", func(t *testing.T) {
		lockDatabase(t, cfg)
		if !locked(t, path) {
			t.Error("the second holder does not hold the lock")
		}
	})
}

// TestConfigWithoutURI runs this test binary again without NEO4J_URI, to
// see Config skip loudly, or fail when TRADEGRAPH_REQUIRE_NEO4J=1.
func TestConfigWithoutURI(t *testing.T) {
	if os.Getenv("NEO4JTEST_CHILD") == "1" {
		Config(t)
		t.Error("Config returned without NEO4J_URI")
		return
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_URI=") && !strings.HasPrefix(kv, RequireEnv+"=") {
			env = append(env, kv)
		}
	}
	for _, tc := range []struct {
		require string
		fail    bool
		want    []string
		warns   bool
	}{
		{"", false, []string{"--- SKIP: TestConfigWithoutURI", "Neo4j tests SKIPPED: NEO4J_URI is not set", "scripts/neo4j.sh run"}, true},
		{"1", true, []string{"--- FAIL: TestConfigWithoutURI", "Neo4j tests cannot run: NEO4J_URI is not set", "scripts/neo4j.sh run"}, false},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestConfigWithoutURI$", "-test.v")
		cmd.Env = append(slices.Clip(env), "NEO4JTEST_CHILD=1", RequireEnv+"="+tc.require)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if failed := err != nil; failed != tc.fail {
			t.Errorf("%s=%q: test failed = %v, want %v\n%s%s", RequireEnv, tc.require, failed, tc.fail, stdout.String(), stderr.String())
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("%s=%q: output lacks %q:\n%s", RequireEnv, tc.require, w, stdout.String())
			}
		}
		// go test shows a skip's message only with -v: the warning goes
		// to stderr as well.
		if tc.warns && !strings.Contains(stderr.String(), "Neo4j tests SKIPPED") {
			t.Errorf("a skip did not warn on stderr; stderr:\n%s", stderr.String())
		}
	}
}
