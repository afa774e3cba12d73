#!/usr/bin/env bash
# Runs the demo scenario (`python -m sessionlink demo`) against the embedded emulator, after
# building the package into .venv: nothing else needs to be installed or running.
#
# It says what it is doing while it sets up (a line per step); on a terminal the build shows
# its own progress, and piped the output is plain lines (no progress bar, no colour), the
# set-up's lines first, then the demo's. tests/demo/run.sh checks the piped form.
set -euo pipefail
cd "$(dirname "$0")/.."
# The emulator is on 127.0.0.1: a proxy of the environment must not carry its traffic
# (sessionlink, like curl, proxies loopback too unless NO_PROXY says otherwise).
unset HTTP_PROXY http_proxy HTTPS_PROXY https_proxy ALL_PROXY all_proxy NO_PROXY no_proxy
echo "demo: setting up .venv and building sessionlink (scripts/setup-python.sh)"
bash scripts/setup-python.sh
echo "demo: running the demo against the embedded emulator"
exec .venv/bin/python -m sessionlink demo
