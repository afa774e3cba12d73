//! `sessionlink._native`: the private extension module behind the `sessionlink` package.
//! It converts types, manages the GIL and delegates to the core crate; the public package
//! (`python/sessionlink/`) owns the names, docs and typing.

mod bridge;
mod client;
mod completions;
mod convert;
mod emulator;
mod errors;
mod g4;
mod jellyfin;
mod logging;
mod models;

use pyo3::prelude::*;

/// Panics on purpose, so tests can check that a panic surfaces as `InternalError`:
/// `where` is `"call"` (in the binding), `"task"` (in a blocking call's runtime task) or
/// `"async"` (in an awaitable's runtime task).
#[pyfunction]
fn _panic_for_tests(py: Python<'_>, r#where: &str) -> PyResult<Py<PyAny>> {
    errors::guard(py, || match r#where {
        "call" => panic!("test panic in the binding"),
        "task" => bridge::blocking(py, async { panic!("test panic in a runtime task") }, client::unit),
        "async" => bridge::awaitable(py, async { panic!("test panic in an async runtime task") }, client::unit),
        other => Err(errors::invalid(py, format!("unknown place {other:?}"))),
    })
}

#[pymodule]
fn _native(py: Python<'_>, m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", sessionlink::VERSION)?;
    m.add("WIRE_NAMES", convert::wire_names(py)?)?;
    m.add_class::<jellyfin::JellyfinClient>()?;
    m.add_class::<jellyfin::AsyncJellyfinClient>()?;
    m.add_class::<g4::G4Client>()?;
    m.add_class::<g4::AsyncG4Client>()?;
    m.add_class::<emulator::Emulator>()?;
    m.add_class::<completions::Completions>()?;
    models::register(m)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
