"""Runs one group of Python blocks of a page in this process (one namespace), as the docs
runner asks: `python pyexec.py SPEC.json RESULT.json`.

SPEC: {"page": path, "server": bool, "blocks": [{"line", "language", "code"}]}. Each block is
compiled with the page as its file name and its own line numbers, so a traceback points at
the page. A `server` group runs against an emulator started here: the example URLs are
replaced by its URLs, and JELLYFIN_TOKEN / JELLYFIN_PASSWORD are set to its credentials.
RESULT: [{"ok", "stdout", "error"}] per block, up to the first failure.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import json
import os
import sys
import traceback
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blocks as B  # noqa: E402


class _Tee(io.StringIO):
    """Captures what a block prints; the runner compares it with an `output` block."""


def _substitute(code: str, emu: Any) -> str:
    return code.replace(B.JELLYFIN_URL, emu.url).replace(B.G4_URL, emu.g4_url)


def _run_python(code: str, line: int, page: str, namespace: dict[str, Any]) -> None:
    source = "\n" * (line - 1) + code
    exec(compile(source, page, "exec"), namespace)  # noqa: S102


def _run_pycon(code: str, line: int, page: str, namespace: dict[str, Any]) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(code, namespace, f"{page}:{line}", page, line - 1)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=flags, verbose=False)
    runner.run(test, out=out.write, clear_globs=False)
    if runner.failures:
        raise AssertionError("doctest failed:\n" + out.getvalue())


def main() -> int:
    spec = json.loads(open(sys.argv[1], encoding="utf-8").read())
    results: list[dict[str, Any]] = []
    namespace: dict[str, Any] = {"__name__": "__main__"}
    emu = None
    if spec["server"]:
        from sessionlink.testing import Emulator

        emu = Emulator()
        os.environ["JELLYFIN_TOKEN"] = emu.fixtures["jellyfin"]["api_key"]
        os.environ["JELLYFIN_PASSWORD"] = emu.fixtures["jellyfin"]["admin_password"]
        os.environ["JELLYFIN_DISCOVERY"] = emu.discovery_address
    try:
        for block in spec["blocks"]:
            code = _substitute(block["code"], emu) if emu is not None else block["code"]
            captured = _Tee()
            try:
                # stdout and stderr as one stream, as a terminal shows them
                with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
                    if block["language"] == "pycon":
                        _run_pycon(code, block["line"], spec["page"], namespace)
                    else:
                        _run_python(code, block["line"], spec["page"], namespace)
            except BaseException:  # noqa: BLE001 - every failure is reported, KeyboardInterrupt too
                text = captured.getvalue()
                if emu is not None:
                    text = text.replace(emu.url, B.JELLYFIN_URL)
                results.append({"ok": False, "stdout": text, "error": traceback.format_exc()})
                break
            text = captured.getvalue()
            if emu is not None:
                text = text.replace(emu.g4_url, B.G4_URL).replace(emu.url, B.JELLYFIN_URL)
            results.append({"ok": True, "stdout": text, "error": ""})
    finally:
        if emu is not None:
            emu.close()
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            json.dump(results, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
