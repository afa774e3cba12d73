#!/usr/bin/env bash
# Decode benchmark (a script, not a test): µs per decode of one GET /Sessions body by
# sessionlink's lossless models, a plain #[derive(Deserialize)] of the same typed fields,
# serde_json::Value, sonic-rs (plain derive and its Value; SIMD, for information), and, in the
# same run, msgspec typed Structs with the same fields (Python), plus json.loads. Every decoder
# reads each session's DeviceName and NowPlayingItem.Name.
#
#   bash bench/decode/run.sh [OUTER_ROUNDS=5] [INNER_ROUNDS=3]
#   BODY=path/to/body.json bash bench/decode/run.sh      # another body (default: the 35 KB fixture)
#   NATIVE=1 bash bench/decode/run.sh                    # also a -C target-cpu=native build
#
# Outer rounds alternate the Rust program (tools/src/bin/decode-bench.rs) and the Python one
# (bench/decode/msgspec_decode.py); each runs INNER rounds of ~200 ms per decoder, itself
# interleaved. Figures are medians over the outer rounds; ratios use those medians.
# Targets (issues 10, 19): sessionlink / plain derive <= 1.2; sessionlink / msgspec <= 1.0.
# With SUMMARY=path, the figures are also written there as JSON (bench/python/bench.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUTER=${1:-5}
INNER=${2:-3}
BODY=${BODY:-$ROOT/bench/data/sessions-8.json}
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

# msgspec at the version bench/python pins, in .venv-bench.
PYTHON="${PYTHON:-python3}"
[ -x .venv-bench/bin/python ] || timeout 300 "$PYTHON" -m venv .venv-bench
if ! .venv-bench/bin/python -c 'import msgspec' 2>/dev/null; then
  timeout 600 .venv-bench/bin/python -m pip install --quiet --disable-pip-version-check \
    "$(grep '^msgspec==' bench/python/requirements.txt)"
fi

timeout 3600 cargo build --release --locked --quiet -p sessionlink-tools --bin decode-bench --features sonic
builds=("portable:$TARGET_DIR/release/decode-bench")
if [ "${NATIVE:-0}" = 1 ]; then
  RUSTFLAGS="-C target-cpu=native" timeout 3600 cargo build --release --locked --quiet \
    --target-dir "$TARGET_DIR/native" -p sessionlink-tools --bin decode-bench --features sonic
  builds+=("native:$TARGET_DIR/native/release/decode-bench")
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "body: $BODY ($(stat -L -c %s "$BODY") bytes); $OUTER outer rounds x $INNER inner rounds of ~200 ms per decoder; load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs"
for round in $(seq "$OUTER"); do
  for b in "${builds[@]}"; do
    name=${b%%:*}; bin=${b#*:}
    timeout 600 "$bin" "$BODY" "$INNER" | tail -n 1 >> "$WORK/rust-$name.jsonl"
  done
  timeout 600 .venv-bench/bin/python bench/decode/msgspec_decode.py "$BODY" "$INNER" | tail -n 1 >> "$WORK/msgspec.jsonl"
  echo "round $round/$OUTER done"
done

.venv-bench/bin/python - "$WORK" "${builds[@]}" <<'PY'
import json, os, statistics, sys
from pathlib import Path

work = Path(sys.argv[1])
def medians(path):
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return {k: statistics.median(r[k] for r in rows) for k in rows[0]}

py = medians(work / "msgspec.jsonl")
labels = {
    "sessionlink_us": "sessionlink lossless (serde_json)",
    "plain_us": "plain derive, same fields (serde_json)",
    "value_us": "serde_json::Value",
    "sonic_plain_us": "sonic-rs, plain derive",
    "sonic_value_us": "sonic-rs Value",
}
for build in sys.argv[2:]:
    name = build.split(":", 1)[0]
    rs = medians(work / f"rust-{name}.jsonl")
    print(f"\nµs per decode, medians ({name} build{', -C target-cpu=native' if name == 'native' else ''}; Rust with mimalloc, as the Python extension):")
    for key, label in labels.items():
        if key in rs:
            print(f"  {label:42} {rs[key]:9.1f} µs  {rs[key] / rs['plain_us']:5.2f}x plain")
    print(f"  {'msgspec typed Structs, same fields (Python)':42} {py['msgspec_us']:9.1f} µs  {py['msgspec_us'] / rs['plain_us']:5.2f}x plain")
    print(f"  {'json.loads, dicts (Python)':42} {py['json_loads_us']:9.1f} µs  {py['json_loads_us'] / rs['plain_us']:5.2f}x plain")

    def verdict(value, ok):
        return "met" if ok else "MISSED"
    r1 = rs["sessionlink_us"] / rs["plain_us"]
    r2 = rs["sessionlink_us"] / py["msgspec_us"]
    print("\n  ratios (time per decode; lower is faster):")
    print(f"    sessionlink / plain derive     {r1:5.2f}x   target <= 1.2   {verdict(r1, r1 <= 1.2)}")
    print(f"    sessionlink / msgspec          {r2:5.2f}x   target <  1.0   {verdict(r2, r2 < 1.0)}")
    print(f"    Value / plain derive           {rs['value_us'] / rs['plain_us']:5.2f}x   (information)")
    if "sonic_plain_us" in rs:
        print(f"    sonic-rs / serde_json, plain   {rs['sonic_plain_us'] / rs['plain_us']:5.2f}x   (information: below 1, a SIMD parser would pay for typed decoding)")
    print(f"    plain derive / msgspec         {rs['plain_us'] / py['msgspec_us']:5.2f}x   (information)")
    # bench/python/bench.py's table reads the portable build's figures.
    if name == "portable" and os.environ.get("SUMMARY"):
        Path(os.environ["SUMMARY"]).write_text(json.dumps({**rs, **py, "sessionlink_over_msgspec": r2, "sessionlink_over_plain": r1}))
PY
