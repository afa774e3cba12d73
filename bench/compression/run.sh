#!/usr/bin/env bash
# Compression benchmark (a script, not a test): the 35 KB fixture session list's bytes on the
# wire plain, gzip and Brotli (at the server's default level, as Jellyfin and the emulator
# compress), the decode cost of each against the JSON decode, and sequential get_sessions
# calls/s against a local server (127.0.0.1) in each form, rounds interleaved and rotated,
# medians, ratios to the plain body in the same run.
#
#   bash bench/compression/run.sh [ROUNDS=5] [SECONDS=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-5}
SECONDS_PER_ROUND=${2:-1}
timeout 3600 cargo build --release --locked --quiet -p sessionlink-tools --bin compression-bench
timeout 600 "${CARGO_TARGET_DIR:-target}/release/compression-bench" bench/data/sessions-8.json "$ROUNDS" "$SECONDS_PER_ROUND"
