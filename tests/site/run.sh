#!/usr/bin/env bash
# The documentation site: built with warnings as errors (scripts/build-site.sh), then checked
# in a real headless browser (tests/site/check.mjs: Debian's chromium, installed by
# scripts/setup-system.sh, driven by playwright-core from npm; no browser is downloaded):
# every page loads without console errors, and the search finds operations by name.
set -euo pipefail
cd "$(dirname "$0")/../.."
timeout 1800 bash scripts/build-site.sh
echo "site: installing playwright-core (tests/site/package-lock.json)"
(cd tests/site && timeout 600 npm ci --no-audit --no-fund --loglevel=error)
echo "site: the browser check"
timeout 900 node tests/site/check.mjs target/site/html
