#!/usr/bin/env bash
# Installs the system packages the test suites need, only those that are missing, so a
# fresh machine and a warm one both end up with the same tools.
set -euo pipefail

PACKAGES=(
  cmake          # the C example project
  pkg-config     # finds the installed libsessionlink
  valgrind       # C tests run under memcheck
  g++            # the C++17 header check and test
  clang          # the C++ API's suite is also built with clang++ (and its sanitizers)
  python3-venv   # the Python test environment
  openssl        # docs/security.md makes a private CA for its TLS example
  chromium       # the documentation site's browser check (tests/site/check.mjs)
  tinyproxy      # the proxy the proxy tests start on 127.0.0.1 (core/tests/proxy*.rs, Python, C)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-system: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
