//! `sl_g4_session`: the result of `GetSession` and `GetStaticSession`
//! (`GetSessionResponse`). The bearer is a secret: never log it.

use std::os::raw::{c_char, c_void};
use std::ptr;

use sessionlink_core::g4::models::GetSessionResponse;

use crate::error::sl_error;
use crate::ffi::{free_box, opt_ref, try_ref, Castable, Out, Owned};
use crate::status::sl_status;
use crate::strings::{write_json, StrCache};

/// The result of `sl_g4_get_session` and `sl_g4_get_static_session`.
///
/// Functions:
/// - `sl_g4_session_bearer`: the session's bearer token.
/// - `sl_g4_session_user_id`: the session's user id.
/// - `sl_g4_session_data_json`: the session's data document as JSON.
/// - `sl_g4_session_json`: the whole response as the service's JSON.
/// - `sl_g4_session_free`.
pub struct sl_g4_session {
    _private: [u8; 0],
}

/// Receives the result of `sl_g4_get_session_async` and `sl_g4_get_static_session_async`: on
/// `SL_STATUS_OK` a new session the callback owns and NULL `error`; otherwise NULL `result`
/// and an `error` borrowed for the duration of the callback.
pub type sl_g4_session_callback = Option<
    unsafe extern "C" fn(user_data: *mut c_void, status: sl_status, result: *mut sl_g4_session, error: *const sl_error),
>;

impl Castable for sl_g4_session {
    type Ownership = Owned;
    type RustType = G4Session;
}

pub(crate) struct G4Session {
    session: GetSessionResponse,
    strings: StrCache<1>,
}

impl From<GetSessionResponse> for G4Session {
    fn from(session: GetSessionResponse) -> Self {
        G4Session { session, strings: StrCache::default() }
    }
}

/// The session's bearer token (`bearer`).
///
/// Ownership: borrows `session`; the string lives as long as the session.
#[no_mangle]
pub extern "C" fn sl_g4_session_bearer(session: *const sl_g4_session) -> *const c_char {
    ffi_boundary!({ opt_ref(session).map_or(ptr::null(), |s| s.strings.get(0, || Some(s.session.bearer.expose()))) })
}

/// The session's user id (`userId`); 0 when `session` is NULL.
///
/// Ownership: borrows `session`.
#[no_mangle]
pub extern "C" fn sl_g4_session_user_id(session: *const sl_g4_session) -> i32 {
    ffi_boundary!({ opt_ref(session).map_or(0, |s| s.session.user_id) })
}

/// The session's data document as JSON (`"null"` when it has none).
///
/// Ownership: borrows `session`; `*json_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_g4_session_data_json(
    session: *const sl_g4_session,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { write_json(&try_ref(session, "session")?.session.data, Out::required(json_out, "json_out")?) })
}

/// The whole session response as the service's JSON (it contains the bearer).
///
/// Ownership: borrows `session`; `*json_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_g4_session_json(
    session: *const sl_g4_session,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { write_json(&try_ref(session, "session")?.session, Out::required(json_out, "json_out")?) })
}

/// Frees a session result. NULL is a no-op.
///
/// Ownership: takes `session`.
#[no_mangle]
pub extern "C" fn sl_g4_session_free(session: *mut sl_g4_session) {
    ffi_boundary!({ free_box(session) })
}
