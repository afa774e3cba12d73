#!/usr/bin/env bash
# Generates the C header from bindings-c/src with the pinned cbindgen, filling in the version
# macros from Cargo so that they can never drift from the library.
#   bindings-c/gen-header.sh          writes include/sessionlink.h
#   bindings-c/gen-header.sh --check  fails when include/sessionlink.h differs from a fresh one
set -euo pipefail
cd "$(dirname "$0")/.."

CBINDGEN_VERSION=0.29.2
TOOLS="$PWD/.tools"
CBINDGEN="$TOOLS/bin/cbindgen"
if ! { [ -x "$CBINDGEN" ] && "$CBINDGEN" --version | grep -qx "cbindgen $CBINDGEN_VERSION"; }; then
  echo "gen-header: installing cbindgen $CBINDGEN_VERSION into .tools" >&2
  CARGO_TARGET_DIR="$PWD/target/cbindgen-build" \
    cargo install cbindgen --version "=$CBINDGEN_VERSION" --locked --root "$TOOLS" --quiet
fi

version=$(cargo pkgid -p sessionlink-c | sed 's/.*@//')
IFS=. read -r major minor patch <<<"${version%%-*}"

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$CBINDGEN" --quiet --config bindings-c/cbindgen.toml --crate sessionlink-c --output "$tmp" bindings-c
sed -i -e "s/@MAJOR@/$major/" -e "s/@MINOR@/$minor/" -e "s/@PATCH@/$patch/" -e "s/@VERSION@/$version/" "$tmp"

if [ "${1:-}" = "--check" ]; then
  if ! diff -u include/sessionlink.h "$tmp"; then
    echo "gen-header: include/sessionlink.h is out of date; run bindings-c/gen-header.sh and commit it" >&2
    exit 1
  fi
else
  cp "$tmp" include/sessionlink.h
fi
