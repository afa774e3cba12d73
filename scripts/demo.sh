#!/usr/bin/env bash
# Runs the demo scenario against the embedded emulator: nothing else needs to be running.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --locked --quiet -p sessionlink --features emulator --example demo
