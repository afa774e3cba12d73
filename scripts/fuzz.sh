#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz and libFuzzer on the installed nightly toolchain) of the
# model decoders, the socket message parser, the session-list frame scanner, the
# Authorization header and URL building: the targets in fuzz/fuzz_targets/, each asserting
# properties (lossless round trips, agreement with serde_json, one segment per id), not only
# "no crash". A finding fails the run; the input that found it is in target/fuzz/artifacts/.
#
#   bash scripts/fuzz.sh --smoke                   every target for 20 s (the test command)
#   bash scripts/fuzz.sh [--seconds N] [TARGET...] each target for N s (default 600), one after another
#
# New inputs go to target/fuzz/corpus/<target>; the committed seeds in fuzz/corpus/<target>
# (made by fuzz/seeds.py) are read, never written.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
lock_before=$(sha256sum < fuzz/Cargo.lock)
VERSION=0.13.2
TOOLS=$ROOT/.tools
seconds=600
targets=()
# The smoke run uses a fixed seed: CI walks the same inputs every time (a prefix of them on a
# slower machine), so a finding there is one a developer reproduces, not a roll of the dice.
seed=()
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) seconds=20; seed=(-seed=1); shift ;;
    --seconds) seconds=$2; shift 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: the nightly toolchain is missing (rustup toolchain install nightly)" >&2
  exit 1
fi
if ! "$TOOLS/bin/cargo-fuzz" --version 2>/dev/null | grep -qx "cargo-fuzz $VERSION"; then
  CARGO_TARGET_DIR="$ROOT/target/tools-build" timeout 1800 \
    cargo install cargo-fuzz --version "=$VERSION" --locked --root "$TOOLS" --quiet
fi
export PATH="$TOOLS/bin:$PATH"
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list --fuzz-dir fuzz)

OUT=$ROOT/target/fuzz
if ! timeout 3600 cargo +nightly fuzz build --fuzz-dir fuzz --target-dir "$OUT/build" >"$OUT-build.log" 2>&1; then
  tail -n 30 "$OUT-build.log" >&2
  echo "fuzz: build failed" >&2
  exit 1
fi
# cargo fuzz build has no --locked: a lock file the build had to rewrite (a dependency core
# gained since) means the targets were built from versions nobody committed.
if [ "$(sha256sum < fuzz/Cargo.lock)" != "$lock_before" ]; then
  echo "fuzz: the build rewrote fuzz/Cargo.lock (it was stale): commit the one it wrote" >&2
  exit 1
fi
for target in "${targets[@]}"; do
  mkdir -p "$OUT/corpus/$target" "$OUT/artifacts/$target"
  echo "== fuzz: $target for ${seconds}s"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: bounded memory is a property too.
  set +e
  timeout $((seconds + 600)) cargo +nightly fuzz run --fuzz-dir fuzz --target-dir "$OUT/build" "$target" \
    "$OUT/corpus/$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" ${seed[@]+"${seed[@]}"} -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$OUT/artifacts/$target/" >"$OUT/$target.log" 2>&1
  status=$?
  set -e
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)" "$OUT/$target.log" || true
  if [ $status -ne 0 ]; then
    grep -E -A20 "panicked|ERROR: libFuzzer|==[0-9]+==ERROR" "$OUT/$target.log" | head -n 40 >&2 || tail -n 40 "$OUT/$target.log" >&2
    echo "fuzz: $target failed (log: $OUT/$target.log; input: $OUT/artifacts/$target/)" >&2
    exit 1
  fi
done
echo "== fuzz: ${#targets[@]} targets, no finding"
