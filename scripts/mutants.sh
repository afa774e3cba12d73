#!/usr/bin/env bash
# Mutation testing (slow; a habit, not part of the test command). cargo-mutants plants small
# bugs in core (and, with --emulator, the emulator) one at a time and runs the Rust suite
# against each; a mutant no test notices is a test gap. Survivors are then held to the
# conformance suite too (the Rust suite's exchanges validated against the contracts), and
# what still survives is either killed by a new test or listed in tests/mutants-equivalent.txt
# with the reason it cannot be observed.
#   bash scripts/mutants.sh [--emulator] [-- extra cargo-mutants arguments, e.g. --file core/src/transport/url.rs]
# Prints the score (caught / viable) and every survivor; output in target/mutants/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VERSION=27.1.0
TOOLS=$ROOT/.tools
if ! "$TOOLS/bin/cargo-mutants" mutants --version 2>/dev/null | grep -qx "cargo-mutants $VERSION"; then
  CARGO_TARGET_DIR="$ROOT/target/tools-build" timeout 1800 \
    cargo install cargo-mutants --version "=$VERSION" --locked --root "$TOOLS" --quiet
fi
PACKAGES=(--package sessionlink)
if [ "${1:-}" = "--emulator" ]; then
  PACKAGES+=(--package sessionlink-emulator)
  shift
fi
[ "${1:-}" = "--" ] && shift
OUT=$ROOT/target/mutants
mkdir -p "$OUT"

# `mutants` profile: no debug info, so the ~20 test binaries each mutant relinks link fast.
set +e
# nextest (on the machine with the Rust toolchain) runs the ~20 test binaries in parallel.
TEST_TOOL=()
if cargo nextest --version >/dev/null 2>&1; then
  TEST_TOOL=(--test-tool nextest)
fi
timeout 86400 "$TOOLS/bin/cargo-mutants" mutants "${PACKAGES[@]}" --profile mutants --output "$OUT" \
  --timeout 300 --build-timeout 600 --no-shuffle ${TEST_TOOL[@]+"${TEST_TOOL[@]}"} "$@"
status=$?
set -e
# 0: all caught; 2: some missed; 3: some timed out (counted as caught: the suite noticed).
case $status in 0|2|3) ;; *) echo "mutants: cargo-mutants failed ($status)" >&2; exit "$status" ;; esac

RESULTS=$OUT/mutants.out
missed=$RESULTS/missed.txt
: > "$OUT/conformance-caught.txt"
if [ -s "$missed" ]; then
  echo "== mutants: holding $(wc -l < "$missed") survivors to the conformance suite"
  [ -x .venv/bin/python ] || bash scripts/setup-python.sh
  .venv/bin/python -m pip install -q --disable-pip-version-check -r tests/conformance/requirements.txt
  missed_diffs=$(.venv/bin/python -c '
import json, sys
for o in json.load(open(sys.argv[1]))["outcomes"]:
    if o["summary"] == "MissedMutant" and o.get("diff_path"):
        print(o["diff_path"])' "$RESULTS/outcomes.json")
  for rel in $missed_diffs; do
    diff=$RESULTS/$rel
    [ -f "$diff" ] || diff=$OUT/$rel
    name=$(basename "$diff")
    git apply "$diff" 2>/dev/null || continue
    logs=$(mktemp -d)
    caught=no
    if ! SESSIONLINK_EXCHANGE_LOG="$logs/rust" timeout 900 cargo test --locked -q --profile mutants -p sessionlink \
        >/dev/null 2>&1; then
      caught=yes
    elif ! timeout 900 .venv/bin/python tests/conformance/validate.py --no-coverage --log "rust=$logs/rust" >/dev/null 2>&1; then
      caught=yes
    fi
    git apply -R "$diff"
    rm -rf "$logs"
    [ $caught = yes ] && echo "$name" >> "$OUT/conformance-caught.txt"
  done
fi

.venv/bin/python - "$RESULTS/outcomes.json" "$OUT/conformance-caught.txt" tests/mutants-equivalent.txt <<'PY'
import json, sys
outcomes = json.load(open(sys.argv[1]))["outcomes"]
conformance = set(open(sys.argv[2]).read().split())
equivalent = {}
for line in open(sys.argv[3]):
    line = line.rstrip("\n")
    if line and not line.startswith("#"):
        name, _, reason = line.partition("  # ")
        equivalent[name.strip()] = reason.strip()
counts = {"caught": 0, "missed": 0, "timeout": 0, "unviable": 0}
survivors = []
for o in outcomes:
    scenario = o["scenario"]
    if scenario == "Baseline":
        continue
    name = scenario["Mutant"]["name"] if isinstance(scenario, dict) else str(scenario)
    summary = o["summary"]
    if summary == "CaughtMutant":
        counts["caught"] += 1
    elif summary == "Timeout":
        counts["timeout"] += 1
    elif summary == "Unviable":
        counts["unviable"] += 1
    elif summary == "MissedMutant":
        diff = str(o.get("diff_path", "")).rsplit("/", 1)[-1]
        if diff in conformance:
            counts["caught"] += 1
        else:
            counts["missed"] += 1
            survivors.append(name)
viable = counts["caught"] + counts["timeout"] + counts["missed"]
unexplained = [s for s in survivors if s not in equivalent]
score = 100.0 * (viable - counts["missed"]) / viable if viable else 100.0
print(f"mutants: {viable} viable ({counts['unviable']} unviable), caught {counts['caught']} "
      f"(+{counts['timeout']} timeouts), missed {counts['missed']}: score {score:.1f}%")
for s in survivors:
    print(f"  survivor: {s}" + (f"  # equivalent: {equivalent[s]}" if s in equivalent else "  # NOT EXPLAINED"))
sys.exit(1 if unexplained else 0)
PY
