"""Every example of examples/python runs (against the embedded emulator, as it does without
arguments) and prints what it says it does: the examples cannot rot. (`run.sh` also
type-checks them with `mypy --strict`.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"
EXPECTED = {
    "pause_everything.py": ["paused: Living Room TV"],
    "watch_async.py": ["Living Room TV", "G4 data: {'theme': 'dark'}", "as expected:"],
    "now_playing.py": ["this program is session ", "Episode 'The Long Night' at 0:02:03.456000 of 1:20:00"],
    "controllable_player.py": [
        "controllable: waiting for commands",
        "playing fc2f2c5a4c4456be51f5190c7f3e137b from 60 s\n  Pause: paused at 60 s\n  Seek: paused at 90 s\n"
        "  volume 40\n  message: Kitchen: Dinner is ready!\n  stopped\n",
    ],
    "watch_sessions.py": [
        "update 1: 4 sessions; + alice on Kitchen Speaker: idle; + alice on Watcher: idle; + bob on Bob's phone: idle",
        "update 2: 4 sessions; + bob on Bob's phone: playing 'The Long Night'; - bob on Bob's phone: idle",
        "update 3: 4 sessions; + bob on Bob's phone: paused 'The Long Night'; - bob on Bob's phone: playing",
        "update 4: 3 sessions; - bob on Bob's phone: paused 'The Long Night'",
        "4 updates, no polling",
    ],
}


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs(name: str) -> None:
    run = subprocess.run([sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    for line in EXPECTED[name]:
        assert line in run.stdout, (line, run.stdout)
