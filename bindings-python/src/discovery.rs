//! `discover_servers` and `discover_servers_async`: UDP server discovery (core's
//! `jellyfin::discovery`), and the `DiscoveredServer` results.

use pyo3::prelude::*;
use pyo3::types::PyList;
use pyo3::IntoPyObjectExt;
use sessionlink::jellyfin::discovery::{self as core, DiscoveryOptions};
use sessionlink::transport;

use crate::args::{float, int, str_list, Int};
use crate::bridge;
use crate::errors::{guard, invalid, IntoPyResult};
use crate::models::ServerDiscoveryInfo;

/// A server that answered discovery: its reply (`info`, lossless) and where it came from.
#[pyclass(frozen, module = "sessionlink")]
#[derive(Debug)]
pub struct DiscoveredServer {
    inner: core::DiscoveredServer,
}

#[pymethods]
impl DiscoveredServer {
    /// The server's base URL (`http://192.168.1.20:8096`): what to give a client.
    #[getter]
    fn address(&self) -> &str {
        self.inner.address()
    }

    /// The server's id (32 hex digits, stable across restarts).
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// The server's friendly name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The endpoint address, when the server sent one (current servers send `null`).
    #[getter]
    fn endpoint_address(&self) -> Option<&str> {
        self.inner.endpoint_address()
    }

    /// `host:port` the reply came from (the server's discovery socket).
    #[getter]
    fn responder(&self) -> String {
        self.inner.responder.to_string()
    }

    /// The reply as the server sent it (a `ServerDiscoveryInfo`, unknown fields kept).
    #[getter]
    fn info(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ServerDiscoveryInfo::wrap(py, self.inner.info.clone())
    }

    /// The reply's wire JSON, as `ServerDiscoveryInfo.to_dict()` gives it.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.info(py)?.call_method0(py, "to_dict")
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.inner == other.inner
    }

    fn __repr__(&self) -> String {
        format!(
            "DiscoveredServer(address={:?}, id={:?}, name={:?}, responder='{}')",
            self.inner.address(),
            self.inner.id(),
            self.inner.name(),
            self.inner.responder
        )
    }
}

fn to_list(py: Python<'_>, servers: Vec<core::DiscoveredServer>) -> PyResult<Py<PyAny>> {
    let items =
        servers.into_iter().map(|inner| Py::new(py, DiscoveredServer { inner })).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)?.into_py_any(py)
}

fn options(
    py: Python<'_>,
    targets: Option<&Bound<'_, PyAny>>,
    timeout: f64,
    broadcast: Option<bool>,
    port: i64,
    limit: Option<Int<i64>>,
) -> PyResult<DiscoveryOptions> {
    let port = u16::try_from(port).map_err(|_| invalid(py, format!("port must be 1 to 65535, got {port}")))?;
    let limit = match Int::opt(limit) {
        None => None,
        Some(n) => Some(usize::try_from(n).map_err(|_| invalid(py, format!("limit must be at least 1, got {n}")))?),
    };
    Ok(DiscoveryOptions {
        timeout: transport::seconds("timeout", timeout).py(py)?,
        targets: match targets {
            Some(t) => str_list("targets", t)?,
            None => Vec::new(),
        },
        broadcast,
        port,
        limit,
    })
}

/// Asks for Jellyfin servers over UDP (port 7359) and returns those that answered within
/// `timeout` seconds, as a list of `DiscoveredServer` (empty when none did).
///
/// - `targets`: addresses to ask directly, `"host"` or `"host:port"` (IPv4); servers on
///   another network, or an emulator's `discovery_address`.
/// - `broadcast`: also ask the whole local network (`255.255.255.255`). By default only when
///   no target is given.
/// - `limit`: return as soon as this many distinct servers answered.
/// - `port`: the port of the broadcast and of targets without one.
///
/// Replies that are not a server's answer are skipped (logged at DEBUG). Ctrl-C cancels.
#[pyfunction]
#[pyo3(signature = (targets=None, *, timeout=1.0, broadcast=None, limit=None, port=7359))]
pub fn discover_servers(
    py: Python<'_>,
    targets: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = float)] timeout: f64,
    broadcast: Option<bool>,
    limit: Option<Int<i64>>,
    #[pyo3(from_py_with = int)] port: i64,
) -> PyResult<Py<PyAny>> {
    guard(py, || {
        let options = options(py, targets, timeout, broadcast, port, limit)?;
        bridge::block_on(py, async move { core::discover_servers(&options).await }, to_list)
    })
}

/// `discover_servers` as an awaitable of the running asyncio loop; cancelling it stops the
/// discovery.
#[pyfunction]
#[pyo3(signature = (targets=None, *, timeout=1.0, broadcast=None, limit=None, port=7359))]
pub fn discover_servers_async(
    py: Python<'_>,
    targets: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = float)] timeout: f64,
    broadcast: Option<bool>,
    limit: Option<Int<i64>>,
    #[pyo3(from_py_with = int)] port: i64,
) -> PyResult<Py<PyAny>> {
    guard(py, || {
        let options = options(py, targets, timeout, broadcast, port, limit)?;
        bridge::spawn(py, async move { core::discover_servers(&options).await }, to_list)
    })
}
