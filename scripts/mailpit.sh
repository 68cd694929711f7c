#!/usr/bin/env bash
# Starts and stops a throwaway mailpit (github.com/axllent/mailpit, MIT): a
# real SMTP server that requires STARTTLS, with a self-signed certificate
# made for the run, and an HTTP API to read what it received. The mail tests
# send through it when NINTEI_TEST_MAILPIT_SMTP is set (CI sets it).
#
#   eval "$(bash scripts/mailpit.sh start)"   # exports NINTEI_TEST_MAILPIT_*
#   bash scripts/mailpit.sh stop              # uses NINTEI_TEST_MAILPIT_STATE
#
# start prints only `export` lines on stdout (progress goes to stderr).
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"

version=v1.33.1
cache=${NINTEI_MAILPIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nintei}/mailpit-$version
bin=$cache/mailpit

log() { echo "mailpit: $*" >&2; }

install() {
  if [ -x "$bin" ]; then
    return
  fi
  log "building mailpit $version into $cache (a few minutes the first time)"
  mkdir -p "$cache"
  (cd "$cache" && GOBIN="$cache" GOFLAGS=-buildvcs=false go install "github.com/axllent/mailpit@$version")
}

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  while :; do
    p=$(( 20000 + $(od -An -tu2 -N2 /dev/urandom | tr -d ' ') % 40000 ))
    answers "$p" || { echo "$p"; return; }
  done
}

start() {
  install
  local state smtp http pid
  state=$(mktemp -d "${TMPDIR:-/tmp}/nintei-mailpit.XXXXXX")
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost \
    -keyout "$state/key.pem" -out "$state/cert.pem" 2>/dev/null
  smtp=$(free_port); http=$(free_port)
  "$bin" --smtp "127.0.0.1:$smtp" --listen "127.0.0.1:$http" \
    --smtp-tls-cert "$state/cert.pem" --smtp-tls-key "$state/key.pem" --smtp-require-starttls \
    --database "$state/mailpit.db" --quiet >"$state/log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$state/pid"
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      break
    fi
    if answers "$smtp" && answers "$http"; then
      log "mailpit $version (pid $pid): SMTP 127.0.0.1:$smtp (STARTTLS required), API http://127.0.0.1:$http"
      echo "export NINTEI_TEST_MAILPIT_SMTP=127.0.0.1:$smtp"
      echo "export NINTEI_TEST_MAILPIT_API=http://127.0.0.1:$http"
      echo "export NINTEI_TEST_MAILPIT_CA=$state/cert.pem"
      echo "export NINTEI_TEST_MAILPIT_STATE=$state"
      return
    fi
    sleep 0.1
  done
  log "mailpit did not start; its last log:"
  tail -n 20 "$state/log" >&2 || true
  kill "$pid" 2>/dev/null || true
  rm -rf "$state"
  exit 1
}

stop() {
  local state=${1:-${NINTEI_TEST_MAILPIT_STATE:-}}
  [ -n "$state" ] && [ -d "$state" ] || return 0
  if [ -f "$state/pid" ]; then
    kill "$(cat "$state/pid")" 2>/dev/null || true
  fi
  rm -rf "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
