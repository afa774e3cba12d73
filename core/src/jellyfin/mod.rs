//! The Jellyfin Session API (Jellyfin 10.11.11): 16 operations plus `AuthenticateByName`, and
//! getting connected (the server's info, Quick Connect, who the token belongs to).

mod auth_header;
mod client;
mod config;
pub mod discovery;
pub mod models;
mod ops;
mod quick_connect;
mod session_changes;
pub mod socket;

pub use auth_header::{render as render_authorization, ClientIdentity};
pub use client::JellyfinClient;
pub use config::{default_device, JellyfinConfig};
pub use ops::{select_session, CapabilitiesQuery, GetSessionsQuery, PlayOptions};
pub use quick_connect::{
    quick_connect, QuickConnectPending, QuickConnectWait, QUICK_CONNECT_LIFETIME, QUICK_CONNECT_POLL_INTERVAL,
};
pub use session_changes::{SessionChange, SessionChangeKind, SessionChanges};
