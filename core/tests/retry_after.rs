//! `retry_unavailable`: a 503 or 429 is retried after its `Retry-After` only when that wait
//! ends before the request's deadline; otherwise the caller gets the server's answer at once
//! rather than a timeout after a wait that could not succeed.

mod common;

use std::time::Duration;

use common::*;
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::{ErrorKind, TransportOptions};
use sessionlink_emulator::Emulator;

fn patient(emulator: &Emulator, request_timeout: Duration) -> JellyfinClient {
    let mut config = JellyfinConfig::new(emulator.url(), "Test Runner", "patient").with_token(API_KEY);
    config.transport = TransportOptions {
        retry_unavailable: 3,
        request_timeout,
        retry_after_cap: Duration::from_secs(3600),
        ..TransportOptions::default()
    };
    JellyfinClient::new(config).expect("valid config")
}

#[tokio::test]
async fn a_retry_after_past_the_deadline_is_not_waited_for() {
    let emulator = Emulator::start().await.expect("emulator");
    // A minute of request timeout against a wait of an hour.
    let client = patient(&emulator, Duration::from_secs(60));
    let before = emulator.request_count();
    emulator.inject_service_unavailable(3600);
    let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Server, Some(503));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(emulator.request_count() - before, 1, "not retried");
}

#[tokio::test]
async fn a_retry_after_inside_the_deadline_is_waited_for() {
    let emulator = Emulator::start().await.expect("emulator");
    let client = patient(&emulator, Duration::from_secs(60));
    let before = emulator.request_count();
    emulator.inject_service_unavailable(1);
    client.get_sessions(&GetSessionsQuery::default()).await.expect("the retry succeeds");
    assert_eq!(emulator.request_count() - before, 2);
}

#[tokio::test]
async fn retries_stop_after_retry_unavailable_of_them() {
    let emulator = Emulator::start().await.expect("emulator");
    let client = patient(&emulator, Duration::from_secs(60));
    let before = emulator.request_count();
    // One 503 more than the three retries the client may make.
    for _ in 0..4 {
        emulator.inject_service_unavailable(0);
    }
    assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Server, Some(503));
    assert_eq!(emulator.request_count() - before, 4, "the first try and three retries, no more");
    // The fourth 503 was the last: the next call is answered.
    client.get_sessions(&GetSessionsQuery::default()).await.expect("answered");
}
