#!/usr/bin/env bash
# Runs the demo scenario (`python -m sessionlink demo`) against the embedded emulator, after
# building the package into .venv: nothing else needs to be installed or running.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python.sh >/dev/null
exec .venv/bin/python -m sessionlink demo
