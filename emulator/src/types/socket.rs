//! What tests inspect of the session WebSockets: the sockets, the messages each one carried,
//! and every upgrade attempt.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Serialize, Serializer};

/// Which way a WebSocket message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From the emulator (the server) to the client: the contract's `OutboundWebSocketMessage`.
    Sent,
    /// From the client to the emulator: the contract's `InboundWebSocketMessage`.
    Received,
}

/// One session WebSocket, open or closed. New fields may be added.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SocketInfo {
    /// Numbered from 1 in the order accepted.
    pub id: u64,
    /// The session the socket was bound to when it opened (md5(Client + DeviceId)).
    pub session_id: String,
    /// The request path of the upgrade (any path under the Jellyfin base is accepted).
    pub path: String,
    /// The HTTP connection it was upgraded from (as in [`Exchange::connection`](crate::Exchange::connection)).
    pub connection: u64,
    #[serde(serialize_with = "seconds")]
    pub opened_at: SystemTime,
    /// `None` while the socket is open.
    #[serde(serialize_with = "optional_seconds")]
    pub closed_at: Option<SystemTime>,
    /// Why it closed: `"client closed (1000)"`, `"dropped by the test"`, `"server restart"`,
    /// `"connection failed: ..."`, `"emulator stopped"`...
    pub close_reason: Option<String>,
    /// How many `KeepAlive` messages the client sent on it.
    pub keepalives_received: usize,
    /// How many WebSocket pings the client sent on it (each answered with a pong).
    pub pings_received: usize,
    /// How many `Sessions` subscriptions (`SessionsStart`) are active on it.
    pub sessions_subscriptions: usize,
}

impl SocketInfo {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }
}

/// One WebSocket message, as it went over the wire. New fields may be added.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SocketMessageRecord {
    /// The socket ([`SocketInfo::id`]).
    pub socket: u64,
    pub session_id: String,
    pub direction: Direction,
    /// When it was written to the socket (sent) or read from it (received).
    #[serde(serialize_with = "seconds")]
    pub at: SystemTime,
    /// The envelope's `MessageType`, when the text is a JSON object that has one.
    pub message_type: Option<String>,
    /// The text frame, exactly.
    pub text: String,
    /// A message a test made the emulator send on purpose
    /// ([`Emulator::send_socket_message`](crate::Emulator::send_socket_message) and
    /// [`Emulator::send_socket_text`](crate::Emulator::send_socket_text)), which need not be
    /// in the contract. Contract validation leaves these out.
    pub injected: bool,
}

/// One WebSocket upgrade request and how it was answered. New fields may be added.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct UpgradeRecord {
    /// As received: still percent-encoded, without the query.
    pub raw_path: String,
    pub raw_query: Option<String>,
    /// Names lower-cased, in the order received.
    pub headers: Vec<(String, String)>,
    /// 101 when accepted, 403 when the credentials were refused, 503 during a simulated
    /// restart, or what [`Emulator::refuse_next_upgrade`](crate::Emulator::refuse_next_upgrade) asked for.
    pub status: u16,
    /// Refused by [`Emulator::refuse_next_upgrade`](crate::Emulator::refuse_next_upgrade): a
    /// test's answer, not the server's (contract validation leaves it out).
    pub injected: bool,
    /// The socket it opened (101 only).
    pub socket: Option<u64>,
    #[serde(serialize_with = "seconds")]
    pub at: SystemTime,
    pub connection: u64,
}

/// Seconds since the Unix epoch, with microseconds: what Python's `time.time()` gives.
pub(crate) fn epoch_seconds(at: SystemTime) -> f64 {
    at.duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}

fn seconds<S: Serializer>(at: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(epoch_seconds(*at))
}

fn optional_seconds<S: Serializer>(at: &Option<SystemTime>, serializer: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => serializer.serialize_f64(epoch_seconds(*at)),
        None => serializer.serialize_none(),
    }
}
