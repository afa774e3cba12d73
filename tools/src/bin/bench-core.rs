//! The Rust core's side of the Python and C benchmarks (`bench/python/bench.py`,
//! `bench/c/run.sh`): the same calls against the same local server, written as a Rust program
//! would (awaiting the async client on the SDK runtime), so each binding's overhead over the
//! core shows as a ratio in the same run. Not a test.
//!
//! cargo run --release -p sessionlink-tools --bin bench-core -- <base-url> [seconds-per-case] [case...]
//! cargo run --release -p sessionlink-tools --bin bench-core -- <base-url> --calls N <case>
//!
//! Runs the named cases (all of them by default; `--calls N`: exactly N calls of each, for
//! instruction counts under callgrind) and prints one JSON object per case:
//! {"case": ..., "calls": ..., "seconds": ..., "calls_per_sec": ...}
//!
//! `transport_sequential` (not in the default set) is the transport without decoding, through
//! the public API: `DELETE /Sessions/{id}/User/{userId}` (`remove_user_from_session`), whose
//! reply body the client reads whole and ignores. `bench/transport/run.sh` has nginx answer
//! it with the same 35 KB body as `GET /Sessions` and compares it with libcurl making the same
//! request.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use sessionlink::jellyfin::models::PlaystateCommand;
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};

const SESSION: &str = "2fad5b7464f7758e83e4d801b2af1879";
const USER: &str = "1e00cde9b0c3bf749f1519586481d1a1";
type Failure = Box<dyn std::error::Error + Send + Sync>;

const CASES: [&str; 4] =
    ["get_sessions_sequential", "playstate_sequential", "get_sessions_8_tasks", "get_sessions_64_tasks"];
/// Cases run only when named.
const EXTRA_CASES: [&str; 1] = ["transport_sequential"];

/// How long a case runs.
#[derive(Clone, Copy)]
enum Amount {
    Seconds(Duration),
    Calls(u64),
}

impl Amount {
    fn more(self, start: Instant, calls: u64) -> bool {
        match self {
            Amount::Seconds(d) => start.elapsed() < d,
            Amount::Calls(n) => calls < n,
        }
    }
}

fn report(case: &str, calls: u64, elapsed: Duration) {
    let secs = elapsed.as_secs_f64();
    println!(
        r#"{{"case": "{case}", "calls": {calls}, "seconds": {secs:.3}, "calls_per_sec": {:.1}}}"#,
        calls as f64 / secs
    );
}

/// One GET /Sessions, decoded, and every session's `DeviceName` and `NowPlayingItem.Name`
/// read, as every client of the benchmarks does (so that decoding cannot be skipped).
async fn get_and_read(client: &JellyfinClient) -> sessionlink::Result<usize> {
    let sessions = client.get_sessions(&GetSessionsQuery::default()).await?;
    Ok(sessions
        .iter()
        .map(|s| {
            s.device_name.as_deref().map_or(0, str::len)
                + s.now_playing_item.as_ref().and_then(|i| i.name.as_deref()).map_or(0, str::len)
        })
        .sum())
}

async fn sequential(client: &JellyfinClient, case: &str, amount: Amount) -> Result<(u64, Duration), Failure> {
    let (mut calls, mut names) = (0u64, 0usize);
    let start = Instant::now();
    while amount.more(start, calls) {
        match case {
            "playstate_sequential" => {
                client.send_playstate_command(SESSION, PlaystateCommand::Pause, None, None).await?
            }
            "transport_sequential" => client.remove_user_from_session(SESSION, USER).await?,
            _ => names += get_and_read(client).await?,
        }
        calls += 1;
    }
    if case == "get_sessions_sequential" && names == 0 {
        return Err("the server's sessions have no device names".into());
    }
    Ok((calls, start.elapsed()))
}

fn run(url: &str, amount: Amount, cases: &[String]) -> Result<(), Failure> {
    let client = JellyfinClient::new(
        JellyfinConfig::new(url, "bench", "bench-core").with_token("0123456789abcdef0123456789abcdef"),
    )?;
    let rt = sessionlink::runtime::handle()?;
    rt.block_on(async {
        for _ in 0..50 {
            get_and_read(&client).await?; // warm the pool and the allocator
        }
        Ok::<_, sessionlink::Error>(())
    })?;
    for case in cases {
        let workers = match case.as_str() {
            "get_sessions_8_tasks" => 8usize,
            "get_sessions_64_tasks" => 64,
            _ => {
                let (calls, elapsed) = rt.block_on(sequential(&client, case, amount))?;
                report(case, calls, elapsed);
                continue;
            }
        };
        let Amount::Seconds(duration) = amount else {
            return Err("--calls is for the sequential cases".into());
        };
        let start = Instant::now();
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let c = client.clone();
                rt.spawn(async move {
                    let mut n = 0u64;
                    while start.elapsed() < duration {
                        get_and_read(&c).await?;
                        n += 1;
                    }
                    Ok::<_, sessionlink::Error>(n)
                })
            })
            .collect();
        let total = rt.block_on(async {
            let mut sum = 0;
            for h in handles {
                sum += h.await??;
            }
            Ok::<_, Failure>(sum)
        })?;
        report(case, total, start.elapsed());
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || {
        eprintln!(
            "usage: bench-core <base-url> [seconds-per-case | --calls N] [case...]; cases: {}; only when named: {}",
            CASES.join(", "),
            EXTRA_CASES.join(", ")
        );
        ExitCode::FAILURE
    };
    let Some(url) = args.first() else { return usage() };
    let (amount, rest) = if args.get(1).map(String::as_str) == Some("--calls") {
        let Some(Ok(n)) = args.get(2).map(|s| s.parse::<u64>()) else { return usage() };
        (Amount::Calls(n), 3)
    } else {
        let Ok(seconds) = args.get(1).map_or(Ok(3.0), |s| s.parse::<f64>()) else { return usage() };
        (Amount::Seconds(Duration::from_secs_f64(seconds)), 2)
    };
    let mut cases: Vec<String> = args.iter().skip(rest).cloned().collect();
    if cases.is_empty() {
        cases = CASES.iter().map(|c| (*c).to_owned()).collect();
    }
    if cases.iter().any(|c| !CASES.contains(&c.as_str()) && !EXTRA_CASES.contains(&c.as_str())) {
        return usage();
    }
    match run(url, amount, &cases) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-core: {e}");
            ExitCode::FAILURE
        }
    }
}
