//! `JellyfinClient` (blocking) and `AsyncJellyfinClient` (asyncio): the same methods, made
//! by one macro, differing only in the runner of the core call ([`crate::bridge`]).
//!
//! Each method converts its arguments into a call of the core operation and hands it to
//! `Slot::run` with the class's runner, which prepares it (so argument errors raise at the call
//! in both classes) and sends it. Each docstring begins with the core method's own summary
//! (checked by `tests/python/test_docs.py`).

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use sessionlink::jellyfin::models as jf;
use sessionlink::jellyfin::{CapabilitiesQuery, GetSessionsQuery, JellyfinClient as Core, JellyfinConfig, PlayOptions};
use sessionlink::Secret;

use crate::args::{enum_arg, enum_list, float, str_list, str_map, Int};
use crate::bridge;
use crate::client::{self, Slot};
use crate::errors::{guard, IntoPyResult};
use crate::models::json_opt;
use crate::models::{self, PlaybackStartInfo, PlaybackStopInfo};
use crate::socket;

/// The docs of the Jellyfin client's own keyword arguments.
macro_rules! jellyfin_arguments_doc {
    () => {
        "`JellyfinClient(base_url, *, device_name=None, device_id=None, client_name=None,\n\
         client_version=None, token=None, ...)`:\n\n\
         - `base_url`: the server's URL, with its path prefix if it has one\n  \
           (`https://media.example.com/jellyfin`).\n\
         - `device_name`, `device_id`: how this device is named and identified (by default the host\n  \
           name and `sessionlink-<host name>`). The server keys sessions on the client name and device\n  \
           id, and logging in again from a device id revokes that user's previous token on it: give a\n  \
           stable id per installation.\n\
         - `client_name`, `client_version`: the application (by default sessionlink and its version).\n\
         - `token`: an access token or API key (`authenticate_by_name` sets one)."
    };
}

macro_rules! jellyfin_client {
    ($name:ident, $run:path, $socket:path, $doc:literal, { $($context_manager:tt)* }) => {
        #[doc = $doc]
        #[doc = ""]
        #[doc = jellyfin_arguments_doc!()]
        #[doc = ""]
        #[doc = client::transport_arguments_doc!()]
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
                accept_invalid_certs=false, extra_ca_pem=None, max_response_bytes=None,
                pool_idle_timeout=None, retry_unavailable=0, retry_after_cap=None))]
            #[allow(clippy::too_many_arguments)]
            fn new(
                py: Python<'_>,
                base_url: &str,
                device_name: Option<String>,
                device_id: Option<String>,
                client_name: Option<String>,
                client_version: Option<String>,
                token: Option<String>,
                #[pyo3(from_py_with = float)] connect_timeout: f64,
                #[pyo3(from_py_with = float)] request_timeout: f64,
                accept_invalid_certs: bool,
                extra_ca_pem: Option<Vec<u8>>,
                max_response_bytes: Option<Int<i64>>,
                #[pyo3(from_py_with = client::opt_float)] pool_idle_timeout: Option<f64>,
                #[pyo3(from_py_with = crate::args::int)] retry_unavailable: i64,
                #[pyo3(from_py_with = client::opt_float)] retry_after_cap: Option<f64>,
            ) -> PyResult<Self> {
                crate::logging::refresh(py, true);
                guard(py, || {
                    let transport = client::transport_options(client::TransportArgs {
                        connect_timeout,
                        request_timeout,
                        accept_invalid_certs,
                        extra_ca_pem,
                        max_response_bytes: Int::opt(max_response_bytes),
                        pool_idle_timeout,
                        retry_unavailable,
                        retry_after_cap,
                    });
                    let config = JellyfinConfig::from_options(
                        base_url, device_name, device_id, client_name, client_version, token, transport.py(py)?,
                    );
                    Ok($name { inner: Slot::new(Core::new(config).py(py)?) })
                })
            }

            /// The base URL requests go to (normalised: no trailing slash).
            #[getter]
            fn base_url(&self, py: Python<'_>) -> PyResult<String> {
                Ok(self.inner.get(py)?.base_url().to_owned())
            }

            /// The device id the client sends (`DeviceId=`). The server keys each session on it and
            /// the client name, so it finds the caller's own session (see `current_session`).
            #[getter]
            fn device_id(&self, py: Python<'_>) -> PyResult<String> {
                Ok(self.inner.get(py)?.device_id().to_owned())
            }

            /// The device name the client sends (`Device=`), as other clients show it.
            #[getter]
            fn device_name(&self, py: Python<'_>) -> PyResult<String> {
                Ok(self.inner.get(py)?.device_name().to_owned())
            }

            /// The application name the client sends (`Client=`).
            #[getter]
            fn client_name(&self, py: Python<'_>) -> PyResult<String> {
                Ok(self.inner.get(py)?.client_name().to_owned())
            }

            /// The application version the client sends (`Version=`).
            #[getter]
            fn client_version(&self, py: Python<'_>) -> PyResult<String> {
                Ok(self.inner.get(py)?.client_version().to_owned())
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

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let c = match self.inner.get(py) {
                    Ok(c) => c,
                    Err(_) => return Ok(format!("{}(closed)", stringify!($name))),
                };
                // Each value as its attribute reads: `user_id=None` when `client.user_id is None`.
                let text = |v: &str| -> PyResult<String> { Ok(pyo3::types::PyString::new(py, v).repr()?.to_string()) };
                let user_id = match c.user_id() {
                    Some(id) => text(&id)?,
                    None => "None".to_owned(),
                };
                Ok(format!(
                    "{}(base_url={}, device_id={}, device_name={}, client_name={}, has_token={}, user_id={})",
                    stringify!($name),
                    text(c.base_url())?,
                    text(c.device_id())?,
                    text(c.device_name())?,
                    text(c.client_name())?,
                    if c.has_token() { "True" } else { "False" },
                    user_id,
                ))
            }

            $($context_manager)*

            /// `GET /Sessions`: the sessions the caller may see. They come as a `SessionList` (a list
            /// that Jupyter shows as a table).
            #[pyo3(signature = (*, controllable_by_user_id=None, device_id=None, active_within_seconds=None))]
            fn get_sessions(
                &self,
                py: Python<'_>,
                controllable_by_user_id: Option<String>,
                device_id: Option<String>,
                active_within_seconds: Option<Int<i32>>,
            ) -> PyResult<Py<PyAny>> {
                let active_within_seconds = Int::opt(active_within_seconds);
                let query = GetSessionsQuery { controllable_by_user_id, device_id, active_within_seconds };
                self.inner.run(py, $run, |c| Ok(c.get_sessions(&query)), client::session_list)
            }

            /// The caller's own session: `GET /Sessions` for this client's device id, then the
            /// session the server keys on this client's name and device id (so not another
            /// application's session on the same device). `None` when the server has none: before
            /// logging in, with an API key (which has no session of its own), or after
            /// `report_session_ended`.
            fn current_session(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.current_session()), client::optional_session)
            }

            /// `GET /Sessions`, then the one session that `target` names: its id, or else its device
            /// name ignoring case. No match raises `NotFoundError` (listing the device names there
            /// are); a device name several sessions share raises `InvalidArgumentError`, listing
            /// them with their ids.
            fn find_session(&self, py: Python<'_>, target: &str) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.find_session(target)), models::SessionInfoDto::wrap)
            }

            /// `POST /Users/AuthenticateByName`: logs in and keeps the returned access token and
            /// user id on the client. Logging in again from the same device id revokes the
            /// previous token of that user.
            fn authenticate_by_name(&self, py: Python<'_>, username: &str, password: &str) -> PyResult<Py<PyAny>> {
                let run = |c: &Core| Ok(c.authenticate_by_name(username, password));
                self.inner.run(py, $run, run, models::AuthenticationResult::wrap)
            }

            /// `POST /Sessions/Logout`: ends the caller's session and **revokes its token** on the
            /// server; the client forgets the token too.
            fn report_session_ended(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.report_session_ended()), client::unit)
            }

            /// `POST /Sessions/{sessionId}/User/{userId}`: adds a user to a session.
            fn add_user_to_session(&self, py: Python<'_>, session_id: &str, user_id: &str) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.add_user_to_session(session_id, user_id)), client::unit)
            }

            /// `DELETE /Sessions/{sessionId}/User/{userId}`: removes an additional user.
            fn remove_user_from_session(&self, py: Python<'_>, session_id: &str, user_id: &str) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.remove_user_from_session(session_id, user_id)), client::unit)
            }

            /// `POST /Sessions/{sessionId}/Viewing`: tells the session's UI to browse to an item.
            fn display_content(
                &self,
                py: Python<'_>,
                session_id: &str,
                item_type: &Bound<'_, PyAny>,
                item_id: &str,
                item_name: &str,
            ) -> PyResult<Py<PyAny>> {
                let run = |c: &Core| {
                    Ok(c.display_content(session_id, enum_arg("item_type", item_type)?, item_id, item_name))
                };
                self.inner.run(py, $run, run, client::unit)
            }

            /// `POST /Sessions/{sessionId}/Playing`: tells a session to play items. `item_ids` are
            /// GUIDs; `start_position_ticks` is in .NET ticks (10,000 per millisecond).
            #[pyo3(signature = (session_id, play_command, item_ids, *, start_position_ticks=None,
                media_source_id=None, audio_stream_index=None, subtitle_stream_index=None, start_index=None))]
            #[allow(clippy::too_many_arguments)]
            fn play(
                &self,
                py: Python<'_>,
                session_id: &str,
                play_command: &Bound<'_, PyAny>,
                item_ids: &Bound<'_, PyAny>,
                start_position_ticks: Option<Int<i64>>,
                media_source_id: Option<String>,
                audio_stream_index: Option<Int<i32>>,
                subtitle_stream_index: Option<Int<i32>>,
                start_index: Option<Int<i32>>,
            ) -> PyResult<Py<PyAny>> {
                let options = PlayOptions {
                    start_position_ticks: Int::opt(start_position_ticks),
                    media_source_id,
                    audio_stream_index: Int::opt(audio_stream_index),
                    subtitle_stream_index: Int::opt(subtitle_stream_index),
                    start_index: Int::opt(start_index),
                };
                let run = |c: &Core| {
                    let (command, ids) = (enum_arg("play_command", play_command)?, str_list("item_ids", item_ids)?);
                    Ok(c.play(session_id, command, &ids, &options))
                };
                self.inner.run(py, $run, run, client::unit)
            }

            /// `POST /Sessions/{sessionId}/Playing/{command}`: pause, seek, stop... a session.
            /// `seek_position_ticks` matters for `Seek`. The server replaces `controlling_user_id`
            /// with the caller's user when the caller has one.
            #[pyo3(signature = (session_id, command, *, seek_position_ticks=None, controlling_user_id=None))]
            fn send_playstate_command(
                &self,
                py: Python<'_>,
                session_id: &str,
                command: &Bound<'_, PyAny>,
                seek_position_ticks: Option<Int<i64>>,
                controlling_user_id: Option<&str>,
            ) -> PyResult<Py<PyAny>> {
                let ticks = Int::opt(seek_position_ticks);
                let run = |c: &Core| {
                    Ok(c.send_playstate_command(session_id, enum_arg("command", command)?, ticks, controlling_user_id))
                };
                self.inner.run(py, $run, run, client::unit)
            }

            /// `POST /Sessions/{sessionId}/System/{command}`: the server treats it exactly as
            /// `send_general_command`.
            fn send_system_command(
                &self,
                py: Python<'_>,
                session_id: &str,
                command: &Bound<'_, PyAny>,
            ) -> PyResult<Py<PyAny>> {
                let run = |c: &Core| Ok(c.send_system_command(session_id, enum_arg("command", command)?));
                self.inner.run(py, $run, run, client::unit)
            }

            /// `POST /Sessions/{sessionId}/Command/{command}`: a command without arguments.
            fn send_general_command(
                &self,
                py: Python<'_>,
                session_id: &str,
                command: &Bound<'_, PyAny>,
            ) -> PyResult<Py<PyAny>> {
                let run = |c: &Core| Ok(c.send_general_command(session_id, enum_arg("command", command)?));
                self.inner.run(py, $run, run, client::unit)
            }

            /// `POST /Sessions/{sessionId}/Command`: a command with string arguments (for example
            /// `SetVolume` with `Volume`). In Python: `arguments={"Volume": "50"}`.
            #[pyo3(signature = (session_id, name, arguments=None))]
            fn send_full_general_command(
                &self,
                py: Python<'_>,
                session_id: &str,
                name: &Bound<'_, PyAny>,
                arguments: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<Py<PyAny>> {
                let run = |c: &Core| {
                    let (name, arguments) = (enum_arg("name", name)?, str_map("arguments", arguments)?);
                    let command = jf::GeneralCommand { name, arguments, ..Default::default() };
                    Ok(c.send_full_general_command(session_id, &command))
                };
                self.inner.run(py, $run, run, client::unit)
            }

            /// `POST /Sessions/{sessionId}/Message`: shows a message on the session. The text must
            /// not be empty (the server answers 400 otherwise, so it is refused here first).
            #[pyo3(signature = (session_id, text, *, header=None, timeout_ms=None))]
            fn send_message_command(
                &self,
                py: Python<'_>,
                session_id: &str,
                text: String,
                header: Option<String>,
                timeout_ms: Option<Int<i64>>,
            ) -> PyResult<Py<PyAny>> {
                let timeout_ms = Int::opt(timeout_ms);
                let message = jf::MessageCommand { header, text, timeout_ms, ..Default::default() };
                self.inner.run(py, $run, |c| Ok(c.send_message_command(session_id, &message)), client::unit)
            }

            /// `POST /Sessions/Capabilities`: replaces (does not merge) the session's capabilities.
            /// Arguments left out are left out of the request (the server then uses its defaults).
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
                let run = |c: &Core| {
                    let query = CapabilitiesQuery {
                        id,
                        playable_media_types: enum_list("playable_media_types", playable_media_types)?,
                        supported_commands: enum_list("supported_commands", supported_commands)?,
                        supports_media_control,
                        supports_persistent_identifier,
                    };
                    Ok(c.post_capabilities(&query))
                };
                self.inner.run(py, $run, run, client::unit)
            }

            /// `POST /Sessions/Capabilities/Full`: replaces the capabilities with a full body.
            /// Arguments left out keep the values of `ClientCapabilitiesDto::new()` in core (the
            /// server's defaults), as in every language.
            #[pyo3(signature = (*, id=None, playable_media_types=None, supported_commands=None,
                supports_media_control=None, supports_persistent_identifier=None, device_profile=None,
                app_store_url=None, icon_url=None))]
            #[allow(clippy::too_many_arguments)]
            fn post_full_capabilities(
                &self,
                py: Python<'_>,
                id: Option<String>,
                playable_media_types: Option<&Bound<'_, PyAny>>,
                supported_commands: Option<&Bound<'_, PyAny>>,
                supports_media_control: Option<bool>,
                supports_persistent_identifier: Option<bool>,
                device_profile: Option<&Bound<'_, PyAny>>,
                app_store_url: Option<String>,
                icon_url: Option<String>,
            ) -> PyResult<Py<PyAny>> {
                let run = |c: &Core| {
                    let d = jf::ClientCapabilitiesDto::new();
                    let capabilities = jf::ClientCapabilitiesDto {
                        playable_media_types: enum_list("playable_media_types", playable_media_types)?
                            .unwrap_or(d.playable_media_types),
                        supported_commands: enum_list("supported_commands", supported_commands)?
                            .unwrap_or(d.supported_commands),
                        supports_media_control: supports_media_control.unwrap_or(d.supports_media_control),
                        supports_persistent_identifier: supports_persistent_identifier
                            .unwrap_or(d.supports_persistent_identifier),
                        device_profile: json_opt("device_profile", device_profile)?.or(d.device_profile),
                        app_store_url: app_store_url.or(d.app_store_url),
                        icon_url: icon_url.or(d.icon_url),
                        extra: d.extra,
                    };
                    Ok(c.post_full_capabilities(id.as_deref(), &capabilities))
                };
                self.inner.run(py, $run, run, client::unit)
            }

            /// `POST /Sessions/Viewing`: reports that a session is viewing an item. `item_id` must be
            /// a GUID: the server parses it as one and answers 500 otherwise.
            #[pyo3(signature = (item_id, *, session_id=None))]
            fn report_viewing(&self, py: Python<'_>, item_id: &str, session_id: Option<&str>) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.report_viewing(session_id, item_id)), client::unit)
            }

            /// `POST /Sessions/Playing`: the caller's session started playing `info.item_id`.
            fn report_playback_start(&self, py: Python<'_>, info: PyRef<'_, PlaybackStartInfo>) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.report_playback_start(&info.0)), client::unit)
            }

            /// `POST /Sessions/Playing/Progress`: position, pause, volume... of the playing item.
            /// Players report every few seconds and on every change.
            fn report_playback_progress(
                &self,
                py: Python<'_>,
                info: PyRef<'_, PlaybackStartInfo>,
            ) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.report_playback_progress(&info.0)), client::unit)
            }

            /// `POST /Sessions/Playing/Stopped`: playback of `info.item_id` ended.
            fn report_playback_stopped(
                &self,
                py: Python<'_>,
                info: PyRef<'_, PlaybackStopInfo>,
            ) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.report_playback_stopped(&info.0)), client::unit)
            }

            /// `POST /Sessions/Playing/Ping`: keeps a transcoding play session alive. The server
            /// requires `play_session_id` (400 without it), though the contract does not say so.
            fn ping_playback_session(&self, py: Python<'_>, play_session_id: &str) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.ping_playback_session(play_session_id)), client::unit)
            }

            /// Opens the session's WebSocket (`ws(s)://<base URL>/socket`, authenticated as the HTTP
            /// calls are), posts `options.capabilities` if any, and subscribes to `Sessions` if
            /// asked. The first connection's failure is the call's error; later drops reconnect.
            ///
            /// In Python the options are keywords: `capabilities` (a `ClientCapabilitiesDto`,
            /// posted after every (re)connect), `sessions=(initial_delay, interval)` in seconds
            /// (subscribe at once), `buffer` (how many events may wait for the reader, at least 1),
            /// and the reconnect backoff `reconnect_initial`, `reconnect_max` (seconds) and
            /// `reconnect_factor`. Returns the socket to iterate (`for event in socket:` or
            /// `async for` with the asyncio client), a context manager that closes it.
            #[pyo3(signature = (*, capabilities=None, sessions=None, buffer=256, reconnect_initial=1.0,
                reconnect_max=60.0, reconnect_factor=2.0))]
            #[allow(clippy::too_many_arguments)]
            fn open_socket(
                &self,
                py: Python<'_>,
                capabilities: Option<PyRef<'_, models::ClientCapabilitiesDto>>,
                #[pyo3(from_py_with = socket::seconds_pair)] sessions: Option<(f64, f64)>,
                #[pyo3(from_py_with = crate::args::int)] buffer: i64,
                #[pyo3(from_py_with = float)] reconnect_initial: f64,
                #[pyo3(from_py_with = float)] reconnect_max: f64,
                #[pyo3(from_py_with = float)] reconnect_factor: f64,
            ) -> PyResult<Py<PyAny>> {
                let run = |c: &Core| {
                    let options = socket::options(socket::SocketArgs {
                        capabilities: capabilities.map(|c| (*c.0).clone()),
                        sessions,
                        buffer,
                        reconnect_initial,
                        reconnect_max,
                        reconnect_factor,
                    })
                    .py(py)?;
                    Ok(c.open_socket(options))
                };
                self.inner.run(py, $run, run, $socket)
            }

            /// Makes this client a remote-controllable session in one call: posts capabilities with
            /// `SupportsMediaControl` and the given media types and commands, and opens the socket,
            /// whose events are the `Play`, `Playstate` and `GeneralCommand` messages sent to it.
            /// Report what plays with `report_playback_start` / `_progress` / `_stopped`.
            ///
            /// In Python: `become_controllable([MediaType.AUDIO], [GeneralCommandType.DISPLAY_MESSAGE])`
            /// returns the socket (see `open_socket`); `Playstate` commands need no entry in
            /// `supported_commands`.
            fn become_controllable(
                &self,
                py: Python<'_>,
                playable_media_types: &Bound<'_, PyAny>,
                supported_commands: &Bound<'_, PyAny>,
            ) -> PyResult<Py<PyAny>> {
                let run = |c: &Core| {
                    let media: Vec<jf::MediaType> =
                        enum_list("playable_media_types", Some(playable_media_types))?.unwrap_or_default();
                    let commands: Vec<jf::GeneralCommandType> =
                        enum_list("supported_commands", Some(supported_commands))?.unwrap_or_default();
                    Ok(c.become_controllable(&media, &commands))
                };
                self.inner.run(py, $run, run, $socket)
            }

            /// `GET /Auth/Providers` (administrators only): ids are .NET type names, not GUIDs.
            fn get_auth_providers(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.get_auth_providers()), client::name_id_pairs)
            }

            /// `GET /Auth/PasswordResetProviders` (administrators only).
            fn get_password_reset_providers(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c| Ok(c.get_password_reset_providers()), client::name_id_pairs)
            }
        }
    };
}

jellyfin_client!(
    JellyfinClient,
    bridge::blocking,
    socket::Socket::wrap,
    "Blocking client for the Jellyfin Session API. Calls release the GIL; Ctrl-C cancels them.",
    {
        fn __enter__(slf: Py<Self>) -> Py<Self> {
            slf
        }

        #[pyo3(signature = (*_exc))]
        fn __exit__(&self, _exc: &Bound<'_, PyTuple>) -> bool {
            self.inner.close();
            false
        }
    }
);

jellyfin_client!(
    AsyncJellyfinClient,
    bridge::awaitable,
    socket::AsyncSocket::wrap,
    "asyncio client for the Jellyfin Session API. Methods return awaitables run on the\n\
     sessionlink runtime; cancelling the awaiting task drops the request.",
    {
        fn __aenter__(slf: Py<Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
            bridge::ready(py, slf.into_any())
        }

        #[pyo3(signature = (*_exc))]
        fn __aexit__(&self, py: Python<'_>, _exc: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
            self.inner.close();
            bridge::ready(py, false.into_pyobject(py)?.to_owned().into_any().unbind())
        }
    }
);
