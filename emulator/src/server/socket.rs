//! The session WebSocket's transport: recognising an upgrade under the Jellyfin base,
//! answering it, and one task per socket that writes the queued messages, reads the
//! client's frames (handed to `api::socket`), and ends on a close, a failure, an abort by a
//! test or the emulator stopping. Plus the keep-alive watcher that re-sends `ForceKeepAlive`
//! to quiet sockets.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use futures_util::{SinkExt, StreamExt};
use hyper::header::{HeaderName, HeaderValue};
use hyper::http::request::Parts;
use hyper::upgrade::{OnUpgrade, Upgraded};
use hyper::{Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::sync::Notify;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use super::body::ReplyBody;
use super::shared::Shared;
use crate::api::socket as protocol;
use crate::state::sockets::{Outgoing, SocketHandle};
use crate::types::socket::UpgradeRecord;
use crate::wire::query::Query;
use crate::wire::reply::Reply;
use crate::wire::request::{segments, Req};

/// The largest client message accepted: client messages are a few dozen bytes.
const MAX_MESSAGE: usize = 1024 * 1024;
/// The read buffer of each socket.
const READ_BUFFER: usize = 4 * 1024;
/// `WebSocketLostTimeout × IntervalFactor`: how often the watcher looks at the sockets.
const WATCH_FACTOR: f64 = 0.2;

fn header<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts.headers.get(name).and_then(|v| v.to_str().ok())
}

/// ASP.NET Core's `IsWebSocketRequest`: a GET with `Connection: upgrade`, `Upgrade:
/// websocket`, version 13 and a key of 16 base64 bytes. Anything else goes to the routes.
pub(crate) fn is_upgrade(parts: &Parts) -> bool {
    let has_token = |name: &str, token: &str| {
        parts
            .headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
    };
    let key_ok = header(parts, "sec-websocket-key").is_some_and(|k| {
        let k = k.trim();
        k.len() == 24
            && k.ends_with("==")
            && k[..22].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
    });
    parts.method == hyper::Method::GET
        && has_token("connection", "upgrade")
        && has_token("upgrade", "websocket")
        && header(parts, "sec-websocket-version").is_some_and(|v| v.trim() == "13")
        && key_ok
}

/// Answers an upgrade: 101 and a socket task, 403 for refused credentials, 503 during a
/// simulated restart. Every attempt is recorded.
pub(crate) fn upgrade(shared: &Arc<Shared>, connection: u64, mut parts: Parts) -> Response<ReplyBody> {
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let raw_path = parts.uri.path().to_owned();
    let raw_query = parts.uri.query().map(str::to_owned);
    let req = Req {
        method: parts.method.as_str().to_owned(),
        segments: segments(&raw_path),
        query: Query::parse(raw_query.as_deref()),
        headers: headers.clone(),
        body: Vec::new(),
    };
    let key = header(&parts, "sec-websocket-key").unwrap_or_default().trim().to_owned();

    let mut state = shared.lock();
    let refusal_armed = state.sockets.refuse_upgrade.take();
    let injected = refusal_armed.is_some();
    let outcome = match (refusal_armed, state.restart_left()) {
        (Some((status, body)), _) => Err(Reply::text(status, &body)),
        (None, Some(left)) => Err(protocol::restarting(left.as_secs() + 1)),
        (None, None) => protocol::upgrade(&mut state, &req, &raw_path, connection),
    };
    state.sockets.upgrades.push(UpgradeRecord {
        raw_path,
        raw_query,
        headers,
        status: outcome.as_ref().map_or_else(|reply| reply.status, |_| 101),
        socket: outcome.as_ref().ok().map(|handle| handle.id),
        at: SystemTime::now(),
        connection,
        injected,
    });
    drop(state);
    shared.signal.raise();

    match outcome {
        Err(reply) => refusal(reply),
        Ok(handle) => {
            let on_upgrade = parts.extensions.remove::<OnUpgrade>();
            tokio::spawn(run(shared.clone(), on_upgrade, handle));
            let mut response = Response::new(ReplyBody::whole(Vec::new()));
            *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
            let headers = response.headers_mut();
            headers.insert(hyper::header::CONNECTION, HeaderValue::from_static("Upgrade"));
            headers.insert(hyper::header::UPGRADE, HeaderValue::from_static("websocket"));
            if let Ok(accept) = HeaderValue::try_from(derive_accept_key(key.as_bytes())) {
                headers.insert(hyper::header::SEC_WEBSOCKET_ACCEPT, accept);
            }
            response
        }
    }
}

fn refusal(reply: Reply) -> Response<ReplyBody> {
    let mut response = Response::new(ReplyBody::whole(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::FORBIDDEN);
    for (name, value) in &reply.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name.as_str()), HeaderValue::try_from(value.as_str())) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

/// One socket, from the upgrade to its end; the state learns why it ended.
async fn run(shared: Arc<Shared>, on_upgrade: Option<OnUpgrade>, handle: SocketHandle) {
    let SocketHandle { id, outbox, abort } = handle;
    let reason = match on_upgrade {
        None => "the connection could not be upgraded".to_owned(),
        Some(on_upgrade) => match on_upgrade.await {
            Err(e) => format!("the upgrade failed: {e}"),
            Ok(upgraded) => serve(&shared, id, upgraded, outbox, &abort).await,
        },
    };
    protocol::closed(&mut shared.lock(), id, &reason);
    shared.signal.raise();
}

async fn serve(
    shared: &Shared,
    id: u64,
    upgraded: Upgraded,
    mut outbox: tokio::sync::mpsc::Receiver<Outgoing>,
    abort: &Notify,
) -> String {
    // Client messages are tiny: a small read buffer keeps an idle socket cheap (tungstenite's
    // default is 128 KiB).
    let config = WebSocketConfig::default()
        .read_buffer_size(READ_BUFFER)
        .max_message_size(Some(MAX_MESSAGE))
        .max_frame_size(Some(MAX_MESSAGE));
    let mut ws = WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, Some(config)).await;
    let mut stop = shared.stop.subscribe();
    if *stop.borrow_and_update() {
        return "the emulator stopped".to_owned();
    }
    loop {
        tokio::select! {
            biased;
            () = abort.notified() => return "aborted".to_owned(),
            _ = stop.changed() => return "the emulator stopped".to_owned(),
            out = outbox.recv() => match out {
                Some(Outgoing::Text { text, message_type, injected }) => {
                    // Recorded before it is written: a client that read a message always finds
                    // it in the record (written first, a fast client could read it while the
                    // record still lacked it).
                    shared.lock().record_sent(id, text.clone(), message_type, injected);
                    shared.signal.raise();
                    // A client that reads nothing blocks the write: an abort or a stop still ends it.
                    let sent = tokio::select! {
                        biased;
                        () = abort.notified() => return "aborted".to_owned(),
                        _ = stop.changed() => return "the emulator stopped".to_owned(),
                        sent = ws.send(Message::text(text)) => sent,
                    };
                    if let Err(e) = sent {
                        return format!("the connection failed: {e}");
                    }
                }
                Some(Outgoing::Abort(reason)) => return reason,
                Some(Outgoing::Close { code, reason }) => {
                    let frame = CloseFrame { code: CloseCode::from(code), reason: reason.into() };
                    // The peer may be gone already: the socket ends either way.
                    let _ = ws.close(Some(frame)).await;
                    return format!("closed by the test ({code})");
                }
                Some(Outgoing::Stall(pause)) => {
                    tokio::select! {
                        biased;
                        () = abort.notified() => return "aborted".to_owned(),
                        _ = stop.changed() => return "the emulator stopped".to_owned(),
                        () = tokio::time::sleep(pause) => {}
                    }
                }
                None => return "closed".to_owned(),
            },
            frame = ws.next() => match frame {
                Some(Ok(Message::Text(text))) => {
                    protocol::received(&mut shared.lock(), id, text.as_str());
                    shared.signal.raise();
                }
                Some(Ok(Message::Close(frame))) => {
                    // Sends the close reply tungstenite queued.
                    let _ = ws.flush().await;
                    return match frame {
                        Some(frame) => format!("the client closed ({})", u16::from(frame.code)),
                        None => "the client closed".to_owned(),
                    };
                }
                // Pings are answered with the next write: flush now, then count the ping (after
                // the pong is written, so a test that waits for the count sees it answered).
                // Binary frames carry nothing the server reads.
                Some(Ok(message)) => {
                    let ping = matches!(message, Message::Ping(_));
                    if let Err(e) = ws.flush().await {
                        return format!("the connection failed: {e}");
                    }
                    if ping {
                        protocol::pinged(&mut shared.lock(), id);
                        shared.signal.raise();
                    }
                }
                Some(Err(e)) => return format!("the connection failed: {e}"),
                None => return "the connection closed".to_owned(),
            },
        }
    }
}

/// `SessionWebSocketListener.KeepAliveSockets`, every fifth of the keep-alive period, until
/// the emulator stops.
pub(crate) async fn keepalive_watcher(shared: Arc<Shared>) {
    let mut stop = shared.stop.subscribe();
    loop {
        let seconds = shared.lock().sockets.keepalive_seconds;
        let tick = Duration::from_secs(seconds.into()).mul_f64(WATCH_FACTOR);
        tokio::select! {
            () = tokio::time::sleep(tick) => {}
            () = shared.keepalive_changed.notified() => continue,
            _ = stop.changed() => return,
        }
        shared.lock().keepalive_tick(Instant::now());
    }
}
