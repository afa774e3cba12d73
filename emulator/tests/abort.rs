//! A client that gives up before the response is written: the emulator notices, does not
//! apply the request, records it as aborted, and lets tests wait for that without sleeping.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use sessionlink_emulator::{Emulator, ErrorKind};

/// Sends a command under an injected latency of `delay`, and gives up on it once the server
/// holds it by closing the connection with `give_up`.
async fn abort_a_command(emulator: &Emulator, delay: Duration, give_up: impl FnOnce(Raw)) {
    emulator.inject_latency(delay);
    let mut raw = Raw::connect(emulator).await;
    raw.send("POST", &pause_path(emulator), "").await;
    emulator.wait_for_in_flight(1, PATIENCE).await.unwrap();
    give_up(raw);
}

#[tokio::test]
async fn closing_the_connection_during_latency_aborts_the_request() {
    let emulator = start().await;
    // Long enough that "at once" cannot be confused with "when the delay ended" on a loaded
    // machine; the test then waits it out to see nothing applied late.
    let delay = Duration::from_secs(2);
    let started = Instant::now();
    abort_a_command(&emulator, delay, drop).await;
    let aborted = emulator.wait_for_abort(PATIENCE).await.unwrap();
    assert!(started.elapsed() < delay, "noticed at once, not when the delay ended");
    assert_eq!(aborted.raw_path, pause_path(&emulator));
    assert_eq!(aborted.method, "POST");
    assert!(aborted.aborted && aborted.injected);
    assert_eq!((aborted.status, aborted.fault.as_deref()), (0, Some("latency")));
    // Past the delay, still nothing was applied or recorded twice.
    tokio::time::sleep(delay).await;
    assert!(emulator.commands(&living_room(&emulator)).is_empty(), "an aborted command is not delivered");
    assert_eq!(emulator.request_count(), 1);
    // The emulator serves the next request normally.
    let response = pause_the_tv(&emulator).await;
    assert_eq!(response.status(), 204);
    assert_eq!(emulator.commands(&living_room(&emulator)).len(), 1);
}

#[tokio::test]
async fn a_reset_connection_is_an_abort_too() {
    let emulator = start().await;
    abort_a_command(&emulator, Duration::from_secs(120), Raw::reset).await;
    let aborted = emulator.wait_for_abort(PATIENCE).await.unwrap();
    assert!(aborted.aborted);
    assert!(emulator.commands(&living_room(&emulator)).is_empty());
}

#[tokio::test]
async fn a_dropped_reqwest_future_is_an_abort() {
    let emulator = start().await;
    emulator.inject_latency(Duration::from_secs(120));
    let mut pause = Box::pin(pause_the_tv(&emulator));
    // The caller gives up once the server holds the request.
    tokio::select! {
        response = &mut pause => panic!("answered despite the latency: {}", response.status()),
        held = emulator.wait_for_in_flight(1, PATIENCE) => { held.unwrap(); }
    }
    drop(pause);
    let aborted = emulator.wait_for_abort(PATIENCE).await.unwrap();
    assert_eq!(aborted.raw_path, pause_path(&emulator));
    assert!(emulator.commands(&living_room(&emulator)).is_empty());
}

#[tokio::test]
async fn a_client_that_leaves_mid_upload_aborts_the_request() {
    let emulator = start().await;
    let mut raw = Raw::connect(&emulator).await;
    let path = format!("/Sessions/{}/Message", living_room(&emulator));
    let head = format!(
        "POST {path} HTTP/1.1\r\nhost: x\r\nx-emby-token: {API_KEY}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"Text\""
    );
    raw.write(head.as_bytes()).await;
    emulator.wait_for_in_flight(1, PATIENCE).await.unwrap(); // the head arrived
    drop(raw);
    let aborted = emulator.wait_for_abort(PATIENCE).await.unwrap();
    assert_eq!((aborted.raw_path.as_str(), aborted.status, aborted.fault.as_deref()), (path.as_str(), 0, None));
    assert!(emulator.commands(&living_room(&emulator)).is_empty());
}

#[tokio::test]
async fn each_wait_for_abort_returns_the_next_one_and_times_out_without_one() {
    let emulator = start().await;
    for n in 1..=2 {
        abort_a_command(&emulator, Duration::from_secs(120), drop).await;
        // Recorded (so no longer in flight) before the next one is sent.
        emulator.wait_for_requests(n, PATIENCE).await.unwrap();
    }
    let first = emulator.wait_for_abort(PATIENCE).await.unwrap();
    let second = emulator.wait_for_abort(PATIENCE).await.unwrap();
    assert_ne!(first.connection, second.connection);
    let err = emulator.wait_for_abort(Duration::from_millis(100)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.to_string().contains("aborted"), "{err}");
}

#[tokio::test]
async fn wait_for_requests_wakes_when_the_requests_arrive() {
    let emulator = start().await;
    let url = format!("{}/System/Ping", emulator.url());
    let sender = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        for _ in 0..3 {
            http().get(&url).send().await.unwrap();
        }
    });
    let all = emulator.wait_for_requests(3, PATIENCE).await.unwrap();
    assert_eq!(all.len(), 3);
    sender.await.unwrap();
    let err = emulator.wait_for_requests(4, Duration::from_millis(100)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.message().contains("3 of 4"), "{err}");
}

#[test]
fn the_blocking_waits_work_without_a_runtime() {
    let emulator = start_blocking();
    let addr = emulator.url().trim_start_matches("http://").to_owned();
    emulator.inject_latency(Duration::from_secs(120));
    let path = pause_path(&emulator);
    let aborted = std::thread::scope(|scope| {
        scope.spawn(|| {
            use std::io::Write;
            let mut stream = std::net::TcpStream::connect(addr).unwrap();
            write!(stream, "POST {path} HTTP/1.1\r\nhost: x\r\nx-emby-token: {API_KEY}\r\n\r\n").unwrap();
            assert_eq!(emulator.wait_for_in_flight_blocking(1, PATIENCE).unwrap(), 1);
        });
        emulator.wait_for_abort_blocking(PATIENCE).unwrap()
    });
    assert!(aborted.aborted);
    assert_eq!(emulator.wait_for_requests_blocking(1, PATIENCE).unwrap().len(), 1);
    assert_eq!(
        emulator.wait_for_requests_blocking(2, Duration::from_millis(50)).unwrap_err().kind(),
        ErrorKind::Timeout
    );
    // clear_requests forgets which aborts were handed out, with the exchanges.
    emulator.clear_requests();
    assert_eq!(emulator.request_count(), 0);
    assert!(emulator.wait_for_abort_blocking(Duration::from_millis(50)).is_err());
}
