//! The runtime [`Emulator::start_blocking`](crate::Emulator::start_blocking) serves on, for
//! callers without one of their own (a `#[test]`, the binary, a binding without a runtime).
//!
//! Started on first use and never dropped: dropping a runtime from an arbitrary thread (or at
//! process exit) can block or panic, and an emulator may outlive any one caller. After
//! `fork()` the parent's worker threads do not exist in the child, so the first use in a new
//! process starts a fresh runtime.

use std::sync::Mutex;

use tokio::runtime::{Handle, Runtime};

use crate::error::{Error, ErrorKind, Result};

struct Current {
    pid: u32,
    runtime: &'static Runtime,
}

static RUNTIME: Mutex<Option<Current>> = Mutex::new(None);

/// A handle to the emulator's runtime in this process, starting it if needed.
pub(crate) fn handle() -> Result<Handle> {
    let mut current = RUNTIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let pid = std::process::id();
    if let Some(c) = current.as_ref().filter(|c| c.pid == pid) {
        return Ok(c.runtime.handle().clone());
    }
    // A runtime inherited through fork() is leaked, not dropped: dropping it would try to join
    // threads that do not exist in this process.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("sessionlink-emulator")
        .build()
        .map_err(|e| Error::new(ErrorKind::Runtime, format!("cannot start the emulator runtime: {e}")))?;
    let runtime: &'static Runtime = Box::leak(Box::new(runtime));
    *current = Some(Current { pid, runtime });
    Ok(runtime.handle().clone())
}
