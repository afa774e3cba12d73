//! What the public package hands `_native` when it is imported: `_native._init(error=...,
//! errors=..., session_list=..., enum_members=...)`, called once by `sessionlink/__init__.py`.
//!
//! `_native` never imports the package: the package owns these names and their docs, and a
//! native module that imported upward would depend on the package's layout and import order.

use std::sync::RwLock;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

struct Package {
    /// `sessionlink.Error`, for a kind the package does not name.
    error: Py<PyType>,
    /// The exception class of each core error kind, keyed by `ErrorKind::as_str()`.
    errors: Py<PyDict>,
    /// `sessionlink.SessionList`.
    session_list: Py<PyType>,
}

/// Replaced, not kept, by a second `_init` (`importlib.reload(sessionlink)`), so errors are
/// always raised as the classes the package currently exports.
static PACKAGE: RwLock<Option<Package>> = RwLock::new(None);

/// Called by `sessionlink/__init__.py`: the classes `_native` raises and returns.
#[pyfunction]
#[pyo3(signature = (*, error, errors, session_list, enum_members))]
pub fn _init(
    error: Bound<'_, PyType>,
    errors: Bound<'_, PyDict>,
    session_list: Bound<'_, PyType>,
    enum_members: Bound<'_, PyDict>,
) -> PyResult<()> {
    // The enum members are kept beside the enum table, which reads them.
    crate::enums::set_members(&enum_members)?;
    let package = Package { error: error.unbind(), errors: errors.unbind(), session_list: session_list.unbind() };
    *PACKAGE.write().unwrap_or_else(|p| p.into_inner()) = Some(package);
    Ok(())
}

fn get<'py>(pick: impl FnOnce(&Package) -> Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    match PACKAGE.read().unwrap_or_else(|p| p.into_inner()).as_ref() {
        Some(package) => Ok(pick(package)),
        // Only reachable by using `_native` from outside the package's own import.
        None => Err(PyRuntimeError::new_err("sessionlink._native is used before `import sessionlink` initialised it")),
    }
}

/// The exception class for a core error kind (`sessionlink.Error` for a kind it does not name).
pub fn error_class<'py>(py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
    get(|p| match p.errors.bind(py).get_item(kind) {
        Ok(Some(class)) => class,
        _ => p.error.bind(py).clone().into_any(),
    })
}

/// The `SessionList` class (a `list` that renders as a table in Jupyter).
pub fn session_list(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    get(|p| p.session_list.bind(py).clone().into_any())
}
