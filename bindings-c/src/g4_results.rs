//! Result objects of the G4 operations: the login (`AuthenticatedSessionResponse`) and a
//! session (`GetSessionResponse`). String accessors return NULL when the value is absent (or
//! the object is NULL); their strings are borrowed from the result object and stay valid
//! until it is freed. Session ids and bearers are secrets: never log them.

use std::os::raw::c_char;
use std::ptr;

use sessionlink_core::g4::models::{AuthenticatedSessionResponse, GetSessionResponse};

use crate::error::sl_error;
use crate::status::sl_status;
use crate::strings::{handle, out_ptr, write_json, StrCache};

/// The result of `sl_g4_create_session`. Owned by the caller, freed with `sl_g4_login_free`.
pub struct sl_g4_login {
    login: AuthenticatedSessionResponse,
    strings: StrCache<5>,
}

/// The result of `sl_g4_get_session` and `sl_g4_get_static_session`. Owned by the caller,
/// freed with `sl_g4_session_free`.
pub struct sl_g4_session {
    session: GetSessionResponse,
    strings: StrCache<1>,
}

impl sl_g4_login {
    pub(crate) fn boxed(login: AuthenticatedSessionResponse) -> *mut sl_g4_login {
        Box::into_raw(Box::new(sl_g4_login { login, strings: StrCache::default() }))
    }
}

impl sl_g4_session {
    pub(crate) fn boxed(session: GetSessionResponse) -> *mut sl_g4_session {
        Box::into_raw(Box::new(sl_g4_session { session, strings: StrCache::default() }))
    }
}

fn login_str(
    login: *const sl_g4_login,
    slot: usize,
    f: impl FnOnce(&AuthenticatedSessionResponse) -> Option<&str>,
) -> *const c_char {
    // SAFETY: NULL or a live login.
    match unsafe { login.as_ref() } {
        Some(l) => l.strings.get(slot, || f(&l.login)),
        None => ptr::null(),
    }
}

/// The new session's id (`sessionId`); the client already uses it (or `bearer`) as its
/// bearer token. Ownership: borrowed from `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_session_id(login: *const sl_g4_login) -> *const c_char {
    ffi_boundary!({ login_str(login, 0, |l| l.session_id.as_ref().map(|s| s.expose())) })
}

/// The bearer token the service returned (`bearer`); NULL when it sent none.
/// Ownership: borrowed from `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_bearer(login: *const sl_g4_login) -> *const c_char {
    ffi_boundary!({ login_str(login, 1, |l| l.bearer.as_ref().map(|s| s.expose())) })
}

/// The user name (`username`). Ownership: borrowed from `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_username(login: *const sl_g4_login) -> *const c_char {
    ffi_boundary!({ login_str(login, 2, |l| l.username.as_deref()) })
}

/// The user's full name (`fullname`). Ownership: borrowed from `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_fullname(login: *const sl_g4_login) -> *const c_char {
    ffi_boundary!({ login_str(login, 3, |l| l.fullname.as_deref()) })
}

/// The user's e-mail address (`email`). Ownership: borrowed from `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_email(login: *const sl_g4_login) -> *const c_char {
    ffi_boundary!({ login_str(login, 4, |l| l.email.as_deref()) })
}

/// Writes the user id (`userId`) to `*user_id_out` and returns true; returns false and
/// writes nothing when it is absent or an argument is NULL. Ownership: borrows `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_user_id(login: *const sl_g4_login, user_id_out: *mut i32) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a live login.
        match (unsafe { login.as_ref() }.and_then(|l| l.login.user_id), user_id_out.is_null()) {
            (Some(id), false) => {
                // SAFETY: non-NULL and writable per the caller.
                unsafe { user_id_out.write(id) };
                true
            }
            _ => false,
        }
    })
}

/// `validCredentials` (always true in a result: false is `SL_STATUS_UNAUTHORIZED`).
/// Ownership: borrows `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_valid_credentials(login: *const sl_g4_login) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a live login.
        unsafe { login.as_ref() }.is_some_and(|l| l.login.valid_credentials)
    })
}

/// `accessAllowed` (always true in a result: false is `SL_STATUS_FORBIDDEN`).
/// Ownership: borrows `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_access_allowed(login: *const sl_g4_login) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a live login.
        unsafe { login.as_ref() }.is_some_and(|l| l.login.access_allowed)
    })
}

/// The whole login response as the service's JSON (it contains the session id).
///
/// On `SL_STATUS_OK`, `*json_out` receives a new string the caller frees with `sl_string_free`.
/// Ownership: borrows `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_json(
    login: *const sl_g4_login,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(json_out, "json_out")?;
        // SAFETY: NULL or a live login.
        let l = unsafe { handle(login, "login") }?;
        write_json(&l.login, out)
    })
}

/// Frees a login result. NULL is a no-op. Ownership: takes `login`.
#[no_mangle]
pub extern "C" fn sl_g4_login_free(login: *mut sl_g4_login) {
    ffi_boundary!({
        if !login.is_null() {
            // SAFETY: made by `Box::into_raw` in this crate, freed once.
            drop(unsafe { Box::from_raw(login) });
        }
    })
}

/// The session's bearer token (`bearer`). Ownership: borrowed from `session`.
#[no_mangle]
pub extern "C" fn sl_g4_session_bearer(session: *const sl_g4_session) -> *const c_char {
    ffi_boundary!({
        // SAFETY: NULL or a live session.
        match unsafe { session.as_ref() } {
            Some(s) => s.strings.get(0, || Some(s.session.bearer.expose())),
            None => ptr::null(),
        }
    })
}

/// The session's user id (`userId`); 0 when `session` is NULL. Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_g4_session_user_id(session: *const sl_g4_session) -> i32 {
    ffi_boundary!({
        // SAFETY: NULL or a live session.
        unsafe { session.as_ref() }.map_or(0, |s| s.session.user_id)
    })
}

/// The session's data document as JSON (`"null"` when it has none).
///
/// On `SL_STATUS_OK`, `*json_out` receives a new string the caller frees with `sl_string_free`.
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_g4_session_data_json(
    session: *const sl_g4_session,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(json_out, "json_out")?;
        // SAFETY: NULL or a live session.
        let s = unsafe { handle(session, "session") }?;
        write_json(&s.session.data, out)
    })
}

/// The whole session response as the service's JSON (it contains the bearer).
///
/// On `SL_STATUS_OK`, `*json_out` receives a new string the caller frees with `sl_string_free`.
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_g4_session_json(
    session: *const sl_g4_session,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(json_out, "json_out")?;
        // SAFETY: NULL or a live session.
        let s = unsafe { handle(session, "session") }?;
        write_json(&s.session, out)
    })
}

/// Frees a session result. NULL is a no-op. Ownership: takes `session`.
#[no_mangle]
pub extern "C" fn sl_g4_session_free(session: *mut sl_g4_session) {
    ffi_boundary!({
        if !session.is_null() {
            // SAFETY: made by `Box::into_raw` in this crate, freed once.
            drop(unsafe { Box::from_raw(session) });
        }
    })
}
