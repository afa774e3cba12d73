//! What both API clients share in the binding: the closable slot holding the core client,
//! transport options from keyword arguments, and the result converters.

use std::sync::RwLock;

use pyo3::prelude::*;
use pyo3::types::PyList;
use sessionlink::jellyfin::models as jf;
use sessionlink::{transport, Call, TransportOptions};

use crate::bridge::{Convert, Runner};
use crate::convert::ToPy;
use crate::errors::{guard, invalid};
use crate::{models, package};

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

/// The transport options of both clients' keyword arguments; core checks them.
pub fn transport_options(
    connect_timeout: f64,
    request_timeout: f64,
    accept_invalid_certs: bool,
    extra_ca_pem: Option<Vec<u8>>,
) -> sessionlink::Result<TransportOptions> {
    Ok(TransportOptions {
        connect_timeout: transport::seconds("connect_timeout", connect_timeout)?,
        request_timeout: transport::seconds("request_timeout", request_timeout)?,
        extra_ca_pem,
        accept_invalid_certs,
        ..TransportOptions::default()
    })
}

pub fn unit(py: Python<'_>, (): ()) -> PyResult<Py<PyAny>> {
    Ok(py.None())
}

/// A `sessionlink.SessionList` (a `list` that renders as an HTML table in Jupyter).
pub fn session_list(py: Python<'_>, sessions: Vec<jf::SessionInfoDto>) -> PyResult<Py<PyAny>> {
    let class = package::session_list(py)?;
    let items = PyList::empty(py);
    for s in sessions {
        items.append(models::SessionInfoDto::wrap(py, s)?)?;
    }
    Ok(class.call1((items,))?.unbind())
}

pub fn name_id_pairs(py: Python<'_>, pairs: Vec<jf::NameIdPair>) -> PyResult<Py<PyAny>> {
    pairs.to_py(py)
}
