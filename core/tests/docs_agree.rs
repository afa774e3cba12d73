//! The documented defaults, limits and rules read from the documents and compared with the
//! values the code uses, so that a change to either side fails here until both agree:
//! transport defaults (Python table, Rust sentence, C header), the retry rule, the
//! `pool_idle_timeout = 0` rule (and its behaviour), and the socket's keep-alive, liveness,
//! backoff and buffer.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::*;
use sessionlink::jellyfin::socket::{Reconnect, SocketOptions, KEEPALIVE_FRACTION, SILENT_PERIODS};
use sessionlink::jellyfin::{JellyfinClient, JellyfinConfig};
use sessionlink::transport::{pool_idle_timeout_seconds, RETRIED_AFTER_SENDING};
use sessionlink::TransportOptions;
use sessionlink_emulator::Emulator;

fn doc(path: &str) -> String {
    let text = std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    // Sentences wrap anywhere (in the header, inside comments): compare with single spaces.
    text.split_whitespace().filter(|w| *w != "*").collect::<Vec<_>>().join(" ")
}

/// The default documented for `name` in a Markdown table whose first column names options
/// (several per row, comma-separated, with their defaults likewise), and the row's last cell.
fn table_default(document: &str, name: &str) -> (String, String) {
    let text = std::fs::read_to_string(format!("{}/../{document}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for line in text.lines() {
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() < 3 {
            continue;
        }
        let names: Vec<&str> = cells[0].split(',').map(|n| n.trim().trim_matches('`')).collect();
        if let Some(at) = names.iter().position(|n| *n == name) {
            let defaults: Vec<&str> = cells[1].split(", ").collect();
            assert_eq!(defaults.len(), names.len(), "{document}: {line}");
            return (defaults[at].trim_end_matches(" s").to_owned(), cells[cells.len() - 1].to_owned());
        }
    }
    panic!("no row for `{name}` in {document}")
}

fn secs(d: Duration) -> String {
    format!("{}", d.as_secs_f64())
}

fn mib(bytes: usize) -> String {
    assert_eq!(bytes % (1024 * 1024), 0, "documented in MiB");
    format!("{} MiB", bytes / (1024 * 1024))
}

#[test]
fn transport_defaults_are_the_documented_ones() {
    let d = TransportOptions::default();
    let python = [
        ("connect_timeout", secs(d.connect_timeout)),
        ("request_timeout", secs(d.request_timeout)),
        ("max_response_bytes", mib(d.max_response_bytes)),
        ("pool_idle_timeout", secs(d.pool_idle_timeout)),
        ("retry_unavailable", d.retry_unavailable.to_string()),
        ("retry_after_cap", secs(d.retry_after_cap)),
    ];
    for document in ["docs/python.md", "bindings-python/README.md"] {
        for (name, want) in &python {
            assert_eq!(&table_default(document, name).0, want, "{document}: {name}");
        }
    }
    let rust = format!(
        "`connect_timeout` {} s, `request_timeout` {} s, `max_response_bytes` {}, `pool_idle_timeout` {} s, \
         `retry_unavailable` {}, `retry_after_cap` {} s",
        secs(d.connect_timeout),
        secs(d.request_timeout),
        mib(d.max_response_bytes),
        secs(d.pool_idle_timeout),
        d.retry_unavailable,
        secs(d.retry_after_cap)
    );
    assert!(doc("docs/rust.md").contains(&rust), "docs/rust.md should say: {rust}");
    // The C header states each default in milliseconds (the fields are `_ms`).
    let header = doc("include/sessionlink.h");
    for (field, value) in [
        ("connect_timeout_ms", d.connect_timeout),
        ("request_timeout_ms", d.request_timeout),
        ("pool_idle_timeout_ms", d.pool_idle_timeout),
        ("retry_after_cap_ms", d.retry_after_cap),
    ] {
        let at = header.find(&format!(" {field};")).unwrap_or_else(|| panic!("no field {field}"));
        let comment = &header[header[..at].rfind("/**").unwrap()..at];
        assert!(comment.contains(&format!("Default {}", value.as_millis())), "{field}: {comment}");
    }
}

#[test]
fn the_retry_rule_is_the_documented_one() {
    assert_eq!(RETRIED_AFTER_SENDING, ["GET", "PUT", "DELETE"]);
    let listed = "`GET`, `PUT` or `DELETE`";
    assert!(doc("docs/errors.md").contains(&format!("if it is a {listed}")), "docs/errors.md");
    let plain = "GET, PUT or DELETE";
    for document in ["bindings-python/README.md", "bindings-c/README.md"] {
        assert!(doc(document).contains(plain), "{document} should name {plain}");
    }
    assert!(doc("include/sessionlink.h").contains("for GET, PUT and DELETE also after sending"), "the C header");
}

#[test]
fn a_zero_pool_idle_timeout_means_no_reuse_in_every_document() {
    assert_eq!(pool_idle_timeout_seconds(0.0).unwrap(), Duration::ZERO);
    for bad in [-1.0, f64::NAN, f64::INFINITY] {
        let e = pool_idle_timeout_seconds(bad).unwrap_err();
        assert!(e.message().contains("pool_idle_timeout"), "{e}");
    }
    for document in ["docs/python.md", "bindings-python/README.md"] {
        let meaning = table_default(document, "pool_idle_timeout").1;
        assert!(meaning.ends_with("0 never reuses one"), "{document}: {meaning}");
    }
    assert!(doc("bindings-c/README.md").contains("0 never reuses a connection"));
    assert!(doc("include/sessionlink.h").contains("0 never reuses one"));
}

#[tokio::test]
async fn a_zero_pool_idle_timeout_opens_a_connection_per_request() {
    let emulator = Emulator::start().await.unwrap();
    let mut config = JellyfinConfig::new(emulator.url(), "Test Runner", "pool-zero");
    assert_eq!(connections(&emulator, JellyfinClient::new(config.clone()).unwrap()).await, 1, "the default reuses");
    config.transport.pool_idle_timeout = Duration::ZERO;
    assert_eq!(connections(&emulator, JellyfinClient::new(config).unwrap()).await, 3, "zero never reuses");
}

/// How many connections three calls in a row used.
async fn connections(emulator: &Emulator, client: JellyfinClient) -> usize {
    emulator.clear_requests();
    for _ in 0..3 {
        client.get_public_system_info().await.unwrap();
    }
    let mut seen: Vec<u64> = emulator.requests().iter().map(|e| e.connection).collect();
    seen.dedup();
    seen.len()
}

#[test]
fn the_socket_rules_are_the_documented_ones() {
    let sockets = doc("docs/sockets.md");
    assert_eq!(KEEPALIVE_FRACTION, 0.5);
    assert!(sockets.contains("`KeepAlive` at half the `ForceKeepAlive` period"));
    let limit = format!("has been heard from the server for {SILENT_PERIODS} keep-alive periods");
    assert!(sockets.contains(&limit), "docs/sockets.md should say: {limit}");
    let seconds = (60.0 * SILENT_PERIODS) as u64;
    assert!(sockets.contains(&format!("({seconds} s with Jellyfin's 60 s)")));
    let r = Reconnect::default();
    let backoff = format!("({} s doubling up to {} s by default)", secs(r.initial), secs(r.max));
    assert_eq!(r.factor, 2.0, "doubling");
    assert!(sockets.contains(&backoff), "docs/sockets.md should say: {backoff}");
    let buffer = format!("buffers at most `buffer` events ({})", SocketOptions::default().buffer);
    assert!(sockets.contains(&buffer), "docs/sockets.md should say: {buffer}");
}

#[test]
fn the_documents_are_read() {
    // A missing document must fail, not pass with nothing compared.
    let _ = (API_KEY, ALICE);
    assert!(doc("docs/sockets.md").len() > 1000 && doc("docs/python.md").len() > 1000);
}
