#!/usr/bin/env bash
# test.sh is what `make test` runs, locally and in CI (.ci/run sets CI=true).
#
# On a fresh Debian machine with Go it installs what is missing (a pinned
# golangci-lint, Chromium for the browser tests when run as root, and the
# Neo4j server jars through Maven), then
# checks, in order: modules, generated code is up to date, gofmt, go vet,
# golangci-lint, and the race-enabled tests. It stops at the first failing
# step and names it.
#
#   scripts/test.sh          every step
#   scripts/test.sh lint     only golangci-lint (what `make lint` runs)
#
# Environment:
#   CI=true                   browser and Neo4j tests must run (TRADEGRAPH_REQUIRE_BROWSER=1,
#                             TRADEGRAPH_REQUIRE_NEO4J=1) and the generate step demands a clean tree
#   NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE
#                             run the Neo4j tests against this server instead of
#                             starting one (scripts/neo4j.sh)
#   TRADEGRAPH_TOOLS_DIR      where tools are installed (default ~/.cache/tradegraph)
#   GOTEST_FLAGS              extra flags for go test, e.g. "-run TestX -v"
set -euo pipefail

# Pinned tools. golangci-lint must be built with a Go at least as new as the
# module's, so it is built from source with the local toolchain.
GOLANGCI_LINT_VERSION=v2.15.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

tools_dir="${TRADEGRAPH_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tradegraph}"
tools_bin="$tools_dir/bin"
golangci_lint="$tools_bin/golangci-lint-$GOLANGCI_LINT_VERSION"

current_step=""
step_started=0
suite_started=$SECONDS

banner() {
	printf '\n\033[1m==> %s\033[0m\n' "$*"
}

on_exit() {
	local status=$?
	stop_neo4j
	if [[ $status -ne 0 && -n "$current_step" ]]; then
		printf '\n\033[1;31mFAILED at step: %s (exit %d)\033[0m\n' "$current_step" "$status" >&2
	fi
}
trap on_exit EXIT

# step NAME FUNCTION runs one step under a banner and reports its time.
step() {
	current_step="$1"
	banner "$1"
	step_started=$SECONDS
	"$2"
	printf -- '--- ok: %s (%ds)\n' "$1" $((SECONDS - step_started))
	current_step=""
}

fail() {
	printf '\033[1;31m%s\033[0m\n' "$*" >&2
	exit 1
}

# --- tools -----------------------------------------------------------------

install_golangci_lint() {
	if [[ -x "$golangci_lint" ]]; then
		echo "golangci-lint $GOLANGCI_LINT_VERSION: $golangci_lint"
		return
	fi
	echo "building golangci-lint $GOLANGCI_LINT_VERSION into $tools_bin (once; takes a few minutes)"
	mkdir -p "$tools_bin"
	local tmp
	tmp="$(mktemp -d)"
	# Outside the module, so that the project's go.mod is neither read nor
	# touched; GOFLAGS from the caller could carry -mod settings that do
	# not apply to a tool build.
	(cd "$tmp" && GOFLAGS= GOBIN="$tmp" go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GOLANGCI_LINT_VERSION")
	mv "$tmp/golangci-lint" "$golangci_lint"
	rm -rf "$tmp"
	"$golangci_lint" version
}

chromium_path() {
	if [[ -n "${CHROME_PATH:-}" ]]; then
		echo "$CHROME_PATH"
		return
	fi
	local p
	for p in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
		if [[ -x "$p" ]]; then
			echo "$p"
			return
		fi
	done
}

install_chromium() {
	local path
	path="$(chromium_path)"
	if [[ -n "$path" ]]; then
		echo "chromium: $path ($("$path" --version 2>/dev/null | head -n1 || true))"
		return
	fi
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
		echo "installing Debian's chromium for the browser tests"
		apt-get update
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
		return
	fi
	cat >&2 <<-MSG
	!!! Chromium is missing, and this is not a root shell on Debian, so it was not installed.
	!!! The browser tests will be SKIPPED (or FAIL when CI is set). To install it:
	!!!     sudo apt-get update && sudo apt-get install -y chromium
	!!! or point CHROME_PATH at a Chrome or Chromium binary.
	MSG
}

install_tools() {
	install_golangci_lint
	install_chromium
}

# --- checks ----------------------------------------------------------------

download_modules() {
	go mod download
}

in_git_checkout() {
	command -v git >/dev/null && git rev-parse --is-inside-work-tree >/dev/null 2>&1
}

# tree_state prints what `go generate` could change: the status of every
# file and a hash of each changed or untracked file's content.
tree_state() {
	git status --porcelain --untracked-files=all
	git diff HEAD --no-ext-diff --binary 2>/dev/null | sha256sum
	git ls-files --others --exclude-standard -z | xargs -0 -r sha256sum
}

check_generated() {
	if ! in_git_checkout; then
		echo "not a git checkout: running go generate without the staleness check"
		go generate ./...
		return
	fi
	local before after
	if [[ -n "${CI:-}" && -n "$(git status --porcelain --untracked-files=all)" ]]; then
		git status --short --untracked-files=all >&2
		fail "CI checks a clean checkout, but the files above differ from the commit
before anything was generated."
	fi
	before="$(tree_state)"
	go generate ./...
	after="$(tree_state)"
	if [[ "$before" != "$after" ]]; then
		git status --short --untracked-files=all >&2
		fail "Generated files are out of date: 'go generate ./...' changed what is listed
above. Run 'make generate' and commit the result (schema.graphqls, gqlgen.yml
and the gazetteer data go in the same commit as what they generate)."
	fi
	echo "generated files are up to date"
}

check_gofmt() {
	local files unformatted
	# The packages' own files (gofmt on a directory would recurse into
	# testdata and count nested packages twice).
	mapfile -t files < <(go list -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}{{range .CgoFiles}}{{$d}}/{{.}}
{{end}}{{range .TestGoFiles}}{{$d}}/{{.}}
{{end}}{{range .XTestGoFiles}}{{$d}}/{{.}}
{{end}}{{range .IgnoredGoFiles}}{{$d}}/{{.}}
{{end}}' ./... | sed '/^$/d')
	# With no arguments gofmt would read stdin; no files means go list failed.
	[[ ${#files[@]} -gt 0 ]] || fail "go list found no Go files"
	unformatted="$(gofmt -l "${files[@]}" | sed "s|^$root/||")"
	if [[ -n "$unformatted" ]]; then
		printf '%s\n' "$unformatted" >&2
		fail "gofmt would change the files above; run 'gofmt -w' on them."
	fi
	echo "gofmt: ${#files[@]} files clean"
}

run_vet() {
	go vet ./...
}

run_lint() {
	"$golangci_lint" config verify
	"$golangci_lint" run ./...
}

# start_neo4j_for_tests gives the Neo4j tests a real server. With NEO4J_URI
# set it uses that server (one from docker-compose, say). Otherwise it
# starts a throwaway one with scripts/neo4j.sh (jars from Maven, no Docker)
# and stops it when this script exits, however it exits. When that cannot
# work here (no Java 17/21 or no Maven) the Neo4j tests skip loudly, unless
# TRADEGRAPH_REQUIRE_NEO4J=1 (CI sets it), which makes that a failure.
neo4j_dir=""
start_neo4j_for_tests() {
	if [[ -n "${NEO4J_URI:-}" ]]; then
		echo "Neo4j tests use NEO4J_URI=$NEO4J_URI"
		return
	fi
	neo4j_dir="$(mktemp -d "${TMPDIR:-/tmp}/tradegraph-neo4j.XXXXXX")"
	local status=0
	scripts/neo4j.sh start "$neo4j_dir" || status=$?
	if [[ $status -eq 0 ]]; then
		set -a
		# shellcheck disable=SC1091 # written by scripts/neo4j.sh start
		source "$neo4j_dir/env"
		set +a
		echo "Neo4j tests use the server just started at $NEO4J_URI"
		return
	fi
	rm -rf "$neo4j_dir"
	neo4j_dir=""
	if [[ $status -eq 2 && "${TRADEGRAPH_REQUIRE_NEO4J:-}" != 1 ]]; then
		cat >&2 <<-MSG
		!!! No Neo4j for the tests (see above): the Neo4j store tests will be SKIPPED.
		!!! Install Java 17 and Maven, or set NEO4J_URI (and NEO4J_USERNAME,
		!!! NEO4J_PASSWORD) to a running Neo4j 5, e.g. the one in docker-compose.yml.
		MSG
		return
	fi
	fail "could not start Neo4j for the tests (TRADEGRAPH_REQUIRE_NEO4J=${TRADEGRAPH_REQUIRE_NEO4J:-})"
}

stop_neo4j() {
	if [[ -n "$neo4j_dir" ]]; then
		scripts/neo4j.sh stop "$neo4j_dir"
		neo4j_dir=""
	fi
}

run_tests() {
	local -a flags=(-race -count=1 -timeout=30m)
	if [[ -n "${GOTEST_FLAGS:-}" ]]; then
		# shellcheck disable=SC2206 # word splitting is the point
		flags+=(${GOTEST_FLAGS})
	fi
	if [[ -n "${CI:-}" ]]; then
		echo "CI: browser and Neo4j tests must run (TRADEGRAPH_REQUIRE_BROWSER=1 TRADEGRAPH_REQUIRE_NEO4J=1)"
	fi
	go test "${flags[@]}" ./...
	if [[ -n "${NEO4J_URI:-}" ]]; then
		# The GraphQL and HTTP tests once more, unchanged, on Neo4j
		# (internal/testsite picks the store from TRADEGRAPH_TEST_STORE).
		banner "go test -race ./graph/... ./server/... on Neo4j"
		TRADEGRAPH_TEST_STORE=neo4j go test "${flags[@]}" ./graph/... ./server/...
	fi
}

main() {
	command -v go >/dev/null || fail "Go is not installed (https://go.dev/dl/); this module needs Go $(sed -n 's/^go //p' go.mod)."
	case "${1:-all}" in
	all)
		if [[ -n "${CI:-}" ]]; then
			export TRADEGRAPH_REQUIRE_BROWSER=1 TRADEGRAPH_REQUIRE_NEO4J=1
		fi
		echo "$(go version); CI=${CI:-}"
		step "install tools" install_tools
		step "go mod download" download_modules
		step "go generate (staleness check)" check_generated
		step "gofmt" check_gofmt
		step "go vet" run_vet
		step "golangci-lint $GOLANGCI_LINT_VERSION" run_lint
		step "start Neo4j for tests" start_neo4j_for_tests
		step "go test -race" run_tests
		banner "all checks passed in $((SECONDS - suite_started))s"
		;;
	lint)
		step "install golangci-lint" install_golangci_lint
		step "golangci-lint $GOLANGCI_LINT_VERSION" run_lint
		;;
	*)
		fail "usage: $0 [all|lint]"
		;;
	esac
}

main "$@"
