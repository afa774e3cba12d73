//! `sl_error`: the details of a failure (status, message, whether the request was sent, HTTP
//! status, the server's body, Retry-After, Location), made from a [`Failure`] when an export
//! or a callback hands it to C.

use std::ffi::CString;
use std::os::raw::c_char;
use std::ptr;

// The exports name `Failure` from here, beside `sl_error`.
pub(crate) use crate::failure::Failure;
use crate::ffi::{free_box, opt_ref, Castable, Out, Owned};
use crate::status::sl_status;
use crate::strings::to_cstring;

/// The details of a failed call. Nothing in it (message, body, location) contains the
/// client's own credentials (tokens, passwords, API keys, G4 bearers and session ids): server
/// text that echoes them has them replaced by `***`.
///
/// Functions:
/// - `sl_error_status`: the status of the failure.
/// - `sl_error_message`: the human-readable message, with the cause and the server's reason.
/// - `sl_error_request_sent`: whether the request may have reached the server.
/// - `sl_error_http_status`: the HTTP status of the response, 0 without one.
/// - `sl_error_retry_after_ms`: the server's `Retry-After`, -1 without one.
/// - `sl_error_location`: where a 3xx pointed (`Location`, without credentials).
/// - `sl_error_body_json`: the error response's body, when it was JSON.
/// - `sl_error_problem_json`: the server's RFC 7807 ProblemDetails, when it sent them.
/// - `sl_error_free`.
pub struct sl_error {
    _private: [u8; 0],
}

impl Castable for sl_error {
    type Ownership = Owned;
    type RustType = ErrorDetails;
}

/// What an `sl_error` points to.
pub(crate) struct ErrorDetails {
    pub(crate) status: sl_status,
    message: CString,
    request_sent: bool,
    http_status: u16,
    retry_after_ms: i64,
    location: Option<CString>,
    body_json: Option<CString>,
    problem_json: Option<CString>,
}

impl From<Failure> for ErrorDetails {
    fn from(failure: Failure) -> Self {
        ErrorDetails {
            status: failure.status,
            message: to_cstring(&failure.message),
            request_sent: failure.request_sent,
            http_status: failure.http_status,
            retry_after_ms: failure.retry_after_ms.unwrap_or(-1),
            location: failure.location.map(|l| to_cstring(&l)),
            body_json: failure.body_json.map(|b| to_cstring(&b)),
            problem_json: failure.problem_json.map(|p| to_cstring(&p)),
        }
    }
}

/// Turns an export's result into its status, writing the error object on failure when the
/// caller asked for one.
pub(crate) fn report(result: Result<(), Failure>, err: *mut *mut sl_error) -> sl_status {
    match result {
        Ok(()) => sl_status::SL_STATUS_OK,
        Err(failure) => {
            let status = failure.status;
            if let Some(out) = Out::optional(err) {
                out.write_box(ErrorDetails::from(failure));
            }
            status
        }
    }
}

/// The status of an error; `SL_STATUS_NULL_ARGUMENT` when `error` is NULL.
///
/// Ownership: borrows `error`.
#[no_mangle]
pub extern "C" fn sl_error_status(error: *const sl_error) -> sl_status {
    ffi_boundary!({ opt_ref(error).map_or(sl_status::SL_STATUS_NULL_ARGUMENT, |e| e.status) })
}

/// The human-readable message (the server's text where it sent one); NULL when `error` is
/// NULL.
///
/// Ownership: borrows `error`; the string is valid until `sl_error_free(error)`.
#[no_mangle]
pub extern "C" fn sl_error_message(error: *const sl_error) -> *const c_char {
    ffi_boundary!({ opt_ref(error).map_or(ptr::null(), |e| e.message.as_ptr()) })
}

/// Whether the request may have reached the server, and so may have been applied. False
/// means nothing was sent, so retrying cannot apply it twice: argument errors,
/// `SL_STATUS_CONNECT`, a connect timeout. True for `SL_STATUS_CONNECTION_LOST`, every HTTP
/// status, a request timeout and an operation cancelled in flight. False when `error` is
/// NULL.
///
/// Ownership: borrows `error`.
#[no_mangle]
pub extern "C" fn sl_error_request_sent(error: *const sl_error) -> bool {
    ffi_boundary!({ opt_ref(error).is_some_and(|e| e.request_sent) })
}

/// The HTTP status of the response behind the error, or 0 when there was no response (or
/// `error` is NULL). G4's "no such session" is 204 with `SL_STATUS_NOT_FOUND`.
///
/// Ownership: borrows `error`.
#[no_mangle]
pub extern "C" fn sl_error_http_status(error: *const sl_error) -> u16 {
    ffi_boundary!({ opt_ref(error).map_or(0, |e| e.http_status) })
}

/// How long the server asked the client to wait before retrying (`Retry-After` on a 503 or
/// 429), in milliseconds; -1 when it did not say (or `error` is NULL). With the transport's
/// `retry_unavailable` set, sessionlink has already waited and retried that many times.
///
/// Ownership: borrows `error`.
#[no_mangle]
pub extern "C" fn sl_error_retry_after_ms(error: *const sl_error) -> i64 {
    ffi_boundary!({ opt_ref(error).map_or(-1, |e| e.retry_after_ms) })
}

/// Where a 3xx response pointed (`Location`), without any credentials it held; NULL when
/// there was none. sessionlink never follows redirects (they would resend credentials to
/// another address): a 3xx is `SL_STATUS_HTTP`.
///
/// Ownership: borrows `error`; the string is valid until `sl_error_free(error)`.
#[no_mangle]
pub extern "C" fn sl_error_location(error: *const sl_error) -> *const c_char {
    ffi_boundary!({ opt_ref(error).and_then(|e| e.location.as_ref()).map_or(ptr::null(), |l| l.as_ptr()) })
}

/// The error response's body as JSON text (parsed and re-encoded, the client's credentials
/// replaced by `***`), for any status; NULL when there was no response or its body was not
/// JSON (the message then carries the server's text).
///
/// Ownership: borrows `error`; the string is valid until `sl_error_free(error)`.
#[no_mangle]
pub extern "C" fn sl_error_body_json(error: *const sl_error) -> *const c_char {
    ffi_boundary!({ opt_ref(error).and_then(|e| e.body_json.as_ref()).map_or(ptr::null(), |b| b.as_ptr()) })
}

/// The RFC 7807 ProblemDetails the server sent with a 400, as JSON; NULL when there were none.
///
/// Ownership: borrows `error`; the string is valid until `sl_error_free(error)`.
#[no_mangle]
pub extern "C" fn sl_error_problem_json(error: *const sl_error) -> *const c_char {
    ffi_boundary!({ opt_ref(error).and_then(|e| e.problem_json.as_ref()).map_or(ptr::null(), |p| p.as_ptr()) })
}

/// Frees an error. NULL is a no-op.
///
/// Ownership: takes `error`.
#[no_mangle]
pub extern "C" fn sl_error_free(error: *mut sl_error) {
    ffi_boundary!({ free_box(error) })
}
