#!/usr/bin/env bash
# Prepares bench/python/bench.py (idempotent; every step bounded by `timeout`):
#   bash bench/python/setup.sh
# - nginx (the local server), wrk (the server's limit) and libcurl's headers (the C loop)
#   from Debian when missing;
# - .venv-bench with the pinned peers (requirements.txt) and a release wheel of sessionlink
#   installed as `pip install` would (not editable);
# - release builds of the Rust core's side (sessionlink-tools' bench-core) and of the libcurl
#   loop (bench/curl/curl_loop.c -> target/bench/curl-loop).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
[ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ] || need+=(libcurl4-openssl-dev)
command -v cc >/dev/null || need+=(gcc libc6-dev)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  timeout 600 $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 900 $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv-bench/bin/python ] || timeout 300 "$PYTHON" -m venv .venv-bench
timeout 900 .venv-bench/bin/python -m pip install --quiet --disable-pip-version-check -r bench/python/requirements.txt
# A release wheel installed like `pip install` does (not editable: the test venv's
# development build lives in the source tree).
rm -rf "$TARGET_DIR/wheels-bench"
timeout 3600 .venv-bench/bin/maturin build --release --quiet --locked \
  -i .venv-bench/bin/python -o "$TARGET_DIR/wheels-bench"
timeout 900 .venv-bench/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$TARGET_DIR"/wheels-bench/*.whl
timeout 3600 cargo build --release --locked --quiet -p sessionlink-tools --bin bench-core
mkdir -p "$TARGET_DIR/bench"
timeout 300 cc -std=c11 -O2 bench/curl/curl_loop.c -o "$TARGET_DIR/bench/curl-loop" -lcurl
