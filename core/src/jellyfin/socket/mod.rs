//! The session's WebSocket (`/socket`): how a session receives remote-control commands and
//! live session lists (jellyfin-notes.md §5).
//!
//! Jellyfin delivers `Play`, `Playstate` and `GeneralCommand` (everything the Session
//! operations send) only over this socket, and a session without an open socket is neither
//! `IsActive` nor `SupportsRemoteControl`. [`JellyfinClient::become_controllable`] posts
//! the capabilities and opens the socket in one call; [`JellyfinClient::open_socket`] is the
//! general form (a dashboard subscribes to `Sessions` with it).
//!
//! The library keeps the socket alive (`KeepAlive` at half the `ForceKeepAlive` period,
//! with a WebSocket ping too once the server leaves one unanswered), declares the
//! connection dead after 1.5 periods without a message or a pong, reconnects after drops and server restarts with exponential backoff and jitter, re-posts
//! the capabilities and renews the subscription after every reconnect, and ends the stream
//! with `Unauthorized` when the token was revoked. Buffering is bounded (see
//! [`SocketOptions::buffer`]).

mod connection;
mod liveness;
mod message;
mod queue;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::call::Call;
use crate::error::{Error, Result};
use crate::jellyfin::models::{ClientCapabilitiesDto, GeneralCommandType, MediaType};
use crate::jellyfin::JellyfinClient;
use crate::transport::Route;

use connection::Command;
pub use liveness::{KEEPALIVE_FRACTION, SILENT_PERIODS};
pub use message::{Envelope, MessageData, SocketMessage, KNOWN_KINDS};
use queue::Queue;

const SOCKET: Route = Route::new("GET /socket");

/// How a socket behaves. Start from `SocketOptions::default()`.
#[derive(Debug, Clone)]
pub struct SocketOptions {
    /// Posted with `POST /Sessions/Capabilities/Full` after the socket opens and after every
    /// reconnect; `None` posts nothing.
    pub capabilities: Option<ClientCapabilitiesDto>,
    /// Subscribe to `Sessions` pushes at once: (initial delay, interval).
    pub sessions: Option<(Duration, Duration)>,
    /// How many events may wait for the reader (at least 1; default 256). When full, the
    /// socket stops reading the connection until the reader catches up (commands are never
    /// dropped); a newer `Sessions` list replaces a waiting one.
    pub buffer: usize,
    /// When to reconnect after a drop.
    pub reconnect: Reconnect,
}

impl Default for SocketOptions {
    fn default() -> Self {
        SocketOptions { capabilities: None, sessions: None, buffer: 256, reconnect: Reconnect::default() }
    }
}

/// Exponential backoff with jitter: the n-th consecutive failure waits between half and all
/// of `min(initial × factor^(n-1), max)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reconnect {
    /// The wait before the first reconnect attempt (before jitter).
    pub initial: Duration,
    /// The longest wait between attempts.
    pub max: Duration,
    /// How much each consecutive failure multiplies the wait (at least 1).
    pub factor: f64,
}

impl Default for Reconnect {
    fn default() -> Self {
        Reconnect { initial: Duration::from_secs(1), max: Duration::from_secs(60), factor: 2.0 }
    }
}

impl Reconnect {
    /// The wait before reconnect attempt `failures` (1 for the first).
    pub fn delay(&self, failures: u32) -> Duration {
        let exponent = i32::try_from(failures.saturating_sub(1)).unwrap_or(i32::MAX).min(64);
        let factor = if self.factor.is_finite() && self.factor >= 1.0 { self.factor } else { 1.0 };
        let full = self.initial.as_secs_f64() * factor.powi(exponent);
        let full = if full.is_finite() { full.min(self.max.as_secs_f64()) } else { self.max.as_secs_f64() };
        // Jitter, so that every client of a restarted server does not come back at once.
        let fraction = 0.5 + 0.5 * random_unit();
        Duration::from_secs_f64((full * fraction).max(0.0))
    }
}

/// A number in [0, 1) from the process's hash keys: enough for jitter, no extra crate.
fn random_unit() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher
        .write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// What a socket's reader receives.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
// Almost every event is a message: boxing it would cost an allocation per message to save
// bytes on the rare connection events.
#[allow(clippy::large_enum_variant)]
pub enum SocketEvent {
    /// The socket is open (again): capabilities were posted, the subscription renewed.
    Connected {
        /// `false` for the first connection.
        reconnected: bool,
    },
    /// The connection dropped; the socket reconnects after `retry_in`. A reader always gets
    /// one before the `Connected { reconnected: true }` that ends the outage; a reader that
    /// falls behind while the connection flaps gets the newest drop only.
    Disconnected {
        /// Why the connection ended.
        reason: String,
        /// When the next attempt starts.
        retry_in: Duration,
    },
    /// A message from the server.
    Message(SocketMessage),
}

/// An open session socket. Read it with [`Socket::next`]; dropping it closes it.
pub struct Socket {
    queue: Arc<Queue>,
    commands: mpsc::UnboundedSender<Command>,
}

impl Socket {
    /// The next event. `Some(Err(_))` ends the stream with why (`Unauthorized` when the
    /// token was revoked); `None` follows a close. Several readers may share a socket:
    /// each event goes to one of them.
    pub async fn next(&self) -> Option<Result<SocketEvent>> {
        self.queue.next().await
    }

    /// Starts `Sessions` pushes: the server sends the whole list its user may see after
    /// each session event (a session starts or ends, playback starts, stops or progresses,
    /// capabilities change: at once; other activity: at most once per `interval`). Nothing
    /// comes before the first event: the server sends no list on subscribing, and keeps
    /// `initial_delay` without using it. Renewed after reconnects.
    pub fn subscribe_sessions(&self, initial_delay: Duration, interval: Duration) -> Result<()> {
        self.command(Command::SessionsStart { initial_delay, interval })
    }

    /// Stops `Sessions` pushes.
    pub fn unsubscribe_sessions(&self) -> Result<()> {
        self.command(Command::SessionsStop)
    }

    /// Closes the socket cleanly; the stream then ends with `None`. Closing twice is fine.
    pub fn close(&self) {
        let _ = self.commands.send(Command::Close);
    }

    fn command(&self, command: Command) -> Result<()> {
        self.commands.send(command).map_err(|_| Error::invalid_argument("the socket is closed"))
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.close();
    }
}

impl fmt::Debug for Socket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Socket").finish_non_exhaustive()
    }
}

impl JellyfinClient {
    /// Opens the session's WebSocket (`ws(s)://<base URL>/socket`, authenticated as the HTTP
    /// calls are), posts `options.capabilities` if any, and subscribes to `Sessions` if
    /// asked. The first connection's failure is the call's error; later drops reconnect.
    pub fn open_socket(&self, options: SocketOptions) -> Call<Socket> {
        let checked = if self.has_token() {
            Ok(())
        } else {
            Err(Error::invalid_argument("the socket needs a logged-in client (authenticate_by_name or a token)"))
        };
        let client = self.clone();
        Call::task(SOCKET, checked, async move {
            let mut ws = connection::connect(&client).await?;
            connection::prepare(&client, &options, &mut ws, options.sessions).await?;
            let queue = Arc::new(Queue::new(options.buffer));
            queue.push(SocketEvent::Connected { reconnected: false });
            let (commands, receiver) = mpsc::unbounded_channel();
            let sessions = options.sessions;
            tokio::spawn(connection::run(client, options, queue.clone(), receiver, ws, sessions));
            Ok(Socket { queue, commands })
        })
    }

    /// Makes this client a remote-controllable session in one call: posts capabilities with
    /// `SupportsMediaControl` and the given media types and commands, and opens the socket,
    /// whose events are the `Play`, `Playstate` and `GeneralCommand` messages sent to it.
    /// Report what plays with `report_playback_start` / `_progress` / `_stopped`.
    pub fn become_controllable(
        &self,
        playable_media_types: &[MediaType],
        supported_commands: &[GeneralCommandType],
    ) -> Call<Socket> {
        let capabilities = ClientCapabilitiesDto {
            playable_media_types: playable_media_types.to_vec(),
            supported_commands: supported_commands.to_vec(),
            supports_media_control: true,
            ..ClientCapabilitiesDto::new()
        };
        self.open_socket(SocketOptions { capabilities: Some(capabilities), ..SocketOptions::default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_its_cap_with_jitter() {
        let r = Reconnect::default();
        for (failures, full) in [(1, 1.0), (2, 2.0), (3, 4.0), (7, 60.0), (1000, 60.0)] {
            let d = r.delay(failures).as_secs_f64();
            assert!(d >= full * 0.5 && d <= full, "failure {failures}: {d}");
        }
    }

    /// A factor under 1 (or not a number) would shrink the waits of a server that stays down:
    /// it is read as 1, so every wait stays `initial`.
    #[test]
    fn a_factor_under_one_keeps_the_initial_wait() {
        for factor in [0.5, 0.0, -2.0, f64::NAN, f64::NEG_INFINITY] {
            let r = Reconnect { factor, ..Reconnect::default() };
            for failures in [1, 3, 10] {
                let d = r.delay(failures).as_secs_f64();
                assert!((0.5..=1.0).contains(&d), "factor {factor}, failure {failures}: {d}");
            }
        }
    }

    /// Jitter spreads the clients of a restarted server over the whole window: of 200 waits,
    /// some fall in its first fifth and some in its last (each misses with odds 0.8^200, 4e-20).
    #[test]
    fn jitter_covers_the_window() {
        let r = Reconnect { initial: Duration::from_secs(10), ..Reconnect::default() };
        let waits: Vec<f64> = (0..200).map(|_| r.delay(1).as_secs_f64()).collect();
        assert!(waits.iter().any(|&w| w < 6.0), "{waits:?}");
        assert!(waits.iter().any(|&w| w > 9.0), "{waits:?}");
    }
}
