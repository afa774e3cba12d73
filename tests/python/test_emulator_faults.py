"""The emulator's fault injection and abort detection, as `sessionlink.testing` exposes them
(what a fault does on the wire; the clients' reactions are tested with each client)."""

from __future__ import annotations

import http.client
import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest

from sessionlink.testing import Emulator

API_KEY = "c0ffee00c0ffee00c0ffee00c0ffee00"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    """This file speaks raw HTTP to the emulator, outside the contract on purpose: its exchanges
    are not the SDK's, so they stay out of the exchange log the conformance suite validates."""
    with Emulator() as e:
        e.exclude_from_exchange_log()
        yield e


def connect(emu: Emulator) -> http.client.HTTPConnection:
    host, port = emu.url.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=10)


def pause_path(emu: Emulator) -> str:
    return f"/Sessions/{emu.fixtures['jellyfin']['living_room_session_id']}/Playing/Pause"


def raw_request(emu: Emulator, method: str, path: str) -> socket.socket:
    host, port = emu.url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    sock.sendall(f"{method} {path} HTTP/1.1\r\nhost: x\r\nx-emby-token: {API_KEY}\r\n\r\n".encode())
    return sock


def read_all(sock: socket.socket) -> tuple[bytes, str]:
    """Everything the server sends, and how the connection ended ("eof" or "reset")."""
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return data, "reset"
        if not chunk:
            return data, "eof"
        data += chunk


def last(emu: Emulator) -> dict[str, Any]:
    return emu.requests()[-1]


def test_status_faults_carry_extra_headers(emu: Emulator) -> None:
    emu.inject_status(307, headers={"Location": "http://127.0.0.1:1/moved"})
    conn = connect(emu)
    conn.request("GET", "/Sessions")
    response = conn.getresponse()
    response.read()
    assert (response.status, response.getheader("Location")) == (307, "http://127.0.0.1:1/moved")
    emu.inject_service_unavailable(retry_after=9)
    conn.request("GET", "/Sessions")
    response = conn.getresponse()
    assert (response.status, response.getheader("Retry-After")) == (503, "9")
    assert b"starting up" in response.read()
    assert (last(emu)["fault"], last(emu)["injected"]) == ("service_unavailable", True)


@pytest.mark.parametrize(
    ("arm", "ending", "body_bytes"),
    [("inject_reset_before_headers", "reset", 0), ("inject_reset_mid_body", "reset", 1024),
     ("inject_truncated_body", "eof", 1024)],
)
def test_connection_faults_end_the_connection_and_apply_nothing(
    emu: Emulator, arm: str, ending: str, body_bytes: int
) -> None:
    getattr(emu, arm)()
    data, how = read_all(raw_request(emu, "POST", pause_path(emu)))
    assert how == ending
    if body_bytes:
        head, _, body = data.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200") and b"content-length: 4096" in head
        assert len(body) == body_bytes
    else:
        assert data == b""
    assert last(emu)["fault"] == arm.removeprefix("inject_")
    assert emu.commands(emu.fixtures["jellyfin"]["living_room_session_id"]) == []


def test_stall_pauses_halfway_then_finishes(emu: Emulator) -> None:
    # A pause far longer than a loaded machine's stalls, so "at once" cannot be mistaken.
    emu.inject_stall(2.0)
    conn = connect(emu)
    started = time.monotonic()
    conn.request("GET", "/Sessions", headers={"X-Emby-Token": API_KEY})
    response = conn.getresponse()
    assert time.monotonic() - started < 2.0, "the headers come before the pause ends"
    sessions = json.loads(response.read())
    assert time.monotonic() - started >= 2.0, "the rest after the pause"
    assert sessions and last(emu)["fault"] == "stall"


@pytest.mark.parametrize("chunked", [False, True])
def test_oversized_bodies_have_the_size_asked_for(emu: Emulator, chunked: bool) -> None:
    size = 3 * 1024 * 1024 + 1
    emu.inject_oversized_body(size, chunked=chunked)
    conn = connect(emu)
    conn.request("GET", "/Sessions")
    response = conn.getresponse()
    assert response.getheader("Content-Length") == (None if chunked else str(size))
    total = 0
    while chunk := response.read(1 << 20):
        total += len(chunk)
    assert total == size


def test_a_stale_connection_is_closed_on_its_next_request(emu: Emulator) -> None:
    emu.inject_stale_connection()
    conn = connect(emu)
    conn.request("GET", "/System/Ping")
    assert conn.getresponse().read() == b'"Jellyfin Server"'
    conn.request("GET", "/System/Ping")
    with pytest.raises(http.client.RemoteDisconnected):
        conn.getresponse()
    fresh = connect(emu)
    fresh.request("GET", "/System/Ping")
    assert fresh.getresponse().status == 200
    first, stale, served = emu.requests()
    assert first["connection"] == stale["connection"] != served["connection"]
    assert (stale["status"], stale["fault"], stale["injected"]) == (0, "stale_connection", True)


def test_an_abandoned_request_is_aborted_and_not_applied(emu: Emulator) -> None:
    emu.inject_latency(120.0)
    sock = raw_request(emu, "POST", pause_path(emu))
    emu.wait_for_in_flight(1)  # the server holds it
    sock.close()
    aborted = emu.wait_for_abort(timeout=5.0)
    assert (aborted["aborted"], aborted["status"], aborted["raw_path"]) == (True, 0, pause_path(emu))
    assert emu.commands(emu.fixtures["jellyfin"]["living_room_session_id"]) == []
    with pytest.raises(TimeoutError):
        emu.wait_for_abort(timeout=0.1)


def test_waiting_for_requests(emu: Emulator) -> None:
    conn = connect(emu)
    conn.request("GET", "/System/Ping")
    conn.getresponse().read()
    assert len(emu.wait_for_requests(1, timeout=1.0)) == 1
    with pytest.raises(TimeoutError, match="1 of 2"):
        emu.wait_for_requests(2, timeout=0.1)


def test_faults_queue_and_can_be_cleared(emu: Emulator) -> None:
    emu.inject_status(500)
    emu.inject_stall(0.1)
    assert emu.pending_faults == 2
    emu.clear_faults()
    assert emu.pending_faults == 0
    with pytest.raises(Exception, match="non-negative"):
        emu.inject_stall(-1.0)
