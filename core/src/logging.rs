//! The targets of sessionlink's [`log`] records, so that a program can select them (as
//! `env_logger`'s `RUST_LOG=sessionlink::transport=debug` does) and the bindings can tell
//! them from their dependencies' records.
//!
//! Every record is written after the credentials of the request or socket it concerns have
//! been scrubbed from it (replaced by `***`, in every spelling a server may echo), and names
//! routes as the contract writes them (`GET /session/{id}`), never concrete URLs, whose ids
//! may be credentials. Nothing is logged above `DEBUG`: sessionlink reports what goes wrong
//! through its errors, and a library that logged warnings would print them through the
//! default handlers of Python's `logging` and many Rust loggers.

/// The parent of every sessionlink target.
pub const ROOT: &str = "sessionlink";

/// HTTP requests (`DEBUG`): each request's route, status and duration, or its error; each
/// retry (on a new connection after a stale pooled one, or after a 503/429 when asked for).
pub const TRANSPORT: &str = "sessionlink::transport";

/// The session WebSocket (`DEBUG`): why a connection dropped before the socket reconnects,
/// and server messages that were ignored because they could not be read.
pub const SOCKET: &str = "sessionlink::socket";

/// The G4 client (`DEBUG`): a refreshed bearer token adopted from `x-g4-bearer` (the event,
/// never the token).
pub const G4: &str = "sessionlink::g4";

/// UDP server discovery (`DEBUG`): replies skipped because they are not a server's answer,
/// and destinations the datagram could not be sent to.
pub const DISCOVERY: &str = "sessionlink::discovery";

/// Every target sessionlink writes to, for documentation and tests.
pub const TARGETS: [&str; 4] = [TRANSPORT, SOCKET, G4, DISCOVERY];

/// Whether a record's target is sessionlink's own ([`ROOT`] or below it), as opposed to a
/// dependency's (`rustls`, `tokio_tungstenite`, ...).
pub fn is_sessionlink_target(target: &str) -> bool {
    target.strip_prefix(ROOT).is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guide's table of targets (docs/rust.md, "Logging") names every target.
    #[test]
    fn the_guide_lists_every_target() {
        let guide = include_str!("../../docs/rust.md");
        for target in TARGETS {
            assert!(guide.contains(&format!("| `{target}` | `DEBUG` |")), "docs/rust.md does not list {target}");
        }
    }

    #[test]
    fn own_targets_are_told_from_dependencies() {
        for target in TARGETS.into_iter().chain([ROOT]) {
            assert!(is_sessionlink_target(target), "{target}");
        }
        for target in ["sessionlink_emulator::server", "sessionlinkx", "rustls::client", "", "session"] {
            assert!(!is_sessionlink_target(target), "{target}");
        }
    }
}
