"""Watches the sessions live with the asyncio client: the server pushes the whole list over the
session socket on every session event (a login, playback starting, pausing, a logout), so
nothing polls `GET /Sessions`.

    python examples/python/watch_sessions.py [URL USER PASSWORD [SECONDS]]

With a server it watches for SECONDS (default: until Ctrl-C). Without arguments it runs against
the embedded emulator, where bob logs in on his phone, plays, pauses and logs out meanwhile.
"""

from __future__ import annotations

import asyncio
import sys

import sessionlink
from sessionlink.testing import Emulator


def line(session: sessionlink.SessionInfoDto) -> str:
    item, state = session.now_playing_item, session.play_state
    if item is None:
        doing = "idle"
    else:
        paused = state is not None and bool(state.is_paused)
        doing = f"{'paused' if paused else 'playing'} {item.name!r}"
    return f"{session.user_name or '-'} on {session.device_name or '?'}: {doing}"


async def watch(
    client: sessionlink.AsyncJellyfinClient,
    updates: int | None,
    seconds: float | None,
    shown: asyncio.Queue[int] | None = None,
) -> int:
    """Prints each pushed list (what changed since the previous one), telling `shown` (if
    given) after each; returns how many came."""
    seen: set[str] = set()
    count = 0
    # Subscribed at once (no initial delay; other activity at most once a second).
    async with await client.open_socket(sessions=(0, 1)) as socket:
        async for message in socket.events(sessionlink.SessionsMessage, limit=updates, timeout=seconds):
            count += 1
            now = {line(s) for s in message.data}
            changes = [f"+ {text}" for text in sorted(now - seen)] + [f"- {text}" for text in sorted(seen - now)]
            print(f"update {count}: {len(message.data)} sessions; " + "; ".join(changes))
            seen = now
            if shown is not None:
                shown.put_nowait(count)
    return count


async def bobs_evening(emu: Emulator, shown: asyncio.Queue[int]) -> None:
    """The emulator run's activity: four session events, each once the watcher has shown the
    one before (a newer list replaces one the watcher has not read yet, so a watcher that
    falls behind sees the latest state, not every step)."""
    episode = emu.fixtures["jellyfin"]["episode_id"]
    async with sessionlink.AsyncJellyfinClient(emu.url, device_name="Bob's phone", device_id="bobs-phone") as bob:
        await bob.authenticate_by_name("bob", "builder")
        await shown.get()
        await bob.report_playback_start(sessionlink.PlaybackStartInfo(item_id=episode))
        await shown.get()
        await bob.report_playback_progress(sessionlink.PlaybackProgressInfo(item_id=episode, is_paused=True))
        await shown.get()
        await bob.report_session_ended()


async def main(argv: list[str]) -> int:
    if len(argv) in (4, 5):
        url, user, password = argv[1:4]
        seconds = float(argv[4]) if len(argv) == 5 else None
        async with sessionlink.AsyncJellyfinClient(url, device_id="watch-sessions") as client:
            await client.authenticate_by_name(user, password)
            await watch(client, None, seconds)
        return 0
    with Emulator() as emu:
        async with sessionlink.AsyncJellyfinClient(emu.url, device_name="Watcher", device_id="watch-sessions") as client:
            await client.authenticate_by_name("alice", "wonderland")
            # Four events: bob's login, playback start, pause, logout; ten seconds at most.
            shown: asyncio.Queue[int] = asyncio.Queue()
            watching = asyncio.ensure_future(watch(client, 4, 10.0, shown))
            # Bob starts once the server has the watcher's subscription.
            own = await client.current_session()
            assert own is not None and own.id is not None
            await asyncio.to_thread(emu.wait_for_socket_messages, own.id, "received", "SessionsStart")
            await bobs_evening(emu, shown)
            print(f"{await watching} updates, no polling")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv)))
