#!/usr/bin/env bash
# Checks the shipped deployment files as docs/deploy.md installs them:
#  - deploy/nginx/nintei.conf with Debian's nginx (`nginx -t`), inside a
#    minimal nginx.conf in a throwaway prefix directory, with a self-signed
#    certificate in place of the Let's Encrypt paths and the log paths moved
#    into the prefix (nothing else of the file is changed);
#  - deploy/systemd/nintei.service with `systemd-analyze verify`, when
#    systemd is there.
# Installs nginx-light from Debian's packages when nginx is missing (run as
# root, as CI does). Fails on any error.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nginx >/dev/null 2>&1 && ! [ -x /usr/sbin/nginx ]; then
  echo "check-deploy: installing nginx-light"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Only the binary is wanted: keep the package's service from starting.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 0755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
  rm -f /usr/sbin/policy-rc.d
  trap - EXIT
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
mkdir -p "$prefix/cert" "$prefix/logs" "$prefix/conf.d"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=nintei.example.jp \
  -keyout "$prefix/cert/privkey.pem" -out "$prefix/cert/fullchain.pem" 2>/dev/null
sed -e "s#/etc/letsencrypt/live/nintei.example.jp/#$prefix/cert/#g" \
    -e "s#/var/log/nginx/#$prefix/logs/#g" \
    deploy/nginx/nintei.conf > "$prefix/conf.d/nintei.conf"
# The paths are the only change: the rest of the file is checked as shipped.
if diff <(sed -e "s#$prefix/cert/#/etc/letsencrypt/live/nintei.example.jp/#g" -e "s#$prefix/logs/#/var/log/nginx/#g" \
    "$prefix/conf.d/nintei.conf") deploy/nginx/nintei.conf >/dev/null; then :; else
  echo "check-deploy: the path rewrite changed more than paths" >&2; exit 1
fi
cat > "$prefix/nginx.conf" <<CONF
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    client_body_temp_path $prefix/body;
    proxy_temp_path $prefix/proxy;
    access_log $prefix/logs/access.log;
    include $prefix/conf.d/*.conf;
}
CONF
echo "== nginx -t ($("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //'))"
"$nginx_bin" -t -e "$prefix/logs/error.log" -p "$prefix" -c "$prefix/nginx.conf"

if command -v systemd-analyze >/dev/null 2>&1; then
  echo "== systemd-analyze verify deploy/systemd/nintei.service"
  # verify wants the unit's binary and user to exist: check a copy whose
  # ExecStart points at a stand-in, as on a machine where nintei is installed.
  unitdir="$prefix/units"
  mkdir -p "$unitdir"
  sed -e "s#^ExecStart=/usr/local/bin/nintei #ExecStart=/bin/true #" deploy/systemd/nintei.service > "$unitdir/nintei.service"
  out=$(systemd-analyze verify "$unitdir/nintei.service" 2>&1) || { echo "$out" >&2; exit 1; }
  # Warnings about the machine (no systemd running, the user not present)
  # are not about the file; anything naming the unit file is.
  if grep -F "nintei.service:" <<<"$out" >&2; then
    echo "check-deploy: systemd-analyze found problems in the unit" >&2
    exit 1
  fi
  echo "unit OK"
else
  echo "== systemd-analyze not installed: unit not verified"
fi
echo "check-deploy: OK"
