#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/release.yml): syntax, expressions,
# runner labels, action inputs, permissions, pinning, and shellcheck on every `run:` script.
# Any finding, of any level, fails (--strict-exit). The linters come from PyPI
# (tests/release/requirements.txt) into .venv-lint.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-python3}
if [ ! -x .venv-lint/bin/python ]; then
  "$PY" -m venv .venv-lint
fi
timeout 600 .venv-lint/bin/python -m pip install --quiet --disable-pip-version-check --progress-bar off \
  -r tests/release/requirements.txt
# shellcheck is found on PATH; without it the scripts would go unchecked, so make sure.
PATH="$PWD/.venv-lint/bin:$PATH"
command -v shellcheck >/dev/null || { echo "release: shellcheck is missing" >&2; exit 1; }
timeout 300 jactionlint --strict-exit --no-online --color=never
echo "release: $(ls .github/workflows | wc -l) workflow(s) linted, no finding"
