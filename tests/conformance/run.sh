#!/usr/bin/env bash
# Conformance: every request the SDK sends (Rust core, Python, C) and every response the
# emulator gives are checked against ../shared/specs by third-party validators, and every
# response schema the SDK decodes is fuzzed from the contract through the Rust core.
# Everything runs on 127.0.0.1, under timeouts, and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=tests/conformance

VENV=.venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"
timeout 600 "$PY" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"

TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
timeout 1200 cargo build --locked -q -p sessionlink --example conformance_capture --example roundtrip

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== conformance: self-test (the checks reject known-bad exchanges)"
timeout 120 "$PY" "$HERE/selftest.py"

echo "== conformance: capturing every operation through the Rust core"
timeout 180 "$TARGET_DIR/debug/examples/conformance_capture" "$WORK/rust.json"
CAPTURES=(--capture "rust=$WORK/rust.json")
REQUIRE=rust
SKIPPED=()

echo "== conformance: capturing every operation through Python"
if timeout 60 "$PY" -c "import sessionlink.testing" 2>/dev/null; then
  timeout 180 "$PY" "$HERE/capture_python.py" "$WORK/python.json"
  CAPTURES+=(--capture "python=$WORK/python.json")
  REQUIRE+=,python
else
  SKIPPED+=(--skipped "python=the sessionlink package is not importable from $VENV (scripts/test.sh builds it before this suite)")
fi

echo "== conformance: capturing every operation through the C library"
timeout 1200 cargo build --locked -q -p sessionlink-c
timeout 1200 cargo build --locked -q -p sessionlink-emulator --bin sessionlink-emulator
cc -std=c11 -Wall -Wextra -Werror -pedantic -g -Iinclude "$HERE/capture_c.c" -o "$WORK/capture_c" \
  "$TARGET_DIR/debug/libsessionlink.a" -lpthread -ldl -lm
timeout 180 "$PY" "$HERE/capture_c.py" "$TARGET_DIR/debug/sessionlink-emulator" "$WORK/capture_c" "$WORK/c.json"
CAPTURES+=(--capture "c=$WORK/c.json")
REQUIRE+=,c

echo "== conformance: validating requests and responses"
# scripts/test.sh points every emulator of the earlier suites at one log directory.
RESPONSES=()
if [ -n "${SESSIONLINK_EXCHANGE_LOG:-}" ] && [ -d "$SESSIONLINK_EXCHANGE_LOG" ]; then
  RESPONSES+=(--responses "suites=$SESSIONLINK_EXCHANGE_LOG")
fi
timeout 600 "$PY" "$HERE/validate.py" "${CAPTURES[@]}" --require "$REQUIRE" ${SKIPPED[@]+"${SKIPPED[@]}"} \
  ${RESPONSES[@]+"${RESPONSES[@]}"}

echo "== conformance: decoding contract-generated responses through the Rust core"
timeout 600 "$PY" "$HERE/roundtrip.py" "$TARGET_DIR/debug/examples/roundtrip"
