#!/usr/bin/env bash
# update-playground.sh refreshes the vendored GraphiQL playground in
# server/assets/playground/ from the npm registry.
#
# The playground is committed so that a fresh clone builds and serves it with
# no network; this script is only run by a maintainer who wants other versions.
# Change the pins below, run `scripts/update-playground.sh`, check the page with
# `go test -race ./server/assets/` (a real Chromium drives it) and commit.
#
# Needs: npm, tar. Only the UMD bundles and their licences are copied.
set -euo pipefail

GRAPHIQL_VERSION=3.9.0 # last GraphiQL 3 release; 4 dropped the UMD bundle
REACT_VERSION=18.3.1   # GraphiQL 3 works with React 18; React 19 ships no UMD

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/server/assets/playground"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "graphiql@$GRAPHIQL_VERSION" "react@$REACT_VERSION" "react-dom@$REACT_VERSION" >/dev/null
unpack() { mkdir -p "$1" && tar -xzf "$1-$2.tgz" -C "$1" --strip-components=1; }
unpack graphiql "$GRAPHIQL_VERSION"
unpack react "$REACT_VERSION"
unpack react-dom "$REACT_VERSION"

mkdir -p "$dest"
# The bundles end with a sourceMappingURL comment naming a .map file we do
# not ship; drop it so that developer tools do not ask the server for it.
strip_map() { sed '/^\/\/# sourceMappingURL=/d' "$1" >"$2"; }
strip_map graphiql/graphiql.min.js "$dest/graphiql.min.js"
cp graphiql/graphiql.min.css "$dest/graphiql.min.css"
strip_map react/umd/react.production.min.js "$dest/react.production.min.js"
strip_map react-dom/umd/react-dom.production.min.js "$dest/react-dom.production.min.js"
cp graphiql/LICENSE "$dest/LICENSE.graphiql"
cp react/LICENSE "$dest/LICENSE.react"
cp react-dom/LICENSE "$dest/LICENSE.react-dom"

cat >"$dest/VERSIONS" <<VERSIONS
graphiql $GRAPHIQL_VERSION
react $REACT_VERSION
react-dom $REACT_VERSION
VERSIONS
echo "playground updated in ${dest#"$root"/}:"
cat "$dest/VERSIONS"
