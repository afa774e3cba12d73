#!/usr/bin/env bash
# The long socket soak (a benchmark, not in the test command; bench/soak/socket_soak.py): a
# controllable session in Rust, Python and C each keeps its socket open against the emulator
# binary while drops, restarts, stalls, revoked and restored tokens and garbage frames hit
# them, and commands are sent throughout. Prints commands sent while connected vs received,
# reconnect times, and each client's RSS and open fds over time.
#
#   bash bench/soak/socket-soak.sh [--minutes 30] [--command-every 0.5] [--fault-every 20] [--interval 30]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$ROOT/target/soak"
mkdir -p "$OUT"
timeout 3600 bash scripts/setup-python.sh >/dev/null
timeout 3600 cargo build --release --locked --quiet -p sessionlink-emulator --bin sessionlink-emulator
timeout 3600 cargo build --release --locked --quiet -p sessionlink-tools --bin soak-socket
timeout 3600 cargo build --release --locked --quiet -p sessionlink-c
cc -std=c11 -O2 -Wall -Wextra -Werror -Iinclude bench/soak/socket_client.c "$TARGET_DIR/release/libsessionlink.a" \
  -lpthread -ldl -lm -o "$OUT/socket_client"
# Bounded: the run's own length plus ten minutes.
minutes=30
args=("$@")
for i in "${!args[@]}"; do [ "${args[$i]}" = --minutes ] && minutes=${args[$((i + 1))]}; done
limit=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 + 600 }')
PYTHONPATH=bench/soak exec timeout "$limit" .venv/bin/python bench/soak/socket_soak.py \
  --emulator "$TARGET_DIR/release/sessionlink-emulator" --rust "$TARGET_DIR/release/soak-socket" \
  --c "$OUT/socket_client" --report "$OUT/socket-soak.json" "$@"
