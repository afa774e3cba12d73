"""Hostile Python values (issue 9): a value nested deeper than JSON allows, or containing
itself, is refused with InvalidArgumentError naming the argument, before any I/O and without
crashing the interpreter, at every place a Python value becomes JSON, in the blocking and the
asyncio clients; bool is not an int or a float; argument errors of the asyncio clients raise at
the call, not at the await."""

from __future__ import annotations

import functools
import subprocess
import sys
import textwrap
from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator

GUID = "0123456789abcdef0123456789abcdef"

# serde_json, the decoder of core (and of the emulator), accepts 127 levels of lists and dicts.
LIMIT = 127


def nested(levels: int) -> list[Any]:
    """`levels` lists, each inside the next."""
    return functools.reduce(lambda inner, _: [inner], range(levels - 1), [])  # type: ignore[arg-type, return-value]


def cycle() -> dict[str, Any]:
    inner: list[Any] = []
    inner.append(inner)
    return {"ok": 1, "loop": inner}


DEEP = nested(100_000)
HOSTILE = {"deep": (DEEP, "too deeply"), "cycle": (cycle(), "contains itself")}


def refused(emu: Emulator, call: Any, *needles: str) -> None:
    before = emu.request_count
    with pytest.raises(sessionlink.InvalidArgumentError) as info:
        call()
    assert emu.request_count == before, "the value reached the server"
    for needle in needles:
        assert needle in str(info.value), (needle, str(info.value))


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_json_arguments_of_the_clients(kind: str, jf: Any, g4: Any, emu: Emulator) -> None:
    value, needle = HOSTILE[kind]
    refused(emu, lambda: g4.update_session("s", value), "data", needle)
    refused(emu, lambda: g4.update_session("s", {"a": [value]}), "data", needle)
    refused(emu, lambda: g4.create_session("u", "pw", data=value), "data", needle)
    refused(emu, lambda: g4.create_session("u", "pw", detail={"x": value}), "detail", needle)
    refused(emu, lambda: jf.post_full_capabilities(device_profile=value), "device_profile", needle)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_json_arguments_of_the_models(kind: str) -> None:
    value, needle = HOSTILE[kind]
    with pytest.raises(sessionlink.InvalidArgumentError, match=needle):
        sessionlink.SessionInfoDto.from_dict({"Id": "s", "Extra": value})
    with pytest.raises(sessionlink.InvalidArgumentError, match=f"device_profile: .*{needle}"):
        sessionlink.ClientCapabilitiesDto(device_profile=value)
    with pytest.raises(sessionlink.InvalidArgumentError, match=needle):
        sessionlink.PlaybackStartInfo(item_id=GUID, item={"Id": GUID, "Deep": value})


def test_depth_limit_is_the_decoders(g4: Any, emu: Emulator) -> None:
    session_id = g4.create_session("user@example.com", "correct horse").session_id
    g4.update_session(session_id, nested(LIMIT))  # the emulator decodes it: accepted
    refused(emu, lambda: g4.update_session(session_id, nested(LIMIT + 1)), "data", "127 levels")
    # A model counts with its own depth (here 1: an object of strings) where it is nested.
    item = sessionlink.BaseItemDto(id=GUID, name="x")
    g4.update_session(session_id, functools.reduce(lambda inner, _: [inner], range(LIMIT - 1), item))
    refused(emu, lambda: g4.update_session(session_id, functools.reduce(lambda i, _: [i], range(LIMIT), item)), "data")


def test_shared_values_are_not_cycles(g4: Any) -> None:
    g4.create_session("user@example.com", "correct horse")
    session_id = g4.create_session("user@example.com", "correct horse").session_id
    shared = {"x": [1, 2]}
    g4.update_session(session_id, [shared, shared, {"again": shared}])
    assert g4.get_session(session_id).data == [{"x": [1, 2]}] * 2 + [{"again": {"x": [1, 2]}}]


def test_the_reproducers_of_issue_9_do_not_crash() -> None:
    """The two reproducers, in a child interpreter: a crash would be a signal, not an exception."""
    script = textwrap.dedent(
        """
        import functools, sessionlink as sl
        x = functools.reduce(lambda a, _: [a], range(100000), [])
        try:
            sl.G4Client("http://127.0.0.1:9", "t", bearer="b").update_session("s", x)
        except sl.InvalidArgumentError as e:
            print("deep:", e)
        y = []
        y.append(y)
        try:
            sl.JellyfinClient("http://127.0.0.1:9", device_id="d").post_full_capabilities(device_profile=y)
        except sl.InvalidArgumentError as e:
            print("cycle:", e)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert "deep: data: nested too deeply" in done.stdout
    assert "cycle: device_profile: the value contains itself" in done.stdout


@pytest.mark.parametrize(
    ("method", "args", "kwargs"),
    [
        ("get_sessions", (), {"active_within_seconds": True}),
        ("play", ("s1", "PlayNow", [GUID]), {"start_position_ticks": True}),
        ("play", ("s1", "PlayNow", [GUID]), {"audio_stream_index": False}),
        ("play", ("s1", "PlayNow", [GUID]), {"start_index": True}),
        ("send_playstate_command", ("s1", "Seek"), {"seek_position_ticks": True}),
        ("send_message_command", ("s1", "hi"), {"timeout_ms": True}),
    ],
)
def test_bool_is_not_an_int(jf: Any, emu: Emulator, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    refused(emu, lambda: getattr(jf, method)(*args, **kwargs), "bool")


def test_bool_is_not_an_int_for_g4_or_a_float(g4: Any, emu: Emulator) -> None:
    refused(emu, lambda: g4.create_session("u", "pw", timeout=True), "bool")
    for cls in (sessionlink.JellyfinClient, sessionlink.AsyncJellyfinClient):
        for option in ("connect_timeout", "request_timeout"):
            with pytest.raises(sessionlink.InvalidArgumentError, match="bool"):
                cls(emu.url, device_id="d", **{option: True})
    with pytest.raises(sessionlink.InvalidArgumentError, match="bool"):
        sessionlink.G4Client(emu.g4_url, "acme", request_timeout=False)
    with pytest.raises(sessionlink.InvalidArgumentError, match="position_ticks"):
        sessionlink.PlaybackStartInfo(item_id=GUID, position_ticks=True)
    # Ints stay welcome where a float is expected.
    sessionlink.G4Client(emu.g4_url, "acme", connect_timeout=5, request_timeout=5).close()


@pytest.mark.parametrize(
    ("method", "args", "kwargs"),
    [
        ("play", ("s1", "PlayNow", ["not-a-guid"]), {}),
        ("play", ("s1", "PlayEverything", [GUID]), {}),
        ("send_message_command", ("s1", ""), {}),
        ("report_viewing", ("movie-1",), {}),
        ("get_sessions", (), {"controllable_by_user_id": "bob"}),
        ("get_sessions", (), {"active_within_seconds": True}),
        ("report_playback_start", (sessionlink.PlaybackStartInfo(),), {}),
        ("report_playback_stopped", (sessionlink.PlaybackStopInfo(item_id="x"),), {}),
    ],
)
def test_async_argument_errors_raise_at_the_call(
    emu: Emulator, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    """No loop runs here: the error cannot come from a future, only from the call itself."""
    client = sessionlink.AsyncJellyfinClient(emu.url, device_id="async-arguments")
    before = emu.request_count
    with pytest.raises(sessionlink.InvalidArgumentError):
        getattr(client, method)(*args, **kwargs)
    assert emu.request_count == before


def test_async_g4_argument_errors_raise_at_the_call(emu: Emulator) -> None:
    client = sessionlink.AsyncG4Client(emu.g4_url, "acme")
    with pytest.raises(sessionlink.InvalidArgumentError, match="username"):
        client.create_session("", "pw")
    with pytest.raises(sessionlink.InvalidArgumentError, match="data"):
        client.update_session("s", DEEP)


def test_async_valid_call_needs_a_running_loop(emu: Emulator) -> None:
    """A valid call outside a loop fails as asyncio does, and sends nothing."""
    client = sessionlink.AsyncJellyfinClient(emu.url, device_id="no-loop")
    before = emu.request_count
    with pytest.raises(RuntimeError, match="loop"):
        client.get_sessions()
    assert emu.request_count == before
