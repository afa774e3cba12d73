#!/usr/bin/env bash
# Conformance, derived from the exchange logs the test suites wrote: every request the SDK
# sent and every response the emulator gave, in every language's suite, is validated against
# contracts/ by third-party validators, and coverage is computed per language
# (validate.py); then every response schema the SDK decodes is fuzzed from the contract
# through the Rust core (roundtrip.py). Everything runs on 127.0.0.1, under timeouts.
#
#   bash tests/conformance/run.sh LOG_DIR...
#
# One directory per language, named after it (scripts/test.sh passes
# target/exchange-log/{rust,python,c}, where each suite's emulators wrote their exchanges).
# A missing or empty directory fails the run.
set -euo pipefail
if [ $# -eq 0 ]; then
  echo "usage: tests/conformance/run.sh LOG_DIR... (scripts/test.sh runs the suites that write them, then this)" >&2
  exit 2
fi
LOGS=()
for dir in "$@"; do
  dir=$(realpath -m "$dir")
  LOGS+=(--log "$(basename "$dir")=$dir")
done
cd "$(dirname "$0")/../.."
HERE=tests/conformance
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}

VENV=.venv
[ -x "$VENV/bin/python" ] || timeout 300 python3 -m venv "$VENV"
PY="$VENV/bin/python"
timeout 600 "$PY" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"
timeout 1800 cargo build --locked -q -p sessionlink-tools --bin roundtrip

echo "== conformance: mypy --strict on the suite's own code"
timeout 600 "$PY" -m mypy "$HERE"

echo "== conformance: self-test (the checks reject known-bad exchanges)"
timeout 120 "$PY" "$HERE/selftest.py"

echo "== conformance: validating every logged request and response, coverage per language"
timeout 900 "$PY" "$HERE/validate.py" "${LOGS[@]}"

echo "== conformance: decoding contract-generated responses through the Rust core"
timeout 600 "$PY" "$HERE/roundtrip.py" "$TARGET_DIR/debug/roundtrip"
