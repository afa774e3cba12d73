# Sourced by the benchmark scripts: a local nginx (one worker, keep-alive, no logs) on
# 127.0.0.1 serving one JSON body. Routes:
#   GET /Sessions                       the body (200, application/json)
#   DELETE /Sessions/{id}/User/{uid}    the same body with 200: the transport benchmark's
#                                       "body read, not decoded" route (sessionlink's
#                                       remove_user_from_session reads and ignores it)
#   anything else                       204 (the command POSTs)
#
#   nginx_start WORKDIR BODY_FILE   -> sets NGINX_URL, NGINX_PID; waits until it serves
#   nginx_stop
nginx_ensure_installed() {
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] && return 0
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  timeout 600 $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 900 $sudo apt-get install -y -qq --no-install-recommends nginx-light >/dev/null \
    || DEBIAN_FRONTEND=noninteractive timeout 900 $sudo apt-get install -y -qq --no-install-recommends nginx >/dev/null
}

nginx_start() {
  local work=$1 body=$2 nginx port
  nginx=$(command -v nginx || echo /usr/sbin/nginx)
  mkdir -p "$work/www" "$work/tmp" "$work/logs"
  chmod 755 "$work" "$work/www"
  ln -sf "$(readlink -f "$body")" "$work/www/sessions.json"
  chmod o+r "$(readlink -f "$body")" 2>/dev/null || true
  local user=""; [ "$(id -u)" -eq 0 ] && user="user root;"
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 20000))
    cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
$user
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  root $work/www;
  server {
    listen 127.0.0.1:$port;
    location = /Sessions {
      if (\$request_method != GET) { return 204; }
      default_type application/json;
      try_files /sessions.json =404;
    }
    # The static module answers 405 to a DELETE; the error page is served as a GET.
    location ~ ^/Sessions/[^/]+/User/[^/]+\$ {
      if (\$request_method != DELETE) { return 204; }
      error_page 405 =200 /sessions.json;
      try_files /sessions.json =404;
    }
    location = /sessions.json { internal; default_type application/json; }
    location / { return 204; }
  }
}
NGINX
    timeout 86400 "$nginx" -p "$work" -c "$work/nginx.conf" 2>>"$work/logs/error.log" &
    NGINX_PID=$!
    NGINX_URL="http://127.0.0.1:$port"
    local size="" want
    want=$(stat -L -c %s "$body")
    for _ in $(seq 50); do
      size=$(curl -sf --max-time 5 -o /dev/null -w '%{size_download}' "$NGINX_URL/Sessions" 2>/dev/null) && [ "$size" = "$want" ] && return 0
      kill -0 "$NGINX_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null || true
  done
  echo "nginx did not start serving $body; see $work/logs/error.log:" >&2
  cat "$work/logs/error.log" >&2
  return 1
}

nginx_stop() {
  [ -n "${NGINX_PID:-}" ] || return 0
  kill "$NGINX_PID" 2>/dev/null || true
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
}
