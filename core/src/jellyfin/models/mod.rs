//! Jellyfin wire models: PascalCase JSON, lossless (see [`crate::wire`]). Every public item of
//! a model file is a model, so each file is re-exported whole: a new model in an existing file
//! needs no line here.

mod auth;
mod capabilities;
mod command;
mod discovery;
mod enums;
mod item;
mod messages;
mod playback;
mod quick_connect;
mod session;
mod system;

pub use auth::*;
pub use capabilities::*;
pub use command::*;
pub use discovery::*;
pub use enums::*;
pub use item::*;
pub use messages::*;
pub use playback::*;
pub use quick_connect::*;
pub use session::*;
pub use system::*;
