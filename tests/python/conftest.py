"""Fixtures shared by the Python tests: a fresh embedded emulator per test, and clients
of both flavours behind one calling convention so each operation test runs sync and async."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator

_device_ids = itertools.count()


def device_id() -> str:
    """A fresh device id: logging in twice from one device id revokes the first token."""
    return f"pytest-device-{next(_device_ids)}"


def press_ctrl_c(after: float = 0.5, when: Callable[[], Any] | None = None) -> list[float]:
    """Sends this process SIGINT from another thread, as Ctrl-C does: once `when()` returns
    (an event, such as the emulator holding the request) or, without one, after `after`
    seconds (for a reader blocked on nothing a test can observe); the list gets the moment it
    was sent (`time.monotonic()`). Python runs signal handlers on the main thread, where
    pytest runs every test: the test must be there."""
    assert threading.current_thread() is threading.main_thread(), "Ctrl-C can only be tested on the main thread"
    sent_at: list[float] = []

    def press() -> None:
        if when is not None:
            when()
        else:
            time.sleep(after)
        sent_at.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=press).start()
    return sent_at


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator() as e:
        yield e


@pytest.fixture
def fx(emu: Emulator) -> dict[str, Any]:
    return emu.fixtures


class Blocking:
    """Runs every coroutine method of an async client to completion, so an operation test
    can be written once and run against both clients."""

    def __init__(self, client: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._client = client
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._client, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            async def run() -> Any:
                return await attr(*args, **kwargs)

            return self._loop.run_until_complete(run())

        return call


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    lp = asyncio.new_event_loop()
    yield lp
    lp.close()


@pytest.fixture
def make_jf(emu: Emulator, mode: str, loop: asyncio.AbstractEventLoop) -> Any:
    """make_jf(user=None, **config) -> client (logged in as `user` if given)."""
    fixtures = emu.fixtures["jellyfin"]
    passwords = {fixtures["admin_user"]: fixtures["admin_password"], fixtures["user"]: fixtures["user_password"]}

    def make(user: str | None = None, **config: Any) -> Any:
        config.setdefault("device_id", device_id())
        config.setdefault("device_name", "pytest")
        if mode == "sync":
            client: Any = sessionlink.JellyfinClient(emu.url, **config)
        else:
            client = Blocking(sessionlink.AsyncJellyfinClient(emu.url, **config), loop)
        if user is not None:
            client.authenticate_by_name(user, passwords[user])
        return client

    return make


@pytest.fixture
def jf(make_jf: Any, fx: dict[str, Any]) -> Any:
    """A client logged in as the administrator alice."""
    return make_jf(fx["jellyfin"]["admin_user"])


@pytest.fixture
def make_g4(emu: Emulator, mode: str, loop: asyncio.AbstractEventLoop) -> Any:
    def make(tenant: str = "acme", **config: Any) -> Any:
        if mode == "sync":
            return sessionlink.G4Client(emu.g4_url, tenant, **config)
        return Blocking(sessionlink.AsyncG4Client(emu.g4_url, tenant, **config), loop)

    return make


@pytest.fixture
def g4(make_g4: Any) -> Any:
    return make_g4()


# A skipped test is work not done: the test command installs every tool the tests need
# (scripts/setup-python.sh), so any skip fails the run instead of passing it silently.
_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _skipped and exitstatus == 0:
        print(f"\n{len(_skipped)} test(s) skipped, which the test command does not allow: {', '.join(_skipped)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
