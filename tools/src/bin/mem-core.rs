//! The Rust core's side of the memory benchmark (`bench/memory/run.sh`; not a test): one
//! `GET /Sessions` of a large body through the SDK's async client, every session's
//! `DeviceName` and `NowPlayingItem.Name` read, then the process's RSS before the call and
//! its peak (VmHWM) printed as JSON. Run it in a fresh process per measurement.
//!
//! cargo run --release -p sessionlink-tools --bin mem-core -- <base-url> [max-response-bytes]
//!
//! Prints {"baseline_kb": .., "peak_kb": .., "after_kb": .., "sessions": .., "read": .., "seconds": ..,
//! "session_struct_bytes": .., "item_struct_bytes": ..} (the last two: `size_of` of
//! `SessionInfoDto` and `BaseItemDto`, which every session pays whatever it holds).
//! The system allocator is used, as a Rust program gets by default.

use std::process::ExitCode;
use std::time::Instant;

use sessionlink::jellyfin::models::{BaseItemDto, SessionInfoDto};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// A `/proc/self/status` field in kB (Linux).
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn run(url: &str, max_bytes: usize) -> Result<(), Failure> {
    let mut config = JellyfinConfig::new(url, "bench", "mem-core").with_token("0123456789abcdef0123456789abcdef");
    config.transport.max_response_bytes = max_bytes;
    let client = JellyfinClient::new(config)?;
    let rt = sessionlink::runtime::handle()?;
    let baseline = status_kb("VmRSS:");
    let start = Instant::now();
    let (sessions, read) = rt.block_on(async {
        let sessions = client.get_sessions(&GetSessionsQuery::default()).await?;
        let read: usize = sessions
            .iter()
            .map(|s| {
                s.device_name.as_deref().map_or(0, str::len)
                    + s.now_playing_item.as_ref().and_then(|i| i.name.as_deref()).map_or(0, str::len)
            })
            .sum();
        Ok::<_, sessionlink::Error>((sessions.len(), read))
    })?;
    let seconds = start.elapsed().as_secs_f64();
    println!(
        r#"{{"baseline_kb": {baseline}, "peak_kb": {}, "after_kb": {}, "sessions": {sessions}, "read": {read}, "seconds": {seconds:.3}, "session_struct_bytes": {}, "item_struct_bytes": {}}}"#,
        status_kb("VmHWM:"),
        status_kb("VmRSS:"),
        std::mem::size_of::<SessionInfoDto>(),
        std::mem::size_of::<BaseItemDto>()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(url) = args.first() else {
        eprintln!("usage: mem-core <base-url> [max-response-bytes]");
        return ExitCode::FAILURE;
    };
    let max_bytes = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(1 << 30);
    match run(url, max_bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mem-core: {e}");
            ExitCode::FAILURE
        }
    }
}
