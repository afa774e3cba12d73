//! # sessionlink-emulator
//!
//! An in-process HTTP server that implements the **Jellyfin Session API** and the **G4
//! Sessions API** with real state — users, tokens, sessions with sliding TTLs, tenants,
//! capabilities, playback reports, and a per-session record of delivered commands — so that
//! clients can be tested over real HTTP on 127.0.0.1 without a network or a real server. It
//! injects faults on request (resets, stalls, cut and oversized bodies, 503, stale keep-alive
//! connections, latency) and notices clients that give up, so error handling can be tested
//! too.
//!
//! ```no_run
//! # fn demo() -> sessionlink_emulator::Result<()> {
//! use std::time::Duration;
//! use sessionlink_emulator::Emulator;
//!
//! let emu = Emulator::start_blocking()?;
//! let fx = emu.fixtures();
//! println!("Jellyfin at {}, log in as {}", emu.url(), fx.jellyfin.admin_user);
//! emu.inject_latency(Duration::from_secs(5)); // the next request waits 5 s...
//! // ...a client that gives up meanwhile leaves it unapplied:
//! let aborted = emu.wait_for_abort_blocking(Duration::from_secs(10))?;
//! println!("{} {} was aborted", aborted.method, aborted.raw_path);
//! # Ok(()) }
//! ```
//!
//! It deliberately shares no code with the `sessionlink` clients: it writes its own wire
//! JSON from the contracts, so a misunderstanding in a client model cannot hide behind the
//! same misunderstanding in the server it is tested against.
//!
//! It speaks Jellyfin's session WebSocket on `/socket` (any path under the base, as the
//! server): `ForceKeepAlive` and the `KeepAlive` echo, the commands of the HTTP operations
//! pushed to the target session's socket, `Sessions` pushes after `SessionsStart`, and
//! `IsActive`/`SupportsRemoteControl` following the sockets. Tests drop sockets, simulate a
//! restart, revoke tokens, send any message, and inspect every frame (see
//! [`Emulator::drop_sockets`] and its neighbours). Seeded players count as connected
//! without a socket, so commands to them are recorded ([`Emulator::commands`]).
//!
//! Inside, modules form layers, each using only the ones below it: `text` and `types`;
//! `wire` (requests and replies as data); `state`; `fixtures` and `render` (wire JSON);
//! `api` (the two APIs as functions of state and request); `server` (connections, faults,
//! recording); `emulator` (the public handle).

mod api;
mod emulator;
mod error;
pub mod fixtures;
mod render;
mod runtime;
mod server;
mod state;
mod text;
mod types;
mod wire;

pub use emulator::{Emulator, EXCHANGE_LOG_ENV};
pub use error::{Error, ErrorKind, Result};
pub use fixtures::{Fixtures, G4Fixtures, JellyfinFixtures};
pub use types::command::{Delivery, ReceivedCommand};
pub use types::device::DeviceSession;
pub use types::exchange::{Api, Exchange};
pub use types::fault::{ContentCoding, Fault};
pub use types::socket::{Direction, SocketInfo, SocketMessageRecord, UpgradeRecord};
