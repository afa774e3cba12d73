//! `Socket` (blocking) and `AsyncSocket` (asyncio): the session's WebSocket as Python
//! iterators over core's [`sessionlink::jellyfin::socket::Socket`]. Keep-alive, reconnects
//! and buffering are core's; this module waits for the next event and converts it.
//!
//! Closing: `close()`, leaving the `with` block, Ctrl-C while a blocking read waits, and
//! cancelling the asyncio task that awaits a read all close the socket; a read waiting at
//! that moment, and every later one, ends the iteration.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use sessionlink::jellyfin::socket::{Reconnect, Socket as Core, SocketEvent, SocketOptions};
use sessionlink::{transport, Error, ErrorKind};
use tokio::sync::Notify;

use crate::bridge::{self, Stopped};
use crate::errors::{guard, invalid, to_py_err, IntoPyResult};
use crate::messages::{self, Kind};

/// One open socket, shared by its Python object and the reads in flight.
#[derive(Debug, Clone)]
struct Handle {
    socket: Arc<Core>,
    state: Arc<State>,
}

#[derive(Debug, Default)]
struct State {
    /// `close()` was called, or the stream ended.
    closed: AtomicBool,
    /// Wakes the reads waiting when `close()` is called.
    closing: Notify,
}

/// What a read ends with.
// Short-lived and almost always an event (as core's own queue result): not worth a box.
#[allow(clippy::large_enum_variant)]
enum Read {
    Event(SocketEvent),
    /// The deadline passed first.
    TimedOut,
    /// The socket is closed (or its stream ended).
    Ended,
}

impl Handle {
    fn new(socket: Core) -> Self {
        Handle { socket: Arc::new(socket), state: Arc::default() }
    }

    fn close(&self) {
        self.state.closed.store(true, Ordering::SeqCst);
        self.state.closing.notify_waiters();
        self.socket.close();
    }

    fn is_closed(&self) -> bool {
        self.state.closed.load(Ordering::SeqCst)
    }

    /// The next event of one of `kinds` (any if empty; others are skipped), until `deadline`.
    /// A stream that ends with an error (a revoked token) fails the read once; later reads
    /// end.
    fn read(
        &self,
        kinds: Vec<Kind>,
        deadline: Option<Instant>,
    ) -> impl Future<Output = sessionlink::Result<Read>> + Send {
        let handle = self.clone();
        async move {
            let closing = handle.state.closing.notified();
            tokio::pin!(closing);
            closing.as_mut().enable();
            if handle.is_closed() {
                return Ok(Read::Ended);
            }
            let deadline = deadline.map(tokio::time::Instant::from_std);
            loop {
                let next = async {
                    match deadline {
                        Some(deadline) => tokio::time::timeout_at(deadline, handle.socket.next()).await.ok(),
                        None => Some(handle.socket.next().await),
                    }
                };
                let next = tokio::select! {
                    next = next => next,
                    () = &mut closing => return Ok(Read::Ended),
                };
                match next {
                    None => return Ok(Read::TimedOut),
                    Some(None) => {
                        handle.state.closed.store(true, Ordering::SeqCst);
                        return Ok(Read::Ended);
                    }
                    Some(Some(Err(error))) => {
                        handle.state.closed.store(true, Ordering::SeqCst);
                        return Err(error);
                    }
                    Some(Some(Ok(_))) if handle.is_closed() => return Ok(Read::Ended),
                    Some(Some(Ok(event))) => {
                        if kinds.is_empty() || kinds.contains(&messages::kind_of(&event)) {
                            return Ok(Read::Event(event));
                        }
                    }
                }
            }
        }
    }

    fn subscribe_sessions(&self, py: Python<'_>, initial_delay: f64, interval: f64) -> PyResult<()> {
        self.check_open(py)?;
        let initial_delay = transport::seconds_or_zero("initial_delay", initial_delay).py(py)?;
        let interval = transport::seconds_or_zero("interval", interval).py(py)?;
        self.socket.subscribe_sessions(initial_delay, interval).py(py)
    }

    fn unsubscribe_sessions(&self, py: Python<'_>) -> PyResult<()> {
        self.check_open(py)?;
        self.socket.unsubscribe_sessions().py(py)
    }

    fn check_open(&self, py: Python<'_>) -> PyResult<()> {
        if self.is_closed() {
            return Err(invalid(py, "the socket is closed"));
        }
        Ok(())
    }
}

/// `timeout` (seconds) as a deadline from now.
fn deadline(py: Python<'_>, timeout: Option<f64>) -> PyResult<Option<Instant>> {
    let Some(timeout) = timeout else { return Ok(None) };
    let timeout = transport::seconds_or_zero("timeout", timeout).py(py)?;
    // A timeout too far away to represent is no deadline.
    Ok(Instant::now().checked_add(timeout))
}

fn timeout_error(timeout: Option<f64>) -> Error {
    let waited = timeout.map_or_else(String::new, |t| format!(" within {t} s"));
    Error::new(ErrorKind::Timeout, format!("socket: no event{waited}"))
}

/// `next()`'s read: the next event of `kinds` before `timeout`, which raises `TimeoutError`.
fn read_next(
    handle: &Handle,
    kinds: Vec<Kind>,
    timeout: Option<f64>,
    deadline: Option<Instant>,
) -> impl Future<Output = sessionlink::Result<Read>> + Send + 'static {
    let read = handle.read(kinds, deadline);
    async move {
        match read.await? {
            Read::TimedOut => Err(timeout_error(timeout)),
            read => Ok(read),
        }
    }
}

/// `next()`'s result: the event, or `None` once the socket is closed.
fn event_or_none(py: Python<'_>, read: Read) -> PyResult<Py<PyAny>> {
    match read {
        Read::Event(event) => messages::event_to_py(py, event),
        Read::Ended | Read::TimedOut => Ok(py.None()),
    }
}

/// An iterator's step: the event, or the end (`None`).
fn event_or_end(py: Python<'_>, read: Read) -> PyResult<Option<Py<PyAny>>> {
    match read {
        Read::Event(event) => messages::event_to_py(py, event).map(Some),
        Read::Ended | Read::TimedOut => Ok(None),
    }
}

/// An asyncio iterator's step: the event, or `StopAsyncIteration`.
fn event_or_stop(py: Python<'_>, read: Read) -> PyResult<Py<PyAny>> {
    event_or_end(py, read)?.ok_or_else(|| pyo3::exceptions::PyStopAsyncIteration::new_err(()))
}

/// Waits for `read` on this thread: Ctrl-C (any exception from a signal handler) closes the
/// socket and is raised as is.
fn wait_blocking(
    py: Python<'_>,
    handle: &Handle,
    read: impl Future<Output = sessionlink::Result<Read>> + Send + 'static,
) -> PyResult<Read> {
    match bridge::wait(py, read) {
        Ok(read) => Ok(read),
        Err(Stopped::Signal(signal)) => {
            handle.close();
            Err(signal)
        }
        Err(Stopped::Failed(error)) => Err(to_py_err(py, &error)),
    }
}

/// Runs `read` for the running asyncio loop: cancelling the future (the task awaiting it)
/// closes the socket.
fn spawn_async(
    py: Python<'_>,
    handle: &Handle,
    read: impl Future<Output = sessionlink::Result<Read>> + Send + 'static,
    convert: bridge::Convert<Read>,
) -> PyResult<Py<PyAny>> {
    let on_cancel = handle.clone();
    bridge::spawn_with(py, read, convert, Some(Box::new(move || on_cancel.close())))
}

/// `Socket.next`.
fn next_blocking(py: Python<'_>, handle: &Handle, kinds: Vec<Kind>, timeout: Option<f64>) -> PyResult<Py<PyAny>> {
    let read = wait_blocking(py, handle, read_next(handle, kinds, timeout, deadline(py, timeout)?))?;
    event_or_none(py, read)
}

/// `AsyncSocket.next`.
fn next_async(py: Python<'_>, handle: &Handle, kinds: Vec<Kind>, timeout: Option<f64>) -> PyResult<Py<PyAny>> {
    spawn_async(py, handle, read_next(handle, kinds, timeout, deadline(py, timeout)?), event_or_none)
}

/// Counts down the events `events(limit=...)` may still yield; `None`: no limit.
#[derive(Debug)]
struct Limit(Option<AtomicU64>);

impl Limit {
    fn new(py: Python<'_>, limit: Option<i64>) -> PyResult<Self> {
        match limit {
            None => Ok(Limit(None)),
            Some(n) => Ok(Limit(Some(AtomicU64::new(transport::count("limit", n).py(py)?.into())))),
        }
    }

    /// Takes one; `false` when none is left.
    fn take(&self) -> bool {
        match &self.0 {
            None => true,
            Some(left) => left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok(),
        }
    }
}

/// Where `events()` is: the socket, the classes it yields, how many more, until when.
#[derive(Debug)]
struct Cursor {
    handle: Handle,
    kinds: Vec<Kind>,
    limit: Limit,
    deadline: Option<Instant>,
}

impl Cursor {
    fn new(
        py: Python<'_>,
        handle: &Handle,
        kinds: Vec<Kind>,
        limit: Option<i64>,
        timeout: Option<f64>,
    ) -> PyResult<Self> {
        Ok(Cursor { handle: handle.clone(), kinds, limit: Limit::new(py, limit)?, deadline: deadline(py, timeout)? })
    }

    /// The next read, or `None` when the limit is reached or the socket closed.
    fn read(&self) -> Option<impl Future<Output = sessionlink::Result<Read>> + Send + 'static> {
        if self.handle.is_closed() || !self.limit.take() {
            return None;
        }
        Some(self.handle.read(self.kinds.clone(), self.deadline))
    }
}

/// The docs shared by `Socket` and `AsyncSocket`.
macro_rules! socket_doc {
    () => {
        "Reading: `next(*kinds, timeout=None)` returns the next event (of the given classes, if\n\
         any: the others are skipped), `None` once the socket is closed, and raises\n\
         `sessionlink.TimeoutError` when `timeout` seconds pass first (the socket stays open).\n\
         `events(*kinds, limit=None, timeout=None)` iterates them, ending quietly after `limit`\n\
         events or `timeout` seconds. The events are `SocketConnected`, `SocketDisconnected`\n\
         and the messages (`PlayMessage`, `PlaystateMessage`, `GeneralCommandMessage`,\n\
         `SessionsMessage`, ..., `UnknownMessage`): `sessionlink.SocketEvent`.\n\n\
         The library keeps the socket alive, reconnects after drops and server restarts\n\
         (re-posting the capabilities, renewing the `Sessions` subscription) and buffers up to\n\
         `buffer` events: a slow reader loses no command (the socket stops reading the\n\
         connection until it catches up; a newer `Sessions` list replaces a waiting one). A\n\
         revoked token ends the iteration by raising `UnauthorizedError`.\n\n\
         `close()` (or leaving the `with` block) closes it; the iteration then ends, in every\n\
         thread or task reading it."
    };
}

/// `Socket` and `AsyncSocket`: the same methods but for iteration and the context manager;
/// `$next` reads for `next()`, `$events` is the class `events()` returns, `$interrupt` says
/// what closes the socket while a read waits.
macro_rules! socket_class {
    ($name:ident, $next:path, $events:ident, $doc:literal, $interrupt:literal, { $($specific:tt)* }) => {
        #[doc = $doc]
        #[doc = ""]
        #[doc = socket_doc!()]
        #[derive(Debug)]
        #[pyclass(frozen, module = "sessionlink")]
        pub struct $name(Handle);

        impl $name {
            pub fn wrap(py: Python<'_>, socket: Core) -> PyResult<Py<PyAny>> {
                use pyo3::IntoPyObjectExt;
                $name(Handle::new(socket)).into_py_any(py)
            }
        }

        #[pymethods]
        impl $name {
            /// The next event. `None` once the socket is closed. With classes
            /// (`next(sessionlink.PlaystateMessage)`), the next event of one of them: the others
            /// are skipped. `timeout` (seconds) raises `sessionlink.TimeoutError` (also the
            /// built-in `TimeoutError`) when it passes first; the socket stays open. A revoked
            /// token raises `UnauthorizedError` once; the socket is then closed.
            #[doc = $interrupt]
            #[pyo3(signature = (*kinds, timeout=None))]
            fn next(
                &self,
                py: Python<'_>,
                kinds: &Bound<'_, PyTuple>,
                #[pyo3(from_py_with = crate::client::opt_float)] timeout: Option<f64>,
            ) -> PyResult<Py<PyAny>> {
                guard(py, || $next(py, &self.0, messages::kinds_of(py, kinds)?, timeout))
            }

            /// Iterates the events (of the given classes, if any), ending after `limit` of them,
            /// when `timeout` seconds have passed since the call, or when the socket is closed;
            /// for a script or a notebook cell that watches for a while.
            #[doc = $interrupt]
            #[pyo3(signature = (*kinds, limit=None, timeout=None))]
            fn events(
                &self,
                py: Python<'_>,
                kinds: &Bound<'_, PyTuple>,
                limit: Option<crate::args::Int<i64>>,
                #[pyo3(from_py_with = crate::client::opt_float)] timeout: Option<f64>,
            ) -> PyResult<$events> {
                let limit = crate::args::Int::opt(limit);
                guard(py, || Ok($events(Cursor::new(py, &self.0, messages::kinds_of(py, kinds)?, limit, timeout)?)))
            }

            /// Starts `Sessions` pushes: the server sends the whole list its user may see after
            /// each session event (a session starts or ends, playback starts, stops or progresses,
            /// capabilities change: at once; other activity: at most once per `interval`). Nothing
            /// comes before the first event: the server sends no list on subscribing, and keeps
            /// `initial_delay` without using it. Renewed after reconnects.
            ///
            /// In Python both are seconds (`0` and `1` by default, as the official clients ask).
            #[pyo3(signature = (initial_delay=0.0, interval=1.0))]
            fn subscribe_sessions(
                &self,
                py: Python<'_>,
                #[pyo3(from_py_with = crate::args::float)] initial_delay: f64,
                #[pyo3(from_py_with = crate::args::float)] interval: f64,
            ) -> PyResult<()> {
                guard(py, || self.0.subscribe_sessions(py, initial_delay, interval))
            }

            /// Stops `Sessions` pushes.
            fn unsubscribe_sessions(&self, py: Python<'_>) -> PyResult<()> {
                guard(py, || self.0.unsubscribe_sessions(py))
            }

            /// Closes the socket cleanly; the stream then ends with `None`. Here: `next()` returns
            /// `None` and the iteration stops, in every thread or task reading it (at once, even
            /// while the close handshake goes on). Closing twice is fine.
            fn close(&self) {
                self.0.close();
            }

            /// Whether the socket is closed: `close()` was called, or its stream ended.
            #[getter]
            fn closed(&self) -> bool {
                self.0.is_closed()
            }

            fn __repr__(&self) -> String {
                format!("{}({})", stringify!($name), if self.0.is_closed() { "closed" } else { "open" })
            }

            $($specific)*
        }
    };
}

socket_class!(
    Socket,
    next_blocking,
    SocketEvents,
    "The session's WebSocket, read with the blocking client: `for event in socket:` (each read\n\
     waits with the GIL released; Ctrl-C closes the socket and raises `KeyboardInterrupt`).\n\
     `JellyfinClient.open_socket` and `become_controllable` return it; a context manager.",
    "Ctrl-C while it waits closes the socket (and raises `KeyboardInterrupt`).",
    {
        fn __iter__(slf: Py<Self>) -> Py<Self> {
            slf
        }

        fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
            guard(py, || step_blocking(py, &self.0, self.0.read(Vec::new(), None)))
        }

        fn __enter__(slf: Py<Self>) -> Py<Self> {
            slf
        }

        #[pyo3(signature = (*_exc))]
        fn __exit__(&self, _exc: &Bound<'_, PyTuple>) -> bool {
            self.0.close();
            false
        }
    }
);

socket_class!(
    AsyncSocket,
    next_async,
    AsyncSocketEvents,
    "The session's WebSocket, read with the asyncio client: `async for event in socket:`\n\
     (cancelling the task that awaits a read closes the socket: wait a bounded time with\n\
     `next(timeout=...)` rather than `asyncio.wait_for`). `AsyncJellyfinClient.open_socket` and\n\
     `become_controllable` return it; an async context manager.",
    "Cancelling the task that awaits it closes the socket.",
    {
        fn __aiter__(slf: Py<Self>) -> Py<Self> {
            slf
        }

        fn __anext__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
            guard(py, || {
                if self.0.is_closed() {
                    return Ok(None);
                }
                step_async(py, &self.0, self.0.read(Vec::new(), None))
            })
        }

        fn __aenter__(slf: Py<Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
            bridge::ready(py, slf.into_any())
        }

        #[pyo3(signature = (*_exc))]
        fn __aexit__(&self, py: Python<'_>, _exc: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
            use pyo3::IntoPyObjectExt;
            self.0.close();
            bridge::ready(py, false.into_py_any(py)?)
        }
    }
);

/// A blocking iterator's step.
fn step_blocking(
    py: Python<'_>,
    handle: &Handle,
    read: impl Future<Output = sessionlink::Result<Read>> + Send + 'static,
) -> PyResult<Option<Py<PyAny>>> {
    event_or_end(py, wait_blocking(py, handle, read)?)
}

/// An asyncio iterator's step: the awaitable of the next event.
fn step_async(
    py: Python<'_>,
    handle: &Handle,
    read: impl Future<Output = sessionlink::Result<Read>> + Send + 'static,
) -> PyResult<Option<Py<PyAny>>> {
    spawn_async(py, handle, read, event_or_stop).map(Some)
}

/// The iterator class `events()` returns: `$iter`/`$next` are the iteration protocol's names,
/// `$step` reads one event.
macro_rules! events_class {
    ($name:ident, $iter:ident, $next:ident, $step:path, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug)]
        #[pyclass(frozen, module = "sessionlink")]
        pub struct $name(Cursor);

        #[pymethods]
        impl $name {
            fn $iter(slf: Py<Self>) -> Py<Self> {
                slf
            }

            fn $next(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
                guard(py, || match self.0.read() {
                    Some(read) => $step(py, &self.0.handle, read),
                    None => Ok(None),
                })
            }
        }
    };
}

events_class!(
    SocketEvents,
    __iter__,
    __next__,
    step_blocking,
    "What `Socket.events()` returns: an iterator over the socket's events, bounded by a count\n\
     and a time."
);

events_class!(
    AsyncSocketEvents,
    __aiter__,
    __anext__,
    step_async,
    "What `AsyncSocket.events()` returns: an asyncio iterator over the socket's events,\n\
     bounded by a count and a time."
);

/// The socket keyword arguments, as Python gives them.
#[derive(Debug)]
pub struct SocketArgs {
    pub capabilities: Option<sessionlink::jellyfin::models::ClientCapabilitiesDto>,
    pub sessions: Option<(f64, f64)>,
    pub buffer: i64,
    pub reconnect_initial: f64,
    pub reconnect_max: f64,
    pub reconnect_factor: f64,
}

/// Core's options from the keyword arguments; bad values raise `InvalidArgumentError`.
pub fn options(args: SocketArgs) -> sessionlink::Result<SocketOptions> {
    let sessions = match args.sessions {
        Some((initial_delay, interval)) => Some((
            transport::seconds_or_zero("sessions initial delay", initial_delay)?,
            transport::seconds_or_zero("sessions interval", interval)?,
        )),
        None => None,
    };
    let buffer = transport::count("buffer", args.buffer)?;
    if buffer == 0 {
        return Err(Error::invalid_argument("buffer must be at least 1"));
    }
    if !(args.reconnect_factor.is_finite() && args.reconnect_factor >= 1.0) {
        return Err(Error::invalid_argument(format!(
            "reconnect_factor must be a number of at least 1, got {}",
            args.reconnect_factor
        )));
    }
    let reconnect = Reconnect {
        initial: transport::seconds("reconnect_initial", args.reconnect_initial)?,
        max: transport::seconds("reconnect_max", args.reconnect_max)?,
        factor: args.reconnect_factor,
    };
    Ok(SocketOptions {
        capabilities: args.capabilities,
        sessions,
        buffer: usize::try_from(buffer).unwrap_or(usize::MAX),
        reconnect,
    })
}

/// `sessions=(initial_delay, interval)`: two numbers of seconds, or `None`.
pub fn seconds_pair(obj: &Bound<'_, PyAny>) -> PyResult<Option<(f64, f64)>> {
    if obj.is_none() {
        return Ok(None);
    }
    let pair: Vec<Bound<'_, PyAny>> = match obj.cast::<PyTuple>() {
        Ok(tuple) => tuple.iter().collect(),
        Err(_) => match obj.cast::<pyo3::types::PyList>() {
            Ok(list) => list.iter().collect(),
            Err(_) => Vec::new(),
        },
    };
    match pair.as_slice() {
        [initial_delay, interval] => Ok(Some((crate::args::float(initial_delay)?, crate::args::float(interval)?))),
        _ => Err(invalid(obj.py(), "sessions must be (initial_delay, interval) in seconds, or None")),
    }
}
