"""Assembles the documentation site's pages into one folder for MkDocs (docs/site/mkdocs.yml):

- the guide, docs/*.md, as it is;
- the site's own pages, docs/site/reference/*.md (written with the site's paths);
- the C reference, generated from include/sessionlink.h (tools/site/c_reference.py);
- the project's READMEs and CHANGELOG under project/;
- the Rust crate's rustdoc under rust/, when given (built by scripts/build-site.sh).

Links between these pages are rewritten to where the pages land; a link to another file of
the repository (a license, an example) becomes its path as code, since the site does not
carry it; a link to a file that does not exist is an error. MkDocs then checks every link
and anchor of the result (`--strict`).

    python tools/site/stage.py OUT [--rustdoc target/doc]
"""

from __future__ import annotations

import argparse
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Repository files shown as site pages, and where they land.
PROJECT_PAGES = {
    "README.md": "project/readme.md",
    "ARCHITECTURE.md": "project/architecture.md",
    "CONTRIBUTING.md": "project/contributing.md",
    "CHANGELOG.md": "project/changelog.md",
    "bindings-python/README.md": "project/python-package.md",
    "bindings-c/README.md": "project/c-library.md",
}

LINK = re.compile(r"(!?\[[^\]]*\])\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*(```|~~~)")


def pages() -> dict[str, str]:
    """Repository path -> site path of every page."""
    mapping = {f"docs/{p.name}": p.name for p in sorted((ROOT / "docs").glob("*.md"))}
    mapping.update({f"docs/site/{p.relative_to(ROOT / 'docs/site')}": str(p.relative_to(ROOT / "docs/site"))
                    for p in sorted((ROOT / "docs/site").rglob("*.md"))})
    mapping.update(PROJECT_PAGES)
    return mapping


def rewrite(text: str, source: str, target: str, mapping: dict[str, str], errors: list[str]) -> str:
    """`text` of the page at repository path `source`, with its links pointing where the pages
    land, for the page's site path `target`."""
    out = []
    fenced = False
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        if FENCE.match(line):
            fenced = not fenced
        if fenced:
            out.append(line)
            continue

        def one(m: re.Match[str]) -> str:
            label, href = m.group(1), m.group(2)
            if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("#"):
                return m.group(0)
            path, _, anchor = href.partition("#")
            repo_path = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
            if repo_path in mapping:
                rel = posixpath.relpath(mapping[repo_path], posixpath.dirname(target) or ".")
                return f"{label}({rel}{'#' + anchor if anchor else ''})"
            if not (ROOT / repo_path).exists():
                errors.append(f"{source}:{number}: a link to {href}, which does not exist")
                return m.group(0)
            # A file the site does not carry: name it.
            return f"{label.strip('[]') if not label.startswith('!') else ''} (`{repo_path}`)"

        out.append(LINK.sub(one, line))
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rustdoc", type=Path, help="rustdoc's output folder (target/doc), copied to rust/")
    args = parser.parse_args()
    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    mapping = pages()
    errors: list[str] = []
    for source, target in mapping.items():
        text = (ROOT / source).read_text(encoding="utf-8")
        dest = out / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        # The site's own pages are written with the site's paths; the others with the
        # repository's.
        if not source.startswith("docs/site/"):
            text = rewrite(text, source, target, mapping, errors)
        dest.write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, str(ROOT / "tools/site/c_reference.py"), str(ROOT / "include/sessionlink.h"),
                    str(out / "reference/c.md")], check=True)
    if args.rustdoc:
        shutil.copytree(args.rustdoc, out / "rust", ignore=shutil.ignore_patterns(".lock", "*.md"))
    if errors:
        for e in errors:
            print(f"stage: {e}", file=sys.stderr)
        return 1
    print(f"stage: {len(mapping) + 1} pages{' and the rustdoc' if args.rustdoc else ''} -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
