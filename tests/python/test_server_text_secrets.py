"""Server-supplied text that echoes a credential in the spellings other servers use (upper
case, a GUID dashed, unreserved characters percent-encoded) reaches neither an error nor a
record of Python's `logging`: a redirect's `Location`, JSON and text error bodies, and a
socket's close reason. Each secret kind is echoed by the call that carries it: the password
by the login, the Jellyfin token by a call and by the socket, a G4 session id by a call on it,
a G4 API key by any G4 call."""

from __future__ import annotations

import logging
from collections.abc import Iterator
import pytest

import sessionlink
from sessionlink import SocketConnected, SocketDisconnected
from sessionlink.testing import Emulator

PATIENCE = 30.0


def spellings(secret: str) -> list[str]:
    out = [secret, secret.upper(), "".join(f"%{ord(c):02X}" if c.isalnum() else c for c in secret)]
    if len(secret) == 32 and all(c in "0123456789abcdef" for c in secret.lower()):
        out.append(f"{secret[:8]}-{secret[8:12]}-{secret[12:16]}-{secret[16:20]}-{secret[20:]}")
    return out


def shows(text: str, secret: str) -> bool:
    lowered = text.lower()
    return any(s.lower() in lowered for s in spellings(secret)) or secret.lower() in lowered.replace("-", "")


def arm(emu: Emulator, secret: str) -> int:
    """The hostile answers echoing `secret`: a redirect, a JSON and a text error per spelling."""
    for s in spellings(secret):
        emu.inject_status(302, headers={"Location": f"http://127.0.0.1:9/elsewhere/{s}?token={s}"})
        emu.inject_status(400, f'{{"title": "bad credential {s}"}}', content_type="application/json")
        emu.inject_status(500, f"cannot use {s} here", content_type="text/plain")
    return 3 * len(spellings(secret))


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(f"{record.name} {record.getMessage()}")


@pytest.fixture
def records() -> Iterator[Records]:
    handler = Records()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


def until_reconnected(socket: sessionlink.Socket) -> list[str]:
    """The disconnection reasons the reader sees up to the next reconnection."""
    reasons = []
    while (event := socket.next(timeout=PATIENCE)) != SocketConnected(reconnected=True):
        if isinstance(event, SocketDisconnected):
            reasons.append(event.reason)
    return reasons


def seen(e: sessionlink.Error) -> str:
    return " | ".join([str(e), repr(e), repr(e.location), repr(e.body)])


def test_no_echoed_credential_reaches_an_error_or_a_log_record(records: Records) -> None:
    shown: list[str] = []
    with Emulator() as emu:
        fx = emu.fixtures
        user, password = fx["jellyfin"]["user"], fx["jellyfin"]["user_password"]
        client = sessionlink.JellyfinClient(emu.url, device_id="py-server-text", device_name="py-server-text")
        for _ in range(arm(emu, password)):
            with pytest.raises(sessionlink.Error) as info:
                client.authenticate_by_name(user, password)
            shown.append(seen(info.value))
        token = client.authenticate_by_name(user, password).access_token
        assert token
        for _ in range(arm(emu, token)):
            with pytest.raises(sessionlink.Error) as info:
                client.get_sessions()
            shown.append(seen(info.value))

        socket = client.open_socket(reconnect_initial=0.05, reconnect_max=0.4)
        with socket:
            assert socket.next(timeout=PATIENCE) == SocketConnected(reconnected=False)
            me = client.current_session()
            assert me is not None and me.id
            # The reasons the reader saw are checked, and the log shows every one.
            for s in spellings(token):
                assert emu.close_sockets(me.id, 4000, f"token {s} revoked") == 1
                shown.extend(until_reconnected(socket))
            for s in spellings(token):
                emu.refuse_next_upgrade(500, f"cannot upgrade for token {s}")
                assert emu.drop_sockets() == 1
                shown.extend(until_reconnected(socket))

        g4 = sessionlink.G4Client(emu.g4_url, fx["g4"]["tenant"], application="py-server-text")
        created = g4.create_session(fx["g4"]["user"], fx["g4"]["password"], data={})
        sid = created.session_id
        assert sid
        for _ in range(arm(emu, sid)):
            with pytest.raises(sessionlink.Error) as info:
                g4.get_session(sid)
            shown.append(seen(info.value))
        checked = [password, token, sid]

    logs = [t for t in records.texts if t.startswith("sessionlink")]
    assert any("redirects to http://127.0.0.1:9/elsewhere/***?token=***" in s for s in shown), shown
    assert any("cannot use *** here" in s for s in shown), shown
    assert sum("4000 token *** revoked" in t for t in logs) == len(spellings(token)), logs
    assert sum("cannot upgrade for token ***" in t for t in logs) == len(spellings(token)), logs
    for secret in checked:
        for text in shown + records.texts:
            assert not shows(text, secret), f"{secret!r} shows in {text}"


def test_spellings_cover_what_the_test_claims() -> None:
    token = "0123456789abcdef0123456789abcdef"
    assert shows("x/01234567-89AB-CDEF-0123-456789ABCDEF", token)
    assert not shows("nothing here", token)
