#!/usr/bin/env bash
# Static security checks: gosec (github.com/securego/gosec/v2, Apache-2.0),
# built from the Go module proxy into a cache directory on first use, run on
# the whole module. Exits non-zero on any finding that is not justified in
# place with `// #nosec Gxxx -- reason`.
#
#   bash scripts/gosec.sh            # text report, non-zero on a finding
#   bash scripts/gosec.sh -fmt=json  # extra arguments go to gosec
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

version=v2.30.0
# Built by the toolchain that builds nintei: a gosec built by an older Go
# cannot type-check a module that requires a newer one.
cache=${NINTEI_GOSEC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nintei}/gosec-$version-$GOTOOLCHAIN
bin=$cache/gosec

if [ ! -x "$bin" ]; then
  echo "gosec: building $version into $cache (a minute or two the first time)" >&2
  mkdir -p "$cache"
  # Outside any module, so that nintei's go.mod plays no part.
  (cd "$cache" && GOBIN="$cache" GOFLAGS=-buildvcs=false \
    go install "github.com/securego/gosec/v2/cmd/gosec@$version")
fi

# Test files are left out (-tests=false, the default): they hold fixtures
# such as fixed passwords and temporary paths. -exclude-generated skips
# generated code. -nosec=false (the default) honours `#nosec` annotations,
# and -track-suppressions lists them in the report; -quiet prints only
# findings. gosec exits 1 on any finding that is not suppressed.
exec "$bin" -quiet -exclude-generated -track-suppressions "$@" ./...
