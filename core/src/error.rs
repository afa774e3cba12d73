//! The one error type of the SDK. Every binding maps [`ErrorKind`] 1:1 to its own form
//! (Python exception classes, C status codes), so kinds are only ever added, never renumbered.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// What went wrong, coarse enough to branch on.
///
/// Whether a failed request may have been applied by the server is [`Error::request_sent`]:
/// `false` for [`ErrorKind::InvalidArgument`] and [`ErrorKind::Connect`] (nothing was sent),
/// `true` for [`ErrorKind::ConnectionLost`] and every HTTP status, and either way for
/// [`ErrorKind::Timeout`] (a connect timeout sent nothing, a request timeout may have).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A caller-supplied value was rejected before any I/O.
    InvalidArgument,
    /// No connection could be made, or it closed before the request was sent (refused, DNS,
    /// TLS handshake). Nothing reached the server: retrying is always safe.
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
    /// Any other unexpected HTTP status (3xx, 405, 409, 429, ...).
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
    /// The connection failed after the request was sent and before a complete, valid
    /// response arrived (reset, closed, truncated or malformed). The server **may have
    /// applied** the request.
    ConnectionLost,
    /// The response body is larger than the client's `max_response_bytes`; the rest of it
    /// was not read.
    ResponseTooLarge,
    /// The proxy could not be reached, or refused to carry the request (`status` 407: its
    /// credentials are missing or wrong; 403: it does not allow the destination). Nothing
    /// reached the server: retrying is safe.
    Proxy,
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
            ErrorKind::ConnectionLost => "connection_lost",
            ErrorKind::ResponseTooLarge => "response_too_large",
            ErrorKind::Proxy => "proxy",
        }
    }

    /// Every kind, in the order of their stable numbers in the C API.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::InvalidArgument,
        ErrorKind::Connect,
        ErrorKind::Timeout,
        ErrorKind::Unauthorized,
        ErrorKind::Forbidden,
        ErrorKind::NotFound,
        ErrorKind::BadRequest,
        ErrorKind::Server,
        ErrorKind::Http,
        ErrorKind::Decode,
        ErrorKind::Cancelled,
        ErrorKind::WouldDeadlock,
        ErrorKind::Forked,
        ErrorKind::Internal,
        ErrorKind::ConnectionLost,
        ErrorKind::ResponseTooLarge,
        ErrorKind::Proxy,
    ];
}

/// An SDK error: a kind, whether the request may have reached the server, the HTTP status
/// and what the server said where there was a response, and a message. Server text in an
/// error never contains the client's own credentials: they are replaced by `***`.
#[derive(Clone)]
pub struct Error {
    kind: ErrorKind,
    request_sent: bool,
    status: Option<u16>,
    message: String,
    body: Option<serde_json::Value>,
    retry_after: Option<Duration>,
    location: Option<String>,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

/// `Result` with the SDK's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of `kind`. `request_sent` starts as the kind implies (see [`ErrorKind`]).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            request_sent: matches!(kind, ErrorKind::ConnectionLost | ErrorKind::ResponseTooLarge),
            status: None,
            message: message.into(),
            body: None,
            retry_after: None,
            location: None,
            source: None,
        }
    }

    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self.request_sent = true;
        self
    }

    pub(crate) fn with_body(mut self, body: serde_json::Value) -> Self {
        self.body = Some(body);
        self
    }

    pub(crate) fn with_retry_after(mut self, after: Option<Duration>) -> Self {
        self.retry_after = after;
        self
    }

    pub(crate) fn with_location(mut self, location: Option<String>) -> Self {
        self.location = location;
        self
    }

    pub(crate) fn with_request_sent(mut self, sent: bool) -> Self {
        self.request_sent = sent;
        self
    }

    /// The same error said in other words (a flow that knows what a status means there).
    pub(crate) fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Prefixes the message with where it happened (a route), unless it already says.
    pub(crate) fn in_route(mut self, route: &str) -> Self {
        if !self.message.starts_with(route) {
            self.message = format!("{route}: {}", self.message);
        }
        self
    }

    pub(crate) fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// A caller-supplied value was rejected.
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    pub(crate) fn decode(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Decode, message).with_request_sent(true)
    }

    /// The caller cancelled the request.
    pub fn cancelled() -> Self {
        Error::new(ErrorKind::Cancelled, "the request was cancelled")
    }

    /// A bug in sessionlink.
    pub fn internal(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Internal, message)
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Whether the request may have reached the server, and so may have been applied.
    /// `false` means nothing was sent: retrying cannot apply the request twice.
    pub fn request_sent(&self) -> bool {
        self.request_sent
    }

    /// The HTTP status of the response that caused this error, if there was one.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The human-readable message, with the server's reason where it gave one.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The error response's body, parsed, when it was JSON (with the client's credentials
    /// replaced by `***`).
    pub fn body(&self) -> Option<&serde_json::Value> {
        self.body.as_ref()
    }

    /// RFC 7807 ProblemDetails sent with a 400, as JSON.
    pub fn problem(&self) -> Option<&serde_json::Value> {
        self.body.as_ref().filter(|_| self.kind == ErrorKind::BadRequest)
    }

    /// How long the server asked the client to wait (`Retry-After`, on 503 and 429).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// Where a 3xx response pointed (`Location`), without credentials. sessionlink never
    /// follows redirects: a redirect would resend credentials to another address.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// Replaces every occurrence of the given credentials (as sent, percent-encoded, or
    /// JSON-escaped) in the message, body and location by `***`.
    pub(crate) fn scrubbed(mut self, secrets: &[String]) -> Self {
        if secrets.is_empty() {
            return self;
        }
        let forms = crate::secret::scrub_forms(secrets);
        if forms.is_empty() {
            return self;
        }
        self.message = crate::secret::scrub(&self.message, &forms);
        if let Some(location) = &self.location {
            self.location = Some(crate::secret::scrub(location, &forms));
        }
        if let Some(body) = &mut self.body {
            crate::secret::scrub_json(body, &forms);
        }
        self
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
            .field("request_sent", &self.request_sent)
            .field("status", &self.status)
            .field("message", &self.message)
            .field("body", &self.body)
            .field("retry_after", &self.retry_after)
            .field("location", &self.location)
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|s| s as &(dyn std::error::Error + 'static))
    }
}
