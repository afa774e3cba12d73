//! The emulator's own error type. Requests it serves never fail this way (they get HTTP
//! answers); only starting the emulator and waiting on it can.

use std::fmt;

/// What went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The listening socket could not be set up.
    Io,
    /// The emulator's runtime could not be started.
    Runtime,
    /// A wait (`wait_for_requests`, `wait_for_abort`) ran out of time.
    Timeout,
}

/// An error from the emulator itself, with a message meant for a test's failure output.
#[derive(Debug, Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

/// `std::result::Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into() }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sessionlink emulator: {}", self.message)
    }
}

impl std::error::Error for Error {}
