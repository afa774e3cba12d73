#!/usr/bin/env bash
# Benchmark of the C library (a script, not a test): calls per second against a local nginx
# serving bench/data/sessions-8.json for GET /Sessions and 204 for command POSTs,
# beside a libcurl easy-handle loop (no decoding) and the Rust core, in the same run.
# Targets: get_sessions >= 0.9x the Rust core; playstate POST >= 0.7x libcurl.
#   bash bench/c/run.sh [SECONDS_PER_ROUND] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_PER_ROUND=${1:-2}
ROUNDS=${2:-5}
BODY=$ROOT/bench/data/sessions-8.json

need=()
command -v nginx >/dev/null || need+=(nginx)
dpkg-query -W -f='${Status}' libcurl4-openssl-dev 2>/dev/null | grep -q "install ok installed" || need+=(libcurl4-openssl-dev)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  timeout 600 $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 900 $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The same build command as scripts/install-c.sh and tests/c/run.sh (nothing rebuilt).
timeout 3600 cargo rustc --locked --release -q -p sessionlink-c --lib -- --print native-static-libs >/dev/null 2>&1
timeout 3600 cargo build --locked --release -q -p sessionlink-tools --bin bench-core
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK=$(mktemp -d)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user
timeout 300 cc -std=c11 -O2 -Iinclude bench/c/bench.c -o "$WORK/bench" "$TARGET/libsessionlink.a" -lcurl -lpthread -ldl -lm

PORT=$((20000 + RANDOM % 20000))
mkdir -p "$WORK/www" "$WORK/logs"
cp "$BODY" "$WORK/www/sessions.json"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log;
events { worker_connections 256; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 60s;
  client_body_temp_path $WORK/tmp;
  proxy_temp_path $WORK/tmp;
  fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp;
  scgi_temp_path $WORK/tmp;
  server {
    listen 127.0.0.1:$PORT;
    root $WORK/www;
    location = /Sessions { default_type application/json; try_files /sessions.json =404; }
    location /Sessions/ { return 204; }
  }
}
NGINX
mkdir -p "$WORK/tmp"
timeout 3600 nginx -p "$WORK" -c "$WORK/nginx.conf" &
NGINX_PID=$!
trap 'kill $NGINX_PID 2>/dev/null; wait $NGINX_PID 2>/dev/null; rm -rf "$WORK"' EXIT
URL="http://127.0.0.1:$PORT"
size=""
for _ in $(seq 50); do size=$(curl -sf --max-time 5 -o /dev/null -w '%{size_download}' "$URL/Sessions") && break; sleep 0.1; done
if [ "$size" != "$(stat -c %s "$BODY")" ]; then
  echo "bench: nginx on $URL does not serve the sessions body" >&2
  cat "$WORK/logs/error.log" >&2
  exit 1
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# The Rust core's cases in tools/src/bin/bench-core.rs that match bench.c's loops.
declare -A CORE_CASE=([get]=get_sessions_sequential [post]=playstate_sequential)

# Rounds of the three clients are interleaved per operation so that background load on a
# shared machine hits them alike.
for op in get post; do
  for _ in $(seq "$ROUNDS"); do
    timeout 60 "$WORK/bench" sessionlink $op "$URL" "$SECONDS_PER_ROUND" >> "$WORK/c_$op.all"
    timeout 60 "$WORK/bench" curl $op "$URL" "$SECONDS_PER_ROUND" >> "$WORK/curl_$op.all"
    timeout 60 "$TARGET/bench-core" "$URL" "$SECONDS_PER_ROUND" "${CORE_CASE[$op]}" \
      | sed -n 's/.*"calls_per_sec": \([0-9.]*\).*/\1/p' >> "$WORK/rust_$op.all"
  done
done
m() { median < "$WORK/$1.all"; }
c_get=$(m c_get); curl_get=$(m curl_get); rust_get=$(m rust_get)
c_post=$(m c_post); curl_post=$(m curl_post); rust_post=$(m rust_post)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "calls per second, median of $ROUNDS rounds of ${SECONDS_PER_ROUND}s, nginx on 127.0.0.1, sequential, one connection"
printf '%-34s %12s %12s\n' "client" "GET /Sessions" "POST Pause"
printf '%-34s %12s %12s\n' "libsessionlink (C, blocking)" "$c_get" "$c_post"
printf '%-34s %12s %12s\n' "Rust core (async, same runtime)" "$rust_get" "$rust_post"
printf '%-34s %12s %12s\n' "libcurl easy handle (no decoding)" "$curl_get" "$curl_post"
echo "get_sessions: C / Rust core = $(ratio "$c_get" "$rust_get")  (target >= 0.9)"
echo "playstate:    C / libcurl   = $(ratio "$c_post" "$curl_post")  (target >= 0.7)"
echo "playstate:    C / Rust core = $(ratio "$c_post" "$rust_post");  get: C / libcurl = $(ratio "$c_get" "$curl_get")"
