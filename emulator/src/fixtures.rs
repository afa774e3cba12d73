//! The data every emulator starts with. Names and passwords are constants here; ids are
//! derived deterministically from names, so they are the same in every run and every
//! process (handy for C and Python tests that read them from the binary's JSON line).

use std::time::SystemTime;

use serde::Serialize;
use serde_json::json;

use crate::state::library::Item;
use crate::state::quick_connect::Request as QuickConnectRequest;
use crate::state::State;
use crate::text::ids::md5_hex;
use crate::types::device::DeviceSession;

pub const ADMIN_USER: &str = "alice";
pub const ADMIN_PASSWORD: &str = "wonderland";
pub const USER: &str = "bob";
pub const USER_PASSWORD: &str = "builder";
/// A user whose password is empty (log in with `Pw: ""`).
pub const PASSWORDLESS_USER: &str = "carol";
pub const API_KEY: &str = "c0ffee00c0ffee00c0ffee00c0ffee00";
pub const API_KEY_NAME: &str = "ci-key";

pub const LIVING_ROOM_CLIENT: &str = "Jellyfin Android TV";
pub const LIVING_ROOM_DEVICE_NAME: &str = "Living Room TV";
pub const LIVING_ROOM_DEVICE_ID: &str = "living-room-tv";
pub const LIVING_ROOM_VERSION: &str = "0.17.0";
pub const LIVING_ROOM_POSITION_TICKS: i64 = 1_234_560_000;
pub const KITCHEN_CLIENT: &str = "Jellyfin Web";
pub const KITCHEN_DEVICE_NAME: &str = "Kitchen Speaker";
pub const KITCHEN_DEVICE_ID: &str = "kitchen-speaker";
pub const KITCHEN_VERSION: &str = "10.11.11";

pub const EPISODE_NAME: &str = "The Long Night";
pub const SERIES_NAME: &str = "Game of Thrones";
pub const EPISODE_RUNTIME_TICKS: i64 = 48_000_000_000;
pub const MOVIE_NAME: &str = "Big Buck Bunny";
pub const ALBUM_NAME: &str = "Kind of Blue";
pub const TRACK_NAMES: [&str; 2] = ["Blue in Green", "So What"];

/// The pending Quick Connect request every emulator starts with (a kiosk waiting for a user to
/// approve its code), so that scripts can call the Quick Connect operations with known values.
pub const QUICK_CONNECT_CODE: &str = "424242";
pub const QUICK_CONNECT_SECRET: &str = "5E55104C0DE5EC4E75E55104C0DE5EC4E75E55104C0DE5EC4E75E55104C0DE5E";
pub const QUICK_CONNECT_CLIENT: &str = "Kiosk";
pub const QUICK_CONNECT_DEVICE_NAME: &str = "Hallway Kiosk";
pub const QUICK_CONNECT_DEVICE_ID: &str = "hallway-kiosk";
pub const QUICK_CONNECT_VERSION: &str = "1.0.0";

pub const G4_TENANT: &str = "acme";
pub const G4_USER: &str = "user@example.com";
pub const G4_PASSWORD: &str = "correct horse";
pub const G4_USER_ID: i32 = 42;
pub const G4_NOACCESS_USER: &str = "noaccess@example.com";
pub const G4_NOACCESS_PASSWORD: &str = "pw2";
pub const G4_NOACCESS_USER_ID: i32 = 43;
pub const G4_API_KEY: &str = "acme-api-key-1";

/// Ids and credentials of the seeded data.
#[derive(Debug, Clone, Serialize)]
pub struct Fixtures {
    pub jellyfin: JellyfinFixtures,
    pub g4: G4Fixtures,
}

#[derive(Debug, Clone, Serialize)]
pub struct JellyfinFixtures {
    pub server_id: String,
    pub admin_user: String,
    pub admin_password: String,
    pub admin_id: String,
    pub user: String,
    pub user_password: String,
    pub user_id: String,
    pub passwordless_user: String,
    pub passwordless_user_id: String,
    pub api_key: String,
    pub api_key_name: String,
    /// "Living Room TV": bob's, playing the episode, controllable.
    pub living_room_session_id: String,
    /// "Kitchen Speaker": alice's, idle, controllable.
    pub kitchen_session_id: String,
    pub episode_id: String,
    pub series_id: String,
    pub movie_id: String,
    pub album_id: String,
    /// The album's two Audio tracks, in the order `Play` queues them (by name).
    pub track_ids: Vec<String>,
    /// The code and secret of the pending Quick Connect request of "Hallway Kiosk".
    pub quick_connect_code: String,
    pub quick_connect_secret: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct G4Fixtures {
    pub tenant: String,
    pub user: String,
    pub password: String,
    pub user_id: i32,
    pub noaccess_user: String,
    pub noaccess_password: String,
    pub noaccess_user_id: i32,
    pub api_key: String,
}

fn id(kind: &str, name: &str) -> String {
    md5_hex(&format!("sessionlink-emulator/{kind}/{name}"))
}

fn item(kind: &'static str, media_type: &'static str, name: &str, parent: Option<&str>) -> Item {
    Item {
        id: id("item", name),
        name: name.to_owned(),
        kind,
        media_type,
        is_folder: false,
        parent_id: parent.map(str::to_owned),
        run_time_ticks: None,
        series_name: None,
        index_number: None,
        parent_index_number: None,
        production_year: None,
    }
}

pub(crate) fn seed(state: &mut State) -> Fixtures {
    let (admin_id, user_id, carol_id) = (id("user", ADMIN_USER), id("user", USER), id("user", PASSWORDLESS_USER));
    state.add_user(&admin_id, ADMIN_USER, ADMIN_PASSWORD, true);
    state.add_user(&user_id, USER, USER_PASSWORD, false);
    state.add_user(&carol_id, PASSWORDLESS_USER, "", false);
    state.add_api_key(API_KEY, API_KEY_NAME);

    let series = Item { is_folder: true, production_year: Some(2011), ..item("Series", "Unknown", SERIES_NAME, None) };
    let episode = Item {
        run_time_ticks: Some(EPISODE_RUNTIME_TICKS),
        series_name: Some(SERIES_NAME.to_owned()),
        index_number: Some(3),
        parent_index_number: Some(8),
        production_year: Some(2019),
        ..item("Episode", "Video", EPISODE_NAME, Some(&series.id))
    };
    let movie = Item {
        run_time_ticks: Some(5_964_000_000),
        production_year: Some(2008),
        ..item("Movie", "Video", MOVIE_NAME, None)
    };
    let album =
        Item { is_folder: true, production_year: Some(1959), ..item("MusicAlbum", "Unknown", ALBUM_NAME, None) };
    // Stored out of name order, so that Play's sort by name is observable.
    let tracks: Vec<Item> = [(TRACK_NAMES[1], 1, 5_450_000_000), (TRACK_NAMES[0], 5, 3_370_000_000)]
        .into_iter()
        .map(|(name, index, ticks)| Item {
            run_time_ticks: Some(ticks),
            index_number: Some(index),
            production_year: Some(1959),
            ..item("Audio", "Audio", name, Some(&album.id))
        })
        .collect();
    let mut track_ids: Vec<(String, String)> = tracks.iter().map(|t| (t.name.clone(), t.id.clone())).collect();
    track_ids.sort();
    let fixtures_items = (episode.id.clone(), series.id.clone(), movie.id.clone(), album.id.clone());
    state.items.extend([series, episode, movie, album]);
    state.items.extend(tracks);

    let living_room = state.add_device_session(&DeviceSession {
        client: LIVING_ROOM_CLIENT.into(),
        device_name: LIVING_ROOM_DEVICE_NAME.into(),
        device_id: LIVING_ROOM_DEVICE_ID.into(),
        app_version: LIVING_ROOM_VERSION.into(),
        user_id: Some(user_id.clone()),
        supports_media_control: true,
        now_playing_item_id: Some(fixtures_items.0.clone()),
    });
    if let Some(session) = state.session_mut(&living_room) {
        session.play_state = json!({
            "PositionTicks": LIVING_ROOM_POSITION_TICKS,
            "CanSeek": true,
            "IsPaused": false,
            "IsMuted": false,
            "VolumeLevel": 80,
            "PlayMethod": "DirectPlay",
            "RepeatMode": "RepeatNone",
            "PlaybackOrder": "Default",
        });
        session.last_playback_check_in = Some(SystemTime::now());
    }
    let kitchen = state.add_device_session(&DeviceSession {
        client: KITCHEN_CLIENT.into(),
        device_name: KITCHEN_DEVICE_NAME.into(),
        device_id: KITCHEN_DEVICE_ID.into(),
        app_version: KITCHEN_VERSION.into(),
        user_id: Some(admin_id.clone()),
        supports_media_control: true,
        now_playing_item_id: None,
    });

    seed_quick_connect(state);

    state.g4.add_tenant(G4_TENANT);
    state.g4.add_user(G4_TENANT, G4_USER, G4_PASSWORD, G4_USER_ID, true);
    state.g4.add_user(G4_TENANT, G4_NOACCESS_USER, G4_NOACCESS_PASSWORD, G4_NOACCESS_USER_ID, false);
    state.g4.add_api_key(G4_TENANT, G4_API_KEY);

    Fixtures {
        jellyfin: JellyfinFixtures {
            server_id: state.server_id.clone(),
            admin_user: ADMIN_USER.into(),
            admin_password: ADMIN_PASSWORD.into(),
            admin_id,
            user: USER.into(),
            user_password: USER_PASSWORD.into(),
            user_id,
            passwordless_user: PASSWORDLESS_USER.into(),
            passwordless_user_id: carol_id,
            quick_connect_code: QUICK_CONNECT_CODE.into(),
            quick_connect_secret: QUICK_CONNECT_SECRET.into(),
            api_key: API_KEY.into(),
            api_key_name: API_KEY_NAME.into(),
            living_room_session_id: living_room,
            kitchen_session_id: kitchen,
            episode_id: fixtures_items.0,
            series_id: fixtures_items.1,
            movie_id: fixtures_items.2,
            album_id: fixtures_items.3,
            track_ids: track_ids.into_iter().map(|(_, id)| id).collect(),
        },
        g4: G4Fixtures {
            tenant: G4_TENANT.into(),
            user: G4_USER.into(),
            password: G4_PASSWORD.into(),
            user_id: G4_USER_ID,
            noaccess_user: G4_NOACCESS_USER.into(),
            noaccess_password: G4_NOACCESS_PASSWORD.into(),
            noaccess_user_id: G4_NOACCESS_USER_ID,
            api_key: G4_API_KEY.into(),
        },
    }
}

/// The fixtures' pending Quick Connect request, made now.
pub(crate) fn seed_quick_connect(state: &mut State) {
    state.quick_connect.requests.push(QuickConnectRequest {
        secret: QUICK_CONNECT_SECRET.into(),
        code: QUICK_CONNECT_CODE.into(),
        device_id: QUICK_CONNECT_DEVICE_ID.into(),
        device_name: QUICK_CONNECT_DEVICE_NAME.into(),
        app_name: QUICK_CONNECT_CLIENT.into(),
        app_version: QUICK_CONNECT_VERSION.into(),
        date_added: SystemTime::now(),
        authenticated: false,
    });
}
