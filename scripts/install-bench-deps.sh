#!/usr/bin/env bash
# Installs what tools/bench/run.sh measures against, from Debian's packages,
# when it is missing: nginx-light, the static-file baseline. Idempotent; run
# as root.
set -euo pipefail

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "install-bench-deps: installing nginx-light"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
fi
