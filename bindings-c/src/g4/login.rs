//! `sl_g4_login`: the result of `CreateSession` (`AuthenticatedSessionResponse`). String
//! accessors return NULL when the value is absent (or the object is NULL); their strings are
//! borrowed from the login. Session ids and bearers are secrets: never log them.

use std::os::raw::{c_char, c_void};
use std::ptr;

use sessionlink_core::g4::models::AuthenticatedSessionResponse;

use crate::error::sl_error;
use crate::ffi::{free_box, opt_ref, try_ref, write_opt, Castable, Out, Owned};
use crate::status::sl_status;
use crate::strings::{write_json, StrCache};

/// The result of `sl_g4_create_session`.
///
/// Functions:
/// - `sl_g4_login_session_id`, `sl_g4_login_bearer`, `sl_g4_login_username`,
///   `sl_g4_login_fullname`, `sl_g4_login_email`: string fields.
/// - `sl_g4_login_user_id`: the user id.
/// - `sl_g4_login_valid_credentials`, `sl_g4_login_access_allowed`: the login's flags.
/// - `sl_g4_login_json`: the whole response as the service's JSON.
/// - `sl_g4_login_free`.
pub struct sl_g4_login {
    _private: [u8; 0],
}

/// Receives the result of `sl_g4_create_session_async`: on `SL_STATUS_OK` a new login the
/// callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed for the
/// duration of the callback.
pub type sl_g4_login_callback = Option<
    unsafe extern "C" fn(user_data: *mut c_void, status: sl_status, result: *mut sl_g4_login, error: *const sl_error),
>;

impl Castable for sl_g4_login {
    type Ownership = Owned;
    type RustType = Login;
}

pub(crate) struct Login {
    login: AuthenticatedSessionResponse,
    strings: StrCache<5>,
}

impl From<AuthenticatedSessionResponse> for Login {
    fn from(login: AuthenticatedSessionResponse) -> Self {
        Login { login, strings: StrCache::default() }
    }
}

/// A string field of the login, through its cache.
fn login_str(
    login: *const sl_g4_login,
    slot: usize,
    field: impl FnOnce(&AuthenticatedSessionResponse) -> Option<&str>,
) -> *const c_char {
    opt_ref(login).map_or(ptr::null(), |l| l.strings.get(slot, || field(&l.login)))
}

/// The new session's id (`sessionId`); the client already uses it (or `bearer`) as its
/// bearer token.
///
/// Ownership: borrows `login`; the string lives as long as the login.
#[no_mangle]
pub extern "C" fn sl_g4_login_session_id(login: *const sl_g4_login) -> *const c_char {
    ffi_boundary!({ login_str(login, 0, |l| l.session_id.as_ref().map(|s| s.expose())) })
}

/// The bearer token the service returned (`bearer`); NULL when it sent none.
///
/// Ownership: borrows `login`; the string lives as long as the login.
#[no_mangle]
pub extern "C" fn sl_g4_login_bearer(login: *const sl_g4_login) -> *const c_char {
    ffi_boundary!({ login_str(login, 1, |l| l.bearer.as_ref().map(|s| s.expose())) })
}

/// The user name (`username`).
///
/// Ownership: borrows `login`; the string lives as long as the login.
#[no_mangle]
pub extern "C" fn sl_g4_login_username(login: *const sl_g4_login) -> *const c_char {
    ffi_boundary!({ login_str(login, 2, |l| l.username.as_deref()) })
}

/// The user's full name (`fullname`).
///
/// Ownership: borrows `login`; the string lives as long as the login.
#[no_mangle]
pub extern "C" fn sl_g4_login_fullname(login: *const sl_g4_login) -> *const c_char {
    ffi_boundary!({ login_str(login, 3, |l| l.fullname.as_deref()) })
}

/// The user's e-mail address (`email`).
///
/// Ownership: borrows `login`; the string lives as long as the login.
#[no_mangle]
pub extern "C" fn sl_g4_login_email(login: *const sl_g4_login) -> *const c_char {
    ffi_boundary!({ login_str(login, 4, |l| l.email.as_deref()) })
}

/// Writes the user id (`userId`) to `*user_id_out` and returns true; returns false and
/// writes nothing when it is absent or an argument is NULL.
///
/// Ownership: borrows `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_user_id(login: *const sl_g4_login, user_id_out: *mut i32) -> bool {
    ffi_boundary!({ write_opt(opt_ref(login).and_then(|l| l.login.user_id), user_id_out) })
}

/// `validCredentials` (always true in a result: false is `SL_STATUS_UNAUTHORIZED`).
///
/// Ownership: borrows `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_valid_credentials(login: *const sl_g4_login) -> bool {
    ffi_boundary!({ opt_ref(login).is_some_and(|l| l.login.valid_credentials) })
}

/// `accessAllowed` (always true in a result: false is `SL_STATUS_FORBIDDEN`).
///
/// Ownership: borrows `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_access_allowed(login: *const sl_g4_login) -> bool {
    ffi_boundary!({ opt_ref(login).is_some_and(|l| l.login.access_allowed) })
}

/// The whole login response as the service's JSON (it contains the session id).
///
/// Ownership: borrows `login`; `*json_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_g4_login_json(
    login: *const sl_g4_login,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { write_json(&try_ref(login, "login")?.login, Out::required(json_out, "json_out")?) })
}

/// Frees a login result. NULL is a no-op.
///
/// Ownership: takes `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_free(login: *mut sl_g4_login) {
    ffi_boundary!({ free_box(login) })
}
