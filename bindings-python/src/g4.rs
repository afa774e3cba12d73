//! `G4Client` (blocking) and `AsyncG4Client` (asyncio), made by one macro; see
//! `jellyfin.rs` for the shape of a method.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use sessionlink::g4::{G4Auth, G4Client as Core, G4Config};

use crate::args::{float, Int};
use crate::bridge;
use crate::client::{self, Slot};
use crate::errors::{guard, IntoPyResult};

/// The docs of the G4 client's own arguments.
macro_rules! g4_arguments_doc {
    () => {
        "`G4Client(base_url, tenant, *, application=None, bearer=None, api_key=None, ...)`:\n\n\
         - `base_url`: the service's URL, with its path prefix if it has one.\n\
         - `tenant`: the tenant every call is for (ASCII, sent as a header).\n\
         - `application`: the calling application's name, if the service wants one.\n\
         - `bearer` or `api_key` (not both): the credentials; `create_session` sets a bearer."
    };
}

macro_rules! g4_client {
    ($name:ident, $run:path, $doc:literal, { $($context_manager:tt)* }) => {
        #[doc = $doc]
        #[doc = ""]
        #[doc = g4_arguments_doc!()]
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
            #[pyo3(signature = (base_url, tenant, *, application=None, bearer=None, api_key=None,
                connect_timeout=10.0, request_timeout=30.0, accept_invalid_certs=false,
                extra_ca_pem=None, max_response_bytes=None, pool_idle_timeout=None,
                retry_unavailable=0, retry_after_cap=None, compression=true,
                webpki_roots=true, system_roots=false, proxy=None, proxy_from_env=true))]
            #[allow(clippy::too_many_arguments)]
            fn new(
                py: Python<'_>,
                base_url: String,
                tenant: String,
                application: Option<String>,
                bearer: Option<String>,
                api_key: Option<String>,
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
                    let mut config = G4Config::new(base_url, tenant);
                    config.application = application;
                    config.auth = G4Auth::from_options(bearer, api_key).py(py)?;
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
                    config.transport = transport.py(py)?;
                    Ok($name { inner: Slot::new(Core::new(config).py(py)?) })
                })
            }

            /// The base URL requests go to (normalised: no trailing slash).
            #[getter]
            fn base_url(&self, py: Python<'_>) -> PyResult<String> {
                Ok(self.inner.get(py)?.base_url().to_owned())
            }

            /// `"bearer"`, `"apikey"` or `None`: how the next call is authorised.
            #[getter]
            fn auth_scheme(&self, py: Python<'_>) -> PyResult<Option<&'static str>> {
                Ok(self.inner.get(py)?.auth().map(|a| match a {
                    G4Auth::Bearer(_) => "bearer",
                    G4Auth::ApiKey(_) => "apikey",
                }))
            }

            /// Whether `close()` was called.
            #[getter]
            fn closed(&self) -> bool {
                self.inner.is_closed()
            }

            /// Replaces the credentials; `None` forgets them. Give a bearer token or an API key
            /// (not both); with neither, the client has no credentials.
            #[pyo3(signature = (*, bearer=None, api_key=None))]
            fn set_auth(&self, py: Python<'_>, bearer: Option<String>, api_key: Option<String>) -> PyResult<()> {
                guard(py, || self.inner.get(py)?.set_auth(G4Auth::from_options(bearer, api_key).py(py)?).py(py))
            }

            /// Releases the connection pool; later calls raise `InvalidArgumentError`.
            fn close(&self) {
                self.inner.close();
            }

            fn __repr__(&self, py: Python<'_>) -> String {
                match self.inner.get(py) {
                    Ok(c) => format!(
                        "{}(base_url={:?}, auth={})",
                        stringify!($name),
                        c.base_url(),
                        match c.auth() {
                            Some(G4Auth::Bearer(_)) => "bearer ***",
                            Some(G4Auth::ApiKey(_)) => "apikey ***",
                            None => "None",
                        }
                    ),
                    Err(_) => format!("{}(closed)", stringify!($name)),
                }
            }

            $($context_manager)*

        }
    };
}

g4_client!(
    G4Client,
    bridge::blocking,
    "Blocking client for the G4 Sessions API. Calls release the GIL; Ctrl-C cancels them.",
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

g4_client!(
    AsyncG4Client,
    bridge::awaitable,
    "asyncio client for the G4 Sessions API; cancelling the awaiting task drops the request.",
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
