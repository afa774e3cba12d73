"""`sessionlink demo` (and `python -m sessionlink demo`): a short scenario against the embedded
emulator."""

from __future__ import annotations

import textwrap
import threading

import sessionlink
from sessionlink import GeneralCommandMessage, PlaystateCommand, PlaystateMessage
from sessionlink.testing import Emulator

_TICKS_PER_SECOND = 10_000_000


def _step(text: str) -> None:
    print(f"\n== {text}")


def _show_sessions(sessions: sessionlink.SessionList) -> None:
    for s in sessions:
        item = s.now_playing_item
        playing = f"playing {item.name!r}" if item is not None else "idle"
        paused = " (paused)" if s.play_state is not None and s.play_state.is_paused and item is not None else ""
        remote = " [remote control]" if s.supports_remote_control else ""
        print(f"   {s.user_name or '-':6} {s.device_name or '-':16} {s.client or '-':22} {playing}{paused}{remote}")


def _player(
    player: sessionlink.JellyfinClient, socket: sessionlink.Socket, episode: str, received: threading.Semaphore
) -> None:
    """The controllable player's loop, on its own thread: it prints each command as it arrives
    and reports its playback state back."""
    position = 123 * _TICKS_PER_SECOND
    for event in socket.events(PlaystateMessage, GeneralCommandMessage, limit=2, timeout=10):
        if isinstance(event, PlaystateMessage):
            paused = event.data.command == PlaystateCommand.PAUSE
            progress = sessionlink.PlaybackProgressInfo(item_id=episode, position_ticks=position, is_paused=paused)
            player.report_playback_progress(progress)
            print(f"   Demo player received {event.data.command}: paused at {progress.position}, reported it")
        elif isinstance(event, GeneralCommandMessage):
            arguments = event.data.arguments or {}
            print(f"   Demo player received {event.data.name}: shows {arguments.get('Header')}: {arguments.get('Text')!r}")
        received.release()


def _controllable_player(emu: Emulator, jf: sessionlink.JellyfinClient) -> None:
    """A second client becomes controllable; alice pauses it and sends it a message; the
    player receives both live, reports its playback, and alice sees it in get_sessions."""
    bob = emu.fixtures["jellyfin"]["user"], emu.fixtures["jellyfin"]["user_password"]
    episode = emu.fixtures["jellyfin"]["episode_id"]
    with sessionlink.JellyfinClient(emu.url, device_name="Demo player", device_id="sessionlink-demo-player") as player:
        _step("Jellyfin: a second client, bob's 'Demo player', becomes controllable")
        player.authenticate_by_name(*bob)
        media, commands = [sessionlink.MediaType.VIDEO], [sessionlink.GeneralCommandType.DISPLAY_MESSAGE]
        with player.become_controllable(media, commands) as socket:
            print(f"   player: {socket.next(timeout=10)!r}; its socket answers keep-alives by itself")
            player.report_playback_start(sessionlink.PlaybackStartInfo(item_id=episode, position_ticks=0))
            print("   player: plays an episode and reports it (report_playback_start)")
            mine = next(s for s in jf.get_sessions() if s.device_name == "Demo player")
            assert mine.id is not None
            print(f"   alice sees it: supports_remote_control={mine.supports_remote_control}, is_active={mine.is_active}")

            _step("Jellyfin: alice pauses the player and sends it a message; it receives both live")
            received = threading.Semaphore(0)
            thread = threading.Thread(target=_player, args=(player, socket, episode, received))
            thread.start()
            print("   alice: send_playstate_command(Pause)")
            jf.send_playstate_command(mine.id, PlaystateCommand.PAUSE)
            received.acquire(timeout=10)
            print("   alice: send_message_command('Dinner is ready!')")
            jf.send_message_command(mine.id, "Dinner is ready!", header="Kitchen", timeout_ms=5000)
            received.acquire(timeout=10)
            thread.join(timeout=10)

            _step("Jellyfin: alice sees what the player reported, in get_sessions")
            _show_sessions(sessionlink.SessionList(s for s in jf.get_sessions() if s.device_name == "Demo player"))
            mine = next(s for s in jf.get_sessions() if s.device_name == "Demo player")
            assert mine.play_state is not None
            print(f"   NowPlayingItem={mine.now_playing_item!r}")
            print(f"   PlayState: position={mine.play_state.position}, is_paused={mine.play_state.is_paused}")


def _quick_connect(emu: Emulator, jf: sessionlink.JellyfinClient) -> None:
    """A kiosk without a keyboard logs in with Quick Connect: it shows a code, alice approves
    it (as the dashboard's Quick Connect page does), and the kiosk gets alice's token."""
    with sessionlink.JellyfinClient(emu.url, device_name="Hallway kiosk", device_id="sessionlink-demo-kiosk") as kiosk:
        _step("Jellyfin: a kiosk without a keyboard logs in with Quick Connect")
        qc = kiosk.start_quick_connect()
        print(f"   kiosk shows: Quick Connect code {qc.code}")
        print("   alice approves it: authorize_quick_connect(code), as the dashboard's Quick Connect page does")
        jf.authorize_quick_connect(qc.code)
        login = qc.wait(timeout=30)
        assert login.user is not None
        print(f"   kiosk: logged in as {login.user.name}; get_current_user() -> {kiosk.get_current_user().name}")


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

            _controllable_player(emu, jf)
            _quick_connect(emu, jf)

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
