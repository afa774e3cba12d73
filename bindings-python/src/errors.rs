//! The one error funnel: every core [`sessionlink::Error`] becomes an instance of the
//! package's class for its kind, and every panic becomes `InternalError`.
//!
//! The classes live in Python (the public package owns names and docs) and are handed to this
//! module at import (see [`crate::package`]).

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;
use pyo3::types::PyDict;
use sessionlink::Error;

use crate::package;
use crate::to_py::json_to_py;

/// Converts a core error into the Python exception a user catches.
pub fn to_py_err(py: Python<'_>, error: &Error) -> PyErr {
    match build(py, error) {
        Ok(err) => err,
        // Only reachable if the package is broken or not initialised; still never a panic.
        Err(lookup_failure) => lookup_failure,
    }
}

fn build(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let class = package::error_class(py, error.kind().as_str())?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("status", error.status())?;
    if let Some(problem) = error.problem() {
        kwargs.set_item("problem", json_to_py(py, problem)?)?;
    }
    kwargs.set_item("kind", error.kind().as_str())?;
    kwargs.set_item("request_sent", error.request_sent())?;
    kwargs.set_item("retry_after", error.retry_after().map(|d| d.as_secs_f64()))?;
    kwargs.set_item("location", error.location())?;
    if let Some(body) = error.body() {
        kwargs.set_item("body", json_to_py(py, body)?)?;
    }
    let instance = class.call((error.message(),), Some(&kwargs))?;
    if let Some(cause) = os_cause(py, error) {
        instance.setattr("__cause__", cause)?;
    }
    Ok(PyErr::from_value(instance))
}

/// The operating system's error under a transport failure (a reset, a refused connection) as
/// the matching `OSError` subclass (`ConnectionResetError`, ...), for `__cause__`. Its text
/// is the system's, never the server's; the core message already names it.
fn os_cause<'py>(py: Python<'py>, error: &Error) -> Option<Bound<'py, PyAny>> {
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            let copy = std::io::Error::new(io.kind(), io.to_string());
            return Some(PyErr::from(copy).into_value(py).into_bound(py).into_any());
        }
        source = s.source();
    }
    None
}

/// Shorthand for results of core calls made while holding the GIL.
pub trait IntoPyResult<T> {
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for sessionlink::Result<T> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, &e))
    }
}

/// An `InvalidArgumentError` for a value rejected by the binding's type conversion.
pub fn invalid(py: Python<'_>, message: impl Into<String>) -> PyErr {
    to_py_err(py, &Error::invalid_argument(message))
}

/// Message of a caught panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_owned()
    }
}

/// Runs the body of a Python-callable function so that a panic in it surfaces as
/// `sessionlink.InternalError` (an `Exception`) instead of pyo3's `PanicException`, which
/// derives from `BaseException` and would escape `except Exception`.
pub fn guard<T>(py: Python<'_>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            Err(to_py_err(py, &Error::internal(format!("sessionlink panicked (a bug): {}", panic_message(&*payload)))))
        }
    }
}
