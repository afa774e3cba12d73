//! The 16 Session operations and the login, grouped by what they act on.

mod capabilities;
mod commands;
mod playback;
mod sessions;
mod users;

pub use capabilities::CapabilitiesQuery;
pub use playback::PlayOptions;
pub use sessions::GetSessionsQuery;
