#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster if it is not answering, and waits
# until it accepts connections on 127.0.0.1:5432.
set -euo pipefail

if pg_isready -q -h 127.0.0.1 -p 5432; then
  exit 0
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
echo "start-postgres: starting cluster $version/main"
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p 5432 && exit 0
  sleep 0.5
done
echo "start-postgres: PostgreSQL did not become ready" >&2
exit 1
