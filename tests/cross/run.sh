#!/usr/bin/env bash
# The same calls from Rust, Python, C and C++ produce byte-identical requests: each language's
# same-calls program runs against one emulator (the sessionlink-emulator binary), whose
# recorded requests are compared by compare.py. Run by scripts/test.sh after the Python and
# C suites (it uses .venv and the C library they build).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/debug"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

timeout 1800 cargo build --locked -q -p sessionlink-emulator --bin sessionlink-emulator
timeout 1800 cargo build --locked -q -p sessionlink-tools --bin same-calls
timeout 1800 cargo build --locked -q -p sessionlink-c
cc -std=c11 -Wall -Wextra -Werror -pedantic -Iinclude tests/cross/same_calls.c -o "$WORK/same_calls_c" \
  "$TARGET/libsessionlink.a" -lpthread -ldl -lm
c++ -std=c++17 -Wall -Wextra -Werror -pedantic -Iinclude tests/cross/same_calls.cpp -o "$WORK/same_calls_cpp" \
  "$TARGET/libsessionlink.a" -lpthread -ldl -lm

coproc EMU { exec timeout 600 "$TARGET/sessionlink-emulator"; }
emu_pid=$EMU_PID
read -r -t 30 url <&"${EMU[0]}"
read -r -t 30 hello <&"${EMU[0]}"
control() { echo "$1" >&"${EMU[1]}"; read -r -t 30 answer <&"${EMU[0]}"; printf '%s' "$answer"; }
fixtures=$(printf '%s' "$hello" | .venv/bin/python -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["fixtures"]))')
g4_url=$(printf '%s' "$hello" | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["g4_url"])')
fx() { printf '%s' "$fixtures" | .venv/bin/python -c "import json,sys; print(json.load(sys.stdin)$1)"; }
# Every fixture as SL_FX_<api>_<key>, for the C program's generated calls (operations.inc).
eval "$(printf '%s' "$fixtures" | .venv/bin/python -c '
import json, shlex, sys
for api, values in json.load(sys.stdin).items():
    for key, value in values.items():
        if isinstance(value, str):
            print(f"export SL_FX_{api}_{key}={shlex.quote(value)}")')"

# record NAME COMMAND...: runs one language's script on a cleared log and saves what it sent.
record() {
  local name=$1
  shift
  control clear >/dev/null
  # Each language approves the fixtures' Quick Connect code: make it pending again.
  control reset_quick_connect >/dev/null
  local sid
  sid=$(timeout 120 "$@")
  # Coprocess descriptors do not reach the subshells of a pipeline: answer to a file first.
  control requests_json > "$WORK/$name.exchanges"
  # The conformance suite validates these too, and counts them in the language's coverage
  # (every generated operation is called here from every language).
  if [ -n "${CROSS_EXCHANGE_LOG_ROOT:-}" ]; then
    mkdir -p "$CROSS_EXCHANGE_LOG_ROOT/$name"
    cp "$WORK/$name.exchanges" "$CROSS_EXCHANGE_LOG_ROOT/$name/exchanges-cross.json"
  fi
  .venv/bin/python -c 'import json,sys; print(json.dumps({"session": sys.argv[1], "exchanges": json.load(open(sys.argv[2]))}))' \
    "$sid" "$WORK/$name.exchanges" > "$WORK/$name.json"
}

record rust "$TARGET/same-calls" "$url" "$g4_url" "$fixtures"
record python .venv/bin/python tests/cross/same_calls.py "$url" "$g4_url" "$fixtures"
# The C and C++ programs take the same arguments.
c_args=("$url" "$g4_url" "$(fx '["jellyfin"]["living_room_session_id"]')"
  "$(fx '["jellyfin"]["episode_id"]')" "$(fx '["jellyfin"]["movie_id"]')" "$(fx '["jellyfin"]["admin_id"]')"
  "$(fx '["jellyfin"]["api_key"]')" "$(fx '["g4"]["tenant"]')" "$(fx '["g4"]["user"]')" "$(fx '["g4"]["password"]')")
record c "$WORK/same_calls_c" "${c_args[@]}"
# C++ goes through the C library, but its own argument conversion and generated methods.
record cpp "$WORK/same_calls_cpp" "${c_args[@]}"
exec {EMU[1]}>&-
wait "$emu_pid" || true
.venv/bin/python tests/cross/compare.py "$WORK/rust.json" "$WORK/python.json" "$WORK/c.json" "$WORK/cpp.json"
