#!/usr/bin/env bash
# Installs the C library under a prefix, as a distribution package would lay it out. On Linux
# (the layout the test command checks):
#   PREFIX/lib/libsessionlink.so.X.Y.Z            the shared library (soname libsessionlink.so.0.Y
#   PREFIX/lib/libsessionlink.so.0.Y -> ...X.Y.Z   while the major version is 0, .so.X from 1.0;
#   PREFIX/lib/libsessionlink.so -> ...so.0.Y      see docs/versioning.md)
#   PREFIX/lib/libsessionlink.a                    the static library
#   PREFIX/include/sessionlink.h
#   PREFIX/include/sessionlink.hpp, PREFIX/include/sessionlink/*.hpp   the C++17 API (header-only)
#   PREFIX/lib/pkgconfig/sessionlink.pc            pkg-config (Libs.private for --static)
#   PREFIX/lib/pkgconfig/sessionlink-cxx.pc        pkg-config of the C++ API (requires sessionlink)
#   PREFIX/lib/cmake/sessionlink/sessionlinkConfig.cmake, sessionlinkConfigVersion.cmake
#       find_package(sessionlink): targets sessionlink::sessionlink (shared) and
#       sessionlink::sessionlink_static (static, with the system libraries it needs), and the
#       C++ API's INTERFACE targets over them: sessionlink::sessionlink_cxx (shared) and
#       sessionlink::sessionlink_cxx_static (C++17 required of the program)
# On macOS the shared library is lib/libsessionlink.X.Y.Z.dylib with the same two symlinks
# (install name @rpath/libsessionlink.0.Y.dylib); on Windows (MSVC, from Git Bash) it is
# bin/sessionlink.dll with its import library lib/sessionlink.dll.lib, and the static library
# is lib/sessionlink.lib. Those two layouts are built and smoke-tested by the release workflow
# (.github/workflows/release.yml) only: this machine builds Linux x86_64 alone.
#
# Usage: bash scripts/install-c.sh PREFIX [--debug] [--with-emulator]
#   --debug          a debug build (release otherwise)
#   --with-emulator  also PREFIX/bin/sessionlink-emulator, the emulator for C tests
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${1:?usage: scripts/install-c.sh PREFIX [--debug] [--with-emulator]}
shift
case "$PREFIX" in /* | [A-Za-z]:[/\\]*) ;; *) PREFIX="$PWD/$PREFIX" ;; esac
PROFILE=release
EMULATOR=0
for arg in "$@"; do
  case "$arg" in
    --debug) PROFILE=debug ;;
    --with-emulator) EMULATOR=1 ;;
    *) echo "install-c: unknown option $arg" >&2; exit 2 ;;
  esac
done
case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=macos ;;
  MINGW* | MSYS* | CYGWIN*) OS=windows ;;
  *) echo "install-c: unsupported system $(uname -s)" >&2; exit 1 ;;
esac

# The build also prints the system libraries the static library needs (rustc's
# native-static-libs note; cargo replays it when the build is cached). tests/c/run.sh builds
# the release library with the same command, so nothing is rebuilt here.
profile_flag=()
[ "$PROFILE" = release ] && profile_flag=(--release)
build_log=$(cargo rustc --locked "${profile_flag[@]}" -p sessionlink-c --lib -- --print native-static-libs 2>&1) || {
  echo "$build_log" >&2
  exit 1
}
native=$(echo "$build_log" | sed -n 's/.*native-static-libs: //p' | tail -1 | tr -d '\r')
if [ -z "$native" ]; then
  echo "install-c: rustc did not print native-static-libs" >&2
  exit 1
fi
LIBDIR="${CARGO_TARGET_DIR:-$PWD/target}/$PROFILE"
version=$(cargo pkgid -p sessionlink-c | sed 's/.*@//' | tr -d '\r')
IFS=. read -r major minor _ <<<"${version%%-*}"
if [ "$major" = 0 ]; then abi="0.$minor"; else abi="$major"; fi

install -d "$PREFIX/lib/pkgconfig" "$PREFIX/lib/cmake/sessionlink" "$PREFIX/include/sessionlink"
install -m 0644 include/sessionlink.h include/sessionlink.hpp "$PREFIX/include/"
install -m 0644 include/sessionlink/*.hpp "$PREFIX/include/sessionlink/"

# The shared library, by system: its files, and what CMake is told about it.
case "$OS" in
  linux | macos)
    if [ "$OS" = linux ]; then
      soname="libsessionlink.so.$abi" real="libsessionlink.so.$version" dev="libsessionlink.so" built="libsessionlink.so"
      built_name=$(objdump -p "$LIBDIR/$built" | awk '$1 == "SONAME" { print $2 }')
      cmake_soname=$soname
    else
      soname="libsessionlink.$abi.dylib" real="libsessionlink.$version.dylib" dev="libsessionlink.dylib" built="libsessionlink.dylib"
      built_name=$(otool -D "$LIBDIR/$built" | tail -1 | sed 's|^@rpath/||')
      cmake_soname="@rpath/$soname"
    fi
    if [ "$built_name" != "$soname" ]; then
      echo "install-c: the library's ABI name is '$built_name', expected $soname (bindings-c/build.rs)" >&2
      exit 1
    fi
    rm -f "$PREFIX/lib/$dev" "$PREFIX/lib/$soname" "$PREFIX/lib/$real"
    install -m 0755 "$LIBDIR/$built" "$PREFIX/lib/$real"
    ln -s "$real" "$PREFIX/lib/$soname"
    ln -s "$soname" "$PREFIX/lib/$dev"
    install -m 0644 "$LIBDIR/libsessionlink.a" "$PREFIX/lib/"
    static="libsessionlink.a"
    cmake_shared="IMPORTED_LOCATION \"\${_sessionlink_prefix}/lib/$real\"
    IMPORTED_SONAME \"$cmake_soname\""
    ;;
  windows)
    soname="sessionlink.dll"
    install -d "$PREFIX/bin"
    install -m 0755 "$LIBDIR/sessionlink.dll" "$PREFIX/bin/"
    install -m 0644 "$LIBDIR/sessionlink.dll.lib" "$LIBDIR/sessionlink.lib" "$PREFIX/lib/"
    static="sessionlink.lib"
    cmake_shared="IMPORTED_LOCATION \"\${_sessionlink_prefix}/bin/sessionlink.dll\"
    IMPORTED_IMPLIB \"\${_sessionlink_prefix}/lib/sessionlink.dll.lib\""
    ;;
esac
if [ "$EMULATOR" = 1 ]; then
  cargo build --locked "${profile_flag[@]}" -q -p sessionlink-emulator --bin sessionlink-emulator
  exe=""
  [ "$OS" = windows ] && exe=".exe"
  install -d "$PREFIX/bin"
  install -m 0755 "$LIBDIR/sessionlink-emulator$exe" "$PREFIX/bin/"
fi

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
# The C++ API is headers over the C library: its .pc adds nothing but the requirement.
cat > "$PREFIX/lib/pkgconfig/sessionlink-cxx.pc" <<PC
prefix=\${pcfiledir}/../..
includedir=\${prefix}/include

Name: sessionlink-cxx
Description: The C++17 API of sessionlink (header-only over libsessionlink)
Version: $version
Requires: sessionlink = $version
Cflags: -I\${includedir}
PC

# CMake: the system libraries as link items (-lpthread -> pthread, "-framework Security" kept
# whole, ws2_32.lib -> ws2_32; MSVC's /defaultlib: flags are its default anyway).
read -ra flags <<<"$native"
cmake_libs=""
for ((i = 0; i < ${#flags[@]}; i++)); do
  flag=${flags[i]}
  case "$flag" in
    -framework) i=$((i + 1)); cmake_libs="$cmake_libs;-framework ${flags[i]}" ;;
    -l*) cmake_libs="$cmake_libs;${flag#-l}" ;;
    /defaultlib:*) ;;
    *.lib) cmake_libs="$cmake_libs;${flag%.lib}" ;;
    *) cmake_libs="$cmake_libs;$flag" ;;
  esac
done
cmake_libs=${cmake_libs#;}
cat > "$PREFIX/lib/cmake/sessionlink/sessionlinkConfig.cmake" <<CMAKE
# sessionlink $version: find_package(sessionlink) defines
#   sessionlink::sessionlink         the shared library ($soname)
#   sessionlink::sessionlink_static  the static library, with the system libraries it needs
#   sessionlink::sessionlink_cxx     the C++17 API (sessionlink.hpp) over the shared library
#   sessionlink::sessionlink_cxx_static  the same over the static library
# All carry the include directory. Relocatable: paths are relative to this file.
get_filename_component(_sessionlink_prefix "\${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT TARGET sessionlink::sessionlink)
  add_library(sessionlink::sessionlink SHARED IMPORTED)
  set_target_properties(sessionlink::sessionlink PROPERTIES
    $cmake_shared
    INTERFACE_INCLUDE_DIRECTORIES "\${_sessionlink_prefix}/include")
endif()

if(NOT TARGET sessionlink::sessionlink_static)
  add_library(sessionlink::sessionlink_static STATIC IMPORTED)
  set_target_properties(sessionlink::sessionlink_static PROPERTIES
    IMPORTED_LOCATION "\${_sessionlink_prefix}/lib/$static"
    IMPORTED_LINK_INTERFACE_LANGUAGES "C"
    INTERFACE_INCLUDE_DIRECTORIES "\${_sessionlink_prefix}/include"
    INTERFACE_LINK_LIBRARIES "$cmake_libs")
endif()

# The C++17 API: headers only, over the shared or the static library.
if(NOT TARGET sessionlink::sessionlink_cxx)
  add_library(sessionlink::sessionlink_cxx INTERFACE IMPORTED)
  set_target_properties(sessionlink::sessionlink_cxx PROPERTIES
    INTERFACE_COMPILE_FEATURES cxx_std_17
    INTERFACE_LINK_LIBRARIES sessionlink::sessionlink)
endif()
if(NOT TARGET sessionlink::sessionlink_cxx_static)
  add_library(sessionlink::sessionlink_cxx_static INTERFACE IMPORTED)
  set_target_properties(sessionlink::sessionlink_cxx_static PROPERTIES
    INTERFACE_COMPILE_FEATURES cxx_std_17
    INTERFACE_LINK_LIBRARIES sessionlink::sessionlink_static)
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
echo "installed sessionlink $version ($PROFILE, $OS, ABI name $soname) under $PREFIX"
