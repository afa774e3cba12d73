//! The two runners of an operation [`Call`]: blocking (GIL released, Ctrl-C cancels) and as
//! an asyncio future resolved through the loop's completion queue (no thread per call;
//! cancelling the asyncio future aborts the request).
//!
//! Both prepare the call first, with the GIL held and before anything is queued: an argument
//! error raises at the call, in the blocking and the asyncio client alike.

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use sessionlink::{runtime, Call, Error, Received};

use crate::completions::{self, Finish};
use crate::errors::{panic_message, to_py_err, IntoPyResult};

/// How often a blocking call wakes to run Python's signal handlers: Ctrl-C and Jupyter's
/// "Interrupt kernel" take effect within this.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// Converts the core result into the Python return value (called with the GIL held).
pub type Convert<T> = fn(Python<'_>, T) -> PyResult<Py<PyAny>>;

/// [`blocking`] or [`awaitable`].
pub type Runner<T> = fn(Python<'_>, Call<T>, Convert<T>) -> PyResult<Py<PyAny>>;

/// Sends `call` and blocks this thread (with the GIL released) until it is done. A pending
/// signal (KeyboardInterrupt) drops the request and is re-raised as is.
pub fn blocking<T: Send + 'static>(py: Python<'_>, call: Call<T>, convert: Convert<T>) -> PyResult<Py<PyAny>> {
    let prepared = call.prepare().py(py)?;
    block_on(py, prepared.send(), convert)
}

/// Sends `call` on the runtime and returns an asyncio future of the running loop, resolved
/// with `convert(result)` (or the funnelled exception).
pub fn awaitable<T: Send + 'static>(py: Python<'_>, call: Call<T>, convert: Convert<T>) -> PyResult<Py<PyAny>> {
    let prepared = call.prepare().py(py)?;
    start(
        py,
        |alone| async move {
            let received = prepared.receive().await?;
            // A lone request's reply is decoded on the loop's thread, where the result is
            // used and freed, as the blocking client does on its calling thread: measured,
            // that costs half the CPU of decoding on a runtime thread and freeing the
            // result on another (cold caches, memory freed across threads). Concurrent
            // replies are decoded on the runtime's threads, in parallel with the loop.
            Ok(if alone { Outcome::Reply(received) } else { Outcome::Value(received.finish()?) })
        },
        convert,
        None,
        Lone::PolledByTheLoop,
    )
}

/// What a runtime task hands to the loop's thread.
pub enum Outcome<T> {
    /// The result, to convert.
    Value(T),
    /// A reply, to decode and then convert.
    Reply(Received<T>),
}

/// Blocks this thread (with the GIL released) until `fut` is done.
pub fn block_on<T, F>(py: Python<'_>, fut: F, convert: Convert<T>) -> PyResult<Py<PyAny>>
where
    F: Future<Output = sessionlink::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    match wait(py, fut) {
        Ok(value) => convert(py, value),
        Err(Stopped::Signal(signal)) => Err(signal),
        Err(Stopped::Failed(err)) => Err(to_py_err(py, &err)),
    }
}

/// Why [`wait`] returned without a value.
pub enum Stopped {
    /// A signal handler raised (KeyboardInterrupt): `fut` was dropped.
    Signal(PyErr),
    /// `fut` failed.
    Failed(Error),
}

/// Runs `fut` on this thread with the GIL released, running Python's signal handlers every
/// [`SIGNAL_POLL`]; one that raises drops `fut` and its exception is returned as is.
pub fn wait<T, F>(py: Python<'_>, fut: F) -> Result<T, Stopped>
where
    F: Future<Output = sessionlink::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    crate::logging::refresh(py, false);
    let mut signal: Option<PyErr> = None;
    let result = py.detach(|| {
        runtime::block_on_interruptible(fut, SIGNAL_POLL, || {
            Python::attach(|py| match py.check_signals() {
                Ok(()) => false,
                Err(err) => {
                    signal = Some(err);
                    true
                }
            })
        })
    });
    // The request is polled on this thread, and a log record it writes runs Python's logging
    // here (pyo3-log takes the GIL for it). A Ctrl-C that arrives meanwhile is raised inside
    // that logging code, and pyo3-log leaves the exception set on this thread: raise it now,
    // rather than converting a result with an exception pending (a `SystemError`).
    if let Some(pending) = PyErr::take(py) {
        return Err(Stopped::Signal(signal.unwrap_or(pending)));
    }
    match (result, signal) {
        (Ok(value), _) => Ok(value),
        (Err(_), Some(signal)) => Err(Stopped::Signal(signal)),
        (Err(err), None) => Err(Stopped::Failed(err)),
    }
}

static GET_RUNNING_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Runs `fut` on the runtime; returns an asyncio future of the running loop, resolved through
/// the loop's completion queue.
pub fn spawn<T, F>(py: Python<'_>, fut: F, convert: Convert<T>) -> PyResult<Py<PyAny>>
where
    F: Future<Output = sessionlink::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    spawn_with(py, fut, convert, None)
}

/// What else a cancelled asyncio future does besides aborting its task (closing a socket).
pub type OnCancel = Box<dyn Fn() + Send + Sync>;

/// [`spawn`], with `on_cancel` run when the asyncio future is cancelled.
pub fn spawn_with<T, F>(py: Python<'_>, fut: F, convert: Convert<T>, on_cancel: Option<OnCancel>) -> PyResult<Py<PyAny>>
where
    F: Future<Output = sessionlink::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    start(py, |_| async move { fut.await.map(Outcome::Value) }, convert, on_cancel, Lone::StartedByTheLoop)
}

/// Where a future started while no other of its loop is in flight is polled.
#[derive(Clone, Copy)]
enum Lone {
    /// First on the loop's thread, then on the runtime's threads as it wakes (a socket's
    /// wait for its next message, discovery's replies).
    StartedByTheLoop,
    /// Always on the loop's thread (an HTTP request: see `runtime::start`).
    PolledByTheLoop,
}

/// Starts the future `make(alone)` on the runtime (`alone`: no other request of this loop is
/// in flight); returns an asyncio future of the running loop, resolved through the loop's
/// completion queue.
fn start<T, F>(
    py: Python<'_>,
    make: impl FnOnce(bool) -> F,
    convert: Convert<T>,
    on_cancel: Option<OnCancel>,
    lone: Lone,
) -> PyResult<Py<PyAny>>
where
    F: Future<Output = sessionlink::Result<Outcome<T>>> + Send + 'static,
    T: Send + 'static,
{
    crate::logging::refresh(py, false);
    let event_loop = GET_RUNNING_LOOP.import(py, "asyncio", "get_running_loop")?.call0()?;
    let queue = completions::queue_of(&event_loop)?;
    let py_future = event_loop.call_method0(intern!(py, "create_future"))?;
    let future_ref = py_future.clone().unbind();
    // A request started while no other of this loop is in flight is sent from this thread
    // at once and its reply read here too (see `runtime::start`); concurrent ones are sent
    // and read by the runtime's threads, in parallel with this one.
    let (in_flight, alone) = completions::InFlight::enter(&queue);
    let polled = match (alone, lone) {
        (false, _) => runtime::Polled::OnRuntime,
        (true, Lone::PolledByTheLoop) => queue.home(),
        (true, Lone::StartedByTheLoop) => runtime::Polled::HereFirst,
    };
    let fut = make(alone);
    let task = async move {
        let result = CatchUnwind(Box::pin(fut)).await;
        let finish: Finish = Box::new(move |py| {
            let value = match result {
                Ok(Outcome::Value(value)) => value,
                Ok(Outcome::Reply(received)) => received.finish().map_err(|e| to_py_err(py, &e))?,
                Err(err) => return Err(to_py_err(py, &err)),
            };
            convert(py, value)
        });
        drop(in_flight);
        queue.push(future_ref, finish);
    };
    let started = runtime::start(task, polled).map_err(|e| to_py_err(py, &e))?;
    py_future.call_method1(intern!(py, "add_done_callback"), (AbortOnCancel(started, on_cancel),))?;
    Ok(py_future.unbind())
}

/// An asyncio future that is already done, for `__aenter__`/`__aexit__`.
pub fn ready(py: Python<'_>, value: Py<PyAny>) -> PyResult<Py<PyAny>> {
    let get_loop = GET_RUNNING_LOOP.import(py, "asyncio", "get_running_loop")?;
    let fut = get_loop.call0()?.call_method0(intern!(py, "create_future"))?;
    fut.call_method1("set_result", (value,))?;
    Ok(fut.unbind())
}

/// Done-callback of the asyncio future: a cancelled future (`task.cancel()`,
/// `asyncio.wait_for` timing out) aborts the core task, which drops the HTTP request, and
/// runs its `OnCancel` if any.
#[pyclass(frozen)]
struct AbortOnCancel(runtime::Started, Option<OnCancel>);

#[pymethods]
impl AbortOnCancel {
    fn __call__(&self, future: &Bound<'_, PyAny>) -> PyResult<()> {
        if future.call_method0(intern!(future.py(), "cancelled"))?.is_truthy()? {
            self.0.cancel();
            if let Some(on_cancel) = &self.1 {
                on_cancel();
            }
        }
        Ok(())
    }
}

/// Turns a panic while polling into `Internal`, so the asyncio future is always resolved.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<T, F: Future<Output = sessionlink::Result<T>>> Future for CatchUnwind<F> {
    type Output = sessionlink::Result<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(poll) => poll,
            Err(payload) => {
                Poll::Ready(Err(Error::internal(format!("sessionlink panicked (a bug): {}", panic_message(&*payload)))))
            }
        }
    }
}
