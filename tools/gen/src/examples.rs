//! The argument values of the cross-language check (`tests/cross/`), by argument name, so that
//! every generated operation is called from Rust, Python and C with the same values and its
//! requests compared byte for byte. A required argument without an entry gets a value of its
//! type (`"x"`, 1, true, an enum's first name, a list of one); an optional one without an
//! entry is left out. Values that name the emulator's fixtures make the calls succeed there.

use crate::api::{Api, Client};
use crate::types::Ty;

/// One example value.
#[derive(Debug, Clone)]
pub enum Ex {
    /// A fixture of the emulator (`fixtures[<the client's API>][key]`).
    Fx(&'static str),
    Str(&'static str),
    Int(i64),
    Bool(bool),
    List(&'static [Ex]),
    /// A JSON object (or a string map).
    Obj(&'static [(&'static str, Ex)]),
    /// The G4 session the script created before (its id).
    Session,
}

use Client::{Jellyfin as J, G4};
use Ex::*;

/// Values of required arguments (and non-optional model fields).
const REQUIRED: &[(Option<Client>, &str, Ex)] = &[
    (Some(J), "session_id", Fx("living_room_session_id")),
    (Some(J), "target", Fx("living_room_session_id")),
    (Some(J), "item_id", Fx("episode_id")),
    (Some(J), "item_ids", List(&[Fx("episode_id"), Fx("movie_id")])),
    (Some(J), "item_name", Str("The Long Night")),
    (Some(J), "user_id", Fx("admin_id")),
    (Some(J), "username", Fx("user")),
    (Some(J), "password", Fx("user_password")),
    (Some(J), "text", Str("Dinner")),
    (Some(J), "play_session_id", Str("p1")),
    (Some(J), "code", Fx("quick_connect_code")),
    (Some(J), "secret", Fx("quick_connect_secret")),
    (Some(G4), "id", Session),
    (Some(G4), "username", Fx("user")),
    (Some(G4), "password", Fx("password")),
    (Some(G4), "data", Obj(&[("b", Bool(true))])),
];

/// Values of optional arguments (and optional model fields); others are left out.
const OPTIONAL: &[(Option<Client>, &str, Ex)] = &[
    (Some(J), "device_id", Str("living-room-tv")),
    (Some(J), "active_within_seconds", Int(600)),
    (Some(J), "start_position_ticks", Int(100)),
    (Some(J), "audio_stream_index", Int(1)),
    (Some(J), "start_index", Int(0)),
    (Some(J), "seek_position_ticks", Int(5_000_000)),
    (Some(J), "header", Str("Hi")),
    (Some(J), "timeout_ms", Int(5000)),
    (Some(J), "arguments", Obj(&[("Volume", Str("50"))])),
    (Some(J), "playable_media_types", List(&[Str("Audio"), Str("Video")])),
    (Some(J), "supported_commands", List(&[Str("DisplayMessage"), Str("SetVolume")])),
    (Some(J), "supports_media_control", Bool(true)),
    (Some(J), "position_ticks", Int(100)),
    // Quick Connect's approval names the user: the calls run with an API key, which has none.
    (Some(J), "user_id", Fx("admin_id")),
    (Some(G4), "data", Obj(&[("a", List(&[Int(1), Int(2)]))])),
    (Some(G4), "timeout", Int(60)),
    (Some(G4), "detail", Obj(&[("ip", Str("192.0.2.1"))])),
];

/// Operations the calls make after a login rather than with the API key: they need a user's
/// token (an API key belongs to no user). They run after the operations that replace the
/// client's credentials, before those that forget them.
pub const AFTER_LOGIN: &[&str] = &["get_current_user"];

/// The value of each enum the calls use (else its first wire name).
const ENUMS: &[(&str, &str)] = &[
    ("PlaystateCommand", "Seek"),
    ("GeneralCommandType", "VolumeUp"),
    ("PlayCommand", "PlayNow"),
    ("BaseItemKind", "Episode"),
];

fn find(table: &[(Option<Client>, &str, Ex)], client: Client, name: &str) -> Option<Ex> {
    table.iter().find(|(c, n, _)| c.is_none_or(|c| c == client) && *n == name).map(|(_, _, e)| e.clone())
}

/// The value a model field has in the examples, from either table (the optional one first
/// for an `Option` field).
pub fn field_entry(client: Client, name: &str, option: bool) -> Option<Ex> {
    let (first, second) = if option { (OPTIONAL, REQUIRED) } else { (REQUIRED, OPTIONAL) };
    find(first, client, name).or_else(|| find(second, client, name))
}

/// The value of an argument: `None` leaves an optional one out.
pub fn example(api: &Api, client: Client, name: &str, ty: &Ty, optional: bool) -> Option<Ex> {
    let (first, second) = if optional { (OPTIONAL, REQUIRED) } else { (REQUIRED, OPTIONAL) };
    if let Some(e) = find(first, client, name) {
        return Some(e);
    }
    if optional {
        return None;
    }
    if let Some(e) = find(second, client, name) {
        return Some(e);
    }
    Some(match ty {
        Ty::Str { .. } => Str("x"),
        Ty::Int(_) => Int(1),
        Ty::Bool => Bool(true),
        Ty::Enum(e) => Str(enum_example(api, e)),
        Ty::EnumList(e) => List(Box::leak(Box::new([Str(enum_example(api, e))]))),
        Ty::StrList { .. } => List(&[Str("x")]),
        Ty::Json { .. } | Ty::StrMap => Obj(&[]),
        Ty::Model(_) | Ty::Bundle(_) => return None,
    })
}

pub fn enum_example(api: &Api, name: &str) -> &'static str {
    if let Some((_, v)) = ENUMS.iter().find(|(e, _)| *e == name) {
        return v;
    }
    let first = api.enum_named(name).and_then(|e| e.variants.first()).map(|(_, w)| w.clone()).unwrap_or_default();
    Box::leak(first.into_boxed_str())
}
