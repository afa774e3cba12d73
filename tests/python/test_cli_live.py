"""The `sessionlink` commands that find servers and stay connected, run as real subprocesses
against the embedded emulator: `discover` (loopback targets only: no test broadcasts),
`watch` (each change of the sessions as a line, flushed at once) and `listen` (a
controllable session printing each command it receives). The tests read the child's output
line by line as events — its stderr notes say when it is connected — and end it with Ctrl-C
(SIGINT), which exits 130. No sleeps."""

from __future__ import annotations

import json
import queue
import signal
import socket
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest

import sessionlink
from sessionlink.cli import WATCH_FIELDS
from sessionlink.testing import Emulator

from test_cli import ENTRY_POINTS, Cli

PATIENCE = 20.0


@pytest.fixture
def cli(emu: Emulator, tmp_path: Path) -> Cli:
    return Cli(emu, tmp_path / "config")


class Live:
    """A long-running `sessionlink` command, its stdout and stderr read line by line."""

    def __init__(self, cli: Cli, *args: str) -> None:
        self.process = subprocess.Popen(
            [*ENTRY_POINTS["module"], *args], env=cli.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.secrets = cli.secrets
        self.out: queue.Queue[str | None] = queue.Queue()
        self.err: queue.Queue[str | None] = queue.Queue()
        self.printed: list[str] = []
        for stream, lines in [(self.process.stdout, self.out), (self.process.stderr, self.err)]:
            threading.Thread(target=self._pump, args=(stream, lines), daemon=True).start()

    def _pump(self, stream: IO[str] | None, lines: queue.Queue[str | None]) -> None:
        assert stream is not None
        for line in stream:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    def _next(self, lines: queue.Queue[str | None]) -> str:
        try:
            line = lines.get(timeout=PATIENCE)
        except queue.Empty:
            raise AssertionError(f"no line within {PATIENCE} s; printed so far: {self.printed}") from None
        if line is None:
            raise AssertionError(f"the command ended (exit {self.process.wait()}); printed: {self.printed}")
        for secret in self.secrets:
            assert secret not in line, "a credential was printed"
        self.printed.append(line)
        return line

    def note(self, text: str) -> str:
        """The next stderr line that contains `text` (earlier ones are skipped)."""
        while text not in (line := self._next(self.err)):
            pass
        return line

    def line(self) -> str:
        return self._next(self.out)

    def event(self, matches: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The next `--json` line that `matches` (each line is checked to be a whole event)."""
        while True:
            event = json.loads(self.line())
            assert tuple(event) == WATCH_FIELDS, event
            if matches(event):
                return event

    def interrupt(self, signum: int = signal.SIGINT) -> tuple[int, str]:
        """Ctrl-C (or another signal); the exit status and the rest of stderr."""
        self.process.send_signal(signum)
        code = self.process.wait(timeout=PATIENCE)
        rest = []
        while (line := self.err.get(timeout=PATIENCE)) is not None:
            rest.append(line)
        return code, "\n".join(rest)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


# ---- discover -------------------------------------------------------------------------------------


def test_discover_lists_the_emulator_as_a_table_and_as_json(cli: Cli, emu: Emulator) -> None:
    target = ["--target", emu.discovery_address, "--limit", "1", "--timeout", "30"]
    header, row = cli("discover", *target).splitlines()
    assert header.split() == ["NAME", "ADDRESS", "ID"]
    assert row.split() == ["sessionlink-emulator", emu.url, emu.fixtures["jellyfin"]["server_id"]]
    (found,) = json.loads(cli("discover", *target, "--json"))
    assert found == {
        "address": emu.url,
        "id": emu.fixtures["jellyfin"]["server_id"],
        "name": "sessionlink-emulator",
        "endpoint_address": None,
        "responder": emu.discovery_address,
    }
    assert emu.discovery_queries == 2


def test_discover_without_an_answer_exits_5_and_bad_targets_exit_2(cli: Cli) -> None:
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    try:
        err = cli("discover", "--target", "127.0.0.1:%d" % silent.getsockname()[1], "--timeout", "0.2", code=5)
    finally:
        silent.close()
    assert "no server answered on the targets within 0.2 s" in err
    assert "IPv4 only" in cli("discover", "--target", "[::1]:7359", code=2)
    assert "at least 1" in cli("discover", "--target", "127.0.0.1", "--limit", "0", code=2)
    assert "must be positive" in cli("discover", "--target", "127.0.0.1", "--timeout", "0", code=2)


# ---- watch ----------------------------------------------------------------------------------------


def test_watch_json_prints_each_change_and_survives_a_drop(cli: Cli, emu: Emulator, fx: dict[str, Any]) -> None:
    cli.login()
    watch = Live(cli, "watch", "--json", "--interval", "0.2")
    try:
        watch.note("watching " + emu.url)
        tv = watch.event(lambda e: e["device"] == "Living Room TV" and e["event"] == "playback_started")
        assert tv["initial"] is True and tv["user"] == "bob"
        assert (tv["item"], tv["position_ticks"], tv["is_paused"]) == ("Game of Thrones – The Long Night", 1_234_560_000, False)

        player = sessionlink.JellyfinClient(emu.url, device_id="bedroom-tv-1", device_name="Bedroom TV")
        player.authenticate_by_name("bob", "builder")
        mine = watch.event(lambda e: e["device"] == "Bedroom TV")
        assert (mine["event"], mine["initial"], mine["user"], mine["item"]) == ("session_started", False, "bob", None)
        session = mine["session_id"]

        def next_of(session_id: str) -> dict[str, Any]:
            return watch.event(lambda e: e["session_id"] == session_id)

        movie = fx["jellyfin"]["movie_id"]
        player.report_playback_start(sessionlink.PlaybackStartInfo(item_id=movie, position_ticks=0))
        started = next_of(session)
        assert (started["event"], started["item"], started["item_id"], started["position_ticks"]) == (
            "playback_started", "Big Buck Bunny", movie, 0,
        )  # fmt: skip
        player.report_playback_progress(sessionlink.PlaybackProgressInfo(item_id=movie, position_ticks=50_000_000, is_paused=True))
        assert (next_of(session)["event"], watch.printed[-1].count('"is_paused": true')) == ("playback_paused", 1)
        player.report_playback_progress(sessionlink.PlaybackProgressInfo(item_id=movie, position_ticks=60_000_000))
        assert next_of(session)["event"] == "playback_resumed"
        player.report_playback_progress(sessionlink.PlaybackProgressInfo(item_id=movie, position_ticks=90_000_000))
        progressed = next_of(session)
        assert (progressed["event"], progressed["position_ticks"]) == ("playback_progressed", 90_000_000)

        # The socket drops: the watch reconnects, and changes go on arriving.
        emu.drop_sockets()
        watch.note("connection lost")
        watch.note("reconnected")
        player.report_playback_stopped(sessionlink.PlaybackStopInfo(item_id=movie, position_ticks=90_000_000))
        assert next_of(session)["event"] == "playback_stopped"
        player.report_session_ended()
        assert next_of(session)["event"] == "session_ended"

        code, rest = watch.interrupt()
        assert code == 130 and "interrupted" in rest
    finally:
        watch.kill()


def test_watch_prints_readable_lines_and_ends_cleanly_on_sigterm(cli: Cli) -> None:
    cli.login()
    watch = Live(cli, "watch")
    try:
        watch.note("watching")
        lines = [watch.line() for _ in range(2)]
        assert lines[0].startswith("session started") and "Living Room TV (bob)" in lines[0]
        assert lines[1].startswith("playback started")
        assert lines[1].endswith("Living Room TV (bob): Game of Thrones – The Long Night at 2:03")
        # As `kill` or `systemctl stop` end it (a script's background job ignores SIGINT).
        code, rest = watch.interrupt(signal.SIGTERM)
        assert code == 143 and "terminated" in rest
    finally:
        watch.kill()


# ---- listen ---------------------------------------------------------------------------------------


def test_listen_prints_each_command_as_a_json_line(cli: Cli, emu: Emulator, fx: dict[str, Any]) -> None:
    cli.login()
    listen = Live(cli, "listen", "--name", "Kitchen Pi", "--media", "Audio", "--command", "DisplayMessage", "--command", "SetVolume")
    try:
        ready = listen.note("listening as Kitchen Pi")
        session = ready.split("(session ")[1].split(")")[0]
        with sessionlink.JellyfinClient(emu.url, device_id="remote-1") as remote:
            remote.authenticate_by_name("alice", "wonderland")
            shown = remote.find_session(session)
            assert (shown.device_name, shown.supports_remote_control) == ("Kitchen Pi", True)
            assert shown.playable_media_types == [sessionlink.MediaType.AUDIO]
            assert shown.capabilities is not None and shown.capabilities.supported_commands == [
                sessionlink.GeneralCommandType.DISPLAY_MESSAGE, sessionlink.GeneralCommandType.SET_VOLUME,
            ]  # fmt: skip
            remote.send_playstate_command(session, sessionlink.PlaystateCommand.PAUSE)
            remote.send_message_command(session, "Dinner is ready", header="Kitchen")
            remote.send_full_general_command(session, "SetVolume", {"Volume": "50"})
            remote.play(session, sessionlink.PlayCommand.PLAY_NOW, [fx["jellyfin"]["movie_id"]])
            received = [json.loads(listen.line()) for _ in range(4)]
            assert [(r["type"], r["data"].get("Command") or r["data"].get("Name") or r["data"].get("PlayCommand")) for r in received] == [
                ("Playstate", "Pause"), ("GeneralCommand", "DisplayMessage"), ("GeneralCommand", "SetVolume"), ("Play", "PlayNow"),
            ]  # fmt: skip
            assert received[1]["data"]["Arguments"] == {"Header": "Kitchen", "Text": "Dinner is ready"}
            assert received[2]["data"]["Arguments"] == {"Volume": "50"}
            assert received[3]["data"]["ItemIds"] == [fx["jellyfin"]["movie_id"]]
            # It plays nothing, so it reports nothing.
            assert remote.find_session(session).now_playing_item is None

            # After a drop it is controllable again, as the same session.
            emu.drop_sockets()
            listen.note("connection lost")
            assert session in listen.note("reconnected as Kitchen Pi")
            remote.send_general_command(session, sessionlink.GeneralCommandType.DISPLAY_MESSAGE)
            assert json.loads(listen.line())["data"]["Name"] == "DisplayMessage"
        code, rest = listen.interrupt()
        assert code == 130 and "interrupted" in rest
    finally:
        listen.kill()


def test_watch_and_listen_refuse_bad_usage(cli: Cli) -> None:
    assert "not logged in" in cli("watch", code=3)
    assert "not logged in" in cli("listen", code=3)
    cli.login()
    assert "GeneralCommandType" in cli("listen", "--command", "Teleport", code=2)
    assert "invalid choice" in cli("listen", "--media", "Hologram", code=2)
    assert "must be positive" in cli("watch", "--interval", "0", code=2)


@pytest.mark.parametrize("command", ["discover", "watch", "listen"])
def test_help(cli: Cli, command: str) -> None:
    text = cli(command, "--help")
    assert text.startswith(f"usage: sessionlink {command}") and "exit status" in text
