//! # sessionlink
//!
//! Async clients for the **Jellyfin Session API** (16 operations plus `AuthenticateByName`)
//! and the **G4 Sessions API** (5 operations), exact on the wire and lossless: unknown
//! fields and enum values survive a decode → encode round trip.
//!
//! ```no_run
//! use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
//! use sessionlink::jellyfin::models::PlaystateCommand;
//!
//! # async fn demo() -> sessionlink::Result<()> {
//! let client = JellyfinClient::new(JellyfinConfig::new("http://127.0.0.1:8096", "My PC", "my-pc-1"))?;
//! client.authenticate_by_name("alice", "wonderland").await?;
//! for session in client.get_sessions(&GetSessionsQuery::default()).await? {
//!     println!("{:?} on {:?}", session.user_name, session.device_name);
//! }
//! # Ok(()) }
//! ```

// The public API is documented entirely: docs.rs and IDEs are how users learn it.
#![deny(missing_docs)]
pub mod call;
mod encoding;
pub mod error;
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing;
pub mod g4;
pub mod jellyfin;
pub mod logging;
pub mod runtime;
pub mod secret;
pub mod transport;
pub mod wire;

pub use call::{Call, Prepared};
pub use error::{Error, ErrorKind, Result};
pub use secret::Secret;
pub use transport::TransportOptions;

/// The version of this crate, as in Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The Rust blocks of the README and of the user guide (`docs/`) are doc tests: compiled,
/// and run where they use the embedded emulator, so they cannot drift from the API.
/// `tests/docs/run.sh` checks that every page with a Rust block is listed here.
#[cfg(doctest)]
pub mod doc_pages {
    #[doc = include_str!("../../README.md")]
    pub struct Readme;
    #[doc = include_str!("../../docs/rust.md")]
    pub struct Rust;
    #[doc = include_str!("../../docs/errors.md")]
    pub struct Errors;
    #[doc = include_str!("../../docs/testing.md")]
    pub struct Testing;
    #[doc = include_str!("../../docs/security.md")]
    pub struct Security;
    #[doc = include_str!("../../docs/sockets.md")]
    pub struct Sockets;
    #[doc = include_str!("../../docs/discovery.md")]
    pub struct Discovery;
    #[doc = include_str!("../../docs/getting-connected.md")]
    pub struct GettingConnected;
}
