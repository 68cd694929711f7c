#!/usr/bin/env bash
# Runs nintei's benchmarks and prints each figure with its ratio to the
# baseline measured in the same run. Usage: scripts/bench.sh [benchtime]
set -euo pipefail
cd "$(dirname "$0")/.."
benchtime=${1:-20x}

out=$(go test ./cmd/nintei -run '^$' -bench 'StartupToReady|BaselineBareHTTP' -benchtime "$benchtime" -benchmem)
echo "$out" | grep -E '^Benchmark'
echo "$out" | awk '
  /^BenchmarkStartupToReady/  { s = $3 }
  /^BenchmarkBaselineBareHTTP/ { b = $3 }
  END {
    if (s == "" || b == "") { print "missing figures" > "/dev/stderr"; exit 1 }
    printf "\nstartup to ready: %.1f ms (target <= 1000 ms); bare net/http baseline: %.2f ms; ratio %.1fx\n", s/1e6, b/1e6, s/b
  }'
