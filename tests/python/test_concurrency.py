"""Concurrency as users meet it: Ctrl-C, task cancellation, threads sharing a client, a
sync call inside a running event loop, the GIL, and fork()."""

from __future__ import annotations

import asyncio
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
        """The awaitable as a task, once the server holds its request. Blocking the event loop
        meanwhile is harmless (the request runs on the SDK's runtime) and keeps any timeout of
        the task from firing before the request arrived."""
        task = asyncio.ensure_future(awaitable)
        for _ in range(3):  # asyncio runs the task (and wait_for's inner one) at the next yields
            await asyncio.sleep(0)
        emu.wait_for_in_flight(1, timeout=PATIENCE)
        return task

    async def main() -> None:
        async with sessionlink.AsyncJellyfinClient(
            emu.url, device_id="cancel", token=emu.fixtures["jellyfin"]["api_key"]
        ) as client:
            await client.get_sessions()
            emu.clear_requests()

            emu.inject_latency(120.0)
            timed = await started(asyncio.wait_for(client.get_sessions(), timeout=0.2))
            with pytest.raises(asyncio.TimeoutError):
                await timed
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
