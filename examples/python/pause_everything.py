"""Pauses every session that is playing something (blocking client).

    python examples/python/pause_everything.py [URL USER PASSWORD]

Without arguments it runs against the embedded emulator.
"""

from __future__ import annotations

import sys

import sessionlink
from sessionlink.testing import Emulator


def pause_all(client: sessionlink.JellyfinClient) -> list[str]:
    paused: list[str] = []
    for session in client.get_sessions(active_within_seconds=960):
        if session.id is None or session.now_playing_item is None:
            continue
        if session.play_state is not None and session.play_state.is_paused:
            continue
        client.send_playstate_command(session.id, sessionlink.PlaystateCommand.PAUSE)
        paused.append(session.device_name or session.id)
    return paused


def main(argv: list[str]) -> int:
    if len(argv) == 4:
        url, user, password = argv[1:]
        with sessionlink.JellyfinClient(url, device_name="pause-everything") as client:
            client.authenticate_by_name(user, password)
            print("paused:", ", ".join(pause_all(client)) or "nothing")
        return 0
    with Emulator() as emu, sessionlink.JellyfinClient(emu.url, device_id="pause-everything") as client:
        client.authenticate_by_name("alice", "wonderland")
        print("paused:", ", ".join(pause_all(client)) or "nothing")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
