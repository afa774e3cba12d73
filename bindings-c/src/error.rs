//! `sl_error`: the details of a failure (status, message, HTTP status, ProblemDetails), and
//! `Failure`, the one funnel every error of every export goes through on its way to C.

use std::ffi::CString;
use std::os::raw::c_char;
use std::ptr;

use crate::ffi::{free_box, opt_ref, Castable, Out, Owned};
use crate::status::sl_status;
use crate::strings::to_cstring;

/// The details of a failed call. Messages never contain tokens, passwords or G4 session ids.
///
/// Functions:
/// - `sl_error_status`: the status of the failure.
/// - `sl_error_message`: the human-readable message.
/// - `sl_error_http_status`: the HTTP status of the response, 0 without one.
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
    http_status: u16,
    problem_json: Option<CString>,
}

/// A failure on its way to C.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: sl_status,
    pub(crate) message: String,
    pub(crate) http_status: u16,
    pub(crate) problem_json: Option<String>,
}

impl Failure {
    pub(crate) fn new(status: sl_status, message: impl Into<String>) -> Self {
        Failure { status, message: message.into(), http_status: 0, problem_json: None }
    }

    pub(crate) fn null(name: &str) -> Self {
        Failure::new(sl_status::SL_STATUS_NULL_ARGUMENT, format!("{name} must not be NULL"))
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Failure::new(sl_status::SL_STATUS_INVALID_ARGUMENT, message)
    }

    pub(crate) fn panic(payload: &(dyn std::any::Any + Send)) -> Self {
        Failure::new(sl_status::SL_STATUS_PANIC, crate::boundary::panic_message(payload))
    }

    pub(crate) fn into_error(self) -> ErrorDetails {
        ErrorDetails {
            status: self.status,
            message: to_cstring(&self.message),
            http_status: self.http_status,
            problem_json: self.problem_json.map(|p| to_cstring(&p)),
        }
    }
}

impl From<sessionlink_core::Error> for Failure {
    fn from(e: sessionlink_core::Error) -> Self {
        Failure {
            status: sl_status::from_kind(e.kind()),
            message: e.message().to_owned(),
            http_status: e.status().unwrap_or(0),
            problem_json: e.problem().map(|p| p.to_string()),
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
                out.write_box(failure.into_error());
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

/// The HTTP status of the response behind the error, or 0 when there was no response (or
/// `error` is NULL). G4's "no such session" is 204 with `SL_STATUS_NOT_FOUND`.
///
/// Ownership: borrows `error`.
#[no_mangle]
pub extern "C" fn sl_error_http_status(error: *const sl_error) -> u16 {
    ffi_boundary!({ opt_ref(error).map_or(0, |e| e.http_status) })
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
