#!/usr/bin/env bash
# The first run a newcomer makes, `bash scripts/demo.sh`, piped: plain step lines, then the
# demo (tests/demo/check_piped.py). On a terminal the same script shows the build's progress.
set -euo pipefail
cd "$(dirname "$0")/../.."
timeout 3600 python3 tests/demo/check_piped.py
