#!/usr/bin/env bash
# Benchmark of the C library (a script, not a test): calls per second against a local nginx
# serving bench/data/sessions-8.json for GET /Sessions and 204 for the command POSTs, beside
# a libcurl easy-handle loop (no decoding) and the Rust core (sessionlink-tools' bench-core),
# in the same run.
#
#   bash bench/c/run.sh [SECONDS_PER_ROUND=2] [ROUNDS=5]
#
# GET: the C client decodes and reads every session's DeviceName and NowPlayingItem.Name
# through the accessors, as bench-core does. Every round runs the six cases (C, libcurl, Rust
# core x GET, POST) once each, in an order rotated per round, so load on the machine hits
# them alike; figures are medians over rounds.
# Targets (issue 10): C GET / Rust core >= 0.95; C POST / libcurl >= 0.95.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_PER_ROUND=${1:-2}
ROUNDS=${2:-5}
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
source bench/common/nginx.sh

need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ] || need+=(libcurl4-openssl-dev)
command -v curl >/dev/null || need+=(curl)
command -v cc >/dev/null || need+=(gcc libc6-dev)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  timeout 600 $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 900 $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The same build command as scripts/install-c.sh and tests/c/run.sh (nothing rebuilt).
timeout 3600 cargo rustc --locked --release -q -p sessionlink-c --lib -- --print native-static-libs >/dev/null 2>&1
timeout 3600 cargo build --locked --release -q -p sessionlink-tools --bin bench-core
TARGET="$TARGET_DIR/release"
WORK=$(mktemp -d)
trap 'nginx_stop; rm -rf "$WORK"' EXIT
timeout 300 cc -std=c11 -O2 -Iinclude bench/c/bench.c -o "$WORK/bench" "$TARGET/libsessionlink.a" -lcurl -lpthread -ldl -lm
nginx_start "$WORK/nginx" bench/data/sessions-8.json
URL=$NGINX_URL
echo "nginx at $URL; $ROUNDS rounds of ${SECONDS_PER_ROUND}s per case, order rotated, medians; load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
declare -A CORE_CASE=([get]=get_sessions_sequential [post]=playstate_sequential)
run_case() { # client op
  case $1 in
    c) timeout 120 "$WORK/bench" sessionlink "$2" "$URL" "$SECONDS_PER_ROUND" ;;
    curl) timeout 120 "$WORK/bench" curl "$2" "$URL" "$SECONDS_PER_ROUND" ;;
    rust) timeout 120 "$TARGET/bench-core" "$URL" "$SECONDS_PER_ROUND" "${CORE_CASE[$2]}" \
      | sed -n 's/.*"calls_per_sec": \([0-9.]*\).*/\1/p' ;;
  esac
}
jobs=("c get" "curl get" "rust get" "c post" "curl post" "rust post")
for round in $(seq "$ROUNDS"); do
  for i in "${!jobs[@]}"; do
    set -- ${jobs[$(( (i + round) % ${#jobs[@]} ))]}
    run_case "$1" "$2" >> "$WORK/$1_$2.all"
  done
  echo "round $round/$ROUNDS done"
done
m() { median < "$WORK/$1.all"; }
c_get=$(m c_get); curl_get=$(m curl_get); rust_get=$(m rust_get)
c_post=$(m c_post); curl_post=$(m curl_post); rust_post=$(m rust_post)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t) ? "met" : "MISSED" }'; }

echo
echo "calls per second, sequential, one connection, medians"
printf '%-38s %14s %12s\n' "client" "GET /Sessions" "POST Pause"
printf '%-38s %14.0f %12.0f\n' "libsessionlink (C, blocking)" "$c_get" "$c_post"
printf '%-38s %14.0f %12.0f\n' "Rust core (bench-core)" "$rust_get" "$rust_post"
printf '%-38s %14.0f %12.0f\n' "libcurl easy handle (no decoding)" "$curl_get" "$curl_post"
r1=$(ratio "$c_get" "$rust_get"); r2=$(ratio "$c_post" "$curl_post")
echo
echo "targets:"
echo "  GET:  C / Rust core = $r1   target >= 0.95   $(verdict "$r1" 0.95)"
echo "  POST: C / libcurl   = $r2   target >= 0.95   $(verdict "$r2" 0.95)"
echo "information: GET C / libcurl = $(ratio "$c_get" "$curl_get"); POST C / Rust core = $(ratio "$c_post" "$rust_post")"
