//! The session WebSocket's protocol (jellyfin-notes.md §5): who may open one, what the
//! server answers to each client message, and the `Sessions` pushes after session events.
//! The frames themselves are carried by the server layer.

use std::time::Instant;

use serde_json::Value;

use super::caller::authenticate;
use crate::render::session::session_dto;
use crate::state::sockets::{SocketHandle, SocketOwner, Subscription};
use crate::state::State;
use crate::wire::reply::Reply;
use crate::wire::request::Req;

/// `SessionMessageType`, in the contract's order: the server reads an enum from its name
/// (any case) or its number.
const MESSAGE_TYPES: &[&str] = &[
    "ForceKeepAlive",
    "GeneralCommand",
    "UserDataChanged",
    "Sessions",
    "Play",
    "SyncPlayCommand",
    "SyncPlayGroupUpdate",
    "Playstate",
    "RestartRequired",
    "ServerShuttingDown",
    "ServerRestarting",
    "LibraryChanged",
    "UserDeleted",
    "UserUpdated",
    "SeriesTimerCreated",
    "TimerCreated",
    "SeriesTimerCancelled",
    "TimerCancelled",
    "RefreshProgress",
    "ScheduledTaskEnded",
    "PackageInstallationCancelled",
    "PackageInstallationFailed",
    "PackageInstallationCompleted",
    "PackageInstalling",
    "PackageUninstalled",
    "ActivityLogEntry",
    "ScheduledTasksInfo",
    "ActivityLogEntryStart",
    "ActivityLogEntryStop",
    "SessionsStart",
    "SessionsStop",
    "ScheduledTasksInfoStart",
    "ScheduledTasksInfoStop",
    "KeepAlive",
];

/// `WebSocketManager.WebSocketRequestHandler`: the same credentials as HTTP (header or
/// `?ApiKey=`); anything short of an authenticated caller is a `SecurityException`, which the
/// exception middleware answers `403 text/plain` before any upgrade. An accepted socket is
/// attached to the caller's session, created or refreshed as an HTTP call would.
pub(crate) fn upgrade(state: &mut State, req: &Req, path: &str, connection: u64) -> Result<SocketHandle, Reply> {
    let caller = authenticate(state, req).map_err(|_| Reply::text(403, "Error processing request."))?;
    let owner =
        SocketOwner { session_id: caller.session_id.clone(), user_id: caller.user_id.clone(), admin: caller.admin };
    let handle = state.open_socket(owner, path, connection);
    flush(state);
    Ok(handle)
}

/// One text frame from the client (`WebSocketConnection.ProcessInternal`). The envelope's
/// property names are case-sensitive; a frame that does not deserialize is ignored.
pub(crate) fn received(state: &mut State, socket: u64, text: &str) {
    state.record_received(socket, text);
    if let Some((kind, data)) = parse_inbound(text) {
        match kind {
            "KeepAlive" => {
                if let Some(entry) = state.socket_mut(socket) {
                    entry.last_keepalive = Instant::now();
                    entry.keepalives += 1;
                }
                if state.sockets.keepalive_echo {
                    state.push(socket, "KeepAlive", None, false);
                }
            }
            "SessionsStart" => start_sessions(state, socket, data.as_deref()),
            "SessionsStop" => {
                // `Stop` disposes the first subscription of this connection, if any.
                if let Some(entry) = state.socket_mut(socket).filter(|s| !s.subscriptions.is_empty()) {
                    entry.subscriptions.remove(0);
                }
            }
            // ActivityLogEntry and ScheduledTasksInfo subscriptions: admin data this emulator
            // does not have. Anything else has no listener on the server.
            _ => {}
        }
    }
    flush(state);
}

/// A WebSocket ping from the client (the socket's task answered it with a pong).
pub(crate) fn pinged(state: &mut State, socket: u64) {
    if let Some(entry) = state.socket_mut(socket) {
        entry.pings += 1;
    }
}

/// The socket's task ended.
pub(crate) fn closed(state: &mut State, socket: u64, reason: &str) {
    state.socket_closed(socket, reason);
    flush(state);
}

/// `{"MessageType": <name or number>, "Data": ...}` as the server deserializes it: `Data`
/// becomes its string value, or the JSON text of anything else.
fn parse_inbound(text: &str) -> Option<(&'static str, Option<String>)> {
    let value: Value = serde_json::from_str(text).ok()?;
    let object = value.as_object()?;
    let kind = match object.get("MessageType")? {
        Value::String(name) => MESSAGE_TYPES.iter().find(|k| k.eq_ignore_ascii_case(name.trim()))?,
        Value::Number(n) => MESSAGE_TYPES.get(usize::try_from(n.as_u64()?).ok()?)?,
        _ => return None,
    };
    let data = match object.get("Data") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    Some((kind, data))
}

/// `BasePeriodicWebSocketListener.Start`: `Data` is `"<initialDelayMs>,<intervalMs>"`, each
/// parsed as a `long`; anything else throws, and the subscription never starts. The initial
/// delay is kept but unused, as on the server: lists are pushed on session events only.
fn start_sessions(state: &mut State, socket: u64, data: Option<&str>) {
    let Some(data) = data else { return };
    let mut parts = data.split(',');
    let parse = |part: Option<&str>| part.and_then(|p| p.trim().parse::<i64>().ok());
    let (Some(_initial_delay), Some(interval)) = (parse(parts.next()), parse(parts.next())) else {
        log::debug!("sessionlink emulator: SessionsStart with {data:?} is ignored, as the server ignores it");
        return;
    };
    let interval = std::time::Duration::from_millis(u64::try_from(interval).unwrap_or(0));
    if let Some(entry) = state.socket_mut(socket) {
        entry.subscriptions.push(Subscription { interval, last_send: None });
    }
}

/// Pushes `Sessions` to the subscribers after a session event: each due subscription (a
/// forced event, or `interval` since its last push) gets the list its user may see.
pub(crate) fn flush(state: &mut State) {
    let Some(force) = state.sockets.pending_event.take() else { return };
    let now = Instant::now();
    let mut pushes: Vec<(u64, usize)> = Vec::new();
    for entry in state.sockets.entries.iter().filter(|s| s.is_open()) {
        let due = entry
            .subscriptions
            .iter()
            .filter(|sub| force || sub.last_send.is_none_or(|t| now.saturating_duration_since(t) >= sub.interval))
            .count();
        if due > 0 {
            pushes.push((entry.id, due));
        }
    }
    for (id, due) in pushes {
        let Some(entry) = state.socket(id) else { continue };
        let (user, admin) = (entry.user_id.clone(), entry.admin);
        let list: Vec<Value> = state
            .sessions
            .iter()
            .filter(|s| {
                admin
                    || user
                        .as_deref()
                        .is_some_and(|u| s.user_id.as_deref() == Some(u) || s.additional_users.iter().any(|a| a == u))
            })
            .map(|s| session_dto(state, s))
            .collect();
        let list = Value::Array(list);
        for _ in 0..due {
            state.push(id, "Sessions", Some(list.clone()), false);
        }
        if let Some(entry) = state.socket_mut(id) {
            for sub in entry
                .subscriptions
                .iter_mut()
                .filter(|sub| force || sub.last_send.is_none_or(|t| now.saturating_duration_since(t) >= sub.interval))
            {
                sub.last_send = Some(now);
            }
        }
    }
}

/// The answer to an upgrade during a simulated restart (what the server answers while it
/// starts up).
pub(crate) fn restarting(retry_after_secs: u64) -> Reply {
    let text = "The server is starting up. Please try again shortly.";
    Reply::with_body(503, "text/html; charset=utf-8", format!("<html><body>{text}</body></html>"))
        .header("retry-after", retry_after_secs.to_string())
        .header("message", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inbound_envelopes_are_read_as_the_server_reads_them() {
        assert_eq!(parse_inbound(r#"{"MessageType":"KeepAlive"}"#), Some(("KeepAlive", None)));
        assert_eq!(parse_inbound(r#"{"MessageType":"keepalive","Data":null}"#), Some(("KeepAlive", None)));
        assert_eq!(parse_inbound(r#"{"MessageType":33}"#), Some(("KeepAlive", None)));
        assert_eq!(
            parse_inbound(r#"{"MessageType":"SessionsStart","Data":"0,1000"}"#),
            Some(("SessionsStart", Some("0,1000".to_owned())))
        );
        assert_eq!(
            parse_inbound(r#"{"MessageType":"SessionsStart","Data":[0,1]}"#).and_then(|p| p.1),
            Some("[0,1]".into())
        );
        // Property names are case-sensitive; unknown kinds and non-objects are ignored.
        assert_eq!(parse_inbound(r#"{"messageType":"KeepAlive"}"#), None);
        assert_eq!(parse_inbound(r#"{"MessageType":"Nope"}"#), None);
        assert_eq!(parse_inbound(r#"{"MessageType":99}"#), None);
        assert_eq!(parse_inbound("[1]"), None);
        assert_eq!(parse_inbound("not json"), None);
    }
}
