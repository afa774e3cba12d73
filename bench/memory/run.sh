#!/usr/bin/env bash
# Memory benchmark (a script, not a test): peak RSS of one GET /Sessions of a large body,
# every session's DeviceName and NowPlayingItem.Name read, as a multiple of the body size.
#
#   bash bench/memory/run.sh [REPEATS=3]
#   MB=50 bash bench/memory/run.sh        # body size in MB (10^6 bytes) of the two large bodies
#
# Bodies (bench/memory/gen_sessions.py, cached in target/bench/memory/): "compact" (~117,000
# idle sessions in 50 MB: many small objects), "fixture" (the fixture's sessions with varied
# ids, ~11,400 in 50 MB: fewer, larger objects) and "under-limit" (compact, 33 MB: just under
# the default max_response_bytes of 32 MiB, issue 9's measurement), each served by a local
# nginx. Clients, each in a fresh process per measurement: the Rust core (sessionlink-tools'
# mem-core, system allocator), Python sessionlink (JellyfinClient.get_sessions), aiohttp +
# msgspec typed Structs, aiohttp + json.loads. Peak = VmHWM of the process; growth = peak
# minus the RSS just before the call (interpreter, imports and client already there).
# Target (issues 10, 19): peak growth <= 3x the body. Figures are medians over REPEATS.
# With SUMMARY=path, the Python client's growth / body is also written there as JSON.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
REPEATS=${1:-3}
MB=${MB:-50}
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
source bench/common/nginx.sh
nginx_ensure_installed

if ! .venv-bench/bin/python -c 'import sessionlink, aiohttp, msgspec' 2>/dev/null; then
  timeout 5400 bash bench/python/setup.sh
fi
timeout 3600 cargo build --release --locked --quiet -p sessionlink-tools --bin mem-core
MEM_CORE="$TARGET_DIR/release/mem-core"

DATA="$TARGET_DIR/bench/memory"
mkdir -p "$DATA"
declare -A BODIES=([compact]="compact $MB" [fixture]="fixture $MB" [under-limit]="compact 33")
for name in compact fixture under-limit; do
  read -r shape mb <<< "${BODIES[$name]}"
  file="$DATA/sessions-$name-${mb}mb.json"
  if [ ! -s "$file" ] || [ ! -s "$file.meta" ]; then
    timeout 600 .venv-bench/bin/python bench/memory/gen_sessions.py --shape "$shape" --mb "$mb" "$file" > "$file.meta"
  fi
done

WORK=$(mktemp -d)
trap 'nginx_stop; rm -rf "$WORK"' EXIT
RESULTS="$WORK/results.jsonl"
clients=(rust-core sessionlink aiohttp+msgspec aiohttp+json.loads)
echo "peak RSS of one GET /Sessions per fresh process, $REPEATS repeats, medians; load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs"
for name in compact fixture under-limit; do
  read -r shape mb <<< "${BODIES[$name]}"
  file="$DATA/sessions-$name-${mb}mb.json"
  nginx_start "$WORK/nginx-$name" "$file"
  for r in $(seq "$REPEATS"); do
    # The order rotates per repeat.
    for i in "${!clients[@]}"; do
      client=${clients[$(( (i + r) % ${#clients[@]} ))]}
      if [ "$client" = rust-core ]; then
        cmd=("$MEM_CORE" "$NGINX_URL")
      else
        cmd=(.venv-bench/bin/python bench/memory/peak_rss.py "$client" "$NGINX_URL")
      fi
      if ! out=$(timeout 600 "${cmd[@]}" 2>"$WORK/err"); then
        out=$(.venv-bench/bin/python -c 'import json, sys; lines = open(sys.argv[1]).read().strip().splitlines() or ["failed"]; print(json.dumps({"error": lines[-1][:300]}))' "$WORK/err")
      fi
      printf '{"body": "%s", "client": "%s", "meta": %s, "m": %s}\n' "$name" "$client" "$(cat "$file.meta")" "$out" >> "$RESULTS"
    done
  done
  nginx_stop
  echo "  $name done"
done

.venv-bench/bin/python - "$RESULTS" <<'PY'
import json, os, statistics, sys
from collections import defaultdict

rows = [json.loads(line) for line in open(sys.argv[1])]
groups = defaultdict(list)
meta = {}
for r in rows:
    groups[(r["body"], r["client"])].append(r["m"])
    meta[r["body"]] = r["meta"]
MiB = 1024 * 1024
summary = {}
print(f"\n{'body':12} {'client':20} {'sessions':>9} {'before':>9} {'peak':>9} {'growth':>9} {'peak/body':>10} {'growth/body':>12}  target growth <= 3x")
for body in ("compact", "fixture", "under-limit"):
    if body not in meta:
        continue
    size = meta[body]["bytes"]
    print(f"{body} body: {size / 1e6:.1f} MB ({size / MiB:.1f} MiB), {meta[body]['sessions']:,} sessions")
    for client in ("rust-core", "sessionlink", "aiohttp+msgspec", "aiohttp+json.loads"):
        ms = groups.get((body, client), [])
        ok = [m for m in ms if "error" not in m]
        if not ok:
            err = ms[0].get("error", "not run") if ms else "not run"
            print(f"{'':12} {client:20} FAILED: {err}")
            continue
        med = lambda k: statistics.median(m[k] for m in ok)
        base, peak = med("baseline_kb") * 1024, med("peak_kb") * 1024
        growth = peak - base
        verdict = "met" if growth <= 3 * size else "MISSED"
        if client == "sessionlink":
            summary[body] = growth / size
        note = f"  ({ok[0]['note']})" if "note" in ok[0] else ""
        if "session_struct_bytes" in ok[0]:
            note += f"  (size_of SessionInfoDto {ok[0]['session_struct_bytes']:,} B, BaseItemDto {ok[0]['item_struct_bytes']:,} B)"
        note += f"  {growth / ok[0]['sessions'] / 1024:.1f} KiB/session"
        print(f"{'':12} {client:20} {ok[0]['sessions']:>9,} {base / MiB:>7.1f}Mi {peak / MiB:>7.1f}Mi {growth / MiB:>7.1f}Mi "
              f"{peak / size:>9.1f}x {growth / size:>11.1f}x  {verdict}{note}")
        for m in ms:
            if "error" in m:
                print(f"{'':33} one repeat failed: {m['error']}")
# bench/python/bench.py's table reads the Python client's growth / body per body.
if os.environ.get("SUMMARY"):
    open(os.environ["SUMMARY"], "w").write(json.dumps(summary))
PY
