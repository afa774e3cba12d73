//! `sl_status`: the one return code of every fallible function. Numbers are stable and never
//! reused; new kinds only ever get new numbers at the end.

use std::os::raw::{c_char, c_int};

use sessionlink_core::ErrorKind;

/// The outcome of a call. `SL_STATUS_OK` is 0; every other value is a failure whose details
/// are in the `sl_error` the call wrote (when the caller asked for one).
///
/// Functions:
/// - `sl_status_str`: the name of a status.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum sl_status {
    SL_STATUS_OK = 0,
    /// A required pointer argument was NULL.
    SL_STATUS_NULL_ARGUMENT = 1,
    /// A string argument was not valid UTF-8.
    SL_STATUS_INVALID_UTF8 = 2,
    /// An argument was rejected before any I/O (empty id, unknown enum name, bad JSON...).
    SL_STATUS_INVALID_ARGUMENT = 3,
    /// No connection could be made, or it closed before the request was sent (refused, DNS,
    /// TLS handshake). Nothing reached the server: retrying is always safe.
    SL_STATUS_CONNECT = 4,
    /// The connect or request timeout elapsed (`sl_error_request_sent` tells whether the
    /// request may have been applied).
    SL_STATUS_TIMEOUT = 5,
    /// HTTP 401: credentials missing, refused or revoked (also G4's invalid login).
    SL_STATUS_UNAUTHORIZED = 6,
    /// HTTP 403 (also G4's login without access to the tenant).
    SL_STATUS_FORBIDDEN = 7,
    /// HTTP 404, or G4's 204 "no such session".
    SL_STATUS_NOT_FOUND = 8,
    /// HTTP 400; `sl_error_problem_json` has the ProblemDetails when the server sent them.
    SL_STATUS_BAD_REQUEST = 9,
    /// HTTP 5xx.
    SL_STATUS_SERVER = 10,
    /// Any other unexpected HTTP status.
    SL_STATUS_HTTP = 11,
    /// The response body was not the contract's shape.
    SL_STATUS_DECODE = 12,
    /// The operation was cancelled (`sl_op_cancel`).
    SL_STATUS_CANCELLED = 13,
    /// A blocking call was made on a library thread (inside a callback), where it would
    /// deadlock; use the `_async` variant there.
    SL_STATUS_WOULD_DEADLOCK = 14,
    /// A client created before `fork()` was used in the child process.
    SL_STATUS_FORKED = 15,
    /// A bug in sessionlink.
    SL_STATUS_INTERNAL = 16,
    /// A panic inside sessionlink was caught at the C boundary (a bug in sessionlink).
    SL_STATUS_PANIC = 17,
    /// The connection failed after the request was sent and before a complete, valid
    /// response arrived (reset, closed, truncated or malformed). The server **may have
    /// applied** the request: retry only what is safe to apply twice.
    SL_STATUS_CONNECTION_LOST = 18,
    /// The response body was larger than the transport's `max_response_bytes`; the rest of
    /// it was not read. The request was applied.
    SL_STATUS_RESPONSE_TOO_LARGE = 19,
    /// The proxy could not be reached, or refused to carry the request (`http_status` 407:
    /// its credentials are missing or wrong; 403: it does not allow the destination).
    /// Nothing reached the server.
    SL_STATUS_PROXY = 20,
}

impl sl_status {
    pub(crate) fn from_kind(kind: ErrorKind) -> sl_status {
        use sl_status::*;
        match kind {
            ErrorKind::InvalidArgument => SL_STATUS_INVALID_ARGUMENT,
            ErrorKind::Connect => SL_STATUS_CONNECT,
            ErrorKind::Timeout => SL_STATUS_TIMEOUT,
            ErrorKind::Unauthorized => SL_STATUS_UNAUTHORIZED,
            ErrorKind::Forbidden => SL_STATUS_FORBIDDEN,
            ErrorKind::NotFound => SL_STATUS_NOT_FOUND,
            ErrorKind::BadRequest => SL_STATUS_BAD_REQUEST,
            ErrorKind::Server => SL_STATUS_SERVER,
            ErrorKind::Http => SL_STATUS_HTTP,
            ErrorKind::Decode => SL_STATUS_DECODE,
            ErrorKind::Cancelled => SL_STATUS_CANCELLED,
            ErrorKind::WouldDeadlock => SL_STATUS_WOULD_DEADLOCK,
            ErrorKind::Forked => SL_STATUS_FORKED,
            ErrorKind::Internal => SL_STATUS_INTERNAL,
            ErrorKind::ConnectionLost => SL_STATUS_CONNECTION_LOST,
            ErrorKind::ResponseTooLarge => SL_STATUS_RESPONSE_TOO_LARGE,
            ErrorKind::Proxy => SL_STATUS_PROXY,
            // A kind added to the core after this binding: still a failure, never OK.
            _ => SL_STATUS_INTERNAL,
        }
    }

    fn name(code: c_int) -> &'static str {
        match code {
            0 => "SL_STATUS_OK\0",
            1 => "SL_STATUS_NULL_ARGUMENT\0",
            2 => "SL_STATUS_INVALID_UTF8\0",
            3 => "SL_STATUS_INVALID_ARGUMENT\0",
            4 => "SL_STATUS_CONNECT\0",
            5 => "SL_STATUS_TIMEOUT\0",
            6 => "SL_STATUS_UNAUTHORIZED\0",
            7 => "SL_STATUS_FORBIDDEN\0",
            8 => "SL_STATUS_NOT_FOUND\0",
            9 => "SL_STATUS_BAD_REQUEST\0",
            10 => "SL_STATUS_SERVER\0",
            11 => "SL_STATUS_HTTP\0",
            12 => "SL_STATUS_DECODE\0",
            13 => "SL_STATUS_CANCELLED\0",
            14 => "SL_STATUS_WOULD_DEADLOCK\0",
            15 => "SL_STATUS_FORKED\0",
            16 => "SL_STATUS_INTERNAL\0",
            17 => "SL_STATUS_PANIC\0",
            18 => "SL_STATUS_CONNECTION_LOST\0",
            19 => "SL_STATUS_RESPONSE_TOO_LARGE\0",
            20 => "SL_STATUS_PROXY\0",
            _ => "SL_STATUS_UNKNOWN\0",
        }
    }
}

/// The name of a status, for example `"SL_STATUS_NOT_FOUND"`; `"SL_STATUS_UNKNOWN"` for a
/// number this version does not know. Takes an `int` so that any value is safe to pass.
///
/// Ownership: returns a static string; never free it. Thread-safe.
#[no_mangle]
pub extern "C" fn sl_status_str(status: c_int) -> *const c_char {
    ffi_boundary!({ sl_status::name(status).as_ptr().cast() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_stable() {
        // Changing any of these breaks compiled C programs: add new statuses at the end.
        assert_eq!(sl_status::SL_STATUS_OK as i32, 0);
        assert_eq!(sl_status::SL_STATUS_INVALID_ARGUMENT as i32, 3);
        assert_eq!(sl_status::SL_STATUS_NOT_FOUND as i32, 8);
        assert_eq!(sl_status::SL_STATUS_CANCELLED as i32, 13);
        assert_eq!(sl_status::SL_STATUS_PANIC as i32, 17);
        assert_eq!(sl_status::SL_STATUS_CONNECTION_LOST as i32, 18);
        assert_eq!(sl_status::SL_STATUS_RESPONSE_TOO_LARGE as i32, 19);
        assert_eq!(sl_status::SL_STATUS_PROXY as i32, 20);
        for code in 0..=20 {
            assert_ne!(sl_status::name(code), "SL_STATUS_UNKNOWN\0", "{code}");
        }
        assert_eq!(sl_status::name(21), "SL_STATUS_UNKNOWN\0");
    }

    /// Every core kind has its own status, in the core's order after the C-only ones: a kind
    /// added to the core fails here until it is given a number.
    #[test]
    fn every_core_kind_has_its_own_status() {
        let mut seen = std::collections::HashSet::new();
        for &kind in ErrorKind::ALL {
            let status = sl_status::from_kind(kind);
            assert!(status != sl_status::SL_STATUS_INTERNAL || kind == ErrorKind::Internal, "{kind:?}");
            assert!(seen.insert(status as i32), "{kind:?} shares {status:?}");
        }
    }
}
