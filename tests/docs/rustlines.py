"""Rewrites rustdoc's names of the guide's doc tests into page and line: rustdoc reports a
doc test of `core/src/lib.rs`'s `doc_pages` as `core/src/lib.rs - doc_pages::Rust (line N)`,
N counted in lib.rs from the `#[doc = include_str!(...)]` line of that page.

    cargo test -p sessionlink --doc doc_pages 2>&1 | python tests/docs/rustlines.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pages() -> dict[str, tuple[str, int]]:
    """`doc_pages` item -> (page, the lib.rs line of its `#[doc = include_str!]`)."""
    lib = (ROOT / "core" / "src" / "lib.rs").read_text().splitlines()
    found: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(lib, start=1):
        m = re.search(r'include_str!\("\.\./\.\./([^"]+)"\)', line)
        if m and number < len(lib) and (item := re.search(r"pub struct (\w+);", lib[number])):
            found[item.group(1)] = (m.group(1), number)
    return found


def main() -> int:
    known = pages()

    def where(m: re.Match[str]) -> str:
        page, start = known.get(m.group(1), (f"? ({m.group(1)})", 1))
        return f"{page}:{int(m.group(2)) - start + 1}"

    for line in sys.stdin:
        sys.stdout.write(re.sub(r"core/src/lib\.rs - doc_pages::(\w+) \(line (\d+)\)", where, line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
