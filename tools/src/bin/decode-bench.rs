//! Decode benchmark (not a test): µs per decode of one `GET /Sessions` body, by
//! sessionlink's lossless models, by a plain `#[derive(Deserialize)]` of the same typed
//! fields (unknown fields skipped), and into `serde_json::Value`, interleaved in rounds,
//! medians printed with ratios. Each decode reads every session's `DeviceName` and
//! `NowPlayingItem.Name`, so no decoder can skip work.
//!
//! cargo run --release -p sessionlink-tools --bin decode-bench -- [body.json] [rounds]

use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../plain.rs"]
mod plain;

use sessionlink::jellyfin::models::SessionInfoDto;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DEFAULT_BODY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../bench/data/sessions-8.json");

fn sessionlink(body: &[u8]) -> usize {
    let sessions: Vec<SessionInfoDto> = sessionlink::transport::decode("GET /Sessions", body).expect("decodes");
    sessions
        .iter()
        .map(|s| {
            s.device_name.as_deref().map_or(0, str::len)
                + s.now_playing_item.as_ref().and_then(|i| i.name.as_deref()).map_or(0, str::len)
        })
        .sum()
}

fn plain(body: &[u8]) -> usize {
    let sessions: Vec<plain::SessionInfoDto> = serde_json::from_slice(body).expect("decodes");
    sessions
        .iter()
        .map(|s| {
            s.device_name.as_deref().map_or(0, str::len)
                + s.now_playing_item.as_ref().and_then(|i| i.name.as_deref()).map_or(0, str::len)
        })
        .sum()
}

fn value(body: &[u8]) -> usize {
    let sessions: serde_json::Value = serde_json::from_slice(body).expect("decodes");
    let text = |v: &serde_json::Value| v.as_str().map_or(0, str::len);
    sessions
        .as_array()
        .map(|list| list.iter().map(|s| text(&s["DeviceName"]) + text(&s["NowPlayingItem"]["Name"])).sum())
        .unwrap_or(0)
}

/// Median µs per call of `f` over `rounds` rounds of ~200 ms.
fn measure(cases: &[(&str, fn(&[u8]) -> usize)], body: &[u8], rounds: usize) -> Vec<f64> {
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    for _ in 0..rounds {
        for (i, (_, f)) in cases.iter().enumerate() {
            let start = Instant::now();
            let mut n = 0u32;
            while start.elapsed() < Duration::from_millis(200) {
                black_box(f(black_box(body)));
                n += 1;
            }
            samples[i].push(start.elapsed().as_secs_f64() * 1e6 / f64::from(n));
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort_by(f64::total_cmp);
            s[s.len() / 2]
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).map_or(DEFAULT_BODY, String::as_str);
    let rounds = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(7);
    let body = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let cases: [(&str, fn(&[u8]) -> usize); 3] =
        [("sessionlink (lossless)", sessionlink), ("plain derive, same fields", plain), ("serde_json::Value", value)];
    assert_eq!(sessionlink(&body), plain(&body), "the decoders read different values");
    let medians = measure(&cases, &body, rounds);
    println!("decode of {} ({} bytes), median of {rounds} rounds, µs per decode:", path, body.len());
    for ((name, _), us) in cases.iter().zip(&medians) {
        println!("  {name:<28} {us:>9.1} µs   {:>5.2}x plain", us / medians[1]);
    }
    println!(
        r#"{{"sessionlink_us": {:.2}, "plain_us": {:.2}, "value_us": {:.2}}}"#,
        medians[0], medians[1], medians[2]
    );
}
