#!/usr/bin/env bash
# Runs every test suite of the repository, doing all set-up first. CI runs exactly this.
# Every suite is required: a missing suite script or tool fails the run, nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

timeout 1800 bash scripts/setup-system.sh

# Each language's suite gets its own exchange-log directory: every emulator the suite starts
# writes its recorded exchanges there as it stops. The conformance suite, last, validates
# all of them against contracts/ and derives each language's coverage from them.
LOG_ROOT="$PWD/target/exchange-log"
rm -rf "$LOG_ROOT"
unset SESSIONLINK_EXCHANGE_LOG

LOGS=()

# The suites talk to emulators on 127.0.0.1: a proxy of the machine's environment must not
# carry them (sessionlink, like curl, proxies loopback too unless NO_PROXY says otherwise).
# The proxy tests set these variables themselves.
unset HTTP_PROXY http_proxy HTTPS_PROXY https_proxy ALL_PROXY all_proxy NO_PROXY no_proxy

# suite LANGUAGE COMMAND...: one language's suite, logging to $LOG_ROOT/LANGUAGE.
suite() {
  local language=$1
  shift
  echo "== $language suite: $*"
  SESSIONLINK_EXCHANGE_LOG="$LOG_ROOT/$language" timeout 5400 "$@"
  LOGS+=("$LOG_ROOT/$language")
}

echo "== module cycles: no two modules of core or a binding name each other in a circle"
timeout 1200 cargo test --locked -p sessionlink-tools --bin module-cycles
echo "== generated bindings up to date with core's operations (tools/gen --check), and their parity"
timeout 1800 cargo run --locked -q -p sessionlink-gen -- --check
timeout 1800 cargo test --locked -q -p sessionlink-gen
suite rust cargo test --locked -p sessionlink -p sessionlink-emulator   # core and the emulator: unit, integration, doc tests
echo "== Rust examples, run against the embedded emulator"
for example in demo controllable_player watch_sessions; do
  SESSIONLINK_EXCHANGE_LOG="$LOG_ROOT/rust" timeout 600 cargo run --locked -q -p sessionlink --example "$example" >/dev/null
done
echo "== Rust: the C binding crate"
timeout 3600 cargo test --locked -p sessionlink-c
suite python bash tests/python/run.sh
echo "== the demo script piped, as a newcomer's first run: step lines, then the demo"
timeout 3600 bash tests/demo/run.sh
suite c bash tests/c/run.sh
echo "== the C++ API: header and tests with g++ and clang++, ASan/UBSan, valgrind; examples via find_package"
timeout 2400 bash tests/cpp/run.sh
# After the Python and C suites, which build what it needs (.venv, libsessionlink.a, the
# emulator binary). The Rust blocks are doc tests of core, which the Rust suite ran.
echo "== the examples of README.md and docs/, run and compiled"
timeout 3600 bash tests/docs/run.sh --no-rust
echo "== the same calls from Rust, Python, C and C++: byte-identical requests"
CROSS_EXCHANGE_LOG_ROOT="$LOG_ROOT" timeout 1800 bash tests/cross/run.sh
echo "== the release workflow, linted (jactionlint and shellcheck: any finding fails)"
timeout 900 bash tests/release/run.sh
echo "== the documentation site: built with warnings as errors, checked in headless chromium"
timeout 2700 bash tests/site/run.sh
echo "== distribution: the wheel and sdist users install, smoke-tested without Rust"
timeout 5400 bash scripts/build-dist.sh

echo "== the mutation tooling: a moved survivor is re-run as HEAD's twin, never another mutant"
timeout 300 python3 -m unittest discover -s scripts/mutants
timeout 60 python3 scripts/mutants/total.py --check   # tests/mutants/README.md adds up the shards

echo "== fuzzing: every target of fuzz/ for 20 s from its committed corpus (a finding fails)"
timeout 3600 bash scripts/fuzz.sh --smoke

echo "== conformance"
timeout 3600 bash tests/conformance/run.sh "${LOGS[@]}"
echo "== all suites passed"
