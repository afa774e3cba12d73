"""Lists sessions and reads a G4 session concurrently with the asyncio clients."""

from __future__ import annotations

import asyncio

import sessionlink
from sessionlink.testing import Emulator


async def main() -> None:
    with Emulator() as emu:
        async with sessionlink.AsyncJellyfinClient(emu.url, device_id="watch-async") as jf, sessionlink.AsyncG4Client(
            emu.g4_url, "acme"
        ) as g4:
            await jf.authenticate_by_name("alice", "wonderland")
            created = await g4.create_session("user@example.com", "correct horse", data={"theme": "dark"})
            assert created.session_id is not None
            sessions, g4_session = await asyncio.gather(jf.get_sessions(), g4.get_static_session(created.session_id))
            for s in sessions:
                item = s.now_playing_item.name if s.now_playing_item else "-"
                print(f"{s.user_name or '?':8} {s.device_name or '?':16} {item}")
            print("G4 data:", g4_session.data)
            try:
                await asyncio.wait_for(g4.get_session("no-such-session"), timeout=5)
            except sessionlink.NotFoundError as e:
                print("as expected:", e)


if __name__ == "__main__":
    asyncio.run(main())
