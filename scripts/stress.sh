#!/usr/bin/env bash
# The flake budget, measured (not in the test command): runs the timing-sensitive suites again
# and again while stress-ng keeps every core busy, and reports runs and failures per suite.
# A test that synchronises on a sleep or asserts a tight time bound fails here; the target is
# 0 failures in at least 20 loaded runs of each suite.
#
#   bash scripts/stress.sh [--runs N] [--runs-for SUITE=N ...] [--suites a,b,...] [--no-load]
#
# --runs sets how many runs each suite gets (default 20); --runs-for changes it for one suite
# (the slow ones take minutes per run under load). The suites take turns, so the load is the
# same for all of them.
#
# Suites: rust-socket (core/tests/socket.rs and socket_liveness.rs), rust-faults (core/tests/faults.rs and
# transport_errors.rs), python (tests/python/test_socket.py, test_socket_liveness.py,
# test_transport_faults.py, test_cli.py, test_concurrency.py), c-valgrind (the C socket and fault tests under memcheck,
# as tests/c/run.sh runs them). Each run's output is kept in target/stress/. The load is
# `stress-ng --cpu <cores>` at full load (installed from the distribution if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNS=20
SUITES=rust-socket,rust-faults,python,c-valgrind
LOAD=1
declare -A WANT
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --runs-for) WANT[${2%%=*}]=${2#*=}; shift 2 ;;
    --suites) SUITES=$2; shift 2 ;;
    --no-load) LOAD=0; shift ;;
    *) echo "usage: $0 [--runs N] [--runs-for SUITE=N] [--suites a,b,...] [--no-load]" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a SUITE_LIST <<<"$SUITES"
for suite in "${SUITE_LIST[@]}"; do
  case $suite in rust-socket | rust-faults | python | c-valgrind) ;; *) echo "unknown suite: $suite" >&2; exit 2 ;; esac
done
MOST=0
for suite in "${SUITE_LIST[@]}"; do
  : "${WANT[$suite]:=$RUNS}"
  case ${WANT[$suite]} in '' | *[!0-9]* | 0) echo "runs of $suite: a positive number, not ${WANT[$suite]}" >&2; exit 2 ;; esac
  [ "${WANT[$suite]}" -gt "$MOST" ] && MOST=${WANT[$suite]}
done

if [ "$LOAD" = 1 ] && ! command -v stress-ng >/dev/null; then
  echo "stress: installing stress-ng"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends stress-ng >/dev/null
fi

OUT="$ROOT/target/stress"
rm -rf "$OUT"
mkdir -p "$OUT"
has() { [[ ",$SUITES," == *",$1,"* ]]; }

# ---- build everything first, unloaded: the loop then only runs tests ---------------------------
test_binary() { # the executable of core's integration test $1
  cargo test --locked -q -p sessionlink --test "$1" --no-run --message-format=json 2>/dev/null |
    grep "\"name\":\"$1\"" | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1
}
if has rust-socket || has rust-faults; then
  echo "stress: building core's tests"
  SOCKET_BIN=$(test_binary socket)
  LIVENESS_BIN=$(test_binary socket_liveness)
  FAULTS_BIN=$(test_binary faults)
  ERRORS_BIN=$(test_binary transport_errors)
  for b in "$SOCKET_BIN" "$LIVENESS_BIN" "$FAULTS_BIN" "$ERRORS_BIN"; do [ -x "$b" ] || { echo "stress: no test binary ($b)" >&2; exit 1; }; done
fi
if has python; then
  echo "stress: building the Python extension"
  timeout 3600 bash scripts/setup-python.sh >/dev/null
fi
if has c-valgrind; then
  echo "stress: building the C tests"
  timeout 3600 cargo build --locked -q -p sessionlink-c -p sessionlink-emulator --bins --lib
  TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/debug"
  export SESSIONLINK_EMULATOR="$TARGET/sessionlink-emulator"
  C_TESTS="$OUT/sl_tests"
  objs=()
  # Every C test file, as tests/c/run.sh builds them (its list, so that the two stay one).
  mapfile -t sources < <(sed -n '/^SOURCES_C=(/,/)/p' tests/c/run.sh | grep -o 'tests/c/[a-z0-9_]*\.c')
  [ "${#sources[@]}" -gt 1 ] || { echo "stress: no C sources found in tests/c/run.sh" >&2; exit 1; }
  for src in "${sources[@]}"; do
    cc -std=c11 -g -Iinclude -Itests/c -c "$src" -o "$OUT/$(basename "$src" .c).o"
    objs+=("$OUT/$(basename "$src" .c).o")
  done
  c++ -std=c++17 -g -Iinclude -Itests/c -c tests/c/test_cpp.cpp -o "$OUT/test_cpp.o"
  c++ -o "$C_TESTS" "${objs[@]}" "$OUT/test_cpp.o" "$TARGET/libsessionlink.a" -lpthread -ldl -lm
  # The fault tests include the proxy tests: the same tinyproxy as tests/c/run.sh's.
  . tests/c/test-proxy.sh
fi

# ---- the load --------------------------------------------------------------------------------
LOAD_PID=
stop_load() {
  if [ -n "$LOAD_PID" ]; then kill "$LOAD_PID" 2>/dev/null || true; wait "$LOAD_PID" 2>/dev/null || true; fi
  if declare -F stop_test_proxy >/dev/null; then stop_test_proxy; fi
}
trap stop_load EXIT
if [ "$LOAD" = 1 ]; then
  stress-ng --cpu "$(nproc)" --cpu-load 100 --quiet &
  LOAD_PID=$!
  echo "stress: stress-ng --cpu $(nproc) (pid $LOAD_PID) keeps every core busy"
fi

memcheck() {
  timeout 1800 valgrind --quiet --error-exitcode=99 --track-origins=yes --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite --child-silent-after-fork=yes --suppressions=tests/c/valgrind.supp "$@"
}

# run_suite NAME: one run of the suite; its exit status.
run_suite() {
  case $1 in
    rust-socket) timeout 900 "$SOCKET_BIN" --test-threads=2 && timeout 900 "$LIVENESS_BIN" --test-threads=2 ;;
    rust-faults) timeout 900 "$FAULTS_BIN" --test-threads=2 && timeout 900 "$ERRORS_BIN" --test-threads=2 ;;
    python)
      timeout 1800 .venv/bin/python -m pytest -q -p no:cacheprovider --timeout 300 tests/python/test_socket.py \
        tests/python/test_socket_liveness.py tests/python/test_transport_faults.py tests/python/test_cli.py tests/python/test_concurrency.py
      ;;
    c-valgrind) memcheck "$C_TESTS" socket_ && memcheck "$C_TESTS" fault_ && memcheck "$C_TESTS" liveness ;;
  esac
}

declare -A RAN FAILED
for suite in "${SUITE_LIST[@]}"; do RAN[$suite]=0; FAILED[$suite]=0; done
started=$(date +%s)
for ((i = 1; i <= MOST; i++)); do
  for suite in "${SUITE_LIST[@]}"; do
    [ "$i" -le "${WANT[$suite]}" ] || continue
    log="$OUT/$suite-$i.log"
    if (cd "$ROOT" && unset SESSIONLINK_EXCHANGE_LOG && run_suite "$suite") >"$log" 2>&1; then
      echo "stress: run $i $suite: passed"
    else
      FAILED[$suite]=$((FAILED[$suite] + 1))
      echo "stress: run $i $suite: FAILED (see $log)"
    fi
    RAN[$suite]=$((RAN[$suite] + 1))
  done
done
stop_load
LOAD_PID=

echo
echo "== stress: $(( $(date +%s) - started )) s, $([ "$LOAD" = 1 ] && echo "under stress-ng --cpu $(nproc) --cpu-load 100" || echo "without load")"
printf '%-12s %5s %8s\n' suite runs failures
total=0
for suite in "${SUITE_LIST[@]}"; do
  printf '%-12s %5d %8d\n' "$suite" "${RAN[$suite]}" "${FAILED[$suite]}"
  total=$((total + FAILED[$suite]))
done
[ "$total" -eq 0 ]
