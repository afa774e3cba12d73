//! The core's `log` records → Python `logging` (logger `sessionlink`), through pyo3-log.
//!
//! Loggers and their levels are cached on the Rust side, so a record that nobody wants
//! costs no GIL (a runtime thread waiting for the GIL would stall every request on it).
//! The cache is dropped whenever a client is made and at most a second after any call, so
//! a change of logging configuration takes effect within a second.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3_log::{Caching, Logger, ResetHandle};

const REFRESH_EVERY: Duration = Duration::from_secs(1);

static HANDLE: PyOnceLock<Option<ResetHandle>> = PyOnceLock::new();
static EPOCH: OnceLock<Instant> = OnceLock::new();
static LAST_RESET_MS: AtomicU64 = AtomicU64::new(0);

fn now_ms() -> u64 {
    u64::try_from(EPOCH.get_or_init(Instant::now).elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Installed on first use rather than at import, which keeps `import logging` out of
/// `import sessionlink`.
fn handle(py: Python<'_>) -> Option<&ResetHandle> {
    HANDLE
        .get_or_init(py, || {
            let logger = Logger::new(py, Caching::LoggersAndLevels)
                .ok()?
                .filter(log::LevelFilter::Warn)
                .filter_target("sessionlink".to_owned(), log::LevelFilter::Trace);
            // Fails only if another logger is installed in this process; keep that one.
            logger.install().ok()
        })
        .as_ref()
}

/// Re-reads the Python logging configuration: always when `force`, else at most once a
/// second.
pub fn refresh(py: Python<'_>, force: bool) {
    let Some(handle) = handle(py) else { return };
    let now = now_ms();
    let last = LAST_RESET_MS.load(Ordering::Relaxed);
    if force || now.saturating_sub(last) >= REFRESH_EVERY.as_millis() as u64 {
        LAST_RESET_MS.store(now, Ordering::Relaxed);
        handle.reset();
    }
}
