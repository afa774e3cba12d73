//! The socket's message parser: no panic on any text; a message it accepts has a kind, keeps
//! its envelope exactly (re-encoded it is the JSON that arrived), parses again to the same
//! message (kind, id, JSON and typing), and its typed data re-encodes to the `Data` that was sent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use sessionlink::jellyfin::socket::{MessageData, SocketMessage};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(message) = SocketMessage::parse(text) else { return };
    assert!(!message.message_type().is_empty());
    let sent: Value = serde_json::from_str(text).expect("an accepted message is JSON");
    assert_eq!(message.to_json(), sent, "the envelope is not kept as sent");
    // Parsed again from its JSON, the message is the same message. (Not `==`: models keep
    // unknown fields in the order they arrived, to re-encode byte for byte, and `to_json`
    // gives a JSON value, whose objects have no order.)
    let again = SocketMessage::parse(&message.to_json().to_string()).expect("a re-encoded message parses");
    assert_eq!((again.message_type(), again.message_id()), (message.message_type(), message.message_id()));
    assert_eq!(again.to_json(), sent, "a re-encoded message parses differently");
    assert_eq!(std::mem::discriminant(again.data()), std::mem::discriminant(message.data()), "typed differently");

    let data = sent.get("Data");
    let typed = match message.data() {
        MessageData::None => None,
        MessageData::ForceKeepAlive(seconds) => Some(Value::from(*seconds)),
        MessageData::GeneralCommand(c) => Some(serde_json::to_value(c).expect("encodes")),
        MessageData::Play(p) => Some(serde_json::to_value(p).expect("encodes")),
        MessageData::Playstate(p) => Some(serde_json::to_value(p).expect("encodes")),
        MessageData::Sessions(s) => Some(serde_json::to_value(s).expect("encodes")),
        MessageData::UserDataChanged(u) => Some(serde_json::to_value(u).expect("encodes")),
        MessageData::Raw(raw) => Some(raw.clone()),
        _ => return,
    };
    assert_eq!(typed.as_ref(), data, "the typed data differs from the Data that was sent");
});
