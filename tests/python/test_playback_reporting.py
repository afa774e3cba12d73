"""Playback reporting (the contract's Playstate tag): a player reports what it plays on its
own session, and a controller sees it through `get_sessions` (`now_playing_item`,
`play_state`). Blocking and asyncio clients (the `mode` parameter), against the emulator."""

from __future__ import annotations

from typing import Any

import pytest

import sessionlink
from sessionlink import PlaybackProgressInfo, PlaybackStartInfo, PlaybackStopInfo, PlayMethod, RepeatMode
from sessionlink.testing import Emulator

SECOND = 10_000_000  # .NET ticks


PLAYER_DEVICE = "pytest-player"


@pytest.fixture
def player(make_jf: Any, fx: dict[str, Any]) -> Any:
    """bob, playing on a device of his own."""
    return make_jf(fx["jellyfin"]["user"], device_id=PLAYER_DEVICE, device_name="Player")


def seen_by(controller: Any, player: Any) -> sessionlink.SessionInfoDto:
    """The player's session as a controller sees it."""
    (session,) = controller.get_sessions(device_id=PLAYER_DEVICE)
    return session  # type: ignore[no-any-return]


def test_start_progress_stop(player: Any, jf: Any, fx: dict[str, Any]) -> None:
    episode = fx["jellyfin"]["episode_id"]
    before = seen_by(jf, player)
    assert before.now_playing_item is None

    start = PlaybackStartInfo(
        item_id=episode,
        position_ticks=10 * SECOND,
        can_seek=True,
        play_method=PlayMethod.DIRECT_PLAY,
        repeat_mode="RepeatAll",
        play_session_id="play-1",
    )
    assert player.report_playback_start(start) is None
    session = seen_by(jf, player)
    assert session.now_playing_item is not None
    assert session.now_playing_item.id == episode
    assert session.now_playing_item.name == "The Long Night"
    assert session.play_state is not None
    assert session.play_state.position_ticks == 10 * SECOND
    assert session.play_state.can_seek is True
    assert session.play_state.is_paused is False
    assert session.play_state.play_method == PlayMethod.DIRECT_PLAY
    assert session.play_state.repeat_mode == RepeatMode.REPEAT_ALL

    progress = PlaybackProgressInfo(item_id=episode, position_ticks=95 * SECOND, is_paused=True, can_seek=True)
    assert player.report_playback_progress(progress) is None
    session = seen_by(jf, player)
    assert session.now_playing_item is not None and session.now_playing_item.id == episode
    assert session.play_state is not None
    assert session.play_state.position_ticks == 95 * SECOND
    assert session.play_state.is_paused is True

    assert player.ping_playback_session("play-1") is None

    assert player.report_playback_stopped(PlaybackStopInfo(item_id=episode, position_ticks=95 * SECOND)) is None
    session = seen_by(jf, player)
    assert session.now_playing_item is None


def test_progress_is_the_start_model(player: Any, jf: Any, fx: dict[str, Any]) -> None:
    """`PlaybackProgressInfo` is `PlaybackStartInfo` (one type in core too); a start report is a
    valid progress report."""
    assert PlaybackProgressInfo is PlaybackStartInfo
    movie = fx["jellyfin"]["movie_id"]
    player.report_playback_progress(PlaybackStartInfo(item_id=movie, position_ticks=SECOND))
    session = seen_by(jf, player)
    assert session.now_playing_item is not None and session.now_playing_item.id == movie


def test_reports_are_refused_before_any_io(player: Any, emu: Emulator) -> None:
    before = emu.request_count
    with pytest.raises(sessionlink.InvalidArgumentError, match="item_id"):
        player.report_playback_start(PlaybackStartInfo(position_ticks=SECOND))
    with pytest.raises(sessionlink.InvalidArgumentError, match="item_id"):
        player.report_playback_stopped(PlaybackStopInfo(item_id="movie-1"))
    with pytest.raises(TypeError):
        player.report_playback_progress({"ItemId": "0123456789abcdef0123456789abcdef"})
    with pytest.raises(TypeError):
        player.report_playback_start(PlaybackStopInfo(item_id="0123456789abcdef0123456789abcdef"))
    assert emu.request_count == before


def test_wire_json_of_the_reports() -> None:
    """Only the fields given are sent (and unknown ones survive a round trip)."""
    start = PlaybackStartInfo(item_id="0123456789abcdef0123456789abcdef", position_ticks=5, is_paused=True)
    assert start.to_dict() == {"ItemId": "0123456789abcdef0123456789abcdef", "PositionTicks": 5, "IsPaused": True}
    assert start.is_paused is True and start.position_ticks == 5 and start.volume_level is None
    assert "item_id='0123456789abcdef0123456789abcdef'" in repr(start)
    queue = [sessionlink.QueueItem(id="0123456789abcdef0123456789abcdef", playlist_item_id="p0")]
    stop = PlaybackStopInfo(item_id="0123456789abcdef0123456789abcdef", failed=True, now_playing_queue=queue)
    assert stop.to_dict()["NowPlayingQueue"] == [{"Id": "0123456789abcdef0123456789abcdef", "PlaylistItemId": "p0"}]
    assert stop.now_playing_queue == queue
    wire = {"ItemId": "x", "Brightness": 3, "FromTheFuture": [1]}
    assert PlaybackStartInfo.from_dict(wire).to_dict() == wire
