//! The exchange log an emulator writes as it stops, so that a conformance suite can hold
//! every response a test suite saw, and every WebSocket message, to the contracts.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::types::exchange::Exchange;
use crate::types::socket::{SocketMessageRecord, UpgradeRecord};

/// When set to a directory, every emulator writes its recorded exchanges there as it stops
/// (`exchanges-<pid>-<n>.json`, a JSON array), and, when it had WebSocket traffic, its
/// upgrades and socket messages beside them (`websocket-<pid>-<n>.json`, an object with
/// `upgrades` and `messages`).
pub const EXCHANGE_LOG_ENV: &str = "SESSIONLINK_EXCHANGE_LOG";

/// The WebSocket side of the log.
#[derive(Serialize)]
pub(crate) struct SocketLog {
    pub upgrades: Vec<UpgradeRecord>,
    pub messages: Vec<SocketMessageRecord>,
}

pub(crate) fn write(exchanges: &[Exchange], sockets: &SocketLog) {
    let Some(dir) = std::env::var_os(EXCHANGE_LOG_ENV) else { return };
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(&dir);
    write_json(dir, &format!("exchanges-{}-{n}.json", std::process::id()), &exchanges);
    if !sockets.upgrades.is_empty() || !sockets.messages.is_empty() {
        write_json(dir, &format!("websocket-{}-{n}.json", std::process::id()), sockets);
    }
}

fn write_json<T: Serialize + ?Sized>(dir: &Path, name: &str, value: &T) {
    let path = dir.join(name);
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| serde_json::to_vec(value).map_err(std::io::Error::other))
        .and_then(|json| std::fs::write(&path, json));
    if let Err(e) = written {
        eprintln!("sessionlink emulator: cannot write the exchange log {}: {e}", path.display());
    }
}
