#!/usr/bin/env bash
# neo4j.sh runs a throwaway Neo4j community server for the tests, without
# Docker: the server's jars come from Maven (scripts/neo4j/pom.xml) into a
# cache outside the repository, and the server runs from a temporary
# directory on a free loopback port with authentication on.
#
#   scripts/neo4j.sh fetch            download the jars into the cache
#   scripts/neo4j.sh start DIR        start a server whose files live in DIR;
#                                     writes DIR/env (NEO4J_URI, NEO4J_USERNAME,
#                                     NEO4J_PASSWORD, NEO4J_DATABASE) once Bolt answers
#   scripts/neo4j.sh stop DIR         stop it and delete DIR
#   scripts/neo4j.sh run CMD [ARG...] start, run CMD with the NEO4J_* variables
#                                     set, stop whatever happens; exits with CMD's status
#
# Exit status 2 means "cannot run here" (no Java 17/21, no Maven, or the
# download failed); callers decide whether that is fatal.
#
# Environment:
#   TRADEGRAPH_TOOLS_DIR   cache root (default ~/.cache/tradegraph)
#   NEO4J_JAVA             the java binary to use (default: one of version 17 or 21
#                          from JAVA_HOME, PATH or /usr/lib/jvm)
#   NEO4J_START_TIMEOUT    seconds to wait for Bolt (default 300; a loaded 2-core machine has needed over 120)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom="$here/neo4j/pom.xml"
version="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$pom")"
cache="${TRADEGRAPH_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tradegraph}/neo4j-$version"
lib="$cache/lib"

say() { printf 'neo4j.sh: %s\n' "$*" >&2; }
cannot() {
	say "$*"
	exit 2
}

java_major() {
	"$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1
}

# find_java prints a java binary Neo4j 5.26 supports (17 or 21).
find_java() {
	local j candidates=()
	[[ -n "${NEO4J_JAVA:-}" ]] && candidates+=("$NEO4J_JAVA")
	[[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
	command -v java >/dev/null && candidates+=("$(command -v java)")
	for j in /usr/lib/jvm/*/bin/java; do
		[[ -x "$j" ]] && candidates+=("$j")
	done
	for j in "${candidates[@]}"; do
		case "$(java_major "$j")" in
		17 | 21)
			echo "$j"
			return
			;;
		esac
	done
	return 1
}

fetch() {
	if [[ -f "$lib/.complete" ]]; then
		return
	fi
	command -v mvn >/dev/null || cannot "Maven (mvn) is not installed; it fetches the Neo4j $version jars"
	say "fetching Neo4j $version with Maven into $lib (once, about 120 MB)"
	rm -rf "$lib"
	mkdir -p "$lib"
	if ! mvn -q -B -f "$pom" dependency:copy-dependencies -DoutputDirectory="$lib" -DincludeScope=runtime >&2; then
		rm -rf "$lib"
		cannot "Maven could not fetch Neo4j $version (see its output above)"
	fi
	touch "$lib/.complete"
}

# free_port prints a loopback port nothing listens on.
free_port() {
	local port i
	for i in $(seq 1 50); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
	cannot "no free loopback port found"
}

start() {
	local dir="$1" java port password timeout pid i
	java="$(find_java)" || cannot "no Java 17 or 21 found (Neo4j $version needs one); set NEO4J_JAVA"
	fetch
	mkdir -p "$dir"/{conf,data,logs,plugins,import}
	dir="$(cd "$dir" && pwd)"
	port="$(free_port)"
	password="test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
	cat >"$dir/conf/neo4j.conf" <<-CONF
	server.default_listen_address=127.0.0.1
	server.bolt.listen_address=127.0.0.1:$port
	server.bolt.advertised_address=127.0.0.1:$port
	server.http.enabled=false
	server.https.enabled=false
	dbms.security.auth_enabled=true
	server.directories.data=$dir/data
	server.directories.logs=$dir/logs
	server.directories.plugins=$dir/plugins
	server.directories.import=$dir/import
	server.memory.pagecache.size=256m
	dbms.memory.transaction.total.max=1g
	dbms.usage_report.enabled=false
	CONF
	# The password must be set before the first start; afterwards the
	# built-in user would have to change it over Bolt.
	NEO4J_HOME="$dir" NEO4J_CONF="$dir/conf" "$java" -cp "$lib/*" org.neo4j.cli.AdminTool \
		dbms set-initial-password "$password" >"$dir/logs/admin.log" 2>&1 ||
		{ cat "$dir/logs/admin.log" >&2; cannot "setting the initial password failed"; }
	say "starting Neo4j $version ($("$java" -version 2>&1 | head -n1)) on 127.0.0.1:$port"
	"$java" -Xms512m -Xmx1g -XX:+UseG1GC -Dfile.encoding=UTF-8 \
		-cp "$lib/*" org.neo4j.server.CommunityEntryPoint \
		--home-dir="$dir" --config-dir="$dir/conf" >"$dir/logs/console.log" 2>&1 &
	pid=$!
	echo "$pid" >"$dir/pid"
	timeout="${NEO4J_START_TIMEOUT:-300}"
	for ((i = 0; i < timeout * 2; i++)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 40 "$dir/logs/console.log" "$dir/logs/neo4j.log" >&2 2>/dev/null || true
			say "Neo4j exited during start-up (logs above)"
			return 1
		fi
		# Bolt is up once the port accepts and the server says it started.
		if grep -q 'Started\.' "$dir/logs/neo4j.log" 2>/dev/null &&
			(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			cat >"$dir/env" <<-ENV
			NEO4J_URI=bolt://127.0.0.1:$port
			NEO4J_USERNAME=neo4j
			NEO4J_PASSWORD=$password
			NEO4J_DATABASE=neo4j
			ENV
			say "Bolt answers after $((i / 2))s (pid $pid, files in $dir)"
			return 0
		fi
		sleep 0.5
	done
	tail -n 40 "$dir/logs/neo4j.log" >&2 2>/dev/null || true
	stop "$dir"
	say "Bolt did not answer within ${timeout}s"
	return 1
}

stop() {
	local dir="$1" pid i
	[[ -d "$dir" ]] || return 0
	if [[ -f "$dir/pid" ]]; then
		pid="$(cat "$dir/pid")"
		if kill "$pid" 2>/dev/null; then
			for i in $(seq 1 60); do
				kill -0 "$pid" 2>/dev/null || break
				sleep 0.5
			done
			kill -9 "$pid" 2>/dev/null || true
		fi
	fi
	rm -rf "$dir"
}

run() {
	local status=0
	# Global, for the EXIT trap that outlives this function.
	run_dir="$(mktemp -d "${TMPDIR:-/tmp}/tradegraph-neo4j.XXXXXX")"
	# Stop the server whatever happens to the command, Ctrl-C included.
	trap 'stop "$run_dir"' EXIT
	trap 'exit 130' INT TERM
	start "$run_dir" || exit $?
	set -a
	# shellcheck disable=SC1091
	source "$run_dir/env"
	set +a
	"$@" || status=$?
	return "$status"
}

case "${1:-}" in
fetch) fetch ;;
start) start "${2:?usage: $0 start DIR}" ;;
stop) stop "${2:?usage: $0 stop DIR}" ;;
run)
	shift
	[[ $# -gt 0 ]] || { say "usage: $0 run CMD [ARG...]"; exit 64; }
	run "$@"
	;;
*)
	say "usage: $0 fetch | start DIR | stop DIR | run CMD [ARG...]"
	exit 64
	;;
esac
