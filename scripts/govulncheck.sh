#!/usr/bin/env bash
# Known vulnerabilities that nintei's code reaches, in its dependencies and
# in the Go standard library of the toolchain it is built with: govulncheck
# (golang.org/x/vuln) against a vulnerability database built offline from
# the golang.org/x/vulndb module at a pinned version, so that the check
# needs only the Go module proxy (vuln.go.dev cannot be reached here) and
# gives the same answer every time for the same code. Exits non-zero on any
# reachable finding; findings only imported or required are listed, not
# failed (govulncheck's own rule: code that does not call them is not
# affected).
#
#   bash scripts/govulncheck.sh               # text report
#   bash scripts/govulncheck.sh -show verbose # extra arguments go to govulncheck
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

vuln=v1.9.0
vulndb=v0.0.0-20261105234957-e22db6528018   # bump to take newer advisories
cache=${NINTEI_VULN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nintei}
bin=$cache/govulncheck-$vuln-$GOTOOLCHAIN/govulncheck
db=$cache/vulndb-$vulndb

if [ ! -x "$bin" ]; then
  echo "govulncheck: building $vuln into $(dirname "$bin")" >&2
  mkdir -p "$(dirname "$bin")"
  (cd "$(dirname "$bin")" && GOBIN="$(dirname "$bin")" GOFLAGS=-buildvcs=false \
    go install "golang.org/x/vuln/cmd/govulncheck@$vuln")
fi

if [ ! -f "$db/index/db.json" ]; then
  echo "govulncheck: building the database from golang.org/x/vulndb@$vulndb" >&2
  src=$(cd "$cache" 2>/dev/null || mkdir -p "$cache"; cd "$cache" && \
    GOFLAGS=-mod=mod go mod download -json "golang.org/x/vulndb@$vulndb" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  rm -rf "$db.tmp"
  (cd "$cache" && GOFLAGS=-buildvcs=false go run "golang.org/x/vulndb/cmd/indexdb@$vulndb" -vulns "$src/data/osv" -out "$db.tmp")
  mv "$db.tmp" "$db"
fi

exec "$bin" -db "file://$db" "$@" ./...
