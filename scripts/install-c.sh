#!/usr/bin/env bash
# Installs the C library under a prefix, as a distribution package would lay it out:
#   PREFIX/lib/libsessionlink.so.X.Y.Z            the shared library (soname libsessionlink.so.0.Y
#   PREFIX/lib/libsessionlink.so.0.Y -> ...X.Y.Z   while the major version is 0, .so.X from 1.0;
#   PREFIX/lib/libsessionlink.so -> ...so.0.Y      see docs/versioning.md)
#   PREFIX/lib/libsessionlink.a                    the static library
#   PREFIX/include/sessionlink.h
#   PREFIX/lib/pkgconfig/sessionlink.pc            pkg-config (Libs.private for --static)
#   PREFIX/lib/cmake/sessionlink/sessionlinkConfig.cmake, sessionlinkConfigVersion.cmake
#       find_package(sessionlink): targets sessionlink::sessionlink (shared) and
#       sessionlink::sessionlink_static (static, with the system libraries it needs)
# Usage: bash scripts/install-c.sh PREFIX [--debug]   (release build unless --debug)
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${1:?usage: scripts/install-c.sh PREFIX [--debug]}
case "$PREFIX" in /*) ;; *) PREFIX="$PWD/$PREFIX" ;; esac
PROFILE=release
[ "${2:-}" = "--debug" ] && PROFILE=debug

# The build also prints the system libraries the static library needs (rustc's
# native-static-libs note; cargo replays it when the build is cached). tests/c/run.sh builds
# the release library with the same command, so nothing is rebuilt here.
profile_flag=()
[ "$PROFILE" = release ] && profile_flag=(--release)
build_log=$(cargo rustc --locked "${profile_flag[@]}" -p sessionlink-c --lib -- --print native-static-libs 2>&1) || {
  echo "$build_log" >&2
  exit 1
}
native=$(echo "$build_log" | sed -n 's/.*native-static-libs: //p' | tail -1)
if [ -z "$native" ]; then
  echo "install-c: rustc did not print native-static-libs" >&2
  exit 1
fi
LIBDIR="${CARGO_TARGET_DIR:-$PWD/target}/$PROFILE"
version=$(cargo pkgid -p sessionlink-c | sed 's/.*@//')
IFS=. read -r major minor _ <<<"${version%%-*}"
if [ "$major" = 0 ]; then soname="libsessionlink.so.0.$minor"; else soname="libsessionlink.so.$major"; fi
real="libsessionlink.so.$version"
built_soname=$(objdump -p "$LIBDIR/libsessionlink.so" | awk '$1 == "SONAME" { print $2 }')
if [ "$built_soname" != "$soname" ]; then
  echo "install-c: the library's soname is '$built_soname', expected $soname (bindings-c/build.rs)" >&2
  exit 1
fi

install -d "$PREFIX/lib/pkgconfig" "$PREFIX/lib/cmake/sessionlink" "$PREFIX/include"
rm -f "$PREFIX/lib/libsessionlink.so" "$PREFIX/lib/$soname" "$PREFIX/lib/$real"
install -m 0755 "$LIBDIR/libsessionlink.so" "$PREFIX/lib/$real"
ln -s "$real" "$PREFIX/lib/$soname"
ln -s "$soname" "$PREFIX/lib/libsessionlink.so"
install -m 0644 "$LIBDIR/libsessionlink.a" "$PREFIX/lib/"
install -m 0644 include/sessionlink.h "$PREFIX/include/"

# pkg-config: relative to the .pc file, so the prefix can be moved.
cat > "$PREFIX/lib/pkgconfig/sessionlink.pc" <<PC
prefix=\${pcfiledir}/../..
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: sessionlink
Description: Client SDK for the Jellyfin Session API and the G4 Sessions API
Version: $version
Libs: -L\${libdir} -lsessionlink
Libs.private: $native
Cflags: -I\${includedir}
PC

# CMake: the system libraries as link items (-lpthread -> pthread).
cmake_libs=$(for flag in $native; do printf '%s;' "${flag#-l}"; done)
cmake_libs=${cmake_libs%;}
cat > "$PREFIX/lib/cmake/sessionlink/sessionlinkConfig.cmake" <<CMAKE
# sessionlink $version: find_package(sessionlink) defines
#   sessionlink::sessionlink         the shared library ($soname)
#   sessionlink::sessionlink_static  the static library, with the system libraries it needs
# Both carry the include directory. Relocatable: paths are relative to this file.
get_filename_component(_sessionlink_prefix "\${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT TARGET sessionlink::sessionlink)
  add_library(sessionlink::sessionlink SHARED IMPORTED)
  set_target_properties(sessionlink::sessionlink PROPERTIES
    IMPORTED_LOCATION "\${_sessionlink_prefix}/lib/$real"
    IMPORTED_SONAME "$soname"
    INTERFACE_INCLUDE_DIRECTORIES "\${_sessionlink_prefix}/include")
endif()

if(NOT TARGET sessionlink::sessionlink_static)
  add_library(sessionlink::sessionlink_static STATIC IMPORTED)
  set_target_properties(sessionlink::sessionlink_static PROPERTIES
    IMPORTED_LOCATION "\${_sessionlink_prefix}/lib/libsessionlink.a"
    IMPORTED_LINK_INTERFACE_LANGUAGES "C"
    INTERFACE_INCLUDE_DIRECTORIES "\${_sessionlink_prefix}/include"
    INTERFACE_LINK_LIBRARIES "$cmake_libs")
endif()

set(sessionlink_VERSION "$version")
set(sessionlink_LIBRARIES sessionlink::sessionlink)
unset(_sessionlink_prefix)
CMAKE

# The same compatibility rule as the soname: same major, and while it is 0 the same minor.
cat > "$PREFIX/lib/cmake/sessionlink/sessionlinkConfigVersion.cmake" <<CMAKE
set(PACKAGE_VERSION "$version")
set(PACKAGE_VERSION_COMPATIBLE FALSE)
set(PACKAGE_VERSION_EXACT FALSE)
if(NOT PACKAGE_FIND_VERSION)
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
elseif(PACKAGE_FIND_VERSION_MAJOR EQUAL $major
   AND (NOT $major EQUAL 0 OR PACKAGE_FIND_VERSION_MINOR EQUAL $minor)
   AND NOT PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION)
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
endif()
if(PACKAGE_FIND_VERSION VERSION_EQUAL PACKAGE_VERSION)
  set(PACKAGE_VERSION_EXACT TRUE)
endif()
# A 64-bit library: refuse a 32-bit consumer.
if(NOT CMAKE_SIZEOF_VOID_P STREQUAL "8")
  set(PACKAGE_VERSION "\${PACKAGE_VERSION} (64bit)")
  set(PACKAGE_VERSION_UNSUITABLE TRUE)
endif()
CMAKE
echo "installed sessionlink $version ($PROFILE, soname $soname) under $PREFIX"
