//! `SessionChanges`: core's diff of successive session lists, for watchers (the
//! `sessionlink watch` command among them).

use pyo3::prelude::*;
use pyo3::types::PyList;
use pyo3::IntoPyObjectExt;
use sessionlink::jellyfin::models as jf;
use sessionlink::jellyfin::SessionChanges as Core;
use std::sync::Mutex;

use crate::args::type_name;
use crate::errors::{guard, invalid};
use crate::models::SessionInfoDto;
use crate::to_py::json_to_py;

/// Turns successive session lists (from `get_sessions` or a socket's `SessionsMessage`) into
/// the changes between them: one dict per change, with `event` (`session_started`,
/// `session_ended`, `playback_started`, `playback_paused`, `playback_resumed`,
/// `playback_stopped`, `playback_progressed`), `session_id`, `device`, `client`, `user`,
/// `item_id`, `item`, `position_ticks`, `is_paused` and `initial` (true for what the first
/// list showed).
#[pyclass(module = "sessionlink")]
#[derive(Debug)]
pub struct SessionChanges {
    inner: Mutex<Core>,
}

#[pymethods]
impl SessionChanges {
    #[new]
    fn new() -> Self {
        SessionChanges { inner: Mutex::new(Core::new()) }
    }

    /// The changes from the previous list to `sessions` (an iterable of `SessionInfoDto`).
    fn update(&self, py: Python<'_>, sessions: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let mut list: Vec<jf::SessionInfoDto> = Vec::new();
            let iter = sessions.try_iter().map_err(|_| {
                invalid(py, format!("sessions must be an iterable of SessionInfoDto, got {}", type_name(sessions)))
            })?;
            for item in iter {
                let item = item?;
                let session = item.cast::<SessionInfoDto>().map_err(|_| {
                    invalid(py, format!("sessions must hold SessionInfoDto objects, got {}", type_name(&item)))
                })?;
                list.push((*session.get().0).clone());
            }
            let changes = self.inner.lock().unwrap_or_else(|p| p.into_inner()).update(&list);
            let items = changes
                .iter()
                .map(|c| {
                    let value = serde_json::to_value(c).map_err(|e| invalid(py, e.to_string()))?;
                    json_to_py(py, &value)
                })
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_py_any(py)
        })
    }
}
