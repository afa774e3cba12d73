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
use sessionlink::jellyfin::{JellyfinClient as Core, JellyfinConfig};
use sessionlink::Secret;

use crate::args::{enum_list, float, Int};
use crate::bridge;
use crate::client::{self, Slot};
use crate::errors::{guard, IntoPyResult};
use crate::models;
use crate::quick_connect;
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
    ($name:ident, $run:path, $socket:path, $quick_connect:path, $doc:literal, { $($context_manager:tt)* }) => {
        #[doc = $doc]
        #[doc = ""]
        #[doc = jellyfin_arguments_doc!()]
        #[doc = ""]
        #[doc = client::transport_arguments_doc!()]
        #[derive(Debug)]
        #[pyclass(frozen, module = "sessionlink")]
        pub struct $name {
            pub(crate) inner: Slot<Core>,
        }

        #[pymethods]
        impl $name {
            #[new]
            #[pyo3(signature = (base_url, *, device_name=None, device_id=None, client_name=None,
                client_version=None, token=None, connect_timeout=10.0, request_timeout=30.0,
                accept_invalid_certs=false, extra_ca_pem=None, max_response_bytes=None,
                pool_idle_timeout=None, retry_unavailable=0, retry_after_cap=None, compression=true,
                webpki_roots=true, system_roots=false, proxy=None, proxy_from_env=true))]
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
                compression: bool,
                webpki_roots: bool,
                system_roots: bool,
                proxy: Option<String>,
                proxy_from_env: bool,
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
                        compression,
                        webpki_roots,
                        system_roots,
                        proxy,
                        proxy_from_env,
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

            /// Quick Connect, step one: `POST /QuickConnect/Initiate`. Returns the pending
            /// request: show its `code`, then call its `wait()`, which polls until a user
            /// approved the code and logs in. A server with Quick Connect turned off raises
            /// `UnauthorizedError` saying so.
            fn start_quick_connect(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                self.inner.run(py, $run, |c: &Core| Ok(c.start_quick_connect()), $quick_connect)
            }
        }
    };
}

jellyfin_client!(
    JellyfinClient,
    bridge::blocking,
    socket::Socket::wrap,
    quick_connect::QuickConnect::wrap,
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
    quick_connect::AsyncQuickConnect::wrap,
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
