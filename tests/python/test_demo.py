"""`python -m sessionlink demo` (the README's Python demo) runs and tells its story."""

from __future__ import annotations

import subprocess
import sys


def test_demo_runs() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "sessionlink", "demo"], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout
    for line in (
        "logged in as alice",
        "Living Room TV received Playstate",
        "'Text': 'Dinner is ready!'",
        # The controllable player: it receives the commands live and reports its playback.
        "player: SocketConnected(reconnected=False)",
        "alice sees it: supports_remote_control=True, is_active=True",
        "Demo player received Pause: paused at 0:02:03, reported it",
        "Demo player received DisplayMessage: shows Kitchen: 'Dinner is ready!'",
        "Demo player      sessionlink            playing 'The Long Night' (paused) [remote control]",
        "NowPlayingItem=BaseItemDto(id=",
        "PlayState: position=0:02:03, is_paused=True",
        "kiosk: logged in as alice; get_current_user() -> alice",
        "get_static_session -> data={'cart': ['apple', 'pear']}  TTL: 30 s left",
        "get_session        -> data={'cart': ['apple', 'pear']}  TTL: 60 s left",
        "NotFoundError",
    ):
        assert line in out, line
    assert "wonderland" not in out and "correct horse" not in out


def test_usage() -> None:
    run = subprocess.run([sys.executable, "-m", "sessionlink"], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 2
    assert "usage" in run.stderr
