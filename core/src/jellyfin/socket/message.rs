//! The messages a session's WebSocket receives (the contract's `OutboundWebSocketMessage`:
//! outbound from the server), typed by kind and lossless: the envelope is kept as received,
//! and a kind this version does not type, or whose data does not decode, keeps its data
//! as JSON.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::jellyfin::models::{GeneralCommand, PlayRequest, PlaystateRequest, SessionInfoDto, UserDataChangeInfo};
use crate::wire_struct;

wire_struct! {
    /// `{"MessageType": ..., "MessageId": ..., "Data": ...}`.
    pub struct Envelope {
        message_type: String = "MessageType",
        message_id: Option<String> = "MessageId",
        data: Option<Value> = "Data",
    }
}

/// One message from the server.
#[derive(Debug, Clone, PartialEq)]
pub struct SocketMessage {
    envelope: Envelope,
    data: MessageData,
}

/// The `Data` of a message, typed by its `MessageType`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MessageData {
    /// The kind carries no data (`KeepAlive`, `ServerRestarting`, `ServerShuttingDown`, ...).
    None,
    /// `ForceKeepAlive`: the server drops sessions silent for this many seconds; the socket
    /// answers with `KeepAlive` at half that period by itself.
    ForceKeepAlive(i32),
    /// `GeneralCommand`: every `SendGeneralCommand`, `SendFullGeneralCommand`,
    /// `SendSystemCommand`, `SendMessageCommand` (as `DisplayMessage`) and `DisplayContent`.
    GeneralCommand(GeneralCommand),
    /// `Play`.
    Play(PlayRequest),
    /// `Playstate`.
    Playstate(PlaystateRequest),
    /// `Sessions`, after `SessionsStart`.
    Sessions(Vec<SessionInfoDto>),
    /// `UserDataChanged`.
    UserDataChanged(UserDataChangeInfo),
    /// Data of a kind this version does not type, or that did not decode, as sent.
    Raw(Value),
}

/// The message kinds this version types; every other kind is kept with [`MessageData::Raw`].
pub const KNOWN_KINDS: &[&str] = &[
    "ForceKeepAlive",
    "KeepAlive",
    "GeneralCommand",
    "Play",
    "Playstate",
    "Sessions",
    "UserDataChanged",
    "RestartRequired",
    "ServerRestarting",
    "ServerShuttingDown",
];

impl SocketMessage {
    /// Parses one text frame. Only a frame that is not a JSON object with a `MessageType`
    /// is an error; unknown kinds and data are kept.
    pub fn parse(text: &str) -> Result<SocketMessage> {
        let envelope: Envelope = serde_json::from_str(text)
            .map_err(|e| Error::decode(format!("socket: a message is not a JSON envelope: {e}")))?;
        if envelope.message_type.is_empty() {
            return Err(Error::decode("socket: a message has no MessageType"));
        }
        let data = typed(&envelope.message_type, envelope.data.as_ref());
        Ok(SocketMessage { envelope, data })
    }

    /// `MessageType`, as sent.
    pub fn message_type(&self) -> &str {
        &self.envelope.message_type
    }

    /// `MessageId` (shared by every recipient of a broadcast), if any.
    pub fn message_id(&self) -> Option<&str> {
        self.envelope.message_id.as_deref()
    }

    /// The typed data.
    pub fn data(&self) -> &MessageData {
        &self.data
    }

    /// Whether this version types the kind (see [`KNOWN_KINDS`]).
    pub fn is_known(&self) -> bool {
        KNOWN_KINDS.contains(&self.message_type())
    }

    /// The message as received, re-encoded (unknown envelope fields included).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(&self.envelope).unwrap_or(Value::Null)
    }
}

fn typed(kind: &str, data: Option<&Value>) -> MessageData {
    let Some(data) = data else { return MessageData::None };
    fn decode<T: serde::de::DeserializeOwned>(data: &Value, wrap: fn(T) -> MessageData) -> MessageData {
        T::deserialize(data).map_or_else(|_| MessageData::Raw(data.clone()), wrap)
    }
    match kind {
        "ForceKeepAlive" => decode(data, MessageData::ForceKeepAlive),
        "GeneralCommand" => decode(data, MessageData::GeneralCommand),
        "Play" => decode(data, MessageData::Play),
        "Playstate" => decode(data, MessageData::Playstate),
        "Sessions" => decode(data, MessageData::Sessions),
        "UserDataChanged" => decode(data, MessageData::UserDataChanged),
        _ => MessageData::Raw(data.clone()),
    }
}

/// A client message: `{"MessageType": kind}` or with a string `Data`. The server matches the
/// property names case-sensitively.
pub(crate) fn outbound(kind: &str, data: Option<&str>) -> String {
    match data {
        Some(data) => serde_json::json!({ "MessageType": kind, "Data": data }).to_string(),
        None => serde_json::json!({ "MessageType": kind }).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jellyfin::models::PlaystateCommand;

    #[test]
    fn known_kinds_are_typed_and_everything_is_kept() {
        let m = SocketMessage::parse(
            r#"{"MessageType":"Playstate","MessageId":"abc","Data":{"Command":"Seek","SeekPositionTicks":5,"New":1},"X":2}"#,
        )
        .unwrap();
        assert_eq!(m.message_type(), "Playstate");
        assert!(m.is_known());
        assert_eq!(m.message_id(), Some("abc"));
        let MessageData::Playstate(p) = m.data() else { panic!("{m:?}") };
        assert_eq!(p.command, PlaystateCommand::Seek);
        assert_eq!(p.seek_position_ticks, Some(5));
        assert_eq!(
            m.to_json(),
            serde_json::json!({"MessageType":"Playstate","MessageId":"abc","Data":{"Command":"Seek","SeekPositionTicks":5,"New":1},"X":2})
        );
    }

    #[test]
    fn unknown_kinds_and_undecodable_data_are_kept_raw() {
        let m = SocketMessage::parse(r#"{"MessageType":"LibraryChanged","Data":{"ItemsAdded":[]}}"#).unwrap();
        assert!(!m.is_known());
        assert_eq!(m.data(), &MessageData::Raw(serde_json::json!({"ItemsAdded": []})));
        let m = SocketMessage::parse(r#"{"MessageType":"ForceKeepAlive","Data":"sixty"}"#).unwrap();
        assert_eq!(m.data(), &MessageData::Raw(serde_json::json!("sixty")));
        let m = SocketMessage::parse(r#"{"MessageType":"KeepAlive","MessageId":"1"}"#).unwrap();
        assert_eq!(m.data(), &MessageData::None);
        assert!(SocketMessage::parse("[1]").is_err());
        assert!(SocketMessage::parse(r#"{"Data":1}"#).is_err());
    }
}
