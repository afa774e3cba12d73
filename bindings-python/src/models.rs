//! Frozen Python classes over core models: a keyword constructor, snake_case attributes
//! converted on access, `to_dict()` giving the wire JSON (unknown fields included),
//! `from_dict`, `==` comparing the core models, pickling through `to_dict`/`from_dict`, and a
//! `repr` without secrets.
//!
//! Attribute and keyword names are the core model's field names (`FIELD_NAMES`), checked at
//! compile time; values are validated by core's decoding of the wire JSON they make.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};
use pyo3::IntoPyObjectExt;
use serde_json::{Map, Value};
use sessionlink::g4::models as g4;
use sessionlink::jellyfin::models as jf;
use sessionlink::Secret;

use crate::args::type_name;
use crate::errors::invalid;
use crate::json::to_json;
use crate::shared::{Shared, Within};
use crate::to_py::{json_to_py, map_to_py, ToPy};

/// The wire JSON of a model.
fn wire_value<T: serde::Serialize>(py: Python<'_>, model: &T) -> PyResult<Value> {
    serde_json::to_value(model)
        .map_err(|e| crate::errors::to_py_err(py, &sessionlink::Error::internal(format!("cannot encode a model: {e}"))))
}

/// Converts a Python value to JSON (see [`crate::json::to_json`]), a sessionlink model
/// anywhere in it as its wire JSON: the one conversion every JSON argument and keyword goes
/// through.
pub fn py_to_json(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    to_json(what, obj, wire_json)
}

/// A JSON argument that must be an object (or None).
pub fn json_object(what: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Map<String, Value>>> {
    let Some(obj) = obj else { return Ok(None) };
    match py_to_json(what, obj)? {
        Value::Null => Ok(None),
        Value::Object(map) => Ok(Some(map)),
        _ => Err(invalid(obj.py(), format!("{what} must be a dict, got {}", type_name(obj)))),
    }
}

/// An optional JSON argument (`None` leaves it out of the request).
pub fn json_opt(what: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Value>> {
    obj.map(|o| py_to_json(what, o)).transpose()
}

pub fn to_dict<T: serde::Serialize>(py: Python<'_>, model: &T) -> PyResult<Py<PyAny>> {
    json_to_py(py, &wire_value(py, model)?)
}

pub fn from_dict<T: serde::de::DeserializeOwned>(data: &Bound<'_, PyAny>, name: &str) -> PyResult<T> {
    let value = py_to_json("data", data)?;
    serde_json::from_value(value).map_err(|e| invalid(data.py(), format!("not a valid {name}: {e}")))
}

/// A model from keyword arguments named after its fields: each value becomes the field's
/// wire JSON and core decodes the object, so a value is accepted exactly when the server's
/// JSON for it would be. Fields not given are absent (and not sent).
pub fn from_keywords<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    name: &str,
    (fields, wire): (&[&str], &[&str]),
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<T> {
    let mut object = Map::new();
    for (key, value) in kwargs.into_iter().flat_map(|k| k.iter()) {
        let key: String = key.extract()?;
        let Some(i) = fields.iter().position(|f| *f == key) else {
            let message = format!("{name}() got an unknown keyword argument {key:?}; it takes {}", fields.join(", "));
            return Err(invalid(py, message));
        };
        object.insert(wire[i].to_owned(), py_to_json(&key, &value)?);
    }
    serde_json::from_value(Value::Object(object)).map_err(|e| {
        // Core's message starts with the wire name ("PositionTicks: invalid type ..."); name
        // the keyword instead.
        let message = e.to_string();
        let named = wire
            .iter()
            .zip(fields)
            .find_map(|(w, f)| message.strip_prefix(&format!("{w}: ")).map(|rest| format!("{f}: {rest}")));
        invalid(py, format!("{name}: {}", named.unwrap_or(message)))
    })
}

/// Whether two name lists are equal (usable in a `const` assertion).
pub const fn same_names(a: &[&str], b: &[&str]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        let (x, y) = (a[i].as_bytes(), b[i].as_bytes());
        if x.len() != y.len() {
            return false;
        }
        let mut j = 0;
        while j < x.len() {
            if x[j] != y[j] {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

/// Whether a secret field holds a value (shown as `'***'` in `repr`).
trait SecretField {
    fn present(&self) -> bool;
}

impl SecretField for Secret {
    fn present(&self) -> bool {
        !self.is_empty()
    }
}

impl SecretField for Option<Secret> {
    fn present(&self) -> bool {
        self.as_ref().is_some_and(|s| !s.is_empty())
    }
}

/// The position of `name` in `names` (a compile-time lookup; `names.len()` if absent, which
/// no field index is).
pub const fn index_of(names: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < names.len() {
        if same_names(&[names[i]], &[name]) {
            return i;
        }
        i += 1;
    }
    names.len()
}

macro_rules! py_model {
    // A model without secrets, and perhaps without durations: the sections left out are empty.
    (
        $(#[doc = $doc:literal])*
        $name:ident($core:ty)
        repr [$($repr:ident),*]
        $(durations [$($duration:ident = $ticks:ident),*])?
        fields [$($field:ident),* $(,)?]
    ) => {
        py_model! {
            $(#[doc = $doc])*
            $name($core)
            repr [$($repr),*]
            secret []
            durations [$($($duration = $ticks),*)?]
            fields [$($field),*]
        }
    };
    (
        $(#[doc = $doc:literal])*
        $name:ident($core:ty)
        repr [$($repr:ident),*]
        secret [$($secret:ident),*]
        durations [$($duration:ident = $ticks:ident),*]
        fields [$($field:ident),* $(,)?]
    ) => {
        $(#[doc = $doc])*
        #[doc = ""]
        #[doc = "Made by the server's replies, or by keyword arguments named as its attributes (checked"]
        #[doc = "as the wire JSON would be), or from the wire JSON with `from_dict`."]
        #[doc = ""]
        #[doc = "An attribute is `None` when the server did not send its field or sent `null` (never a"]
        #[doc = "made-up `\"\"`, `0` or `False`); dates are timezone-aware `datetime`s; enum values are"]
        #[doc = "members of the `sessionlink` enums (a value this version does not know stays a `str`);"]
        #[doc = "nested models are shared with this object, not copied. `to_dict()` gives the wire JSON"]
        #[doc = "as received, unknown fields included."]
        #[pyclass(frozen, module = "sessionlink")]
        pub struct $name(pub Shared<$core>);

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&self.0, f)
            }
        }

        // The attributes are the core model's fields, all of them, in its order.
        const _: () = assert!(
            same_names(&[$(stringify!($field)),*], <$core>::FIELD_NAMES),
            concat!(stringify!($name), ": the field list must be the core model's FIELD_NAMES")
        );

        #[pymethods]
        impl $name {
            #[new]
            #[pyo3(signature = (**fields))]
            fn new(py: Python<'_>, fields: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
                let names = (<$core>::FIELD_NAMES, <$core>::WIRE_FIELDS);
                let model = crate::errors::guard(py, || from_keywords(py, stringify!($name), names, fields))?;
                Ok($name(Shared::new(model)))
            }

            /// The attribute names that are fields (and constructor keywords), in wire order.
            #[classattr]
            fn _fields(py: Python<'_>) -> PyResult<Py<PyTuple>> {
                Ok(PyTuple::new(py, <$core>::FIELD_NAMES)?.unbind())
            }

            $(
                #[doc = crate::field_docs::field_doc!($name, $field)]
                #[getter]
                fn $field(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                    const INDEX: usize = index_of(<$core>::FIELD_NAMES, stringify!($field));
                    if self.0.is_missing(INDEX) {
                        return Ok(py.None());
                    }
                    ToPy::to_py(self.0.within().map(|m| &m.$field), py)
                }
            )*

            $(
                #[doc = crate::field_docs::field_doc!($name, $duration)]
                #[getter]
                fn $duration(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                    match self.0.$ticks {
                        Some(ticks) => crate::dates::ticks_to_py(py, ticks),
                        None => Ok(py.None()),
                    }
                }
            )*

            /// Fields the server sent that this version of sessionlink does not name, parsed.
            #[getter]
            fn extra(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                map_to_py(py, &self.0.extra.to_map())
            }

            /// The wire JSON of this object, with nothing lost (unknown fields included).
            fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                crate::errors::guard(py, || to_dict(py, &*self.0))
            }

            /// Builds the object from its wire JSON (as `to_dict()` returns it).
            #[classmethod]
            fn from_dict(cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                crate::errors::guard(cls.py(), || from_dict(data, stringify!($name)).map(|m| $name(Shared::new(m))))
            }

            fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
                *self.0 == *other.0
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                #[allow(unused_mut)]
                let mut parts: Vec<String> = Vec::new();
                $(
                    let value = self.$repr(py)?;
                    parts.push(format!("{}={}", stringify!($repr), value.bind(py).repr()?));
                )*
                $(
                    if SecretField::present(&self.0.$secret) {
                        parts.push(format!("{}='***'", stringify!($secret)));
                    }
                )*
                Ok(format!("{}({})", stringify!($name), parts.join(", ")))
            }

            fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (Py<PyAny>,))> {
                let py = slf.py();
                Ok((slf.get_type().getattr("from_dict")?.unbind(), (slf.get().to_dict(py)?,)))
            }
        }

        /// A nested model reads as a Python object sharing the outer one's value.
        impl ToPy for $core {
            fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
                $name(at.share()).into_py_any(py)
            }
        }

        impl $name {
            pub fn wrap(py: Python<'_>, model: $core) -> PyResult<Py<PyAny>> {
                $name(Shared::new(model)).into_py_any(py)
            }
        }

        inventory::submit! {
            ModelClass {
                register: |m| m.add_class::<$name>(),
                wire_json: |obj| obj.cast::<$name>().ok().map(|model| wire_value(obj.py(), &*model.get().0)),
            }
        }
    };
}

/// A model class, registered by its `py_model!` (so a new model is one invocation): how the
/// module adds it, and its JSON when passed as a value (a model nested in another's keyword
/// arguments, or in any JSON argument).
pub struct ModelClass {
    register: fn(&Bound<'_, PyModule>) -> PyResult<()>,
    wire_json: fn(&Bound<'_, PyAny>) -> Option<PyResult<Value>>,
}

inventory::collect!(ModelClass);

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for class in inventory::iter::<ModelClass> {
        (class.register)(m)?;
    }
    // One class in core (a type alias), so one class here.
    m.add("PlaybackProgressInfo", m.getattr("PlaybackStartInfo")?)?;
    Ok(())
}

/// The wire JSON of `obj` if it is a sessionlink model, else `None`.
pub fn wire_json(obj: &Bound<'_, PyAny>) -> Option<PyResult<Value>> {
    inventory::iter::<ModelClass>.into_iter().find_map(|class| (class.wire_json)(obj))
}

py_model! {
    /// One client session on the server (29 fields in 10.11.11).
    SessionInfoDto(jf::SessionInfoDto)
    repr [id, user_name, client, device_name, now_playing_item]
    secret []
    durations []
    fields [
        play_state, additional_users, capabilities, remote_end_point, playable_media_types, id,
        user_id, user_name, client, last_activity_date, last_playback_check_in, last_paused_date,
        device_name, device_type, now_playing_item, now_viewing_item, device_id,
        application_version, transcoding_info, is_active, supports_media_control,
        supports_remote_control, now_playing_queue, now_playing_queue_full_items,
        has_custom_device_name, playlist_item_id, server_id, user_primary_image_tag,
        supported_commands,
    ]
}

py_model! {
    /// The player state of a session. `position_ticks` is in .NET ticks (10,000 per millisecond).
    PlayerStateInfo(jf::PlayerStateInfo)
    repr [position_ticks, is_paused, is_muted, volume_level]
    secret []
    durations [position = position_ticks]
    fields [
        position_ticks, can_seek, is_paused, is_muted, volume_level, audio_stream_index,
        subtitle_stream_index, media_source_id, play_method, repeat_mode, playback_order,
        live_stream_id,
    ]
}

py_model! {
    /// A user added to a session besides its primary user.
    SessionUserInfo(jf::SessionUserInfo)
    repr [user_id, user_name]
    secret []
    durations []
    fields [user_id, user_name]
}

py_model! {
    /// An entry of a session's play queue.
    QueueItem(jf::QueueItem)
    repr [id, playlist_item_id]
    secret []
    durations []
    fields [id, playlist_item_id]
}

py_model! {
    /// How the server is transcoding a session's stream.
    TranscodingInfo(jf::TranscodingInfo)
    repr [video_codec, audio_codec, container, bitrate]
    secret []
    durations []
    fields [
        audio_codec, video_codec, container, is_video_direct, is_audio_direct, bitrate,
        framerate, completion_percentage, width, height, audio_channels,
        hardware_acceleration_type, transcode_reasons,
    ]
}

py_model! {
    /// A library item, as found in `NowPlayingItem` and `NowViewingItem`. A session's
    /// `now_playing_item` and `now_viewing_item` are these.
    BaseItemDto(jf::BaseItemDto)
    repr [id, name, item_type]
    secret []
    durations [run_time = run_time_ticks]
    fields [
        name, original_title, server_id, id, etag, date_created, container, sort_name,
        premiere_date, path, overview, genres, community_rating, run_time_ticks,
        production_year, index_number, parent_index_number, is_folder, parent_id, item_type,
        series_name, series_id, season_id, season_name, album, album_id, album_artist, artists,
        channel_id, channel_name, image_tags, media_type,
    ]
}

py_model! {
    /// Posting capabilities replaces the previous ones entirely (they are not merged). What a
    /// session can play and which remote commands it accepts.
    ClientCapabilitiesDto(jf::ClientCapabilitiesDto)
    repr [playable_media_types, supported_commands, supports_media_control]
    secret []
    durations []
    fields [
        playable_media_types, supported_commands, supports_media_control,
        supports_persistent_identifier, device_profile, app_store_url, icon_url,
    ]
}

py_model! {
    /// A name and an id; for the auth provider lists the id is a .NET type name, not a GUID.
    NameIdPair(jf::NameIdPair)
    repr [name, id]
    secret []
    durations []
    fields [name, id]
}

py_model! {
    /// What `AuthenticateByName` returns. `authenticate_by_name` returns it; `repr` never shows
    /// the access token.
    AuthenticationResult(jf::AuthenticationResult)
    repr [user, server_id]
    secret [access_token]
    durations []
    fields [user, session_info, access_token, server_id]
}

py_model! {
    /// A server's answer to UDP discovery: its address, id and name.
    ServerDiscoveryInfo(jf::ServerDiscoveryInfo)
    repr [address, id, name]
    secret []
    durations []
    fields [address, id, name, endpoint_address]
}

py_model! {
    /// What a server tells anyone before logging in: its name, version and id.
    PublicSystemInfo(jf::PublicSystemInfo)
    repr [server_name, version, id]
    secret []
    durations []
    fields [local_address, server_name, version, product_name, operating_system, id, startup_wizard_completed]
}

py_model! {
    /// What a server tells a signed-in user about itself (`GET /System/Info`): the public facts
    /// and its state (a pending restart, shutting down).
    SystemInfo(jf::SystemInfo)
    repr [server_name, version, id]
    secret []
    durations []
    fields [
        local_address, server_name, version, product_name, operating_system, id,
        startup_wizard_completed, package_name, has_pending_restart, is_shutting_down,
        supports_library_monitor, web_socket_port_number, completed_installations,
        cast_receiver_applications,
    ]
}

py_model! {
    /// A Quick Connect request, as `InitiateQuickConnect` creates it and `GetQuickConnectState`
    /// reports it. The device shows `code` and exchanges `secret` for a token once a user
    /// approved the code; `repr` never shows the secret.
    QuickConnectResult(jf::QuickConnectResult)
    repr [code, authenticated, device_name, app_name]
    secret [secret]
    durations []
    fields [authenticated, secret, code, device_id, device_name, app_name, app_version, date_added]
}

py_model! {
    /// A user account.
    UserDto(jf::UserDto)
    repr [id, name]
    secret []
    durations []
    fields [
        name, server_id, server_name, id, primary_image_tag, has_password,
        has_configured_password, enable_auto_login, last_login_date, last_activity_date,
        configuration, policy,
    ]
}

py_model! {
    /// The parts of `UserPolicy` a session controller needs; the other 40 fields are kept. They
    /// are in `extra`.
    UserPolicy(jf::UserPolicy)
    repr [is_administrator, is_disabled]
    secret []
    durations []
    fields [
        is_administrator, is_disabled, enable_remote_control_of_other_users,
        enable_shared_device_control, authentication_provider_id, password_reset_provider_id,
    ]
}

py_model! {
    /// The outcome of `POST /session`. A successful `create_session` returns it; `session_id` is
    /// also a bearer token: `repr` never shows it.
    AuthenticatedSessionResponse(g4::AuthenticatedSessionResponse)
    repr [user_id, username, valid_credentials, access_allowed]
    secret [session_id, bearer]
    durations []
    fields [
        valid_credentials, access_allowed, session_id, user_id, username, fullname, email,
        bearer, claims, roles, profiles, version,
    ]
}

py_model! {
    /// A session as `GET /session/{id}` and `GET /static-session/{id}` return it.
    GetSessionResponse(g4::GetSessionResponse)
    repr [user_id, data]
    secret [bearer]
    durations []
    fields [bearer, user_id, data]
}

py_model! {
    /// Playback of an item started (`POST /Sessions/Playing`) or is going on
    /// (`POST /Sessions/Playing/Progress`, as `PlaybackProgressInfo`). `item_id` (a GUID) is
    /// required; positions are .NET ticks (10,000 per millisecond).
    ///
    /// `PlaybackProgressInfo` is this class: `PlaybackStartInfo(item_id=..., position_ticks=...,
    /// is_paused=True)`.
    PlaybackStartInfo(jf::PlaybackStartInfo)
    repr [item_id, position_ticks, is_paused]
    secret []
    durations [position = position_ticks]
    fields [
        can_seek, item, item_id, session_id, media_source_id, audio_stream_index,
        subtitle_stream_index, is_paused, is_muted, position_ticks, playback_start_time_ticks,
        volume_level, brightness, aspect_ratio, play_method, live_stream_id, play_session_id,
        repeat_mode, playback_order, now_playing_queue, playlist_item_id,
    ]
}

py_model! {
    /// Playback of an item stopped (`POST /Sessions/Playing/Stopped`). `item_id` (a GUID) is
    /// required.
    PlaybackStopInfo(jf::PlaybackStopInfo)
    repr [item_id, position_ticks, failed]
    secret []
    durations [position = position_ticks]
    fields [
        item, item_id, session_id, media_source_id, position_ticks, live_stream_id,
        play_session_id, failed, next_media_type, playlist_item_id, now_playing_queue,
    ]
}

py_model! {
    /// A remote-control command with string arguments (for example `SetVolume` with
    /// `{"Volume": "50"}`). A `GeneralCommandMessage`'s `data`.
    GeneralCommand(jf::GeneralCommand)
    repr [name, arguments]
    fields [name, controlling_user_id, arguments]
}

py_model! {
    /// `Data` of a `Play` message: what `POST /Sessions/{id}/Playing` asked this session to
    /// play. Only `PlayNow`, `PlayNext` and `PlayLast` arrive (the server expands the others).
    PlayRequest(jf::PlayRequest)
    repr [play_command, item_ids, start_position_ticks]
    durations [start_position = start_position_ticks]
    fields [
        item_ids, start_position_ticks, play_command, controlling_user_id, subtitle_stream_index,
        audio_stream_index, media_source_id, start_index,
    ]
}

py_model! {
    /// `Data` of a `Playstate` message: pause, seek, stop... from
    /// `POST /Sessions/{id}/Playing/{command}`.
    PlaystateRequest(jf::PlaystateRequest)
    repr [command, seek_position_ticks]
    durations [seek_position = seek_position_ticks]
    fields [command, seek_position_ticks, controlling_user_id]
}

py_model! {
    /// `Data` of a `UserDataChanged` message: played state, favourites and positions of
    /// items changed for a user of this session.
    UserDataChangeInfo(jf::UserDataChangeInfo)
    repr [user_id, user_data_list]
    fields [user_id, user_data_list]
}

py_model! {
    /// A user's data about one item.
    UserItemDataDto(jf::UserItemDataDto)
    repr [item_id, played, play_count, is_favorite, playback_position_ticks]
    fields [
        rating, played_percentage, unplayed_item_count, playback_position_ticks, play_count,
        is_favorite, likes, last_played_date, played, key, item_id,
    ]
}
