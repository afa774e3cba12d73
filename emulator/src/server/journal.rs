//! The record of every exchange, with waits that wake as soon as an exchange is recorded
//! (so tests never sleep blindly): async ones for callers on a runtime, blocking ones for
//! callers without (Python, the binary).

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use crate::types::exchange::Exchange;

#[derive(Default)]
pub(crate) struct Journal {
    inner: Mutex<Entries>,
    /// Wakes blocking waiters.
    recorded: Condvar,
    /// Wakes async waiters.
    notify: Notify,
}

#[derive(Default)]
pub(crate) struct Entries {
    pub exchanges: Vec<Exchange>,
    /// Exchanges a test cleared from view: still the client's traffic, so still written to
    /// the exchange log (conformance holds every exchange to the contracts and counts it).
    pub cleared: Vec<Exchange>,
    /// How many aborted exchanges `wait_for_abort` has handed out, so each call returns the
    /// next one.
    aborts_returned: usize,
    /// Requests whose head arrived and whose exchange is not recorded yet (held by a latency
    /// or stall fault, or being answered): what a test waits for before interrupting a client
    /// mid-request.
    pub in_flight: usize,
}

impl Entries {
    /// All exchanges, once there are at least `n`.
    pub fn at_least(&self, n: usize) -> Option<Vec<Exchange>> {
        (self.exchanges.len() >= n).then(|| self.exchanges.clone())
    }

    /// The number in flight, once there are at least `n`.
    pub fn in_flight_at_least(&self, n: usize) -> Option<usize> {
        (self.in_flight >= n).then_some(self.in_flight)
    }

    /// The oldest aborted exchange not handed out yet.
    pub fn next_abort(&mut self) -> Option<Exchange> {
        let found = self.exchanges.iter().filter(|e| e.aborted).nth(self.aborts_returned).cloned();
        if found.is_some() {
            self.aborts_returned += 1;
        }
        found
    }
}

impl Journal {
    /// The entries. A panic while holding the lock cannot leave a half-recorded exchange, so
    /// a poisoned lock is simply taken over.
    pub fn lock(&self) -> MutexGuard<'_, Entries> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A request's head arrived: it is in flight until its exchange is recorded.
    pub fn arrive(&self) {
        self.lock().in_flight += 1;
        self.recorded.notify_all();
        self.notify.notify_waiters();
    }

    /// Records an exchange that [`Journal::arrive`] announced (every exchange is).
    pub fn record(&self, exchange: Exchange) {
        let mut entries = self.lock();
        entries.exchanges.push(exchange);
        entries.in_flight = entries.in_flight.saturating_sub(1);
        drop(entries);
        self.recorded.notify_all();
        self.notify.notify_waiters();
    }

    pub fn clear(&self) {
        let mut entries = self.lock();
        let seen = std::mem::take(&mut entries.exchanges);
        entries.cleared.extend(seen);
        entries.aborts_returned = 0;
    }

    /// Waits until `check` finds what it looks for, or `timeout` passes (then `None`).
    pub async fn wait<T>(&self, timeout: Duration, mut check: impl FnMut(&mut Entries) -> Option<T>) -> Option<T> {
        let deadline = deadline(timeout);
        loop {
            // Registered before checking, so a record between the check and the await wakes us.
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(found) = check(&mut self.lock()) {
                return Some(found);
            }
            if tokio::time::timeout_at(deadline.into(), notified).await.is_err() {
                return check(&mut self.lock());
            }
        }
    }

    /// [`Journal::wait`] for a thread that is not on a runtime.
    pub fn wait_blocking<T>(&self, timeout: Duration, mut check: impl FnMut(&mut Entries) -> Option<T>) -> Option<T> {
        let deadline = deadline(timeout);
        let mut entries = self.lock();
        loop {
            if let Some(found) = check(&mut entries) {
                return Some(found);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            entries = self.recorded.wait_timeout(entries, left).map_or_else(|p| p.into_inner().0, |(guard, _)| guard);
        }
    }
}

/// `now + timeout`, saturating: a caller may pass `Duration::MAX`.
fn deadline(timeout: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(timeout).or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400))).unwrap_or(now)
}
