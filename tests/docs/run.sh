#!/usr/bin/env bash
# Runs every code example of README.md and docs/*.md, so the guide cannot rot (the
# convention is in docs/README.md, "How the examples are tested"):
# - Rust blocks: doc tests of the core crate (core/src/lib.rs includes each page), run
#   against the embedded emulator or compiled only (`no_run`, real-server examples).
#   `--no-rust` leaves them out when the Rust suite has just run them (`cargo test` runs the
#   doc tests too), as scripts/test.sh does.
# - Python, notebook, C, C++, console and sh blocks: tests/docs/check.py.
# Fails on any failing block, naming its page and line.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUST=1
if [ "${1:-}" = "--no-rust" ]; then
  RUST=0
  shift
fi

# What the Python and C suites build (no-ops after them): the package in .venv, the static
# C library and the emulator binary.
[ -x .venv/bin/python ] || timeout 3600 bash scripts/setup-python.sh
timeout 1800 cargo build --locked -q -p sessionlink-c
timeout 1800 cargo build --locked -q -p sessionlink-emulator --bin sessionlink-emulator

# The docs' emulators write no exchange log: their requests are examples, not a suite's.
unset SESSIONLINK_EXCHANGE_LOG

if [ "$RUST" = 1 ]; then
  echo "-- docs: Rust blocks (doc tests of core/src/lib.rs doc_pages)"
  log=target/docs-rust.log
  mkdir -p target
  # rustdoc names each block by lib.rs's line: rustlines.py names the page and its line.
  if ! timeout 1800 cargo test --locked -p sessionlink --doc doc_pages > "$log" 2>&1; then
    .venv/bin/python tests/docs/rustlines.py < "$log"
    echo "docs: a Rust block failed (above)"
    exit 1
  fi
  grep -E "^test |^test result" "$log" | .venv/bin/python tests/docs/rustlines.py
fi
echo "-- docs: every other block"
timeout 1800 .venv/bin/python tests/docs/check.py "$@"
