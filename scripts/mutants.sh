#!/usr/bin/env bash
# Mutation testing (slow; a habit, not part of the test command). cargo-mutants plants small
# bugs in core or in the emulator one at a time and runs the Rust suites against each; a
# mutant no test notices is a test gap. Each survivor is then re-run (scripts/mutants/recheck.py)
# against the current tree, where it counts as caught only when the same test fails twice: by
# the Rust suite, the conformance suite (the Rust suite's exchanges validated against the
# contracts), and, for a survivor in a function the bindings call by name, the Python and C
# suites. What still survives is killed by a new test or listed in tests/mutants-equivalent.txt
# with the reason it cannot be observed.
#
#   bash scripts/mutants.sh core|emulator [--shard K/N] [--rev REV] [-- cargo-mutants arguments]
#   bash scripts/mutants.sh --recheck core|emulator [--shard K/N]
#
# core mutates crate sessionlink and runs its tests; emulator mutates sessionlink-emulator and
# runs the tests of both crates (core's integration tests are the emulator's main users).
# The mutants come from REV (default HEAD) as committed, so that every shard of one run (all
# started with the same REV and N) divides the same list; shards take every N-th mutant, so
# each one samples every file. --recheck re-runs the survivors of
# a finished run against the current HEAD (after tests were added) and rewrites its summary.
# Output in target/mutants/<name>/; a shard's summary also in tests/mutants/<name>.md, where
# <name> is core-shard-K-of-N (or core-all). Prints the score; exits 1 on an unexplained survivor.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VERSION=27.1.0
TOOLS=$ROOT/.tools
COMMAND="bash scripts/mutants.sh $*"

recheck_only=no
if [ "${1:-}" = "--recheck" ]; then
  recheck_only=yes
  shift
fi
what=${1:-}
case $what in
  core) PACKAGES=(--package sessionlink) ;;
  emulator) PACKAGES=(--package sessionlink-emulator --test-package sessionlink,sessionlink-emulator) ;;
  *) echo "usage: scripts/mutants.sh [--recheck] core|emulator [--shard K/N] [--rev REV] [-- cargo-mutants arguments]" >&2; exit 2 ;;
esac
shift
shard=
rev=HEAD
while [ $# -gt 0 ]; do
  case $1 in
    --shard) shard=$2; shift 2 ;;
    --rev) rev=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "mutants: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -n "$shard" ]; then
  [[ $shard =~ ^([0-9]+)/([0-9]+)$ ]] || { echo "mutants: --shard K/N" >&2; exit 2; }
  name="$what-shard-${BASH_REMATCH[1]}-of-${BASH_REMATCH[2]}"
else
  name="$what-all"
fi
OUT=$ROOT/target/mutants/$name

if [ $recheck_only = no ]; then
  if ! "$TOOLS/bin/cargo-mutants" mutants --version 2>/dev/null | grep -qx "cargo-mutants $VERSION"; then
    CARGO_TARGET_DIR="$ROOT/target/tools-build" timeout 1800 \
      cargo install cargo-mutants --version "=$VERSION" --locked --root "$TOOLS" --quiet
  fi
  commit=$(git rev-parse --verify "$rev^{commit}")
  rm -rf "$OUT"
  mkdir -p "$OUT/src"
  git archive "$commit" | tar -x -C "$OUT/src"
  printf '{"command": "%s", "commit": "%s", "started": "%s"}\n' "$COMMAND" "$commit" "$(date -u +%FT%TZ)" > "$OUT/run.json"

  # nextest (when installed) runs the test binaries in parallel and stops at the first failure.
  TEST_TOOL=()
  if cargo nextest --version >/dev/null 2>&1; then
    TEST_TOOL=(--test-tool nextest)
  fi
  # `mutants` profile: no debug info, so the test binaries each mutant relinks link fast. One
  # target directory for every run keeps the dependencies built once.
  set +e
  CARGO_TARGET_DIR="$ROOT/target/mutants-build" timeout 172800 "$TOOLS/bin/cargo-mutants" mutants \
    --dir "$OUT/src" "${PACKAGES[@]}" --profile mutants --output "$OUT" \
    --timeout 300 --build-timeout 900 --no-shuffle ${shard:+--shard "$shard" --sharding round-robin} \
    ${TEST_TOOL[@]+"${TEST_TOOL[@]}"} "$@"
  status=$?
  set -e
  # 0: all caught; 2: some missed; 3: some timed out (counted as caught: the suite noticed).
  case $status in 0|2|3) ;; *) echo "mutants: cargo-mutants failed ($status)" >&2; exit "$status" ;; esac
  python3 - "$OUT/run.json" <<'PY'
import json, sys, time
run = json.load(open(sys.argv[1]))
run["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
json.dump(run, open(sys.argv[1], "w"))
PY
fi

[ -f "$OUT/mutants.out/outcomes.json" ] || { echo "mutants: no finished run in $OUT" >&2; exit 2; }
# The re-runs use HEAD's suites, whose tests may need tools the run's commit did not (tinyproxy).
timeout 1800 bash scripts/setup-system.sh
python3 scripts/mutants/recheck.py "$what" "$OUT"
summary=()
[ -n "$shard" ] && summary=(--write "tests/mutants/$name.md")
status=0
python3 scripts/mutants/summary.py "$OUT" tests/mutants-equivalent.txt ${summary[@]+"${summary[@]}"} || status=$?
[ -n "$shard" ] && python3 scripts/mutants/total.py >/dev/null
exit $status
