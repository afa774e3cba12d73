//! `JellyfinClient` (blocking) and `AsyncJellyfinClient` (asyncio): the same methods, made
//! by one macro, differing only in how the core future is run.

use std::collections::BTreeMap;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use sessionlink::jellyfin::models as jf;
use sessionlink::jellyfin::{CapabilitiesQuery, GetSessionsQuery, JellyfinClient as Core, JellyfinConfig, PlayOptions};
use sessionlink::Secret;

use crate::bridge;
use crate::client::{self, Slot};
use crate::convert::{enum_arg, enum_list, str_list, text, type_name};
use crate::errors::{guard, invalid, IntoPyResult};

#[allow(clippy::too_many_arguments)]
fn build(
    py: Python<'_>,
    base_url: &str,
    device_name: Option<String>,
    device_id: Option<String>,
    client_name: Option<String>,
    client_version: Option<String>,
    token: Option<String>,
    connect_timeout: f64,
    request_timeout: f64,
    accept_invalid_certs: bool,
    extra_ca_pem: Option<Vec<u8>>,
) -> PyResult<Core> {
    // The core's default device (host name based), as in every binding: stable per machine,
    // as the server expects (it keys sessions on Client + DeviceId).
    let (default_name, default_id) = sessionlink::jellyfin::default_device();
    let device_name = device_name.unwrap_or(default_name);
    let device_id = device_id.unwrap_or(default_id);
    let mut config = JellyfinConfig::new(base_url, device_name, device_id);
    if client_name.is_some() || client_version.is_some() {
        let name = client_name.unwrap_or_else(|| config.client_name.clone());
        let version = client_version.unwrap_or_else(|| config.client_version.clone());
        config = config.with_client(name, version);
    }
    config.token = token.map(Secret::new);
    config.transport =
        client::transport_options(py, connect_timeout, request_timeout, accept_invalid_certs, extra_ca_pem)?;
    Core::new(config).py(py)
}

fn arguments(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<BTreeMap<String, Option<String>>> {
    let mut out = BTreeMap::new();
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(out) };
    let dict = obj
        .cast::<PyDict>()
        .map_err(|_| invalid(py, format!("arguments must be a dict of str to str, got {}", type_name(obj))))?;
    for (k, v) in dict.iter() {
        let key = text("arguments key", &k)?;
        let value = if v.is_none() {
            None
        } else if v.cast::<PyString>().is_ok() {
            Some(text("arguments value", &v)?)
        } else {
            return Err(invalid(py, format!("arguments[{key:?}] must be a str or None, got {}", type_name(&v))));
        };
        out.insert(key, value);
    }
    Ok(out)
}

macro_rules! jellyfin_client {
    ($name:ident, $run:path, $doc:literal, { $($context_manager:tt)* }) => {
        #[doc = $doc]
        #[derive(Debug)]
        #[pyclass(frozen, module = "sessionlink")]
        pub struct $name {
            inner: Slot<Core>,
        }

        #[pymethods]
        impl $name {
            #[new]
            #[pyo3(signature = (base_url, *, device_name=None, device_id=None, client_name=None,
                client_version=None, token=None, connect_timeout=10.0, request_timeout=30.0,
                accept_invalid_certs=false, extra_ca_pem=None))]
            #[allow(clippy::too_many_arguments)]
            fn new(
                py: Python<'_>,
                base_url: &str,
                device_name: Option<String>,
                device_id: Option<String>,
                client_name: Option<String>,
                client_version: Option<String>,
                token: Option<String>,
                connect_timeout: f64,
                request_timeout: f64,
                accept_invalid_certs: bool,
                extra_ca_pem: Option<Vec<u8>>,
            ) -> PyResult<Self> {
                crate::logging::refresh(py, true);
                guard(py, || {
                    let client = build(
                        py, base_url, device_name, device_id, client_name, client_version, token,
                        connect_timeout, request_timeout, accept_invalid_certs, extra_ca_pem,
                    )?;
                    Ok($name { inner: Slot::new(client) })
                })
            }

            /// The server URL requests go to (normalised: no trailing slash).
            #[getter]
            fn base_url(&self, py: Python<'_>) -> PyResult<String> {
                Ok(self.inner.get(py)?.base_url().to_owned())
            }

            /// The user id learnt from `authenticate_by_name`, if any.
            #[getter]
            fn user_id(&self, py: Python<'_>) -> PyResult<Option<String>> {
                Ok(self.inner.get(py)?.user_id())
            }

            /// Whether the client holds an access token or API key.
            #[getter]
            fn has_token(&self, py: Python<'_>) -> PyResult<bool> {
                Ok(self.inner.get(py)?.has_token())
            }

            /// Whether `close()` was called.
            #[getter]
            fn closed(&self) -> bool {
                self.inner.is_closed()
            }

            /// Replaces the access token (or API key); `None` forgets it.
            #[pyo3(signature = (token))]
            fn set_token(&self, py: Python<'_>, token: Option<String>) -> PyResult<()> {
                guard(py, || self.inner.get(py)?.set_token(token.map(Secret::new)).py(py))
            }

            /// Releases the connection pool; later calls raise `InvalidArgumentError`.
            fn close(&self) {
                self.inner.close();
            }

            fn __repr__(&self, py: Python<'_>) -> String {
                match self.inner.get(py) {
                    Ok(c) => format!(
                        "{}(base_url={:?}, has_token={}, user_id={:?})",
                        stringify!($name), c.base_url(), if c.has_token() { "True" } else { "False" },
                        c.user_id().unwrap_or_default()
                    ),
                    Err(_) => format!("{}(closed)", stringify!($name)),
                }
            }

            $($context_manager)*

            /// `GET /Sessions`: the sessions the caller may see.
            #[pyo3(signature = (*, controllable_by_user_id=None, device_id=None, active_within_seconds=None))]
            fn get_sessions(
                &self,
                py: Python<'_>,
                controllable_by_user_id: Option<String>,
                device_id: Option<String>,
                active_within_seconds: Option<i32>,
            ) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let c = self.inner.get(py)?;
                    let q = GetSessionsQuery { controllable_by_user_id, device_id, active_within_seconds };
                    $run(py, async move { c.get_sessions(&q).await }, client::session_list)
                })
            }

            /// `POST /Users/AuthenticateByName`: logs in; the client keeps the token.
            fn authenticate_by_name(&self, py: Python<'_>, username: String, password: String) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.authenticate_by_name(&username, &password).await }, client::authentication_result)
                })
            }

            /// `POST /Sessions/Logout`: ends the caller's session and revokes its token.
            fn report_session_ended(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.report_session_ended().await }, client::unit)
                })
            }

            /// `POST /Sessions/{sessionId}/User/{userId}`: adds a user to a session.
            fn add_user_to_session(&self, py: Python<'_>, session_id: String, user_id: String) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.add_user_to_session(&session_id, &user_id).await }, client::unit)
                })
            }

            /// `DELETE /Sessions/{sessionId}/User/{userId}`: removes an additional user.
            fn remove_user_from_session(&self, py: Python<'_>, session_id: String, user_id: String) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.remove_user_from_session(&session_id, &user_id).await }, client::unit)
                })
            }

            /// `POST /Sessions/{sessionId}/Viewing`: tells the session's UI to browse to an item.
            fn display_content(
                &self,
                py: Python<'_>,
                session_id: String,
                item_type: &Bound<'_, PyAny>,
                item_id: String,
                item_name: String,
            ) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let kind = enum_arg("item_type", item_type, jf::BaseItemKind::parse)?;
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.display_content(&session_id, kind, &item_id, &item_name).await }, client::unit)
                })
            }

            /// `POST /Sessions/{sessionId}/Playing`: tells a session to play items.
            #[pyo3(signature = (session_id, play_command, item_ids, *, start_position_ticks=None,
                media_source_id=None, audio_stream_index=None, subtitle_stream_index=None, start_index=None))]
            #[allow(clippy::too_many_arguments)]
            fn play(
                &self,
                py: Python<'_>,
                session_id: String,
                play_command: &Bound<'_, PyAny>,
                item_ids: &Bound<'_, PyAny>,
                start_position_ticks: Option<i64>,
                media_source_id: Option<String>,
                audio_stream_index: Option<i32>,
                subtitle_stream_index: Option<i32>,
                start_index: Option<i32>,
            ) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let command = enum_arg("play_command", play_command, jf::PlayCommand::parse)?;
                    let ids = str_list("item_ids", item_ids)?;
                    let options = PlayOptions {
                        start_position_ticks, media_source_id, audio_stream_index, subtitle_stream_index, start_index,
                    };
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.play(&session_id, command, &ids, &options).await }, client::unit)
                })
            }

            /// `POST /Sessions/{sessionId}/Playing/{command}`: pause, seek, stop... a session.
            #[pyo3(signature = (session_id, command, *, seek_position_ticks=None, controlling_user_id=None))]
            fn send_playstate_command(
                &self,
                py: Python<'_>,
                session_id: String,
                command: &Bound<'_, PyAny>,
                seek_position_ticks: Option<i64>,
                controlling_user_id: Option<String>,
            ) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let command = enum_arg("command", command, jf::PlaystateCommand::parse)?;
                    let c = self.inner.get(py)?;
                    $run(
                        py,
                        async move {
                            c.send_playstate_command(&session_id, command, seek_position_ticks, controlling_user_id.as_deref())
                                .await
                        },
                        client::unit,
                    )
                })
            }

            /// `POST /Sessions/{sessionId}/System/{command}`.
            fn send_system_command(&self, py: Python<'_>, session_id: String, command: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let command = enum_arg("command", command, jf::GeneralCommandType::parse)?;
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.send_system_command(&session_id, command).await }, client::unit)
                })
            }

            /// `POST /Sessions/{sessionId}/Command/{command}`: a command without arguments.
            fn send_general_command(&self, py: Python<'_>, session_id: String, command: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let command = enum_arg("command", command, jf::GeneralCommandType::parse)?;
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.send_general_command(&session_id, command).await }, client::unit)
                })
            }

            /// `POST /Sessions/{sessionId}/Command`: a command with string arguments.
            #[pyo3(signature = (session_id, name, arguments=None))]
            fn send_full_general_command(
                &self,
                py: Python<'_>,
                session_id: String,
                name: &Bound<'_, PyAny>,
                arguments: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let command = jf::GeneralCommand {
                        name: enum_arg("name", name, jf::GeneralCommandType::parse)?,
                        arguments: self::arguments(py, arguments)?,
                        ..Default::default()
                    };
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.send_full_general_command(&session_id, &command).await }, client::unit)
                })
            }

            /// `POST /Sessions/{sessionId}/Message`: shows a message on the session.
            #[pyo3(signature = (session_id, text, *, header=None, timeout_ms=None))]
            fn send_message_command(
                &self,
                py: Python<'_>,
                session_id: String,
                text: String,
                header: Option<String>,
                timeout_ms: Option<i64>,
            ) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let message = jf::MessageCommand { header, text, timeout_ms, ..Default::default() };
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.send_message_command(&session_id, &message).await }, client::unit)
                })
            }

            /// `POST /Sessions/Capabilities`: replaces (does not merge) the session's capabilities.
            #[pyo3(signature = (*, id=None, playable_media_types=None, supported_commands=None,
                supports_media_control=None, supports_persistent_identifier=None))]
            fn post_capabilities(
                &self,
                py: Python<'_>,
                id: Option<String>,
                playable_media_types: Option<&Bound<'_, PyAny>>,
                supported_commands: Option<&Bound<'_, PyAny>>,
                supports_media_control: Option<bool>,
                supports_persistent_identifier: Option<bool>,
            ) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let q = CapabilitiesQuery {
                        id,
                        playable_media_types: enum_list("playable_media_types", playable_media_types, jf::MediaType::parse)?,
                        supported_commands: enum_list("supported_commands", supported_commands, jf::GeneralCommandType::parse)?,
                        supports_media_control,
                        supports_persistent_identifier,
                    };
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.post_capabilities(&q).await }, client::unit)
                })
            }

            /// `POST /Sessions/Capabilities/Full`: replaces the capabilities with a full body.
            #[pyo3(signature = (*, id=None, playable_media_types=None, supported_commands=None,
                supports_media_control=false, supports_persistent_identifier=true, device_profile=None,
                app_store_url=None, icon_url=None))]
            #[allow(clippy::too_many_arguments)]
            fn post_full_capabilities(
                &self,
                py: Python<'_>,
                id: Option<String>,
                playable_media_types: Option<&Bound<'_, PyAny>>,
                supported_commands: Option<&Bound<'_, PyAny>>,
                supports_media_control: bool,
                supports_persistent_identifier: bool,
                device_profile: Option<&Bound<'_, PyAny>>,
                app_store_url: Option<String>,
                icon_url: Option<String>,
            ) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let device_profile = match device_profile {
                        Some(p) if !p.is_none() => Some(crate::convert::py_to_json("device_profile", p)?),
                        _ => None,
                    };
                    let capabilities = jf::ClientCapabilitiesDto {
                        playable_media_types: enum_list("playable_media_types", playable_media_types, jf::MediaType::parse)?
                            .unwrap_or_default(),
                        supported_commands: enum_list("supported_commands", supported_commands, jf::GeneralCommandType::parse)?
                            .unwrap_or_default(),
                        supports_media_control,
                        supports_persistent_identifier,
                        device_profile,
                        app_store_url,
                        icon_url,
                        ..Default::default()
                    };
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.post_full_capabilities(id.as_deref(), &capabilities).await }, client::unit)
                })
            }

            /// `POST /Sessions/Viewing`: reports that a session is viewing an item (a GUID).
            #[pyo3(signature = (item_id, *, session_id=None))]
            fn report_viewing(&self, py: Python<'_>, item_id: String, session_id: Option<String>) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.report_viewing(session_id.as_deref(), &item_id).await }, client::unit)
                })
            }

            /// `GET /Auth/Providers` (administrators only).
            fn get_auth_providers(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.get_auth_providers().await }, client::name_id_pairs)
                })
            }

            /// `GET /Auth/PasswordResetProviders` (administrators only).
            fn get_password_reset_providers(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.get_password_reset_providers().await }, client::name_id_pairs)
                })
            }
        }
    };
}

jellyfin_client!(
    JellyfinClient,
    bridge::blocking,
    "Blocking client for the Jellyfin Session API. Calls release the GIL; Ctrl-C cancels them.",
    {
        fn __enter__(slf: Py<Self>) -> Py<Self> {
            slf
        }

        #[pyo3(signature = (*_exc))]
        fn __exit__(&self, _exc: &Bound<'_, pyo3::types::PyTuple>) -> bool {
            self.inner.close();
            false
        }
    }
);

jellyfin_client!(
    AsyncJellyfinClient,
    bridge::awaitable,
    "asyncio client for the Jellyfin Session API. Methods return awaitables run on the \
     sessionlink runtime; cancelling the awaiting task drops the request.",
    {
        fn __aenter__(slf: Py<Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
            bridge::ready(py, slf.into_any())
        }

        #[pyo3(signature = (*_exc))]
        fn __aexit__(&self, py: Python<'_>, _exc: &Bound<'_, pyo3::types::PyTuple>) -> PyResult<Py<PyAny>> {
            self.inner.close();
            bridge::ready(py, false.into_pyobject(py)?.to_owned().into_any().unbind())
        }
    }
);
