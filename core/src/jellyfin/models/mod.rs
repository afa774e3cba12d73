//! Jellyfin wire models: PascalCase JSON, lossless (see [`crate::wire`]).

mod auth;
mod capabilities;
mod command;
mod enums;
mod item;
mod playback;
mod session;

pub use auth::{AuthenticationResult, UserDto, UserPolicy};
pub use capabilities::ClientCapabilitiesDto;
pub use command::{GeneralCommand, MessageCommand, NameIdPair};
pub use enums::*;
pub use item::BaseItemDto;
pub use playback::{PlaybackProgressInfo, PlaybackStartInfo, PlaybackStopInfo};
pub use session::{PlayerStateInfo, QueueItem, SessionInfoDto, SessionUserInfo, TranscodingInfo};
