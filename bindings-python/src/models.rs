//! Frozen Python classes over core models: snake_case attributes converted on access,
//! `to_dict()` giving the wire JSON (unknown fields included), `from_dict`, `==` comparing
//! the core models, pickling through `to_dict`/`from_dict`, and a `repr` without secrets.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3::IntoPyObjectExt;
use sessionlink::g4::models as g4;
use sessionlink::jellyfin::models as jf;
use sessionlink::Secret;

use crate::convert::{json_to_py, map_to_py, py_to_json, ToPy};
use crate::errors::invalid;

pub fn to_dict<T: serde::Serialize>(py: Python<'_>, model: &T) -> PyResult<Py<PyAny>> {
    let value = serde_json::to_value(model).map_err(|e| {
        crate::errors::to_py_err(py, &sessionlink::Error::internal(format!("cannot encode a model: {e}")))
    })?;
    json_to_py(py, &value)
}

pub fn from_dict<T: serde::de::DeserializeOwned>(data: &Bound<'_, PyAny>, name: &str) -> PyResult<T> {
    let value = py_to_json(name, data)?;
    serde_json::from_value(value).map_err(|e| invalid(data.py(), format!("not a valid {name}: {e}")))
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

macro_rules! py_model {
    (
        $(#[doc = $doc:literal])*
        $name:ident($core:ty)
        repr [$($repr:ident),*]
        secret [$($secret:ident),*]
        fields [$($field:ident),* $(,)?]
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug)]
        #[pyclass(frozen, module = "sessionlink")]
        pub struct $name(pub Arc<$core>);

        #[pymethods]
        impl $name {
            $(
                #[getter]
                fn $field(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                    ToPy::to_py(&self.0.$field, py)
                }
            )*

            /// Fields the server sent that this version of sessionlink does not name.
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
                crate::errors::guard(cls.py(), || from_dict(data, stringify!($name)).map(|m| $name(Arc::new(m))))
            }

            fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
                *self.0 == *other.0
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                #[allow(unused_mut)]
                let mut parts: Vec<String> = Vec::new();
                $(
                    let value = ToPy::to_py(&self.0.$repr, py)?;
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

        impl ToPy for $core {
            fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                $name(Arc::new(self.clone())).into_py_any(py)
            }
        }

        impl $name {
            pub fn wrap(py: Python<'_>, model: $core) -> PyResult<Py<PyAny>> {
                $name(Arc::new(model)).into_py_any(py)
            }
        }
    };
}

py_model! {
    /// One client session on the Jellyfin server.
    SessionInfoDto(jf::SessionInfoDto)
    repr [id, user_name, client, device_name, now_playing_item]
    secret []
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
    /// The player state of a session (`position_ticks` in .NET ticks, 10,000 per ms).
    PlayerStateInfo(jf::PlayerStateInfo)
    repr [position_ticks, is_paused, is_muted, volume_level]
    secret []
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
    fields [user_id, user_name]
}

py_model! {
    /// An entry of a session's play queue.
    QueueItem(jf::QueueItem)
    repr [id, playlist_item_id]
    secret []
    fields [id, playlist_item_id]
}

py_model! {
    /// How the server is transcoding a session's stream.
    TranscodingInfo(jf::TranscodingInfo)
    repr [video_codec, audio_codec, container, bitrate]
    secret []
    fields [
        audio_codec, video_codec, container, is_video_direct, is_audio_direct, bitrate,
        framerate, completion_percentage, width, height, audio_channels,
        hardware_acceleration_type, transcode_reasons,
    ]
}

py_model! {
    /// A library item, as found in `now_playing_item` and `now_viewing_item`.
    BaseItemDto(jf::BaseItemDto)
    repr [id, name, item_type]
    secret []
    fields [
        name, original_title, server_id, id, etag, date_created, container, sort_name,
        premiere_date, path, overview, genres, community_rating, run_time_ticks,
        production_year, index_number, parent_index_number, is_folder, parent_id, item_type,
        series_name, series_id, season_id, season_name, album, album_id, album_artist, artists,
        channel_id, channel_name, image_tags, media_type,
    ]
}

py_model! {
    /// What a session can play and which remote commands it accepts.
    ClientCapabilitiesDto(jf::ClientCapabilitiesDto)
    repr [playable_media_types, supported_commands, supports_media_control]
    secret []
    fields [
        playable_media_types, supported_commands, supports_media_control,
        supports_persistent_identifier, device_profile, app_store_url, icon_url,
    ]
}

py_model! {
    /// A name and an id (for the auth provider lists, the id is a .NET type name).
    NameIdPair(jf::NameIdPair)
    repr [name, id]
    secret []
    fields [name, id]
}

py_model! {
    /// What `authenticate_by_name` returns. `repr` never shows the access token.
    AuthenticationResult(jf::AuthenticationResult)
    repr [user, server_id]
    secret [access_token]
    fields [user, session_info, access_token, server_id]
}

py_model! {
    /// A Jellyfin user account.
    UserDto(jf::UserDto)
    repr [id, name]
    secret []
    fields [
        name, server_id, server_name, id, primary_image_tag, has_password,
        has_configured_password, enable_auto_login, last_login_date, last_activity_date,
        configuration, policy,
    ]
}

py_model! {
    /// The parts of a user's policy a session controller needs (the rest is in `extra`).
    UserPolicy(jf::UserPolicy)
    repr [is_administrator, is_disabled]
    secret []
    fields [
        is_administrator, is_disabled, enable_remote_control_of_other_users,
        enable_shared_device_control, authentication_provider_id, password_reset_provider_id,
    ]
}

py_model! {
    /// The outcome of a successful G4 `create_session`. `session_id` is also a bearer token:
    /// `repr` never shows it.
    AuthenticatedSessionResponse(g4::AuthenticatedSessionResponse)
    repr [user_id, username, valid_credentials, access_allowed]
    secret [session_id, bearer]
    fields [
        valid_credentials, access_allowed, session_id, user_id, username, fullname, email,
        bearer, claims, roles, profiles, version,
    ]
}

py_model! {
    /// A G4 session as `get_session` and `get_static_session` return it.
    GetSessionResponse(g4::GetSessionResponse)
    repr [user_id, data]
    secret [bearer]
    fields [bearer, user_id, data]
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<SessionInfoDto>()?;
    m.add_class::<PlayerStateInfo>()?;
    m.add_class::<SessionUserInfo>()?;
    m.add_class::<QueueItem>()?;
    m.add_class::<TranscodingInfo>()?;
    m.add_class::<BaseItemDto>()?;
    m.add_class::<ClientCapabilitiesDto>()?;
    m.add_class::<NameIdPair>()?;
    m.add_class::<AuthenticationResult>()?;
    m.add_class::<UserDto>()?;
    m.add_class::<UserPolicy>()?;
    m.add_class::<AuthenticatedSessionResponse>()?;
    m.add_class::<GetSessionResponse>()?;
    Ok(())
}
