//! The exchange log an emulator writes as it stops, so that a conformance suite can hold
//! every response a test suite saw to the contracts.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::types::exchange::Exchange;

/// When set to a directory, every emulator writes its recorded exchanges there as it stops
/// (`exchanges-<pid>-<n>.json`, a JSON array).
pub const EXCHANGE_LOG_ENV: &str = "SESSIONLINK_EXCHANGE_LOG";

pub(crate) fn write(exchanges: &[Exchange]) {
    let Some(dir) = std::env::var_os(EXCHANGE_LOG_ENV) else { return };
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let path = std::path::Path::new(&dir).join(format!("exchanges-{}-{n}.json", std::process::id()));
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| serde_json::to_vec(exchanges).map_err(std::io::Error::other))
        .and_then(|json| std::fs::write(&path, json));
    if let Err(e) = written {
        eprintln!("sessionlink emulator: cannot write the exchange log {}: {e}", path.display());
    }
}
