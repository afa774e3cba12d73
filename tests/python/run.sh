#!/usr/bin/env bash
# The Python suite: generated stubs up to date, stub check, strict typing of the examples, pytest (every test with a
# timeout, so nothing can hang), including the notebook and the demo. Exits non-zero on
# any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The emulator is on 127.0.0.1: a proxy of the environment must not carry its traffic
# (sessionlink, like curl, proxies loopback too unless NO_PROXY says otherwise).
unset HTTP_PROXY http_proxy HTTPS_PROXY https_proxy ALL_PROXY all_proxy NO_PROXY no_proxy

# Idempotent: creates .venv if missing and always rebuilds the extension, so the tests
# never run against a stale build.
timeout 3600 bash scripts/setup-python.sh
PY=.venv/bin/python

echo "-- stubs up to date (bindings-python/gen_stubs.py --check)"
"$PY" bindings-python/gen_stubs.py --check
echo "-- stubtest"
timeout 600 "$PY" -m mypy.stubtest sessionlink
echo "-- mypy --strict examples/python and the package's Python sources"
timeout 600 "$PY" -m mypy --strict examples/python bindings-python/python/sessionlink
echo "-- pytest"
timeout 900 "$PY" -m pytest tests/python -q -p no:cacheprovider --timeout 60 "$@"
