//! Everything the two APIs remember: the Jellyfin server's users, tokens, sessions and
//! library, and the G4 tenants. One mutex guards it all (in the server layer); no lock is
//! ever held across an `.await`.

pub(crate) mod g4;
pub(crate) mod library;
pub(crate) mod quick_connect;
pub(crate) mod session;
pub(crate) mod sockets;
pub(crate) mod user;

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::time::SystemTime;

use serde_json::json;

use self::g4::G4State;
use self::library::{expand_for_playback, Item};
use self::quick_connect::QuickConnect;
use self::session::{Capabilities, NowPlaying, Session};
use self::sockets::Sockets;
use self::user::{ApiKey, Revoked, User};
use crate::text::ids::{md5_hex, parse_guid, session_id_for};
use crate::types::command::ReceivedCommand;
use crate::types::device::DeviceSession;

pub(crate) const SERVER_NAME: &str = "sessionlink-emulator";
pub(crate) const SERVER_VERSION: &str = "10.11.11";

pub(crate) struct State {
    pub server_id: String,
    pub users: Vec<User>,
    pub tokens: Vec<user::DeviceToken>,
    pub api_keys: Vec<ApiKey>,
    /// Revoked tokens and keys, kept so that a test can restore them.
    pub revoked: Vec<Revoked>,
    pub sessions: Vec<Session>,
    /// Capabilities the server persists per DeviceId and re-applies to a new session.
    pub saved_capabilities: HashMap<String, Capabilities>,
    /// Keyed by session id, kept after the session ends so tests can still look.
    pub commands: HashMap<String, Vec<ReceivedCommand>>,
    pub items: Vec<Item>,
    pub quick_connect: QuickConnect,
    pub g4: G4State,
    /// The session WebSockets, their messages and upgrades.
    pub sockets: Sockets,
    /// Numbers the sessions' incarnations (`Session::serial`).
    session_serials: u64,
    rng: u64,
}

impl State {
    pub fn new() -> State {
        let seed = RandomState::new().build_hasher().finish() | 1;
        State {
            server_id: md5_hex(SERVER_NAME),
            users: Vec::new(),
            tokens: Vec::new(),
            api_keys: Vec::new(),
            revoked: Vec::new(),
            sessions: Vec::new(),
            saved_capabilities: HashMap::new(),
            commands: HashMap::new(),
            items: Vec::new(),
            quick_connect: QuickConnect::default(),
            g4: G4State::default(),
            sockets: Sockets::default(),
            session_serials: 0,
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
    /// user (the last caller wins). Returns the session id. A new session, or activity after
    /// a quiet spell, is a session event for the `Sessions` subscribers.
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
        match self.session(&id).map(|s| s.last_activity) {
            None => {
                let capabilities = self.saved_capabilities.get(device_id).cloned().unwrap_or_default();
                self.session_serials += 1;
                let serial = self.session_serials;
                self.sessions.push(Session::new(id.clone(), serial, client, device_id, capabilities, now));
                self.session_event(true);
            }
            Some(previous) => self.activity_event(previous, now),
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
            session.virtual_socket = true;
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
                session.now_playing_queue = Some(vec![json!({"Id": item, "PlaylistItemId": SEEDED_PLAYLIST_ITEM})]);
                session.playlist_item_id = Some(SEEDED_PLAYLIST_ITEM.to_owned());
                session.now_playing = Some(NowPlaying::Library(item));
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

    // ---- library ----

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn expand_for_playback(&self, id: &str) -> Vec<String> {
        expand_for_playback(&self.items, id)
    }
}

/// The playlist entry id of a seeded player's one-item queue.
const SEEDED_PLAYLIST_ITEM: &str = "playlistItem0";

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
