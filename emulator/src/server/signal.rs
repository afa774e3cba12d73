//! Waiting for a condition on the state without sleeping blindly: every change a test may
//! wait for (a socket opened or closed, a message sent or received, an upgrade answered)
//! raises the signal, and waiters re-check their condition. Async waits for callers on a
//! runtime, blocking ones for callers without (Python, the binary).

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

#[derive(Default)]
pub(crate) struct Signal {
    generation: Mutex<u64>,
    changed: Condvar,
    notify: Notify,
}

impl Signal {
    /// Wakes every waiter. Waiters check without holding the signal's own lock, so it may be
    /// raised with any other lock held.
    pub fn raise(&self) {
        *self.generation.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        self.changed.notify_all();
        self.notify.notify_waiters();
    }

    fn generation(&self) -> u64 {
        *self.generation.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until `check` finds what it looks for, or `timeout` passes (then `None`).
    pub async fn wait<T>(&self, timeout: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
        let deadline = deadline(timeout);
        loop {
            // Registered before checking, so a change between the check and the await wakes us.
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(found) = check() {
                return Some(found);
            }
            if tokio::time::timeout_at(deadline.into(), notified).await.is_err() {
                return check();
            }
        }
    }

    /// [`Signal::wait`] for a thread that is not on a runtime.
    pub fn wait_blocking<T>(&self, timeout: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
        let deadline = deadline(timeout);
        loop {
            let seen = self.generation();
            if let Some(found) = check() {
                return Some(found);
            }
            let mut generation = self.generation.lock().unwrap_or_else(|p| p.into_inner());
            while *generation == seen {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    drop(generation);
                    return check();
                }
                generation =
                    self.changed.wait_timeout(generation, left).map_or_else(|p| p.into_inner().0, |(guard, _)| guard);
            }
        }
    }
}

/// `now + timeout`, saturating: a caller may pass `Duration::MAX`.
fn deadline(timeout: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(timeout).or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400))).unwrap_or(now)
}
