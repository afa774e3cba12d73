#!/usr/bin/env bash
# Creates .venv at the repository root, installs the Python test tools, and builds and
# installs the sessionlink package into it (editable: the Python sources are used in place,
# the extension module is rebuilt by each run). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup-python: creating .venv with $("$PYTHON" --version)"
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
# The kernel the notebook tests run on: this venv's interpreter, whatever else is installed.
.venv/bin/python -m ipykernel install --sys-prefix --name sessionlink-venv --display-name "sessionlink (.venv)" >/dev/null
# --locked: CI builds exactly Cargo.lock, as `cargo test --locked` does.
.venv/bin/maturin develop --quiet --locked
.venv/bin/python -c "import sessionlink, sys; print('setup-python: sessionlink', sessionlink.__version__, 'on Python', sys.version.split()[0])"
