"""`sessionlink demo` (and `python -m sessionlink demo`): a short scenario against the embedded
emulator."""

from __future__ import annotations

import textwrap

import sessionlink
from sessionlink.testing import Emulator


def _step(text: str) -> None:
    print(f"\n== {text}")


def _show_sessions(sessions: sessionlink.SessionList) -> None:
    for s in sessions:
        item = s.now_playing_item
        playing = f"playing {item.name!r}" if item is not None else "idle"
        paused = " (paused)" if s.play_state is not None and s.play_state.is_paused and item is not None else ""
        print(f"   {s.user_name or '-':6} {s.device_name or '-':16} {s.client or '-':22} {playing}{paused}")


def demo() -> None:
    """Runs the scenario, printing each step."""
    with Emulator() as emu:
        print(f"Embedded emulator at {emu.url} (Jellyfin) and {emu.g4_url} (G4)")

        with sessionlink.JellyfinClient(emu.url, device_name="Demo laptop", device_id="sessionlink-demo") as jf:
            _step("Jellyfin: log in as alice")
            result = jf.authenticate_by_name("alice", "wonderland")
            assert result.user is not None
            print(f"   logged in as {result.user.name} (id {result.user.id}); token kept by the client, shown as {result!r}")

            _step("Jellyfin: list sessions")
            sessions = jf.get_sessions()
            _show_sessions(sessions)

            tv = next(s for s in sessions if s.device_name == "Living Room TV")
            assert tv.id is not None
            _step(f"Jellyfin: pause {tv.device_name!r} and send it a message")
            jf.send_playstate_command(tv.id, sessionlink.PlaystateCommand.PAUSE)
            jf.send_message_command(tv.id, "Dinner is ready!", header="Kitchen", timeout_ms=5000)
            for command in emu.commands(tv.id):
                print(f"   {tv.device_name} received {command['message_type']}: {command['data']}")

            _step("Jellyfin: an invalid command is refused before any request")
            try:
                # A type checker flags this too: the stub types it as PlaystateCommand or its names.
                jf.send_playstate_command(tv.id, "Paws")  # type: ignore[arg-type]
            except ValueError as e:
                print("   ValueError:", textwrap.shorten(str(e), 110))

        with sessionlink.G4Client(emu.g4_url, "acme", application="sessionlink-demo") as g4:
            _step("G4: create a session (log in) with a 60 s time-to-live")
            created = g4.create_session("user@example.com", "correct horse", data={"cart": []}, timeout=60)
            assert created.session_id is not None
            sid: str = created.session_id
            print(f"   {created!r}")

            def ttl() -> str:
                remaining = emu.g4_ttl_remaining("acme", sid)
                return "expired" if remaining is None else f"{remaining:.0f} s left"

            def age() -> None:
                emu.set_g4_ttl_remaining("acme", sid, 30.0)
                print(f"   (emulator: 30 s pass)  TTL: {ttl()}")

            _step("G4: update the session's data (restarts the TTL, as the contract says)")
            age()
            g4.update_session(sid, {"cart": ["apple", "pear"]})
            print(f"   update_session                    TTL: {ttl()}")

            _step("G4: peek with get_static_session: the TTL is left alone")
            age()
            print(f"   get_static_session -> data={g4.get_static_session(sid).data}  TTL: {ttl()}")

            _step("G4: read with get_session: the TTL restarts")
            age()
            print(f"   get_session        -> data={g4.get_session(sid).data}  TTL: {ttl()}")

            _step("G4: delete the session; reading it again is NotFoundError")
            g4.delete_session(sid)
            print(f"   deleted; the client forgot its bearer (auth_scheme={g4.auth_scheme})")
        api_key = emu.fixtures["g4"]["api_key"]
        with sessionlink.G4Client(emu.g4_url, "acme", api_key=api_key) as service:
            try:
                service.get_static_session(sid)
            except sessionlink.NotFoundError as e:
                print(f"   NotFoundError: {e}")
    print("\nDone.")
