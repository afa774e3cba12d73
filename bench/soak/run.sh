#!/usr/bin/env bash
# Soak / load script (a benchmark, not a test; issue 9): 64 asyncio tasks and 16 threads of
# Python sessionlink against the emulator binary in a separate process, for a few minutes,
# GETs and POSTs mixed, faults injected; prints throughput, errors by kind, RSS and open fds
# every 10 s and a final verdict that RSS and fds stayed flat (bench/soak/soak.py).
#
#   bash bench/soak/run.sh [--minutes 3] [--tasks 64] [--threads 16] [--interval 10] [--fault-every 1]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
if ! .venv-bench/bin/python -c 'import sessionlink' 2>/dev/null; then
  timeout 5400 bash bench/python/setup.sh
fi
timeout 3600 cargo build --release --locked --quiet -p sessionlink-emulator --bin sessionlink-emulator
# Bounded: the run's own length plus ten minutes.
minutes=3
args=("$@")
for i in "${!args[@]}"; do [ "${args[$i]}" = --minutes ] && minutes=${args[$((i + 1))]}; done
limit=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 + 600 }')
exec timeout "$limit" .venv-bench/bin/python bench/soak/soak.py --emulator "$TARGET_DIR/release/sessionlink-emulator" "$@"
