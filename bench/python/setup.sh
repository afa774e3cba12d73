#!/usr/bin/env bash
# Prepares the benchmark: nginx from Debian (the local server), and .venv-bench with the
# peers and a release build of sessionlink, and the Rust core's side (sessionlink-tools'
# bench-core). Idempotent; every step is bounded by `timeout`.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  timeout 600 $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 900 $SUDO apt-get install -y -qq --no-install-recommends nginx-light >/dev/null \
    || DEBIAN_FRONTEND=noninteractive timeout 900 $SUDO apt-get install -y -qq --no-install-recommends nginx >/dev/null
fi
PYTHON="${PYTHON:-python3}"
[ -x .venv-bench/bin/python ] || timeout 300 "$PYTHON" -m venv .venv-bench
timeout 900 .venv-bench/bin/python -m pip install --quiet --disable-pip-version-check -r bench/python/requirements.txt
# A release wheel installed like `pip install` does (not editable: the test venv's
# development build lives in the source tree).
rm -rf target/wheels-bench
timeout 3600 .venv-bench/bin/maturin build --release --quiet --locked -i .venv-bench/bin/python -o target/wheels-bench
timeout 900 .venv-bench/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels-bench/*.whl
timeout 3600 cargo build --release --locked --quiet -p sessionlink-tools --bin bench-core
