//! Where finished async requests wait for their event loop.
//!
//! A runtime thread never takes the GIL to resolve an asyncio future: it would stall (and
//! with it every request on that thread) until the loop's thread lets go of the GIL. It
//! pushes the result here and writes one byte to a socket the loop watches
//! (`loop.add_reader`); the loop's thread then converts the results and resolves the
//! futures, in batches.
//!
//! Loops that cannot watch a socket (Windows' default proactor loop, whose `add_reader`
//! raises `NotImplementedError`, and every loop where there are no Unix sockets) are woken
//! with `loop.call_soon_threadsafe` instead: the runtime thread then takes the GIL once per
//! batch, which costs more per call but works with any loop.
//!
//! Each event loop has one queue, created and watched on the loop's first async call and kept
//! in a `weakref.WeakKeyDictionary` (so it goes with its loop).

use std::cell::RefCell;
#[cfg(unix)]
use std::io::{ErrorKind, Read, Write};
#[cfg(unix)]
use std::os::fd::AsRawFd;
#[cfg(unix)]
use std::os::unix::net::UnixStream;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyNotImplementedError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use sessionlink::Error;

use crate::errors::{panic_message, to_py_err};

/// Builds the Python result (or exception) of a finished request, on the loop's thread.
pub type Finish = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

pub struct Queue {
    done: Mutex<Vec<(Py<PyAny>, Finish)>>,
    wake: Wake,
    /// Requests of this loop started and not finished (see [`InFlight`]).
    in_flight: AtomicUsize,
}

/// One request of a loop in flight, from its start until its result is queued or it is
/// dropped (cancelled).
pub struct InFlight(Arc<Queue>);

impl InFlight {
    /// Counts a request in; also says whether it is the only one in flight.
    pub fn enter(queue: &Arc<Queue>) -> (InFlight, bool) {
        let before = queue.in_flight.fetch_add(1, Ordering::AcqRel);
        (InFlight(queue.clone()), before == 0)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// How a runtime thread tells the loop that results are waiting.
enum Wake {
    /// A byte written to `wake`; the loop watches `watched` (`add_reader`). No GIL needed.
    #[cfg(unix)]
    Socket { wake: UnixStream, watched: UnixStream },
    /// `loop.call_soon_threadsafe`, through a weak reference to the loop (a strong one, kept
    /// in the WeakKeyDictionary's value, would keep the loop alive forever).
    Scheduled { event_loop: Py<PyAny> },
}

impl std::fmt::Debug for Queue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pending = self.done.lock().map_or(0, |d| d.len());
        f.debug_struct("Queue").field("pending", &pending).finish()
    }
}

impl Queue {
    /// Called from a runtime thread, without the GIL.
    pub fn push(self: &Arc<Self>, future: Py<PyAny>, finish: Finish) {
        let was_empty = {
            let mut done = self.done.lock().unwrap_or_else(|p| p.into_inner());
            let was_empty = done.is_empty();
            done.push((future, finish));
            was_empty
        };
        if !was_empty {
            // A wake-up is already pending.
            return;
        }
        match &self.wake {
            // A full socket buffer means a wake-up is already pending.
            #[cfg(unix)]
            Wake::Socket { wake, .. } => {
                let _ = (&*wake).write(&[1]);
            }
            Wake::Scheduled { event_loop } => Python::attach(|py| {
                // A loop that is gone or closed resolves nothing, as with a closed loop that
                // no longer watches its socket.
                let Ok(event_loop) = event_loop.bind(py).call0() else { return };
                if !event_loop.is_none() {
                    let _ = event_loop.call_method1("call_soon_threadsafe", (Completions(self.clone()),));
                }
            }),
        }
    }

    /// On the loop's thread: resolves every finished future.
    fn drain(&self, py: Python<'_>) -> PyResult<()> {
        #[cfg(unix)]
        if let Wake::Socket { watched, .. } = &self.wake {
            let mut buf = [0u8; 256];
            loop {
                match (&*watched).read(&mut buf) {
                    Ok(n) if n == buf.len() => continue,
                    Ok(_) => break,
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    Err(_) => break,
                }
            }
        }
        let batch = std::mem::take(&mut *self.done.lock().unwrap_or_else(|p| p.into_inner()));
        for (future, finish) in batch {
            let future = future.bind(py);
            // Cancelled (task.cancel(), wait_for timing out): it stays cancelled.
            if future.call_method0(intern!(py, "done"))?.is_truthy()? {
                continue;
            }
            match catch_unwind(AssertUnwindSafe(|| finish(py))) {
                Ok(Ok(value)) => future.call_method1(intern!(py, "set_result"), (value,))?,
                Ok(Err(err)) => future.call_method1(intern!(py, "set_exception"), (err.into_value(py),))?,
                Err(payload) => {
                    let err = Error::internal(format!("sessionlink panicked (a bug): {}", panic_message(&*payload)));
                    future.call_method1(intern!(py, "set_exception"), (to_py_err(py, &err).into_value(py),))?
                }
            };
        }
        Ok(())
    }
}

static BY_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

thread_local! {
    /// The loop this thread used last (a weak reference) and its queue: an asyncio program
    /// runs one loop per thread, so the weak dictionary is consulted only when it changes.
    static LAST: RefCell<Option<(Py<PyAny>, Arc<Queue>)>> = const { RefCell::new(None) };
}

/// The completion queue of `event_loop`, created and watched on first use.
pub fn queue_of(event_loop: &Bound<'_, PyAny>) -> PyResult<Arc<Queue>> {
    let py = event_loop.py();
    let last = LAST.with_borrow(|last| {
        last.as_ref().and_then(|(weak, queue)| {
            let alive = weak.bind(py).call0().ok()?;
            alive.is(event_loop).then(|| queue.clone())
        })
    });
    if let Some(queue) = last {
        return Ok(queue);
    }
    let queue = queue_in_dictionary(event_loop)?;
    let weak = py.import("weakref")?.getattr("ref")?.call1((event_loop,))?.unbind();
    LAST.set(Some((weak, queue.clone())));
    Ok(queue)
}

fn queue_in_dictionary(event_loop: &Bound<'_, PyAny>) -> PyResult<Arc<Queue>> {
    let py = event_loop.py();
    let by_loop = BY_LOOP
        .get_or_try_init(py, || py.import("weakref")?.getattr("WeakKeyDictionary")?.call0().map(Bound::unbind))?
        .bind(py);
    let existing = by_loop.call_method1("get", (event_loop,))?;
    if !existing.is_none() {
        return Ok(existing.cast::<Completions>()?.get().0.clone());
    }
    let queue = watched_by(event_loop)?;
    by_loop.set_item(event_loop, Completions(queue.clone()))?;
    Ok(queue)
}

fn new_queue(wake: Wake) -> Arc<Queue> {
    Arc::new(Queue { done: Mutex::new(Vec::new()), wake, in_flight: AtomicUsize::new(0) })
}

/// A queue whose socket `event_loop` watches or, where it cannot, one that schedules its
/// drain on the loop.
fn watched_by(event_loop: &Bound<'_, PyAny>) -> PyResult<Arc<Queue>> {
    let py = event_loop.py();
    #[cfg(unix)]
    {
        let internal = |e: std::io::Error| to_py_err(py, &Error::internal(e.to_string()));
        let (wake, watched) = UnixStream::pair().map_err(internal)?;
        for end in [&wake, &watched] {
            end.set_nonblocking(true).map_err(internal)?;
        }
        let fd = watched.as_raw_fd();
        let queue = new_queue(Wake::Socket { wake, watched });
        match event_loop.call_method1("add_reader", (fd, Completions(queue.clone()))) {
            Ok(_) => return Ok(queue),
            Err(e) if e.is_instance_of::<PyNotImplementedError>(py) => {}
            Err(e) => return Err(e),
        }
    }
    let weak = py.import("weakref")?.getattr("ref")?.call1((event_loop,))?;
    Ok(new_queue(Wake::Scheduled { event_loop: weak.unbind() }))
}

/// The completion queue of one event loop, as the loop sees it: called (by the loop's reader
/// or a scheduled callback), it resolves every finished future.
#[pyclass(frozen, name = "_Completions", module = "sessionlink._native")]
#[derive(Debug)]
pub struct Completions(Arc<Queue>);

#[pymethods]
impl Completions {
    fn __call__(&self, py: Python<'_>) -> PyResult<()> {
        self.0.drain(py)
    }
}
