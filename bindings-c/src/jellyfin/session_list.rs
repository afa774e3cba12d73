//! `sl_session_list` and `sl_session`: the result of `GetSessions`. Accessors cover what C
//! programs usually read; `sl_session_json` gives the full wire JSON (unknown fields
//! included) for everything else. String accessors return NULL when the value is absent (or
//! the object is NULL); their strings are borrowed from the session's owner.

use std::os::raw::{c_char, c_void};
use std::ptr;

use sessionlink_core::jellyfin::models::SessionInfoDto;

use crate::error::sl_error;
use crate::ffi::{free_box, opt_ref, to_c_ptr, try_ref, write_opt, Borrowed, Castable, Out, Owned};
use crate::status::sl_status;
use crate::strings::{write_json, StrCache};

/// The sessions returned by `sl_jellyfin_get_sessions`. Read-only, so safe to read from many
/// threads at once.
///
/// Functions:
/// - `sl_session_list_len`: the number of sessions.
/// - `sl_session_list_get`: the session at an index.
/// - `sl_session_list_json`: the whole list as the server's JSON.
/// - `sl_session_list_free`: frees the list and every session borrowed from it.
pub struct sl_session_list {
    _private: [u8; 0],
}

/// One session (`SessionInfoDto`), borrowed from an `sl_session_list` or an `sl_auth_result`
/// and never freed on its own.
///
/// Functions:
/// - `sl_session_id`, `sl_session_user_id`, `sl_session_user_name`, `sl_session_client`,
///   `sl_session_device_name`, `sl_session_device_id`, `sl_session_application_version`,
///   `sl_session_last_activity_date`: string fields.
/// - `sl_session_supports_remote_control`, `sl_session_supports_media_control`: flags.
/// - `sl_session_now_playing_item_id`, `sl_session_now_playing_item_name`,
///   `sl_session_now_playing_item_type`, `sl_session_now_playing_item_run_time_ticks`: what
///   it plays (`NowPlayingItem`).
/// - `sl_session_position_ticks`, `sl_session_is_paused`, `sl_session_is_muted`,
///   `sl_session_volume_level`: its `PlayState`.
/// - `sl_session_json`: the whole session as the server's JSON.
pub struct sl_session {
    _private: [u8; 0],
}

/// Receives the result of `sl_jellyfin_get_sessions_async`: on `SL_STATUS_OK` a new list the
/// callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed for the
/// duration of the callback.
pub type sl_session_list_callback = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        status: sl_status,
        result: *mut sl_session_list,
        error: *const sl_error,
    ),
>;

impl Castable for sl_session_list {
    type Ownership = Owned;
    type RustType = SessionList;
}

impl Castable for sl_session {
    type Ownership = Borrowed;
    type RustType = Session;
}

pub(crate) struct SessionList {
    sessions: Vec<Session>,
}

pub(crate) struct Session {
    dto: SessionInfoDto,
    strings: StrCache<12>,
}

impl From<SessionInfoDto> for Session {
    fn from(dto: SessionInfoDto) -> Self {
        Session { dto, strings: StrCache::default() }
    }
}

impl From<Vec<SessionInfoDto>> for SessionList {
    fn from(list: Vec<SessionInfoDto>) -> Self {
        SessionList { sessions: list.into_iter().map(Session::from).collect() }
    }
}

/// One session (`sl_jellyfin_find_session`): a list of one.
impl From<SessionInfoDto> for SessionList {
    fn from(session: SessionInfoDto) -> Self {
        SessionList { sessions: vec![Session::from(session)] }
    }
}

/// At most one session (`sl_jellyfin_current_session`): a list of one, or empty.
impl From<Option<SessionInfoDto>> for SessionList {
    fn from(session: Option<SessionInfoDto>) -> Self {
        SessionList { sessions: session.into_iter().map(Session::from).collect() }
    }
}

/// The number of sessions; 0 when `list` is NULL.
///
/// Ownership: borrows `list`.
#[no_mangle]
pub extern "C" fn sl_session_list_len(list: *const sl_session_list) -> usize {
    ffi_boundary!({ opt_ref(list).map_or(0, |l| l.sessions.len()) })
}

/// The session at `index`, or NULL when `list` is NULL or `index` is out of range.
///
/// Ownership: borrows `list`; the session is valid until `sl_session_list_free(list)`.
#[no_mangle]
pub extern "C" fn sl_session_list_get(list: *const sl_session_list, index: usize) -> *const sl_session {
    ffi_boundary!({ opt_ref(list).and_then(|l| l.sessions.get(index)).map_or(ptr::null(), to_c_ptr) })
}

/// The whole list as the server's JSON array (lossless).
///
/// Ownership: borrows `list`; `*json_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_session_list_json(
    list: *const sl_session_list,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(json_out, "json_out")?;
        let dtos: Vec<&SessionInfoDto> = try_ref(list, "list")?.sessions.iter().map(|s| &s.dto).collect();
        write_json(&dtos, out)
    })
}

/// Frees a session list and every session and string borrowed from it. NULL is a no-op.
///
/// Ownership: takes `list`.
#[no_mangle]
pub extern "C" fn sl_session_list_free(list: *mut sl_session_list) {
    ffi_boundary!({ free_box(list) })
}

/// A string field of a session, through its cache; NULL when absent or `session` is NULL.
fn session_str(
    session: *const sl_session,
    slot: usize,
    field: impl FnOnce(&SessionInfoDto) -> Option<&str>,
) -> *const c_char {
    opt_ref(session).map_or(ptr::null(), |s| s.strings.get(slot, || field(&s.dto)))
}

/// The session id (`Id`: 32 hex characters), the value the command operations take.
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_session_id(session: *const sl_session) -> *const c_char {
    ffi_boundary!({ session_str(session, 0, |d| d.id.as_deref()) })
}

/// The user id (`UserId`; all zeros for API-key sessions).
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_session_user_id(session: *const sl_session) -> *const c_char {
    ffi_boundary!({ session_str(session, 1, |d| Some(d.user_id.as_str())) })
}

/// The user name (`UserName`).
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_session_user_name(session: *const sl_session) -> *const c_char {
    ffi_boundary!({ session_str(session, 2, |d| d.user_name.as_deref()) })
}

/// The client application (`Client`).
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_session_client(session: *const sl_session) -> *const c_char {
    ffi_boundary!({ session_str(session, 3, |d| d.client.as_deref()) })
}

/// The device name (`DeviceName`).
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_session_device_name(session: *const sl_session) -> *const c_char {
    ffi_boundary!({ session_str(session, 4, |d| d.device_name.as_deref()) })
}

/// The device id (`DeviceId`).
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_session_device_id(session: *const sl_session) -> *const c_char {
    ffi_boundary!({ session_str(session, 5, |d| d.device_id.as_deref()) })
}

/// The client application's version (`ApplicationVersion`).
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_session_application_version(session: *const sl_session) -> *const c_char {
    ffi_boundary!({ session_str(session, 6, |d| d.application_version.as_deref()) })
}

/// The last activity time (`LastActivityDate`) as the server wrote it (ISO 8601, UTC).
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_session_last_activity_date(session: *const sl_session) -> *const c_char {
    ffi_boundary!({ session_str(session, 7, |d| Some(d.last_activity_date.as_str())) })
}

/// Whether the session accepts remote control (`SupportsRemoteControl`); false when NULL.
///
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_supports_remote_control(session: *const sl_session) -> bool {
    ffi_boundary!({ opt_ref(session).is_some_and(|s| s.dto.supports_remote_control) })
}

/// Whether the session accepts media control (`SupportsMediaControl`); false when NULL.
///
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_supports_media_control(session: *const sl_session) -> bool {
    ffi_boundary!({ opt_ref(session).is_some_and(|s| s.dto.supports_media_control) })
}

/// The id of the item playing (`NowPlayingItem.Id`); NULL when nothing plays.
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_session_now_playing_item_id(session: *const sl_session) -> *const c_char {
    ffi_boundary!({ session_str(session, 8, |d| d.now_playing_item.as_ref().map(|i| i.id.as_str())) })
}

/// The name of the item playing (`NowPlayingItem.Name`); NULL when nothing plays.
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_session_now_playing_item_name(session: *const sl_session) -> *const c_char {
    ffi_boundary!({ session_str(session, 9, |d| d.now_playing_item.as_ref().and_then(|i| i.name.as_deref())) })
}

/// The kind of the item playing (`NowPlayingItem.Type`, for example `"Episode"`); NULL when
/// nothing plays.
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_session_now_playing_item_type(session: *const sl_session) -> *const c_char {
    ffi_boundary!({ session_str(session, 10, |d| d.now_playing_item.as_ref().map(|i| i.item_type.as_str())) })
}

/// Writes the run time of the item playing (`NowPlayingItem.RunTimeTicks`, 10,000 ticks per
/// millisecond) to `*ticks_out` and returns true; returns false and writes nothing when
/// nothing plays, the value is absent, or an argument is NULL.
///
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_now_playing_item_run_time_ticks(session: *const sl_session, ticks_out: *mut i64) -> bool {
    ffi_boundary!({
        write_opt(opt_ref(session).and_then(|s| s.dto.now_playing_item.as_ref()?.run_time_ticks), ticks_out)
    })
}

/// Writes the playback position (`PlayState.PositionTicks`) to `*ticks_out` and returns
/// true; returns false and writes nothing when it is absent or an argument is NULL.
///
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_position_ticks(session: *const sl_session, ticks_out: *mut i64) -> bool {
    ffi_boundary!({ write_opt(opt_ref(session).and_then(|s| s.dto.play_state.as_ref()?.position_ticks), ticks_out) })
}

/// Whether playback is paused (`PlayState.IsPaused`); false when there is no play state.
///
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_is_paused(session: *const sl_session) -> bool {
    ffi_boundary!({ opt_ref(session).and_then(|s| s.dto.play_state.as_ref()).is_some_and(|p| p.is_paused) })
}

/// Whether the player is muted (`PlayState.IsMuted`); false when there is no play state.
///
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_is_muted(session: *const sl_session) -> bool {
    ffi_boundary!({ opt_ref(session).and_then(|s| s.dto.play_state.as_ref()).is_some_and(|p| p.is_muted) })
}

/// Writes the volume (`PlayState.VolumeLevel`, 0-100) to `*volume_out` and returns true;
/// returns false and writes nothing when it is absent or an argument is NULL.
///
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_volume_level(session: *const sl_session, volume_out: *mut i32) -> bool {
    ffi_boundary!({ write_opt(opt_ref(session).and_then(|s| s.dto.play_state.as_ref()?.volume_level), volume_out) })
}

/// The whole session as the server's JSON (lossless: unknown fields included).
///
/// Ownership: borrows `session`; `*json_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_session_json(
    session: *const sl_session,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { write_json(&try_ref(session, "session")?.dto, Out::required(json_out, "json_out")?) })
}
