//! The session WebSockets as the server's state sees them (jellyfin-notes.md §5): which
//! socket belongs to which session, what each one is subscribed to, when it last sent a
//! keep-alive, and the record of every message and upgrade. The socket tasks (server layer)
//! carry the frames; everything they decide is decided here, under the state lock.
//!
//! A socket's outgoing messages wait in a bounded queue ([`OUTBOX`]) for its task to write
//! them. A client that stops reading lets that queue fill; the socket is then aborted, as a
//! server would give up on a peer that never drains its connection, so memory stays bounded.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use serde_json::{json, Value};
use tokio::sync::{mpsc, Notify};

use super::State;
use crate::types::command::{Delivery, ReceivedCommand};
use crate::types::socket::{Direction, SocketInfo, SocketMessageRecord, UpgradeRecord};

/// How many messages may wait for one socket's task.
pub(crate) const OUTBOX: usize = 4096;
/// The keep-alive period the server announces in `ForceKeepAlive` (`WebSocketLostTimeout`).
pub(crate) const DEFAULT_KEEPALIVE_SECONDS: u32 = 60;
/// `SessionManager.LogSessionActivity` raises `SessionActivity` only after this much quiet.
const ACTIVITY_EVENT_GAP: Duration = Duration::from_secs(10);

/// What a socket's task is asked to do, in order.
#[derive(Debug)]
pub(crate) enum Outgoing {
    Text {
        text: String,
        message_type: String,
        injected: bool,
    },
    /// Ends the connection without a close frame, after the messages queued before it.
    Abort(String),
    /// A close frame with this code and reason, after the messages queued before it; then
    /// the connection ends.
    Close {
        code: u16,
        reason: String,
    },
    /// Neither reads nor writes for this long, after the messages queued before it; the
    /// connection stays open (a server that hangs).
    Stall(std::time::Duration),
}

/// A `SessionsStart` subscription (`WebSocketListenerState`).
#[derive(Debug)]
pub(crate) struct Subscription {
    pub interval: Duration,
    /// `DateLastSendUtc`: `None` until the first push, so the first event always sends.
    pub last_send: Option<Instant>,
}

pub(crate) struct SocketEntry {
    pub id: u64,
    pub session_id: String,
    /// Which incarnation of the session (see `Session::serial`): a socket stays with the session
    /// object it was attached to, as the server's `WebSocketController` does.
    pub session_serial: u64,
    /// The caller's user (`None` for an API key) and whether it sees every session.
    pub user_id: Option<String>,
    pub admin: bool,
    pub path: String,
    pub connection: u64,
    pub opened_at: SystemTime,
    pub closed_at: Option<SystemTime>,
    pub close_reason: Option<String>,
    /// `LastActivityDate`: commands go to the session's open socket with the latest one.
    pub last_activity: Instant,
    /// `LastKeepAliveDate`.
    pub last_keepalive: Instant,
    /// Still on the keep-alive watch list (the server drops lost sockets from it, without
    /// closing them).
    pub watched: bool,
    pub keepalives: usize,
    /// WebSocket pings the client sent (answered with a pong by the socket's task).
    pub pings: usize,
    pub subscriptions: Vec<Subscription>,
    outbox: mpsc::Sender<Outgoing>,
    /// Ends the task at once, whatever is queued.
    pub abort: Arc<Notify>,
}

impl SocketEntry {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }

    pub fn info(&self) -> SocketInfo {
        SocketInfo {
            id: self.id,
            session_id: self.session_id.clone(),
            path: self.path.clone(),
            connection: self.connection,
            opened_at: self.opened_at,
            closed_at: self.closed_at,
            close_reason: self.close_reason.clone(),
            keepalives_received: self.keepalives,
            pings_received: self.pings,
            sessions_subscriptions: self.subscriptions.len(),
        }
    }
}

/// Who opened a socket, as the upgrade authenticated it.
pub(crate) struct SocketOwner {
    pub session_id: String,
    pub user_id: Option<String>,
    pub admin: bool,
}

/// The ends a socket task holds.
pub(crate) struct SocketHandle {
    pub id: u64,
    pub outbox: mpsc::Receiver<Outgoing>,
    pub abort: Arc<Notify>,
}

pub(crate) struct Sockets {
    pub entries: Vec<SocketEntry>,
    pub messages: Vec<SocketMessageRecord>,
    pub upgrades: Vec<UpgradeRecord>,
    pub keepalive_seconds: u32,
    /// Whether a `KeepAlive` from a client is echoed, as Jellyfin does (other servers do
    /// not; the client must then rely on WebSocket pings).
    pub keepalive_echo: bool,
    /// The next upgrade is refused with this status and text body (a hostile server's).
    pub refuse_upgrade: Option<(u16, String)>,
    /// A simulated restart refuses requests until then.
    pub restarting_until: Option<Instant>,
    /// A session event (`SessionStarted`, `PlaybackStart`, ...) since the last `Sessions`
    /// pushes: `Some(force)`. The API layer renders and pushes the lists.
    pub pending_event: Option<bool>,
    next_id: u64,
}

impl Default for Sockets {
    fn default() -> Self {
        Sockets {
            entries: Vec::new(),
            messages: Vec::new(),
            upgrades: Vec::new(),
            keepalive_seconds: DEFAULT_KEEPALIVE_SECONDS,
            keepalive_echo: true,
            refuse_upgrade: None,
            restarting_until: None,
            pending_event: None,
            next_id: 0,
        }
    }
}

/// The server's envelope: `MessageType`, a fresh `MessageId` (N format) and `Data` when the
/// kind has any.
pub(crate) fn envelope(message_type: &str, message_id: &str, data: Option<Value>) -> String {
    let mut message = json!({"MessageType": message_type, "MessageId": message_id});
    if let (Some(data), Some(object)) = (data, message.as_object_mut()) {
        object.insert("Data".to_owned(), data);
    }
    message.to_string()
}

/// The `MessageType` of a text frame, if it is a JSON object with a string one.
pub(crate) fn message_type_of(text: &str) -> Option<String> {
    let value: Value = serde_json::from_str(text).ok()?;
    value.get("MessageType")?.as_str().map(str::to_owned)
}

impl State {
    /// Notes a session event for the `Sessions` subscribers (pushed by the API layer).
    pub fn session_event(&mut self, force: bool) {
        let pending = &mut self.sockets.pending_event;
        *pending = Some(pending.unwrap_or(false) || force);
    }

    /// Notes activity on a session that was quiet: a non-forced event, as `SessionActivity`.
    pub(crate) fn activity_event(&mut self, previous: SystemTime, now: SystemTime) {
        if now.duration_since(previous).is_ok_and(|gap| gap > ACTIVITY_EVENT_GAP) {
            self.session_event(false);
        }
    }

    /// Removes a session (`OnSessionEnded`); its sockets stay open but bound to nothing.
    pub fn end_session(&mut self, id: &str) {
        let before = self.sessions.len();
        self.sessions.retain(|s| s.id != id);
        if self.sessions.len() != before {
            self.session_event(true);
        }
    }

    /// Attaches a new socket to the owner's session and queues the `ForceKeepAlive` the
    /// server sends first.
    pub fn open_socket(&mut self, owner: SocketOwner, path: &str, connection: u64) -> SocketHandle {
        self.sockets.next_id += 1;
        let id = self.sockets.next_id;
        let serial = match self.session_mut(&owner.session_id) {
            Some(session) => {
                session.has_controller = true;
                session.serial
            }
            None => 0,
        };
        let (sender, outbox) = mpsc::channel(OUTBOX);
        let abort = Arc::new(Notify::new());
        let now = Instant::now();
        self.sockets.entries.push(SocketEntry {
            id,
            session_id: owner.session_id,
            session_serial: serial,
            user_id: owner.user_id,
            admin: owner.admin,
            path: path.to_owned(),
            connection,
            opened_at: SystemTime::now(),
            closed_at: None,
            close_reason: None,
            last_activity: now,
            last_keepalive: now,
            watched: true,
            keepalives: 0,
            pings: 0,
            subscriptions: Vec::new(),
            outbox: sender,
            abort: abort.clone(),
        });
        let seconds = self.sockets.keepalive_seconds;
        self.push(id, "ForceKeepAlive", Some(json!(seconds)), false);
        SocketHandle { id, outbox, abort }
    }

    pub fn socket(&self, id: u64) -> Option<&SocketEntry> {
        self.sockets.entries.iter().find(|s| s.id == id)
    }

    pub fn socket_mut(&mut self, id: u64) -> Option<&mut SocketEntry> {
        self.sockets.entries.iter_mut().find(|s| s.id == id)
    }

    /// The open sockets attached to this incarnation of the session.
    pub fn open_sockets_of(&self, session_id: &str, serial: u64) -> impl Iterator<Item = &SocketEntry> {
        let session_id = session_id.to_owned();
        self.sockets
            .entries
            .iter()
            .filter(move |s| s.is_open() && s.session_id == session_id && s.session_serial == serial)
    }

    /// Whether the session has a socket open (a seeded player's virtual one counts).
    pub fn is_connected(&self, session_id: &str) -> bool {
        self.session(session_id)
            .is_some_and(|s| s.virtual_socket || self.open_sockets_of(&s.id, s.serial).next().is_some())
    }

    /// Queues a message for a socket; false when the socket is closed. A full queue aborts
    /// the socket (its client stopped reading).
    pub fn push(&mut self, id: u64, message_type: &str, data: Option<Value>, injected: bool) -> bool {
        let message_id = self.new_guid();
        let text = envelope(message_type, &message_id, data);
        self.push_text(id, text, message_type, injected)
    }

    pub fn push_text(&mut self, id: u64, text: String, message_type: &str, injected: bool) -> bool {
        let Some(entry) = self.socket_mut(id).filter(|s| s.is_open()) else { return false };
        let message = Outgoing::Text { text, message_type: message_type.to_owned(), injected };
        match entry.outbox.try_send(message) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Full(_)) => {
                log::warn!("sessionlink emulator: socket {id} is not read; aborting it");
                entry.close_reason.get_or_insert_with(|| format!("the client read nothing of {OUTBOX} messages"));
                entry.abort.notify_one();
                false
            }
            Err(mpsc::error::TrySendError::Closed(_)) => false,
        }
    }

    /// Queues an abort after the messages already queued (or at once when the queue is full).
    pub fn abort_after_queued(&mut self, id: u64, reason: &str) {
        if let Some(entry) = self.socket_mut(id).filter(|s| s.is_open()) {
            if entry.outbox.try_send(Outgoing::Abort(reason.to_owned())).is_err() {
                entry.close_reason.get_or_insert_with(|| reason.to_owned());
                entry.abort.notify_one();
            }
        }
    }

    /// Queues a close frame after the messages already queued; false when the queue is full.
    pub fn close_after_queued(&mut self, id: u64, code: u16, reason: &str) -> bool {
        let close = Outgoing::Close { code, reason: reason.to_owned() };
        self.socket_mut(id).filter(|s| s.is_open()).is_some_and(|e| e.outbox.try_send(close).is_ok())
    }

    /// Queues a stall after the messages already queued; false when the queue is full.
    pub fn stall_after_queued(&mut self, id: u64, pause: std::time::Duration) -> bool {
        self.socket_mut(id).filter(|s| s.is_open()).is_some_and(|e| e.outbox.try_send(Outgoing::Stall(pause)).is_ok())
    }

    /// Aborts a socket at once.
    pub fn abort_now(&mut self, id: u64, reason: &str) {
        if let Some(entry) = self.socket_mut(id).filter(|s| s.is_open()) {
            entry.close_reason.get_or_insert_with(|| reason.to_owned());
            entry.abort.notify_one();
        }
    }

    /// A command for a session (`SessionManager.SendMessageToSession`): to its open socket
    /// with the latest activity; recorded either way. The caller has checked that the session
    /// exists.
    pub fn deliver(&mut self, session_id: &str, message_type: &str, data: Value) {
        let (serial, virtual_socket) = self.session(session_id).map_or((0, false), |s| (s.serial, s.virtual_socket));
        let target = self.open_sockets_of(session_id, serial).max_by_key(|s| s.last_activity).map(|s| s.id);
        let (delivery, socket) = match target {
            Some(id) if self.push(id, message_type, Some(data.clone()), false) => (Delivery::Socket, Some(id)),
            _ if virtual_socket => (Delivery::Virtual, None),
            _ => (Delivery::Dropped, None),
        };
        self.commands.entry(session_id.to_owned()).or_default().push(ReceivedCommand {
            message_type: message_type.to_owned(),
            data,
            delivery,
            socket,
        });
    }

    /// Records a message the socket's task wrote.
    pub fn record_sent(&mut self, id: u64, text: String, message_type: String, injected: bool) {
        let session_id = self.socket(id).map(|s| s.session_id.clone()).unwrap_or_default();
        self.sockets.messages.push(SocketMessageRecord {
            socket: id,
            session_id,
            direction: Direction::Sent,
            at: SystemTime::now(),
            message_type: Some(message_type),
            text,
            injected,
        });
    }

    /// Records a message the socket's task read, and refreshes the socket's activity.
    pub fn record_received(&mut self, id: u64, text: &str) {
        let Some(entry) = self.socket_mut(id) else { return };
        entry.last_activity = Instant::now();
        let session_id = entry.session_id.clone();
        self.sockets.messages.push(SocketMessageRecord {
            socket: id,
            session_id,
            direction: Direction::Received,
            at: SystemTime::now(),
            message_type: message_type_of(text),
            text: text.to_owned(),
            injected: false,
        });
    }

    /// The socket's task ended. When the session's last socket is gone the session ends
    /// (`CloseIfNeededAsync`), unless it is a seeded player that stays virtually connected.
    pub fn socket_closed(&mut self, id: u64, reason: &str) {
        let Some(entry) = self.socket_mut(id).filter(|s| s.is_open()) else { return };
        entry.closed_at = Some(SystemTime::now());
        entry.close_reason.get_or_insert_with(|| reason.to_owned());
        entry.subscriptions.clear();
        let (session_id, serial) = (entry.session_id.clone(), entry.session_serial);
        let current = self.session(&session_id).filter(|s| s.serial == serial && !s.virtual_socket).is_some();
        if current && self.open_sockets_of(&session_id, serial).next().is_none() {
            self.end_session(&session_id);
        }
    }

    /// One run of the keep-alive watcher (`KeepAliveSockets`, every fifth of the period):
    /// sockets quiet for more than three quarters of the period get a `ForceKeepAlive`,
    /// sockets quiet for the whole period leave the watch list (and stay open).
    pub fn keepalive_tick(&mut self, now: Instant) {
        let seconds = self.sockets.keepalive_seconds;
        let period = Duration::from_secs(seconds.into());
        let mut remind = Vec::new();
        for entry in self.sockets.entries.iter_mut().filter(|s| s.is_open() && s.watched) {
            let quiet = now.saturating_duration_since(entry.last_keepalive);
            if quiet >= period {
                log::debug!("sessionlink emulator: socket {} lost (no KeepAlive for {quiet:?})", entry.id);
                entry.watched = false;
            } else if quiet > period.mul_f64(0.75) {
                remind.push(entry.id);
            }
        }
        for id in remind {
            self.push(id, "ForceKeepAlive", Some(json!(seconds)), false);
        }
    }

    pub fn socket_infos(&self) -> Vec<SocketInfo> {
        self.sockets.entries.iter().map(SocketEntry::info).collect()
    }
}

impl State {
    /// How long a simulated restart still refuses requests, if one is under way.
    pub fn restart_left(&mut self) -> Option<Duration> {
        let until = self.sockets.restarting_until?;
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            self.sockets.restarting_until = None;
            return None;
        }
        Some(left)
    }
}
