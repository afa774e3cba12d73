//! The process-wide tokio runtime that the Python and C bindings run every request on.
//!
//! It starts on first use and is never dropped (dropping a runtime from an arbitrary thread,
//! or at interpreter exit, can block or panic). It is fork-aware: a child process cannot use
//! the parent's worker threads (they do not exist after `fork()`), so the first use in a new
//! process starts a fresh runtime, and clients made before the fork refuse to run (see
//! [`ProcessGuard`]).

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::time::Duration;

use tokio::runtime::{Handle, Runtime};

use crate::error::{Error, ErrorKind, Result};

struct Current {
    process: u64,
    runtime: &'static Runtime,
}

/// Which process this is, as a number that changes in the child of every `fork()`: a
/// `pthread_atfork` handler counts forks, so telling a child from its parent costs a load
/// instead of a `getpid()` system call on every request.
static FORKS: AtomicU64 = AtomicU64::new(0);

#[cfg(unix)]
extern "C" fn forked_child() {
    FORKS.fetch_add(1, Ordering::Relaxed);
}

/// The current process's number (see [`FORKS`]).
pub(crate) fn process() -> u64 {
    static REGISTER: Once = Once::new();
    #[cfg(unix)]
    REGISTER.call_once(|| {
        // SAFETY: registers a handler that only increments an atomic, which is
        // async-signal-safe as a fork handler must be.
        let _ = unsafe { libc::pthread_atfork(None, None, Some(forked_child)) };
    });
    #[cfg(not(unix))]
    REGISTER.call_once(|| {});
    FORKS.load(Ordering::Relaxed)
}

static RUNTIME: Mutex<Option<Current>> = Mutex::new(None);

/// A handle to the SDK runtime of this process, starting it if needed.
pub fn handle() -> Result<Handle> {
    let mut current = RUNTIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let process = process();
    if let Some(c) = current.as_ref() {
        if c.process == process {
            return Ok(c.runtime.handle().clone());
        }
        // After fork: the old runtime's threads are gone. Leak it rather than drop it, since
        // dropping would try to join threads that no longer exist.
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("sessionlink-rt")
        .build()
        .map_err(|e| Error::internal(format!("cannot start the sessionlink runtime: {e}")))?;
    let runtime: &'static Runtime = Box::leak(Box::new(runtime));
    *current = Some(Current { process, runtime });
    Ok(runtime.handle().clone())
}

/// Spawns `fut` on the SDK runtime.
pub fn spawn<F>(fut: F) -> Result<tokio::task::JoinHandle<F::Output>>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    Ok(handle()?.spawn(fut))
}

/// A future run by [`start`]. Dropping the handle leaves the future running; [`Started::cancel`]
/// drops it.
#[derive(Clone)]
pub struct Started(Arc<Job>);

impl std::fmt::Debug for Started {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Started").field("cancelled", &self.0.cancelled.load(Ordering::Relaxed)).finish()
    }
}

impl Started {
    /// Drops the future (on a runtime thread, at its next poll) if it has not finished:
    /// an HTTP request in flight is abandoned and its connection closed. Never blocks.
    /// Done on the runtime even for a future with a [`Home`], which may not poll again
    /// (an event loop that is closing).
    pub fn cancel(&self) {
        self.0.cancelled.store(true, Ordering::Release);
        self.0.spawn_poll();
    }

    /// Polls the future once on this thread, in the runtime's context: what a [`Home`] does
    /// with the wake-ups handed to it. Never blocks (a poll does no blocking I/O).
    pub fn poll(&self) {
        let _context = self.0.handle.enter();
        self.0.poll_once();
    }

    /// Polls the future on a runtime thread instead: for a [`Home`] that can no longer poll.
    pub fn poll_on_runtime(&self) {
        self.0.spawn_poll();
    }
}

/// Where the wake-ups of a future started with [`Polled::At`] go.
pub trait Home: Send + Sync {
    /// Arranges for [`Started::poll`] to run on the home's thread (an event loop's), or
    /// returns false to have the future polled on a runtime thread. Called from any thread,
    /// without blocking.
    fn take(&self, woken: &Started) -> bool;
}

/// Where a future run by [`start`] is polled.
pub enum Polled {
    /// On the runtime's threads only (futures started together are polled in parallel).
    OnRuntime,
    /// First on the calling thread, then on the runtime's threads as it wakes.
    HereFirst,
    /// First on the calling thread, then wherever its home takes its wake-ups.
    At(Arc<dyn Home>),
}

impl std::fmt::Debug for Polled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Polled::OnRuntime => "OnRuntime",
            Polled::HereFirst => "HereFirst",
            Polled::At(_) => "At(..)",
        })
    }
}

type BoxedTask = std::pin::Pin<Box<dyn Future<Output = ()> + Send>>;

/// The state of a started future. Each wake-up goes to its home, if it has one that takes
/// it, or spawns one poll of it on the runtime (from a runtime thread, such as the one that
/// saw its socket become readable, the poll runs on that thread next, with no other thread
/// woken).
struct Job {
    /// `None` once finished or cancelled. Locked only while polling.
    future: Mutex<Option<BoxedTask>>,
    /// A poll is spawned and has not started yet: further wake-ups need no other.
    scheduled: AtomicBool,
    cancelled: AtomicBool,
    handle: Handle,
    home: Option<Arc<dyn Home>>,
}

impl Job {
    fn schedule(self: &Arc<Self>) {
        if !self.scheduled.swap(true, Ordering::AcqRel) {
            if let Some(home) = &self.home {
                if home.take(&Started(self.clone())) {
                    return;
                }
            }
            self.spawn_poll();
        }
    }

    fn spawn_poll(self: &Arc<Self>) {
        let job = self.clone();
        drop(self.handle.spawn(async move { job.poll_once() }));
    }

    /// Polls the future once with this job as its waker; drops it when done or cancelled.
    fn poll_once(self: &Arc<Self>) {
        let mut future = self.future.lock().unwrap_or_else(|p| p.into_inner());
        // Cleared before polling: a wake-up during the poll spawns the next one.
        self.scheduled.store(false, Ordering::Release);
        if self.cancelled.load(Ordering::Acquire) {
            *future = None;
            return;
        }
        let Some(running) = future.as_mut() else { return };
        let waker = std::task::Waker::from(self.clone());
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            running.as_mut().poll(&mut std::task::Context::from_waker(&waker)).is_ready()
        }))
        // A future that panics is dropped; callers that must report panics catch them inside.
        .unwrap_or(true);
        if done || self.cancelled.load(Ordering::Acquire) {
            *future = None;
        }
    }
}

impl std::task::Wake for Job {
    fn wake(self: Arc<Self>) {
        self.schedule();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.schedule();
    }
}

/// Runs `fut` on the SDK runtime like [`spawn`], polled where `polled` says, always in the
/// runtime's context.
///
/// With a [`Home`], an HTTP request is written at once from the calling thread, without waking
/// a runtime thread to write it, and when its reply arrives the runtime thread that sees it
/// only hands the wake-up to the home: the reply is read, decoded, used and freed on one
/// thread, as a blocking call does, with no work and no memory passed between threads. For
/// a caller that waits for one request at a time (an asyncio program awaiting one call
/// after another) that is the cheapest path. Without a home every poll runs on a runtime
/// thread (requests in parallel are written and read in parallel).
pub fn start<F>(fut: F, polled: Polled) -> Result<Started>
where
    F: Future<Output = ()> + Send + 'static,
{
    let handle = handle()?;
    let (here, home) = match polled {
        Polled::OnRuntime => (false, None),
        Polled::HereFirst => (true, None),
        Polled::At(home) => (true, Some(home)),
    };
    let job = Arc::new(Job {
        future: Mutex::new(Some(Box::pin(fut))),
        scheduled: AtomicBool::new(false),
        cancelled: AtomicBool::new(false),
        handle,
        home,
    });
    let started = Started(job);
    if here {
        started.poll();
    } else {
        started.0.schedule();
    }
    Ok(started)
}

fn refuse_on_runtime_thread() -> Result<()> {
    if Handle::try_current().is_ok() {
        return Err(Error::new(
            ErrorKind::WouldDeadlock,
            "a blocking sessionlink call was made on an async runtime thread (for example inside a \
             callback); use the async API there instead",
        ));
    }
    Ok(())
}

/// Runs `fut` to completion on the SDK runtime and waits for it on this thread.
///
/// Returns [`ErrorKind::WouldDeadlock`] instead of panicking when called from inside a tokio
/// runtime (including the SDK's own worker threads, where C callbacks run).
pub fn block_on<F, T>(fut: F) -> Result<T>
where
    F: Future<Output = Result<T>> + Send + 'static,
    T: Send + 'static,
{
    block_on_interruptible(fut, Duration::from_secs(3600), || false)
}

/// Like [`block_on`], but calls `interrupted` every `every` while waiting; when it returns
/// true the request is dropped (which closes its connection) and `Cancelled` is returned.
/// The Python binding uses this to honour Ctrl-C while the GIL is released.
///
/// The future is polled on the calling thread (the runtime's workers drive the I/O): the
/// response is decoded, used and freed on one thread, with no hand-over between threads,
/// and blocking callers on many threads decode in parallel.
pub fn block_on_interruptible<F, T>(fut: F, every: Duration, mut interrupted: impl FnMut() -> bool) -> Result<T>
where
    F: Future<Output = Result<T>> + Send + 'static,
    T: Send + 'static,
{
    refuse_on_runtime_thread()?;
    let handle = handle()?;
    let run = async move {
        let mut fut = std::pin::pin!(fut);
        loop {
            tokio::select! {
                biased;
                result = &mut fut => return result,
                () = tokio::time::sleep(every) => {
                    if interrupted() {
                        return Err(Error::cancelled());
                    }
                }
            }
        }
    };
    // A panic while polling is a bug in sessionlink: report it as one, as for a task.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handle.block_on(run)))
        .unwrap_or_else(|_| Err(Error::internal("the request panicked (a bug in sessionlink)")))
}

/// Remembers the process a client was made in, so that a client inherited through `fork()`
/// fails with a clear error instead of hanging on a connection pool whose threads are gone.
#[derive(Debug, Clone, Copy)]
pub struct ProcessGuard {
    process: u64,
}

impl ProcessGuard {
    /// Remembers the current process.
    pub fn new() -> Self {
        ProcessGuard { process: process() }
    }

    /// Fails with `Forked` in a process other than the one that made the guard.
    pub fn check(&self) -> Result<()> {
        if self.process != process() {
            return Err(Error::new(
                ErrorKind::Forked,
                "this client was created in a parent process before fork(); create a new client in the child",
            ));
        }
        Ok(())
    }
}

impl Default for ProcessGuard {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    /// Generous: these wait for events, never for time to pass.
    const PATIENCE: Duration = Duration::from_secs(10);

    /// Tells when it is dropped.
    struct Dropped(mpsc::Sender<()>);

    impl Drop for Dropped {
        fn drop(&mut self) {
            let _ = self.0.send(());
        }
    }

    /// A future that reports the thread of its first poll, then waits for a value and
    /// reports it with the thread and whether it ran in the runtime's context.
    #[allow(clippy::type_complexity)]
    fn waiting() -> (
        impl Future<Output = ()> + Send + 'static,
        mpsc::Receiver<std::thread::ThreadId>,
        tokio::sync::oneshot::Sender<u32>,
        mpsc::Receiver<(u32, bool, std::thread::ThreadId)>,
    ) {
        let (first_thread, first_poll) = mpsc::channel();
        let (go, wait) = tokio::sync::oneshot::channel::<u32>();
        let (done, result) = mpsc::channel();
        let fut = async move {
            let _ = first_thread.send(std::thread::current().id());
            let value = wait.await.unwrap_or(0);
            let on_runtime = Handle::try_current().is_ok();
            let _ = done.send((value, on_runtime, std::thread::current().id()));
        };
        (fut, first_poll, go, result)
    }

    /// A home that passes its wake-ups to the test's thread through a channel.
    struct ChannelHome(Mutex<mpsc::Sender<Started>>);

    impl Home for ChannelHome {
        fn take(&self, woken: &Started) -> bool {
            self.0.lock().unwrap().send(woken.clone()).is_ok()
        }
    }

    fn channel_home() -> (Polled, mpsc::Receiver<Started>) {
        let (to_home, at_home) = mpsc::channel();
        (Polled::At(Arc::new(ChannelHome(Mutex::new(to_home)))), at_home)
    }

    #[test]
    fn a_future_with_a_home_runs_here_first_then_where_its_home_polls_it() {
        let (fut, first_poll, go, result) = waiting();
        let (home, at_home) = channel_home();
        start(fut, home).expect("started");
        assert_eq!(first_poll.recv_timeout(PATIENCE).unwrap(), std::thread::current().id(), "polled here first");
        go.send(7).unwrap();
        // The wake-up came to the home, not to a runtime thread: nothing ran meanwhile.
        let woken = at_home.recv_timeout(PATIENCE).expect("the wake-up reached the home");
        assert!(result.try_recv().is_err(), "not polled anywhere else");
        woken.poll();
        let (value, on_runtime, thread) = result.try_recv().expect("finished at that poll");
        assert_eq!(value, 7);
        assert!(on_runtime && thread == std::thread::current().id(), "resumed here, in the runtime's context");
    }

    #[test]
    fn a_future_polled_here_first_resumes_on_the_runtime() {
        let (fut, first_poll, go, result) = waiting();
        start(fut, Polled::HereFirst).expect("started");
        assert_eq!(first_poll.recv_timeout(PATIENCE).unwrap(), std::thread::current().id(), "polled here first");
        go.send(7).unwrap();
        let (value, on_runtime, thread) = result.recv_timeout(PATIENCE).expect("finished");
        assert_eq!(value, 7);
        assert!(on_runtime && thread != std::thread::current().id(), "resumed on a runtime thread");
    }

    #[test]
    fn a_future_started_elsewhere_is_first_polled_on_the_runtime() {
        let (tx, rx) = mpsc::channel();
        start(
            async move {
                let _ = tx.send(std::thread::current().id());
            },
            Polled::OnRuntime,
        )
        .expect("started");
        assert_ne!(rx.recv_timeout(PATIENCE).unwrap(), std::thread::current().id());
    }

    #[test]
    fn cancelling_drops_the_future_and_nothing_after_it_runs() {
        let (dropped, was_dropped) = mpsc::channel();
        let (ran, finished) = mpsc::channel::<()>();
        let (_never, pending) = tokio::sync::oneshot::channel::<()>();
        // A home that never polls (an event loop that stopped): the runtime drops it.
        let (home, _at_home) = channel_home();
        let started = start(
            async move {
                let _guard = Dropped(dropped);
                let _ = pending.await;
                let _ = ran.send(());
            },
            home,
        )
        .expect("started");
        started.cancel();
        was_dropped.recv_timeout(PATIENCE).expect("the future was dropped");
        assert!(finished.try_recv().is_err(), "it did not run past its await");
        started.cancel(); // a second cancel, after the end, does nothing
    }

    #[test]
    fn a_future_that_finishes_at_its_first_poll_is_dropped_there() {
        let (dropped, was_dropped) = mpsc::channel();
        start(
            async move {
                let _guard = Dropped(dropped);
            },
            Polled::HereFirst,
        )
        .expect("started");
        was_dropped.try_recv().expect("dropped before start returned");
    }
}
