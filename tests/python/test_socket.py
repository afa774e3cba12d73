"""The session socket from Python, against the emulator's `/socket`: `become_controllable` and
`open_socket` on both clients, each test run with the blocking `Socket` and with the asyncio
`AsyncSocket` (read through `async for`, `next()` and `events()` on an event loop).

Covered: every command kind received with its arguments, keep-alive over more than two
periods, reconnects after a drop and after a restart with the capabilities posted again (seen
at the emulator and in a controller's `get_sessions`), a revoked token, close / Ctrl-C / task
cancellation (the emulator sees the socket closed), a slow reader losing no command, unknown
kinds kept, the `Sessions` subscription, timeouts and filters, and the message classes'
conventions (to_dict, from_dict, repr, ==, pickling, pattern matching)."""

from __future__ import annotations

import asyncio
import pickle
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

import sessionlink
from sessionlink import (
    GeneralCommandMessage,
    GeneralCommandType,
    MediaType,
    PlayCommand,
    PlaystateCommand,
    PlaystateMessage,
    PlayMessage,
    SessionsMessage,
    SocketConnected,
    SocketDisconnected,
)
from sessionlink.testing import Emulator

from conftest import device_id, press_ctrl_c

PATIENCE = 10.0
FAST = {"reconnect_initial": 0.05, "reconnect_max": 0.4}
PLAYER_COMMANDS = [GeneralCommandType.SET_VOLUME, GeneralCommandType.DISPLAY_MESSAGE]


class AsyncAsBlocking:
    """An `AsyncSocket` driven by an event loop, read through its asyncio API (`async for`,
    `next`, `events`), so that each test runs against both socket classes."""

    def __init__(self, socket: sessionlink.AsyncSocket, loop: asyncio.AbstractEventLoop) -> None:
        self.socket = socket
        self._loop = loop

    def _run(self, make: Any) -> Any:
        async def run() -> Any:
            return await make()

        return self._loop.run_until_complete(run())

    def next(self, *kinds: Any, timeout: float | None = None) -> Any:
        return self._run(lambda: self.socket.next(*kinds, timeout=timeout))

    def events(self, *kinds: Any, limit: int | None = None, timeout: float | None = None) -> list[Any]:
        async def collect() -> list[Any]:
            return [e async for e in self.socket.events(*kinds, limit=limit, timeout=timeout)]

        return list(self._run(collect))

    def __iter__(self) -> Iterator[Any]:
        iterator = self.socket.__aiter__()
        while True:
            try:
                yield self._run(iterator.__anext__)
            except StopAsyncIteration:
                return

    def close(self) -> None:
        self.socket.close()

    @property
    def closed(self) -> bool:
        return self.socket.closed

    def subscribe_sessions(self, *args: Any) -> None:
        self.socket.subscribe_sessions(*args)

    def unsubscribe_sessions(self) -> None:
        self.socket.unsubscribe_sessions()

    def __enter__(self) -> AsyncAsBlocking:
        assert self._run(self.socket.__aenter__) is self.socket
        return self

    def __exit__(self, *exc: Any) -> None:
        assert self._run(lambda: self.socket.__aexit__(*exc)) is False


def wrap(socket: Any, mode: str, loop: asyncio.AbstractEventLoop) -> Any:
    if mode == "sync":
        assert isinstance(socket, sessionlink.Socket)
        return socket
    assert isinstance(socket, sessionlink.AsyncSocket)
    return AsyncAsBlocking(socket, loop)


@pytest.fixture
def users(emu: Emulator, make_jf: Any, fx: dict[str, Any]) -> tuple[Any, Any, str]:
    """bob's player, alice (an administrator) as the controller, and the player's session id."""
    jellyfin = fx["jellyfin"]
    player = make_jf(jellyfin["user"], device_name="pytest player")
    controller = make_jf(jellyfin["admin_user"], device_name="pytest controller")
    session = next(s.id for s in controller.get_sessions() if s.device_id == player.device_id)
    return player, controller, session


@pytest.fixture
def controllable(users: tuple[Any, Any, str], mode: str, loop: asyncio.AbstractEventLoop) -> Iterator[Any]:
    """The player, controllable (audio; SetVolume and DisplayMessage), its first events read."""
    player = users[0]
    socket = wrap(player.become_controllable([MediaType.AUDIO], PLAYER_COMMANDS), mode, loop)
    assert socket.next(timeout=PATIENCE) == SocketConnected(False)
    keepalive = socket.next(timeout=PATIENCE)
    assert isinstance(keepalive, sessionlink.ForceKeepAliveMessage) and keepalive.seconds == 60
    yield socket
    socket.close()


def open_player(users: tuple[Any, Any, str], mode: str, loop: asyncio.AbstractEventLoop, **options: Any) -> Any:
    """The player's socket with its capabilities and fast reconnects; `SocketConnected` read."""
    capabilities = sessionlink.ClientCapabilitiesDto(
        playable_media_types=[MediaType.AUDIO, MediaType.VIDEO],
        supported_commands=PLAYER_COMMANDS,
        supports_media_control=True,
    )
    socket = wrap(users[0].open_socket(capabilities=capabilities, **FAST, **options), mode, loop)
    assert socket.next(timeout=PATIENCE) == SocketConnected(reconnected=False)
    return socket


def next_message(socket: Any) -> Any:
    """The next message that is not keep-alive traffic (connection events skipped too)."""
    while True:
        event = socket.next(sessionlink.SocketMessage, timeout=PATIENCE)
        assert event is not None, "the socket ended"
        if not isinstance(event, (sessionlink.ForceKeepAliveMessage, sessionlink.KeepAliveMessage)):
            return event


def until_reconnected(socket: Any) -> list[Any]:
    """The events before the next `SocketConnected(reconnected=True)`."""
    seen = []
    deadline = time.monotonic() + PATIENCE
    while (event := socket.next(timeout=max(0.0, deadline - time.monotonic()))) != SocketConnected(True):
        seen.append(event)
    return seen


def capability_posts(emu: Emulator) -> list[dict[str, Any]]:
    return [r for r in emu.requests() if r["raw_path"] == "/Sessions/Capabilities/Full"]


def controllable_in_list(controller: Any, session: str) -> bool:
    (mine,) = [s for s in controller.get_sessions() if s.id == session]
    return bool(mine.supports_remote_control and mine.is_active and mine.supports_media_control)


# ---- becoming controllable, and every command kind ------------------------------------------------------------------


def test_a_controller_sees_the_player_controllable(users: tuple[Any, Any, str], mode: str, loop: Any) -> None:
    player, controller, session = users
    (before,) = [s for s in controller.get_sessions() if s.id == session]
    assert not before.supports_remote_control and not before.supports_media_control
    socket = wrap(player.become_controllable(["Audio", MediaType.VIDEO], PLAYER_COMMANDS), mode, loop)
    with socket:
        (after,) = [s for s in controller.get_sessions() if s.id == session]
        assert after.supports_remote_control and after.is_active and after.supports_media_control
        assert after.playable_media_types == [MediaType.AUDIO, MediaType.VIDEO]
        assert after.supported_commands == PLAYER_COMMANDS
        mine = controller.get_sessions(controllable_by_user_id=controller.user_id)
        assert session in [s.id for s in mine]
    assert socket.closed


def test_every_command_kind_arrives_with_its_arguments(
    controllable: Any, users: tuple[Any, Any, str], emu: Emulator, fx: dict[str, Any]
) -> None:
    _, controller, session = users
    tracks = fx["jellyfin"]["track_ids"]
    alice = controller.user_id

    for command in (PlayCommand.PLAY_NOW, PlayCommand.PLAY_NEXT, PlayCommand.PLAY_LAST):
        controller.play(
            session,
            command,
            tracks,
            start_position_ticks=600_000_000,
            media_source_id="source-1",
            audio_stream_index=1,
            subtitle_stream_index=2,
            start_index=1,
        )
        message = next_message(controllable)
        assert isinstance(message, PlayMessage) and message.message_type == "Play"
        play = message.data
        assert isinstance(play, sessionlink.PlayRequest)
        assert play.play_command == command and play.item_ids == tracks
        assert play.start_position_ticks == 600_000_000 and play.start_position is not None
        assert play.start_position.total_seconds() == 60
        assert (play.audio_stream_index, play.subtitle_stream_index, play.start_index) == (1, 2, 1)
        assert play.media_source_id == "source-1" and play.controlling_user_id == alice
        assert message.message_id is not None and len(message.message_id) == 32

    for command in PlaystateCommand:
        seek = 123_456_789 if command == PlaystateCommand.SEEK else None
        controller.send_playstate_command(session, command, seek_position_ticks=seek)
        message = next_message(controllable)
        assert isinstance(message, PlaystateMessage), message
        assert message.data.command == command
        assert message.data.seek_position_ticks == seek
        assert message.data.controlling_user_id == alice
    assert message.data.seek_position is None

    controller.send_general_command(session, GeneralCommandType.VOLUME_UP)
    controller.send_system_command(session, "GoHome")
    controller.send_full_general_command(session, GeneralCommandType.SET_VOLUME, {"Volume": "35"})
    controller.send_message_command(session, "Dinner is ready!", header="Kitchen", timeout_ms=5000)
    controller.display_content(session, sessionlink.BaseItemKind.MOVIE, fx["jellyfin"]["movie_id"], "A Movie")
    general = [next_message(controllable) for _ in range(5)]
    assert all(isinstance(m, GeneralCommandMessage) and m.data.controlling_user_id == alice for m in general)
    commands = [m.data for m in general]
    assert [c.name for c in commands] == ["VolumeUp", "GoHome", "SetVolume", "DisplayMessage", "DisplayContent"]
    assert commands[0].arguments == {} and commands[2].arguments == {"Volume": "35"}
    assert commands[3].arguments == {"Header": "Kitchen", "Text": "Dinner is ready!", "TimeoutMs": "5000"}
    assert commands[4].arguments == {"ItemId": fx["jellyfin"]["movie_id"], "ItemName": "A Movie", "ItemType": "Movie"}

    # What arrived is what the server sent: the envelopes as received, each by the socket.
    sent = emu.commands(session)
    assert [c["delivery"] for c in sent] == ["socket"] * len(sent) and len(sent) == 3 + len(PlaystateCommand) + 5
    assert [m.to_dict()["Data"] for m in general] == [c["data"] for c in sent[-5:]]


def test_playback_reported_by_the_player_is_seen_by_the_controller(
    controllable: Any, users: tuple[Any, Any, str], fx: dict[str, Any]
) -> None:
    player, controller, session = users
    episode = fx["jellyfin"]["episode_id"]
    controller.play(session, "PlayNow", [episode], start_position_ticks=50_000_000)
    play = controllable.next(PlayMessage, timeout=PATIENCE)
    assert play is not None and play.data.item_ids == [episode]
    player.report_playback_start(sessionlink.PlaybackStartInfo(item_id=episode, position_ticks=50_000_000))
    controller.send_playstate_command(session, PlaystateCommand.PAUSE)
    pause = controllable.next(PlaystateMessage, timeout=PATIENCE)
    assert pause is not None and pause.data.command == PlaystateCommand.PAUSE
    player.report_playback_progress(
        sessionlink.PlaybackProgressInfo(item_id=episode, position_ticks=70_000_000, is_paused=True)
    )
    (seen,) = [s for s in controller.get_sessions() if s.id == session]
    assert seen.now_playing_item is not None and seen.now_playing_item.id == episode
    assert seen.play_state is not None and seen.play_state.is_paused and seen.play_state.position_ticks == 70_000_000


# ---- keep-alive -----------------------------------------------------------------------------------------------------


def test_keepalive_over_more_than_two_periods(
    emu: Emulator, users: tuple[Any, Any, str], mode: str, loop: Any
) -> None:
    emu.set_keepalive_seconds(1)
    _, controller, session = users
    with open_player(users, mode, loop) as socket:
        assert socket.next(timeout=PATIENCE) == sessionlink.ForceKeepAliveMessage.from_dict(
            {"MessageType": "ForceKeepAlive", "MessageId": socket_message_id(emu, session, "ForceKeepAlive"), "Data": 1}
        )
        # 2.5 periods of 1 s at one KeepAlive per half period (the first answers ForceKeepAlive).
        emu.wait_for_socket_messages(session, "received", "KeepAlive", count=6, timeout=PATIENCE)
        # Sent by the client's own timer, not only as answers to reminders (the server reminds a
        # client quiet for 3/4 of the period, which a stalled machine may cause now and then;
        # a client without a timer sends none unprompted).
        unprompted = emu.unprompted_keepalives(session)
        assert unprompted >= 3, f"{unprompted} of {len(emu.keepalives(session))} KeepAlive unprompted"
        # The server never dropped it; the session stayed controllable.
        assert len(emu.open_sockets(session)) == 1
        assert controllable_in_list(controller, session)
        # The reader sees the server's answers as messages, nothing else, up to a marker.
        emu.send_socket_message(session, "Marker")
        traffic = []
        while not isinstance(event := socket.next(timeout=PATIENCE), sessionlink.UnknownMessage):
            traffic.append(event)
        assert event.message_type == "Marker"
        assert traffic and all(isinstance(e, sessionlink.KeepAliveMessage) for e in traffic), traffic


def socket_message_id(emu: Emulator, session: str, kind: str) -> str:
    import json

    (text,) = [m["text"] for m in emu.socket_messages(session) if m["message_type"] == kind][:1]
    return str(json.loads(text)["MessageId"])


# ---- reconnects -----------------------------------------------------------------------------------------------------


def test_a_drop_reconnects_and_posts_the_capabilities_again(
    emu: Emulator, users: tuple[Any, Any, str], mode: str, loop: Any
) -> None:
    _, controller, session = users
    with open_player(users, mode, loop, sessions=(0, 0.1)) as socket:
        assert len(capability_posts(emu)) == 1
        emu.wait_for_socket_messages(session, "received", "SessionsStart", timeout=PATIENCE)
        assert emu.drop_sockets() == 1
        between = until_reconnected(socket)
        (dropped,) = [e for e in between if isinstance(e, SocketDisconnected)]
        assert dropped.reason and 0 < dropped.retry_in <= 0.05
        # Posted again (seen at the emulator and by the controller), the subscription renewed.
        assert len(capability_posts(emu)) == 2
        emu.wait_for_socket_messages(session, "received", "SessionsStart", count=2, timeout=PATIENCE)
        assert controllable_in_list(controller, session)
        (seen,) = [s for s in controller.get_sessions() if s.id == session]
        assert seen.supported_commands == PLAYER_COMMANDS
        controller.send_playstate_command(session, PlaystateCommand.STOP)
        stop = socket.next(PlaystateMessage, timeout=PATIENCE)
        assert stop is not None and stop.data.command == PlaystateCommand.STOP


def test_a_restart_is_announced_and_the_socket_comes_back_controllable(
    emu: Emulator, users: tuple[Any, Any, str], mode: str, loop: Any
) -> None:
    _, controller, session = users
    with open_player(users, mode, loop) as socket:
        assert emu.simulate_restart(0.6) == 1
        between = until_reconnected(socket)
        keepalives = (sessionlink.ForceKeepAliveMessage, sessionlink.KeepAliveMessage)
        kinds = [type(e).__name__ for e in between if not isinstance(e, keepalives)]
        assert kinds[:2] == ["ServerRestartingMessage", "SocketDisconnected"], kinds
        assert set(kinds[2:]) <= {"SocketDisconnected"}, kinds
        assert any(u["status"] == 503 for u in emu.socket_upgrades())
        # The capabilities were posted again once the server was back: the controller sees them.
        posts = capability_posts(emu)
        assert len(posts) == 2 and posts[-1]["status"] == 204
        assert controllable_in_list(controller, session)
        controller.send_general_command(session, GeneralCommandType.VOLUME_DOWN)
        message = socket.next(GeneralCommandMessage, timeout=PATIENCE)
        assert message is not None and message.data.name == GeneralCommandType.VOLUME_DOWN


# ---- the end: revoked token, close, Ctrl-C, cancellation ----------------------------------------------------------


def test_a_revoked_token_ends_the_iteration_with_unauthorized(
    emu: Emulator, make_jf: Any, fx: dict[str, Any], mode: str, loop: Any
) -> None:
    player = make_jf()
    login = player.authenticate_by_name(fx["jellyfin"]["user"], fx["jellyfin"]["user_password"])
    session = login.session_info.id
    socket = wrap(player.open_socket(**FAST), mode, loop)
    assert emu.revoke_token(login.access_token)
    emu.drop_sockets()
    started = time.monotonic()
    seen = []
    with pytest.raises(sessionlink.UnauthorizedError) as raised:
        for event in socket:
            seen.append(event)
    assert raised.value.status == 403 and time.monotonic() - started < PATIENCE
    # (A connection event still waiting is replaced by the next one: the reader sees the latest.)
    assert any(isinstance(e, SocketDisconnected) for e in seen), seen
    # Ended for good, without retrying: one refused upgrade.
    assert socket.closed and socket.next(timeout=PATIENCE) is None and list(socket) == []
    assert [u["status"] for u in emu.socket_upgrades()].count(403) == 1
    assert emu.open_sockets(session) == []


def test_a_restored_token_opens_the_socket_again(
    emu: Emulator, make_jf: Any, fx: dict[str, Any], mode: str, loop: Any
) -> None:
    player = make_jf()
    login = player.authenticate_by_name(fx["jellyfin"]["user"], fx["jellyfin"]["user_password"])
    assert emu.revoke_token(login.access_token)
    with pytest.raises(sessionlink.UnauthorizedError):
        list(wrap(player.open_socket(**FAST), mode, loop))
    assert emu.restore_token(login.access_token) and not emu.restore_token(login.access_token)
    socket = wrap(player.open_socket(**FAST), mode, loop)
    assert socket.next(timeout=PATIENCE) == SocketConnected(reconnected=False)
    socket.close()


def test_a_stalled_server_is_left_for_a_new_connection(
    emu: Emulator, users: tuple[Any, Any, str], mode: str, loop: Any
) -> None:
    emu.set_keepalive_seconds(1)
    _, controller, session = users
    with open_player(users, mode, loop) as socket:
        # Open but silent for far longer than the client waits for an answer.
        assert emu.stall_sockets(session, 600.0) == 1
        between = until_reconnected(socket)
        assert any(isinstance(e, SocketDisconnected) for e in between), between
        # The hung server still counts the old connection, whose close it does not read; a
        # command goes to the new one.
        assert len(emu.open_sockets(session)) == 2
        controller.send_message_command(session, "after the stall")
        message = next_message(socket)
        assert isinstance(message, GeneralCommandMessage) and message.data.arguments["Text"] == "after the stall"


def test_logging_out_ends_the_iteration_at_the_next_reconnect(
    emu: Emulator, users: tuple[Any, Any, str], mode: str, loop: Any
) -> None:
    player, _, session = users
    socket = open_player(users, mode, loop)
    player.report_session_ended()
    emu.drop_sockets()
    with pytest.raises(sessionlink.UnauthorizedError):
        while socket.next(timeout=PATIENCE) is not None:
            pass


def test_close_ends_the_iteration_and_the_server_sees_it(
    emu: Emulator, users: tuple[Any, Any, str], mode: str, loop: Any
) -> None:
    session = users[2]
    socket = open_player(users, mode, loop)
    emu.wait_for_open_sockets(session, 1)
    socket.close()
    socket.close()
    assert socket.closed and socket.next() is None and list(socket) == [] and list(socket.events()) == []
    emu.wait_for_open_sockets(session, 0, timeout=PATIENCE)
    assert emu.sockets()[0]["close_reason"].startswith("the client closed")
    with pytest.raises(sessionlink.InvalidArgumentError, match="closed"):
        socket.subscribe_sessions()

    # Leaving the `with` block closes it too.
    with open_player(users, mode, loop) as socket:
        emu.wait_for_open_sockets(session, 1)
    emu.wait_for_open_sockets(session, 0, timeout=PATIENCE)
    assert socket.closed and repr(socket.socket if mode == "async" else socket).endswith("(closed)")


def blocking_player(emu: Emulator) -> tuple[sessionlink.JellyfinClient, str]:
    """bob's blocking player and its session id, for the tests of the blocking socket alone."""
    fixtures = emu.fixtures["jellyfin"]
    player = sessionlink.JellyfinClient(emu.url, device_id=device_id())
    player.authenticate_by_name(fixtures["user"], fixtures["user_password"])
    session = player.current_session()
    assert session is not None and session.id is not None
    return player, session.id


def test_close_from_another_thread_ends_a_blocked_read(emu: Emulator) -> None:
    player, session = blocking_player(emu)
    socket = player.open_socket()
    assert socket.next(SocketConnected) == SocketConnected(False)
    # Closed by another thread once the reader is blocked past the first message it read.
    def close_once_reading() -> None:
        emu.wait_for_socket_messages(session, "received", "KeepAlive", timeout=PATIENCE)
        socket.close()

    closer = threading.Thread(target=close_once_reading)
    closer.start()
    seen = list(socket)  # ends when the other thread closes the socket
    closer.join(timeout=PATIENCE)
    keepalives = (sessionlink.ForceKeepAliveMessage, sessionlink.KeepAliveMessage)
    assert all(isinstance(e, keepalives) for e in seen), seen
    assert socket.closed and not closer.is_alive()
    emu.wait_for_open_sockets(session, 0, timeout=PATIENCE)


def test_dropping_the_socket_closes_it(emu: Emulator) -> None:
    player, session = blocking_player(emu)
    socket = player.open_socket()
    emu.wait_for_open_sockets(session, 1)
    del socket
    emu.wait_for_open_sockets(session, 0, timeout=PATIENCE)


@pytest.mark.parametrize("how", ["for", "next", "events"])
def test_ctrl_c_closes_the_socket(emu: Emulator, how: str) -> None:
    player, session = blocking_player(emu)
    socket = player.become_controllable([MediaType.AUDIO], [])
    emu.wait_for_open_sockets(session, 1)
    sent_at = press_ctrl_c()
    with pytest.raises(KeyboardInterrupt):
        if how == "for":
            for _ in socket:
                pass
        elif how == "next":
            while True:
                socket.next(PlayMessage)
        else:
            list(socket.events(PlayMessage, timeout=PATIENCE))
    # Interrupted by Ctrl-C, not by the end of anything: no event was due, the read had no
    # timeout (or one of PATIENCE), and the socket stays open until the interrupt closes it.
    assert sent_at and time.monotonic() - sent_at[0] < PATIENCE
    assert socket.closed and socket.next() is None
    emu.wait_for_open_sockets(session, 0, timeout=PATIENCE)
    assert emu.sockets()[0]["close_reason"].startswith("the client closed")


def test_cancelling_the_task_closes_the_socket(emu: Emulator) -> None:
    fixtures = emu.fixtures["jellyfin"]

    async def main() -> None:
        async with sessionlink.AsyncJellyfinClient(emu.url, device_id=device_id()) as player:
            await player.authenticate_by_name(fixtures["user"], fixtures["user_password"])
            session = await player.current_session()
            assert session is not None and session.id is not None
            for how in ("async for", "next", "events", "wait_for"):
                socket = await player.become_controllable([MediaType.AUDIO], [])
                emu.wait_for_open_sockets(session.id, 1)

                async def read(socket: sessionlink.AsyncSocket = socket, how: str = how) -> None:
                    if how == "async for":
                        async for _ in socket:
                            pass
                    elif how == "next":
                        while True:
                            await socket.next(PlayMessage)
                    elif how == "events":
                        async for _ in socket.events(PlayMessage):
                            pass
                    else:
                        await asyncio.wait_for(socket.next(PlayMessage), timeout=0.3)

                task = asyncio.ensure_future(read())
                # asyncio runs the task at the next yield, up to its first wait on the socket.
                await asyncio.sleep(0)
                assert not task.done()
                task.cancel()
                with pytest.raises((asyncio.CancelledError, asyncio.TimeoutError)):
                    await task
                assert socket.closed, how
                assert await socket.next() is None
                emu.wait_for_open_sockets(session.id, 0, timeout=PATIENCE)
            assert all(s["close_reason"].startswith("the client closed") for s in emu.sockets())

            # A timeout of its own leaves the socket open.
            async with await player.become_controllable([MediaType.AUDIO], []) as socket:
                with pytest.raises(TimeoutError):
                    await socket.next(PlayMessage, timeout=0.2)
                assert not socket.closed and len(emu.open_sockets(session.id)) == 1

    asyncio.run(main())


# ---- buffering, unknown kinds, the Sessions subscription ----------------------------------------------------------


def test_a_slow_reader_loses_no_command(emu: Emulator, users: tuple[Any, Any, str], mode: str, loop: Any) -> None:
    emu.set_keepalive_seconds(1)
    _, controller, session = users
    with open_player(users, mode, loop, buffer=4) as socket:
        # Nothing is read while 60 commands go out, and for longer than the keep-alive period
        # (the server hears 3 more KeepAlive: 1.5 periods).
        for i in range(60):
            controller.send_playstate_command(session, PlaystateCommand.SEEK, seek_position_ticks=i)
        heard = len(emu.keepalives(session))
        emu.wait_for_socket_messages(session, "received", "KeepAlive", count=heard + 3, timeout=PATIENCE)
        seeks, others = [], []
        while len(seeks) < 60:
            event = socket.next(timeout=PATIENCE)
            if isinstance(event, PlaystateMessage):
                seeks.append(event.data.seek_position_ticks)
            else:
                others.append(event)
        assert seeks == list(range(60)), "every command, once, in order"
        assert not [e for e in others if isinstance(e, (SocketDisconnected, SocketConnected))], others
        assert [c["delivery"] for c in emu.commands(session)] == ["socket"] * 60


def test_unknown_kinds_are_kept(emu: Emulator, controllable: Any, users: tuple[Any, Any, str]) -> None:
    session = users[2]
    emu.send_socket_text(session, "this is not JSON")
    emu.send_socket_message(session, "LibraryChanged", {"ItemsAdded": ["a"], "ItemsRemoved": []})
    emu.send_socket_message(session, "SomethingNew")
    emu.send_socket_message(session, "GeneralCommand", {"Name": 5})
    emu.send_socket_message(session, "RestartRequired", "")
    emu.send_socket_message(session, "ServerShuttingDown")
    emu.send_socket_message(
        session,
        "UserDataChanged",
        {
            "UserId": "u1",
            "UserDataList": [{"ItemId": "i1", "Key": "k", "Played": True, "PlayCount": 2, "IsFavorite": False,
                              "PlaybackPositionTicks": 10, "LastPlayedDate": "2024-01-02T03:04:05Z", "New": 1}],
        },
    )
    received = [next_message(controllable) for _ in range(6)]
    sent = [m["text"] for m in emu.socket_messages(session) if m["injected"]][1:]
    import json

    assert [m.to_dict() for m in received] == [json.loads(t) for t in sent]
    library, new, odd, restart, shutting_down, user_data = received
    assert isinstance(library, sessionlink.UnknownMessage) and library.message_type == "LibraryChanged"
    assert library.data == {"ItemsAdded": ["a"], "ItemsRemoved": []}
    assert isinstance(new, sessionlink.UnknownMessage) and (new.message_type, new.data) == ("SomethingNew", None)
    assert isinstance(odd, sessionlink.UnknownMessage) and (odd.message_type, odd.data) == ("GeneralCommand", {"Name": 5})
    assert isinstance(restart, sessionlink.RestartRequiredMessage)
    assert isinstance(shutting_down, sessionlink.ServerShuttingDownMessage)
    assert isinstance(user_data, sessionlink.UserDataChangedMessage)
    change = user_data.data
    assert isinstance(change, sessionlink.UserDataChangeInfo) and change.user_id == "u1"
    (item,) = change.user_data_list or []
    assert isinstance(item, sessionlink.UserItemDataDto)
    assert (item.item_id, item.played, item.play_count, item.extra) == ("i1", True, 2, {"New": 1})
    assert item.last_played_date is not None and item.last_played_date.year == 2024
    assert len(emu.open_sockets(session)) == 1, "garbage does not break the socket"


def test_the_sessions_subscription(emu: Emulator, make_jf: Any, fx: dict[str, Any], mode: str, loop: Any) -> None:
    watcher = make_jf(fx["jellyfin"]["admin_user"])
    with wrap(watcher.open_socket(sessions=(0, 0.1)), mode, loop) as socket:
        own = next(s.id for s in watcher.get_sessions() if s.device_id == watcher.device_id)
        emu.wait_for_socket_messages(own, "received", "SessionsStart", timeout=PATIENCE)
        bob = make_jf(fx["jellyfin"]["user"], device_name="Bob's phone")
        (update,) = socket.events(SessionsMessage, limit=1, timeout=PATIENCE)
        assert isinstance(update.data, sessionlink.SessionList) and "Bob's phone" in [s.device_name for s in update.data]
        assert all(isinstance(s, sessionlink.SessionInfoDto) for s in update.data)
        assert repr(update) == f"SessionsMessage(data=<{len(update.data)} sessions>)"

        socket.unsubscribe_sessions()
        emu.wait_for_socket_messages(own, "received", "SessionsStop", timeout=PATIENCE)
        bob.post_full_capabilities(supports_media_control=True)
        emu.send_socket_message(own, "Marker")
        while (message := next_message(socket)).message_type != "Marker":
            assert not isinstance(message, SessionsMessage), "a list after unsubscribing"

        socket.subscribe_sessions(0, 0.1)
        emu.wait_for_socket_messages(own, "received", "SessionsStart", count=2, timeout=PATIENCE)
        bob.report_session_ended()
        update = socket.next(SessionsMessage, timeout=PATIENCE)
        assert update is not None and "Bob's phone" not in [s.device_name for s in update.data]


# ---- reading: timeouts, filters, limits; arguments --------------------------------------------------------------------


def test_next_and_events_wait_filter_and_stop(
    controllable: Any, users: tuple[Any, Any, str], mode: str
) -> None:
    _, controller, session = users
    started = time.monotonic()
    with pytest.raises(sessionlink.TimeoutError, match="no event within 0.2 s") as raised:
        controllable.next(PlayMessage, timeout=0.2)
    # Not before the timeout (how long after it depends on the machine's load).
    assert isinstance(raised.value, TimeoutError) and time.monotonic() - started >= 0.15
    assert not controllable.closed
    # A filter skips the other kinds; limit and timeout end events() quietly.
    controller.send_general_command(session, GeneralCommandType.MUTE)
    controller.send_playstate_command(session, PlaystateCommand.PAUSE)
    controller.send_general_command(session, GeneralCommandType.UNMUTE)
    pause = controllable.next(PlaystateMessage, sessionlink.PlayMessage, timeout=PATIENCE)
    assert isinstance(pause, PlaystateMessage) and pause.data.command == "Pause"
    (unmute,) = controllable.events(GeneralCommandMessage, limit=1, timeout=PATIENCE)
    assert unmute.data.name == GeneralCommandType.UNMUTE
    started = time.monotonic()
    assert list(controllable.events(PlayMessage, timeout=0.3)) == []
    assert time.monotonic() - started >= 0.25
    assert list(controllable.events(limit=0)) == []
    with pytest.raises(sessionlink.InvalidArgumentError, match="socket event classes"):
        controllable.next(str)
    with pytest.raises(sessionlink.InvalidArgumentError, match="timeout"):
        controllable.next(timeout=-1)


def test_bad_options_are_refused_before_any_request(emu: Emulator, make_jf: Any, fx: dict[str, Any]) -> None:
    player = make_jf(fx["jellyfin"]["user"])
    emu.clear_requests()
    for options, message in [
        ({"buffer": 0}, "buffer"),
        ({"buffer": -1}, "buffer"),
        ({"buffer": True}, "bool"),
        ({"sessions": (1,)}, "sessions"),
        ({"sessions": "0,1"}, "sessions"),
        ({"sessions": (0, -1)}, "interval"),
        ({"reconnect_initial": 0}, "reconnect_initial"),
        ({"reconnect_max": float("inf")}, "reconnect_max"),
        ({"reconnect_factor": 0.5}, "reconnect_factor"),
    ]:
        with pytest.raises(sessionlink.InvalidArgumentError, match=message):
            player.open_socket(**options)
    with pytest.raises(sessionlink.InvalidArgumentError, match="playable_media_types"):
        player.become_controllable(["Hologram"], [])
    with pytest.raises(sessionlink.InvalidArgumentError, match="supported_commands"):
        player.become_controllable([], "SetVolume")
    with pytest.raises(sessionlink.InvalidArgumentError, match="logged-in"):
        make_jf().open_socket()
    assert emu.requests() == [] and emu.sockets() == []


# ---- the classes -----------------------------------------------------------------------------------------------------

ENVELOPES = [
    {"MessageType": "Play", "MessageId": "a" * 32, "Data": {"ItemIds": ["x"], "PlayCommand": "PlayNow",
                                                          "ControllingUserId": "u", "StartPositionTicks": 10}},
    {"MessageType": "Playstate", "MessageId": "b" * 32, "Data": {"Command": "Seek", "SeekPositionTicks": 20}},
    {"MessageType": "GeneralCommand", "Data": {"Name": "DisplayMessage", "ControllingUserId": "u",
                                               "Arguments": {"Text": "hi", "Header": None}}},
    {"MessageType": "Sessions", "Data": [{"Id": "s1", "DeviceName": "TV"}, {"Id": "s2"}]},
    {"MessageType": "UserDataChanged", "Data": {"UserId": "u", "UserDataList": []}},
    {"MessageType": "ForceKeepAlive", "MessageId": "c" * 32, "Data": 60},
    {"MessageType": "KeepAlive", "MessageId": "d" * 32},
    {"MessageType": "RestartRequired", "Data": ""},
    {"MessageType": "ServerRestarting"},
    {"MessageType": "ServerShuttingDown"},
    {"MessageType": "LibraryChanged", "Data": {"FoldersAddedTo": [], "Secret": "token-like"}, "Extra": 1},
    {"MessageType": "Playstate", "Data": {"Command": 7}},
]
CLASSES = [
    sessionlink.PlayMessage,
    sessionlink.PlaystateMessage,
    sessionlink.GeneralCommandMessage,
    sessionlink.SessionsMessage,
    sessionlink.UserDataChangedMessage,
    sessionlink.ForceKeepAliveMessage,
    sessionlink.KeepAliveMessage,
    sessionlink.RestartRequiredMessage,
    sessionlink.ServerRestartingMessage,
    sessionlink.ServerShuttingDownMessage,
    sessionlink.UnknownMessage,
    sessionlink.UnknownMessage,
]


@pytest.mark.parametrize("envelope,cls", list(zip(ENVELOPES, CLASSES)), ids=lambda v: getattr(v, "__name__", ""))
def test_message_classes_keep_the_envelope(envelope: dict[str, Any], cls: type) -> None:
    message = cls.from_dict(envelope)  # type: ignore[attr-defined]
    assert type(message) is cls and isinstance(message, sessionlink.SocketMessage)
    assert isinstance(message, sessionlink.SocketEvent)
    assert message.to_dict() == envelope and message.message_type == envelope["MessageType"]
    assert message.message_id == envelope.get("MessageId")
    assert message == cls.from_dict(envelope) and message != cls.from_dict({**envelope, "MessageId": "other"})  # type: ignore[attr-defined]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(message, protocol)) == message
    assert repr(message).startswith(cls.__name__ + "(") and "token-like" not in repr(message)
    wrong = next(c for c in CLASSES if c is not cls)
    with pytest.raises(sessionlink.InvalidArgumentError, match=f"is a sessionlink.{cls.__name__}, not a"):
        wrong.from_dict(envelope)  # type: ignore[attr-defined]


def test_message_attributes_and_pattern_matching() -> None:
    play, seek, display, sessions = (c.from_dict(e) for c, e in zip(CLASSES[:4], ENVELOPES[:4]))  # type: ignore[attr-defined]
    assert isinstance(play.data, sessionlink.PlayRequest) and play.data.play_command == PlayCommand.PLAY_NOW
    assert play.data.start_position is not None and play.data.start_position.microseconds == 1
    assert seek.data.command == PlaystateCommand.SEEK and seek.data.seek_position_ticks == 20
    assert display.data.arguments == {"Text": "hi", "Header": None}
    assert [s.id for s in sessions.data] == ["s1", "s2"]
    assert repr(seek) == "PlaystateMessage(data=PlaystateRequest(command=<PlaystateCommand.SEEK: 'Seek'>, seek_position_ticks=20))"
    keepalive = sessionlink.ForceKeepAliveMessage.from_dict(ENVELOPES[5])
    assert keepalive.seconds == 60 and repr(keepalive) == "ForceKeepAliveMessage(seconds=60)"
    unknown = sessionlink.UnknownMessage.from_dict(ENVELOPES[10])
    assert repr(unknown) == "UnknownMessage(message_type='LibraryChanged', data=<dict: FoldersAddedTo, Secret>)"

    def describe(event: sessionlink.SocketEvent) -> str:
        match event:
            case PlaystateMessage(sessionlink.PlaystateRequest(command=PlaystateCommand.SEEK) as request):
                return f"seek to {request.seek_position_ticks}"
            case GeneralCommandMessage(data=command):
                return f"command {command.name}"
            case sessionlink.UnknownMessage(kind, data):
                return f"unknown {kind} {sorted(data)}"
            case SocketDisconnected(reason, retry_in):
                return f"dropped ({reason}), back in {retry_in}"
            case SocketConnected(reconnected):
                return f"connected {reconnected}"
            case _:
                return "other"

    assert [describe(e) for e in (seek, display, unknown, SocketDisconnected("reset", 1.5), SocketConnected(True), play)] == [
        "seek to 20",
        "command DisplayMessage",
        "unknown LibraryChanged ['FoldersAddedTo', 'Secret']",
        "dropped (reset), back in 1.5",
        "connected True",
        "other",
    ]


def test_connection_events() -> None:
    assert SocketConnected(False) == SocketConnected(reconnected=False) != SocketConnected(True)
    dropped = SocketDisconnected(reason="the connection closed", retry_in=0.25)
    assert (dropped.reason, dropped.retry_in) == ("the connection closed", 0.25)
    assert repr(dropped) == "SocketDisconnected(reason='the connection closed', retry_in=0.250)"
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(dropped, protocol)) == dropped
        assert pickle.loads(pickle.dumps(SocketConnected(True), protocol)) == SocketConnected(True)
    with pytest.raises(sessionlink.InvalidArgumentError):
        SocketDisconnected("x", True)  # type: ignore[arg-type]
