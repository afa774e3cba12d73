#!/usr/bin/env bash
# The C++ API's suite (include/sessionlink.hpp over libsessionlink): the header compiled alone
# with g++ and clang++ (-std=c++17 -Wall -Wextra -Werror -pedantic), the tests of tests/cpp
# built with each compiler and run against the sessionlink-emulator binary, again under
# AddressSanitizer + UndefinedBehaviorSanitizer and under valgrind; then the install
# (find_package(sessionlink) giving sessionlink::sessionlink_cxx, and pkg-config
# sessionlink-cxx) with the C++ examples (a session list, a controllable player) built both
# ways and run against the emulator.
# Runs from a fresh clone after scripts/setup-system.sh; every step is bounded by `timeout`.
# `bash tests/cpp/run.sh NAME` runs only the tests whose name contains NAME (g++ build only).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD="$ROOT/tests/cpp/build"
rm -rf "$BUILD"
mkdir -p "$BUILD"
# The emulators started here are the C++ suite's own: their exchanges are not a language
# suite's (the conformance suite reads the Rust, Python and C ones).
unset SESSIONLINK_EXCHANGE_LOG

step() { echo "-- c++: $*"; }

step "build libsessionlink (debug) and the emulator (no-ops after the C suite)"
timeout 1800 cargo build --locked -q -p sessionlink-c
timeout 1800 cargo build --locked -q -p sessionlink-emulator --bin sessionlink-emulator
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/debug"
export SESSIONLINK_EMULATOR="$TARGET/sessionlink-emulator"

step "include/sessionlink.hpp is up to date with core's operations (tools/gen --check)"
timeout 1800 cargo run --locked -q -p sessionlink-gen -- --check

WARN=(-std=c++17 -Wall -Wextra -Werror -pedantic)
COMPILERS=(g++ clang++)
for cxx in "${COMPILERS[@]}"; do
  command -v "$cxx" >/dev/null || { echo "c++: $cxx is missing (scripts/setup-system.sh installs it)" >&2; exit 1; }
done

step "the header alone compiles with ${COMPILERS[*]} ${WARN[*]} (and -Wshadow -Wconversion)"
printf '#include "sessionlink.hpp"\nint main() { return sessionlink::version().empty() ? 1 : 0; }\n' > "$BUILD/header.cpp"
for cxx in "${COMPILERS[@]}"; do
  "$cxx" "${WARN[@]}" -Wshadow -Wconversion -Iinclude -c "$BUILD/header.cpp" -o "$BUILD/header-$cxx.o"
done

SOURCES=(tests/cpp/harness.cpp tests/cpp/test_calls.cpp tests/cpp/test_errors.cpp tests/cpp/test_async.cpp
  tests/cpp/test_socket.cpp tests/cpp/test_moves.cpp tests/cpp/test_quick_connect.cpp)
# $1: compiler, $2: output name, $3...: extra flags. Links the static debug library.
build() {
  local cxx=$1 out=$2
  shift 2
  local objs=()
  for src in "${SOURCES[@]}"; do
    local obj="$BUILD/$out-$(basename "$src" .cpp).o"
    "$cxx" "${WARN[@]}" -g -Iinclude -Itests/cpp "$@" -c "$src" -o "$obj"
    objs+=("$obj")
  done
  "$cxx" "$@" -o "$BUILD/$out" "${objs[@]}" "$TARGET/libsessionlink.a" -lpthread -ldl -lm
}

# The suite prints "N tests, M failed"; a run that ran none fails (the runner exits 1 then).
run_tests() {
  timeout "$1" "${@:2}" 2>&1 | tee "$BUILD/last.log"
  grep -qE '^[1-9][0-9]* tests, 0 failed$' "$BUILD/last.log"
}

if [ $# -gt 0 ]; then
  build g++ tests-gcc
  run_tests 300 "$BUILD/tests-gcc" "$1"
  exit 0
fi

for cxx in "${COMPILERS[@]}"; do
  step "tests built with $cxx"
  build "$cxx" "tests-$cxx"
  run_tests 300 "$BUILD/tests-$cxx"
done

step "tests with AddressSanitizer and UndefinedBehaviorSanitizer (g++: its runtimes come with it)"
build g++ tests-asan -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_tests 600 "$BUILD/tests-asan"

step "tests under valgrind (g++ build, debug library)"
# As in tests/c/run.sh: the runtime's worker threads are never joined by design, so only
# definite leaks fail the run.
run_tests 1500 valgrind --quiet --error-exitcode=99 --track-origins=yes --leak-check=full \
  --errors-for-leak-kinds=definite --show-leak-kinds=definite --suppressions=tests/c/valgrind.supp \
  "$BUILD/tests-g++"

step "install (debug build) under a prefix: the C++ headers, CMake targets and pkg-config file"
PREFIX="$BUILD/prefix"
timeout 1800 bash scripts/install-c.sh "$PREFIX" --debug >/dev/null
for f in include/sessionlink.hpp include/sessionlink/core.hpp include/sessionlink/models.hpp \
  include/sessionlink/socket.hpp include/sessionlink/clients.hpp lib/pkgconfig/sessionlink-cxx.pc; do
  [ -f "$PREFIX/$f" ] || { echo "missing $PREFIX/$f" >&2; exit 1; }
done
grep -q "sessionlink::sessionlink_cxx" "$PREFIX/lib/cmake/sessionlink/sessionlinkConfig.cmake"

# The examples talk to a live emulator: start one, give them its URL, stop it at the end.
coproc EMU { exec "$SESSIONLINK_EMULATOR"; }
emu_pid=$EMU_PID  # bash unsets EMU_PID once the coprocess has ended
read -r -t 30 url <&"${EMU[0]}"
read -r -t 30 hello <&"${EMU[0]}"
movie=$(echo "$hello" | sed 's/.*"movie_id":"\([0-9a-f]*\)".*/\1/')

# $1: directory with the two examples.
run_examples() {
  timeout 60 "$1/sessionlink-cpp-sessions" "$url" | tee "$1/sessions.out"
  grep -q "^Living Room TV (.*): playing " "$1/sessions.out"
  timeout 120 "$1/sessionlink-cpp-player" "$url" --demo "$movie" | tee "$1/player.out"
  grep -q "^player: connected, controllable$" "$1/player.out"
  grep -q "^player: Pause$" "$1/player.out"
  grep -q "^player: message: Controller: Hello from the controller$" "$1/player.out"
  grep -q "^player: socket ended: SL_STATUS_OK$" "$1/player.out"
  grep -q "^demo: ok$" "$1/player.out"
}

for kind in shared static; do
  step "C++ examples with find_package(sessionlink), $kind library"
  static=OFF
  [ "$kind" = static ] && static=ON
  timeout 300 cmake -S examples/cpp -B "$BUILD/example-$kind" -DCMAKE_PREFIX_PATH="$PREFIX" \
    -DCMAKE_CXX_COMPILER=g++ -DSESSIONLINK_STATIC=$static >/dev/null
  timeout 600 cmake --build "$BUILD/example-$kind" >/dev/null
  if [ "$kind" = static ] && objdump -p "$BUILD/example-$kind/sessionlink-cpp-player" | grep -q "NEEDED.*libsessionlink"; then
    echo "the static example needs libsessionlink.so" >&2
    exit 1
  fi
  run_examples "$BUILD/example-$kind"
done

step "the session list through pkg-config sessionlink-cxx (clang++)"
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
# shellcheck disable=SC2046 # word splitting is the point
clang++ "${WARN[@]}" $(pkg-config --cflags sessionlink-cxx) examples/cpp/sessions.cpp -o "$BUILD/sessions-pkgconfig" \
  $(pkg-config --libs sessionlink-cxx) -Wl,-rpath,"$PREFIX/lib"
timeout 60 "$BUILD/sessions-pkgconfig" "$url" > "$BUILD/sessions-pkgconfig.out"
grep -q "^Kitchen Speaker" "$BUILD/sessions-pkgconfig.out"
exec {EMU[1]}>&-
wait "$emu_pid" || true

echo "-- c++: all passed"
