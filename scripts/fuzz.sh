#!/usr/bin/env bash
# Runs every fuzz target of the module (every `func FuzzX(f *testing.F)` in a
# _test.go file) for a set time each, one after the other, and prints a table:
# target, executions, new inputs, CPU-seconds (user + system of go test and
# its workers, the build of the instrumented test binary included) and the
# result. A crash leaves its input under the package's testdata/fuzz/FuzzX/,
# where `go test` replays it from then on: fix the bug and commit the file as
# the regression seed.
#
#   bash scripts/fuzz.sh            # 30 s per target
#   bash scripts/fuzz.sh 120        # 120 s per target
#   FUZZ_PARALLEL=2 bash scripts/fuzz.sh 60   # workers per target (default 1: shared machine)
#   FUZZ_ONLY=Registry bash scripts/fuzz.sh   # only targets whose name matches
#
# The web targets that go through the router and the store (FuzzRegistryQuery,
# FuzzAPIFormB, FuzzAttachmentUpload) run on PostgreSQL when
# NINTEI_TEST_DATABASE_URL is set, else on SQLite.
#
# Exits 1 if any target failed. Logs are kept in $FUZZ_LOGS (default: a temp dir).
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$(dirname "$0")/.."

secs=${1:-30}
parallel=${FUZZ_PARALLEL:-1}
logs=${FUZZ_LOGS:-$(mktemp -d "${TMPDIR:-/tmp}/nintei-fuzz.XXXXXX")}
mkdir -p "$logs"

# package directory and target name, one pair a line
targets=$(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*(f \*testing.F)' . |
  sed -E 's#^\./(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\(.*#\1 \2#' | sort)
if [ -n "${FUZZ_ONLY:-}" ]; then
  targets=$(echo "$targets" | grep -- "$FUZZ_ONLY" || true)
fi

printf '%-10s %-22s %10s %8s %8s  %s\n' package target execs new cpu-s result
failed=0
total_cpu=0
while read -r dir name; do
  [ -n "$dir" ] || continue
  log="$logs/$name.log"
  tf="$logs/$name.time"
  # -fuzzminimizetime=1x: inputs that find new coverage are kept as they are;
  # minimising each one can take the whole time budget (see internal/xlsx/fuzz_test.go).
  set +e
  { TIMEFORMAT='%U %S'; time go test "./$dir" -run '^$' -fuzz "^$name\$" -fuzztime "${secs}s" \
      -parallel "$parallel" -fuzzminimizetime=1x >"$log" 2>&1; } 2>"$tf"
  rc=$?
  set -e
  cpu=$(awk '{printf "%.1f", $1 + $2}' "$tf")
  total_cpu=$(awk -v a="$total_cpu" -v b="$cpu" 'BEGIN{printf "%.1f", a + b}')
  last=$(grep -E '^fuzz: elapsed' "$log" | tail -1 || true)
  execs=$(echo "$last" | sed -nE 's/.*execs: ([0-9]+).*/\1/p')
  new=$(echo "$last" | sed -nE 's/.*new interesting: ([0-9]+).*/\1/p')
  result=ok
  if [ "$rc" -ne 0 ]; then
    if ! grep -q 'Failing input written to' "$log" && grep -qx '    context deadline exceeded' "$log" &&
      ! grep -qE '^(panic:|\s+\S+_test\.go:[0-9]+:)' "$log"; then
      # Go 1.26's fuzz coordinator can report its own -fuzztime deadline as
      # a failure when a worker is mid-input (golang/go#75804, fixed in Go
      # 1.27): no input, nothing to reproduce. Not a crash.
      result="ok (toolchain deadline race, golang/go#75804)"
    else
      failed=1
      result="FAIL: $(grep -m1 -oE 'Failing input written to [^ ]+' "$log" || echo "see $log")"
    fi
  fi
  printf '%-10s %-22s %10s %8s %8s  %s\n' "$dir" "$name" "${execs:-?}" "${new:-?}" "$cpu" "$result"
done <<<"$targets"
echo "total CPU-seconds: $total_cpu; logs in $logs"
exit "$failed"
