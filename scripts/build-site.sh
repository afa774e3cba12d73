#!/usr/bin/env bash
# Builds the documentation site into target/site/html: the guide (docs/*.md), the API
# reference of Python (from the package's stubs), C (from include/sessionlink.h) and Rust
# (rustdoc), and the project's READMEs. Warnings are errors: a broken link or anchor, a page
# missing from the navigation, a C comment naming a function that does not exist, or a rustdoc
# warning fails the build.
#
#   bash scripts/build-site.sh            # then open target/site/html/index.html
#   bash scripts/build-site.sh --serve    # and serve it on http://127.0.0.1:8000 (search works)
#
# The tools (docs/site/requirements.txt) go into .venv-site. tests/site/run.sh builds the site
# with this script and checks it in a headless browser.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

if [ ! -x .venv-site/bin/python ]; then
  echo "site: creating .venv-site with $("$PY" --version)"
  "$PY" -m venv .venv-site
fi
echo "site: installing the site's tools (docs/site/requirements.txt)"
.venv-site/bin/python -m pip install --quiet --disable-pip-version-check --progress-bar off -r docs/site/requirements.txt

echo "site: rustdoc of the sessionlink crate (warnings are errors)"
DOC="${CARGO_TARGET_DIR:-target}/doc"
# Only this crate's pages, even if `cargo doc` documented others here before.
rm -rf "$DOC"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps -q -p sessionlink

echo "site: assembling the pages (tools/site/stage.py)"
.venv-site/bin/python tools/site/stage.py target/site/src --rustdoc "$DOC"

echo "site: mkdocs build --strict (docs/site/mkdocs.yml)"
# NO_MKDOCS_2_WARNING: the theme's notice about its successor, printed on every build.
(cd docs/site && NO_MKDOCS_2_WARNING=1 ../../.venv-site/bin/mkdocs build --strict --quiet)
echo "site: built target/site/html ($(find target/site/html -name '*.html' -not -path '*/rust/*' | wc -l) pages and the rustdoc)"

if [ "${1:-}" = "--serve" ]; then
  echo "site: serving http://127.0.0.1:8000/ (Ctrl-C stops)"
  exec "$PY" -m http.server 8000 --bind 127.0.0.1 --directory target/site/html
fi
