//! `sessionlink._native`: the private extension module behind the `sessionlink` package.
//! It converts types, manages the GIL and delegates to the core crate; the public package
//! (`python/sessionlink/`) owns the names, docs and typing.

mod args;
mod bridge;
mod client;
mod completions;
mod dates;
mod discovery;
mod emulator;
mod enums;
mod errors;
mod field_docs;
mod g4;
mod g4_ops;
mod jellyfin;
mod jellyfin_ops;
mod json;
mod logging;
mod messages;
mod models;
mod package;
mod quick_connect;
mod session_changes;
mod shared;
mod socket;
mod to_py;
mod wire_enums;

use pyo3::prelude::*;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    // From the mimalloc linked in by the `mimalloc` crate (v2 API, pinned by Cargo.lock).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_arena_eager_commit` in mimalloc v2's `mi_option_e`.
const MI_OPTION_ARENA_EAGER_COMMIT: std::ffi::c_int = 4;

/// Commit arena memory as it is used rather than up front: without this, an idle client
/// process holds several MB more resident memory than it needs.
fn configure_allocator() {
    // SAFETY: sets a process-global option of the allocator; any value is valid.
    unsafe { mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

/// Panics on purpose, so tests can check that a panic surfaces as `InternalError`:
/// `where` is `"call"` (in the binding), `"task"` (in a blocking call's runtime task) or
/// `"async"` (in an awaitable's runtime task).
#[pyfunction]
fn _panic_for_tests(py: Python<'_>, r#where: &str) -> PyResult<Py<PyAny>> {
    errors::guard(py, || match r#where {
        "call" => panic!("test panic in the binding"),
        "task" => bridge::block_on(py, async { panic!("test panic in a runtime task") }, client::unit),
        "async" => bridge::spawn(py, async { panic!("test panic in an async runtime task") }, client::unit),
        other => Err(errors::invalid(py, format!("unknown place {other:?}"))),
    })
}

#[pymodule]
fn _native(py: Python<'_>, m: &Bound<'_, PyModule>) -> PyResult<()> {
    configure_allocator();
    m.add("__version__", sessionlink::VERSION)?;
    m.add("WIRE_NAMES", enums::wire_names(py)?)?;
    m.add_class::<jellyfin::JellyfinClient>()?;
    m.add_class::<jellyfin::AsyncJellyfinClient>()?;
    m.add_class::<g4::G4Client>()?;
    m.add_class::<g4::AsyncG4Client>()?;
    m.add_class::<emulator::Emulator>()?;
    m.add_class::<discovery::DiscoveredServer>()?;
    m.add_class::<session_changes::SessionChanges>()?;
    m.add_function(wrap_pyfunction!(discovery::discover_servers, m)?)?;
    m.add_function(wrap_pyfunction!(discovery::discover_servers_async, m)?)?;
    models::register(m)?;
    messages::register(m)?;
    m.add_class::<quick_connect::QuickConnect>()?;
    m.add_class::<quick_connect::AsyncQuickConnect>()?;
    m.add_class::<socket::Socket>()?;
    m.add_class::<socket::AsyncSocket>()?;
    m.add_class::<socket::SocketEvents>()?;
    m.add_class::<socket::AsyncSocketEvents>()?;
    m.add_function(wrap_pyfunction!(package::_init, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
