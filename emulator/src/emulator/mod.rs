//! The public handle: starting the emulator, where it listens, and its seeded data. Seeding,
//! faults and recording are in the files beside this one.

mod compression;
mod exchange_log;
mod faults;
mod g4;
mod jellyfin;
mod quick_connect;
mod recording;
mod sockets;

use std::fmt;
use std::sync::Arc;

use tokio::runtime::Handle;

pub use self::exchange_log::EXCHANGE_LOG_ENV;
use crate::error::{Error, ErrorKind, Result};
use crate::fixtures::{self, Fixtures};
use crate::server::discovery::Discovery;
use crate::server::shared::Shared;
use crate::server::{self, Server};
use crate::state::State;

/// A running emulator. Dropping it stops the server: it accepts no new connection, and open
/// ones are closed once their request in flight is answered.
pub struct Emulator {
    shared: Arc<Shared>,
    server: Server,
    discovery: Discovery,
    fixtures: Fixtures,
}

// Bindings keep the emulator behind `Arc`s and use it from any thread.
const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Emulator>();
};

impl Emulator {
    /// Starts the emulator on 127.0.0.1 (random port) on the current tokio runtime, which
    /// must have I/O and time enabled (`#[tokio::test]` and `#[tokio::main]` do). Awaited
    /// outside a tokio runtime it fails with [`ErrorKind::Runtime`].
    pub async fn start() -> Result<Emulator> {
        let handle = Handle::try_current().map_err(|e| {
            Error::new(ErrorKind::Runtime, format!("Emulator::start needs a tokio runtime ({e}); use start_blocking"))
        })?;
        Self::start_on(&handle)
    }

    /// Starts the emulator on the given runtime, which must have I/O and time enabled. Never
    /// blocks, so it is also safe to call from inside a runtime.
    pub fn start_on(handle: &Handle) -> Result<Emulator> {
        let mut state = State::new();
        let fixtures = fixtures::seed(&mut state);
        let shared = Arc::new(Shared::new(state));
        let server = server::spawn(handle, shared.clone())?;
        let discovery = server::discovery::spawn(handle, shared.clone(), format!("http://{}", server.addr))?;
        Ok(Emulator { shared, server, discovery, fixtures })
    }

    /// Starts the emulator on a runtime of its own (started on first use, never dropped), for
    /// callers without one: a `#[test]`, a program, a binding. Never blocks, so it is also
    /// safe to call from inside a runtime.
    pub fn start_blocking() -> Result<Emulator> {
        Self::start_on(&crate::runtime::handle()?)
    }

    /// `http://127.0.0.1:PORT`: the Jellyfin API, which also answers under `/jellyfin`.
    pub fn url(&self) -> String {
        format!("http://{}", self.server.addr)
    }

    /// `http://127.0.0.1:PORT/g4`: the base of the G4 Sessions API.
    pub fn g4_url(&self) -> String {
        format!("http://{}/g4", self.server.addr)
    }

    /// `127.0.0.1:PORT`: where the emulator answers UDP discovery (`who is JellyfinServer?`)
    /// as a Jellyfin server does on port 7359, with its [`url`](Self::url) as the address.
    /// Give it to a client's discovery as a target.
    pub fn discovery_address(&self) -> String {
        self.discovery.addr.to_string()
    }

    /// How many discovery questions the emulator has answered.
    pub fn discovery_queries(&self) -> u64 {
        self.discovery.answered()
    }

    /// Names, passwords and ids of the seeded data.
    pub fn fixtures(&self) -> Fixtures {
        self.fixtures.clone()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        // Ends the sockets and the keep-alive watcher.
        self.shared.stop.send_replace(true);
        if !self.shared.logged.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let sockets = {
            let state = self.shared.lock();
            exchange_log::SocketLog {
                upgrades: state.sockets.upgrades.clone(),
                messages: state.sockets.messages.clone(),
            }
        };
        let journal = self.shared.journal.lock();
        exchange_log::write(&[journal.cleared.as_slice(), journal.exchanges.as_slice()].concat(), &sockets);
    }
}

impl fmt::Debug for Emulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emulator").field("url", &self.url()).finish_non_exhaustive()
    }
}
