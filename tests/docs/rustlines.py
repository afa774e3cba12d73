"""Names the page and line of each failed Rust block: rustdoc reports a doc test of
`core/src/lib.rs`'s `doc_pages` as `doc_pages::Rust (line N)`, N counted in lib.rs from the
`#[doc = include_str!(...)]` line of that page.

    python tests/docs/rustlines.py < cargo-test-output
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    lib = (ROOT / "core" / "src" / "lib.rs").read_text().splitlines()
    pages: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(lib, start=1):
        m = re.search(r'include_str!\("\.\./\.\./([^"]+)"\)', line)
        if m and number < len(lib) and (item := re.search(r"pub struct (\w+);", lib[number])):
            pages[item.group(1)] = (m.group(1), number)
    failed = sorted(set(re.findall(r"doc_pages::(\w+) \(line (\d+)\) (?:\.\.\.|---) FAILED", sys.stdin.read())))
    for item, line in failed:
        page, start = pages.get(item, (f"? ({item})", 1))
        print(f"docs: FAILED {page}:{int(line) - start + 1} (rust)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
