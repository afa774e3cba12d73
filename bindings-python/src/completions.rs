//! Where finished async requests wait for their event loop.
//!
//! A runtime thread never takes the GIL to resolve an asyncio future: it would stall (and
//! with it every request on that thread) until the loop's thread lets go of the GIL. It
//! pushes the result here and writes one byte to a socket the loop watches
//! (`loop.add_reader`); the loop's thread then converts the results and resolves the
//! futures, in batches.
//!
//! Each event loop has one queue, created and watched on the loop's first async call and kept
//! in a `weakref.WeakKeyDictionary` (so it goes with its loop).

use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use sessionlink::Error;

use crate::errors::{panic_message, to_py_err};

/// Builds the Python result (or exception) of a finished request, on the loop's thread.
pub type Finish = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

pub struct Queue {
    done: Mutex<Vec<(Py<PyAny>, Finish)>>,
    wake: UnixStream,
}

impl std::fmt::Debug for Queue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pending = self.done.lock().map_or(0, |d| d.len());
        f.debug_struct("Queue").field("pending", &pending).finish()
    }
}

impl Queue {
    /// Called from a runtime thread, without the GIL.
    pub fn push(&self, future: Py<PyAny>, finish: Finish) {
        let was_empty = {
            let mut done = self.done.lock().unwrap_or_else(|p| p.into_inner());
            let was_empty = done.is_empty();
            done.push((future, finish));
            was_empty
        };
        if was_empty {
            // A full socket buffer means a wake-up is already pending.
            let _ = (&self.wake).write(&[1]);
        }
    }
}

static BY_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The completion queue of `event_loop`, created and watched (`add_reader`) on first use.
pub fn queue_of(event_loop: &Bound<'_, PyAny>) -> PyResult<Arc<Queue>> {
    let py = event_loop.py();
    let by_loop = BY_LOOP
        .get_or_try_init(py, || py.import("weakref")?.getattr("WeakKeyDictionary")?.call0().map(Bound::unbind))?
        .bind(py);
    let existing = by_loop.call_method1("get", (event_loop,))?;
    if !existing.is_none() {
        return Ok(existing.cast::<Completions>()?.get().queue.clone());
    }
    let completions = Bound::new(py, Completions::new(py)?)?;
    event_loop.call_method1("add_reader", (completions.get().fileno(), completions.getattr("drain")?))?;
    by_loop.set_item(event_loop, &completions)?;
    Ok(completions.get().queue.clone())
}

/// The completion queue of one event loop, with the socket end the loop watches.
#[pyclass(frozen, name = "_Completions", module = "sessionlink._native")]
#[derive(Debug)]
pub struct Completions {
    queue: Arc<Queue>,
    watched: UnixStream,
}

impl Completions {
    fn new(py: Python<'_>) -> PyResult<Self> {
        let (wake, watched) = UnixStream::pair().map_err(|e| to_py_err(py, &Error::internal(e.to_string())))?;
        for end in [&wake, &watched] {
            end.set_nonblocking(true).map_err(|e| to_py_err(py, &Error::internal(e.to_string())))?;
        }
        Ok(Completions { queue: Arc::new(Queue { done: Mutex::new(Vec::new()), wake }), watched })
    }

    /// The descriptor the loop watches for readability.
    fn fileno(&self) -> i32 {
        self.watched.as_raw_fd()
    }
}

#[pymethods]
impl Completions {
    /// The loop's reader callback: resolves every finished future.
    fn drain(&self, py: Python<'_>) -> PyResult<()> {
        let mut buf = [0u8; 256];
        loop {
            match (&self.watched).read(&mut buf) {
                Ok(n) if n == buf.len() => continue,
                Ok(_) => break,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        let batch = std::mem::take(&mut *self.queue.done.lock().unwrap_or_else(|p| p.into_inner()));
        for (future, finish) in batch {
            let future = future.bind(py);
            // Cancelled (task.cancel(), wait_for timing out): it stays cancelled.
            if future.call_method0("done")?.is_truthy()? {
                continue;
            }
            match catch_unwind(AssertUnwindSafe(|| finish(py))) {
                Ok(Ok(value)) => future.call_method1("set_result", (value,))?,
                Ok(Err(err)) => future.call_method1("set_exception", (err.into_value(py),))?,
                Err(payload) => {
                    let err = Error::internal(format!("sessionlink panicked (a bug): {}", panic_message(&*payload)));
                    future.call_method1("set_exception", (to_py_err(py, &err).into_value(py),))?
                }
            };
        }
        Ok(())
    }
}
