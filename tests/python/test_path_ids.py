"""Every route that takes an id in its path, sync and async: an id full of reserved
characters stays one percent-encoded segment (the exact raw path the server saw), and a dot
segment is refused before any I/O (URL normalisation would make it "the parent route")."""

from __future__ import annotations

from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator

GUID = "0123456789abcdef0123456789abcdef"
HOSTILE = "a b/c?d#e%f+g&h=é"
ENCODED = "a%20b%2Fc%3Fd%23e%25f%2Bg%26h%3D%C3%A9"

JELLYFIN = [
    ("send_playstate_command", ("Pause",), "POST", "/Sessions/{}/Playing/Pause"),
    ("send_general_command", ("VolumeUp",), "POST", "/Sessions/{}/Command/VolumeUp"),
    ("send_system_command", ("VolumeUp",), "POST", "/Sessions/{}/System/VolumeUp"),
    ("send_full_general_command", ("VolumeUp",), "POST", "/Sessions/{}/Command"),
    ("send_message_command", ("hi",), "POST", "/Sessions/{}/Message"),
    ("display_content", ("Movie", GUID, "x"), "POST", "/Sessions/{}/Viewing"),
    ("play", ("PlayNow", [GUID]), "POST", "/Sessions/{}/Playing"),
    ("add_user_to_session", (GUID,), "POST", f"/Sessions/{{}}/User/{GUID}"),
    ("remove_user_from_session", (GUID,), "DELETE", f"/Sessions/{{}}/User/{GUID}"),
]
G4 = [
    ("get_session", (), "GET", "/g4/session/{}"),
    ("get_static_session", (), "GET", "/g4/static-session/{}"),
    ("update_session", ({"x": 1},), "PUT", "/g4/session/{}"),
    ("delete_session", (), "DELETE", "/g4/session/{}"),
]


def last_request(emu: Emulator) -> tuple[str, str]:
    exchange = emu.requests()[-1]
    return exchange["method"], exchange["raw_path"]


@pytest.mark.parametrize(("method", "args", "verb", "path"), JELLYFIN, ids=[r[0] for r in JELLYFIN])
def test_jellyfin_session_ids_stay_one_segment(
    jf: Any, emu: Emulator, method: str, args: tuple[Any, ...], verb: str, path: str
) -> None:
    with pytest.raises(sessionlink.NotFoundError):
        getattr(jf, method)(HOSTILE, *args)
    assert last_request(emu) == (verb, path.format(ENCODED))
    for dots in (".", ".."):
        before = emu.request_count
        with pytest.raises(sessionlink.InvalidArgumentError, match="session_id"):
            getattr(jf, method)(dots, *args)
        assert emu.request_count == before


def test_jellyfin_user_ids_are_guids(jf: Any, emu: Emulator) -> None:
    before = emu.request_count
    for method in ("add_user_to_session", "remove_user_from_session"):
        with pytest.raises(sessionlink.InvalidArgumentError, match="user_id"):
            getattr(jf, method)("s1", HOSTILE)
    assert emu.request_count == before


@pytest.mark.parametrize(("method", "args", "verb", "path"), G4, ids=[r[0] for r in G4])
def test_g4_session_ids_stay_one_segment(
    make_g4: Any, emu: Emulator, method: str, args: tuple[Any, ...], verb: str, path: str
) -> None:
    g4 = make_g4(api_key=emu.fixtures["g4"]["api_key"])
    # No such session: NotFound, whose message keeps the id out (a session id in a path is a
    # credential).
    with pytest.raises(sessionlink.NotFoundError) as raised:
        getattr(g4, method)(HOSTILE, *args)
    for form in (HOSTILE, ENCODED):
        assert form not in str(raised.value) and form not in repr(raised.value), "the id is scrubbed"
    assert last_request(emu) == (verb, path.format(ENCODED))
    for dots in (".", ".."):
        before = emu.request_count
        with pytest.raises(sessionlink.InvalidArgumentError, match="session id"):
            getattr(g4, method)(dots, *args)
        assert emu.request_count == before
