#!/usr/bin/env bash
# Builds what Python users install and checks it the way they will use it:
#  1. a release abi3 wheel tagged manylinux2014 (linked with zig against glibc 2.17, so it
#     installs on older systems than the build machine; maturin's auditwheel check refuses
#     a wheel that needs more) and an sdist, with their metadata checked by twine;
#  2. the wheel installed into a clean virtual environment with no Rust toolchain on PATH
#     and no access to the source tree, where tests/dist/smoke.py runs;
#  3. a wheel built from the sdist alone (what `pip install` does without a wheel), smoke
#     tested the same way.
# Called by scripts/test.sh. Output in target/dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=$ROOT/target/dist
TOOLS=$ROOT/.venv-dist
PY=${PYTHON:-python3}

if [ ! -x "$TOOLS/bin/python" ]; then
  "$PY" -m venv "$TOOLS"
fi
# The build tools, pinned: maturin (with its auditwheel check), zig for manylinux linking,
# twine for the metadata check.
timeout 900 "$TOOLS/bin/python" -m pip install -q --disable-pip-version-check \
  maturin==1.9.6 ziglang==0.13.0 twine==6.2.0

rm -rf "$DIST"
mkdir -p "$DIST"
echo "-- dist: release abi3 wheel for manylinux2014 (zig)"
# maturin finds zig through the `ziglang` module of the python first on PATH.
PATH="$TOOLS/bin:$PATH" timeout 3600 "$TOOLS/bin/maturin" build --release --locked --zig \
  --compatibility manylinux2014 --interpreter "$PY" --out "$DIST"
echo "-- dist: sdist"
timeout 600 "$TOOLS/bin/maturin" sdist --out "$DIST"
timeout 300 "$TOOLS/bin/twine" check --strict "$DIST"/*
WHEEL=$(ls "$DIST"/*.whl)
SDIST=$(ls "$DIST"/*.tar.gz)
case "$(basename "$WHEEL")" in
  *-cp310-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl) ;;
  *) echo "dist: unexpected wheel tag: $(basename "$WHEEL")" >&2; exit 1 ;;
esac
echo "dist: $(basename "$WHEEL") $(stat -c %s "$WHEEL") bytes; $(basename "$SDIST") $(stat -c %s "$SDIST") bytes"

# smoke DIRECTORY WHEEL: a new venv in DIRECTORY, the wheel installed from the file alone
# (no index), the smoke test run from a directory outside the source tree, with a PATH that
# has no cargo or rustc.
smoke() {
  local dir=$1 wheel=$2
  "$PY" -m venv "$dir/venv"
  local clean_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  if env -i PATH="$clean_path" sh -c 'command -v cargo || command -v rustc' >/dev/null; then
    echo "dist: a Rust toolchain is on the clean PATH; the smoke test would not prove anything" >&2
    exit 1
  fi
  env -i HOME="$dir" PATH="$clean_path" "$dir/venv/bin/python" -m pip install -q --no-index \
    --disable-pip-version-check "$wheel"
  cp tests/dist/smoke.py "$dir/smoke.py"
  (cd "$dir" && env -i HOME="$dir" PATH="$clean_path" timeout 300 "$dir/venv/bin/python" smoke.py)
}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "-- dist: the wheel in a clean venv without Rust"
mkdir -p "$WORK/wheel"
smoke "$WORK/wheel" "$WHEEL"

echo "-- dist: a wheel built from the sdist alone, then the same smoke test"
mkdir -p "$WORK/sdist-src" "$WORK/from-sdist"
tar -xzf "$SDIST" -C "$WORK/sdist-src"
# Built outside the repository, from the unpacked sdist only, with the same flags as the wheel
# above and its target directory, so that the dependencies are not compiled again. Not
# `--locked`: the sdist's workspace has only the Python package's crates, so cargo prunes the
# lock entries of the others (tools, the C library) as pip's build does. `--offline` and the
# check after it make sure that pruning is all it did: every crate built is the locked version.
SDIST_SRC=$(ls -d "$WORK/sdist-src"/sessionlink-*)
cp "$SDIST_SRC/Cargo.lock" "$WORK/sdist.lock"
(cd "$SDIST_SRC" && PATH="$TOOLS/bin:$PATH" CARGO_TARGET_DIR="$ROOT/target" timeout 3600 \
  "$TOOLS/bin/maturin" build --release --offline --zig --compatibility manylinux2014 --interpreter "$PY" \
  --out "$WORK/from-sdist")
"$PY" - "$WORK/sdist.lock" "$SDIST_SRC/Cargo.lock" <<'PYEOF'
import re, sys
# Python 3.10 has no tomllib; a lock file's packages are `name = "..."` then `version = "..."`.
entry = re.compile(r'^name = "([^"]+)"\nversion = "([^"]+)"$', re.M)
locked, used = (set(entry.findall(open(f).read())) for f in sys.argv[1:])
drift = sorted(used - locked)
if drift:
    sys.exit(f"dist: the sdist build used crates its Cargo.lock does not lock: {drift}")
print(f"dist: the sdist build used {len(used)} of its {len(locked)} locked crates, all at the locked versions")
PYEOF
mkdir -p "$WORK/sdist"
smoke "$WORK/sdist" "$(ls "$WORK/from-sdist"/*.whl)"
echo "-- dist: the Rust crates as crates.io would receive them (packaged together, built from the packages)"
# The core's tests use the emulator crate, so both are packaged in one command: cargo then
# resolves the core's dev-dependency on the emulator from the packaged emulator.
timeout 3600 cargo package --locked -q -p sessionlink-emulator -p sessionlink --allow-dirty
echo "-- dist: all checks passed"
