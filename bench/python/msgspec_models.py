"""msgspec typed `Struct`s with exactly the typed fields of sessionlink's session models (the
same fields as tools/src/plain.rs, the Rust plain-derive baseline), unknown fields skipped.

This is the strongest pure-Python peer: `bench/python/bench.py` pairs it with aiohttp (and
with pycurl), `bench/decode/msgspec_decode.py` times its decode of the same bytes as the
Rust decode benchmark. Enums are plain strings, as in plain.rs; `DeviceProfile` is kept
undecoded (`msgspec.Raw`), as plain.rs skips it (`IgnoredAny`).
"""

from __future__ import annotations

import msgspec


class _Base(msgspec.Struct, rename="pascal", omit_defaults=True, gc=False):
    pass


class PlayerStateInfo(_Base):
    position_ticks: int | None = None
    can_seek: bool = False
    is_paused: bool = False
    is_muted: bool = False
    volume_level: int | None = None
    audio_stream_index: int | None = None
    subtitle_stream_index: int | None = None
    media_source_id: str | None = None
    play_method: str | None = None
    repeat_mode: str = ""
    playback_order: str = ""
    live_stream_id: str | None = None


class SessionUserInfo(_Base):
    user_id: str = ""
    user_name: str | None = None


class QueueItem(_Base):
    id: str = ""
    playlist_item_id: str | None = None


class ClientCapabilitiesDto(_Base):
    playable_media_types: list[str] = []
    supported_commands: list[str] = []
    supports_media_control: bool = False
    supports_persistent_identifier: bool = False
    device_profile: msgspec.Raw | None = None
    app_store_url: str | None = None
    icon_url: str | None = None


class TranscodingInfo(_Base):
    audio_codec: str | None = None
    video_codec: str | None = None
    container: str | None = None
    is_video_direct: bool = False
    is_audio_direct: bool = False
    bitrate: int | None = None
    framerate: float | None = None
    completion_percentage: float | None = None
    width: int | None = None
    height: int | None = None
    audio_channels: int | None = None
    hardware_acceleration_type: str | None = None
    transcode_reasons: list[str] = []


class BaseItemDto(_Base):
    name: str | None = None
    original_title: str | None = None
    server_id: str | None = None
    id: str = ""
    etag: str | None = None
    date_created: str | None = None
    container: str | None = None
    sort_name: str | None = None
    premiere_date: str | None = None
    path: str | None = None
    overview: str | None = None
    genres: list[str] | None = None
    community_rating: float | None = None
    run_time_ticks: int | None = None
    production_year: int | None = None
    index_number: int | None = None
    parent_index_number: int | None = None
    is_folder: bool | None = None
    parent_id: str | None = None
    item_type: str = msgspec.field(default="", name="Type")
    series_name: str | None = None
    series_id: str | None = None
    season_id: str | None = None
    season_name: str | None = None
    album: str | None = None
    album_id: str | None = None
    album_artist: str | None = None
    artists: list[str] | None = None
    channel_id: str | None = None
    channel_name: str | None = None
    image_tags: dict[str, str] | None = None
    media_type: str = ""


class SessionInfoDto(_Base):
    play_state: PlayerStateInfo | None = None
    additional_users: list[SessionUserInfo] | None = None
    capabilities: ClientCapabilitiesDto | None = None
    remote_end_point: str | None = None
    playable_media_types: list[str] = []
    id: str | None = None
    user_id: str = ""
    user_name: str | None = None
    client: str | None = None
    last_activity_date: str = ""
    last_playback_check_in: str = ""
    last_paused_date: str | None = None
    device_name: str | None = None
    device_type: str | None = None
    now_playing_item: BaseItemDto | None = None
    now_viewing_item: BaseItemDto | None = None
    device_id: str | None = None
    application_version: str | None = None
    transcoding_info: TranscodingInfo | None = None
    is_active: bool = False
    supports_media_control: bool = False
    supports_remote_control: bool = False
    now_playing_queue: list[QueueItem] | None = None
    now_playing_queue_full_items: list[BaseItemDto] | None = None
    has_custom_device_name: bool = False
    playlist_item_id: str | None = None
    server_id: str | None = None
    user_primary_image_tag: str | None = None
    supported_commands: list[str] = []


SESSIONS_DECODER = msgspec.json.Decoder(list[SessionInfoDto])


def read_fields(sessions: list[SessionInfoDto]) -> int:
    """What every client of the benchmarks does with a reply: read each session's
    DeviceName and NowPlayingItem.Name."""
    n = 0
    for s in sessions:
        n += len(s.device_name or "")
        item = s.now_playing_item
        if item is not None:
            n += len(item.name or "")
    return n
