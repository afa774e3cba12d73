"""The `sessionlink` command line, run as a real subprocess (`python -m sessionlink` and the
installed console script) against the embedded emulator: what each command prints and does
on the server, the stored login (0600, per server, never printed), bad input and the exit
status of each kind of error."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sessionlink.testing import Emulator

SCRIPT = Path(sys.executable).parent / "sessionlink"
GUID = "0123456789abcdef0123456789abcdef"
ENTRY_POINTS = {"module": [sys.executable, "-m", "sessionlink"], "script": [str(SCRIPT)]}


class Cli:
    def __init__(self, emu: Emulator, config: Path, entry: str = "module") -> None:
        self.emu = emu
        self.config = config
        self.entry = entry
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("SESSIONLINK_")}
        self.env.update(XDG_CONFIG_HOME=str(config), SESSIONLINK_URL=emu.url, SESSIONLINK_DEVICE_ID="cli-test")
        self.secrets: list[str] = []

    def __call__(self, *args: str, stdin: str | None = None, env: dict[str, str] | None = None, code: int = 0) -> str:
        run = subprocess.run(
            [*ENTRY_POINTS[self.entry], *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=30,
            env={**self.env, **(env or {})},
            check=False,
        )
        for secret in self.secrets:
            assert secret not in run.stdout + run.stderr, "a credential was printed"
        assert run.returncode == code, f"exit {run.returncode} (wanted {code})\n{run.stdout}\n{run.stderr}"
        return run.stdout if code == 0 else run.stderr

    @property
    def credentials(self) -> Path:
        return self.config / "sessionlink" / "credentials.json"

    def login(self, user: str = "alice", password: str = "wonderland") -> None:
        self.secrets.append(password)
        self("login", "--user", user, "--password-stdin", stdin=password + "\n")
        self.secrets.append(json.loads(self.credentials.read_text())["servers"][self.emu.url]["token"])


@pytest.fixture
def cli(emu: Emulator, tmp_path: Path) -> Cli:
    return Cli(emu, tmp_path / "config")


@pytest.fixture
def tv(fx: dict[str, Any]) -> str:
    return str(fx["jellyfin"]["living_room_session_id"])


def commands(emu: Emulator, session: str) -> list[tuple[str, dict[str, Any]]]:
    return [(c["message_type"], c["data"]) for c in emu.commands(session)]


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_login_stores_the_token_privately_and_never_prints_it(emu: Emulator, tmp_path: Path, entry: str) -> None:
    cli = Cli(emu, tmp_path / "config", entry)
    out_before = cli("sessions", code=3)
    assert "not logged in" in out_before and "sessionlink login" in out_before
    cli.login()
    assert stat.S_IMODE(cli.credentials.stat().st_mode) == 0o600
    assert stat.S_IMODE(cli.credentials.parent.stat().st_mode) == 0o700
    stored = json.loads(cli.credentials.read_text())
    assert stored["default"] == emu.url
    login = stored["servers"][emu.url]
    assert (login["user_name"], login["device_id"]) == ("alice", "cli-test")
    assert "wonderland" not in cli.credentials.read_text(), "the password is never stored"
    table = cli("sessions")
    assert "Living Room TV" in table and "The Long Night" in table
    # The CLI's own session is there too, under its client name.
    assert "sessionlink CLI" in table


def test_sessions_table_and_json(cli: Cli, emu: Emulator, tv: str) -> None:
    cli.login()
    header, *rows = cli("sessions").splitlines()
    assert header.split() == ["ID", "DEVICE", "CLIENT", "USER", "STATE", "POSITION", "NOW", "PLAYING"]
    (row,) = [r for r in rows if r.startswith(tv)]
    assert "Living Room TV" in row and "playing" in row and "2:03" in row and "Game of Thrones – The Long Night" in row
    sessions = json.loads(cli("sessions", "--json"))
    (wire,) = [s for s in sessions if s["Id"] == tv]
    assert wire == emu.session_json(tv) | {k: wire[k] for k in ("LastActivityDate", "LastPlaybackCheckIn")}


def test_playstate_commands_by_device_name_and_id(cli: Cli, emu: Emulator, tv: str) -> None:
    cli.login()
    assert cli("pause", "living room tv") == "Paused Living Room TV.\n"
    assert cli("unpause", tv) == "Resumed Living Room TV.\n"
    assert cli("seek", "Living Room TV", "1:02:03") == "Moved Living Room TV to 1:02:03.\n"
    assert cli("seek", tv, "90.5") == "Moved Living Room TV to 1:30.\n"
    assert cli("stop", "LIVING ROOM TV") == "Stopped Living Room TV.\n"
    sent = [(t, d["Command"], d.get("SeekPositionTicks")) for t, d in commands(emu, tv)]
    assert sent == [
        ("Playstate", "Pause", None),
        ("Playstate", "Unpause", None),
        ("Playstate", "Seek", 37_230_000_000),
        ("Playstate", "Seek", 905_000_000),
        ("Playstate", "Stop", None),
    ]


def test_message_play_and_command(cli: Cli, emu: Emulator, tv: str, fx: dict[str, Any]) -> None:
    cli.login()
    cli("message", "Living Room TV", "Dinner is ready", "--header", "Kitchen", "--display-for", "5")
    movie = fx["jellyfin"]["movie_id"]
    assert cli("play", "Living Room TV", movie, "--mode", "PlayNext", "--start", "10") == "Living Room TV: PlayNext 1 item(s).\n"
    cli("command", "Living Room TV", "VolumeUp")
    cli("command", "Living Room TV", "SetVolume", "--arg", "Volume=50")
    (message, play, up, volume) = commands(emu, tv)
    assert message == ("GeneralCommand", message[1])
    assert message[1]["Name"] == "DisplayMessage"
    assert message[1]["Arguments"] == {"Header": "Kitchen", "Text": "Dinner is ready", "TimeoutMs": "5000"}
    assert play[0] == "Play"
    assert (play[1]["PlayCommand"], play[1]["ItemIds"], play[1]["StartPositionTicks"]) == ("PlayNext", [movie], 100_000_000)
    assert up[1]["Name"] == "VolumeUp"
    assert (volume[1]["Name"], volume[1]["Arguments"]) == ("SetVolume", {"Volume": "50"})


def test_an_ambiguous_device_name_lists_the_matches(cli: Cli, emu: Emulator) -> None:
    cli.login()
    ids = [emu.add_device_session("Kodi", "Bedroom", f"kodi-{i}") for i in range(2)]
    err = cli("pause", "bedroom", code=2)
    assert "2 sessions have the device name" in err
    for session_id in ids:
        assert session_id in err
    assert cli("pause", ids[1]) == "Paused Bedroom.\n"
    assert [t for t, _ in commands(emu, ids[1])] == ["Playstate"] and commands(emu, ids[0]) == []


def test_exit_status_by_error_kind(cli: Cli, emu: Emulator, tv: str) -> None:
    cli.login()
    assert "no session has the id or device name" in cli("pause", "Garage", code=5)
    assert "GeneralCommandType" in cli("command", tv, "Jump", code=2)
    assert "GUID" in cli("play", tv, "not-a-guid", code=2)
    emu.inject_status(500, "boom")
    assert "Internal Server Error: boom" in cli("sessions", code=7)
    emu.inject_status(403)
    assert "Forbidden" in cli("sessions", code=4)
    emu.inject_reset_before_headers()
    assert "Connection reset by peer" in cli("sessions", code=6)
    assert "not logged in to http://127.0.0.1:1" in cli("sessions", env={"SESSIONLINK_URL": "http://127.0.0.1:1"}, code=3)
    assert "refused" in cli("sessions", env={"SESSIONLINK_URL": "http://127.0.0.1:1", "SESSIONLINK_TOKEN": "t0k3n"}, code=6)
    emu.inject_latency(3.0)
    assert "timed out" in cli("sessions", "--timeout", "0.3", code=6)


def test_bad_usage_exits_2(cli: Cli) -> None:
    cli.login()
    assert "usage" in cli(code=2)
    assert "invalid choice" in cli("dance", code=2)
    assert "not a position" in cli("seek", "x", "soon", code=2)
    assert "KEY=VALUE" in cli("command", "x", "SetVolume", "--arg", "Volume", code=2)
    assert "invalid choice" in cli("play", "x", GUID, "--mode", "PlayEverything", code=2)
    assert "must be positive" in cli("sessions", "--timeout", "-1", code=2)
    assert "empty" in cli("pause", "  ", code=2)


def test_wrong_password_and_revoked_token(cli: Cli, emu: Emulator) -> None:
    cli.secrets.append("not-the-password")
    err = cli("login", "--user", "alice", "--password-stdin", stdin="not-the-password\n", code=3)
    assert "Unauthorized" in err
    assert not cli.credentials.exists()
    cli.login()
    stored = json.loads(cli.credentials.read_text())["servers"][emu.url]["token"]
    cli("logout")
    assert json.loads(cli.credentials.read_text())["servers"] == {}
    assert "Not logged in" in cli("logout")
    # The token was revoked on the server, not only forgotten.
    assert "Unauthorized" in cli("sessions", env={"SESSIONLINK_TOKEN": stored}, code=3)


def test_logout_local_keeps_the_token_valid(cli: Cli, emu: Emulator) -> None:
    cli.login()
    token = json.loads(cli.credentials.read_text())["servers"][emu.url]["token"]
    assert "still valid" in cli("logout", "--local")
    assert "Living Room TV" in cli("sessions", env={"SESSIONLINK_TOKEN": token})


def test_environment_credentials_need_no_login(cli: Cli, fx: dict[str, Any]) -> None:
    key = fx["jellyfin"]["api_key"]
    cli.secrets.append(key)
    assert "Living Room TV" in cli("sessions", env={"SESSIONLINK_TOKEN": key})
    assert not cli.credentials.exists()
    assert "Living Room TV" in cli("sessions", env={"SESSIONLINK_PASSWORD": "x", "SESSIONLINK_TOKEN": key})


def test_password_from_the_environment_and_logins_per_server(cli: Cli, emu: Emulator, tmp_path: Path) -> None:
    cli.secrets.append("wonderland")
    cli("login", "--user", "alice", env={"SESSIONLINK_PASSWORD": "wonderland"})
    with Emulator() as other:
        cli("login", "--server", other.url, "--user", "bob", env={"SESSIONLINK_PASSWORD": "builder"})
        stored = json.loads(cli.credentials.read_text())
        assert set(stored["servers"]) == {emu.url, other.url}
        assert stored["default"] == other.url
        assert stored["servers"][other.url]["user_name"] == "bob"
        # SESSIONLINK_URL picks the server; each uses its own login.
        assert "alice" in cli("sessions")
        table = cli("sessions", env={"SESSIONLINK_URL": other.url})
        assert "Living Room TV" in table


def test_a_corrupt_credentials_file_is_reported(cli: Cli) -> None:
    cli.credentials.parent.mkdir(parents=True)
    cli.credentials.write_text("{not json")
    assert "not valid JSON" in cli("sessions", code=1)


def test_ctrl_c_interrupts_a_call_and_aborts_the_request(cli: Cli, emu: Emulator) -> None:
    cli.login()
    emu.inject_latency(120.0)
    process = subprocess.Popen(
        [*ENTRY_POINTS["module"], "sessions"], env=cli.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    # Interrupted while the server holds its request.
    assert emu.wait_for_in_flight(1, timeout=30.0) == 1
    process.send_signal(signal.SIGINT)
    # Well within the injected latency: the call was interrupted, not answered.
    _, err = process.communicate(timeout=10)
    assert process.returncode == 130 and "interrupted" in err
    aborted = emu.wait_for_abort(timeout=10.0)
    assert (aborted["raw_path"], aborted["aborted"], aborted["status"]) == ("/Sessions", True, 0)


@pytest.mark.parametrize(
    "command", ["login", "logout", "sessions", "pause", "unpause", "stop", "seek", "message", "play", "command", "demo"]
)
def test_help_everywhere(cli: Cli, command: str) -> None:
    text = cli(command, "--help")
    assert text.startswith(f"usage: sessionlink {command}")
    assert "exit status" in text


def test_top_level_help_documents_exit_status_and_environment(cli: Cli) -> None:
    text = cli("--help")
    for line in ["exit status:", "3    not logged in", "5    no such session", "SESSIONLINK_TOKEN", "0600"]:
        assert line in text
    assert cli("--version").startswith("sessionlink ")


def test_the_console_script_is_installed() -> None:
    assert SCRIPT.exists(), f"{SCRIPT}: the package's console script is not installed"
    run = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True, timeout=30, check=False)
    assert run.returncode == 0 and run.stdout.startswith("usage: sessionlink")
