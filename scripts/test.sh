#!/usr/bin/env bash
# Runs every test suite of the repository, doing all set-up first. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh

echo "== Rust: core (unit, integration, doc tests) and the C binding crate"
cargo test --locked -p sessionlink --features emulator
cargo test --locked -p sessionlink-c

for suite in tests/python/run.sh tests/c/run.sh tests/conformance/run.sh; do
  if [ -f "$suite" ]; then
    echo "== $suite"
    bash "$suite"
  fi
done
echo "== all suites passed"
