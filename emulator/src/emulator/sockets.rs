//! The session WebSockets: controls (drop, restart, revoke, send anything, the keep-alive
//! period), inspection (sockets, messages, keep-alives, upgrades) and waits.
//!
//! Seeded players ([`Emulator::add_device_session`] and the fixtures) have no real socket but
//! count as connected: commands to them are recorded ([`Delivery::Virtual`]) and they stay
//! `SupportsRemoteControl`, until [`Emulator::drop_session_sockets`] disconnects them.
//!
//! [`Delivery::Virtual`]: crate::types::command::Delivery::Virtual

use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use super::Emulator;
use crate::error::{Error, ErrorKind, Result};
use crate::state::sockets::envelope;
use crate::state::user::Revoked;
use crate::state::State;
use crate::types::socket::{Direction, SocketInfo, SocketMessageRecord, UpgradeRecord};

/// Why a test-driven close happened, as [`SocketInfo::close_reason`] shows it.
const DROPPED: &str = "dropped by the test";
const RESTART: &str = "server restart";

impl Emulator {
    /// Sets the keep-alive period (seconds, at least 1; the server's is 60): the `Data` of
    /// the `ForceKeepAlive` each new socket gets, and the watcher's pace (a socket quiet for
    /// three quarters of it gets another `ForceKeepAlive`; one quiet for all of it leaves
    /// the watch list, without being closed, as on the server).
    pub fn set_keepalive_seconds(&self, seconds: u32) {
        self.shared.lock().sockets.keepalive_seconds = seconds.max(1);
        self.shared.keepalive_changed.notify_one();
    }

    /// The keep-alive period in seconds.
    pub fn keepalive_seconds(&self) -> u32 {
        self.shared.lock().sockets.keepalive_seconds
    }

    /// Whether a client's `KeepAlive` is echoed (`true`, as Jellyfin does). With `false` the
    /// emulator behaves as Jellyfin-compatible servers that never answer `KeepAlive` but,
    /// as every WebSocket server, answer pings: a client must not take that silence for a
    /// dead connection. `KeepAlive`s are still counted; pings are counted in
    /// [`SocketInfo::pings_received`].
    pub fn set_keepalive_echo(&self, echo: bool) {
        self.shared.lock().sockets.keepalive_echo = echo;
    }

    /// Whether a client's `KeepAlive` is echoed.
    pub fn keepalive_echo(&self) -> bool {
        self.shared.lock().sockets.keepalive_echo
    }

    /// How many WebSocket pings the session's clients sent, on all its sockets so far (each
    /// was answered with a pong before it was counted).
    pub fn pings(&self, session_id: &str) -> usize {
        self.shared.lock().sockets.entries.iter().filter(|s| s.session_id == session_id).map(|s| s.pings).sum()
    }

    /// Waits until the session's clients sent at least `count` pings (see
    /// [`Emulator::pings`]) and returns how many; a [`ErrorKind::Timeout`] error if `timeout`
    /// passes first.
    pub async fn wait_for_pings(&self, session_id: &str, count: usize, timeout: Duration) -> Result<usize> {
        let check = || Some(self.pings(session_id)).filter(|n| *n >= count);
        let found = self.shared.signal.wait(timeout, check).await;
        found.ok_or_else(|| self.pings_timeout(session_id, count, timeout))
    }

    /// [`Emulator::wait_for_pings`] for a thread that is not running async code.
    pub fn wait_for_pings_blocking(&self, session_id: &str, count: usize, timeout: Duration) -> Result<usize> {
        let check = || Some(self.pings(session_id)).filter(|n| *n >= count);
        let found = self.shared.signal.wait_blocking(timeout, check);
        found.ok_or_else(|| self.pings_timeout(session_id, count, timeout))
    }

    fn pings_timeout(&self, session_id: &str, count: usize, timeout: Duration) -> Error {
        let got = self.pings(session_id);
        Error::new(ErrorKind::Timeout, format!("{got} of {count} pings on session {session_id} within {timeout:?}"))
    }

    /// Drops every open socket abruptly (the TCP connection closes without a WebSocket close
    /// frame), as a network failure would. Returns how many there were. Seeded players stay
    /// virtually connected.
    pub fn drop_sockets(&self) -> usize {
        self.with_sockets(|state, id| state.abort_now(id, DROPPED), |_| true)
    }

    /// Drops the session's open sockets abruptly, and ends a seeded player's virtual
    /// connection. The session then ends, as on the server when its last socket closes
    /// (commands to it answer 404 until the client comes back). Returns how many real
    /// sockets were dropped.
    pub fn drop_session_sockets(&self, session_id: &str) -> usize {
        let dropped = self.with_sockets(|state, id| state.abort_now(id, DROPPED), |s| s == session_id);
        let mut state = self.shared.lock();
        let virtual_only = state.session(session_id).is_some_and(|s| s.virtual_socket);
        if virtual_only {
            if let Some(session) = state.session_mut(session_id) {
                session.virtual_socket = false;
            }
            if dropped == 0 {
                state.end_session(session_id);
                crate::api::socket::flush(&mut state);
            }
        }
        drop(state);
        self.shared.signal.raise();
        dropped
    }

    /// Simulates a server restart: every open socket gets `ServerRestarting` and is then
    /// dropped; for `down_for`, upgrades and every Jellyfin request but `/System/Ping` are
    /// answered `503` with `Retry-After`, as while the server starts up (those exchanges are
    /// recorded as injected, fault `restarting`); then everything is accepted again. Users,
    /// tokens and saved capabilities survive; sessions end with their last socket. Seeded
    /// players stay. Returns how many sockets were open.
    pub fn simulate_restart(&self, down_for: Duration) -> usize {
        self.shared.lock().sockets.restarting_until = Instant::now().checked_add(down_for);
        self.with_sockets(
            |state, id| {
                state.push(id, "ServerRestarting", None, false);
                state.abort_after_queued(id, RESTART);
            },
            |_| true,
        )
    }

    /// Revokes a device token or an API key, as a logout or an administrator would: the next
    /// request or upgrade with it is refused (401, or 403 for an upgrade). Open sockets stay
    /// open, as on the server; drop them to make the client reconnect. False if unknown.
    pub fn revoke_token(&self, token: &str) -> bool {
        let mut state = self.shared.lock();
        let (tokens, kept) = std::mem::take(&mut state.tokens).into_iter().partition(|t| t.token == token);
        state.tokens = kept;
        let (keys, kept) = std::mem::take(&mut state.api_keys).into_iter().partition(|k| k.key == token);
        state.api_keys = kept;
        let revoked: Vec<Revoked> =
            Vec::into_iter(tokens).map(Revoked::Token).chain(Vec::into_iter(keys).map(Revoked::ApiKey)).collect();
        let found = !revoked.is_empty();
        state.revoked.extend(revoked);
        found
    }

    /// Makes a token revoked by [`Emulator::revoke_token`] valid again (for tests of a
    /// client that must come back once its credentials work again). False if it was not
    /// revoked.
    pub fn restore_token(&self, token: &str) -> bool {
        let mut state = self.shared.lock();
        let Some(at) = state.revoked.iter().position(|r| r.secret() == token) else { return false };
        match state.revoked.remove(at) {
            Revoked::Token(t) => state.tokens.push(t),
            Revoked::ApiKey(k) => state.api_keys.push(k),
        }
        true
    }

    /// Stalls every open socket of the session for `pause`, after the messages already
    /// queued for it: the server neither reads nor writes there meanwhile (no keep-alive
    /// answer, no command), and the connection stays open, as when a server hangs. Returns
    /// how many sockets it stalled.
    pub fn stall_sockets(&self, session_id: &str, pause: Duration) -> usize {
        let mut stalled = 0;
        self.with_sockets(
            |state, id| {
                stalled += usize::from(state.stall_after_queued(id, pause));
            },
            |s| s == session_id,
        );
        stalled
    }

    /// Refuses the next WebSocket upgrade (whoever makes it) with `status` and a `text/plain`
    /// `body` (any text: a hostile server's), instead of answering it.
    pub fn refuse_next_upgrade(&self, status: u16, body: &str) {
        self.shared.lock().sockets.refuse_upgrade = Some((status, body.to_owned()));
    }

    /// Closes every open socket of the session with a WebSocket close frame carrying `code`
    /// and `reason` (any text: a hostile server's), after the messages already queued for
    /// it. Returns how many sockets it closed. The client sees the close and reconnects.
    pub fn close_sockets(&self, session_id: &str, code: u16, reason: &str) -> usize {
        let mut closed = 0;
        self.with_sockets(
            |state, id| {
                closed += usize::from(state.close_after_queued(id, code, reason));
            },
            |s| s == session_id,
        );
        closed
    }

    /// Sends a message of any kind to every open socket of the session, in the server's
    /// envelope (`MessageType`, a fresh `MessageId`, and `Data` when given): for unknown or
    /// unusual kinds. Recorded as `injected`, so contract validation leaves it out. Returns
    /// how many sockets it went to.
    pub fn send_socket_message(&self, session_id: &str, message_type: &str, data: Option<Value>) -> usize {
        self.with_sockets(
            |state, id| {
                let message_id = state.new_guid();
                let text = envelope(message_type, &message_id, data.clone());
                state.push_text(id, text, message_type, true);
            },
            |s| s == session_id,
        )
    }

    /// Sends any text frame (not even JSON, if you like) to every open socket of the
    /// session; recorded as `injected`. Returns how many sockets it went to.
    pub fn send_socket_text(&self, session_id: &str, text: &str) -> usize {
        let kind = crate::state::sockets::message_type_of(text).unwrap_or_default();
        self.with_sockets(
            |state, id| {
                state.push_text(id, text.to_owned(), &kind, true);
            },
            |s| s == session_id,
        )
    }

    /// Every socket so far, open and closed, oldest first.
    pub fn sockets(&self) -> Vec<SocketInfo> {
        self.shared.lock().socket_infos()
    }

    /// The session's open sockets.
    pub fn open_sockets(&self, session_id: &str) -> Vec<SocketInfo> {
        open_of(&self.shared.lock(), session_id)
    }

    /// The WebSocket messages sent and received so far, oldest first: the session's only, or
    /// every socket's with `None`. Sent messages are recorded as they are handed to the
    /// connection, before the write: a message a client has read is always in the record (one
    /// whose write failed, as its connection ended, is too).
    pub fn socket_messages(&self, session_id: Option<&str>) -> Vec<SocketMessageRecord> {
        let state = self.shared.lock();
        state.sockets.messages.iter().filter(|m| session_id.is_none_or(|s| m.session_id == s)).cloned().collect()
    }

    /// When each `KeepAlive` from the session's clients arrived, oldest first.
    pub fn keepalives(&self, session_id: &str) -> Vec<SystemTime> {
        let state = self.shared.lock();
        state
            .sockets
            .messages
            .iter()
            .filter(|m| m.session_id == session_id && m.direction == Direction::Received)
            .filter(|m| m.message_type.as_deref() == Some("KeepAlive"))
            .map(|m| m.at)
            .collect()
    }

    /// How many of the session's `KeepAlive` messages its clients sent unprompted: with no
    /// `ForceKeepAlive` sent to the session since the previous `KeepAlive`. A client with a
    /// keep-alive timer (half the period, as Jellyfin's clients) sends nearly all of its
    /// KeepAlives this way; one that only answers the server's reminders sends none.
    pub fn unprompted_keepalives(&self, session_id: &str) -> usize {
        let state = self.shared.lock();
        let mut reminded = false;
        let mut unprompted = 0;
        for m in state.sockets.messages.iter().filter(|m| m.session_id == session_id) {
            match (m.direction, m.message_type.as_deref()) {
                (Direction::Sent, Some("ForceKeepAlive")) => reminded = true,
                (Direction::Received, Some("KeepAlive")) => {
                    unprompted += usize::from(!reminded);
                    reminded = false;
                }
                _ => {}
            }
        }
        unprompted
    }

    /// Every WebSocket upgrade request so far, accepted or refused, oldest first.
    pub fn socket_upgrades(&self) -> Vec<UpgradeRecord> {
        self.shared.lock().sockets.upgrades.clone()
    }

    /// Forgets the recorded socket messages and upgrades (the sockets themselves stay), for a
    /// test that sends out-of-contract frames on purpose and must keep them out of the
    /// exchange log.
    pub fn clear_socket_log(&self) {
        let mut state = self.shared.lock();
        state.sockets.messages.clear();
        state.sockets.upgrades.clear();
    }

    /// Waits until the session has exactly `count` open sockets, and returns them; a
    /// [`ErrorKind::Timeout`] error if `timeout` passes first.
    pub async fn wait_for_open_sockets(
        &self,
        session_id: &str,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<SocketInfo>> {
        let found = self.shared.signal.wait(timeout, || self.open_count_is(session_id, count)).await;
        found.ok_or_else(|| self.sockets_timeout(session_id, count, timeout))
    }

    /// [`Emulator::wait_for_open_sockets`] for a thread that is not running async code.
    pub fn wait_for_open_sockets_blocking(
        &self,
        session_id: &str,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<SocketInfo>> {
        let found = self.shared.signal.wait_blocking(timeout, || self.open_count_is(session_id, count));
        found.ok_or_else(|| self.sockets_timeout(session_id, count, timeout))
    }

    /// Waits until at least `count` messages of the session's sockets went in `direction`
    /// (of kind `message_type`, or any), and returns all of those; a [`ErrorKind::Timeout`]
    /// error if `timeout` passes first.
    pub async fn wait_for_socket_messages(
        &self,
        session_id: &str,
        direction: Direction,
        message_type: Option<&str>,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<SocketMessageRecord>> {
        let check = || self.matching(session_id, direction, message_type, count);
        let found = self.shared.signal.wait(timeout, check).await;
        found.ok_or_else(|| self.messages_timeout(session_id, direction, message_type, count, timeout))
    }

    /// [`Emulator::wait_for_socket_messages`] for a thread that is not running async code.
    pub fn wait_for_socket_messages_blocking(
        &self,
        session_id: &str,
        direction: Direction,
        message_type: Option<&str>,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<SocketMessageRecord>> {
        let check = || self.matching(session_id, direction, message_type, count);
        let found = self.shared.signal.wait_blocking(timeout, check);
        found.ok_or_else(|| self.messages_timeout(session_id, direction, message_type, count, timeout))
    }

    /// Applies `act` to every open socket whose session `select` picks, then wakes waiters.
    fn with_sockets(&self, mut act: impl FnMut(&mut State, u64), select: impl Fn(&str) -> bool) -> usize {
        let mut state = self.shared.lock();
        let ids: Vec<u64> =
            state.sockets.entries.iter().filter(|s| s.is_open() && select(&s.session_id)).map(|s| s.id).collect();
        for id in &ids {
            act(&mut state, *id);
        }
        drop(state);
        self.shared.signal.raise();
        ids.len()
    }

    fn open_count_is(&self, session_id: &str, count: usize) -> Option<Vec<SocketInfo>> {
        let open = open_of(&self.shared.lock(), session_id);
        (open.len() == count).then_some(open)
    }

    fn matching(
        &self,
        session_id: &str,
        direction: Direction,
        message_type: Option<&str>,
        count: usize,
    ) -> Option<Vec<SocketMessageRecord>> {
        let state = self.shared.lock();
        let found: Vec<SocketMessageRecord> = state
            .sockets
            .messages
            .iter()
            .filter(|m| m.session_id == session_id && m.direction == direction)
            .filter(|m| message_type.is_none_or(|t| m.message_type.as_deref() == Some(t)))
            .cloned()
            .collect();
        (found.len() >= count).then_some(found)
    }

    fn sockets_timeout(&self, session_id: &str, count: usize, timeout: Duration) -> Error {
        let open = self.open_sockets(session_id).len();
        Error::new(
            ErrorKind::Timeout,
            format!("session {session_id} had {open} open sockets, not {count}, after {timeout:?}"),
        )
    }

    fn messages_timeout(
        &self,
        session_id: &str,
        direction: Direction,
        message_type: Option<&str>,
        count: usize,
        timeout: Duration,
    ) -> Error {
        let got = self.matching(session_id, direction, message_type, 0).map_or(0, |m| m.len());
        let kind = message_type.unwrap_or("any");
        Error::new(
            ErrorKind::Timeout,
            format!("{got} of {count} {kind} messages {direction:?} on session {session_id} within {timeout:?}"),
        )
    }
}

fn open_of(state: &State, session_id: &str) -> Vec<SocketInfo> {
    state.sockets.entries.iter().filter(|s| s.is_open() && s.session_id == session_id).map(|s| s.info()).collect()
}
