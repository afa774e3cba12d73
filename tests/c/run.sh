#!/usr/bin/env bash
# The C library's test suite: header drift and strict compilation (C11, C++17), the tests
# against the sessionlink-emulator binary (static and shared library with its soname, under
# valgrind against the debug and the release library, with AddressSanitizer), the property
# tests of the entry points under valgrind, and the installed copy: versioned soname and
# symlinks, pkg-config and the CMake package, the examples (a session list, a controllable
# player, a live watcher) built with find_package against the shared and the static library
# and through pkg-config (--static too), each run against the emulator.
# Runs from a fresh clone after scripts/setup-system.sh; every step is bounded by `timeout`.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The emulator is on 127.0.0.1: a proxy of the environment must not carry its traffic
# (sessionlink, like curl, proxies loopback too unless NO_PROXY says otherwise).
unset HTTP_PROXY http_proxy HTTPS_PROXY https_proxy ALL_PROXY all_proxy NO_PROXY no_proxy
ROOT=$PWD
BUILD="$ROOT/tests/c/build"
rm -rf "$BUILD"
mkdir -p "$BUILD"

step() { echo "-- c: $*"; }

step "header is up to date with bindings-c (pinned cbindgen)"
timeout 900 bash bindings-c/gen-header.sh --check

step "build libsessionlink (debug and release) and the emulator"
timeout 1800 cargo build --locked -p sessionlink-c
# The release library is what users link: optimisation has hidden bugs from the debug build
# before (an uninitialised read only valgrind on the release build showed, issue 9). Built as
# scripts/install-c.sh builds it (printing the system libraries the static library needs), so
# that the install below reuses it.
[ "${SL_C_TESTS_ONLY:-0}" = 1 ] || timeout 2400 cargo rustc --locked --release -p sessionlink-c --lib -- --print native-static-libs
timeout 1800 cargo build --locked -p sessionlink-emulator --bin sessionlink-emulator
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/debug"
RELEASE="${CARGO_TARGET_DIR:-$ROOT/target}/release"
export SESSIONLINK_EMULATOR="$TARGET/sessionlink-emulator"

WARN=(-Wall -Wextra -Werror -pedantic)
step "header compiles as C11 and as C++17 with ${WARN[*]}"
printf '#include "sessionlink.h"\nint main(void) { return SESSIONLINK_VERSION_MAJOR * 0; }\n' > "$BUILD/header.c"
cc -std=c11 "${WARN[@]}" -Iinclude -c "$BUILD/header.c" -o "$BUILD/header_c.o"
cp "$BUILD/header.c" "$BUILD/header.cpp"
c++ -std=c++17 "${WARN[@]}" -Iinclude -c "$BUILD/header.cpp" -o "$BUILD/header_cpp.o"

SOURCES_C=(tests/c/harness.c tests/c/test_jellyfin.c tests/c/test_g4.c tests/c/test_arguments.c tests/c/test_threads.c tests/c/test_async.c
  tests/c/test_faults.c tests/c/test_routes.c tests/c/test_socket.c tests/c/test_log.c tests/c/test_quick_connect.c
  tests/c/test_liveness.c tests/c/test_callback_order.c tests/c/test_server_text.c
  tests/c/test_discovery.c)
SOURCE_CPP=tests/c/test_cpp.cpp

# $1: output name, $2...: extra compiler/linker flags. Links the static library, so that the
# binary does not depend on LD_LIBRARY_PATH.
build_tests() {
  local out=$1; shift
  local objs=()
  for src in "${SOURCES_C[@]}"; do
    local obj="$BUILD/$out-$(basename "$src" .c).o"
    cc -std=c11 "${WARN[@]}" -g -Iinclude -Itests/c "$@" -c "$src" -o "$obj"
    objs+=("$obj")
  done
  c++ -std=c++17 "${WARN[@]}" -g -Iinclude -Itests/c "$@" -c "$SOURCE_CPP" -o "$BUILD/$out-cpp.o"
  c++ "$@" -o "$BUILD/$out" "${objs[@]}" "$BUILD/$out-cpp.o" "$TARGET/libsessionlink.a" -lpthread -ldl -lm
}

step "a proxy for the proxy tests: tinyproxy on 127.0.0.1 (credentials alice:pr0xy-s3cret)"
. tests/c/test-proxy.sh
trap stop_test_proxy EXIT

step "tests"
build_tests sl_tests
timeout 300 "$BUILD/sl_tests"
# scripts/mutants/recheck.py: the tests alone, against a mutated core or emulator.
[ "${SL_C_TESTS_ONLY:-0}" = 1 ] && exit 0

step "tests against the shared library (versioned soname)"
version=$(cargo pkgid -p sessionlink-c | sed 's/.*@//')
IFS=. read -r major minor _ <<<"${version%%-*}"
if [ "$major" = 0 ]; then SONAME="libsessionlink.so.0.$minor"; else SONAME="libsessionlink.so.$major"; fi
soname_of() { objdump -p "$1" | awk '$1 == "SONAME" { print $2 }'; }
[ "$(soname_of "$TARGET/libsessionlink.so")" = "$SONAME" ]
[ "$(soname_of "$RELEASE/libsessionlink.so")" = "$SONAME" ]
# A program linked against it needs the soname, as the installed symlink provides it.
mkdir -p "$BUILD/lib"
ln -sf "$TARGET/libsessionlink.so" "$BUILD/lib/libsessionlink.so"
ln -sf "$TARGET/libsessionlink.so" "$BUILD/lib/$SONAME"
c++ -o "$BUILD/sl_tests_shared" "$BUILD"/sl_tests-*.o -L"$BUILD/lib" -lsessionlink -Wl,-rpath,"$BUILD/lib" -lpthread
objdump -p "$BUILD/sl_tests_shared" | grep -E "NEEDED +$SONAME\$" >/dev/null
timeout 300 "$BUILD/sl_tests_shared" get_sessions

# No invalid access, no use of uninitialised memory, no definite leak. The SDK runtime's
# worker threads are never joined by design (one process-wide runtime, never dropped), so
# their memory is "possibly lost" or "still reachable"; only definite leaks fail the run. The
# fork test's child is not checked: after fork() the parent's runtime threads are gone, and
# what only they referenced shows as lost there.
memcheck() {
  timeout 1200 valgrind --quiet --error-exitcode=99 --track-origins=yes --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite --child-silent-after-fork=yes \
    --suppressions=tests/c/valgrind.supp "$@"
}

step "tests under valgrind, debug library"
memcheck "$BUILD/sl_tests"

step "tests under valgrind, release library"
c++ -o "$BUILD/sl_tests_release" "$BUILD"/sl_tests-*.o "$RELEASE/libsessionlink.a" -lpthread -ldl -lm
memcheck "$BUILD/sl_tests_release"

step "property tests of the entry points under valgrind (bounded cases)"
# bindings-c/tests/entry_points.rs: every export with arbitrary bytes and NULLs. Its emulator
# runs in-process; what it receives is out of contract on purpose, so it logs no exchanges.
props=$(timeout 1800 cargo test --locked -q -p sessionlink-c --test entry_points --no-run --message-format=json 2>/dev/null |
  grep '"name":"entry_points"' | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
[ -x "$props" ] || { echo "no entry_points test binary" >&2; exit 1; }
(
  unset SESSIONLINK_EXCHANGE_LOG
  PROPTEST_CASES=16 memcheck "$props" --test-threads=1
)

step "tests with AddressSanitizer"
build_tests sl_tests_asan -fsanitize=address -fno-omit-frame-pointer
ASAN_OPTIONS=detect_leaks=1 timeout 600 "$BUILD/sl_tests_asan"

step "install under a prefix: versioned soname, symlinks, pkg-config, CMake package"
PREFIX="$BUILD/prefix"
timeout 1800 bash scripts/install-c.sh "$PREFIX"
[ -f "$PREFIX/lib/libsessionlink.so.$version" ] && [ ! -L "$PREFIX/lib/libsessionlink.so.$version" ]
[ "$(readlink "$PREFIX/lib/$SONAME")" = "libsessionlink.so.$version" ]
[ "$(readlink "$PREFIX/lib/libsessionlink.so")" = "$SONAME" ]
[ "$(soname_of "$PREFIX/lib/libsessionlink.so.$version")" = "$SONAME" ]
for f in lib/libsessionlink.a include/sessionlink.h lib/pkgconfig/sessionlink.pc \
  lib/cmake/sessionlink/sessionlinkConfig.cmake lib/cmake/sessionlink/sessionlinkConfigVersion.cmake; do
  [ -f "$PREFIX/$f" ] || { echo "missing $PREFIX/$f" >&2; exit 1; }
done
# Libs.private is what rustc says the static library needs.
grep -q "^Libs.private: .*-lpthread" "$PREFIX/lib/pkgconfig/sessionlink.pc"

step "the release workflow's C smoke test (tests/dist/c_smoke.py) on this prefix"
timeout 900 python3 tests/dist/c_smoke.py "$PREFIX" --emulator "$SESSIONLINK_EMULATOR"

# The examples talk to a live emulator: start one, give them its URL, stop it at the end.
coproc EMU { exec "$SESSIONLINK_EMULATOR"; }
# Kept: bash unsets EMU_PID as soon as the coproc exits, which it does at once when its stdin
# closes at the end (a race `wait "$EMU_PID"` under `set -u` lost on a fast machine).
emu_pid=$EMU_PID
read -r -t 30 url <&"${EMU[0]}"
read -r -t 30 hello <&"${EMU[0]}"
movie=$(echo "$hello" | sed 's/.*"movie_id":"\([0-9a-f]*\)".*/\1/')

# The watcher's session (md5 of Client + DeviceId, as the server derives it), and how many
# times it subscribed so far.
watcher_session=$(printf '%s%s' sessionlink sessionlink-c-watcher-example | md5sum | cut -c1-32)
watcher_runs=0

# $1: build directory; runs the three examples against the emulator.
run_examples() {
  timeout 60 "$1/sessionlink-example" "$url" | tee "$1/example.out"
  grep -q "Living Room TV" "$1/example.out"
  # The watcher waits for two pushes; the player's demo makes session events, once the
  # emulator has the watcher's subscription (its control protocol waits for it).
  timeout 60 "$1/sessionlink-watcher" "$url" --count 2 > "$1/watcher.out" &
  local watcher=$! answer
  watcher_runs=$((watcher_runs + 1))
  echo "wait_socket_messages $watcher_session received SessionsStart $watcher_runs 30000" >&"${EMU[1]}"
  read -r -t 60 answer <&"${EMU[0]}"
  case $answer in
    *'"ok":true'*) ;;
    *) echo "the watcher never subscribed: $answer" >&2; return 1 ;;
  esac
  timeout 60 "$1/sessionlink-player" "$url" --demo "$movie" | tee "$1/player.out"
  grep -q "^player: Pause$" "$1/player.out"
  grep -q "^player: message: Controller: Hello from the controller$" "$1/player.out"
  grep -q "^controller: .* is paused on .*, remote control on$" "$1/player.out"
  grep -q "^demo: ok$" "$1/player.out"
  grep -q "^player: socket ended: SL_STATUS_CANCELLED" "$1/player.out"
  wait "$watcher"
  cat "$1/watcher.out"
  grep -q "sessionlink-c-player-example" "$1/watcher.out"
}

step "CMake examples with find_package(sessionlink), shared library"
cmake -S examples/c -B "$BUILD/example" -DCMAKE_PREFIX_PATH="$PREFIX" >/dev/null
cmake --build "$BUILD/example" >/dev/null
objdump -p "$BUILD/example/sessionlink-player" | grep -E "NEEDED +$SONAME\$" >/dev/null
run_examples "$BUILD/example"

step "CMake examples with sessionlink::sessionlink_static"
cmake -S examples/c -B "$BUILD/example-static" -DCMAKE_PREFIX_PATH="$PREFIX" -DSESSIONLINK_STATIC=ON >/dev/null
cmake --build "$BUILD/example-static" >/dev/null
if objdump -p "$BUILD/example-static/sessionlink-player" | grep -q "NEEDED.*libsessionlink"; then
  echo "the static example needs libsessionlink.so" >&2
  exit 1
fi
run_examples "$BUILD/example-static"

step "a static build through pkg-config --static"
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
# shellcheck disable=SC2046 # word splitting is the point
cc -std=c11 "${WARN[@]}" $(pkg-config --cflags sessionlink) examples/c/main.c -o "$BUILD/example-pkgconfig-static" \
  -Wl,-Bstatic $(pkg-config --libs-only-L sessionlink) -lsessionlink -Wl,-Bdynamic $(pkg-config --static --libs-only-l sessionlink | sed 's/-lsessionlink//')
if objdump -p "$BUILD/example-pkgconfig-static" | grep -q "NEEDED.*libsessionlink"; then
  echo "the pkg-config --static example needs libsessionlink.so" >&2
  exit 1
fi
timeout 60 "$BUILD/example-pkgconfig-static" "$url" | grep -q "Living Room TV"
# And the plain pkg-config build against the shared library.
# shellcheck disable=SC2046
cc -std=c11 "${WARN[@]}" $(pkg-config --cflags sessionlink) examples/c/main.c -o "$BUILD/example-pkgconfig" \
  $(pkg-config --libs sessionlink) -Wl,-rpath,"$PREFIX/lib"
timeout 60 "$BUILD/example-pkgconfig" "$url" | grep -q "Living Room TV"
exec {EMU[1]}>&-
wait "$emu_pid" 2>/dev/null || true

echo "-- c: all passed"
