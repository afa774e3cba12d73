#!/usr/bin/env bash
# Runs every test suite of the repository, doing all set-up first. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh

# Every emulator the suites start writes its exchanges here when it stops; the conformance
# suite, last, holds all of their responses to the contracts.
export SESSIONLINK_EXCHANGE_LOG="$PWD/target/exchange-log"
rm -rf "$SESSIONLINK_EXCHANGE_LOG"

echo "== Rust: the emulator, core (unit, integration, doc tests) and the C binding crate"
cargo test --locked -p sessionlink-emulator
cargo test --locked -p sessionlink
cargo test --locked -p sessionlink-c

for suite in tests/python/run.sh tests/c/run.sh tests/conformance/run.sh; do
  if [ -f "$suite" ]; then
    echo "== $suite"
    bash "$suite"
  fi
done
echo "== all suites passed"
