//! `ClientCapabilitiesDto`: what a session can play and which remote commands it accepts.

use crate::jellyfin::models::{GeneralCommandType, MediaType};
use crate::wire_struct;

wire_struct! {
    /// Posting capabilities replaces the previous ones entirely (they are not merged).
    pub struct ClientCapabilitiesDto {
        playable_media_types: Vec<MediaType> = "PlayableMediaTypes",
        supported_commands: Vec<GeneralCommandType> = "SupportedCommands",
        supports_media_control: bool = "SupportsMediaControl",
        supports_persistent_identifier: bool = "SupportsPersistentIdentifier",
        /// A `DeviceProfile`, kept as JSON.
        device_profile: Option<serde_json::Value> = "DeviceProfile",
        app_store_url: Option<String> = "AppStoreUrl",
        icon_url: Option<String> = "IconUrl",
    }
}

impl ClientCapabilitiesDto {
    /// The capabilities a client starts from: the server's defaults for
    /// `PostCapabilities` (`SupportsPersistentIdentifier` on; nothing playable, no commands,
    /// no media control). Every binding builds its requests from these.
    pub fn new() -> Self {
        ClientCapabilitiesDto { supports_persistent_identifier: true, ..Default::default() }
    }
}
