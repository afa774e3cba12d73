"""The socket's liveness rule from Python, against an emulator that never echoes `KeepAlive`
(it answers WebSocket pings, as every server does): the connection stays up over several
keep-alive periods; a server that hangs is still declared dead. The tests wait on the
emulator's counts of keep-alives and pings, never on the clock."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import sessionlink
from sessionlink import SocketConnected, SocketDisconnected
from sessionlink.testing import Emulator

PATIENCE = 30.0


@pytest.fixture
def no_echo() -> Iterator[Emulator]:
    with Emulator() as emu:
        emu.set_keepalive_seconds(1)
        emu.set_keepalive_echo(False)
        yield emu


def player(emu: Emulator, fx: dict[str, Any], device: str) -> tuple[Any, Any, str]:
    jellyfin = fx["jellyfin"]
    client = sessionlink.JellyfinClient(emu.url, device_id=device, device_name=device)
    client.authenticate_by_name(jellyfin["user"], jellyfin["user_password"])
    # A reconnect waits at least 30 s, so a reconnect in the test's time shows as a second socket.
    socket = client.open_socket(reconnect_initial=60.0, reconnect_max=60.0)
    assert socket.next(timeout=PATIENCE) == SocketConnected(reconnected=False)
    session = client.current_session().id
    return client, socket, session


def test_the_emulator_mode_is_reachable(no_echo: Emulator) -> None:
    assert no_echo.keepalive_echo is False
    no_echo.set_keepalive_echo(True)
    assert no_echo.keepalive_echo is True
    assert no_echo.pings("no-such-session") == 0
    with pytest.raises(TimeoutError, match="0 of 1 pings"):
        no_echo.wait_for_pings("no-such-session", 1, timeout=0.01)


def test_no_reconnect_when_the_server_never_echoes_keepalive(no_echo: Emulator) -> None:
    fx = no_echo.fixtures
    _client, socket, session = player(no_echo, fx, "py-liveness-no-echo")
    with socket:
        # Ten KeepAlives are five periods: without the pings the client would have given up
        # after one and a half.
        no_echo.wait_for_socket_messages(session, "received", "KeepAlive", count=10, timeout=PATIENCE)
        assert no_echo.wait_for_pings(session, 3, timeout=PATIENCE) >= 3
        sent = [m for m in no_echo.socket_messages(session) if m["direction"] == "sent"]
        assert "KeepAlive" not in [m["message_type"] for m in sent]
        (only,) = [s for s in no_echo.sockets() if s["session_id"] == session]
        assert only["closed_at"] is None and only["pings_received"] >= 3
        assert len(no_echo.socket_upgrades()) == 1


def test_a_hung_server_is_still_declared_dead(no_echo: Emulator) -> None:
    fx = no_echo.fixtures
    _client, socket, session = player(no_echo, fx, "py-liveness-hung")
    with socket:
        no_echo.wait_for_pings(session, 1, timeout=PATIENCE)
        assert no_echo.stall_sockets(session, 600.0) == 1
        gone = socket.next(SocketDisconnected, timeout=PATIENCE)
        assert isinstance(gone, SocketDisconnected), gone
        assert gone.reason == "the server answered neither keep-alives nor pings"
        # The client gave up on the connection while the server still held it open.
        assert len(no_echo.socket_upgrades()) == 1
