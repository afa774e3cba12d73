"""Adds up the committed shard summaries (tests/mutants/*-shard-*.md) into tests/mutants/README.md:
one row per shard and the total over what has run, per crate and together.

    python3 scripts/mutants/total.py [--check]

--check fails when README.md is not what the summaries add up to.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DIR = Path(__file__).resolve().parents[2] / "tests/mutants"
SCORE = re.compile(r"\| (\d+(?:\.\d)?)% \((\d+)/(\d+) viable")
NAME = re.compile(r"^(core|emulator)-shard-(\d+)-of-(\d+)\.md$")


def rows() -> list[tuple[str, int, int, int, int]]:
    found = []
    for path in DIR.iterdir():
        m = NAME.match(path.name)
        if not m:
            continue
        score = SCORE.search(path.read_text())
        if not score:
            raise SystemExit(f"total: no score row in {path}")
        found.append((m.group(1), int(m.group(2)), int(m.group(3)), int(score.group(2)), int(score.group(3))))
    return sorted(found)


def render() -> str:
    shards = rows()
    lines = [
        "# Mutation testing: the shards run so far",
        "",
        "Each shard's summary (command, commit, survivors and why) is beside this file; this table",
        "is written from them by `python3 scripts/mutants/total.py` (the test command checks it is",
        "current). A shard is `bash scripts/mutants.sh core|emulator --shard K/N --rev REV`; every",
        "shard of one crate uses the same REV and N, so together they cover that commit's mutants",
        "once.",
        "",
        "| shard | caught / viable | score |",
        "|---|---|---|",
    ]
    for crate, k, n, caught, viable in shards:
        lines.append(f"| [{crate} {k} of {n}]({crate}-shard-{k}-of-{n}.md) | {caught} / {viable} | "
                     f"{100.0 * caught / viable:.1f} % |")
    lines += ["", "| crate | shards run | caught / viable | score |", "|---|---|---|---|"]
    for crate in ("core", "emulator", "all"):
        mine = [s for s in shards if crate in ("all", s[0])]
        caught, viable = sum(s[3] for s in mine), sum(s[4] for s in mine)
        ran = ", ".join(f"{sum(s[0] == c for s in mine)} of {n} ({c})" for c, n in sorted({(s[0], s[2]) for s in mine}))
        score = f"{100.0 * caught / viable:.1f} %" if viable else "—"
        lines.append(f"| {crate} | {ran or 'none'} | {caught} / {viable} | {score} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    text, readme = render(), DIR / "README.md"
    if "--check" in sys.argv[1:]:
        if not readme.exists() or readme.read_text() != text:
            print("total: tests/mutants/README.md is not what the shard summaries add up to: "
                  "run python3 scripts/mutants/total.py", file=sys.stderr)
            return 1
        return 0
    readme.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
