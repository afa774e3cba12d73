//! The Rust-core side of `bench/c/run.sh`: the same loops as `bench/c/bench.c`, written as a
//! Rust program would (awaiting the async client on the SDK runtime), so the C library's
//! overhead over the core can be measured in the same run.
//!   c_bench_core_loop get|post URL SECONDS   → prints calls per second

use std::time::{Duration, Instant};

use sessionlink_core::jellyfin::models::PlaystateCommand;
use sessionlink_core::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, op, url, seconds] = args.as_slice() else {
        return Err("usage: c_bench_core_loop get|post URL SECONDS".into());
    };
    let get = op == "get";
    let duration = Duration::from_secs_f64(seconds.parse()?);
    let config = JellyfinConfig::new(url.as_str(), "bench", "bench-1").with_token("0123456789abcdef0123456789abcdef");
    let client = JellyfinClient::new(config)?;
    let handle = sessionlink_core::runtime::handle()?;
    let (calls, elapsed, names) = handle.block_on(async move {
        let query = GetSessionsQuery::default();
        let (mut calls, mut names) = (0u64, 0usize);
        let start = Instant::now();
        while start.elapsed() < duration {
            if get {
                let sessions = client.get_sessions(&query).await?;
                names += sessions.iter().map(|s| s.device_name.as_deref().map_or(0, str::len)).sum::<usize>();
            } else {
                client
                    .send_playstate_command("f35ffbefd4cbca5559a7c33d2a049e18", PlaystateCommand::Pause, None, None)
                    .await?;
            }
            calls += 1;
        }
        Ok::<_, sessionlink_core::Error>((calls, start.elapsed(), names))
    })?;
    if get && names == 0 {
        return Err("no device names read".into());
    }
    println!("{:.0}", calls as f64 / elapsed.as_secs_f64());
    Ok(())
}
