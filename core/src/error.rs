//! The one error type of the SDK. Every binding maps [`ErrorKind`] 1:1 to its own form
//! (Python exception classes, C status codes), so kinds are only ever added, never renumbered.

use std::fmt;

/// What went wrong, coarse enough to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A caller-supplied value was rejected before any I/O.
    InvalidArgument,
    /// No connection could be made (refused, DNS, TLS handshake).
    Connect,
    /// The connect or request timeout elapsed.
    Timeout,
    /// HTTP 401: credentials missing, refused or revoked.
    Unauthorized,
    /// HTTP 403: authenticated but not allowed.
    Forbidden,
    /// HTTP 404, or G4's 204 "no such session".
    NotFound,
    /// HTTP 400, with ProblemDetails or the server's text.
    BadRequest,
    /// HTTP 5xx.
    Server,
    /// Any other unexpected HTTP status (3xx, 405, 409, ...).
    Http,
    /// The body is not the contract's shape.
    Decode,
    /// The request was cancelled by the caller.
    Cancelled,
    /// A blocking call was made on a thread of the SDK's own runtime, where it would deadlock.
    WouldDeadlock,
    /// A client created before `fork()` was used in the child process.
    Forked,
    /// A bug in sessionlink (for example a caught panic).
    Internal,
}

impl ErrorKind {
    /// Stable lower-case name, used in messages and by the bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::Connect => "connect",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Server => "server",
            ErrorKind::Http => "http",
            ErrorKind::Decode => "decode",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::WouldDeadlock => "would_deadlock",
            ErrorKind::Forked => "forked",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An SDK error: a kind, the HTTP status where there was a response, and a message that
/// never contains a token or password (messages are built from our own text, server bodies
/// and URLs whose query holds no secret).
#[derive(Clone)]
pub struct Error {
    kind: ErrorKind,
    status: Option<u16>,
    message: String,
    problem: Option<serde_json::Value>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, status: None, message: message.into(), problem: None }
    }

    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    pub(crate) fn with_problem(mut self, problem: serde_json::Value) -> Self {
        self.problem = Some(problem);
        self
    }

    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    pub(crate) fn decode(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Decode, message)
    }

    pub fn cancelled() -> Self {
        Error::new(ErrorKind::Cancelled, "the request was cancelled")
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Internal, message)
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The HTTP status of the response that caused this error, if there was one.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The human-readable message (the server's where it gave one).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// RFC 7807 ProblemDetails sent with a 400, as JSON.
    pub fn problem(&self) -> Option<&serde_json::Value> {
        self.problem.as_ref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => write!(f, "{} (HTTP {}): {}", self.kind.as_str(), status, self.message),
            None => write!(f, "{}: {}", self.kind.as_str(), self.message),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("message", &self.message)
            .field("problem", &self.problem)
            .finish()
    }
}

impl std::error::Error for Error {}
