#!/usr/bin/env bash
# Runs nintei's benchmarks and prints each figure with its ratio to a
# baseline measured in the same run. Usage: scripts/bench.sh [iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
n=${1:-200}

startup=$(go test ./cmd/nintei -run '^$' -bench 'StartupToReady|BaselineBareHTTP' -benchtime 20x -benchmem)
web=$(go test ./internal/web -run '^$' -bench 'FormBEditorPage|BaselineDashboard' -benchtime "${n}x" -benchmem)
upload=$(go test ./internal/web -run '^$' -bench 'Upload20MiB' -benchtime 10x -benchmem)
xlsx=""
if [ -d internal/xlsx ]; then xlsx=$(go test ./internal/xlsx -run '^$' -bench 'Export|Import' -benchtime 20x -benchmem); fi

printf '%s\n%s\n%s\n%s\n' "$startup" "$web" "$upload" "$xlsx" | grep -E '^Benchmark' || true
printf '%s\n%s\n%s\n%s\n' "$startup" "$web" "$upload" "$xlsx" | awk '
  /^BenchmarkStartupToReady/   { s = $3 }
  /^BenchmarkBaselineBareHTTP/ { bh = $3 }
  /^BenchmarkFormBEditorPage/  { f = $3 }
  /^BenchmarkBaselineDashboard/ { d = $3 }
  /^BenchmarkUpload20MiB/      { for (i = 1; i <= NF; i++) { if ($(i+1) == "heap-MiB") h = $i; if ($(i+1) == "rss-growth-MiB") rss = $i }; u = $3 }
  /^BenchmarkExport/           { e = $3 }
  /^BenchmarkImport/           { im = $3 }
  END {
    printf "\n"
    if (s && bh) printf "startup to ready:        %8.1f ms (target <= 1000 ms)  baseline bare net/http %.2f ms  ratio %.1fx\n", s/1e6, bh/1e6, s/bh
    if (f && d)  printf "Form B editor page:      %8.2f ms (target <= 10 ms)    baseline account page %.2f ms  ratio %.1fx\n", f/1e6, d/1e6, f/d
    if (u)       printf "20 MiB upload:           %8.1f ms, heap growth %s MiB, RSS growth %s MiB over 10 uploads (streamed, not held in memory)\n", u/1e6, h, rss
    if (e)       printf "Form B xlsx export:      %8.2f ms (target <= 100 ms)\n", e/1e6
    if (im)      printf "Form B xlsx import:      %8.2f ms (target <= 200 ms)\n", im/1e6
  }'
