# Sourced by run.sh and run-pg.sh: starts nginx on loopback as the static
# baseline, serving a directory tools/bench/load fills with the very bytes
# nintei answered, and sets static_flags for the load. nginx is Debian's
# nginx-light (scripts/install-bench-deps.sh installs it when run as root),
# with sendfile off so that it, like nintei, copies each body through user
# space. Without nginx the load's own Go file server is the baseline, and
# the report says so. Needs $dir (a private temporary directory) and an
# EXIT trap that calls stop_static.
static_flags=()
static_pid=""
start_static() {
  local port=18098 nginx
  nginx=$(command -v nginx || true)
  [ -z "$nginx" ] && [ -x /usr/sbin/nginx ] && nginx=/usr/sbin/nginx
  if [ -z "$nginx" ] && [ "$(id -u)" = 0 ]; then
    scripts/install-bench-deps.sh && nginx=/usr/sbin/nginx
  fi
  if [ -z "$nginx" ] || [ ! -x "$nginx" ]; then
    echo "static baseline: nginx not found; the Go file server stands in (scripts/install-bench-deps.sh installs nginx-light)"
    return 0
  fi
  mkdir -p "$dir/static" "$dir/nginx"
  chmod 755 "$dir" "$dir/static" # nginx's workers run as nobody when started by root
  cat > "$dir/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log error;
daemon off;
events { worker_connections 4096; }
http {
  types { text/html html; }
  access_log off;
  sendfile off;
  keepalive_requests 1000000;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  server {
    listen 127.0.0.1:$port;
    root $dir/static;
  }
}
CONF
  "$nginx" -c "$dir/nginx/nginx.conf" -p "$dir/nginx" 2>"$dir/nginx/start.log" &
  static_pid=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  local v
  v=$("$nginx" -v 2>&1 | sed 's/.*nginx\///')
  static_flags=(--static-dir "$dir/static" --static-url "http://127.0.0.1:$port" --static-name "nginx $v (nginx-light, sendfile off, loopback)")
}
stop_static() { [ -n "$static_pid" ] && kill "$static_pid" 2>/dev/null || true; }
