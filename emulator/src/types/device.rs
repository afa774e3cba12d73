//! Another player on the Jellyfin server, as a test seeds it.

/// Another player on the Jellyfin server, as [`Emulator::add_device_session`] seeds it.
///
/// [`Emulator::add_device_session`]: crate::Emulator::add_device_session
#[derive(Debug, Clone, Default)]
pub struct DeviceSession {
    pub client: String,
    pub device_name: String,
    pub device_id: String,
    pub app_version: String,
    /// The user id (32 hex, dashed also accepted); `None` for a session without a user.
    pub user_id: Option<String>,
    pub supports_media_control: bool,
    pub now_playing_item_id: Option<String>,
}
