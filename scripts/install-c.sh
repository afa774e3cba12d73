#!/usr/bin/env bash
# Installs the C library under a prefix:
#   PREFIX/lib/libsessionlink.{so,a}, PREFIX/include/sessionlink.h,
#   PREFIX/lib/pkgconfig/sessionlink.pc
# Usage: bash scripts/install-c.sh PREFIX [--debug]   (release build unless --debug)
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${1:?usage: scripts/install-c.sh PREFIX [--debug]}
case "$PREFIX" in /*) ;; *) PREFIX="$PWD/$PREFIX" ;; esac
PROFILE=release
[ "${2:-}" = "--debug" ] && PROFILE=debug

if [ "$PROFILE" = release ]; then
  cargo build --locked --release -p sessionlink-c
else
  cargo build --locked -p sessionlink-c
fi
LIBDIR="${CARGO_TARGET_DIR:-$PWD/target}/$PROFILE"
version=$(cargo pkgid -p sessionlink-c | sed 's/.*@//')

install -d "$PREFIX/lib/pkgconfig" "$PREFIX/include"
install -m 0755 "$LIBDIR/libsessionlink.so" "$PREFIX/lib/"
install -m 0644 "$LIBDIR/libsessionlink.a" "$PREFIX/lib/"
install -m 0644 include/sessionlink.h "$PREFIX/include/"
# Libs.private lists what the static library needs from the system (Rust's std).
cat > "$PREFIX/lib/pkgconfig/sessionlink.pc" <<PC
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: sessionlink
Description: Client SDK for the Jellyfin Session API and the G4 Sessions API
Version: $version
Libs: -L\${libdir} -lsessionlink
Libs.private: -lpthread -ldl -lm -lgcc_s -lc
Cflags: -I\${includedir}
PC
echo "installed sessionlink $version ($PROFILE) under $PREFIX"
