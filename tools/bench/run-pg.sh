#!/usr/bin/env bash
# Registry load run on PostgreSQL with two instances, beside SQLite in the
# same run: seeds N certified services into SQLite, moves them into a fresh
# PostgreSQL database with `nintei migrate-data`, then measures
#   1. one `nintei serve` on the SQLite data (the reference), and
#   2. two `nintei serve` on the PostgreSQL database, the load's
#      connections split between them,
# each against the static baseline of tools/bench/load. The PostgreSQL server is
# NINTEI_BENCH_PG_ADMIN (default: postgres@127.0.0.1:5432, trust auth); the
# database is created and dropped here.
# Usage: tools/bench/run-pg.sh [services] [seconds-per-scenario] [load flags…]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh
n=${1:-10000}
secs=${2:-5}
shift $(( $# > 2 ? 2 : $# ))
admin=${NINTEI_BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
db="nintei_bench_$$"
pg="${admin%/*}/$db?sslmode=disable"
dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_static
  wait 2>/dev/null || true
  psql "$admin" -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  rm -rf "$dir"
}
. tools/bench/static.sh
trap cleanup EXIT
go build -o "$dir/nintei" ./cmd/nintei
go build -o "$dir/load" ./tools/bench/load
go run ./tools/bench/seed --data-dir "$dir/data" --services "$n"
psql "$admin" -q -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
"$dir/nintei" migrate-data --data-dir "$dir/data" --to "$pg" --log-level error

start_static
wait_ready() { for _ in $(seq 1 200); do curl -sf "$1/readyz" >/dev/null && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }
serve() { # serve PORT [flags…]: start an instance, print its pid
  local port=$1; shift
  "$dir/nintei" serve --addr "127.0.0.1:$port" --log-level error --rate-limits=false "$@" > "$dir/out.$port" 2>&1 &
  echo $!
}

echo "== SQLite, one instance: $n services, 64 connections, ${secs}s per scenario"
p=$(serve 18099 --data-dir "$dir/data"); pids+=("$p")
wait_ready http://127.0.0.1:18099
"$dir/load" --url http://127.0.0.1:18099 --conns 64 --duration "${secs}s" --pid "$p" "${static_flags[@]}" "$@"
kill "$p"; wait "$p" 2>/dev/null || true

echo "== PostgreSQL, two instances: $n services, 64 connections split between them, ${secs}s per scenario"
a=$(serve 18101 --data-dir "$dir/pg-a" --database-url "$pg"); pids+=("$a")
b=$(serve 18102 --data-dir "$dir/pg-b" --database-url "$pg"); pids+=("$b")
wait_ready http://127.0.0.1:18101
wait_ready http://127.0.0.1:18102
"$dir/load" --url http://127.0.0.1:18101,http://127.0.0.1:18102 --conns 64 --duration "${secs}s" --pid "$a,$b" "${static_flags[@]}" "$@"
