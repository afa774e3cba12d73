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
//! The server has no WebSockets yet. Every session behaves as if its socket were connected:
//! commands sent to it are recorded ([`Emulator::commands`]) instead of dropped, and its
//! `SupportsRemoteControl` follows its `SupportsMediaControl` capability.
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
pub use types::command::ReceivedCommand;
pub use types::device::DeviceSession;
pub use types::exchange::{Api, Exchange};
pub use types::fault::Fault;
