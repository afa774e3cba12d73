//! `sl_auth_result`: the result of `AuthenticateByName`. String accessors return NULL when
//! the value is absent (or the object is NULL); their strings are borrowed from the result.

use std::os::raw::{c_char, c_void};
use std::ptr;

use sessionlink_core::jellyfin::models::AuthenticationResult;

use super::{sl_session, Session};
use crate::error::sl_error;
use crate::ffi::{free_box, opt_ref, to_c_ptr, try_ref, Castable, Out, Owned};
use crate::status::sl_status;
use crate::strings::{write_json, StrCache};

/// The result of `sl_jellyfin_authenticate_by_name`.
///
/// Functions:
/// - `sl_auth_result_access_token`, `sl_auth_result_user_id`, `sl_auth_result_user_name`,
///   `sl_auth_result_server_id`: string fields.
/// - `sl_auth_result_is_administrator`: the user's administrator flag.
/// - `sl_auth_result_session`: the session the login created.
/// - `sl_auth_result_json`: the whole result as the server's JSON.
/// - `sl_auth_result_free`.
pub struct sl_auth_result {
    _private: [u8; 0],
}

/// Receives the result of `sl_jellyfin_authenticate_by_name_async`: on `SL_STATUS_OK` a new
/// result the callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed
/// for the duration of the callback.
pub type sl_auth_result_callback = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        status: sl_status,
        result: *mut sl_auth_result,
        error: *const sl_error,
    ),
>;

impl Castable for sl_auth_result {
    type Ownership = Owned;
    type RustType = AuthResult;
}

pub(crate) struct AuthResult {
    result: AuthenticationResult,
    session: Option<Session>,
    strings: StrCache<5>,
}

impl From<AuthenticationResult> for AuthResult {
    fn from(result: AuthenticationResult) -> Self {
        // A copy, so that `sl_auth_result_json` stays lossless while the session is borrowable.
        let session = result.session_info.clone().map(Session::from);
        AuthResult { result, session, strings: StrCache::default() }
    }
}

/// A string field of the result, through its cache.
fn auth_str(
    result: *const sl_auth_result,
    slot: usize,
    field: impl FnOnce(&AuthenticationResult) -> Option<&str>,
) -> *const c_char {
    opt_ref(result).map_or(ptr::null(), |r| r.strings.get(slot, || field(&r.result)))
}

/// The access token of the new login (`AccessToken`). The client has already adopted it;
/// read it only to store it (it is a secret).
///
/// Ownership: borrows `result`; the string lives as long as the result.
#[no_mangle]
pub extern "C" fn sl_auth_result_access_token(result: *const sl_auth_result) -> *const c_char {
    ffi_boundary!({ auth_str(result, 0, |r| r.access_token.as_ref().map(|t| t.expose())) })
}

/// The logged-in user's id (`User.Id`).
///
/// Ownership: borrows `result`; the string lives as long as the result.
#[no_mangle]
pub extern "C" fn sl_auth_result_user_id(result: *const sl_auth_result) -> *const c_char {
    ffi_boundary!({ auth_str(result, 1, |r| r.user.as_ref().map(|u| u.id.as_str())) })
}

/// The logged-in user's name (`User.Name`).
///
/// Ownership: borrows `result`; the string lives as long as the result.
#[no_mangle]
pub extern "C" fn sl_auth_result_user_name(result: *const sl_auth_result) -> *const c_char {
    ffi_boundary!({ auth_str(result, 2, |r| r.user.as_ref().and_then(|u| u.name.as_deref())) })
}

/// The server id (`ServerId`).
///
/// Ownership: borrows `result`; the string lives as long as the result.
#[no_mangle]
pub extern "C" fn sl_auth_result_server_id(result: *const sl_auth_result) -> *const c_char {
    ffi_boundary!({ auth_str(result, 3, |r| r.server_id.as_deref()) })
}

/// Whether the logged-in user is an administrator (`User.Policy.IsAdministrator`).
///
/// Ownership: borrows `result`.
#[no_mangle]
pub extern "C" fn sl_auth_result_is_administrator(result: *const sl_auth_result) -> bool {
    ffi_boundary!({
        opt_ref(result).and_then(|r| r.result.user.as_ref()?.policy.as_ref()).is_some_and(|p| p.is_administrator)
    })
}

/// The session the login created (`SessionInfo`); NULL when absent.
///
/// Ownership: borrows `result`; the session is valid until `sl_auth_result_free(result)`.
#[no_mangle]
pub extern "C" fn sl_auth_result_session(result: *const sl_auth_result) -> *const sl_session {
    ffi_boundary!({ opt_ref(result).and_then(|r| r.session.as_ref()).map_or(ptr::null(), to_c_ptr) })
}

/// The whole login result as the server's JSON (it contains the access token).
///
/// Ownership: borrows `result`; `*json_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_auth_result_json(
    result: *const sl_auth_result,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { write_json(&try_ref(result, "result")?.result, Out::required(json_out, "json_out")?) })
}

/// Frees a login result and everything borrowed from it. NULL is a no-op.
///
/// Ownership: takes `result`.
#[no_mangle]
pub extern "C" fn sl_auth_result_free(result: *mut sl_auth_result) {
    ffi_boundary!({ free_box(result) })
}
