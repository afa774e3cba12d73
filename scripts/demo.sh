#!/usr/bin/env bash
# Runs the demo scenario (`python -m sessionlink demo`) against the embedded emulator, after
# building the package into .venv: nothing else needs to be installed or running.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
# The build's chatter is kept out of the demo's output, and shown only if the build fails.
if ! bash scripts/setup-python.sh > target/demo-setup.log 2>&1; then
  cat target/demo-setup.log >&2
  exit 1
fi
exec .venv/bin/python -m sessionlink demo
