"""Compares the requests the emulator received from each language's same-calls script: every
request must be byte-identical across Rust, Python and C (method, path, query, every header in
order, body). What the server issued during a run (G4 session ids and bearers, Jellyfin access
tokens) differs by run: each stands in as `<issued-N>`, numbered in the order it first appears.

    python compare.py rust.json python.json c.json   (each: {"session": ..., "exchanges": [...]})
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


ISSUED = ("sessionId", "bearer", "AccessToken")


def issued(run: dict[str, Any]) -> list[str]:
    """The credentials the server issued during a run, in the order they first appear."""
    found: list[str] = [run["session"]]
    for ex in run["exchanges"]:
        try:
            body = json.loads(ex.get("response_body") or "null")
        except ValueError:
            continue
        if isinstance(body, dict):
            found += [body[k] for k in ISSUED if isinstance(body.get(k), str) and body[k]]
        found += [v for k, v in ex.get("response_headers", []) if k.lower() == "x-g4-bearer"]
    return list(dict.fromkeys(found))


def requests(path: str) -> tuple[str, list[tuple[Any, ...]]]:
    run = json.loads(Path(path).read_text())
    values = issued(run)

    def norm(text: str | None) -> str | None:
        if text is None:
            return None
        for i, value in enumerate(values):
            text = text.replace(value, f"<issued-{i}>")
        return text

    out = []
    for ex in run["exchanges"]:
        headers = tuple((k, norm(v)) for k, v in ex["headers"])
        out.append((ex["method"], norm(ex["raw_path"]), norm(ex["raw_query"]), headers, norm(ex["body"]), ex["status"]))
    return Path(path).stem, out


def main() -> int:
    if len(sys.argv) < 3:
        print("cross: compare.py takes two runs or more (one per language)")
        return 1
    runs = [requests(p) for p in sys.argv[1:]]
    (base_name, base), others = runs[0], runs[1:]
    failures = 0
    # A run that sent nothing compares equal to another that sent nothing: it checked nothing.
    for name, reqs in runs:
        if not reqs:
            print(f"cross: {name} sent no request at all")
            failures += 1
    for name, reqs in others:
        if len(reqs) != len(base):
            print(f"cross: {name} sent {len(reqs)} requests, {base_name} {len(base)}")
            failures += 1
        for i, (a, b) in enumerate(zip(base, reqs)):
            if a != b:
                failures += 1
                print(f"cross: request {i + 1} differs between {base_name} and {name}:")
                for label, x, y in zip(("method", "path", "query", "headers", "body", "status"), a, b):
                    if x != y:
                        print(f"  {label}: {base_name}={x!r}\n  {' ' * len(label)}  {name}={y!r}")
    for name, reqs in runs:
        bad = [r for r in reqs if not 200 <= r[5] < 300]
        if bad:
            failures += 1
            print(f"cross: {name} got non-success answers: {bad}")
    if failures:
        return 1
    print(f"cross: {len(base)} requests byte-identical across {', '.join(n for n, _ in runs)} "
          f"({len({r[0] + ' ' + (r[1] or '') for r in base})} distinct routes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
