//! Decode benchmark (not a test): µs per decode of one `GET /Sessions` body, by
//! sessionlink's lossless models, by a plain `#[derive(Deserialize)]` of the same typed
//! fields (unknown fields skipped), and into `serde_json::Value`, interleaved in rounds,
//! medians printed with ratios. Each decode reads every session's `DeviceName` and
//! `NowPlayingItem.Name`, so no decoder can skip work. With the `sonic` feature, also the
//! plain derive and a DOM decoded by sonic-rs (SIMD), for information: would a SIMD parser
//! pay? (sessionlink's lossless models keep unknown fields as serde_json `RawValue`s, which
//! only serde_json's deserializer can produce, so they have no sonic-rs case.)
//!
//! cargo run --release -p sessionlink-tools --bin decode-bench [--features sonic] -- [body.json] [rounds]
//!
//! `bench/decode/run.sh` runs it next to msgspec's decode of the same bytes.

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
    // Parsed as sessionlink's transport parses a body (UTF-8 checked once, then as `str`), so
    // that the ratio is the price of losslessness alone.
    let text = std::str::from_utf8(body).expect("UTF-8");
    let sessions: Vec<plain::SessionInfoDto> = serde_json::from_str(text).expect("decodes");
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

#[cfg(feature = "sonic")]
fn sonic_plain(body: &[u8]) -> usize {
    let sessions: Vec<plain::SessionInfoDto> = sonic_rs::from_slice(body).expect("decodes");
    sessions
        .iter()
        .map(|s| {
            s.device_name.as_deref().map_or(0, str::len)
                + s.now_playing_item.as_ref().and_then(|i| i.name.as_deref()).map_or(0, str::len)
        })
        .sum()
}

#[cfg(feature = "sonic")]
fn sonic_value(body: &[u8]) -> usize {
    use sonic_rs::{JsonContainerTrait, JsonValueTrait};
    let sessions: sonic_rs::Value = sonic_rs::from_slice(body).expect("decodes");
    let text = |v: Option<&sonic_rs::Value>| v.and_then(|v| v.as_str()).map_or(0, str::len);
    sessions
        .as_array()
        .map(|list| {
            list.iter()
                .map(|s| text(s.get("DeviceName")) + text(s.get("NowPlayingItem").and_then(|i| i.get("Name"))))
                .sum()
        })
        .unwrap_or(0)
}

/// Median µs per call of `f` over `rounds` rounds of ~200 ms.
/// A named decoder: decodes a body and returns a count read from it.
type Case<'a> = (&'a str, fn(&[u8]) -> usize);

fn measure(cases: &[Case<'_>], body: &[u8], rounds: usize) -> Vec<f64> {
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
    // (label, JSON key, decoder)
    #[allow(unused_mut)]
    #[allow(clippy::type_complexity)]
    let mut cases: Vec<(&str, &str, fn(&[u8]) -> usize)> = vec![
        ("sessionlink (lossless)", "sessionlink_us", sessionlink),
        ("plain derive, same fields", "plain_us", plain),
        ("serde_json::Value", "value_us", value),
    ];
    #[cfg(feature = "sonic")]
    cases.extend([
        ("sonic-rs, plain derive", "sonic_plain_us", sonic_plain as fn(&[u8]) -> usize),
        ("sonic-rs Value", "sonic_value_us", sonic_value),
    ]);
    let expected = plain(&body);
    for (name, _, f) in &cases {
        assert_eq!(f(&body), expected, "{name} read different values than the plain derive");
    }
    let timed: Vec<Case<'_>> = cases.iter().map(|(n, _, f)| (*n, *f)).collect();
    let medians = measure(&timed, &body, rounds);
    println!("decode of {} ({} bytes), median of {rounds} rounds, µs per decode:", path, body.len());
    for ((name, _, _), us) in cases.iter().zip(&medians) {
        println!("  {name:<28} {us:>9.1} µs   {:>5.2}x plain", us / medians[1]);
    }
    let fields: Vec<String> =
        cases.iter().zip(&medians).map(|((_, key, _), us)| format!(r#""{key}": {us:.2}"#)).collect();
    println!("{{{}}}", fields.join(", "));
}
