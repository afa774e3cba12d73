//! `QuickConnect` (blocking) and `AsyncQuickConnect` (asyncio): the pending request of core's
//! two-step Quick Connect flow (`sessionlink::jellyfin::QuickConnectPending`). `code` is what
//! to show; `wait()` is core's `wait`, run by the class's runner, so Ctrl-C (blocking) or
//! cancelling the awaiting task (asyncio) stops the polling.

use pyo3::prelude::*;
use pyo3::IntoPyObjectExt;
use sessionlink::jellyfin::{QuickConnectPending, QuickConnectWait};

use crate::bridge;
use crate::client::opt_float;
use crate::errors::{guard, IntoPyResult};
use crate::models;

macro_rules! pending {
    ($name:ident, $run:path, $doc:literal) => {
        #[doc = $doc]
        #[pyclass(frozen, module = "sessionlink")]
        pub struct $name(QuickConnectPending);

        impl $name {
            pub fn wrap(py: Python<'_>, pending: QuickConnectPending) -> PyResult<Py<PyAny>> {
                $name(pending).into_py_any(py)
            }
        }

        #[pymethods]
        impl $name {
            /// The code to show: a signed-in user approves it from another device (the
            /// dashboard's Quick Connect page, or `authorize_quick_connect`).
            #[getter]
            fn code(&self) -> &str {
                self.0.code()
            }

            /// The request as the server made it (its secret is hidden from the repr).
            #[getter]
            fn result(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                models::QuickConnectResult::wrap(py, self.0.result().clone())
            }

            /// Asks the server every `poll_interval` seconds (default 5) until a user approved
            /// the code, then logs in and keeps the token on the client; returns the
            /// `AuthenticationResult`. Raises `TimeoutError` when `timeout` seconds (default 600,
            /// the code's lifetime) pass first, `NotFoundError` when the code expired,
            /// `UnauthorizedError` when Quick Connect was turned off.
            #[pyo3(signature = (*, timeout=None, poll_interval=None))]
            fn wait(
                &self,
                py: Python<'_>,
                #[pyo3(from_py_with = opt_float)] timeout: Option<f64>,
                #[pyo3(from_py_with = opt_float)] poll_interval: Option<f64>,
            ) -> PyResult<Py<PyAny>> {
                guard(py, || {
                    let options = QuickConnectWait::from_seconds(timeout, poll_interval).py(py)?;
                    $run(py, self.0.wait(&options), models::AuthenticationResult::wrap)
                })
            }

            fn __repr__(&self) -> String {
                format!("{}(code={:?})", stringify!($name), self.0.code())
            }
        }
    };
}

pending!(
    QuickConnect,
    bridge::blocking,
    "A Quick Connect request waiting for approval (from `JellyfinClient.start_quick_connect`):\n\
     show `code`, then `wait()`. Ctrl-C stops the waiting."
);

pending!(
    AsyncQuickConnect,
    bridge::awaitable,
    "A Quick Connect request waiting for approval (from `AsyncJellyfinClient.start_quick_connect`):\n\
     show `code`, then `await wait()`. Cancelling the awaiting task stops the waiting."
);
