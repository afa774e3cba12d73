//! Jellyfin wire JSON, written the way the server's System.Text.Json options write it
//! (jellyfin-notes.md §1): PascalCase, null properties left out, GUIDs in N format, dates with
//! seven fractional digits and a `Z`.
//!
//! Key order: `serde_json::Value` objects sort their keys, so objects come out in alphabetical
//! rather than declaration order. JSON object order carries no meaning and no client may
//! depend on it.

pub(crate) mod case;
pub(crate) mod date;
pub(crate) mod item;
pub(crate) mod problem;
pub(crate) mod session;
pub(crate) mod user;
