//! The recorded exchanges, and waiting for them without sleeping blindly.

use std::time::Duration;

use super::Emulator;
use crate::error::{Error, ErrorKind, Result};
use crate::server::journal::Entries;
use crate::types::exchange::Exchange;

impl Emulator {
    /// Every exchange so far, oldest first.
    pub fn requests(&self) -> Vec<Exchange> {
        self.shared.journal.lock().exchanges.clone()
    }

    /// Forgets the recorded exchanges (and which aborts [`Emulator::wait_for_abort`] returned).
    pub fn clear_requests(&self) {
        self.shared.journal.clear();
    }

    /// Makes this emulator write nothing to the exchange log ([`EXCHANGE_LOG_ENV`]) when it
    /// stops: for tests of the server itself, whose raw requests and frames are not a
    /// client's and are not meant to be held to the contracts.
    ///
    /// [`EXCHANGE_LOG_ENV`]: crate::EXCHANGE_LOG_ENV
    pub fn exclude_from_exchange_log(&self) {
        self.shared.logged.store(false, std::sync::atomic::Ordering::Relaxed);
    }

    /// How many exchanges are recorded (cheaper than `requests().len()`).
    pub fn request_count(&self) -> usize {
        self.shared.journal.lock().exchanges.len()
    }

    /// Waits until at least `n` exchanges are recorded (aborted ones included), then returns
    /// them all; a [`ErrorKind::Timeout`] error if `timeout` passes first. An exchange is
    /// recorded before its response is sent.
    pub async fn wait_for_requests(&self, n: usize, timeout: Duration) -> Result<Vec<Exchange>> {
        let found = self.shared.journal.wait(timeout, |e| e.at_least(n)).await;
        found.ok_or_else(|| self.too_few(n, timeout))
    }

    /// [`Emulator::wait_for_requests`] for a thread that is not running async code. Do not
    /// call it on a runtime thread: it blocks the thread.
    pub fn wait_for_requests_blocking(&self, n: usize, timeout: Duration) -> Result<Vec<Exchange>> {
        let found = self.shared.journal.wait_blocking(timeout, |e| e.at_least(n));
        found.ok_or_else(|| self.too_few(n, timeout))
    }

    /// How many requests are in flight: their head arrived, their exchange is not recorded
    /// yet (a latency or stall fault holds them, or they are being answered).
    pub fn in_flight(&self) -> usize {
        self.shared.journal.lock().in_flight
    }

    /// Waits until at least `n` requests are in flight (see [`Emulator::in_flight`]), so a
    /// test can interrupt a client exactly while the server holds its request; a
    /// [`ErrorKind::Timeout`] error if `timeout` passes first.
    pub async fn wait_for_in_flight(&self, n: usize, timeout: Duration) -> Result<usize> {
        let found = self.shared.journal.wait(timeout, |e| e.in_flight_at_least(n)).await;
        found.ok_or_else(|| self.too_few_in_flight(n, timeout))
    }

    /// [`Emulator::wait_for_in_flight`] for a thread that is not running async code. Do not
    /// call it on a runtime thread: it blocks the thread.
    pub fn wait_for_in_flight_blocking(&self, n: usize, timeout: Duration) -> Result<usize> {
        let found = self.shared.journal.wait_blocking(timeout, |e| e.in_flight_at_least(n));
        found.ok_or_else(|| self.too_few_in_flight(n, timeout))
    }

    fn too_few_in_flight(&self, n: usize, timeout: Duration) -> Error {
        let got = self.in_flight();
        Error::new(ErrorKind::Timeout, format!("{got} of {n} requests were in flight within {timeout:?}"))
    }

    /// Waits for the next aborted exchange — a request whose client closed the connection
    /// before the response was written, so that it was not applied — and returns it. Each call
    /// returns a different one, oldest first; a [`ErrorKind::Timeout`] error if `timeout`
    /// passes first.
    pub async fn wait_for_abort(&self, timeout: Duration) -> Result<Exchange> {
        let found = self.shared.journal.wait(timeout, Entries::next_abort).await;
        found.ok_or_else(|| no_abort(timeout))
    }

    /// [`Emulator::wait_for_abort`] for a thread that is not running async code. Do not call
    /// it on a runtime thread: it blocks the thread.
    pub fn wait_for_abort_blocking(&self, timeout: Duration) -> Result<Exchange> {
        let found = self.shared.journal.wait_blocking(timeout, Entries::next_abort);
        found.ok_or_else(|| no_abort(timeout))
    }

    fn too_few(&self, n: usize, timeout: Duration) -> Error {
        let got = self.request_count();
        Error::new(ErrorKind::Timeout, format!("{got} of {n} requests arrived within {timeout:?}"))
    }
}

fn no_abort(timeout: Duration) -> Error {
    Error::new(ErrorKind::Timeout, format!("no request was aborted within {timeout:?}"))
}
