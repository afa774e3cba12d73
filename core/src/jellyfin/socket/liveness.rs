//! When the socket's peer is gone: the keep-alive timer, and the silence that ends a
//! connection.
//!
//! The server announces its keep-alive period in `ForceKeepAlive`; the client sends
//! `KeepAlive` every [`KEEPALIVE_FRACTION`] of it. Jellyfin echoes each `KeepAlive`, but a
//! server is not obliged to (independent Jellyfin-compatible servers do not): what every
//! RFC 6455 server does is answer a WebSocket ping with a pong. So the first time a whole
//! keep-alive interval passes with nothing heard, the client starts sending a ping with
//! every `KeepAlive` on that connection, and a peer is declared gone only when nothing at
//! all (no message, no pong) has been heard for [`SILENT_PERIODS`] periods. A server that
//! echoes never sees a ping; one that does not is kept alive by its pongs.

use std::time::Duration;

use tokio::time::{Instant, Interval, MissedTickBehavior};

/// The fraction of the server's keep-alive period after which the client sends `KeepAlive`.
pub const KEEPALIVE_FRACTION: f64 = 0.5;

/// After this many keep-alive periods with nothing heard from the server (no message, no
/// pong), the connection is declared dead and the socket reconnects.
pub const SILENT_PERIODS: f64 = 1.5;

/// The shortest keep-alive interval, whatever the server announces.
const MIN_INTERVAL: Duration = Duration::from_millis(100);

/// What one keep-alive tick sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Beat {
    /// A WebSocket ping with the `KeepAlive`: the server left an interval unanswered.
    pub ping: bool,
}

/// The liveness state of one connection.
#[derive(Debug)]
pub(crate) struct Liveness {
    /// `None` until the server's `ForceKeepAlive`: the server decides whether to keep alive.
    timer: Option<Interval>,
    limit: Option<Duration>,
    last_heard: Instant,
    heard_since_tick: bool,
    /// Set for the rest of the connection once an interval passed unanswered.
    pinging: bool,
}

impl Liveness {
    pub fn new() -> Self {
        Liveness { timer: None, limit: None, last_heard: Instant::now(), heard_since_tick: true, pinging: false }
    }

    /// Something came from the server (any frame, pongs included), or reading resumed.
    pub fn heard(&mut self) {
        self.last_heard = Instant::now();
        self.heard_since_tick = true;
    }

    /// The server's `ForceKeepAlive`: its period in seconds (at least 1).
    pub fn force_keepalive(&mut self, seconds: i32) {
        let period = Duration::from_secs(u64::try_from(seconds).unwrap_or(60).max(1));
        let mut timer = tokio::time::interval(period.mul_f64(KEEPALIVE_FRACTION).max(MIN_INTERVAL));
        timer.set_missed_tick_behavior(MissedTickBehavior::Delay);
        self.timer = Some(timer);
        self.limit = Some(period.mul_f64(SILENT_PERIODS));
    }

    /// When the connection is dead unless something is heard first.
    pub fn deadline(&self) -> Option<Instant> {
        self.limit.map(|limit| self.last_heard + limit)
    }

    /// The next keep-alive tick (never, before `ForceKeepAlive`).
    pub async fn tick(&mut self) -> Beat {
        match &mut self.timer {
            Some(timer) => {
                timer.tick().await;
            }
            None => std::future::pending().await,
        }
        if !self.heard_since_tick && !self.pinging {
            self.pinging = true;
            log::debug!(
                target: crate::logging::SOCKET,
                "the server did not answer a keep-alive interval: pinging with every KeepAlive"
            );
        }
        self.heard_since_tick = false;
        Beat { ping: self.pinging }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn pings_start_after_an_unanswered_interval_and_stay() {
        let mut l = Liveness::new();
        l.heard();
        l.force_keepalive(2);
        assert_eq!(l.deadline(), Some(l.last_heard + Duration::from_secs(3)));
        // The first tick is at once; the ForceKeepAlive was heard.
        assert_eq!(l.tick().await, Beat { ping: false });
        l.heard(); // the echo
        assert_eq!(l.tick().await, Beat { ping: false });
        // No echo during this interval: the next tick pings, and so does every later one.
        assert_eq!(l.tick().await, Beat { ping: true });
        l.heard();
        assert_eq!(l.tick().await, Beat { ping: true });
    }

    #[tokio::test(start_paused = true)]
    async fn nothing_before_force_keepalive() {
        let mut l = Liveness::new();
        assert_eq!(l.deadline(), None);
        let tick = tokio::time::timeout(Duration::from_secs(3600), l.tick()).await;
        assert!(tick.is_err(), "no keep-alive before the server asks for one");
    }
}
