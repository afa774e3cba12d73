//! The `SessionInfoDto` of a session, as `GET /Sessions` and the login answer show it.

use serde_json::{json, Value};

use super::case::compact;
use super::date::{date, MIN_DATE};
use super::item::item_dto;
use crate::state::session::{Capabilities, NowPlaying, Session};
use crate::state::State;
use crate::text::ids::ZERO_GUID;

pub(crate) fn capabilities_dto(c: &Capabilities) -> Value {
    compact(json!({
        "PlayableMediaTypes": c.playable_media_types,
        "SupportedCommands": c.supported_commands,
        "SupportsMediaControl": c.supports_media_control,
        "SupportsPersistentIdentifier": c.supports_persistent_identifier,
        "DeviceProfile": c.device_profile,
        "AppStoreUrl": c.app_store_url,
        "IconUrl": c.icon_url,
    }))
}

/// A `SessionInfoDto` (29 properties; the nine non-nullable ones always present).
///
/// `IsActive` and `SupportsRemoteControl` follow the session's sockets (`SessionInfo.cs`):
/// a session that never had one is active, one that had sockets is active while one is
/// open, and only a connected session with the `SupportsMediaControl` capability can be
/// remote-controlled. Seeded players count as connected.
pub(crate) fn session_dto(state: &State, s: &Session) -> Value {
    let connected = state.is_connected(&s.id);
    let item = |id: &str| state.item(id).map(|i| item_dto(state, i));
    let now_playing = s.now_playing.as_ref().and_then(|n| match n {
        NowPlaying::Library(id) => item(id),
        NowPlaying::Reported(dto) => Some(dto.clone()),
    });
    let additional: Vec<Value> =
        s.additional_users.iter().map(|u| json!({"UserId": u, "UserName": state.user_name(u)})).collect();
    compact(json!({
        "PlayState": s.play_state,
        "AdditionalUsers": additional,
        "Capabilities": capabilities_dto(&s.capabilities),
        "RemoteEndPoint": "127.0.0.1",
        "PlayableMediaTypes": s.capabilities.playable_media_types,
        "Id": s.id,
        "UserId": s.user_id.as_deref().unwrap_or(ZERO_GUID),
        "UserName": s.user_id.as_deref().and_then(|u| state.user_name(u)),
        "Client": s.client,
        "LastActivityDate": date(s.last_activity),
        "LastPlaybackCheckIn": s.last_playback_check_in.map(date).unwrap_or_else(|| MIN_DATE.to_owned()),
        "LastPausedDate": s.last_paused.map(date),
        "DeviceName": s.device_name,
        "NowPlayingItem": now_playing,
        "NowViewingItem": s.now_viewing.as_deref().and_then(item),
        "DeviceId": s.device_id,
        "ApplicationVersion": s.version,
        "IsActive": connected || !(s.has_controller || s.virtual_socket),
        "SupportsMediaControl": s.capabilities.supports_media_control,
        "SupportsRemoteControl": connected && s.capabilities.supports_media_control,
        "NowPlayingQueue": s.now_playing_queue,
        "HasCustomDeviceName": false,
        "PlaylistItemId": s.playlist_item_id,
        "ServerId": state.server_id,
        "SupportedCommands": s.capabilities.supported_commands,
    }))
}
