//! Result objects of the Jellyfin operations: session lists, sessions, the login result and
//! name/id lists. Accessors cover what C programs usually read; the `*_json` accessors give
//! the full wire JSON (unknown fields included) for everything else.
//!
//! String accessors return NULL when the value is absent (or the object is NULL). Their
//! strings are borrowed from the result object and stay valid until it is freed.

use std::os::raw::c_char;
use std::ptr;

use sessionlink_core::jellyfin::models::{AuthenticationResult, NameIdPair, SessionInfoDto};

use crate::error::sl_error;
use crate::status::sl_status;
use crate::strings::{handle, out_ptr, write_json, StrCache};

/// One session (`SessionInfoDto`). Always borrowed from an `sl_session_list` or an
/// `sl_auth_result`, never freed on its own.
pub struct sl_session {
    dto: SessionInfoDto,
    strings: StrCache<12>,
}

/// The sessions returned by `sl_jellyfin_get_sessions`. Owned by the caller, freed with
/// `sl_session_list_free`. Read-only, so safe to read from many threads at once.
pub struct sl_session_list {
    sessions: Vec<sl_session>,
}

/// The result of `sl_jellyfin_authenticate_by_name`. Owned by the caller, freed with
/// `sl_auth_result_free`.
pub struct sl_auth_result {
    result: AuthenticationResult,
    session: Option<sl_session>,
    strings: StrCache<5>,
}

/// A list of name/id pairs (authentication providers). Owned by the caller, freed with
/// `sl_name_id_list_free`.
pub struct sl_name_id_list {
    items: Vec<NameIdPair>,
    strings: Vec<StrCache<2>>,
}

impl sl_session {
    fn new(dto: SessionInfoDto) -> Self {
        sl_session { dto, strings: StrCache::default() }
    }
}

impl sl_session_list {
    pub(crate) fn boxed(list: Vec<SessionInfoDto>) -> *mut sl_session_list {
        Box::into_raw(Box::new(sl_session_list { sessions: list.into_iter().map(sl_session::new).collect() }))
    }
}

impl sl_auth_result {
    pub(crate) fn boxed(result: AuthenticationResult) -> *mut sl_auth_result {
        // A copy, so that `sl_auth_result_json` stays lossless while the session is borrowable.
        let session = result.session_info.clone().map(sl_session::new);
        Box::into_raw(Box::new(sl_auth_result { result, session, strings: StrCache::default() }))
    }
}

impl sl_name_id_list {
    pub(crate) fn boxed(items: Vec<NameIdPair>) -> *mut sl_name_id_list {
        let strings = items.iter().map(|_| StrCache::default()).collect();
        Box::into_raw(Box::new(sl_name_id_list { items, strings }))
    }
}

/// Reads a string field of a session through its cache.
macro_rules! session_str {
    ($session:expr, $slot:expr, |$d:ident| $value:expr) => {
        ffi_boundary!({
            // SAFETY: NULL or a session borrowed from a live list or login result.
            match unsafe { $session.as_ref() } {
                Some(s) => s.strings.get($slot, || {
                    let $d = &s.dto;
                    $value
                }),
                None => ptr::null(),
            }
        })
    };
}

// --- sl_session_list -------------------------------------------------------------------

/// The number of sessions; 0 when `list` is NULL.
///
/// Ownership: borrows `list`.
#[no_mangle]
pub extern "C" fn sl_session_list_len(list: *const sl_session_list) -> usize {
    ffi_boundary!({
        // SAFETY: NULL or a live list.
        unsafe { list.as_ref() }.map_or(0, |l| l.sessions.len())
    })
}

/// The session at `index`, or NULL when `list` is NULL or `index` is out of range.
///
/// Ownership: the session is borrowed from `list` and valid until `sl_session_list_free(list)`.
#[no_mangle]
pub extern "C" fn sl_session_list_get(list: *const sl_session_list, index: usize) -> *const sl_session {
    ffi_boundary!({
        // SAFETY: NULL or a live list.
        unsafe { list.as_ref() }.and_then(|l| l.sessions.get(index)).map_or(ptr::null(), |s| s as *const sl_session)
    })
}

/// The whole list as the server's JSON array (lossless).
///
/// On `SL_STATUS_OK`, `*json_out` receives a new string the caller frees with `sl_string_free`.
///
/// Ownership: borrows `list`.
#[no_mangle]
pub extern "C" fn sl_session_list_json(
    list: *const sl_session_list,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(json_out, "json_out")?;
        // SAFETY: NULL or a live list.
        let l = unsafe { handle(list, "list") }?;
        let dtos: Vec<&SessionInfoDto> = l.sessions.iter().map(|s| &s.dto).collect();
        write_json(&dtos, out)
    })
}

/// Frees a session list and every session and string borrowed from it. NULL is a no-op.
///
/// Ownership: takes `list`; it must not be used again.
#[no_mangle]
pub extern "C" fn sl_session_list_free(list: *mut sl_session_list) {
    ffi_boundary!({
        if !list.is_null() {
            // SAFETY: made by `Box::into_raw` in this crate, freed once.
            drop(unsafe { Box::from_raw(list) });
        }
    })
}

// --- sl_session ------------------------------------------------------------------------

/// The session id (`Id`: 32 hex characters), the value the command operations take.
/// Ownership: borrowed from the session's owner.
#[no_mangle]
pub extern "C" fn sl_session_id(session: *const sl_session) -> *const c_char {
    session_str!(session, 0, |d| d.id.as_deref())
}

/// The user id (`UserId`; all zeros for API-key sessions). Ownership: borrowed from the
/// session's owner.
#[no_mangle]
pub extern "C" fn sl_session_user_id(session: *const sl_session) -> *const c_char {
    session_str!(session, 1, |d| Some(d.user_id.as_str()))
}

/// The user name (`UserName`). Ownership: borrowed from the session's owner.
#[no_mangle]
pub extern "C" fn sl_session_user_name(session: *const sl_session) -> *const c_char {
    session_str!(session, 2, |d| d.user_name.as_deref())
}

/// The client application (`Client`). Ownership: borrowed from the session's owner.
#[no_mangle]
pub extern "C" fn sl_session_client(session: *const sl_session) -> *const c_char {
    session_str!(session, 3, |d| d.client.as_deref())
}

/// The device name (`DeviceName`). Ownership: borrowed from the session's owner.
#[no_mangle]
pub extern "C" fn sl_session_device_name(session: *const sl_session) -> *const c_char {
    session_str!(session, 4, |d| d.device_name.as_deref())
}

/// The device id (`DeviceId`). Ownership: borrowed from the session's owner.
#[no_mangle]
pub extern "C" fn sl_session_device_id(session: *const sl_session) -> *const c_char {
    session_str!(session, 5, |d| d.device_id.as_deref())
}

/// The client application's version (`ApplicationVersion`). Ownership: borrowed from the
/// session's owner.
#[no_mangle]
pub extern "C" fn sl_session_application_version(session: *const sl_session) -> *const c_char {
    session_str!(session, 6, |d| d.application_version.as_deref())
}

/// The last activity time (`LastActivityDate`) as the server wrote it (ISO 8601, UTC).
/// Ownership: borrowed from the session's owner.
#[no_mangle]
pub extern "C" fn sl_session_last_activity_date(session: *const sl_session) -> *const c_char {
    session_str!(session, 7, |d| Some(d.last_activity_date.as_str()))
}

/// Whether the session accepts remote control (`SupportsRemoteControl`); false when NULL.
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_supports_remote_control(session: *const sl_session) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a borrowed session.
        unsafe { session.as_ref() }.is_some_and(|s| s.dto.supports_remote_control)
    })
}

/// Whether the session accepts media control (`SupportsMediaControl`); false when NULL.
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_supports_media_control(session: *const sl_session) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a borrowed session.
        unsafe { session.as_ref() }.is_some_and(|s| s.dto.supports_media_control)
    })
}

/// The id of the item playing (`NowPlayingItem.Id`); NULL when nothing plays.
/// Ownership: borrowed from the session's owner.
#[no_mangle]
pub extern "C" fn sl_session_now_playing_item_id(session: *const sl_session) -> *const c_char {
    session_str!(session, 8, |d| d.now_playing_item.as_ref().map(|i| i.id.as_str()))
}

/// The name of the item playing (`NowPlayingItem.Name`); NULL when nothing plays.
/// Ownership: borrowed from the session's owner.
#[no_mangle]
pub extern "C" fn sl_session_now_playing_item_name(session: *const sl_session) -> *const c_char {
    session_str!(session, 9, |d| d.now_playing_item.as_ref().and_then(|i| i.name.as_deref()))
}

/// The kind of the item playing (`NowPlayingItem.Type`, for example `"Episode"`); NULL when
/// nothing plays. Ownership: borrowed from the session's owner.
#[no_mangle]
pub extern "C" fn sl_session_now_playing_item_type(session: *const sl_session) -> *const c_char {
    session_str!(session, 10, |d| d.now_playing_item.as_ref().map(|i| i.item_type.as_str()))
}

/// Writes the run time of the item playing (`NowPlayingItem.RunTimeTicks`, 10,000 ticks per
/// millisecond) to `*ticks_out` and returns true; returns false and writes nothing when
/// nothing plays, the value is absent, or an argument is NULL.
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_now_playing_item_run_time_ticks(session: *const sl_session, ticks_out: *mut i64) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a borrowed session.
        let value = unsafe { session.as_ref() }.and_then(|s| s.dto.now_playing_item.as_ref()?.run_time_ticks);
        write_opt(value, ticks_out)
    })
}

/// Writes the playback position (`PlayState.PositionTicks`) to `*ticks_out` and returns
/// true; returns false and writes nothing when it is absent or an argument is NULL.
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_position_ticks(session: *const sl_session, ticks_out: *mut i64) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a borrowed session.
        let value = unsafe { session.as_ref() }.and_then(|s| s.dto.play_state.as_ref()?.position_ticks);
        write_opt(value, ticks_out)
    })
}

/// Whether playback is paused (`PlayState.IsPaused`); false when there is no play state.
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_is_paused(session: *const sl_session) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a borrowed session.
        unsafe { session.as_ref() }.and_then(|s| s.dto.play_state.as_ref()).is_some_and(|p| p.is_paused)
    })
}

/// Whether the player is muted (`PlayState.IsMuted`); false when there is no play state.
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_is_muted(session: *const sl_session) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a borrowed session.
        unsafe { session.as_ref() }.and_then(|s| s.dto.play_state.as_ref()).is_some_and(|p| p.is_muted)
    })
}

/// Writes the volume (`PlayState.VolumeLevel`, 0-100) to `*volume_out` and returns true;
/// returns false and writes nothing when it is absent or an argument is NULL.
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_volume_level(session: *const sl_session, volume_out: *mut i32) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a borrowed session.
        let value = unsafe { session.as_ref() }.and_then(|s| s.dto.play_state.as_ref()?.volume_level);
        write_opt(value, volume_out)
    })
}

/// The whole session as the server's JSON (lossless: unknown fields included).
///
/// On `SL_STATUS_OK`, `*json_out` receives a new string the caller frees with `sl_string_free`.
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_session_json(
    session: *const sl_session,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(json_out, "json_out")?;
        // SAFETY: NULL or a borrowed session.
        let s = unsafe { handle(session, "session") }?;
        write_json(&s.dto, out)
    })
}

fn write_opt<T>(value: Option<T>, out: *mut T) -> bool {
    match value {
        Some(v) if !out.is_null() => {
            // SAFETY: non-NULL and writable per the caller.
            unsafe { out.write(v) };
            true
        }
        _ => false,
    }
}

// --- sl_auth_result --------------------------------------------------------------------

fn auth_str(
    result: *const sl_auth_result,
    slot: usize,
    f: impl FnOnce(&AuthenticationResult) -> Option<&str>,
) -> *const c_char {
    // SAFETY: NULL or a live login result.
    match unsafe { result.as_ref() } {
        Some(r) => r.strings.get(slot, || f(&r.result)),
        None => ptr::null(),
    }
}

/// The access token of the new login (`AccessToken`). The client has already adopted it;
/// read it only to store it (it is a secret). Ownership: borrowed from `result`.
#[no_mangle]
pub extern "C" fn sl_auth_result_access_token(result: *const sl_auth_result) -> *const c_char {
    ffi_boundary!({ auth_str(result, 0, |r| r.access_token.as_ref().map(|t| t.expose())) })
}

/// The logged-in user's id (`User.Id`). Ownership: borrowed from `result`.
#[no_mangle]
pub extern "C" fn sl_auth_result_user_id(result: *const sl_auth_result) -> *const c_char {
    ffi_boundary!({ auth_str(result, 1, |r| r.user.as_ref().map(|u| u.id.as_str())) })
}

/// The logged-in user's name (`User.Name`). Ownership: borrowed from `result`.
#[no_mangle]
pub extern "C" fn sl_auth_result_user_name(result: *const sl_auth_result) -> *const c_char {
    ffi_boundary!({ auth_str(result, 2, |r| r.user.as_ref().and_then(|u| u.name.as_deref())) })
}

/// The server id (`ServerId`). Ownership: borrowed from `result`.
#[no_mangle]
pub extern "C" fn sl_auth_result_server_id(result: *const sl_auth_result) -> *const c_char {
    ffi_boundary!({ auth_str(result, 3, |r| r.server_id.as_deref()) })
}

/// Whether the logged-in user is an administrator (`User.Policy.IsAdministrator`).
/// Ownership: borrows `result`.
#[no_mangle]
pub extern "C" fn sl_auth_result_is_administrator(result: *const sl_auth_result) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a live login result.
        unsafe { result.as_ref() }
            .and_then(|r| r.result.user.as_ref()?.policy.as_ref())
            .is_some_and(|p| p.is_administrator)
    })
}

/// The session the login created (`SessionInfo`); NULL when absent.
/// Ownership: borrowed from `result`, valid until `sl_auth_result_free(result)`.
#[no_mangle]
pub extern "C" fn sl_auth_result_session(result: *const sl_auth_result) -> *const sl_session {
    ffi_boundary!({
        // SAFETY: NULL or a live login result.
        unsafe { result.as_ref() }.and_then(|r| r.session.as_ref()).map_or(ptr::null(), |s| s as *const sl_session)
    })
}

/// The whole login result as the server's JSON (it contains the access token).
///
/// On `SL_STATUS_OK`, `*json_out` receives a new string the caller frees with `sl_string_free`.
/// Ownership: borrows `result`.
#[no_mangle]
pub extern "C" fn sl_auth_result_json(
    result: *const sl_auth_result,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(json_out, "json_out")?;
        // SAFETY: NULL or a live login result.
        let r = unsafe { handle(result, "result") }?;
        write_json(&r.result, out)
    })
}

/// Frees a login result and everything borrowed from it. NULL is a no-op.
///
/// Ownership: takes `result`; it must not be used again.
#[no_mangle]
pub extern "C" fn sl_auth_result_free(result: *mut sl_auth_result) {
    ffi_boundary!({
        if !result.is_null() {
            // SAFETY: made by `Box::into_raw` in this crate, freed once.
            drop(unsafe { Box::from_raw(result) });
        }
    })
}

// --- sl_name_id_list -------------------------------------------------------------------

/// The number of pairs; 0 when `list` is NULL. Ownership: borrows `list`.
#[no_mangle]
pub extern "C" fn sl_name_id_list_len(list: *const sl_name_id_list) -> usize {
    ffi_boundary!({
        // SAFETY: NULL or a live list.
        unsafe { list.as_ref() }.map_or(0, |l| l.items.len())
    })
}

fn pair_str(
    list: *const sl_name_id_list,
    index: usize,
    slot: usize,
    f: impl FnOnce(&NameIdPair) -> Option<&str>,
) -> *const c_char {
    // SAFETY: NULL or a live list.
    match unsafe { list.as_ref() } {
        Some(l) => match (l.items.get(index), l.strings.get(index)) {
            (Some(item), Some(cache)) => cache.get(slot, || f(item)),
            _ => ptr::null(),
        },
        None => ptr::null(),
    }
}

/// The name of pair `index`; NULL when absent or out of range.
/// Ownership: borrowed from `list`, valid until `sl_name_id_list_free(list)`.
#[no_mangle]
pub extern "C" fn sl_name_id_list_name(list: *const sl_name_id_list, index: usize) -> *const c_char {
    ffi_boundary!({ pair_str(list, index, 0, |p| p.name.as_deref()) })
}

/// The id of pair `index` (for providers a .NET type name, not a GUID); NULL when absent or
/// out of range. Ownership: borrowed from `list`, valid until `sl_name_id_list_free(list)`.
#[no_mangle]
pub extern "C" fn sl_name_id_list_id(list: *const sl_name_id_list, index: usize) -> *const c_char {
    ffi_boundary!({ pair_str(list, index, 1, |p| p.id.as_deref()) })
}

/// The whole list as the server's JSON array.
///
/// On `SL_STATUS_OK`, `*json_out` receives a new string the caller frees with `sl_string_free`.
/// Ownership: borrows `list`.
#[no_mangle]
pub extern "C" fn sl_name_id_list_json(
    list: *const sl_name_id_list,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(json_out, "json_out")?;
        // SAFETY: NULL or a live list.
        let l = unsafe { handle(list, "list") }?;
        write_json(&l.items, out)
    })
}

/// Frees a name/id list and every string borrowed from it. NULL is a no-op.
///
/// Ownership: takes `list`; it must not be used again.
#[no_mangle]
pub extern "C" fn sl_name_id_list_free(list: *mut sl_name_id_list) {
    ffi_boundary!({
        if !list.is_null() {
            // SAFETY: made by `Box::into_raw` in this crate, freed once.
            drop(unsafe { Box::from_raw(list) });
        }
    })
}
