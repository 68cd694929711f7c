#!/usr/bin/env bash
# Registry load run: seeds N certified services into a fresh SQLite data
# directory, starts `nintei serve` on loopback, and measures list, service
# page, search, comparison and verification against a static-file baseline
# measured in the same run: nginx serving the very bytes nintei answered
# (static.sh), or the Go file server when nginx is absent; the report names
# the one that ran. Besides the six cached search words, the "words"
# scenarios ask thousands of distinct words, at 64 connections and from
# one client. Usage: tools/bench/run.sh [services] [seconds-per-scenario]
# NINTEI_BENCH_SERVE_FLAGS adds flags to `nintei serve` (for example
# --memory-limit-mb 512 at 100,000 services, whose index alone outgrows
# the default soft limit; docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh
n=${1:-10000}
secs=${2:-5}
dir=$(mktemp -d)
pid=""
. tools/bench/static.sh
trap 'kill $pid 2>/dev/null || true; stop_static; rm -rf "$dir"' EXIT
go build -o "$dir/nintei" ./cmd/nintei
go run ./tools/bench/seed --data-dir "$dir/data" --services "$n"
# --rate-limits=false: 64 connections from one address are the point here,
# not an abuse to refuse (the limits are per client address).
"$dir/nintei" serve --data-dir "$dir/data" --addr 127.0.0.1:18099 --log-level error --rate-limits=false ${NINTEI_BENCH_SERVE_FLAGS:-} > "$dir/out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:18099/readyz >/dev/null && break; sleep 0.1; done
start_static
echo "== $n services, 64 connections, ${secs}s per scenario"
go run ./tools/bench/load --url http://127.0.0.1:18099 --conns 64 --duration "${secs}s" --pid "$pid" "${static_flags[@]}"
