"""Bad input gets a clear exception naming the problem, before any I/O (the emulator
records no request), never a crash, hang or silent default."""

from __future__ import annotations

from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator

GUID = "0123456789abcdef0123456789abcdef"


def no_request(emu: Emulator, call: Any, exc: type[BaseException], *needles: str) -> BaseException:
    before = emu.request_count
    with pytest.raises(exc) as info:
        call()
    assert emu.request_count == before, "the bad input reached the server"
    for needle in needles:
        assert needle in str(info.value), (needle, str(info.value))
    return info.value


@pytest.mark.parametrize(
    ("method", "args", "needles"),
    [
        ("send_playstate_command", ("s1", "Paws"), ["PlaystateCommand", "Pause", "NextTrack"]),
        ("send_playstate_command", ("s1", "pause"), ["PlaystateCommand"]),
        ("send_general_command", ("s1", "Jump"), ["GeneralCommandType", "VolumeUp"]),
        ("send_system_command", ("s1", ""), ["GeneralCommandType"]),
        ("display_content", ("s1", "Film", GUID, "x"), ["BaseItemKind", "Movie"]),
        ("play", ("s1", "PlayEverything", [GUID]), ["PlayCommand", "PlayNow"]),
        ("send_full_general_command", ("s1", "Nope"), ["GeneralCommandType"]),
    ],
)
def test_wrong_enum_value(jf: Any, emu: Emulator, method: str, args: tuple[Any, ...], needles: list[str]) -> None:
    err = no_request(emu, lambda: getattr(jf, method)(*args), ValueError, *needles)
    assert isinstance(err, sessionlink.InvalidArgumentError)


def test_wrong_enum_list_value(jf: Any, emu: Emulator) -> None:
    no_request(emu, lambda: jf.post_capabilities(playable_media_types=["Video", "Hologram"]), ValueError, "MediaType")
    no_request(emu, lambda: jf.post_capabilities(supported_commands="VolumeUp"), ValueError, "list")


def test_enum_of_wrong_type(jf: Any, emu: Emulator) -> None:
    no_request(emu, lambda: jf.send_playstate_command("s1", 3), sessionlink.InvalidArgumentError, "str", "int")


def test_play_needs_guid_items(jf: Any, emu: Emulator) -> None:
    no_request(emu, lambda: jf.play("s1", "PlayNow", []), ValueError, "item_ids")
    no_request(emu, lambda: jf.play("s1", "PlayNow", ["not-a-guid"]), ValueError, "GUID")
    no_request(emu, lambda: jf.play("s1", "PlayNow", GUID), ValueError, "list")


def test_guid_arguments(jf: Any, emu: Emulator) -> None:
    no_request(emu, lambda: jf.report_viewing("movie-1"), ValueError, "item_id", "GUID")
    no_request(emu, lambda: jf.add_user_to_session("s1", "bob"), ValueError, "user_id")
    no_request(emu, lambda: jf.get_sessions(controllable_by_user_id="bob"), ValueError, "controllable_by_user_id")


def test_message_and_content_checks(jf: Any, emu: Emulator) -> None:
    no_request(emu, lambda: jf.send_message_command("s1", ""), ValueError, "text")
    no_request(emu, lambda: jf.send_message_command("s1", "hi", timeout_ms=-1), ValueError, "timeout_ms")
    no_request(emu, lambda: jf.display_content("s1", "Movie", "", "x"), ValueError, "item_id")
    no_request(emu, lambda: jf.send_full_general_command("s1", "SetVolume", {"Volume": 50}), ValueError, "Volume")


def test_empty_username(make_jf: Any, emu: Emulator) -> None:
    no_request(emu, lambda: make_jf().authenticate_by_name("", "pw"), ValueError, "username")


def test_python_type_errors(jf: Any) -> None:
    with pytest.raises(TypeError):
        jf.send_playstate_command("s1")
    with pytest.raises(TypeError):
        jf.get_sessions(active_within_seconds="soon")
    with pytest.raises(TypeError):
        jf.get_sessions("positional")


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"base_url": "ftp://example.com"}, "http"),
        ({"base_url": "not a url"}, "URL"),
        ({"base_url": "http://u:p@example.com"}, "credentials"),
        ({"base_url": "http://h", "request_timeout": -1.0}, "request_timeout"),
        ({"base_url": "http://h", "connect_timeout": float("nan")}, "connect_timeout"),
        ({"base_url": "http://h", "device_id": ""}, "device"),
    ],
)
def test_bad_jellyfin_config(kwargs: dict[str, Any], needle: str) -> None:
    kwargs.setdefault("device_id", "d")
    with pytest.raises(sessionlink.InvalidArgumentError) as info:
        sessionlink.JellyfinClient(**kwargs)
    assert needle.lower() in str(info.value).lower()


def test_bad_g4_config(emu: Emulator) -> None:
    with pytest.raises(ValueError, match="tenant"):
        sessionlink.G4Client(emu.g4_url, "  ")
    with pytest.raises(ValueError, match="not both"):
        sessionlink.G4Client(emu.g4_url, "acme", bearer="a", api_key="b")
    with pytest.raises(ValueError, match="empty"):
        sessionlink.G4Client(emu.g4_url, "acme", bearer="")


def test_g4_bad_arguments(g4: Any, emu: Emulator) -> None:
    no_request(emu, lambda: g4.create_session("", "pw"), ValueError, "username")
    no_request(emu, lambda: g4.create_session("u", "pw", timeout=0), ValueError, "timeout")
    no_request(emu, lambda: g4.create_session("u", "pw", detail=[1]), ValueError, "detail")
    no_request(emu, lambda: g4.update_session("s", {"when": object()}), ValueError, "JSON")
    no_request(emu, lambda: g4.update_session("s", {1: "x"}), ValueError, "keys")
    no_request(emu, lambda: g4.update_session("s", float("inf")), ValueError, "JSON")


def test_closed_client(emu: Emulator) -> None:
    with sessionlink.JellyfinClient(emu.url, device_id="closing") as client:
        pass
    assert client.closed
    with pytest.raises(ValueError, match="closed"):
        client.get_sessions()
    assert "closed" in repr(client)


def test_emulator_bad_inputs(emu: Emulator) -> None:
    with pytest.raises(ValueError, match="status"):
        emu.inject_status(42)
    with pytest.raises(ValueError, match="seconds"):
        emu.inject_latency(-1.0)
