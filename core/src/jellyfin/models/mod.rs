//! Jellyfin wire models: PascalCase JSON, lossless (see [`crate::wire`]).

mod auth;
mod capabilities;
mod command;
mod enums;
mod item;
mod messages;
mod playback;
mod session;
mod system;

pub use auth::{AuthenticationResult, UserDto, UserPolicy};
pub use capabilities::ClientCapabilitiesDto;
pub use command::{GeneralCommand, MessageCommand, NameIdPair};
pub use enums::*;
pub use item::BaseItemDto;
pub use messages::{PlayRequest, PlaystateRequest, UserDataChangeInfo, UserItemDataDto};
pub use playback::{PlaybackProgressInfo, PlaybackStartInfo, PlaybackStopInfo};
pub use session::{PlayerStateInfo, QueueItem, SessionInfoDto, SessionUserInfo, TranscodingInfo};
pub use system::PublicSystemInfo;
