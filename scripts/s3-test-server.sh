#!/usr/bin/env bash
# Starts and stops a throwaway S3-compatible service for the blob tests:
# versitygw (Apache-2.0) with its POSIX backend, built from the Go module
# proxy into a cache directory on first use, serving a fresh temporary
# directory on 127.0.0.1 at a free port, with random credentials.
#
#   eval "$(bash scripts/s3-test-server.sh start)"   # exports NINTEI_TEST_S3_*
#   bash scripts/s3-test-server.sh stop              # uses NINTEI_TEST_S3_STATE
#
# start prints only `export` lines on stdout (progress goes to stderr). The
# state directory (pid, log, data) is removed by stop. The POSIX backend
# keeps object metadata in extended attributes, so TMPDIR must be on a file
# system with user xattrs (ext4, xfs, btrfs; tmpfs only on Linux 6.6 and
# later).
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"

version=v1.8.0
cache=${NINTEI_S3_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nintei}/versitygw-$version
bin=$cache/versitygw

log() { echo "s3-test-server: $*" >&2; }

install() {
  if [ -x "$bin" ]; then
    return
  fi
  log "building versitygw $version into $cache (a few minutes the first time)"
  mkdir -p "$cache"
  # Outside any module, so that nintei's go.mod plays no part.
  (cd "$cache" && GOBIN="$cache" GOFLAGS=-buildvcs=false \
    go install "github.com/versity/versitygw/cmd/versitygw@$version")
}

# answers reports whether something accepts TCP connections on port.
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

start() {
  install
  local state port pid access secret
  state=$(mktemp -d "${TMPDIR:-/tmp}/nintei-s3.XXXXXX")
  mkdir "$state/data"
  access=nintei$(random_hex 6)
  secret=$(random_hex 20)
  for _ in 1 2 3 4 5; do
    port=$(( 20000 + $(od -An -tu2 -N2 /dev/urandom | tr -d ' ') % 40000 ))
    answers "$port" && continue
    # Credentials through the environment: they stay out of ps.
    ROOT_ACCESS_KEY=$access ROOT_SECRET_KEY=$secret \
      "$bin" --port "127.0.0.1:$port" --quiet posix "$state/data" \
      >"$state/log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$state/pid"
    for _ in $(seq 1 100); do
      if ! kill -0 "$pid" 2>/dev/null; then
        break # exited: the port was taken after all, or worse; see the log
      fi
      if answers "$port"; then
        log "versitygw $version (pid $pid) on 127.0.0.1:$port, data in $state/data"
        echo "export NINTEI_TEST_S3_ENDPOINT=127.0.0.1:$port"
        echo "export NINTEI_TEST_S3_ACCESS_KEY=$access"
        echo "export NINTEI_TEST_S3_SECRET_KEY=$secret"
        echo "export NINTEI_TEST_S3_STATE=$state"
        return
      fi
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  log "versitygw did not start; its last log:"
  tail -n 20 "$state/log" >&2 || true
  rm -rf "$state"
  exit 1
}

stop() {
  local state=${1:-${NINTEI_TEST_S3_STATE:-}}
  if [ -z "$state" ] || [ ! -f "$state/pid" ]; then
    log "nothing to stop (no NINTEI_TEST_S3_STATE with a pid file)"
    return
  fi
  local pid
  pid=$(cat "$state/pid")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$state"
  log "stopped pid $pid"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop "${2:-}" ;;
  *)
    echo "usage: $0 install|start|stop [STATE_DIR]" >&2
    exit 2
    ;;
esac
