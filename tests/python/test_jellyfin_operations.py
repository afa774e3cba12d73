"""Every Jellyfin operation, through the blocking and the asyncio client (the `mode`
parameter), against the embedded emulator; effects are checked on the server side."""

from __future__ import annotations

import json
from typing import Any

import pytest

import sessionlink
from sessionlink import BaseItemKind, GeneralCommandType, PlayCommand, PlaystateCommand
from sessionlink.testing import Emulator


def tv(fx: dict[str, Any]) -> str:
    return str(fx["jellyfin"]["living_room_session_id"])


def test_authenticate_by_name(make_jf: Any, fx: dict[str, Any]) -> None:
    client = make_jf()
    assert not client.has_token
    result = client.authenticate_by_name("alice", "wonderland")
    assert isinstance(result, sessionlink.AuthenticationResult)
    assert result.user is not None and result.user.name == "alice"
    assert result.user.policy is not None and result.user.policy.is_administrator
    assert result.access_token
    assert result.access_token not in repr(result)
    assert client.has_token
    assert client.user_id == fx["jellyfin"]["admin_id"]


def test_get_sessions(jf: Any, fx: dict[str, Any]) -> None:
    sessions = jf.get_sessions()
    assert isinstance(sessions, sessionlink.SessionList)
    by_device = {s.device_name: s for s in sessions}
    living_room = by_device["Living Room TV"]
    assert living_room.id == tv(fx)
    assert living_room.user_name == "bob"
    assert living_room.client == "Jellyfin Android TV"
    assert living_room.now_playing_item is not None
    assert living_room.now_playing_item.name == "The Long Night"
    assert living_room.now_playing_item.item_type == BaseItemKind.EPISODE
    assert living_room.play_state is not None and living_room.play_state.is_paused is False
    assert by_device["Kitchen Speaker"].now_playing_item is None


def test_get_sessions_filters(jf: Any, emu: Emulator) -> None:
    only = jf.get_sessions(device_id="living-room-tv")
    assert [s.device_name for s in only] == ["Living Room TV"]
    assert emu.requests()[-1]["raw_query"] == "deviceId=living-room-tv"
    everyone = {s.id for s in jf.get_sessions()}
    recent = jf.get_sessions(active_within_seconds=3600)
    assert emu.requests()[-1]["raw_query"] == "activeWithinSeconds=3600"
    assert {s.id for s in recent} == everyone, "every seeded session was active within the hour"


def test_send_playstate_command(jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    jf.send_playstate_command(tv(fx), PlaystateCommand.PAUSE)
    jf.send_playstate_command(tv(fx), "Seek", seek_position_ticks=600_000_000)
    received = emu.commands(tv(fx))
    assert [c["message_type"] for c in received] == ["Playstate", "Playstate"]
    assert received[0]["data"]["Command"] == "Pause"
    assert received[1]["data"]["Command"] == "Seek"
    assert received[1]["data"]["SeekPositionTicks"] == 600_000_000


def test_play(jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    tracks = fx["jellyfin"]["track_ids"]
    jf.play(tv(fx), PlayCommand.PLAY_NOW, tracks, start_index=1)
    (received,) = emu.commands(tv(fx))
    assert received["message_type"] == "Play"
    assert received["data"]["PlayCommand"] == "PlayNow"
    assert received["data"]["ItemIds"] == tracks
    assert received["data"]["StartIndex"] == 1


def test_send_general_command(jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    jf.send_general_command(tv(fx), GeneralCommandType.VOLUME_UP)
    (received,) = emu.commands(tv(fx))
    assert received["message_type"] == "GeneralCommand"
    assert received["data"]["Name"] == "VolumeUp"


def test_send_system_command(jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    jf.send_system_command(tv(fx), "GoHome")
    (received,) = emu.commands(tv(fx))
    assert received["message_type"] == "GeneralCommand"
    assert received["data"]["Name"] == "GoHome"


def test_send_full_general_command(jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    jf.send_full_general_command(tv(fx), GeneralCommandType.SET_VOLUME, {"Volume": "50"})
    (received,) = emu.commands(tv(fx))
    assert received["data"]["Name"] == "SetVolume"
    assert received["data"]["Arguments"] == {"Volume": "50"}


def test_send_message_command(jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    jf.send_message_command(tv(fx), "Dinner is ready", header="Kitchen", timeout_ms=5000)
    (received,) = emu.commands(tv(fx))
    assert received["data"]["Name"] == "DisplayMessage"
    arguments = received["data"]["Arguments"]
    assert arguments["Text"] == "Dinner is ready"
    assert arguments["Header"] == "Kitchen"
    assert arguments["TimeoutMs"] == "5000"


def test_display_content(jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    movie = fx["jellyfin"]["movie_id"]
    jf.display_content(tv(fx), BaseItemKind.MOVIE, movie, "A Movie")
    (received,) = emu.commands(tv(fx))
    assert received["data"]["Name"] == "DisplayContent"
    assert received["data"]["Arguments"]["ItemId"] == movie
    assert received["data"]["Arguments"]["ItemType"] == "Movie"


def test_add_and_remove_user_to_session(jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    kitchen = fx["jellyfin"]["kitchen_session_id"]
    bob = fx["jellyfin"]["user_id"]
    jf.add_user_to_session(kitchen, bob)
    session = emu.session_json(kitchen)
    assert session is not None
    assert [u["UserId"] for u in session["AdditionalUsers"]] == [bob]
    (seen,) = [s for s in jf.get_sessions() if s.id == kitchen]
    assert seen.additional_users is not None and seen.additional_users[0].user_name == "bob"
    jf.remove_user_from_session(kitchen, bob)
    session = emu.session_json(kitchen)
    assert session is not None and not session.get("AdditionalUsers")


def own_session(client: Any, device: str) -> Any:
    (session,) = client.get_sessions(device_id=device)
    return session


def test_post_capabilities(make_jf: Any) -> None:
    client = make_jf("alice", device_id="caps-device")
    client.post_capabilities(
        playable_media_types=[sessionlink.MediaType.AUDIO, "Video"],
        supported_commands=["VolumeUp", GeneralCommandType.DISPLAY_MESSAGE],
        supports_media_control=True,
    )
    session = own_session(client, "caps-device")
    assert session.playable_media_types == ["Audio", "Video"]
    assert session.supported_commands == ["VolumeUp", "DisplayMessage"]
    assert session.supports_media_control is True


def test_post_full_capabilities(make_jf: Any) -> None:
    client = make_jf("alice", device_id="full-caps-device")
    client.post_full_capabilities(
        playable_media_types=["Audio"],
        supported_commands=[GeneralCommandType.MUTE],
        supports_media_control=True,
        app_store_url="https://example.invalid/app",
    )
    session = own_session(client, "full-caps-device")
    assert session.capabilities is not None
    assert session.capabilities.playable_media_types == ["Audio"]
    assert session.capabilities.supported_commands == ["Mute"]
    assert session.capabilities.app_store_url == "https://example.invalid/app"


def test_post_full_capabilities_defaults_are_cores(jf: Any, emu: Emulator) -> None:
    """Arguments left out take `ClientCapabilitiesDto::new()` of core, as in every language."""
    emu.clear_requests()
    jf.post_full_capabilities()
    jf.post_full_capabilities(supports_persistent_identifier=False, supported_commands=["Mute"])
    first, second = (json.loads(r["body"]) for r in emu.requests())
    assert first == {
        "PlayableMediaTypes": [],
        "SupportedCommands": [],
        "SupportsMediaControl": False,
        "SupportsPersistentIdentifier": True,
    }
    assert second == {**first, "SupportedCommands": ["Mute"], "SupportsPersistentIdentifier": False}


def test_report_viewing(make_jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    client = make_jf("alice", device_id="viewing-device")
    movie = fx["jellyfin"]["movie_id"]
    client.report_viewing(movie)
    session = own_session(client, "viewing-device")
    assert session.now_viewing_item is not None
    assert session.now_viewing_item.id == movie


def test_report_session_ended(make_jf: Any) -> None:
    client = make_jf("alice")
    client.report_session_ended()
    assert not client.has_token
    with pytest.raises(sessionlink.UnauthorizedError) as info:
        client.get_sessions()
    assert info.value.status == 401


def test_get_auth_providers(jf: Any) -> None:
    providers = jf.get_auth_providers()
    assert providers and all(isinstance(p, sessionlink.NameIdPair) for p in providers)
    assert any("Authentication" in (p.id or "") for p in providers)


def test_get_password_reset_providers(jf: Any) -> None:
    providers = jf.get_password_reset_providers()
    assert providers and all(p.name for p in providers)


def test_provider_lists_need_an_administrator(make_jf: Any) -> None:
    bob = make_jf("bob")
    with pytest.raises(sessionlink.ForbiddenError) as info:
        bob.get_auth_providers()
    assert info.value.status == 403


def test_api_key_as_token(make_jf: Any, fx: dict[str, Any]) -> None:
    client = make_jf(token=fx["jellyfin"]["api_key"])
    assert client.has_token
    assert len(client.get_sessions()) >= 2
    assert fx["jellyfin"]["api_key"] not in repr(client)


def test_default_device_is_the_host(emu: Emulator) -> None:
    import socket

    client = sessionlink.JellyfinClient(emu.url)
    client.authenticate_by_name("bob", "builder")
    host = socket.gethostname()
    (own,) = [s for s in client.get_sessions() if s.client == "sessionlink"]
    assert own.device_name == host
    assert own.device_id == f"sessionlink-{host}"


def test_identity_and_repr(make_jf: Any) -> None:
    client = make_jf(device_id="kitchen-1", device_name="Kitchen tablet", client_name="Home Remote", client_version="1.4.0")
    assert (client.device_id, client.device_name, client.client_name, client.client_version) == (
        "kitchen-1", "Kitchen tablet", "Home Remote", "1.4.0"
    )  # fmt: skip
    assert client.user_id is None
    native = getattr(client, "_client", client)  # the async client behind the test's wrapper
    assert repr(native).endswith("device_id='kitchen-1', device_name='Kitchen tablet', client_name='Home Remote', "
                                 "has_token=False, user_id=None)")  # fmt: skip
    client.authenticate_by_name("alice", "wonderland")
    assert repr(native).endswith(f"has_token=True, user_id={client.user_id!r})")


def test_current_session_is_the_callers_own(make_jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    client = make_jf("alice", device_id="own-device", device_name="Own")
    emu.add_device_session("Other App", "Own", "own-device")  # the same device, another application
    me = client.current_session()
    assert me is not None
    assert (me.device_id, me.client, me.user_name) == ("own-device", "sessionlink", "alice")
    assert emu.requests()[-1]["raw_query"] == "deviceId=own-device"
    client.report_session_ended()
    service = make_jf(device_id="own-device", token=fx["jellyfin"]["api_key"])
    assert service.current_session() is None


def test_find_session(make_jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    client = make_jf("alice")
    assert client.find_session("living room tv").id == tv(fx)
    assert client.find_session(tv(fx)).device_name == "Living Room TV"
    with pytest.raises(sessionlink.NotFoundError, match="Kitchen Speaker"):
        client.find_session("Garage")
    first, second = (emu.add_device_session("Kodi", "Bedroom", f"kodi-{i}") for i in range(2))
    with pytest.raises(sessionlink.InvalidArgumentError) as info:
        client.find_session("BEDROOM")
    assert first in str(info.value) and second in str(info.value)
