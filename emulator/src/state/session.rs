//! A Jellyfin session: one client on one device, with its capabilities and what it plays.

use std::time::SystemTime;

use serde_json::{json, Value};

/// `ClientCapabilities`; `Default` is what a session has before it reports any.
#[derive(Clone, Debug)]
pub(crate) struct Capabilities {
    pub playable_media_types: Vec<String>,
    pub supported_commands: Vec<String>,
    pub supports_media_control: bool,
    pub supports_persistent_identifier: bool,
    pub device_profile: Option<Value>,
    pub app_store_url: Option<String>,
    pub icon_url: Option<String>,
}

impl Default for Capabilities {
    fn default() -> Self {
        Capabilities {
            playable_media_types: Vec::new(),
            supported_commands: Vec::new(),
            supports_media_control: false,
            supports_persistent_identifier: true,
            device_profile: None,
            app_store_url: None,
            icon_url: None,
        }
    }
}

/// The session's `NowPlayingItem`.
#[derive(Clone, Debug)]
pub(crate) enum NowPlaying {
    /// A library item, shown as the server's own `BaseItemDto` for it.
    Library(String),
    /// The `Item` a client reported itself (the server keeps it as sent).
    Reported(Value),
}

impl NowPlaying {
    /// The `Id` of the item, in whatever form it has.
    pub fn id(&self) -> Option<&str> {
        match self {
            NowPlaying::Library(id) => Some(id),
            NowPlaying::Reported(item) => item.get("Id").and_then(Value::as_str),
        }
    }
}

pub(crate) struct Session {
    pub id: String,
    /// Which incarnation of the session id this is: a session that ends and starts again
    /// (same Client + DeviceId) is a new object on the server, without the old one's sockets.
    pub serial: u64,
    /// A seeded player: it counts as connected (commands to it are recorded as delivered)
    /// without a real socket, until a test drops its sockets.
    pub virtual_socket: bool,
    /// A socket was attached once (`SessionControllers` is not empty): from then on the
    /// session is `IsActive` only while one is open.
    pub has_controller: bool,
    pub client: String,
    pub device_id: String,
    pub device_name: String,
    pub version: String,
    pub user_id: Option<String>,
    pub additional_users: Vec<String>,
    pub capabilities: Capabilities,
    pub last_activity: SystemTime,
    pub last_playback_check_in: Option<SystemTime>,
    pub last_paused: Option<SystemTime>,
    pub now_playing: Option<NowPlaying>,
    /// `PlayerStateInfo` as wire JSON; the server always has one, even when idle.
    pub play_state: Value,
    /// `QueueItem`s as wire JSON; `None` until a player reports a queue.
    pub now_playing_queue: Option<Vec<Value>>,
    pub playlist_item_id: Option<String>,
    pub now_viewing: Option<String>,
}

impl Session {
    pub fn new(
        id: String,
        serial: u64,
        client: &str,
        device_id: &str,
        capabilities: Capabilities,
        now: SystemTime,
    ) -> Session {
        Session {
            id,
            serial,
            virtual_socket: false,
            has_controller: false,
            client: client.to_owned(),
            device_id: device_id.to_owned(),
            device_name: String::new(),
            version: String::new(),
            user_id: None,
            additional_users: Vec::new(),
            capabilities,
            last_activity: now,
            last_playback_check_in: None,
            last_paused: None,
            now_playing: None,
            play_state: idle_play_state(),
            now_playing_queue: None,
            playlist_item_id: None,
            now_viewing: None,
        }
    }
}

/// `new PlayerStateInfo()` as the server writes it.
pub(crate) fn idle_play_state() -> Value {
    json!({"CanSeek": false, "IsPaused": false, "IsMuted": false, "RepeatMode": "RepeatNone", "PlaybackOrder": "Default"})
}
