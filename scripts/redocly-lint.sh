#!/usr/bin/env bash
# Lints the OpenAPI document with Redocly CLI (@redocly/cli from npm, MIT),
# installed into a cache directory on first use. The document is the one
# the server serves at /api/v1/openapi.json, written by the OpenAPI test of
# internal/web (-openapi-out). redocly.yaml extends recommended-strict, so
# any warning is an error: the script exits non-zero on any problem.
#
#   bash scripts/redocly-lint.sh              # lint, non-zero on a problem
#   bash scripts/redocly-lint.sh --format=json  # extra arguments go to redocly lint
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

version=2.77.0
cache=${NINTEI_REDOCLY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nintei}/redocly-$version
bin=$cache/node_modules/.bin/redocly

if [ ! -x "$bin" ]; then
  echo "redocly: installing @redocly/cli@$version into $cache" >&2
  mkdir -p "$cache"
  # Exactly this version, from the npm registry; nothing is saved to the tree.
  npm install --prefix "$cache" --no-audit --no-fund --no-save "@redocly/cli@$version" >&2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The document as served: the test starts a site and GETs it.
go test ./internal/web -run '^TestOpenAPIMatchesRouteTable$' -count=1 -openapi-out="$tmp/openapi.json" >&2

# No telemetry, no update check: a CI run talks to nobody.
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$bin" lint --config redocly.yaml "$@" "$tmp/openapi.json"
