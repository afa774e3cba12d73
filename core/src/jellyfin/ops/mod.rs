//! The Jellyfin operations, grouped by what they act on: one file per group, one method per
//! operation, each declaring its route once.

mod capabilities;
mod commands;
mod playback;
mod reporting;
mod sessions;
mod users;

pub use capabilities::CapabilitiesQuery;
pub use playback::PlayOptions;
pub use sessions::{select_session, GetSessionsQuery};
