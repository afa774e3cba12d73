//! `Failure`: the one funnel every error of every export goes through on its way to C, from
//! the core's errors, the C layer's own argument checks and caught panics. A leaf: it becomes
//! an `sl_error` (in `error.rs`) only at the export's boundary, so everything below the
//! exports (`ffi.rs`, `strings.rs`) can fail without knowing the C error object.

use crate::status::sl_status;

/// A failure on its way to C.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: sl_status,
    pub(crate) message: String,
    /// Whether the request may have reached the server.
    pub(crate) request_sent: bool,
    pub(crate) http_status: u16,
    pub(crate) retry_after_ms: Option<i64>,
    pub(crate) location: Option<String>,
    pub(crate) body_json: Option<String>,
    pub(crate) problem_json: Option<String>,
}

impl Failure {
    /// A failure of the C layer itself (an argument refused before anything was sent).
    pub(crate) fn new(status: sl_status, message: impl Into<String>) -> Self {
        Failure {
            status,
            message: message.into(),
            request_sent: false,
            http_status: 0,
            retry_after_ms: None,
            location: None,
            body_json: None,
            problem_json: None,
        }
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

    /// The operation was cancelled while its request was in flight: it may have been sent.
    pub(crate) fn cancelled_in_flight() -> Self {
        Failure { request_sent: true, ..sessionlink_core::Error::cancelled().into() }
    }
}

impl From<sessionlink_core::Error> for Failure {
    fn from(e: sessionlink_core::Error) -> Self {
        Failure {
            status: sl_status::from_kind(e.kind()),
            message: e.message().to_owned(),
            request_sent: e.request_sent(),
            http_status: e.status().unwrap_or(0),
            retry_after_ms: e.retry_after().map(|d| d.as_millis().try_into().unwrap_or(i64::MAX)),
            location: e.location().map(str::to_owned),
            // serde_json escapes NUL, so the JSON text has none to cut.
            body_json: e.body().map(|b| b.to_string()),
            problem_json: e.problem().map(|p| p.to_string()),
        }
    }
}
