"""`sessionlink login --quick-connect`, run as a real subprocess against the emulator: the code
line is read from the child's stdout, then the test approves the code (or expires it, or
presses Ctrl-C once the emulator recorded a poll); what is stored, printed and the exit
status of each outcome. No sleeps: each step waits for the child's output or the emulator's
records."""

from __future__ import annotations

import json
import re
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sessionlink.testing import Emulator
from test_cli import ENTRY_POINTS, Cli

FAST = ["--poll-interval", "0.02"]


@pytest.fixture
def cli(emu: Emulator, tmp_path: Path) -> Cli:
    return Cli(emu, tmp_path / "config")


def start(cli: Cli, *extra: str) -> tuple[subprocess.Popen[str], str]:
    """Starts `login --quick-connect` and returns the child and the code it printed."""
    child = subprocess.Popen(
        [*ENTRY_POINTS["module"], "login", "--quick-connect", *FAST, *extra],
        env=cli.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    match = re.fullmatch(r"Quick Connect code: (\d{6})\n", line)
    assert match, f"first line: {line!r}"
    return child, match.group(1)


def polls(emu: Emulator) -> int:
    return sum(1 for r in emu.requests() if r["raw_path"].endswith("/QuickConnect/Connect"))


def test_login_by_quick_connect_stores_the_approving_users_token(cli: Cli, emu: Emulator, fx: dict[str, Any]) -> None:
    child, code = start(cli)
    assert code in emu.pending_quick_connect_codes()
    assert emu.approve_quick_connect(code, fx["jellyfin"]["user_id"])
    out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert "Approve it" in out and f"Logged in to {emu.url} as bob (device id cli-test)" in out
    login = json.loads(cli.credentials.read_text())["servers"][emu.url]
    assert (login["user_name"], login["user_id"], login["device_id"]) == ("bob", fx["jellyfin"]["user_id"], "cli-test")
    cli.secrets.append(login["token"])
    assert login["token"] not in out + err
    # The stored token works for the other commands.
    assert "Living Room TV" in cli("sessions")


def test_ctrl_c_while_waiting_exits_130_and_stores_nothing(cli: Cli, emu: Emulator) -> None:
    child, _ = start(cli)
    target = polls(emu) + 1
    while polls(emu) < target:
        emu.wait_for_requests(emu.request_count + 1, timeout=30.0)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 130 and "interrupted" in err
    assert not cli.credentials.exists()


def test_an_expired_code_exits_5(cli: Cli, emu: Emulator) -> None:
    child, code = start(cli)
    assert emu.expire_quick_connect() >= 1
    _, err = child.communicate(timeout=30)
    assert child.returncode == 5 and f"{code} expired" in err
    assert not cli.credentials.exists()


def test_no_approval_before_the_wait_ends_exits_6(cli: Cli, emu: Emulator) -> None:
    child, code = start(cli, "--wait", "0.2")
    _, err = child.communicate(timeout=30)
    assert child.returncode == 6 and code in err


def test_quick_connect_turned_off_exits_3(cli: Cli, emu: Emulator) -> None:
    emu.set_quick_connect_enabled(False)
    assert "turned off" in cli("login", "--quick-connect", code=3)


@pytest.mark.parametrize(
    "args", [["--quick-connect", "--user", "alice"], ["--quick-connect", "--wait", "0"], ["--quick-connect", "--poll-interval", "x"]]
)
def test_bad_quick_connect_arguments_exit_2(cli: Cli, args: list[str]) -> None:
    assert "usage: sessionlink login" in cli("login", *args, code=2)
