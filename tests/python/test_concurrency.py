"""Concurrency as users meet it: Ctrl-C, task cancellation, threads sharing a client, a
sync call inside a running event loop, the GIL, and fork()."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator

from conftest import press_ctrl_c

PATIENCE = 10.0


def admin(emu: Emulator, device: str = "concurrency") -> sessionlink.JellyfinClient:
    return sessionlink.JellyfinClient(emu.url, device_id=device, token=emu.fixtures["jellyfin"]["api_key"])


def test_ctrl_c_interrupts_a_blocking_call(emu: Emulator) -> None:
    client = admin(emu)
    emu.inject_latency(120.0)
    sent_at = press_ctrl_c(when=lambda: emu.wait_for_in_flight(1, timeout=PATIENCE))
    with pytest.raises(KeyboardInterrupt):
        client.get_sessions()
    # Interrupted while the server held the request, long before its answer was due.
    reaction = time.monotonic() - sent_at[0]
    assert reaction < PATIENCE, f"Ctrl-C took {reaction:.3f} s"
    assert emu.wait_for_abort(timeout=PATIENCE)["raw_path"] == "/Sessions"
    # The request was dropped, not left running: the client is usable at once.
    assert len(client.get_sessions()) >= 2


def test_cancelling_a_task_drops_the_request(emu: Emulator) -> None:
    async def started(awaitable: Any) -> asyncio.Future[Any]:
        """The awaitable as a future, once the server holds its request (waited for on a
        thread: a request awaited alone is polled by the loop, which must keep running)."""
        future = asyncio.ensure_future(awaitable)
        await asyncio.to_thread(emu.wait_for_in_flight, 1, timeout=PATIENCE)
        return future

    async def main() -> None:
        async with sessionlink.AsyncJellyfinClient(
            emu.url, device_id="cancel", token=emu.fixtures["jellyfin"]["api_key"]
        ) as client:
            await client.get_sessions()
            emu.clear_requests()

            emu.inject_latency(120.0)
            # wait_for's timeout starts once the server holds the request, so it cannot fire
            # before the request was sent however slow the machine.
            held = await started(client.get_sessions())
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(held, timeout=0.05)
            # Recorded as aborted, so no longer in flight when the next request is awaited (waited
            # for on a thread: the event loop must run for a cancellation to reach the SDK).
            await asyncio.to_thread(emu.wait_for_abort, timeout=PATIENCE)

            emu.inject_latency(120.0)
            task = await started(client.get_sessions())
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

            # Both requests were dropped (their connections closed) while the server held them:
            # it saw them aborted and answered neither (an aborted request is never applied).
            await asyncio.to_thread(emu.wait_for_abort, timeout=PATIENCE)
            assert [(ex["aborted"], ex["status"]) for ex in emu.requests()] == [(True, 0), (True, 0)]
            assert len(await client.get_sessions()) >= 2
            assert emu.request_count == 3

    asyncio.run(main())


def test_async_calls_use_no_thread_per_call(emu: Emulator) -> None:
    async def main() -> tuple[int, int]:
        async with sessionlink.AsyncJellyfinClient(
            emu.url, device_id="many", token=emu.fixtures["jellyfin"]["api_key"]
        ) as client:
            await client.get_sessions()
            before = threading.active_count()
            results = await asyncio.gather(*(client.get_sessions() for _ in range(64)))
            assert all(len(r) == len(results[0]) for r in results)
            return before, threading.active_count()

    before, after = asyncio.run(main())
    assert after == before


def test_eight_threads_share_one_client(emu: Emulator) -> None:
    client = admin(emu)
    tv = emu.fixtures["jellyfin"]["living_room_session_id"]

    def work(i: int) -> int:
        for _ in range(25):
            assert any(s.id == tv for s in client.get_sessions())
            client.send_general_command(tv, "VolumeUp")
        return i

    with ThreadPoolExecutor(8) as pool:
        assert sorted(pool.map(work, range(8))) == list(range(8))
    assert len(emu.commands(tv)) == 8 * 25


def test_blocking_calls_release_the_gil(emu: Emulator) -> None:
    client = admin(emu)
    emu.inject_latency(0.5)
    ticks = 0
    done = threading.Event()

    def spin() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        client.get_sessions()
    finally:
        done.set()
        spinner.join()
    assert ticks > 10_000


def test_sync_client_inside_a_running_loop(emu: Emulator) -> None:
    """As in a Jupyter cell: the blocking client does not touch asyncio at all."""

    async def cell() -> int:
        return len(admin(emu).get_sessions())

    assert asyncio.run(cell()) >= 2


def test_async_client_needs_a_running_loop(emu: Emulator) -> None:
    client = sessionlink.AsyncJellyfinClient(emu.url, device_id="noloop")
    with pytest.raises(RuntimeError):
        client.get_sessions()


def test_fork(emu: Emulator) -> None:
    client = admin(emu, "before-fork")
    assert client.get_sessions()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        report = "ok"
        try:
            try:
                client.get_sessions()
                report = "inherited client worked"
            except sessionlink.ForkedError as e:
                if "fork" not in str(e):
                    report = f"unclear message: {e}"
            fresh = admin(emu, "after-fork")
            if len(fresh.get_sessions()) < 2:
                report = "new client saw no sessions"
        except BaseException as e:  # noqa: BLE001
            report = f"{type(e).__name__}: {e}"
        os.write(write_end, report.encode())
        os._exit(0)
    os.close(write_end)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(read_end) as f:
        report = f.read()
    assert status == 0
    assert report == "ok"
    assert client.get_sessions()


class _Replies(logging.Handler):
    """Collects the transport's "GET /Sessions -> 200" records (with the thread that wrote
    each) and tells when one arrives."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.threads: list[int] = []
        self.arrived = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("GET /Sessions -> 200"):
            self.threads.append(record.thread or 0)
            self.arrived.set()


@pytest.fixture
def replies() -> Any:
    logger = logging.getLogger("sessionlink.transport")
    handler, level = _Replies(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_a_lone_async_call_is_read_on_the_loops_thread(emu: Emulator, replies: _Replies) -> None:
    """A call awaited alone is polled by the event loop's thread from start to end (its reply
    read, decoded and freed where it is used, like a blocking call's); calls in flight together
    are read on the runtime's threads, in parallel with the loop."""

    async def main() -> int:
        async with sessionlink.AsyncJellyfinClient(
            emu.url, device_id="lone", token=emu.fixtures["jellyfin"]["api_key"]
        ) as client:
            for _ in range(3):
                assert len(await client.get_sessions()) >= 2
            results = await asyncio.gather(*(client.get_sessions() for _ in range(8)))
            assert all(len(r) == len(results[0]) for r in results)
        return threading.get_ident()

    loop_thread = asyncio.run(main())
    assert replies.threads[:3] == [loop_thread] * 3, "each lone reply was read on the loop's thread"
    # The first of the eight started alone; the other seven while it was in flight.
    together = replies.threads[3:]
    assert len(together) == 8
    assert sum(thread != loop_thread for thread in together) >= 7, "concurrent replies read on the runtime"


def test_a_lone_request_outlives_a_loop_that_closes(emu: Emulator, replies: _Replies) -> None:
    """A loop closed while its lone request is in flight (a bare future nobody awaited, so
    asyncio.run's cancellation does not reach it) no longer polls: the request is finished by
    the runtime instead, which frees its connection, rather than waiting for a loop that is
    gone."""
    loop = asyncio.new_event_loop()

    async def start() -> tuple[Any, Any]:
        client = sessionlink.AsyncJellyfinClient(emu.url, device_id="orphan", token=emu.fixtures["jellyfin"]["api_key"])
        await client.get_sessions()
        emu.inject_latency(0.5)
        return client, client.get_sessions()

    client, pending = loop.run_until_complete(start())
    replies.threads.clear()
    replies.arrived.clear()
    emu.wait_for_in_flight(1, timeout=PATIENCE)
    loop.close()
    assert replies.arrived.wait(PATIENCE), "the request was finished after its loop closed"
    assert replies.threads[0] != threading.get_ident()
    assert not pending.done(), "a closed loop's future is not resolved"
    del client, pending
