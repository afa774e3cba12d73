//! The socket task: one WebSocket at a time, kept alive, re-opened after drops with
//! exponential backoff and jitter, the session's capabilities re-posted after every
//! (re)connect, and the `Sessions` subscription renewed.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use http::header::{
    HeaderValue, AUTHORIZATION, CONNECTION, HOST, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_VERSION,
    UPGRADE,
};
use http::StatusCode;
use http_body_util::{BodyExt, Empty, Limited};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::handshake::client::generate_key;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use crate::error::{Error, ErrorKind, Result};
use crate::jellyfin::socket::liveness::Liveness;
use crate::jellyfin::socket::message::{outbound, SocketMessage};
use crate::jellyfin::socket::queue::Queue;
use crate::jellyfin::socket::{MessageData, SocketEvent, SocketOptions};
use crate::jellyfin::JellyfinClient;
use crate::secret::{scrub, scrub_forms};

pub(crate) type Ws = WebSocketStream<TokioIo<Upgraded>>;

/// The most of a refused upgrade's body read, for the error's message.
const MAX_REFUSAL: usize = 64 * 1024;

/// What the socket's owner asks of the task.
#[derive(Debug)]
pub(crate) enum Command {
    SessionsStart { initial_delay: Duration, interval: Duration },
    SessionsStop,
    Close,
}

/// Why serving one connection ended.
enum End {
    /// The owner closed the socket or dropped it.
    Closed,
    /// The connection dropped; reconnect.
    Dropped(String),
}

/// The largest message accepted: a `Sessions` list of a busy server is well under this.
const MAX_MESSAGE: usize = 16 * 1024 * 1024;

/// The socket's read buffer (see `connect`).
const READ_BUFFER: usize = 8 * 1024;

/// How long a clean close waits for the close frame to be written.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens the WebSocket, authenticated as the HTTP calls are. A refused upgrade (403 from the
/// server, 401 from a proxy) is `Unauthorized`: the token was revoked, so retrying cannot
/// help.
pub(crate) async fn connect(client: &JellyfinClient) -> Result<Ws> {
    // The refusal's body and the handshake's failure are the server's text: scrubbed as
    // every HTTP error is.
    upgrade(client).await.map_err(|e| e.scrubbed(&client.secrets()))
}

/// The upgrade request and its answer go through hyper, as every HTTP call does, rather than
/// tungstenite's client handshake, which logs the whole request (the Authorization header
/// with the token) at `trace` level under its own target.
async fn upgrade(client: &JellyfinClient) -> Result<Ws> {
    let transport = client.transport();
    let timeout = transport.options().request_timeout;
    match tokio::time::timeout(timeout, handshake(client)).await {
        Ok(result) => result,
        Err(_) => {
            Err(Error::new(ErrorKind::Timeout, format!("GET /socket: no WebSocket handshake within {timeout:?}"))
                .with_request_sent(true))
        }
    }
}

async fn handshake(client: &JellyfinClient) -> Result<Ws> {
    let transport = client.transport();
    let base = transport.base();
    let key = generate_key();
    let mut request = http::Request::new(Empty::<Bytes>::new());
    *request.uri_mut() = format!("{}/socket", base.path_prefix())
        .parse()
        .map_err(|e| Error::invalid_argument(format!("cannot make a WebSocket URL from the base URL: {e}")))?;
    let headers = request.headers_mut();
    let host = HeaderValue::from_str(&base.host_header())
        .map_err(|_| Error::invalid_argument("base URL host cannot be sent in a Host header"))?;
    headers.insert(HOST, host);
    headers.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    headers.insert(UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(SEC_WEBSOCKET_VERSION, HeaderValue::from_static("13"));
    headers.insert(SEC_WEBSOCKET_KEY, HeaderValue::from_str(&key).map_err(|_| Error::internal("a bad WebSocket key"))?);
    if let Some(header) = client.authorization() {
        headers.insert(AUTHORIZATION, header);
    }
    let lost = |e: hyper::Error| {
        Error::new(ErrorKind::ConnectionLost, format!("GET /socket: the WebSocket handshake failed ({e})"))
            .with_request_sent(true)
            .with_source(e)
    };
    let stream = transport.endpoint().connect().await?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(lost)?;
    // Drives the connection until the upgrade hands it over (or it fails, which the response
    // then reports).
    tokio::spawn(async move {
        let _ = connection.with_upgrades().await;
    });
    let response = sender.send_request(request).await.map_err(lost)?;
    let status = response.status();
    if status != StatusCode::SWITCHING_PROTOCOLS {
        let (parts, body) = response.into_parts();
        let body = Limited::new(body, MAX_REFUSAL).collect().await.map(|b| b.to_bytes()).unwrap_or_default();
        let error = crate::transport::status_error("GET /socket", status, &parts.headers, &body);
        if status.as_u16() == 403 {
            // The server refuses a missing, invalid or revoked token at the upgrade with 403
            // (a SecurityException), where HTTP calls get 401: for users it is the same
            // failure, so it is `Unauthorized` (the status stays 403).
            let message = format!("{} (the token is missing, invalid or revoked)", error.message());
            return Err(Error::new(ErrorKind::Unauthorized, message).with_status(403).with_request_sent(true));
        }
        return Err(error.with_request_sent(true));
    }
    let accepted = response.headers().get(SEC_WEBSOCKET_ACCEPT).map(HeaderValue::as_bytes);
    if accepted != Some(derive_accept_key(key.as_bytes()).as_bytes()) {
        return Err(Error::new(
            ErrorKind::ConnectionLost,
            "GET /socket: the WebSocket handshake failed (the server's Sec-WebSocket-Accept does not match)",
        )
        .with_request_sent(true));
    }
    let upgraded = hyper::upgrade::on(response).await.map_err(lost)?;
    // tungstenite's default read buffer is 128 KiB per socket, almost all of an idle socket's
    // memory; messages are small except `Sessions` lists, which the buffer grows for.
    let config = WebSocketConfig::default()
        .read_buffer_size(READ_BUFFER)
        .max_message_size(Some(MAX_MESSAGE))
        .max_frame_size(Some(MAX_MESSAGE));
    Ok(WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Client, Some(config)).await)
}

/// After every (re)connect: capabilities, then the subscription, so the session is
/// controllable and the list flows again.
pub(crate) async fn prepare(
    client: &JellyfinClient,
    options: &SocketOptions,
    ws: &mut Ws,
    sessions: Option<(Duration, Duration)>,
) -> Result<()> {
    if let Some(capabilities) = &options.capabilities {
        client.post_full_capabilities(None, capabilities).await?;
    }
    if let Some((initial_delay, interval)) = sessions {
        send(ws, "SessionsStart", Some(&sessions_data(initial_delay, interval))).await?;
    }
    Ok(())
}

fn sessions_data(initial_delay: Duration, interval: Duration) -> String {
    format!("{},{}", initial_delay.as_millis(), interval.as_millis())
}

async fn send(ws: &mut Ws, kind: &str, data: Option<&str>) -> Result<()> {
    ws.send(Message::text(outbound(kind, data)))
        .await
        .map_err(|e| Error::new(ErrorKind::ConnectionLost, format!("socket: cannot send {kind} ({e})")))
}

/// The task: serves `ws` until it drops, then reconnects, until closed or refused.
pub(crate) async fn run(
    client: JellyfinClient,
    options: SocketOptions,
    queue: Arc<Queue>,
    mut commands: mpsc::UnboundedReceiver<Command>,
    mut ws: Ws,
    mut sessions: Option<(Duration, Duration)>,
) {
    let mut failures: u32 = 0;
    loop {
        // A close frame's reason and a failure's text are the server's: scrubbed of the
        // credentials before they reach a log or the reader.
        let forms = scrub_forms(&client.secrets());
        let reason = match serve(&mut ws, &queue, &mut commands, &mut sessions, &forms).await {
            End::Closed => {
                // A clean close, but not a hang: a server that stops reading must not keep the
                // task (and the reader waiting for the end) alive.
                let _ = tokio::time::timeout(CLOSE_TIMEOUT, ws.close(None)).await;
                queue.finish(None);
                return;
            }
            End::Dropped(reason) => scrub(&reason, &forms),
        };
        log::debug!(target: crate::logging::SOCKET, "dropped, reconnecting: {reason}");
        let mut reason = reason;
        ws = loop {
            failures = failures.saturating_add(1);
            let retry_in = options.reconnect.delay(failures);
            queue.push(SocketEvent::Disconnected { reason: reason.clone(), retry_in });
            if wait(retry_in, &mut commands, &mut sessions).await.is_err() {
                queue.finish(None);
                return;
            }
            let attempt = async {
                let mut ws = connect(&client).await?;
                prepare(&client, &options, &mut ws, sessions).await?;
                Ok::<_, Error>(ws)
            };
            match attempt.await {
                Ok(ws) => break ws,
                Err(e) if matches!(e.kind(), ErrorKind::Unauthorized | ErrorKind::Forbidden) => {
                    queue.finish(Some(e.scrubbed(&client.secrets())));
                    return;
                }
                Err(e) => {
                    reason = e.scrubbed(&client.secrets()).to_string();
                    log::debug!(target: crate::logging::SOCKET, "reconnecting failed: {reason}");
                }
            }
        };
        failures = 0;
        queue.push(SocketEvent::Connected { reconnected: true });
    }
}

/// Sleeps before a reconnect, still taking commands; `Err` when the owner closed.
async fn wait(
    delay: Duration,
    commands: &mut mpsc::UnboundedReceiver<Command>,
    sessions: &mut Option<(Duration, Duration)>,
) -> std::result::Result<(), ()> {
    let sleep = tokio::time::sleep(delay);
    tokio::pin!(sleep);
    loop {
        tokio::select! {
            () = &mut sleep => return Ok(()),
            command = commands.recv() => match command {
                Some(Command::SessionsStart { initial_delay, interval }) => *sessions = Some((initial_delay, interval)),
                Some(Command::SessionsStop) => *sessions = None,
                Some(Command::Close) | None => return Err(()),
            },
        }
    }
}

async fn serve(
    ws: &mut Ws,
    queue: &Queue,
    commands: &mut mpsc::UnboundedReceiver<Command>,
    sessions: &mut Option<(Duration, Duration)>,
    forms: &[String],
) -> End {
    let mut liveness = Liveness::new();
    loop {
        // Only while reading: with the queue full nothing is read, the server's answers wait
        // in the connection, and that silence is the reader's, not the server's.
        let deadline = if queue.has_space() { liveness.deadline() } else { None };
        tokio::select! {
            frame = ws.next(), if queue.has_space() => {
                liveness.heard();
                match frame {
                    Some(Ok(Message::Text(text))) => match SocketMessage::parse(text.as_str()) {
                        Ok(message) => {
                            if let MessageData::ForceKeepAlive(seconds) = message.data() {
                                liveness.force_keepalive(*seconds);
                            }
                            queue.push(SocketEvent::Message(message));
                        }
                        Err(e) => {
                            let e = scrub(&e.to_string(), forms);
                            log::debug!(target: crate::logging::SOCKET, "ignoring a message: {e}");
                        }
                    },
                    // Pings are answered by the WebSocket layer on the next write: flush now.
                    Some(Ok(Message::Ping(_))) => {
                        if let Err(e) = ws.flush().await {
                            return End::Dropped(format!("the connection failed ({e})"));
                        }
                    }
                    Some(Ok(Message::Close(frame))) => {
                        let why = frame.map_or_else(String::new, |f| format!(": {} {}", u16::from(f.code), f.reason));
                        return End::Dropped(format!("the server closed the connection{why}"));
                    }
                    // Pongs (answers to our pings) and binary frames: heard, nothing to do.
                    Some(Ok(_)) => {}
                    Some(Err(e)) => return End::Dropped(format!("the connection failed ({e})")),
                    None => return End::Dropped("the connection closed".to_owned()),
                }
            }
            // Reading again: the silence is counted from now.
            () = queue.space(), if !queue.has_space() => liveness.heard(),
            beat = liveness.tick() => {
                let sent = match send(ws, "KeepAlive", None).await {
                    Ok(()) if beat.ping => ws
                        .send(Message::Ping(Default::default()))
                        .await
                        .map_err(|e| Error::new(ErrorKind::ConnectionLost, format!("socket: cannot send a ping ({e})"))),
                    other => other,
                };
                if let Err(e) = sent {
                    return End::Dropped(e.message().to_owned());
                }
            }
            () = sleep_until(deadline) => {
                return End::Dropped("the server answered neither keep-alives nor pings".to_owned());
            }
            command = commands.recv() => {
                let sent = match command {
                    Some(Command::SessionsStart { initial_delay, interval }) => {
                        // The server adds a subscription per SessionsStart and removes one per
                        // SessionsStop: a second start would double every push and outlive
                        // the next stop, so the current one is stopped first.
                        let stopped = match sessions.replace((initial_delay, interval)) {
                            Some(_) => send(ws, "SessionsStop", None).await,
                            None => Ok(()),
                        };
                        match stopped {
                            Ok(()) => send(ws, "SessionsStart", Some(&sessions_data(initial_delay, interval))).await,
                            Err(e) => Err(e),
                        }
                    }
                    Some(Command::SessionsStop) => {
                        *sessions = None;
                        send(ws, "SessionsStop", None).await
                    }
                    Some(Command::Close) | None => return End::Closed,
                };
                if let Err(e) = sent {
                    return End::Dropped(e.message().to_owned());
                }
            }
        }
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}
