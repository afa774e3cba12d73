//! A command the emulator delivered to a session.

use serde::Serialize;

/// What became of a command sent to a session, as the server decides it
/// (`WebSocketController.SendMessage`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Delivery {
    /// Pushed to the session's open socket with the latest activity ([`ReceivedCommand::socket`]).
    Socket,
    /// The session is a seeded player ([`Emulator::add_device_session`](crate::Emulator::add_device_session)),
    /// which counts as connected without a real socket: the command is only recorded.
    Virtual,
    /// The session had no open socket: the server drops the command, and the HTTP call still
    /// answers 204.
    Dropped,
}

/// One WebSocket message the server sent (or would have sent) to a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReceivedCommand {
    /// `"GeneralCommand"`, `"Play"` or `"Playstate"`.
    pub message_type: String,
    /// The message's `Data`, exactly as the real server would write it (PascalCase, nulls
    /// omitted, N-format GUIDs).
    pub data: serde_json::Value,
    /// Whether it went to a socket, to a seeded player, or nowhere.
    pub delivery: Delivery,
    /// The socket it was pushed to ([`Delivery::Socket`] only).
    pub socket: Option<u64>,
}
