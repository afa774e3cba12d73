//! Everything the emulator remembers: the Jellyfin server's users, tokens, sessions and
//! library, the G4 tenants, the pending faults and the recorded exchanges. One mutex guards
//! it all; no lock is ever held across an `.await`.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use md5::{Digest, Md5};
use serde_json::{json, Value};

use super::g4::G4State;
use super::{DeviceSession, Exchange, ReceivedCommand};

pub(crate) const SERVER_NAME: &str = "sessionlink-emulator";
pub(crate) const SERVER_VERSION: &str = "10.11.11";
pub(crate) const ZERO_GUID: &str = "00000000000000000000000000000000";

pub(crate) struct User {
    pub id: String,
    pub name: String,
    pub password: String,
    pub admin: bool,
    pub last_login: Option<SystemTime>,
    pub last_activity: Option<SystemTime>,
}

/// A device record: the server stores one per login and its access token is the user's token.
pub(crate) struct DeviceToken {
    pub token: String,
    pub user_id: String,
    pub client: String,
    pub device_name: String,
    pub device_id: String,
    pub version: String,
}

pub(crate) struct ApiKey {
    pub key: String,
    pub name: String,
}

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

pub(crate) struct Session {
    pub id: String,
    pub client: String,
    pub device_id: String,
    pub device_name: String,
    pub version: String,
    pub user_id: Option<String>,
    pub additional_users: Vec<String>,
    pub capabilities: Capabilities,
    pub last_activity: SystemTime,
    pub last_playback_check_in: Option<SystemTime>,
    pub now_playing: Option<String>,
    /// `PlayerStateInfo` as wire JSON; the server always has one, even when idle.
    pub play_state: Value,
    pub now_viewing: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub media_type: &'static str,
    pub is_folder: bool,
    pub parent_id: Option<String>,
    pub run_time_ticks: Option<i64>,
    pub series_name: Option<String>,
    pub index_number: Option<i32>,
    pub parent_index_number: Option<i32>,
    pub production_year: Option<i32>,
}

pub(crate) struct InjectedStatus {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
}

#[derive(Default)]
pub(crate) struct Faults {
    pub latency: Option<Duration>,
    pub status: Option<InjectedStatus>,
}

pub(crate) struct State {
    pub server_id: String,
    pub users: Vec<User>,
    pub tokens: Vec<DeviceToken>,
    pub api_keys: Vec<ApiKey>,
    pub sessions: Vec<Session>,
    /// Capabilities the server persists per DeviceId and re-applies to a new session.
    pub saved_capabilities: HashMap<String, Capabilities>,
    /// Keyed by session id, kept after the session ends so tests can still look.
    pub commands: HashMap<String, Vec<ReceivedCommand>>,
    pub items: Vec<Item>,
    pub g4: G4State,
    pub faults: Faults,
    pub exchanges: Vec<Exchange>,
    rng: u64,
}

pub(crate) fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The server's session id: md5(Client + DeviceId).
pub(crate) fn session_id_for(client: &str, device_id: &str) -> String {
    md5_hex(&format!("{client}{device_id}"))
}

/// `Guid.Parse`: accepts 32 hex digits, optionally dashed 8-4-4-4-12 and optionally in
/// braces or parentheses; returns the N format (lowercase, no dashes).
pub(crate) fn parse_guid(text: &str) -> Option<String> {
    let t = text.trim();
    let t = t
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')))
        .unwrap_or(t);
    let hex: String = match t.len() {
        32 => t.to_owned(),
        36 => {
            let dashes_ok = t.char_indices().all(|(i, c)| matches!(i, 8 | 13 | 18 | 23) == (c == '-'));
            if !dashes_ok {
                return None;
            }
            t.chars().filter(|c| *c != '-').collect()
        }
        _ => return None,
    };
    hex.chars().all(|c| c.is_ascii_hexdigit()).then(|| hex.to_ascii_lowercase())
}

impl State {
    pub fn new() -> State {
        let seed = RandomState::new().build_hasher().finish() | 1;
        State {
            server_id: md5_hex(SERVER_NAME),
            users: Vec::new(),
            tokens: Vec::new(),
            api_keys: Vec::new(),
            sessions: Vec::new(),
            saved_capabilities: HashMap::new(),
            commands: HashMap::new(),
            items: Vec::new(),
            g4: G4State::default(),
            faults: Faults::default(),
            exchanges: Vec::new(),
            rng: seed,
        }
    }

    /// splitmix64: tokens only need to be unique and unguessable enough for a test server.
    pub fn next_u64(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A fresh `Guid.NewGuid().ToString("N")`-shaped id; the server's tokens look the same.
    pub fn new_guid(&mut self) -> String {
        format!("{:016x}{:016x}", self.next_u64(), self.next_u64())
    }

    // ---- users and credentials ----

    pub fn add_user(&mut self, id: &str, name: &str, password: &str, admin: bool) {
        self.users.push(User {
            id: id.to_owned(),
            name: name.to_owned(),
            password: password.to_owned(),
            admin,
            last_login: None,
            last_activity: None,
        });
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    /// Jellyfin user names are matched case-insensitively.
    pub fn user_by_name(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name.to_lowercase() == name.to_lowercase())
    }

    pub fn user_name(&self, id: &str) -> Option<String> {
        self.user(id).map(|u| u.name.clone())
    }

    pub fn add_api_key(&mut self, key: &str, name: &str) {
        self.api_keys.push(ApiKey { key: key.to_owned(), name: name.to_owned() });
    }

    // ---- sessions ----

    pub fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    pub fn session_mut(&mut self, id: &str) -> Option<&mut Session> {
        self.sessions.iter_mut().find(|s| s.id == id)
    }

    /// `SessionManager.LogSessionActivity`: finds the session for Client+DeviceId or starts
    /// one (with the capabilities saved for the device), refreshes it, and makes `user_id` its
    /// user (the last caller wins). Returns the session id.
    pub fn log_activity(
        &mut self,
        client: &str,
        device_id: &str,
        device_name: &str,
        version: &str,
        user_id: Option<&str>,
    ) -> String {
        let id = session_id_for(client, device_id);
        let now = SystemTime::now();
        if self.session(&id).is_none() {
            let capabilities = self.saved_capabilities.get(device_id).cloned().unwrap_or_default();
            self.sessions.push(Session {
                id: id.clone(),
                client: client.to_owned(),
                device_id: device_id.to_owned(),
                device_name: device_name.to_owned(),
                version: version.to_owned(),
                user_id: None,
                additional_users: Vec::new(),
                capabilities,
                last_activity: now,
                last_playback_check_in: None,
                now_playing: None,
                play_state: idle_play_state(),
                now_viewing: None,
            });
        }
        if let Some(user) = user_id.and_then(|u| self.users.iter_mut().find(|x| x.id == u)) {
            user.last_activity = Some(now);
        }
        if let Some(session) = self.session_mut(&id) {
            session.last_activity = now;
            session.device_name = device_name.to_owned();
            session.version = version.to_owned();
            session.user_id = user_id.map(str::to_owned);
        }
        id
    }

    pub fn add_device_session(&mut self, d: &DeviceSession) -> String {
        let user_id = d.user_id.as_deref().map(|u| parse_guid(u).unwrap_or_else(|| u.to_owned()));
        let id = self.log_activity(&d.client, &d.device_id, &d.device_name, &d.app_version, user_id.as_deref());
        let now_playing = d.now_playing_item_id.as_deref().map(|i| parse_guid(i).unwrap_or_else(|| i.to_owned()));
        if let Some(session) = self.session_mut(&id) {
            session.capabilities = if d.supports_media_control {
                Capabilities {
                    playable_media_types: vec!["Audio".into(), "Video".into()],
                    supported_commands: PLAYER_COMMANDS.iter().map(|c| (*c).to_owned()).collect(),
                    supports_media_control: true,
                    ..Capabilities::default()
                }
            } else {
                Capabilities::default()
            };
            if let Some(item) = now_playing {
                session.now_playing = Some(item);
                session.last_playback_check_in = Some(SystemTime::now());
                session.play_state = json!({
                    "PositionTicks": 0, "CanSeek": true, "IsPaused": false, "IsMuted": false,
                    "VolumeLevel": 100, "PlayMethod": "DirectPlay", "RepeatMode": "RepeatNone",
                    "PlaybackOrder": "Default",
                });
            }
        }
        id
    }

    /// Records a WebSocket message for the session; the caller has checked that it exists.
    pub fn deliver(&mut self, session_id: &str, message_type: &str, data: Value) {
        self.commands
            .entry(session_id.to_owned())
            .or_default()
            .push(ReceivedCommand { message_type: message_type.to_owned(), data });
    }

    // ---- library ----

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// What `Play` queues for an id: the item itself, or a folder's non-folder descendants
    /// sorted by name; nothing for an unknown id.
    pub fn expand_for_playback(&self, id: &str) -> Vec<String> {
        let Some(item) = self.item(id) else { return Vec::new() };
        if !item.is_folder {
            return vec![item.id.clone()];
        }
        let mut out: Vec<&Item> = Vec::new();
        let mut stack = vec![item.id.clone()];
        while let Some(parent) = stack.pop() {
            for child in self.items.iter().filter(|c| c.parent_id.as_deref() == Some(parent.as_str())) {
                if child.is_folder {
                    stack.push(child.id.clone());
                } else {
                    out.push(child);
                }
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out.into_iter().map(|i| i.id.clone()).collect()
    }
}

/// `new PlayerStateInfo()` as the server writes it.
pub(crate) fn idle_play_state() -> Value {
    json!({"CanSeek": false, "IsPaused": false, "IsMuted": false, "RepeatMode": "RepeatNone", "PlaybackOrder": "Default"})
}

/// What a typical remote-controllable player (jellyfin-web) reports as supported.
const PLAYER_COMMANDS: &[&str] = &[
    "MoveUp",
    "MoveDown",
    "MoveLeft",
    "MoveRight",
    "Select",
    "Back",
    "GoHome",
    "VolumeUp",
    "VolumeDown",
    "Mute",
    "Unmute",
    "ToggleMute",
    "SetVolume",
    "SetAudioStreamIndex",
    "SetSubtitleStreamIndex",
    "DisplayContent",
    "DisplayMessage",
    "SetRepeatMode",
    "SetShuffleQueue",
    "PlayState",
    "PlayNext",
    "Play",
    "SendString",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_forms() {
        let n = "0123456789abcdef0123456789abcdef";
        assert_eq!(parse_guid(n).as_deref(), Some(n));
        assert_eq!(parse_guid("01234567-89AB-CDEF-0123-456789ABCDEF").as_deref(), Some(n));
        assert_eq!(parse_guid("{01234567-89ab-cdef-0123-456789abcdef}").as_deref(), Some(n));
        assert_eq!(parse_guid("0123456789abcdef0123456789abcdeg"), None);
        assert_eq!(parse_guid("0123456-789ab-cdef-0123-456789abcdef"), None);
        assert_eq!(parse_guid("../x"), None);
    }

    #[test]
    fn session_id_is_md5_of_client_and_device() {
        assert_eq!(session_id_for("", ""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(session_id_for("a", "bc"), md5_hex("abc"));
    }
}
