"""The code blocks of the user guide (README.md and docs/*.md) and their markers.

A marker is an HTML comment on the line right before a fence (invisible on GitHub):

    <!-- docs: server -->
    ```python
    ...
    ```

`docs/README.md` ("How the examples are tested") is the reference for the words a marker
may hold; `WORDS` below is the same list. A word that is not known is an error, so a typo
cannot silently turn a check off.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The pages whose blocks are checked: the main README and every page of the guide.
def pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


# The example server addresses a `server` block may use; the runner replaces them by the
# emulator's (and, in console output, the emulator's back by them).
JELLYFIN_URL = "https://media.example.com/jellyfin"
G4_URL = "https://sessions.example.com"

# word -> whether it takes a value (`word: value` or `word=value`)
WORDS = {
    "server": False,  # uses the example URLs: run against an emulator in their place
    "continue": False,  # python/pycon: same process and namespace as the block before
    "notebook": False,  # python: a notebook cell (one kernel per page; top-level await)
    "interrupt": True,  # notebook: press "Interrupt kernel" after this many seconds
    "output": False,  # text: what the python block before prints (doctest-style ... allowed)
    "file": True,  # write this block as a file in the page's working directory, do not run it
    "compile-only": True,  # c/cpp: compiled and linked, not run (value: why)
    "skip": True,  # not run at all (value: why)
    "exit": True,  # c/cpp/sh: the exit status the program must end with (default 0)
}

LANGUAGES = {
    "python": "python",
    "pycon": "pycon",
    "rust": "rust",
    "c": "c",
    "cpp": "cpp",
    "c++": "cpp",
    "console": "console",
    "sh": "sh",
    "bash": "sh",
    "cmake": "cmake",
    "text": "text",
    "json": "text",
    "ini": "text",
    "toml": "text",
}

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>```+|~~~+)(?P<info>[^`]*)$")
_MARKER = re.compile(r"^\s*<!--\s*docs:(?P<body>.*?)-->\s*$")


class DocsError(Exception):
    """A page breaks the conventions (an unknown marker word, an unlabelled fence...)."""


@dataclasses.dataclass
class Block:
    page: Path
    line: int  # the line of the opening fence (1-based)
    info: str  # the fence's info string, as written (`rust,no_run`)
    language: str  # normalised (`python`, `c`, `cpp`, `rust`, `console`, `sh`, ...)
    code: str
    marker: dict[str, str | bool]

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    @property
    def first_code_line(self) -> int:
        return self.line + 1

    def has(self, word: str) -> bool:
        return word in self.marker

    def value(self, word: str) -> str:
        v = self.marker.get(word)
        return v if isinstance(v, str) else ""


def parse_marker(body: str, where: str) -> dict[str, str | bool]:
    """`server continue`, `skip: needs a TV`, `interrupt=1.5`, `file CMakeLists.txt`."""
    out: dict[str, str | bool] = {}
    rest = body.strip()
    while rest:
        m = re.match(r"([a-z-]+)\s*(.*)$", rest, re.S)
        if not m:
            raise DocsError(f"{where}: cannot read the marker {body.strip()!r}")
        word, rest = m.group(1), m.group(2)
        if word not in WORDS:
            raise DocsError(f"{where}: unknown marker word {word!r} (known: {', '.join(WORDS)})")
        if WORDS[word]:
            if word in ("skip", "compile-only"):
                # the reason is the rest of the marker
                value = rest.lstrip(":= ").strip()
                rest = ""
            else:
                vm = re.match(r"[:=]?\s*(\S+)\s*(.*)$", rest, re.S)
                if not vm:
                    raise DocsError(f"{where}: marker word {word!r} needs a value")
                value, rest = vm.group(1), vm.group(2)
            if not value:
                raise DocsError(f"{where}: marker word {word!r} needs a value (for skip and compile-only: why)")
            out[word] = value
        else:
            out[word] = True
        rest = rest.strip()
    return out


def read(page: Path) -> list[Block]:
    lines = page.read_text(encoding="utf-8").splitlines()
    where = lambda n: f"{page.relative_to(ROOT)}:{n}"  # noqa: E731
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            if _MARKER.match(lines[i]) and not (i + 1 < len(lines) and _FENCE.match(lines[i + 1])):
                raise DocsError(f"{where(i + 1)}: a docs marker must be on the line right before a fence")
            i += 1
            continue
        fence, info = m.group("fence"), m.group("info").strip()
        start = i
        body: list[str] = []
        i += 1
        closing = re.compile("^ {0,3}" + re.escape(fence[0]) + "{%d,}\\s*$" % len(fence))
        while i < len(lines) and not closing.match(lines[i]):
            indent = m.group("indent")
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
            i += 1
        if i >= len(lines):
            raise DocsError(f"{where(start + 1)}: the code block is not closed")
        i += 1
        if not info:
            # rustdoc would run an unlabelled block of an included page as Rust
            raise DocsError(f"{where(start + 1)}: a code block needs a language (```text for plain text)")
        name = re.split(r"[,\s{]", info, maxsplit=1)[0].lower()
        if name not in LANGUAGES:
            raise DocsError(f"{where(start + 1)}: unknown code block language {name!r} (known: {', '.join(LANGUAGES)})")
        marker: dict[str, str | bool] = {}
        if start > 0 and (mm := _MARKER.match(lines[start - 1])):
            marker = parse_marker(mm.group("body"), where(start))
        blocks.append(Block(page, start + 1, info, LANGUAGES[name], "\n".join(body) + "\n", marker))
    return blocks


def all_blocks() -> list[Block]:
    out: list[Block] = []
    for page in pages():
        out.extend(read(page))
    return out
