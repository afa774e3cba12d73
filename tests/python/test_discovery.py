"""UDP server discovery from Python (blocking and asyncio): the emulator found at its loopback
discovery address, replies that are not a server's answer skipped, silence ending at the
timeout, bad arguments refused, Ctrl-C and task cancellation. Every datagram goes to
127.0.0.1: targets only, never a broadcast."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator

from conftest import press_ctrl_c


def find(*targets: str, limit: int | None = 1, timeout: float = 30.0) -> list[sessionlink.DiscoveredServer]:
    """Discovery of the given loopback targets only; the limit returns as soon as they answered."""
    return sessionlink.discover_servers(list(targets), broadcast=False, limit=limit, timeout=timeout)


def test_the_emulator_is_found_with_its_address_id_and_name(emu: Emulator) -> None:
    (server,) = find(emu.discovery_address)
    assert server.address == emu.url
    assert server.name == "sessionlink-emulator"
    assert server.id == emu.fixtures["jellyfin"]["server_id"]
    assert server.endpoint_address is None
    assert server.responder == emu.discovery_address
    assert server.to_dict() == {"Address": emu.url, "Id": server.id, "Name": server.name, "EndpointAddress": None}
    assert isinstance(server.info, sessionlink.ServerDiscoveryInfo) and server.info.address == emu.url
    assert emu.url in repr(server)
    assert emu.discovery_queries == 1
    # The address is the server's: a client connects with it.
    with sessionlink.JellyfinClient(server.address, device_id="found-it") as client:
        assert client.get_public_system_info().id == server.id


def test_asyncio_finds_two_emulators_once_each(emu: Emulator) -> None:
    with Emulator() as other:
        targets = [emu.discovery_address, other.discovery_address, emu.discovery_address]

        async def main() -> list[sessionlink.DiscoveredServer]:
            return await sessionlink.discover_servers_async(targets, broadcast=False, limit=2, timeout=30.0)

        found = asyncio.run(main())
        assert sorted(s.address for s in found) == sorted([emu.url, other.url])
        assert (emu.discovery_queries, other.discovery_queries) == (1, 1)


class FakeResponder:
    """A UDP socket on 127.0.0.1 that answers the question with the given datagrams."""

    def __init__(self, replies: list[bytes]) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(30)
        self.address = "127.0.0.1:%d" % self.sock.getsockname()[1]
        self.question = b""
        self.thread = threading.Thread(target=self._answer, args=(replies,))
        self.thread.start()

    def _answer(self, replies: list[bytes]) -> None:
        try:
            self.question, sender = self.sock.recvfrom(1024)
        except OSError:
            return
        for reply in replies:
            self.sock.sendto(reply, sender)

    def close(self) -> None:
        self.sock.close()
        self.thread.join()


def test_replies_that_are_not_a_servers_answer_are_skipped(caplog: pytest.LogCaptureFixture) -> None:
    valid: dict[str, Any] = {"Address": "http://10.1.2.3:8096", "Id": "ab" * 16, "Name": "Attic", "EndpointAddress": None, "New": 1}
    oversized = json.dumps({"Address": "http://10.9.9.9:8096", "Id": "x", "Name": "n" * 5000}).encode()
    responder = FakeResponder([b"not json", b'{"Id":"x","Name":"y"}', b"\xff", oversized, json.dumps(valid).encode()])
    try:
        with caplog.at_level("DEBUG", logger="sessionlink"):
            (server,) = find(responder.address)
    finally:
        responder.close()
    assert responder.question == b"who is JellyfinServer?"
    assert (server.address, server.name) == ("http://10.1.2.3:8096", "Attic")
    assert server.info.extra == {"New": 1}, "unknown fields are kept"
    skipped = [r.getMessage() for r in caplog.records if r.name.startswith("sessionlink.discovery")]
    assert any("longer than 4096 bytes" in m for m in skipped), skipped
    assert any("no Address" in m for m in skipped), skipped


def test_silence_ends_at_the_timeout_with_no_server() -> None:
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    try:
        assert find("127.0.0.1:%d" % silent.getsockname()[1], limit=None, timeout=0.2) == []
    finally:
        silent.close()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"targets": "127.0.0.1"}, sessionlink.InvalidArgumentError, "not a single str"),
        ({"targets": ["[::1]:7359"]}, sessionlink.InvalidArgumentError, "IPv4 only"),
        ({"targets": ["host:0"]}, sessionlink.InvalidArgumentError, "1 to 65535"),
        ({"targets": [5]}, sessionlink.InvalidArgumentError, "must be a str"),
        ({"targets": [], "broadcast": False}, sessionlink.InvalidArgumentError, "nowhere to ask"),
        ({"targets": ["127.0.0.1"], "timeout": 0}, sessionlink.InvalidArgumentError, "timeout"),
        ({"targets": ["127.0.0.1"], "timeout": float("nan")}, sessionlink.InvalidArgumentError, "timeout"),
        ({"targets": ["127.0.0.1"], "timeout": True}, sessionlink.InvalidArgumentError, "bool"),
        ({"targets": ["127.0.0.1"], "limit": 0}, sessionlink.InvalidArgumentError, "limit"),
        ({"targets": ["127.0.0.1"], "limit": -1}, sessionlink.InvalidArgumentError, "limit"),
        ({"targets": ["127.0.0.1"], "port": 70000}, sessionlink.InvalidArgumentError, "port"),
    ],
)
def test_bad_arguments_are_refused_before_anything_is_sent(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    kwargs.setdefault("broadcast", False)
    with pytest.raises(error, match=message):
        sessionlink.discover_servers(**kwargs)


def test_ctrl_c_stops_a_blocking_discovery() -> None:
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    silent.settimeout(60.0)
    try:
        # Ctrl-C once the question arrived: the discovery is then waiting for answers.
        press_ctrl_c(when=lambda: silent.recv(64))
        with pytest.raises(KeyboardInterrupt):
            find("127.0.0.1:%d" % silent.getsockname()[1], limit=None, timeout=60.0)
    finally:
        silent.close()


def test_cancelling_the_task_stops_discovery() -> None:
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    target = "127.0.0.1:%d" % silent.getsockname()[1]

    async def main() -> None:
        task = asyncio.ensure_future(sessionlink.discover_servers_async([target], broadcast=False, timeout=60.0))
        # The question arrives: discovery is running; then it is cancelled.
        await asyncio.get_running_loop().run_in_executor(None, silent.recvfrom, 64)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    try:
        asyncio.run(main())
    finally:
        silent.close()
