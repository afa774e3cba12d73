"""The Python blocks of bindings-python/README.md run as written (each in a fresh namespace),
so the guide cannot drift from the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "bindings-python" / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)


def test_the_guide_has_examples() -> None:
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_block_runs(index: int, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(BLOCKS[index], f"{README.name} block {index + 1}", "exec"), {"__name__": "__readme__"})  # noqa: S102
    if index == 0:
        assert capsys.readouterr().out == "Episode 0:02:03.456000 1:20:00\n"
