"""Models: snake_case attributes, repr without secrets, ==, lossless to_dict/from_dict
(unknown fields and enum values included), pickling, and the Jupyter table."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from typing import Any

import pytest

import sessionlink
from sessionlink import PlaystateCommand


def sessions(jf: Any) -> list[sessionlink.SessionInfoDto]:
    return list(jf.get_sessions())


def test_attributes_are_typed(jf: Any) -> None:
    (tv,) = [s for s in sessions(jf) if s.device_name == "Living Room TV"]
    assert isinstance(tv.is_active, bool)
    assert isinstance(tv.last_activity_date, datetime.datetime)
    assert tv.play_state is not None
    assert isinstance(tv.play_state.position_ticks, int)
    assert tv.play_state.repeat_mode == sessionlink.RepeatMode.REPEAT_NONE
    assert isinstance(tv.supported_commands, list)


def test_repr_is_useful(jf: Any) -> None:
    (tv,) = [s for s in sessions(jf) if s.device_name == "Living Room TV"]
    text = repr(tv)
    assert text.startswith("SessionInfoDto(")
    assert "'bob'" in text and "'Living Room TV'" in text and "The Long Night" in text


def test_secrets_are_redacted(make_jf: Any, make_g4: Any) -> None:
    client = make_jf()
    result = client.authenticate_by_name("alice", "wonderland")
    assert result.access_token and result.access_token not in repr(result)
    assert "***" in repr(result)
    assert result.access_token not in repr(client)
    g4 = make_g4()
    created = g4.create_session("user@example.com", "correct horse")
    for text in (repr(created), repr(g4), repr(g4.get_session(created.session_id))):
        assert created.session_id not in text
        assert "correct horse" not in text


def test_eq(jf: Any) -> None:
    a, b = sessions(jf), sessions(jf)
    by_id = {s.id: s for s in b}
    for s in a:
        if s.device_name == "Living Room TV":
            assert s == by_id[s.id]
    assert a[0] != a[1]
    assert a[0] != "not a session"


def test_to_dict_is_the_wire_json(jf: Any, emu: Any, fx: dict[str, Any]) -> None:
    tv_id = fx["jellyfin"]["living_room_session_id"]
    (tv,) = [s for s in sessions(jf) if s.id == tv_id]
    wire = tv.to_dict()
    assert wire["DeviceName"] == "Living Room TV"
    assert wire["NowPlayingItem"]["Name"] == "The Long Night"
    assert json.loads(json.dumps(wire)) == wire


def test_unknown_fields_and_values_survive() -> None:
    wire = {
        "Id": "abc",
        "UserId": "00000000000000000000000000000000",
        "DeviceName": "Future TV",
        "PlayableMediaTypes": ["Video", "Hologram"],
        "BrandNewField": {"nested": [1, 2.5, None, True]},
        "PlayState": {"IsPaused": True, "RepeatMode": "RepeatForever", "Unknown": 1},
        "LastPausedDate": None,
    }
    session = sessionlink.SessionInfoDto.from_dict(wire)
    assert session.extra == {"BrandNewField": {"nested": [1, 2.5, None, True]}}
    assert session.playable_media_types == ["Video", "Hologram"]
    assert session.play_state is not None and session.play_state.repeat_mode == "RepeatForever"
    assert session.last_paused_date is None
    assert session.to_dict() == wire


def test_from_dict_rejects_wrong_shapes() -> None:
    with pytest.raises(sessionlink.InvalidArgumentError, match="SessionInfoDto"):
        sessionlink.SessionInfoDto.from_dict({"IsActive": "yes"})
    with pytest.raises(sessionlink.InvalidArgumentError):
        sessionlink.SessionInfoDto.from_dict([1, 2])  # type: ignore[arg-type]


def test_pickle_and_copy(jf: Any) -> None:
    for s in sessions(jf):
        assert pickle.loads(pickle.dumps(s)) == s
        assert copy.deepcopy(s) == s
    back = pickle.loads(pickle.dumps(jf.get_sessions()))
    assert isinstance(back, sessionlink.SessionList)


def test_models_are_frozen(jf: Any) -> None:
    s = sessions(jf)[0]
    with pytest.raises(AttributeError):
        s.device_name = "x"  # type: ignore[misc]


def test_enums_accept_members_and_wire_strings() -> None:
    assert PlaystateCommand.PAUSE == "Pause"
    assert PlaystateCommand("NextTrack") is PlaystateCommand.NEXT_TRACK
    assert str(PlaystateCommand.FAST_FORWARD) == "FastForward"
    assert [m.value for m in sessionlink.HardwareAccelerationType][:2] == ["none", "amf"]
    assert len(sessionlink.GeneralCommandType) == 43
    assert len(sessionlink.BaseItemKind) == 37


def test_html_table(jf: Any) -> None:
    table = jf.get_sessions()._repr_html_()
    assert table.startswith("<table")
    for header in ("User", "Client", "Device", "Now playing", "Position", "Paused"):
        assert f"<th>{header}</th>" in table
    assert "<td>Living Room TV</td>" in table
    assert "The Long Night" in table
    assert "<td>bob</td>" in table


def test_html_table_escapes() -> None:
    evil = sessionlink.SessionInfoDto.from_dict({"DeviceName": "<script>x</script>", "UserName": "a&b"})
    table = sessionlink.SessionList([evil])._repr_html_()
    assert "<script>" not in table and "&lt;script&gt;" in table and "a&amp;b" in table


def test_to_dict_is_exactly_what_the_server_sent(jf: Any, emu: Any) -> None:
    """Lossless: the models re-encode to the server's own body, for every session and for
    the login result (unknown fields, nulls and absent fields included)."""
    sessions = jf.get_sessions()
    body = json.loads(emu.requests()[-1]["response_body"])
    assert [s.to_dict() for s in sessions] == body
    assert [sessionlink.SessionInfoDto.from_dict(s.to_dict()) for s in sessions] == list(sessions)


def test_python_values(jf: Any, fx: dict[str, Any]) -> None:
    import datetime

    tv = next(s for s in jf.get_sessions() if s.id == fx["jellyfin"]["living_room_session_id"])
    assert tv.last_activity_date is not None and tv.last_activity_date.tzinfo is datetime.timezone.utc
    assert tv.play_state is not None and tv.play_state.position == datetime.timedelta(seconds=123.456)
    assert tv.play_state.position_ticks == 1_234_560_000, "the integer is kept"
    assert tv.now_playing_item is not None and tv.now_playing_item.run_time == datetime.timedelta(minutes=80)
    assert tv.now_playing_item.item_type is sessionlink.BaseItemKind.EPISODE
    assert tv.play_state.repeat_mode is sessionlink.RepeatMode.REPEAT_NONE
    assert all(isinstance(c, sessionlink.GeneralCommandType) for c in tv.supported_commands or [])
    # Shared, not copied: the nested object reads the same data as the session holds.
    assert tv.now_playing_item == tv.now_playing_item and tv.now_playing_item.to_dict() == tv.to_dict()["NowPlayingItem"]


def test_dates() -> None:
    import datetime

    def date(text: str) -> Any:
        return sessionlink.UserDto.from_dict({"LastLoginDate": text}).last_login_date

    utc = datetime.timezone.utc
    assert date("2025-11-23T14:50:07.5126102Z") == datetime.datetime(2025, 11, 23, 14, 50, 7, 512610, tzinfo=utc)
    assert date("0001-01-01T00:00:00.0000000Z") == datetime.datetime(1, 1, 1, tzinfo=utc)
    plus = date("2025-11-23T14:50:07+01:30")
    assert plus.utcoffset() == datetime.timedelta(hours=1, minutes=30) and plus.hour == 14
    assert date("2025-11-23T14:50:07") == datetime.datetime(2025, 11, 23, 14, 50, 7, tzinfo=utc), "no zone: UTC"
    for unreadable in ("yesterday", "", "2025-02-30T00:00:00Z", "2025-11-23T14:50:60Z", "2025-11-23T14:50:07+25:00"):
        user = sessionlink.UserDto.from_dict({"LastLoginDate": unreadable})
        assert user.last_login_date is None, unreadable
        assert user.to_dict() == {"LastLoginDate": unreadable}, "the text is kept"
    # A datetime given to a constructor is written as the server writes dates.
    when = datetime.datetime(2025, 1, 2, 3, 4, 5, 600000, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))
    user = sessionlink.UserDto(last_login_date=when)
    assert user.to_dict() == {"LastLoginDate": "2025-01-02T03:04:05.6000000-05:00"}
    assert user.last_login_date == when
    with pytest.raises(sessionlink.InvalidArgumentError, match="timezone-aware"):
        sessionlink.UserDto(last_login_date=datetime.datetime(2025, 1, 2))


def test_absent_fields_read_as_none_and_unknown_enum_values_as_str() -> None:
    state = sessionlink.PlayerStateInfo.from_dict({"IsPaused": False, "IsMuted": None, "RepeatMode": "RepeatForever"})
    assert state.is_paused is False, "sent as false"
    assert state.is_muted is None, "sent as null"
    assert state.can_seek is None and state.playback_order is None, "not sent"
    assert state.position_ticks is None and state.position is None
    assert state.repeat_mode == "RepeatForever" and type(state.repeat_mode) is str
    assert state.to_dict() == {"IsPaused": False, "IsMuted": None, "RepeatMode": "RepeatForever"}
    session = sessionlink.SessionInfoDto(device_name="x")
    assert (session.user_id, session.is_active, session.supported_commands, session.last_activity_date) == (
        None, None, None, None
    )  # fmt: skip
