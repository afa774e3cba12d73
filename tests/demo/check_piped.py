"""Runs `scripts/demo.sh` as a newcomer's first command piped into another program would: its
output must be plain lines (no progress bar, no colour, no carriage return), the set-up's
step lines first, in order, then the demo's own output, with nothing on standard error.
Run by tests/demo/run.sh after the Python suite (so the build is warm)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The set-up's lines, in order. `creating .venv` comes first only on a machine without one.
STEPS = [
    r"demo: setting up \.venv and building sessionlink \(scripts/setup-python\.sh\)",
    r"(setup-python: creating \.venv with Python 3\.\d+\.\d+\n)?"
    r"setup-python: installing the Python tools of requirements-dev\.txt into \.venv",
    r"setup-python: building the extension with maturin \((seconds when nothing changed|about 4 minutes .*)\)",
    r"setup-python: sessionlink \d+\.\d+\.\d+\S* on Python 3\.\d+\.\d+",
    r"demo: running the demo against the embedded emulator",
]
# Any control character but the newline: ANSI escapes, carriage returns of progress bars.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def main() -> int:
    run = subprocess.run(
        ["bash", "scripts/demo.sh"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, timeout=3000, check=False,
    )
    out = run.stdout.decode("utf-8")
    err = run.stderr.decode("utf-8")
    problems = []
    if run.returncode != 0:
        problems.append(f"exit status {run.returncode}")
    head = re.match("\n".join(STEPS) + "\n", out)
    if head is None:
        problems.append("the output does not start with the set-up's step lines")
    else:
        demo = out[head.end():]
        if not demo.startswith("Embedded emulator at http://127.0.0.1:") or "\n== Jellyfin: log in as alice\n" not in demo:
            problems.append("the demo's output does not follow the step lines")
    for name, text in (("stdout", out), ("stderr", err)):
        for match in CONTROL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"{name} line {line}: control character {match.group()!r}")
            break
    if err:
        problems.append("standard error is not empty")
    if problems:
        print(f"--- stdout\n{out}--- stderr\n{err}---", file=sys.stderr)
        for p in problems:
            print(f"demo (piped): {p}", file=sys.stderr)
        return 1
    print(f"demo (piped): {len(STEPS)} step lines, then {out[head.end():].count(chr(10))} lines of the demo: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
