"""Re-runs each surviving mutant of a cargo-mutants run against the current tree.

A survivor counts as caught only when the same test fails twice with the mutant applied:
a flaky test must not inflate the score. The votes, in order, stopping at the first catch:

- the Rust suite of the run (core; core and the emulator for an emulator run);
- the conformance suite on the exchanges that Rust run logged (fails twice = caught);
- the Python suite, for a survivor in a function the Python binding names;
- the C suite, for a survivor in a function the C binding (or, for the emulator, the
  emulator binary the C tests drive) names.

"Names" is by identifier: the function's own name, and for a method also its type, appear in
the binding's sources. Generic trait methods (fmt, eq, from, ...) need their type named.

    python3 scripts/mutants/recheck.py core|emulator OUT_DIR

A survivor whose diff no longer applies (its code moved since the run's commit) is ported:
HEAD's own list of mutants is asked for the same change (same file, function and replacement,
and, where the function has several such, the same place within the function), and that
mutant's diff is applied instead; the verdict names HEAD's line. A change with no such twin at
HEAD (the code was rewritten) is re-run as the twin tests/mutants-ported.txt names for it, a
pairing made by hand after reading both; without one it stays unported and is reported as such.

A survivor an earlier re-run (with a passing unmutated tree) caught stays caught, and one
listed in tests/mutants-equivalent.txt is not run again.

Work happens in OUT_DIR/recheck-tree (the committed HEAD, re-extracted on each call; its
.venv is kept), never in the working tree. Verdicts go to OUT_DIR/recheck.json.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TREE = Path()  # OUT_DIR/recheck-tree, set by main(): one per run, so that runs can overlap
TARGET = ROOT / "target/mutants-recheck"
GENERIC = {"fmt", "eq", "ne", "from", "into", "default", "drop", "clone", "hash", "cmp", "partial_cmp", "deref",
           "as_ref", "borrow", "serialize", "deserialize", "next", "poll", "call", "try_from", "from_str"}
BINDINGS = {
    "python": ["bindings-python/src", "bindings-python/python"],
    "c": ["bindings-c/src"],
}
EMULATOR_FRONTS = {"python": ["bindings-python/src", "bindings-python/python"], "c": ["emulator/src/bin"]}


def run(cmd: list[str], log: Path, env: dict[str, str] | None = None, timeout: int = 3600) -> tuple[int, str]:
    """Runs `cmd` in the tree; returns its status and output (also written to `log`)."""
    full_env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET), **(env or {}))
    try:
        proc = subprocess.run(cmd, cwd=TREE, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, errors="replace", timeout=timeout)
        status, out = proc.returncode, proc.stdout
    except subprocess.TimeoutExpired as e:
        status, out = 124, (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        out += f"\n[timed out after {timeout} s]\n"
    log.write_text(out)
    return status, out


def rust_failures(out: str) -> set[str]:
    """`binary::test` for each failed Rust test; `build` when nothing could run."""
    failed, binary = set(), "?"
    for line in out.splitlines():
        m = re.match(r"\s+Running (?:unittests )?(\S+)", line)
        if m:
            binary = m.group(1)
        elif line.startswith("   Doc-tests "):
            binary = "doctests"
        m = re.match(r"test (.+) \.\.\. FAILED$", line)
        if m:
            failed.add(f"{binary}::{m.group(1)}")
    if not failed and ("could not compile" in out or "error[E" in out):
        failed.add("build")
    return failed


def rust_suite(what: str, log: Path, env: dict[str, str] | None = None) -> str:
    """The run's Rust suite (core; core and the emulator for an emulator run); its output."""
    packages = ["-p", "sessionlink"] + (["-p", "sessionlink-emulator"] if what == "emulator" else [])
    _, out = run(["timeout", "1800", "cargo", "test", "--locked", "--profile", "mutants", *packages, "--no-fail-fast"],
                 log, env=env)
    return out


def identifiers(dirs: list[str]) -> set[str]:
    words: set[str] = set()
    for d in dirs:
        for path in (ROOT / d).rglob("*"):
            if path.suffix in {".rs", ".py", ".pyi"} and path.is_file():
                words.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", path.read_text(errors="replace")))
    return words


def named_by(function: str, words: set[str]) -> bool:
    """Whether a binding names `function` (cargo-mutants' name: `Type::method`,
    `<impl Trait for Type>::method` or `free_fn`)."""
    m = re.match(r"<impl (?:.* for )?([A-Za-z_][\w:]*?)(?:<.*>)?>::(\w+)$", function)
    if m:
        owner, name = m.group(1).split("::")[-1], m.group(2)
    else:
        parts = function.split("::")
        owner, name = (parts[-2] if len(parts) > 1 else None), parts[-1]
    if name not in words:
        return False
    if name in GENERIC or name == "new":
        return owner is not None and owner in words
    return True


def fresh_tree(head: str) -> None:
    TREE.mkdir(parents=True, exist_ok=True)
    for entry in TREE.iterdir():
        if entry.name in {".venv", ".tools"}:
            continue
        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", head], check=True, stdout=subprocess.PIPE).stdout
    # -m: every file dated now, newer than any artifact in the shared target directory (built
    # from another tree, or a mutated file), so that cargo rebuilds from this tree.
    subprocess.run(["tar", "-x", "-m", "-C", str(TREE)], input=archive, check=True)
    if not (TREE / ".tools").exists():
        (TREE / ".tools").symlink_to(ROOT / ".tools")


def listed_mutants(tree: Path, what: str) -> list[dict]:
    """cargo-mutants' own list of the mutants of `tree`, with their diffs."""
    package = "sessionlink" if what == "core" else "sessionlink-emulator"
    listed = subprocess.run([str(ROOT / ".tools/bin/cargo-mutants"), "mutants", "--list", "--json", "--diff",
                             "--dir", str(tree), "--package", package], capture_output=True, text=True, check=True)
    return json.loads(listed.stdout)


def unplaced(name: str) -> str:
    """A mutant's name without its line and column."""
    return re.sub(r"^([^:]+):\d+:\d+: ", r"\1: ", name)


def changed_lines(mutant: dict) -> list[str]:
    """The lines a mutant's diff removes and adds (not its context or line numbers); for a
    replaced function body only the replacement (the body it replaces may have changed)."""
    kept = "+" if mutant.get("genre") == "FnValue" else "+-"
    return [line for line in mutant["diff"].splitlines()[2:] if line[:1] in kept]


def twin(mutant: dict, then: list[dict], now: list[dict], by_hand: dict[str, str] | None = None) -> dict | None:
    """HEAD's mutant making the same change as `mutant` (one of `then`, the run's list), or None.

    The same change at several places of one function pairs by order, when HEAD has as many;
    either way the lines the two diffs change must be the same. Failing that, `by_hand` (from
    tests/mutants-ported.txt) may name HEAD's twin of a line that was rewritten since: a
    person read both and vouches that they make the same change to the same logic."""
    key = unplaced(mutant["name"])
    before = [m for m in then if unplaced(m["name"]) == key]
    after = [m for m in now if unplaced(m["name"]) == key]
    names = [m["name"] for m in before]
    if len(before) == len(after) and mutant["name"] in names:
        index = names.index(mutant["name"])
        if changed_lines(after[index]) == changed_lines(before[index]):
            return after[index]
    named = (by_hand or {}).get(mutant["name"])
    return next((m for m in now if m["name"] == named), None)


def hand_ported(path: Path) -> dict[str, str]:
    """tests/mutants-ported.txt: the run's mutant name, "  =>  ", HEAD's, then "  # " and why."""
    pairs = {}
    for line in path.read_text().splitlines() if path.exists() else []:
        if not line or line.startswith("#"):
            continue
        then, sep, now = line.partition("  # ")[0].partition("  =>  ")
        if not sep or not now.strip():
            raise SystemExit(f"recheck: {path}: no '  =>  ' pair in {line!r}")
        pairs[then.strip()] = now.strip()
    return pairs


class Survivor:
    def __init__(self, what: str, out: Path, logs: Path, outcome: dict, head: str) -> None:
        self.head = head
        self.mutant = outcome["scenario"]["Mutant"]
        self.name: str = self.mutant["name"]
        self.diff = out / "mutants.out" / outcome["diff_path"]
        self.what = what
        self.logs = logs / Path(outcome["diff_path"]).stem
        shutil.rmtree(self.logs, ignore_errors=True)
        self.logs.mkdir(parents=True)

    def rust(self, attempt: int) -> tuple[set[str], Path]:
        exchanges = self.logs / f"exchanges-{attempt}"
        shutil.rmtree(exchanges, ignore_errors=True)
        out = rust_suite(self.what, self.logs / f"rust-{attempt}.log", {"SESSIONLINK_EXCHANGE_LOG": str(exchanges)})
        return rust_failures(out), exchanges

    def conformance(self, exchanges: Path, attempt: int) -> bool:
        status, _ = run([str(TREE / ".venv/bin/python"), "tests/conformance/validate.py", "--no-coverage",
                         "--log", f"rust={exchanges}"], self.logs / f"conformance-{attempt}.log", timeout=900)
        return status != 0

    def python(self) -> str | None:
        status, out = run(["bash", "tests/python/run.sh", "-rf"], self.logs / "python-1.log", timeout=5400)
        failed = re.findall(r"^FAILED (\S+)", out, re.M)
        # A failure before pytest (a stale stub, a typing error) names no test to run again.
        if status == 0 or not failed:
            return None
        status, out = run([".venv/bin/python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--timeout", "60",
                           "-rf", *failed], self.logs / "python-2.log", timeout=3600)
        again = sorted(set(failed) & set(re.findall(r"^FAILED (\S+)", out, re.M)))
        return f"python: {', '.join(again)}" if again else None

    def c(self) -> str | None:
        status, out = run(["bash", "tests/c/run.sh"], self.logs / "c-1.log", env={"SL_C_TESTS_ONLY": "1"},
                          timeout=5400)
        failed = sorted(set(re.findall(r"^FAIL (\S+)$", out, re.M)))
        if status == 0 or not failed:
            return None
        again = []
        emulator = str(TARGET / "debug/sessionlink-emulator")
        for test in failed:
            status, _ = run(["timeout", "300", "tests/c/build/sl_tests", test], self.logs / f"c-2-{test}.log",
                            env={"SESSIONLINK_EMULATOR": emulator})
            if status != 0:
                again.append(test)
        return f"c: {', '.join(again)}" if again else None

    def apply(self, diff: Path) -> str | None:
        """Patches the mutated file (by name: the diff's "+++" line names the mutant, not a file);
        the error, with HEAD's file put back, when the diff does not apply."""
        file = self.mutant["file"]
        applied = subprocess.run(["patch", "--batch", "--forward", "-s", file, "-i", str(diff)], cwd=TREE,
                                 capture_output=True, text=True)
        if applied.returncode == 0:
            return None
        # A half-applied patch leaves the file changed: put HEAD's back.
        original = subprocess.run(["git", "-C", str(ROOT), "show", f"{self.head}:{file}"], stdout=subprocess.PIPE,
                                  check=True).stdout
        (TREE / file).write_bytes(original)
        return (applied.stdout + applied.stderr).strip()

    def recheck(self, python_words: set[str], c_words: set[str], lists: dict[str, list[dict]]) -> dict:
        verdict = {"name": self.name, "caught": None, "votes": []}
        error = self.apply(self.diff)
        if error:
            found = twin(self.mutant, lists["then"], lists["now"], lists["by_hand"])
            if found is None:
                named = lists["by_hand"].get(self.name)
                verdict["error"] = (f"tests/mutants-ported.txt names {named} as its twin, which HEAD does not have"
                                    if named else
                                    "the mutant's diff does not apply to HEAD and HEAD has no twin of it: " + error)
                return verdict
            self.diff = self.logs / "ported.diff"
            self.diff.write_text(found["diff"])
            error = self.apply(self.diff)
            if error:
                verdict["error"] = f"HEAD's twin {found['name']} does not apply: {error}"
                return verdict
            verdict["ported"] = found["name"]
        file = self.mutant["file"]
        try:
            first, exchanges = self.rust(1)
            verdict["votes"].append("rust")
            if first:
                second, _ = self.rust(2)
                both = sorted(first & second)
                if both:
                    verdict["caught"] = "rust: " + ", ".join(both)
                    return verdict
            elif self.conformance(exchanges, 1):
                _, exchanges = self.rust(2)
                if self.conformance(exchanges, 2):
                    verdict["caught"] = "conformance"
                    return verdict
            function = (self.mutant.get("function") or {}).get("function_name", "")
            for vote, words, suite in (("python", python_words, self.python), ("c", c_words, self.c)):
                if named_by(function, words):
                    verdict["votes"].append(vote)
                    verdict["caught"] = suite()
                    if verdict["caught"]:
                        break
            return verdict
        finally:
            subprocess.run(["patch", "--batch", "-R", "-s", file, "-i", str(self.diff)], cwd=TREE, check=True)


def equivalent_names(path: Path) -> set[str]:
    return {line.partition("  # ")[0].strip() for line in path.read_text().splitlines()
            if line and not line.startswith("#")}


def previous_verdicts(out: Path) -> list[dict]:
    """The verdicts of an earlier re-run of this run, each naming the HEAD it ran against."""
    path = out / "recheck.json"
    if not path.exists():
        return []
    earlier = json.loads(path.read_text())
    if isinstance(earlier, list):
        return earlier
    return [dict(v, head=v.get("head") or earlier.get("head")) for v in earlier["verdicts"]]


def main() -> int:
    global TREE
    what, out = sys.argv[1], Path(sys.argv[2])
    TREE = out / "recheck-tree"
    outcomes = json.loads((out / "mutants.out/outcomes.json").read_text())["outcomes"]
    missed = [o for o in outcomes if o["summary"] == "MissedMutant" and o.get("diff_path")]
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    # A survivor an earlier re-run caught stays caught (tests are added, not weakened), if that
    # re-run's unmutated tree passed (an earlier version did not check).
    verdicts = [v for v in previous_verdicts(out) if v.get("caught") and v.get("baseline") == "passed"]
    caught = {v["name"] for v in verdicts}
    # A survivor already listed as equivalent (with its reason) is not run again: only a
    # re-run that could change its verdict is worth a Python and a C suite.
    listed = equivalent_names(ROOT / "tests/mutants-equivalent.txt") - caught
    names = [o["scenario"]["Mutant"]["name"] for o in missed]
    skipped = [name for name in names if name in listed]
    verdicts += [{"name": name, "caught": None, "votes": [], "listed": True} for name in skipped]
    missed = [o for o, name in zip(missed, names) if name not in caught and name not in listed]
    if missed:
        # One re-check at a time: they share a target directory (and a machine).
        lock = open(ROOT / "target/mutants/recheck.lock", "w")
        fcntl.flock(lock, fcntl.LOCK_EX)
        print(f"== mutants: re-running {len(missed)} survivors against HEAD ({len(caught)} caught "
              f"by earlier re-runs, {len(skipped)} listed as equivalent)", flush=True)
        fresh_tree(head)
        if not (TREE / ".venv/bin/python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(TREE / ".venv")], check=True)
        subprocess.run([str(TREE / ".venv/bin/python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "-r", "tests/conformance/requirements.txt"], cwd=TREE, check=True)
        # A test that fails without any mutant (a tool the machine lacks) would "catch" every
        # survivor twice: the unmutated tree must pass first.
        (out / "recheck").mkdir(parents=True, exist_ok=True)
        baseline = rust_suite(what, out / "recheck" / "baseline.log")
        if rust_failures(baseline) or "test result: ok" not in baseline:
            print(f"mutants: the unmutated tree fails {sorted(rust_failures(baseline)) or 'to test'} "
                  f"(see {out / 'recheck' / 'baseline.log'}): nothing re-run", file=sys.stderr)
            return 2
        fronts = EMULATOR_FRONTS if what == "emulator" else BINDINGS
        python_words, c_words = identifiers(fronts["python"]), identifiers(fronts["c"])
        logs = out / "recheck"
        lists = {"then": listed_mutants(out / "src", what), "now": listed_mutants(TREE, what),
                 "by_hand": hand_ported(ROOT / "tests/mutants-ported.txt")}
        for outcome in missed:
            survivor = Survivor(what, out, logs, outcome, head)
            verdict = survivor.recheck(python_words, c_words, lists)
            verdict["head"] = head
            verdict["baseline"] = "passed"
            ported = f", ported to {verdict['ported']}" if verdict.get("ported") else ""
            print(f"  {verdict['caught'] or 'survives'}: {survivor.name} (votes: {', '.join(verdict['votes'])}{ported})",
                  flush=True)
            verdicts.append(verdict)
            # Written after each survivor, so that an interrupted run keeps what it found.
            (out / "recheck.json").write_text(json.dumps({"head": head, "verdicts": verdicts}, indent=1))
    (out / "recheck.json").write_text(json.dumps({"head": head, "verdicts": verdicts}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
