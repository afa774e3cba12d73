"""Executes tests/notebooks/*.ipynb with nbclient on this venv's kernel and checks what a
notebook user would see. nbclient, nbformat and the kernel are installed by
scripts/setup-python.sh (requirements-dev.txt): without them this test fails, it never skips."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbclient
import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "sessions.ipynb"


def outputs(cell: dict[str, Any]) -> list[dict[str, Any]]:
    return list(cell.get("outputs", []))


@pytest.mark.timeout(120)
def test_sessions_notebook() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel installed by scripts/setup-python.sh runs this venv's interpreter.
    nbclient.NotebookClient(nb, timeout=60, kernel_name="sessionlink-venv").execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        assert not [o for o in outputs(cell) if o["output_type"] == "error"], cell.source

    table = [o for o in outputs(code[1]) if o["output_type"] == "execute_result"][0]["data"]
    assert "text/html" in table
    html = table["text/html"]
    assert "<th>Now playing</th>" in html and "Living Room TV" in html and "The Long Night" in html

    received = [o for o in outputs(code[2]) if o["output_type"] == "execute_result"][0]["data"]["text/plain"]
    assert "'Command': 'Pause'" in received

    values = "".join(o.get("text", "") for o in outputs(code[3]) if o["output_type"] == "stream")
    assert values.splitlines() == ["notebook / sessionlink / True", "Episode 1:20:00 0:02:03.456000 RepeatNone UTC"]

    printed = "".join(o.get("text", "") for o in outputs(code[4]) if o["output_type"] == "stream")
    assert "sessions seen by bob" in printed
    async_table = [o for o in outputs(code[4]) if o["output_type"] == "execute_result"][0]["data"]
    assert "<table" in async_table["text/html"]

    g4_data = [o for o in outputs(code[5]) if o["output_type"] == "execute_result"][0]["data"]["text/plain"]
    assert g4_data == "{'cell': 6}"

    # Cancelled past its timeout, waited for past the injected delay: the server saw the
    # request aborted and never applied it (the Pause of an earlier cell is all it got).
    cancelled = "".join(o.get("text", "") for o in outputs(code[6]) if o["output_type"] == "stream")
    assert cancelled.splitlines() == ["aborted: True Unpause", "commands received: ['Pause']"]

    # Watched live over the session socket: a table per pushed list, then the socket closed.
    tables = [o["data"]["text/html"] for o in outputs(code[7]) if o["output_type"] == "display_data"]
    assert len(tables) == 2, outputs(code[7])
    assert "Bob&#x27;s phone" in tables[0] and "Bob&#x27;s phone</td><td>Game of Thrones – The Long Night" in tables[1]
    printed = "".join(o.get("text", "") for o in outputs(code[7]) if o["output_type"] == "stream")
    assert printed == "closed: True\n"
