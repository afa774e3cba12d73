//! What the server tasks and the [`Emulator`](crate::Emulator) handle share: the APIs'
//! state, the armed faults and the journal of exchanges.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use tokio::sync::{watch, Notify};

use super::journal::Journal;
use super::signal::Signal;
use crate::state::State;
use crate::types::fault::{ContentCoding, Fault};

pub(crate) struct Shared {
    state: Mutex<State>,
    faults: Mutex<VecDeque<Fault>>,
    pub journal: Journal,
    connections: AtomicU64,
    /// Raised on every socket change a test may wait for.
    pub signal: Signal,
    /// Set when the emulator stops: the sockets and the keep-alive watcher end.
    pub stop: watch::Sender<bool>,
    /// The keep-alive period changed: the watcher re-reads it.
    pub keepalive_changed: Notify,
    /// Write the exchange log when the emulator stops (unless a test opted out).
    pub logged: AtomicBool,
    /// The codings responses are compressed with, preferred first (Jellyfin: Brotli, gzip).
    compression: Mutex<Vec<ContentCoding>>,
}

impl Shared {
    pub fn new(state: State) -> Shared {
        Shared {
            state: Mutex::new(state),
            faults: Mutex::new(VecDeque::new()),
            journal: Journal::default(),
            connections: AtomicU64::new(0),
            signal: Signal::default(),
            stop: watch::channel(false).0,
            keepalive_changed: Notify::new(),
            logged: AtomicBool::new(true),
            compression: Mutex::new(vec![ContentCoding::Brotli, ContentCoding::Gzip]),
        }
    }

    pub fn compression(&self) -> Vec<ContentCoding> {
        self.compression.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set_compression(&self, codings: Vec<ContentCoding>) {
        *self.compression.lock().unwrap_or_else(|p| p.into_inner()) = codings;
    }

    /// The state lock. A panic while holding it cannot leave the state half-updated in a way
    /// that matters to a test server, so a poisoned lock is simply taken over.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn faults(&self) -> MutexGuard<'_, VecDeque<Fault>> {
        self.faults.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn arm(&self, fault: Fault) {
        self.faults().push_back(fault);
    }

    /// The oldest armed fault, for the request that just arrived.
    pub fn take_fault(&self) -> Option<Fault> {
        self.faults().pop_front()
    }

    pub fn clear_faults(&self) {
        self.faults().clear();
    }

    pub fn pending_faults(&self) -> usize {
        self.faults().len()
    }

    /// Numbers connections from 1 in the order accepted.
    pub fn next_connection(&self) -> u64 {
        self.connections.fetch_add(1, Ordering::Relaxed) + 1
    }
}
