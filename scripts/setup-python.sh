#!/usr/bin/env bash
# Creates .venv at the repository root, installs the Python test tools, and builds and
# installs the sessionlink package into it (editable: the Python sources are used in place,
# the extension module is rebuilt by each run). Idempotent.
#
# Says what it does, a line per step. On a terminal the build shows its own progress (cargo's
# progress bar); otherwise (piped, in CI) the build's output goes to target/setup-python.log
# and is printed only if the build fails, so the output stays a few plain lines.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { echo "setup-python: $*"; }

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  step "creating .venv with $("$PYTHON" --version)"
  "$PYTHON" -m venv .venv
fi
step "installing the Python tools of requirements-dev.txt into .venv"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --progress-bar off -r requirements-dev.txt
# The kernel the notebook tests run on: this venv's interpreter, whatever else is installed.
.venv/bin/python -m ipykernel install --sys-prefix --name sessionlink-venv --display-name "sessionlink (.venv)" >/dev/null

# Compiled before when cargo has a fingerprint of the extension crate.
if ls "${CARGO_TARGET_DIR:-target}"/debug/.fingerprint/sessionlink-python-* >/dev/null 2>&1; then
  step "building the extension with maturin (seconds when nothing changed)"
else
  step "building the extension with maturin (about 4 minutes on a fresh machine: it compiles about 150 crates)"
fi
# --locked: CI builds exactly Cargo.lock, as `cargo test --locked` does.
if [ -t 1 ]; then
  .venv/bin/maturin develop --locked
else
  mkdir -p target
  log=target/setup-python.log
  if ! CARGO_TERM_PROGRESS_WHEN=never CARGO_TERM_COLOR=never .venv/bin/maturin develop --locked >"$log" 2>&1; then
    cat "$log" >&2
    step "the build failed (its output is above and in $log)" >&2
    exit 1
  fi
fi
.venv/bin/python -c "import sessionlink, sys; print('setup-python: sessionlink', sessionlink.__version__, 'on Python', sys.version.split()[0])"
