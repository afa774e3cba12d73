//! Every fault, seen on the wire: what the client receives, how the connection ends, what
//! is recorded, and whether the request was applied.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;
use sessionlink_emulator::{Emulator, Fault};

fn last(emulator: &Emulator) -> sessionlink_emulator::Exchange {
    emulator.requests().pop().expect("an exchange")
}

#[tokio::test]
async fn reset_before_headers_sends_nothing_and_applies_nothing() {
    let emulator = start().await;
    emulator.inject_reset_before_headers();
    let mut raw = Raw::connect(&emulator).await;
    raw.send("POST", &pause_path(&emulator), "").await;
    let (bytes, end) = raw.read_to_end(PATIENCE).await;
    assert_eq!((bytes.len(), end), (0, End::Reset));
    let ex = last(&emulator);
    assert_eq!(
        (ex.status, ex.injected, ex.aborted, ex.fault.as_deref()),
        (0, true, false, Some("reset_before_headers"))
    );
    assert!(emulator.commands(&living_room(&emulator)).is_empty(), "not applied");
    // reqwest sees the reset too, and the next request is served normally.
    emulator.inject(Fault::ResetBeforeHeaders);
    let url = format!("{}/System/Ping", emulator.url());
    let err = http().get(&url).send().await.expect_err("a reset connection");
    assert!(!err.is_timeout(), "{err:?}");
    assert_eq!(http().get(&url).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn reset_mid_body_sends_headers_and_part_of_the_body_then_resets() {
    let emulator = start().await;
    emulator.inject_reset_mid_body();
    let mut raw = Raw::connect(&emulator).await;
    raw.send("POST", &pause_path(&emulator), "").await;
    let (bytes, end) = raw.read_to_end(PATIENCE).await;
    assert_eq!(end, End::Reset);
    let head_end = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a whole head") + 4;
    let (status, headers) = parse_head(&bytes[..head_end - 4]);
    assert_eq!(status, 200);
    assert_eq!(header_of(&headers, "content-length"), Some("4096"));
    assert_eq!(bytes.len() - head_end, 1024, "part of the body");
    let ex = last(&emulator);
    assert_eq!((ex.status, ex.injected, ex.fault.as_deref()), (200, true, Some("reset_mid_body")));
    assert_eq!(ex.response_body, bytes[head_end..]);
    assert!(emulator.commands(&living_room(&emulator)).is_empty(), "not applied");
}

#[tokio::test]
async fn truncated_body_closes_cleanly_after_part_of_the_body() {
    let emulator = start().await;
    emulator.inject_truncated_body();
    let mut raw = Raw::connect(&emulator).await;
    raw.send("GET", "/Sessions", "").await;
    let (bytes, end) = raw.read_to_end(PATIENCE).await;
    assert_eq!(end, End::Eof);
    let head_end = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a whole head") + 4;
    assert_eq!(parse_head(&bytes[..head_end - 4]).0, 200);
    assert_eq!(bytes.len() - head_end, 1024);
    assert_eq!(last(&emulator).fault.as_deref(), Some("truncated_body"));
    // What a client library makes of it: a body error, not a success.
    emulator.inject_truncated_body();
    let response = http().get(format!("{}/System/Ping", emulator.url())).send().await.unwrap();
    assert!(response.bytes().await.is_err(), "a truncated body is an error");
}

#[tokio::test]
async fn stall_sends_half_the_body_pauses_then_finishes_and_applies_the_request() {
    let emulator = start().await;
    // Long beside a loaded machine's stalls and the 300 ms of quiet read below, so that "at
    // once" and "after the pause" cannot be confused.
    let pause = Duration::from_secs(3);
    emulator.inject_stall(pause);
    let mut raw = Raw::connect(&emulator).await;
    let started = Instant::now();
    raw.send("GET", "/Sessions", "").await;
    let (first, end) = raw.read_to_end(Duration::from_millis(300)).await;
    assert_eq!(end, End::Quiet, "the connection stays open during the stall");
    assert!(started.elapsed() < pause, "the first half came at once");
    let head_end = first.windows(4).position(|w| w == b"\r\n\r\n").expect("a whole head") + 4;
    let (status, headers) = parse_head(&first[..head_end - 4]);
    assert_eq!(status, 200);
    let len: usize = header_of(&headers, "content-length").unwrap().parse().unwrap();
    assert_eq!(first.len() - head_end, len / 2);
    let mut all = first.clone();
    while all.len() < head_end + len {
        let (more, end) = raw.read_to_end(Duration::from_millis(100)).await;
        all.extend_from_slice(&more);
        assert_ne!(end, End::Reset);
        assert!(started.elapsed() < PATIENCE, "the rest never came");
    }
    assert!(started.elapsed() >= pause, "the rest came after the pause");
    let sessions: Value = serde_json::from_slice(&all[head_end..]).expect("the real, whole body");
    assert!(sessions.as_array().is_some_and(|s| !s.is_empty()));
    let ex = last(&emulator);
    assert_eq!((ex.status, ex.injected, ex.fault.as_deref()), (200, false, Some("stall")));

    // A client whose read timeout is shorter gives up.
    emulator.inject_stall(Duration::from_secs(3));
    let short = reqwest::Client::builder().read_timeout(Duration::from_millis(300)).build().unwrap();
    let response = short.get(format!("{}/Sessions", emulator.url())).header("x-emby-token", API_KEY).send().await;
    let outcome = match response {
        Ok(r) => r.bytes().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(outcome.expect_err("timed out").is_timeout());
}

#[tokio::test]
async fn a_stall_without_a_body_holds_the_whole_response_and_still_applies() {
    let emulator = start().await;
    let pause = Duration::from_millis(500);
    emulator.inject_stall(pause);
    let started = Instant::now();
    let response = pause_the_tv(&emulator).await;
    assert_eq!(response.status(), 204);
    assert!(started.elapsed() >= pause);
    assert_eq!(emulator.commands(&living_room(&emulator)).len(), 1, "applied");

    // A client that leaves during the pause does not undo what was applied before it.
    emulator.inject_stall(Duration::from_secs(5));
    let mut raw = Raw::connect(&emulator).await;
    raw.send("POST", &pause_path(&emulator), "").await;
    let all = emulator.wait_for_requests(2, PATIENCE).await.unwrap();
    drop(raw);
    assert!(!all[1].aborted);
    assert_eq!(emulator.commands(&living_room(&emulator)).len(), 2);
    assert!(emulator.wait_for_abort(Duration::from_millis(300)).await.is_err());
}

#[tokio::test]
async fn status_faults_carry_extra_headers_for_redirects_and_retries() {
    let emulator = start().await;
    let url = format!("{}/Sessions", emulator.url());
    emulator.inject_status_with_headers(302, None, "", &[("Location", "http://127.0.0.1:1/elsewhere")]);
    let response = http().get(&url).send().await.unwrap();
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], "http://127.0.0.1:1/elsewhere");
    emulator.inject_status_with_headers(429, Some("text/plain"), "slow down", &[("Retry-After", "7")]);
    let response = http().get(&url).send().await.unwrap();
    assert_eq!((response.status().as_u16(), response.headers()["retry-after"].to_str().unwrap()), (429, "7"));
    assert_eq!(response.text().await.unwrap(), "slow down");
    let ex = last(&emulator);
    assert_eq!((ex.status, ex.injected, ex.fault.as_deref()), (429, true, Some("status")));
    assert!(ex.response_headers.contains(&("retry-after".to_owned(), "7".to_owned())));
}

#[tokio::test]
async fn service_unavailable_is_a_503_page_with_retry_after() {
    let emulator = start().await;
    emulator.inject_service_unavailable(12);
    let response = http().post(format!("{}{}", emulator.url(), pause_path(&emulator))).send().await.unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "12");
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert_eq!(last(&emulator).fault.as_deref(), Some("service_unavailable"));
    assert!(emulator.commands(&living_room(&emulator)).is_empty(), "not applied");
}

async fn count_body(response: reqwest::Response) -> (u64, Vec<u8>, Vec<u8>) {
    let mut response = response;
    let (mut total, mut head, mut tail) = (0u64, Vec::new(), Vec::new());
    while let Some(chunk) = response.chunk().await.expect("the whole body") {
        if head.len() < 16 {
            head.extend_from_slice(&chunk[..chunk.len().min(16)]);
        }
        tail = chunk[chunk.len().saturating_sub(16)..].to_vec();
        total += chunk.len() as u64;
    }
    (total, head, tail)
}

#[tokio::test]
async fn oversized_bodies_stream_exactly_the_size_asked_for() {
    let emulator = start().await;
    let url = format!("{}/Sessions", emulator.url());
    let size: u64 = 8 * 1024 * 1024 + 3;
    emulator.inject_oversized_body(size, false);
    let response = http().get(&url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.content_length(), Some(size));
    assert_eq!(response.headers()["content-type"], "application/json");
    let (total, head, tail) = count_body(response).await;
    assert_eq!(total, size);
    assert_eq!((head[0], *tail.last().unwrap()), (b'[', b']'));
    let ex = last(&emulator);
    assert_eq!((ex.status, ex.injected, ex.fault.as_deref()), (200, true, Some("oversized_body")));
    assert!(ex.response_body.is_empty(), "never held in memory");

    emulator.inject_oversized_body(size, true);
    let response = http().get(&url).send().await.unwrap();
    assert_eq!(response.content_length(), None);
    assert_eq!(response.headers()["transfer-encoding"], "chunked");
    assert_eq!(count_body(response).await.0, size);

    emulator.inject_oversized_body(2, false);
    assert_eq!(http().get(&url).send().await.unwrap().text().await.unwrap(), "[]");
}

#[tokio::test]
async fn a_stale_connection_is_closed_when_its_next_request_arrives() {
    let emulator = start().await;
    emulator.inject_stale_connection();
    let mut raw = Raw::connect(&emulator).await;
    raw.send("GET", "/System/Ping", "").await;
    let first = raw.read_response().await;
    assert_eq!(first.status, 200, "answered normally");
    assert_ne!(first.header("connection"), Some("close"), "and kept alive");
    raw.send("POST", &pause_path(&emulator), "").await;
    let (bytes, end) = raw.read_to_end(PATIENCE).await;
    assert_eq!((bytes.len(), end), (0, End::Eof), "closed without a response");
    assert!(emulator.commands(&living_room(&emulator)).is_empty(), "not applied");

    // A fresh connection is served normally.
    let mut fresh = Raw::connect(&emulator).await;
    fresh.send("POST", &pause_path(&emulator), "").await;
    assert_eq!(fresh.read_response().await.status, 204);
    fresh.send("GET", "/System/Ping", "").await;
    assert_eq!(fresh.read_response().await.status, 200, "and stays usable");

    let ex = emulator.requests();
    let summary: Vec<_> = ex.iter().map(|e| (e.connection, e.status, e.fault.as_deref(), e.injected)).collect();
    let (a, b) = (ex[0].connection, ex[2].connection);
    assert_ne!(a, b);
    assert_eq!(
        summary,
        vec![
            (a, 200, Some("stale_connection"), false),
            (a, 0, Some("stale_connection"), true),
            (b, 204, None, false),
            (b, 200, None, false)
        ]
    );
}

#[tokio::test]
async fn armed_faults_act_on_consecutive_requests_oldest_first() {
    let emulator = start().await;
    let url = format!("{}/System/Ping", emulator.url());
    emulator.inject_status(500, Some("text/plain"), "first");
    emulator.inject_service_unavailable(1);
    emulator.inject_status(404, None, "");
    assert_eq!(emulator.pending_faults(), 3);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(http().get(&url).send().await.unwrap().status().as_u16());
    }
    assert_eq!(statuses, vec![500, 503, 404, 200]);
    emulator.inject_status(500, None, "");
    emulator.clear_faults();
    assert_eq!(http().get(&url).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn a_latency_that_the_client_waits_out_is_applied_and_not_injected() {
    let emulator = start().await;
    let delay = Duration::from_millis(300);
    emulator.inject_latency(delay);
    let started = Instant::now();
    let response = pause_the_tv(&emulator).await;
    assert_eq!(response.status(), 204);
    assert!(started.elapsed() >= delay);
    assert_eq!(emulator.commands(&living_room(&emulator)).len(), 1);
    let ex = last(&emulator);
    assert_eq!((ex.injected, ex.aborted, ex.fault.as_deref()), (false, false, Some("latency")));
}

#[tokio::test]
async fn request_bodies_are_bounded() {
    let emulator = start().await;
    let mut raw = Raw::connect(&emulator).await;
    let declared = 64 * 1024 * 1024;
    raw.write(
        format!("POST /Sessions/Capabilities/Full HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {declared}\r\n\r\n")
            .as_bytes(),
    )
    .await;
    // Feed it until the server stops reading; it must answer without taking 64 MiB first.
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..20 {
        match tokio::time::timeout(Duration::from_millis(100), raw.try_write(&chunk)).await {
            Ok(true) => {}
            Ok(false) | Err(_) => break,
        }
    }
    let (bytes, _) = raw.read_to_end(Duration::from_secs(2)).await;
    assert!(bytes.starts_with(b"HTTP/1.1 413"), "{:?}", String::from_utf8_lossy(&bytes[..bytes.len().min(80)]));
    keep_out_of_the_exchange_log(&emulator);
}
