//! The G4 Sessions API: tenant-scoped login sessions with a JSON data document and a
//! sliding time-to-live.

mod client;
mod config;
pub mod models;
mod ops;

pub use client::G4Client;
pub use config::{G4Auth, G4Config};
