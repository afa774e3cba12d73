#!/usr/bin/env bash
# Transport benchmark and attribution (a script, not a test; issue 10: "measure against
# libcurl in the same run and attribute the difference before changing anything").
#
#   bash bench/transport/run.sh [ROUNDS=5] [SECONDS=1.5]
#   ATTRIBUTION=0 bash bench/transport/run.sh     # rates only (no perf/strace/callgrind)
#
# A local nginx serves the 35 KB fixture for GET /Sessions and, with the same body, for
# DELETE /Sessions/{id}/User/{userId}. The public API has no GET that reads a body without
# decoding it, but remove_user_from_session sends that DELETE and reads its reply whole
# without decoding (its result is `()`): so sessionlink's "transport" case (bench-core
# transport_sequential) is the core transport moving the same 35 KB as a GET /Sessions, with
# no benchmark hook in the core. libcurl (bench/curl/curl_loop.c, one easy handle, body
# copied into a reused buffer) makes the same DELETE, and the GET too (the server's cost of
# the two routes, side by side).
#
# 1. Rates, interleaved rounds, medians: sessionlink transport vs libcurl (target >= 0.8x),
#    POST 204 (no body) both ways, and sessionlink's decoded GET (what decoding adds).
# 2. Attribution per call, as the difference of a short and a long run (start-up and warm-up
#    cancel out): perf stat software events (CPU µs, context switches; hardware counters are
#    used when the machine has them), strace -c -f system calls, and valgrind callgrind
#    instructions grouped by where they go (hyper, tokio, rustls, sessionlink, allocation,
#    memcpy, libcurl, ...; bench/transport/attribute.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ROUNDS=${1:-5}
SECONDS_PER=${2:-1.5}
ATTRIBUTION=${ATTRIBUTION:-1}
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
source bench/common/nginx.sh

need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ] || need+=(libcurl4-openssl-dev)
command -v curl >/dev/null || need+=(curl)
if [ "$ATTRIBUTION" = 1 ]; then
  command -v valgrind >/dev/null || need+=(valgrind)
  command -v strace >/dev/null || need+=(strace)
  command -v perf >/dev/null || need+=(linux-perf)
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  timeout 600 $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 900 $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
timeout 3600 cargo build --release --locked --quiet -p sessionlink-tools --bin bench-core
mkdir -p "$TARGET_DIR/bench"
timeout 300 cc -std=c11 -O2 -g bench/curl/curl_loop.c -o "$TARGET_DIR/bench/curl-loop" -lcurl
CORE="$TARGET_DIR/release/bench-core"
CURL_LOOP="$TARGET_DIR/bench/curl-loop"
PY=python3
command -v "$PY" >/dev/null || PY=.venv-bench/bin/python

WORK=$(mktemp -d)
trap 'nginx_stop; rm -rf "$WORK"' EXIT
nginx_start "$WORK/nginx" bench/data/sessions-8.json
GET_URL="$NGINX_URL/Sessions"
RAW_URL="$NGINX_URL/Sessions/2fad5b7464f7758e83e4d801b2af1879/User/1e00cde9b0c3bf749f1519586481d1a1"
POST_URL="$NGINX_URL/Sessions/2fad5b7464f7758e83e4d801b2af1879/Playing/Pause"
echo "nginx at $NGINX_URL; $ROUNDS rounds of ${SECONDS_PER}s per case, order rotated, medians; load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs"

# ---------------------------------------------------------------- 1. rates
core_cases() {
  timeout 300 "$CORE" "$NGINX_URL" "$SECONDS_PER" transport_sequential playstate_sequential get_sessions_sequential \
    | sed -n 's/.*"case": "\([a-z_]*\)".*"calls_per_sec": \([0-9.]*\).*/\1 \2/p' >> "$WORK/rates"
}
curl_case() { # name method url
  echo "$1 $(timeout 120 "$CURL_LOOP" "$2" "$3" "$SECONDS_PER")" >> "$WORK/rates"
}
jobs=(core "curl curl_delete DELETE $RAW_URL" "curl curl_get GET $GET_URL" "curl curl_post POST $POST_URL")
for round in $(seq "$ROUNDS"); do
  n=${#jobs[@]}
  for i in $(seq 0 $((n - 1))); do
    job=${jobs[$(( (i + round) % n ))]}
    if [ "$job" = core ]; then core_cases; else set -- $job; curl_case "$2" "$3" "$4"; fi
  done
  echo "round $round/$ROUNDS done"
done

# ---------------------------------------------------------------- 2. attribution
if [ "$ATTRIBUTION" = 1 ]; then
  N1=${N1:-300}; N2=${N2:-1300}        # callgrind (slow: ~50x)
  P1=${P1:-1000}; P2=${P2:-6000}       # perf stat and strace
  events=task-clock,context-switches,cpu-migrations,page-faults
  if perf stat -x, -e instructions true 2>&1 | grep -q '^[0-9]'; then events="$events,instructions,cycles"; fi
  echo "attribution: perf stat ($events), strace -c -f, callgrind; per call = (long run - short run) / calls"
  for n in $P1 $P2; do
    timeout 300 perf stat -x, -e "$events" -o "$WORK/perf-core-$n.csv" "$CORE" "$NGINX_URL" --calls "$n" transport_sequential > /dev/null
    timeout 300 perf stat -x, -e "$events" -o "$WORK/perf-curl-$n.csv" "$CURL_LOOP" DELETE "$RAW_URL" -n "$n" > /dev/null
    timeout 300 strace -f -c -o "$WORK/strace-core-$n.txt" "$CORE" "$NGINX_URL" --calls "$n" transport_sequential > /dev/null
    timeout 300 strace -f -c -o "$WORK/strace-curl-$n.txt" "$CURL_LOOP" DELETE "$RAW_URL" -n "$n" > /dev/null
  done
  for n in $N1 $N2; do
    timeout 1200 valgrind --tool=callgrind --callgrind-out-file="$WORK/cg-core-$n.out" "$CORE" "$NGINX_URL" --calls "$n" transport_sequential > /dev/null 2>"$WORK/vg.log"
    timeout 1200 valgrind --tool=callgrind --callgrind-out-file="$WORK/cg-curl-$n.out" "$CURL_LOOP" DELETE "$RAW_URL" -n "$n" > /dev/null 2>>"$WORK/vg.log"
  done
  for who in core curl; do
    $PY bench/transport/attribute.py perf "$WORK/perf-$who-$P1.csv" "$P1" "$WORK/perf-$who-$P2.csv" "$P2" > "$WORK/perf-$who.json"
    $PY bench/transport/attribute.py strace "$WORK/strace-$who-$P1.txt" "$P1" "$WORK/strace-$who-$P2.txt" "$P2" > "$WORK/strace-$who.json"
    $PY bench/transport/attribute.py callgrind "$WORK/cg-$who-$N1.out" "$N1" "$WORK/cg-$who-$N2.out" "$N2" > "$WORK/cg-$who.json"
  done
fi

# ---------------------------------------------------------------- report
$PY - "$WORK" "$ATTRIBUTION" <<'PY'
import json, statistics, sys
from collections import defaultdict
from pathlib import Path

work, attribution = Path(sys.argv[1]), sys.argv[2] == "1"
rates = defaultdict(list)
for line in (work / "rates").read_text().splitlines():
    name, value = line.split()
    rates[name].append(float(value))
r = {k: statistics.median(v) for k, v in rates.items()}
us = {k: 1e6 / v for k, v in r.items()}
rows = [
    ("transport_sequential", "sessionlink transport: DELETE, 35 KB body read, not decoded"),
    ("curl_delete", "libcurl: the same DELETE, 35 KB body"),
    ("curl_get", "libcurl: GET /Sessions, 35 KB body (server-side reference)"),
    ("get_sessions_sequential", "sessionlink GET /Sessions, decoded and read"),
    ("playstate_sequential", "sessionlink POST Pause (204, no body)"),
    ("curl_post", "libcurl POST Pause (204, no body)"),
]
print(f"\n{'':64} {'calls/s':>9} {'µs/call':>8}")
for key, label in rows:
    if key in r:
        print(f"  {label:62} {r[key]:>9,.0f} {us[key]:>8.1f}")
t = r["transport_sequential"] / r["curl_delete"]
print("\nratios (calls/s):")
print(f"  transport without decoding: sessionlink / libcurl      {t:5.2f}x   target >= 0.8   {'met' if t >= 0.8 else 'MISSED'}")
print(f"  POST (no body): sessionlink Rust core / libcurl        {r['playstate_sequential'] / r['curl_post']:5.2f}x   (information; the C and Python benches hold the 0.95 targets)")
print(f"  server routes: libcurl DELETE / libcurl GET             {r['curl_delete'] / r['curl_get']:5.2f}x   (expected near 1 on a quiet machine: the two routes cost the server alike)")
gap = us["transport_sequential"] - us["curl_delete"]
dec = us["get_sessions_sequential"] - us["transport_sequential"]
print(f"\nper call: the transport costs {gap:+.1f} µs over libcurl; decoding and reading the 8 sessions adds {dec:.1f} µs "
      f"({dec / us['get_sessions_sequential'] * 100:.0f}% of a decoded GET)")
if not attribution:
    sys.exit()
load = lambda name: json.loads((work / name).read_text())
pc, pl = load("perf-core.json"), load("perf-curl.json")
print("\nperf stat, per call (software events; CPU time counts every thread, user and kernel):")
print(f"  {'':28} {'sessionlink':>12} {'libcurl':>10}")
for k in sorted(set(pc) | set(pl)):
    print(f"  {k:28} {pc.get(k, float('nan')):>12.2f} {pl.get(k, float('nan')):>10.2f}")
print(f"  {'wall µs per call (rates)':28} {us['transport_sequential']:>12.2f} {us['curl_delete']:>10.2f}")
sc, sl = load("strace-core.json"), load("strace-curl.json")
print("\nsystem calls per call (strace -c -f):")
print(f"  sessionlink {sc['total']:.1f}: " + ", ".join(f"{k} {v:.2f}" for k, v in sc["syscalls"].items()))
print(f"  libcurl     {sl['total']:.1f}: " + ", ".join(f"{k} {v:.2f}" for k, v in sl["syscalls"].items()))
cc, cl = load("cg-core.json"), load("cg-curl.json")
print(f"\nuser-space instructions per call (callgrind, self cost): sessionlink {cc['total']:,.0f}, libcurl {cl['total']:,.0f} "
      f"({cc['total'] / cl['total']:.2f}x)")
groups = sorted(set(cc["groups"]) | set(cl["groups"]), key=lambda g: -(cc["groups"].get(g, 0) + cl["groups"].get(g, 0)))
print(f"  {'group':40} {'sessionlink':>12} {'libcurl':>10}")
for g in groups:
    a, b = cc["groups"].get(g, 0), cl["groups"].get(g, 0)
    if abs(a) >= 50 or abs(b) >= 50:
        print(f"  {g:40} {a:>12,.0f} {b:>10,.0f}")
print("  top functions, sessionlink (instructions per call):")
for name, ir, group in cc["top"][:12]:
    print(f"    {ir:>9,.0f}  {name}  ({group})")
print("  top functions, libcurl:")
for name, ir, group in cl["top"][:6]:
    print(f"    {ir:>9,.0f}  {name}  ({group})")
PY
