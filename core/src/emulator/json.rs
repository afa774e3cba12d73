//! Jellyfin wire JSON, written the way the server's System.Text.Json options write it
//! (jellyfin-notes.md §1): PascalCase, null properties left out, GUIDs in N format, dates with
//! seven fractional digits and a `Z`.
//!
//! Key order: `serde_json::Value` objects sort their keys, so objects come out in alphabetical
//! rather than declaration order. JSON object order carries no meaning and no client may
//! depend on it.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Map, Value};

use super::state::{Capabilities, Item, Session, State, User, ZERO_GUID};

/// `DateTime.MinValue`, which the server writes for a session that never played.
pub(crate) const MIN_DATE: &str = "0001-01-01T00:00:00.0000000Z";

/// `2025-11-23T14:50:07.5126102Z`.
pub(crate) fn date(t: SystemTime) -> String {
    let since = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:07}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since.subsec_nanos() / 100
    )
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian, days since 1970-01-01).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Drops null-valued properties at every depth (`WhenWritingNull`). Not for dictionaries
/// whose null values are data (`GeneralCommand.Arguments`); those are never passed here.
pub(crate) fn compact(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, compact(v))).collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(compact).collect()),
        other => other,
    }
}

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
pub(crate) fn session_dto(state: &State, s: &Session) -> Value {
    let item = |id: &Option<String>| id.as_deref().and_then(|i| state.item(i)).map(|i| item_dto(state, i));
    let additional: Vec<Value> =
        s.additional_users.iter().map(|u| json!({"UserId": u, "UserName": state.user_name(u)})).collect();
    let queue = s.now_playing.as_ref().map(|i| vec![json!({"Id": i, "PlaylistItemId": "playlistItem0"})]);
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
        "DeviceName": s.device_name,
        "NowPlayingItem": item(&s.now_playing),
        "NowViewingItem": item(&s.now_viewing),
        "DeviceId": s.device_id,
        "ApplicationVersion": s.version,
        "IsActive": true,
        "SupportsMediaControl": s.capabilities.supports_media_control,
        // No real sockets here: every session counts as connected (see the module docs).
        "SupportsRemoteControl": s.capabilities.supports_media_control,
        "NowPlayingQueue": queue,
        "HasCustomDeviceName": false,
        "PlaylistItemId": s.now_playing.as_ref().map(|_| "playlistItem0"),
        "ServerId": state.server_id,
        "SupportedCommands": s.capabilities.supported_commands,
    }))
}

/// A `BaseItemDto` with the fields a session view shows.
pub(crate) fn item_dto(state: &State, i: &Item) -> Value {
    let series_id = i.series_name.as_deref().map(|_| i.parent_id.clone());
    compact(json!({
        "Name": i.name,
        "ServerId": state.server_id,
        "Id": i.id,
        "Etag": super::state::md5_hex(&i.id),
        "DateCreated": "2024-01-01T00:00:00.0000000Z",
        "CanDelete": false,
        "CanDownload": true,
        "SortName": i.name.to_lowercase(),
        "RunTimeTicks": i.run_time_ticks,
        "ProductionYear": i.production_year,
        "IndexNumber": i.index_number,
        "ParentIndexNumber": i.parent_index_number,
        "IsFolder": i.is_folder,
        "ParentId": i.parent_id,
        "Type": i.kind,
        "SeriesName": i.series_name,
        "SeriesId": series_id.flatten(),
        "ImageTags": {},
        "BackdropImageTags": [],
        "LocationType": "FileSystem",
        "MediaType": i.media_type,
    }))
}

/// A `UserDto` with full `Configuration` and `Policy`, as `AuthenticateByName` returns it.
pub(crate) fn user_dto(state: &State, u: &User) -> Value {
    let has_password = !u.password.is_empty();
    compact(json!({
        "Name": u.name,
        "ServerId": state.server_id,
        "Id": u.id,
        "HasPassword": has_password,
        "HasConfiguredPassword": has_password,
        "HasConfiguredEasyPassword": false,
        "EnableAutoLogin": false,
        "LastLoginDate": u.last_login.map(date),
        "LastActivityDate": u.last_activity.map(date),
        "Configuration": {
            "PlayDefaultAudioTrack": true,
            "SubtitleLanguagePreference": "",
            "DisplayMissingEpisodes": false,
            "GroupedFolders": [],
            "SubtitleMode": "Default",
            "DisplayCollectionsView": false,
            "EnableLocalPassword": false,
            "OrderedViews": [],
            "LatestItemsExcludes": [],
            "MyMediaExcludes": [],
            "HidePlayedInLatest": true,
            "RememberAudioSelections": true,
            "RememberSubtitleSelections": true,
            "EnableNextEpisodeAutoPlay": true,
            "CastReceiverId": "F007D354",
        },
        "Policy": policy(u.admin),
    }))
}

fn policy(admin: bool) -> Value {
    // Two halves: one json! of 44 properties exceeds the macro recursion limit.
    let mut policy = json!({
        "IsAdministrator": admin,
        "IsHidden": false,
        "EnableCollectionManagement": admin,
        "EnableSubtitleManagement": admin,
        "EnableLyricManagement": admin,
        "IsDisabled": false,
        "BlockedTags": [],
        "AllowedTags": [],
        "EnableUserPreferenceAccess": true,
        "AccessSchedules": [],
        "BlockUnratedItems": [],
        "EnableRemoteControlOfOtherUsers": admin,
        "EnableSharedDeviceControl": true,
        "EnableRemoteAccess": true,
        "EnableLiveTvManagement": admin,
        "EnableLiveTvAccess": true,
        "EnableMediaPlayback": true,
        "EnableAudioPlaybackTranscoding": true,
        "EnableVideoPlaybackTranscoding": true,
        "EnablePlaybackRemuxing": true,
        "ForceRemoteSourceTranscoding": false,
        "EnableContentDeletion": admin,
        "EnableContentDeletionFromFolders": [],
        "EnableContentDownloading": true,
        "EnableSyncTranscoding": true,
        "EnableMediaConversion": true,
    });
    let rest = json!({
        "EnabledDevices": [],
        "EnableAllDevices": true,
        "EnabledChannels": [],
        "EnableAllChannels": true,
        "EnabledFolders": [],
        "EnableAllFolders": true,
        "InvalidLoginAttemptCount": 0,
        "LoginAttemptsBeforeLockout": -1,
        "MaxActiveSessions": 0,
        "EnablePublicSharing": true,
        "BlockedMediaFolders": [],
        "BlockedChannels": [],
        "RemoteClientBitrateLimit": 0,
        "AuthenticationProviderId": "Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider",
        "PasswordResetProviderId": "Jellyfin.Server.Implementations.Users.DefaultPasswordResetProvider",
        "SyncPlayAccess": "CreateAndJoinGroups",
    });
    if let (Some(policy), Value::Object(rest)) = (policy.as_object_mut(), rest) {
        policy.extend(rest);
    }
    policy
}

/// The response for `Accept: application/json; profile="CamelCase"`: property names through
/// `JsonNamingPolicy.CamelCase`. Dictionary keys (image tags, command arguments) keep their
/// case, as the server has no dictionary key policy.
pub(crate) fn camel_case(value: Value) -> Value {
    const DICTIONARIES: &[&str] = &["ImageTags", "ProviderIds", "Arguments", "ImageBlurHashes"];
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if DICTIONARIES.contains(&k.as_str()) { v } else { camel_case(v) };
                    (camel_name(&k), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(camel_case).collect()),
        other => other,
    }
}

/// .NET's camel-casing: lower the leading run of capitals, except the last one of a run that
/// starts a new word (`IsHD` → `isHD`, `ID` → `id`, `URLValue` → `urlValue`).
fn camel_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = chars.clone();
    for i in 0..chars.len() {
        if i == 1 && !chars[i].is_uppercase() {
            break;
        }
        let next_is_lower = chars.get(i + 1).is_some_and(|c| !c.is_uppercase());
        if i > 0 && next_is_lower {
            if chars.get(i + 1) == Some(&' ') {
                out[i] = chars[i].to_lowercase().next().unwrap_or(chars[i]);
            }
            break;
        }
        out[i] = chars[i].to_lowercase().next().unwrap_or(chars[i]);
    }
    out.into_iter().collect()
}

/// ASP.NET Core's validation ProblemDetails (`[ApiController]` automatic 400).
pub(crate) fn validation_problem(errors: &[(&str, String)], trace_id: &str) -> Value {
    let mut map = Map::new();
    for (key, message) in errors {
        map.insert((*key).to_owned(), json!([message]));
    }
    json!({
        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        "title": "One or more validation errors occurred.",
        "status": 400,
        "errors": map,
        "traceId": trace_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_have_seven_fractional_digits() {
        let t = UNIX_EPOCH + Duration::new(1_763_909_407, 512_610_200);
        assert_eq!(date(t), "2025-11-23T14:50:07.5126102Z");
        assert_eq!(date(UNIX_EPOCH), "1970-01-01T00:00:00.0000000Z");
        assert_eq!(date(UNIX_EPOCH + Duration::from_secs(951_782_400)), "2000-02-29T00:00:00.0000000Z");
    }

    #[test]
    fn camel_case_like_dotnet() {
        for (from, to) in [
            ("ServerId", "serverId"),
            ("IsHD", "isHD"),
            ("ID", "id"),
            ("URLValue", "urlValue"),
            ("Id", "id"),
            ("a", "a"),
            ("", ""),
        ] {
            assert_eq!(camel_name(from), to);
        }
        let v = camel_case(json!({"PlayState": {"IsPaused": true}, "ImageTags": {"Primary": "x"}}));
        assert_eq!(v, json!({"playState": {"isPaused": true}, "imageTags": {"Primary": "x"}}));
    }

    #[test]
    fn compact_drops_nulls_deeply() {
        let v = compact(json!({"a": null, "b": {"c": null, "d": 1}, "e": [{"f": null}]}));
        assert_eq!(v, json!({"b": {"d": 1}, "e": [{}]}));
    }
}
