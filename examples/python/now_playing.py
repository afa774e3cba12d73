"""What each session plays, as Python values: dates are aware `datetime`s, positions and run
times `timedelta`s, item types enum members; and which session is this program's own.

    python examples/python/now_playing.py [URL USER PASSWORD]

Without arguments it runs against the embedded emulator. A 503 while the server starts is
retried (`retry_unavailable`); a lost connection is retried only when nothing was sent.
"""

from __future__ import annotations

import datetime
import sys

import sessionlink
from sessionlink.testing import Emulator


def describe(session: sessionlink.SessionInfoDto, now: datetime.datetime) -> str:
    who = f"{session.user_name or '-'} on {session.device_name or '?'}"
    seen = session.last_activity_date
    ago = f", active {int((now - seen).total_seconds())} s ago" if seen is not None else ""
    item = session.now_playing_item
    if item is None:
        return f"{who}: idle{ago}"
    state = session.play_state
    position = state.position if state is not None else None
    progress = f" at {position} of {item.run_time}" if position is not None and item.run_time is not None else ""
    return f"{who}: {item.item_type} {item.name!r}{progress}{ago}"


def sessions(client: sessionlink.JellyfinClient) -> sessionlink.SessionList:
    try:
        return client.get_sessions()
    except sessionlink.ConnectionLostError as e:
        # The GET may have reached the server; reading twice is harmless, so try once more.
        print(f"retrying after: {e}", file=sys.stderr)
        return client.get_sessions()


def report(client: sessionlink.JellyfinClient) -> None:
    me = client.current_session()
    print(f"this program is session {me.id if me else None} ({client.client_name} on {client.device_id})")
    now = datetime.datetime.now(datetime.timezone.utc)
    for session in sessions(client):
        print(" ", describe(session, now))


def connect(url: str, device_id: str) -> sessionlink.JellyfinClient:
    # Jellyfin answers 503 with Retry-After while it starts up: wait (at most 5 s) and retry.
    return sessionlink.JellyfinClient(url, device_id=device_id, retry_unavailable=3, retry_after_cap=5.0)


def main(argv: list[str]) -> int:
    if len(argv) == 4:
        url, user, password = argv[1:]
        with connect(url, "now-playing-example") as client:
            client.authenticate_by_name(user, password)
            report(client)
        return 0
    with Emulator() as emu, connect(emu.url, "now-playing") as client:
        client.authenticate_by_name("alice", "wonderland")
        report(client)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
