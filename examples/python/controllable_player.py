"""A minimal controllable player: it becomes a remote-controllable session, obeys the commands
controllers send it (play, pause, seek, stop, volume, messages) and reports its playback, so
that every controller sees what it plays.

    python examples/python/controllable_player.py [URL USER PASSWORD]

With a server it plays along until a controller stops it, or Ctrl-C. Without arguments it runs
against the embedded emulator, where alice (on another thread) controls it.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass

import sessionlink
from sessionlink import GeneralCommandType, MediaType, PlaystateCommand
from sessionlink.testing import Emulator

TICKS_PER_SECOND = 10_000_000


@dataclass
class Player:
    """What the player plays; a real one would drive its media engine from here."""

    client: sessionlink.JellyfinClient
    item_id: str | None = None
    position_ticks: int = 0
    paused: bool = False
    volume: int = 100

    def report(self) -> None:
        if self.item_id is not None:
            progress = sessionlink.PlaybackProgressInfo(
                item_id=self.item_id, position_ticks=self.position_ticks, is_paused=self.paused, volume_level=self.volume
            )
            self.client.report_playback_progress(progress)

    def play(self, request: sessionlink.PlayRequest) -> str:
        if not request.item_ids:
            return "nothing to play"
        self.item_id = request.item_ids[request.start_index or 0]
        self.position_ticks, self.paused = request.start_position_ticks or 0, False
        self.client.report_playback_start(
            sessionlink.PlaybackStartInfo(item_id=self.item_id, position_ticks=self.position_ticks)
        )
        return f"playing {self.item_id} from {self.position_ticks // TICKS_PER_SECOND} s"

    def playstate(self, request: sessionlink.PlaystateRequest) -> str:
        command = request.command
        if command == PlaystateCommand.STOP and self.item_id is not None:
            stopped = sessionlink.PlaybackStopInfo(item_id=self.item_id, position_ticks=self.position_ticks)
            self.client.report_playback_stopped(stopped)
            self.item_id = None
            return "stopped"
        if command in (PlaystateCommand.PAUSE, PlaystateCommand.UNPAUSE, PlaystateCommand.PLAY_PAUSE):
            self.paused = command == PlaystateCommand.PAUSE or (command == PlaystateCommand.PLAY_PAUSE and not self.paused)
        elif command == PlaystateCommand.SEEK and request.seek_position_ticks is not None:
            self.position_ticks = request.seek_position_ticks
        self.report()
        return f"{command}: {'paused' if self.paused else 'playing'} at {self.position_ticks // TICKS_PER_SECOND} s"

    def general(self, command: sessionlink.GeneralCommand) -> str:
        arguments = command.arguments or {}
        if command.name == GeneralCommandType.SET_VOLUME:
            self.volume = int(arguments.get("Volume") or self.volume)
            self.report()
            return f"volume {self.volume}"
        if command.name == GeneralCommandType.DISPLAY_MESSAGE:
            return f"message: {arguments.get('Header') or ''}: {arguments.get('Text')}"
        return f"{command.name} ignored"


def serve(client: sessionlink.JellyfinClient) -> None:
    """Becomes controllable and plays along until a controller stops playback."""
    player = Player(client)
    commands = [GeneralCommandType.SET_VOLUME, GeneralCommandType.DISPLAY_MESSAGE]
    with client.become_controllable([MediaType.AUDIO, MediaType.VIDEO], commands) as socket:
        print("controllable: waiting for commands")
        for event in socket:
            if isinstance(event, sessionlink.PlayMessage):
                print(" ", player.play(event.data))
            elif isinstance(event, sessionlink.PlaystateMessage):
                print(" ", player.playstate(event.data))
                if event.data.command == PlaystateCommand.STOP:
                    return
            elif isinstance(event, sessionlink.GeneralCommandMessage):
                print(" ", player.general(event.data))
            elif isinstance(event, sessionlink.SocketDisconnected):
                print(f"  (connection lost: {event.reason}; back in {event.retry_in:.1f} s)")


def alice_controls(emu: Emulator, player_session: str) -> None:
    """The emulator run's controller: what a phone or the web client would send. It starts
    once the player's socket is open (the server drops commands to a session without one)."""
    emu.wait_for_open_sockets(player_session, 1)
    with sessionlink.JellyfinClient(emu.url, device_id="controllable-player-remote") as alice:
        alice.authenticate_by_name("alice", "wonderland")
        episode = emu.fixtures["jellyfin"]["episode_id"]
        alice.play(player_session, "PlayNow", [episode], start_position_ticks=60 * TICKS_PER_SECOND)
        alice.send_playstate_command(player_session, PlaystateCommand.PAUSE)
        alice.send_playstate_command(player_session, PlaystateCommand.SEEK, seek_position_ticks=90 * TICKS_PER_SECOND)
        alice.send_full_general_command(player_session, GeneralCommandType.SET_VOLUME, {"Volume": "40"})
        alice.send_message_command(player_session, "Dinner is ready!", header="Kitchen")
        alice.send_playstate_command(player_session, PlaystateCommand.STOP)


def main(argv: list[str]) -> int:
    if len(argv) == 4:
        url, user, password = argv[1:]
        with sessionlink.JellyfinClient(url, device_name="sessionlink player", device_id="controllable-player") as client:
            client.authenticate_by_name(user, password)
            try:
                serve(client)
            except KeyboardInterrupt:  # the socket is already closed
                print("bye")
        return 0
    with Emulator() as emu, sessionlink.JellyfinClient(emu.url, device_id="controllable-player") as client:
        client.authenticate_by_name("bob", "builder")
        me = client.current_session()
        assert me is not None and me.id is not None
        remote = threading.Thread(target=alice_controls, args=(emu, me.id))
        remote.start()
        serve(client)
        remote.join()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
