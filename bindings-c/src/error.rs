//! `sl_error`: the details of a failure (status, message, HTTP status, ProblemDetails), and
//! the internal `Failure` every export funnels its errors through.

use std::ffi::CString;
use std::os::raw::c_char;
use std::ptr;

use crate::status::sl_status;
use crate::strings::to_cstring;

/// The details of a failed call. Created by sessionlink, owned by the caller once written to
/// an `sl_error **` out parameter, freed with `sl_error_free`. Messages never contain tokens,
/// passwords or G4 session ids.
pub struct sl_error {
    status: sl_status,
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

    pub(crate) fn into_error(self) -> sl_error {
        sl_error {
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

/// Turns an export's result into its status, writing the error object on failure.
pub(crate) fn report(result: Result<(), Failure>, err: *mut *mut sl_error) -> sl_status {
    match result {
        Ok(()) => sl_status::SL_STATUS_OK,
        Err(failure) => {
            let status = failure.status;
            if !err.is_null() {
                // SAFETY: the caller passed a writable `sl_error **` (documented on every export).
                unsafe { *err = Box::into_raw(Box::new(failure.into_error())) };
            }
            status
        }
    }
}

/// The status of an error; `SL_STATUS_NULL_ARGUMENT` when `error` is NULL.
///
/// Ownership: borrows `error`. Thread-safe.
#[no_mangle]
pub extern "C" fn sl_error_status(error: *const sl_error) -> sl_status {
    ffi_boundary!({
        // SAFETY: NULL or a live error from sessionlink.
        match unsafe { error.as_ref() } {
            Some(e) => e.status,
            None => sl_status::SL_STATUS_NULL_ARGUMENT,
        }
    })
}

/// The human-readable message (the server's text where it sent one); NULL when `error` is
/// NULL.
///
/// Ownership: the string is borrowed from `error` and valid until `sl_error_free(error)`.
#[no_mangle]
pub extern "C" fn sl_error_message(error: *const sl_error) -> *const c_char {
    ffi_boundary!({
        // SAFETY: NULL or a live error from sessionlink.
        unsafe { error.as_ref() }.map_or(ptr::null(), |e| e.message.as_ptr())
    })
}

/// The HTTP status of the response behind the error, or 0 when there was no response (or
/// `error` is NULL). G4's "no such session" is 204 with `SL_STATUS_NOT_FOUND`.
///
/// Ownership: borrows `error`.
#[no_mangle]
pub extern "C" fn sl_error_http_status(error: *const sl_error) -> u16 {
    ffi_boundary!({
        // SAFETY: NULL or a live error from sessionlink.
        unsafe { error.as_ref() }.map_or(0, |e| e.http_status)
    })
}

/// The RFC 7807 ProblemDetails the server sent with a 400, as JSON; NULL when there were none.
///
/// Ownership: the string is borrowed from `error` and valid until `sl_error_free(error)`.
#[no_mangle]
pub extern "C" fn sl_error_problem_json(error: *const sl_error) -> *const c_char {
    ffi_boundary!({
        // SAFETY: NULL or a live error from sessionlink.
        unsafe { error.as_ref() }.and_then(|e| e.problem_json.as_ref()).map_or(ptr::null(), |p| p.as_ptr())
    })
}

/// Frees an error. NULL is a no-op.
///
/// Ownership: takes `error`, which must have come from sessionlink and not been freed yet.
#[no_mangle]
pub extern "C" fn sl_error_free(error: *mut sl_error) {
    ffi_boundary!({
        if !error.is_null() {
            // SAFETY: made by `Box::into_raw` in `report` or an async delivery, freed once.
            drop(unsafe { Box::from_raw(error) });
        }
    })
}
