//! `G4Client` (blocking) and `AsyncG4Client` (asyncio), made by one macro.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use sessionlink::g4::models as g4;
use sessionlink::g4::{G4Auth, G4Client as Core, G4Config};
use sessionlink::Secret;

use crate::bridge;
use crate::client::{self, Slot};
use crate::convert::{py_to_json, type_name};
use crate::errors::{guard, invalid, IntoPyResult};
use crate::models;

fn auth(py: Python<'_>, bearer: Option<String>, api_key: Option<String>) -> PyResult<Option<G4Auth>> {
    match (bearer, api_key) {
        (Some(_), Some(_)) => Err(invalid(py, "give either bearer or api_key, not both")),
        (Some(b), None) => Ok(Some(G4Auth::Bearer(Secret::new(b)))),
        (None, Some(k)) => Ok(Some(G4Auth::ApiKey(Secret::new(k)))),
        (None, None) => Ok(None),
    }
}

fn json_arg(what: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<serde_json::Value>> {
    obj.map(|o| py_to_json(what, o)).transpose()
}

fn authenticated(py: Python<'_>, r: g4::AuthenticatedSessionResponse) -> PyResult<Py<PyAny>> {
    models::AuthenticatedSessionResponse::wrap(py, r)
}

fn session(py: Python<'_>, r: g4::GetSessionResponse) -> PyResult<Py<PyAny>> {
    models::GetSessionResponse::wrap(py, r)
}

macro_rules! g4_client {
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
            #[pyo3(signature = (base_url, tenant, *, application=None, bearer=None, api_key=None,
                connect_timeout=10.0, request_timeout=30.0, accept_invalid_certs=false, extra_ca_pem=None))]
            #[allow(clippy::too_many_arguments)]
            fn new(
                py: Python<'_>,
                base_url: String,
                tenant: String,
                application: Option<String>,
                bearer: Option<String>,
                api_key: Option<String>,
                connect_timeout: f64,
                request_timeout: f64,
                accept_invalid_certs: bool,
                extra_ca_pem: Option<Vec<u8>>,
            ) -> PyResult<Self> {
                crate::logging::refresh(py, true);
                guard(py, || {
                    let mut config = G4Config::new(base_url, tenant);
                    config.application = application;
                    config.auth = auth(py, bearer, api_key)?;
                    config.transport =
                        client::transport_options(py, connect_timeout, request_timeout, accept_invalid_certs, extra_ca_pem)?;
                    Ok($name { inner: Slot::new(Core::new(config).py(py)?) })
                })
            }

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

            #[getter]
            fn closed(&self) -> bool {
                self.inner.is_closed()
            }

            /// Replaces the credentials (at most one of the two); no argument forgets them.
            #[pyo3(signature = (*, bearer=None, api_key=None))]
            fn set_auth(&self, py: Python<'_>, bearer: Option<String>, api_key: Option<String>) -> PyResult<()> {
                guard(py, || self.inner.get(py)?.set_auth(auth(py, bearer, api_key)?).py(py))
            }

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

            /// `POST /session`: logs in and creates a session; the client then uses it as bearer.
            #[pyo3(signature = (username, password, *, data=None, timeout=None, detail=None))]
            fn create_session(
                &self,
                py: Python<'_>,
                username: String,
                password: String,
                data: Option<&Bound<'_, PyAny>>,
                timeout: Option<i32>,
                detail: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let detail = match detail {
                        None => None,
                        Some(obj) => match py_to_json("detail", obj)? {
                            serde_json::Value::Null => None,
                            serde_json::Value::Object(map) => Some(map),
                            _ => return Err(invalid(py, format!("detail must be a dict, got {}", type_name(obj)))),
                        },
                    };
                    let request = g4::CreateSessionRequest {
                        username,
                        password: Secret::new(password),
                        data: json_arg("data", data)?,
                        timeout,
                        detail,
                        ..Default::default()
                    };
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.create_session(&request).await }, authenticated)
                })
            }

            /// `GET /session/{id}`: reads a session and restarts its time-to-live.
            fn get_session(&self, py: Python<'_>, id: String) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.get_session(&id).await }, session)
                })
            }

            /// `GET /static-session/{id}`: reads a session without touching its time-to-live.
            fn get_static_session(&self, py: Python<'_>, id: String) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.get_static_session(&id).await }, session)
                })
            }

            /// `PUT /session/{id}`: replaces the session's data document (any JSON value).
            fn update_session(&self, py: Python<'_>, id: String, data: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let data = py_to_json("data", data)?;
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.update_session(&id, &data).await }, client::unit)
                })
            }

            /// `DELETE /session/{id}`: ends the session.
            fn delete_session(&self, py: Python<'_>, id: String) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let c = self.inner.get(py)?;
                    $run(py, async move { c.delete_session(&id).await }, client::unit)
                })
            }
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
