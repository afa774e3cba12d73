//! The Rust core's side of the Python and C benchmarks: the same calls against the same
//! server, so the bindings' overhead shows as a ratio. Not a test.
//!
//! cargo run --release -p sessionlink --example bench_core -- <base-url> [seconds-per-case]
//! Prints one JSON object per case: {"case": ..., "calls": ..., "seconds": ..., "calls_per_sec": ...}

use std::time::{Duration, Instant};

use sessionlink::jellyfin::models::PlaystateCommand;
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};

const SESSION: &str = "2fad5b7464f7758e83e4d801b2af1879";

fn report(case: &str, calls: u64, elapsed: Duration) {
    let secs = elapsed.as_secs_f64();
    println!(
        r#"{{"case": "{case}", "calls": {calls}, "seconds": {secs:.3}, "calls_per_sec": {:.1}}}"#,
        calls as f64 / secs
    );
}

async fn get_and_read(client: &JellyfinClient) -> usize {
    let sessions = client.get_sessions(&GetSessionsQuery::default()).await.expect("get_sessions");
    sessions.iter().map(|s| s.device_name.as_deref().map_or(0, str::len)).sum()
}

async fn run_for(duration: Duration, mut f: impl AsyncFnMut()) -> (u64, Duration) {
    let start = Instant::now();
    let mut calls = 0;
    while start.elapsed() < duration {
        f().await;
        calls += 1;
    }
    (calls, start.elapsed())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("usage: bench_core <base-url> [seconds]");
    let seconds: f64 = args.next().map_or(3.0, |s| s.parse().expect("seconds"));
    let duration = Duration::from_secs_f64(seconds);
    let client = JellyfinClient::new(
        JellyfinConfig::new(url, "bench", "bench-core").with_token("0123456789abcdef0123456789abcdef"),
    )
    .expect("client");
    let rt = sessionlink::runtime::handle().expect("runtime");

    rt.block_on(async {
        for _ in 0..50 {
            get_and_read(&client).await; // warm the pool and the allocator
        }
        let (n, t) = run_for(duration, async || {
            get_and_read(&client).await;
        })
        .await;
        report("get_sessions_sequential", n, t);
        let (n, t) = run_for(duration, async || {
            client.send_playstate_command(SESSION, PlaystateCommand::Pause, None, None).await.expect("playstate");
        })
        .await;
        report("playstate_sequential", n, t);
    });

    for (case, workers) in [("get_sessions_8_tasks", 8usize), ("get_sessions_64_tasks", 64)] {
        let start = Instant::now();
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let c = client.clone();
                rt.spawn(async move {
                    let mut n = 0u64;
                    while start.elapsed() < duration {
                        get_and_read(&c).await;
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        let total: u64 = rt.block_on(async {
            let mut sum = 0;
            for h in handles {
                sum += h.await.expect("task");
            }
            sum
        });
        report(case, total, start.elapsed());
    }
}
