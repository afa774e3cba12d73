"""Quick Connect from Python: the five operations through both clients (`mode`), and the flow
(`start_quick_connect()`, show `code`, `wait()`) blocking and asyncio, approved, expired, turned
off, past its deadline, interrupted by Ctrl-C and cancelled. Approvals happen when a test
chooses (the emulator's `approve_quick_connect`, or a signed-in user's `authorize_quick_connect`),
after the emulator recorded the requests the test waits for: no sleeps."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator

from conftest import device_id

FAST = 0.02  # seconds between polls: the tests wait for events, not for the default 5 s


def kiosk(emu: Emulator) -> sessionlink.JellyfinClient:
    return sessionlink.JellyfinClient(emu.url, device_id=device_id(), device_name="Lobby Kiosk")


def connect_polls(emu: Emulator) -> int:
    return sum(1 for r in emu.requests() if r["raw_path"].endswith("/QuickConnect/Connect"))


def after_polls(emu: Emulator, n: int, then: Any) -> threading.Thread:
    """Runs `then()` on a thread once the emulator recorded `n` more `Connect` polls."""
    target = connect_polls(emu) + n

    def run() -> None:
        while connect_polls(emu) < target:
            emu.wait_for_requests(emu.request_count + 1, timeout=30.0)
        then()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_the_operations_step_by_step(make_jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    device = make_jf()
    alice = make_jf(fx["jellyfin"]["admin_user"])
    assert device.get_quick_connect_enabled() is True
    r = device.initiate_quick_connect()
    assert isinstance(r, sessionlink.QuickConnectResult)
    assert len(r.code) == 6 and r.code.isdigit() and r.authenticated is False
    assert r.device_name == "pytest" and r.secret and r.secret not in repr(r)
    assert device.get_quick_connect_state(r.secret).authenticated is False
    assert emu.requests()[-1]["raw_query"] == f"secret={r.secret}"
    with pytest.raises(sessionlink.NotFoundError):
        device.authenticate_with_quick_connect(r.secret)
    assert alice.authorize_quick_connect(r.code) is True
    with pytest.raises(sessionlink.ServerError):
        alice.authorize_quick_connect(r.code)  # approved once: the server answers 500
    login = device.authenticate_with_quick_connect(r.secret)
    assert isinstance(login, sessionlink.AuthenticationResult) and login.user is not None
    assert login.user.name == "alice" and device.user_id == fx["jellyfin"]["admin_id"]
    assert device.get_current_user().name == "alice"
    emu.set_quick_connect_enabled(False)
    assert device.get_quick_connect_enabled() is False
    with pytest.raises(sessionlink.UnauthorizedError):
        device.initiate_quick_connect()


def test_bad_arguments_raise_before_sending(make_jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    alice = make_jf(fx["jellyfin"]["admin_user"])
    before = emu.request_count
    with pytest.raises(sessionlink.InvalidArgumentError, match="secret"):
        alice.get_quick_connect_state("")
    with pytest.raises(sessionlink.InvalidArgumentError, match="secret"):
        alice.authenticate_with_quick_connect("  ")
    with pytest.raises(sessionlink.InvalidArgumentError, match="code"):
        alice.authorize_quick_connect("")
    with pytest.raises(sessionlink.InvalidArgumentError, match="user_id"):
        alice.authorize_quick_connect("123456", user_id="not a guid")
    with pytest.raises(TypeError):
        alice.authorize_quick_connect(123456)
    assert emu.request_count == before


def test_system_info_and_current_user(make_jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    bob = make_jf(fx["jellyfin"]["user"])
    info = bob.get_system_info()
    assert isinstance(info, sessionlink.SystemInfo)
    assert info.id == fx["jellyfin"]["server_id"] and info.product_name == "Jellyfin Server"
    assert info.has_pending_restart is False and info.web_socket_port_number == int(emu.url.rsplit(":", 1)[1])
    me = bob.get_current_user()
    assert isinstance(me, sessionlink.UserDto) and me.name == "bob" and me.id == fx["jellyfin"]["user_id"]
    key = make_jf(token=fx["jellyfin"]["api_key"])
    with pytest.raises(sessionlink.BadRequestError):
        key.get_current_user()  # an API key belongs to no user
    with pytest.raises(sessionlink.UnauthorizedError):
        make_jf().get_system_info()


def test_the_flow_gives_the_code_then_waits_for_the_approval(emu: Emulator, fx: dict[str, Any]) -> None:
    client = kiosk(emu)
    qc = client.start_quick_connect()
    assert isinstance(qc, sessionlink.QuickConnect)
    assert len(qc.code) == 6 and qc.code in repr(qc)
    assert qc.result.code == qc.code and qc.result.secret not in repr(qc) + repr(qc.result)
    approver = after_polls(emu, 2, lambda: emu.approve_quick_connect(qc.code, fx["jellyfin"]["user_id"]))
    login = qc.wait(timeout=60, poll_interval=FAST)
    approver.join()
    assert isinstance(login, sessionlink.AuthenticationResult)
    assert login.user is not None and login.user.name == "bob"
    assert client.has_token and client.user_id == fx["jellyfin"]["user_id"]
    assert client.get_current_user().name == "bob"


def test_the_flow_with_asyncio(emu: Emulator, fx: dict[str, Any]) -> None:
    async def main() -> None:
        client = sessionlink.AsyncJellyfinClient(emu.url, device_id=device_id())
        qc = await client.start_quick_connect()
        assert isinstance(qc, sessionlink.AsyncQuickConnect) and len(qc.code) == 6
        assert emu.approve_quick_connect(qc.code, fx["jellyfin"]["admin_id"])
        login = await qc.wait(poll_interval=FAST)
        assert login.user is not None and login.user.name == "alice"
        assert (await client.get_current_user()).name == "alice"

    asyncio.run(main())


def test_an_expired_code_raises_not_found(emu: Emulator) -> None:
    client = kiosk(emu)
    qc = client.start_quick_connect()
    assert emu.expire_quick_connect() >= 1
    with pytest.raises(sessionlink.NotFoundError, match=f"{qc.code} expired"):
        qc.wait(poll_interval=FAST)
    assert not client.has_token


def test_quick_connect_turned_off_is_said_so(emu: Emulator) -> None:
    emu.set_quick_connect_enabled(False)
    with pytest.raises(sessionlink.UnauthorizedError, match="turned off"):
        kiosk(emu).start_quick_connect()

    async def main() -> None:
        client = sessionlink.AsyncJellyfinClient(emu.url, device_id=device_id())
        with pytest.raises(sessionlink.UnauthorizedError, match="turned off"):
            await client.start_quick_connect()

    asyncio.run(main())


def test_the_deadline_raises_timeout(emu: Emulator) -> None:
    client = kiosk(emu)
    qc = client.start_quick_connect()
    with pytest.raises(sessionlink.TimeoutError, match=qc.code):
        qc.wait(timeout=0.1, poll_interval=FAST)
    assert qc.code in emu.pending_quick_connect_codes()  # still pending: nothing was approved
    assert not client.has_token


def test_bad_wait_options_raise(emu: Emulator) -> None:
    qc = kiosk(emu).start_quick_connect()
    for bad in ({"timeout": 0}, {"timeout": -1.0}, {"poll_interval": float("nan")}, {"poll_interval": float("inf")}):
        with pytest.raises(sessionlink.InvalidArgumentError):
            qc.wait(**bad)
    with pytest.raises(TypeError):
        qc.wait(timeout="soon")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        qc.wait(5.0)  # type: ignore[misc]  # keyword-only


def test_ctrl_c_stops_a_blocking_wait(emu: Emulator, fx: dict[str, Any]) -> None:
    assert threading.current_thread() is threading.main_thread()
    client = kiosk(emu)
    qc = client.start_quick_connect()
    presser = after_polls(emu, 1, lambda: os.kill(os.getpid(), signal.SIGINT))
    with pytest.raises(KeyboardInterrupt):
        qc.wait(poll_interval=FAST)
    presser.join()
    assert not client.has_token
    # The request is still pending on the server; a new wait picks it up.
    assert emu.approve_quick_connect(qc.code, fx["jellyfin"]["user_id"])
    assert qc.wait(poll_interval=FAST).user is not None


def test_cancelling_the_task_stops_an_async_wait(emu: Emulator) -> None:
    async def main() -> None:
        client = sessionlink.AsyncJellyfinClient(emu.url, device_id=device_id())
        qc = await client.start_quick_connect()
        target = connect_polls(emu) + 1
        task = asyncio.ensure_future(qc.wait(poll_interval=FAST))
        while connect_polls(emu) < target:
            await asyncio.to_thread(emu.wait_for_requests, emu.request_count + 1, 30.0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert not client.has_token
        assert (await client.get_quick_connect_enabled()) is True  # the client still works

    asyncio.run(main())
