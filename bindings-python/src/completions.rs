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
//! The queue is also the [`runtime::Home`] of a request started while no other of its loop
//! was in flight: a runtime thread that sees its reply arrive only queues the wake-up here,
//! and the loop's thread polls the request itself, reading, decoding and freeing the reply
//! on the one thread that uses it (as the blocking client does), with nothing else passed
//! between threads.
//!
//! Each event loop has one queue, created and watched on the loop's first async call and kept
//! in a `weakref.WeakKeyDictionary` (so it goes with its loop). When the loop is gone, the
//! requests it was polling are left to the runtime's threads.

use std::cell::RefCell;
#[cfg(unix)]
use std::io::{ErrorKind, Read, Write};
#[cfg(unix)]
use std::os::fd::AsRawFd;
#[cfg(unix)]
use std::os::unix::net::UnixStream;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};

use pyo3::exceptions::PyNotImplementedError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use sessionlink::{runtime, Error};

use crate::errors::{panic_message, to_py_err};

/// Builds the Python result (or exception) of a finished request, on the loop's thread.
pub type Finish = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

pub struct Queue {
    items: Mutex<Vec<Item>>,
    wake: Wake,
    /// Requests of this loop started and not finished (see [`InFlight`]).
    in_flight: AtomicUsize,
    /// The loop's thread is in [`Queue::drain`], which takes what is added meanwhile: no
    /// wake-up is needed (it would cost the loop a turn for nothing).
    draining: AtomicBool,
    /// The loop is gone: nothing polls here any more.
    orphaned: AtomicBool,
    /// This queue, for the callback a scheduled wake-up carries to the loop.
    me: Weak<Queue>,
}

/// What waits for the loop's thread.
enum Item {
    /// A finished request: its asyncio future and how to build its result.
    Done(Py<PyAny>, Finish),
    /// A request woken (its reply arrived), to poll on the loop's thread.
    Poll(runtime::Started),
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
        let pending = self.items.lock().map_or(0, |d| d.len());
        f.debug_struct("Queue").field("pending", &pending).finish()
    }
}

impl Queue {
    /// Queues a finished request. Called from any thread, without the GIL.
    pub fn push(&self, future: Py<PyAny>, finish: Finish) {
        // A loop that is gone resolves nothing: the result goes now, not with the queue.
        if !self.orphaned.load(Ordering::SeqCst) {
            self.add(Item::Done(future, finish));
        }
    }

    /// Where a request polled by this loop is polled (see the module documentation). A loop
    /// woken by scheduled callbacks polls nothing itself (nothing tells when it closes, and
    /// waking it takes the GIL on the runtime's thread anyway): the request only starts on
    /// its thread.
    pub fn home(self: &Arc<Self>) -> runtime::Polled {
        match self.wake {
            Wake::Scheduled { .. } => runtime::Polled::HereFirst,
            #[cfg(unix)]
            Wake::Socket { .. } => runtime::Polled::At(self.clone()),
        }
    }

    /// The loop is gone: its requests are polled on the runtime from now on.
    #[cfg_attr(not(unix), allow(dead_code))]
    fn orphan(&self) {
        self.orphaned.store(true, Ordering::SeqCst);
        self.release_polls();
    }

    fn release_polls(&self) {
        let items = std::mem::take(&mut *self.items.lock().unwrap_or_else(|p| p.into_inner()));
        for item in items {
            // A finished request's future and result go with the loop.
            if let Item::Poll(started) = item {
                started.poll_on_runtime();
            }
        }
    }

    fn add(&self, item: Item) {
        let was_empty = {
            let mut items = self.items.lock().unwrap_or_else(|p| p.into_inner());
            let was_empty = items.is_empty();
            items.push(item);
            was_empty
        };
        // SeqCst, with the store and the check in `drain`: either the drain sees this item,
        // or this sees that it ended and wakes the loop.
        if !was_empty || self.draining.load(Ordering::SeqCst) {
            // A wake-up is already pending, or the drain running on the loop takes it.
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
                if let (false, Some(queue)) = (event_loop.is_none(), self.me.upgrade()) {
                    let _ = event_loop.call_method1("call_soon_threadsafe", (Completions(queue),));
                }
            }),
        }
    }

    /// On the loop's thread: polls the woken requests and resolves every finished future,
    /// also those that finish during the drain.
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
        loop {
            self.draining.store(true, Ordering::SeqCst);
            let result = self.drain_items(py);
            self.draining.store(false, Ordering::SeqCst);
            // Added after the last look and before the store: no wake-up was written for it.
            let left = !self.items.lock().unwrap_or_else(|p| p.into_inner()).is_empty();
            if !left || result.is_err() {
                return result;
            }
        }
    }

    fn drain_items(&self, py: Python<'_>) -> PyResult<()> {
        loop {
            let batch = std::mem::take(&mut *self.items.lock().unwrap_or_else(|p| p.into_inner()));
            if batch.is_empty() {
                return Ok(());
            }
            for item in batch {
                match item {
                    // A request that finishes in this poll queues its result, resolved in
                    // the next batch.
                    Item::Poll(started) => started.poll(),
                    Item::Done(future, finish) => Self::resolve(py, future, finish)?,
                }
            }
        }
    }

    fn resolve(py: Python<'_>, future: Py<PyAny>, finish: Finish) -> PyResult<()> {
        let future = future.bind(py);
        // Cancelled (task.cancel(), wait_for timing out): it stays cancelled.
        if future.call_method0(intern!(py, "done"))?.is_truthy()? {
            return Ok(());
        }
        match catch_unwind(AssertUnwindSafe(|| finish(py))) {
            Ok(Ok(value)) => future.call_method1(intern!(py, "set_result"), (value,))?,
            Ok(Err(err)) => future.call_method1(intern!(py, "set_exception"), (err.into_value(py),))?,
            Err(payload) => {
                let err = Error::internal(format!("sessionlink panicked (a bug): {}", panic_message(&*payload)));
                future.call_method1(intern!(py, "set_exception"), (to_py_err(py, &err).into_value(py),))?
            }
        };
        Ok(())
    }
}

impl runtime::Home for Queue {
    fn take(&self, woken: &runtime::Started) -> bool {
        if self.orphaned.load(Ordering::SeqCst) {
            return false;
        }
        self.add(Item::Poll(woken.clone()));
        // Orphaned meanwhile: the orphaning may have released the queue before this was
        // added. Released twice, a request is polled once more than needed, which is harmless.
        if self.orphaned.load(Ordering::SeqCst) {
            self.release_polls();
        }
        true
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
    Arc::new_cyclic(|me| Queue {
        items: Mutex::new(Vec::new()),
        wake,
        in_flight: AtomicUsize::new(0),
        draining: AtomicBool::new(false),
        orphaned: AtomicBool::new(false),
        me: me.clone(),
    })
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
        match event_loop.call_method1("add_reader", (fd, Watch(queue.clone()))) {
            Ok(_) => return Ok(queue),
            Err(e) if e.is_instance_of::<PyNotImplementedError>(py) => {}
            Err(e) => return Err(e),
        }
    }
    let weak = py.import("weakref")?.getattr("ref")?.call1((event_loop,))?;
    Ok(new_queue(Wake::Scheduled { event_loop: weak.unbind() }))
}

/// The callback of the loop's reader of the wake-up socket. The loop drops it when it closes
/// (or forgets its readers): the requests it was polling are then left to the runtime, where
/// they finish or time out and free their connections, instead of waiting for a loop that
/// will not turn again.
#[cfg(unix)]
#[pyclass(frozen, name = "_Watch", module = "sessionlink._native")]
#[derive(Debug)]
struct Watch(Arc<Queue>);

#[cfg(unix)]
#[pymethods]
impl Watch {
    fn __call__(&self, py: Python<'_>) -> PyResult<()> {
        self.0.drain(py)
    }
}

#[cfg(unix)]
impl Drop for Watch {
    fn drop(&mut self) {
        self.0.orphan();
    }
}

/// The completion queue of one event loop, as the loop sees it: called (by a scheduled
/// callback), it resolves every finished future.
#[pyclass(frozen, name = "_Completions", module = "sessionlink._native")]
#[derive(Debug)]
pub struct Completions(Arc<Queue>);

#[pymethods]
impl Completions {
    fn __call__(&self, py: Python<'_>) -> PyResult<()> {
        self.0.drain(py)
    }
}
