//! A command the emulator delivered to a session.

use serde::Serialize;

/// One WebSocket message the server would have sent to a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReceivedCommand {
    /// `"GeneralCommand"`, `"Play"` or `"Playstate"`.
    pub message_type: String,
    /// The message's `Data`, exactly as the real server would write it (PascalCase, nulls
    /// omitted, N-format GUIDs).
    pub data: serde_json::Value,
}
