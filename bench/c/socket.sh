#!/usr/bin/env bash
# Session-socket figures of the C library (a benchmark, not a test): command latency (POST to
# on_message) and resident memory per open socket, against the emulator, release build.
#   bash bench/c/socket.sh [COMMANDS] [SOCKETS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# The same build command as scripts/install-c.sh and tests/c/run.sh (nothing rebuilt).
timeout 3600 cargo rustc --locked --release -q -p sessionlink-c --lib -- --print native-static-libs >/dev/null 2>&1
timeout 1800 cargo build --locked --release -q -p sessionlink-emulator --bin sessionlink-emulator
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
timeout 300 cc -std=c11 -O2 -Iinclude bench/c/socket.c -o "$WORK/socket" "$TARGET/libsessionlink.a" -lpthread -ldl -lm
coproc EMU { exec "$TARGET/sessionlink-emulator"; }
read -r -t 30 url <&"${EMU[0]}"
timeout 600 "$WORK/socket" "$url" "${1:-500}" "${2:-50}"
exec {EMU[1]}>&-
wait "$EMU_PID" || true
