//! What both API clients share in the binding: the closable slot holding the core client,
//! transport options from keyword arguments, and the result converters.

use std::sync::RwLock;

use pyo3::prelude::*;
use pyo3::types::PyList;
use pyo3::IntoPyObjectExt;
use sessionlink::jellyfin::models as jf;
use sessionlink::{transport, Call, TransportOptions};

use crate::bridge::{Convert, Runner};
use crate::errors::{guard, invalid};
use crate::shared::{Shared, Within};
use crate::{models, package};

/// The docs of the transport keyword arguments both clients take (`None` keeps core's
/// default, which the text states).
macro_rules! transport_arguments_doc {
    () => {
        "Transport keyword arguments (both APIs):\n\n\
         - `connect_timeout` (default 10 s) and `request_timeout` (default 30 s, the whole exchange):\n  \
           seconds.\n\
         - `accept_invalid_certs`: accept any TLS certificate (only for tests); `extra_ca_pem`: a CA\n  \
           certificate (PEM bytes) to trust besides the system's.\n\
         - `max_response_bytes`: the largest response body read (default 32 MiB); a larger one raises\n  \
           `ResponseTooLargeError` without being read.\n\
         - `pool_idle_timeout`: seconds an idle connection is kept for reuse (default 30, below common\n  \
           servers' keep-alive timeouts); 0 never reuses one.\n\
         - `retry_unavailable`: how many times a 503 or 429 answer is retried, waiting as its\n  \
           `Retry-After` asks (default 0: raised at once, with `retry_after` on the error).\n\
         - `retry_after_cap`: the longest of those waits, in seconds (default 10).\n\
         - `compression`: ask for Brotli or gzip responses and decode them (default `True`);\n  \
           `max_response_bytes` holds for the decoded body too.\n\
         - `webpki_roots` (default `True`): trust the WebPKI roots built in; `system_roots` (default\n  \
           `False`): trust the operating system's certificate store too.\n\
         - `proxy`: `\"http://[user:password@]host:port\"`, used whatever the environment says;\n  \
           `proxy_from_env` (default `True`): otherwise take it from `HTTPS_PROXY`, `HTTP_PROXY`,\n  \
           `ALL_PROXY` and `NO_PROXY` as curl does (`False`: connect directly).\n\n\
         Bad values raise `InvalidArgumentError` before anything is sent."
    };
}
pub(crate) use transport_arguments_doc;

/// The core client, until `close()`. Calls after `close()` raise `InvalidArgumentError`
/// (a `ValueError`, like I/O on a closed file).
#[derive(Debug)]
pub struct Slot<T>(RwLock<Option<T>>);

impl<T: Clone> Slot<T> {
    pub fn new(client: T) -> Self {
        Slot(RwLock::new(Some(client)))
    }

    pub fn get(&self, py: Python<'_>) -> PyResult<T> {
        self.0.read().unwrap_or_else(|p| p.into_inner()).clone().ok_or_else(|| invalid(py, "the client is closed"))
    }

    /// Drops this handle's reference: the connection pool goes once no call is using it.
    pub fn close(&self) {
        self.0.write().unwrap_or_else(|p| p.into_inner()).take();
    }

    pub fn is_closed(&self) -> bool {
        self.0.read().unwrap_or_else(|p| p.into_inner()).is_none()
    }

    /// One operation: `op` converts the arguments and builds the core call with the GIL held,
    /// then `runner` (blocking or asyncio) prepares and sends it.
    pub fn run<R: Send + 'static>(
        &self,
        py: Python<'_>,
        runner: Runner<R>,
        op: impl FnOnce(&T) -> PyResult<Call<R>>,
        convert: Convert<R>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || runner(py, op(&self.get(py)?)?, convert))
    }
}

/// The transport keyword arguments both clients take, as Python gives them.
#[derive(Debug)]
pub struct TransportArgs {
    pub connect_timeout: f64,
    pub request_timeout: f64,
    pub accept_invalid_certs: bool,
    pub extra_ca_pem: Option<Vec<u8>>,
    /// `None` keeps core's default for each of these.
    pub max_response_bytes: Option<i64>,
    pub pool_idle_timeout: Option<f64>,
    pub retry_unavailable: i64,
    pub retry_after_cap: Option<f64>,
    pub compression: bool,
    pub webpki_roots: bool,
    pub system_roots: bool,
    pub proxy: Option<String>,
    pub proxy_from_env: bool,
}

/// The transport options of both clients' keyword arguments; core checks them.
pub fn transport_options(args: TransportArgs) -> sessionlink::Result<TransportOptions> {
    let defaults = TransportOptions::default();
    Ok(TransportOptions {
        connect_timeout: transport::seconds("connect_timeout", args.connect_timeout)?,
        request_timeout: transport::seconds("request_timeout", args.request_timeout)?,
        extra_ca_pem: args.extra_ca_pem,
        accept_invalid_certs: args.accept_invalid_certs,
        max_response_bytes: match args.max_response_bytes {
            Some(n) => transport::bytes("max_response_bytes", n)?,
            None => defaults.max_response_bytes,
        },
        pool_idle_timeout: match args.pool_idle_timeout {
            Some(s) => transport::pool_idle_timeout_seconds(s)?,
            None => defaults.pool_idle_timeout,
        },
        retry_unavailable: transport::count("retry_unavailable", args.retry_unavailable)?,
        retry_after_cap: match args.retry_after_cap {
            Some(s) => transport::seconds("retry_after_cap", s)?,
            None => defaults.retry_after_cap,
        },
        compression: args.compression,
        webpki_roots: args.webpki_roots,
        system_roots: args.system_roots,
        proxy: args.proxy.map(sessionlink::Secret::new),
        proxy_from_env: args.proxy_from_env,
    })
}

/// `float` keyword arguments that may be `None` (core's default), refusing `bool`.
pub fn opt_float(obj: &Bound<'_, PyAny>) -> PyResult<Option<f64>> {
    if obj.is_none() {
        return Ok(None);
    }
    crate::args::float(obj).map(Some)
}

pub fn unit(py: Python<'_>, (): ()) -> PyResult<Py<PyAny>> {
    Ok(py.None())
}

pub fn boolean(py: Python<'_>, value: bool) -> PyResult<Py<PyAny>> {
    value.into_py_any(py)
}

pub fn string(py: Python<'_>, value: String) -> PyResult<Py<PyAny>> {
    value.into_py_any(py)
}

/// A `sessionlink.SessionList` (a `list` that renders as an HTML table in Jupyter).
pub fn session_list(py: Python<'_>, sessions: Vec<jf::SessionInfoDto>) -> PyResult<Py<PyAny>> {
    shared_session_list(py, Shared::new(sessions).within())
}

/// A `SessionList` whose sessions share `sessions`: the decoded list stays where core put it
/// (one allocation), each Python session points into it, and nothing is copied.
pub fn shared_session_list(py: Python<'_>, sessions: Within<'_, Vec<jf::SessionInfoDto>>) -> PyResult<Py<PyAny>> {
    let items = PyList::empty(py);
    for session in sessions.items() {
        items.append(models::SessionInfoDto(session.share()).into_py_any(py)?)?;
    }
    Ok(package::session_list(py)?.call1((items,))?.unbind())
}

pub fn name_id_pairs(py: Python<'_>, pairs: Vec<jf::NameIdPair>) -> PyResult<Py<PyAny>> {
    let items = PyList::empty(py);
    for pair in pairs {
        items.append(models::NameIdPair::wrap(py, pair)?)?;
    }
    Ok(items.into_any().unbind())
}

/// A session, or `None`.
pub fn optional_session(py: Python<'_>, session: Option<jf::SessionInfoDto>) -> PyResult<Py<PyAny>> {
    match session {
        Some(s) => models::SessionInfoDto::wrap(py, s),
        None => Ok(py.None()),
    }
}
