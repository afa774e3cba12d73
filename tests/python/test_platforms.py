"""What differs between platforms, exercised here on Linux: the CLI's config folder on each
system, and the asyncio clients on an event loop that cannot watch a socket (`add_reader`
raises NotImplementedError, as on Windows' default proactor loop), where the library wakes
the loop with `call_soon_threadsafe` instead."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

import sessionlink
from sessionlink import cli


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"XDG_CONFIG_HOME": "/xdg"}, Path("/xdg/sessionlink")),
        ("linux", {}, Path("/home/me/.config/sessionlink")),
        ("darwin", {"XDG_CONFIG_HOME": "/xdg"}, Path("/home/me/Library/Application Support/sessionlink")),
        ("win32", {"APPDATA": "/appdata"}, Path("/appdata/sessionlink")),
        ("win32", {}, Path("/home/me/AppData/Roaming/sessionlink")),
        ("linux", {"SESSIONLINK_CONFIG_DIR": "/explicit", "XDG_CONFIG_HOME": "/xdg"}, Path("/explicit")),
    ],
)
def test_the_config_folder_of_each_platform(
    monkeypatch: pytest.MonkeyPatch, platform: str, env: dict[str, str], expected: Path
) -> None:
    for name in ("SESSIONLINK_CONFIG_DIR", "XDG_CONFIG_HOME", "APPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", "/home/me")
    monkeypatch.setattr(cli.sys, "platform", platform)
    assert cli.config_dir() == expected


class NoReaderLoop(asyncio.SelectorEventLoop):
    """A loop that, like Windows' ProactorEventLoop, cannot watch file descriptors."""

    readers_refused = 0

    def add_reader(self, *args: Any, **kwargs: Any) -> None:
        NoReaderLoop.readers_refused += 1
        raise NotImplementedError


def test_async_clients_on_a_loop_without_add_reader(emu: Any) -> None:
    fx = emu.fixtures

    async def calls() -> tuple[int, int, str]:
        async with sessionlink.AsyncJellyfinClient(emu.url, token=fx["jellyfin"]["api_key"]) as jf:
            # Many at once: completions arrive in batches, each woken once.
            lists = await asyncio.gather(*(jf.get_sessions() for _ in range(20)))
            with pytest.raises(sessionlink.InvalidArgumentError):
                await jf.send_playstate_command("", sessionlink.PlaystateCommand.PAUSE)
            emu.inject_status(503, "down")
            with pytest.raises(sessionlink.ServerError):
                await jf.get_sessions()
        g4 = sessionlink.AsyncG4Client(emu.g4_url, fx["g4"]["tenant"])
        login = await g4.create_session(fx["g4"]["user"], fx["g4"]["password"])
        return len(lists), min(len(s) for s in lists), login.username or ""

    before = NoReaderLoop.readers_refused
    loop = NoReaderLoop()
    try:
        count, sessions, user = loop.run_until_complete(calls())
    finally:
        loop.close()
    assert (count, user) == (20, fx["g4"]["user"])
    assert sessions >= 2
    assert NoReaderLoop.readers_refused == before + 1, "the library asked the loop to watch its socket once"
