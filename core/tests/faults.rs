//! A hostile or failing server is ordinary input: every fault the emulator injects gives the
//! error kind that tells the truth (was the request sent?), with its cause in the message,
//! memory stays bounded, and the next call on the same client works. Also the retry rule,
//! the size limit, redirects, 503 + Retry-After, scrubbing of echoed credentials and limits
//! checked before any I/O.

mod common;

use std::time::Duration;

use common::*;
use sessionlink::jellyfin::models::{PlayCommand, PlaystateCommand};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig, PlayOptions};
use sessionlink::{ErrorKind, TransportOptions};
use sessionlink_emulator::Emulator;

const TV: &str = "Living Room TV";

async fn setup() -> (Emulator, JellyfinClient, String) {
    let emulator = Emulator::start().await.expect("emulator");
    let client = logged_in(&emulator, ALICE).await;
    let tv = session_id(&client, TV).await;
    (emulator, client, tv)
}

fn with_transport(emulator: &Emulator, device: &str, transport: TransportOptions) -> JellyfinClient {
    let mut config = JellyfinConfig::new(emulator.url(), "Test Runner", device).with_token(API_KEY);
    config.transport = transport;
    JellyfinClient::new(config).expect("valid config")
}

async fn sessions(client: &JellyfinClient) -> sessionlink::Result<usize> {
    client.get_sessions(&GetSessionsQuery::default()).await.map(|s| s.len())
}

async fn pause(client: &JellyfinClient, tv: &str) -> sessionlink::Result<()> {
    client.send_playstate_command(tv, PlaystateCommand::Pause, None, None).await
}

/// The exchanges since `from`, as (fault, status, aborted, connection).
fn since(emulator: &Emulator, from: usize) -> Vec<(Option<String>, u16, u64)> {
    emulator.requests().into_iter().skip(from).map(|e| (e.fault, e.status, e.connection)).collect()
}

#[tokio::test]
async fn a_get_on_a_reused_connection_reset_before_any_response_is_retried_once_on_a_new_one() {
    let (emulator, client, _) = setup().await;
    let before = emulator.request_count();
    emulator.inject_reset_before_headers();
    sessions(&client).await.unwrap();
    let seen = since(&emulator, before);
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!((seen[0].0.as_deref(), seen[0].1), (Some("reset_before_headers"), 0));
    assert_eq!(seen[1].1, 200);
    assert_ne!(seen[0].2, seen[1].2, "the retry must use a new connection");
}

#[tokio::test]
async fn a_post_that_may_have_been_applied_is_not_retried_and_says_so() {
    let (emulator, client, tv) = setup().await;
    let before = emulator.request_count();
    emulator.inject_reset_before_headers();
    let err = assert_kind(pause(&client, &tv).await, ErrorKind::ConnectionLost, None);
    assert!(err.request_sent(), "{err}");
    assert!(err.message().contains("POST /Sessions/{sessionId}/Playing/{command}"), "{err}");
    assert!(err.message().contains("before a response arrived"), "{err}");
    assert!(std::error::Error::source(&err).is_some(), "the cause is kept");
    assert_eq!(since(&emulator, before).len(), 1, "not retried");
    pause(&client, &tv).await.expect("the next call works");
}

#[tokio::test]
async fn a_stale_keep_alive_connection_costs_a_get_nothing() {
    let (emulator, client, tv) = setup().await;
    emulator.inject_stale_connection();
    sessions(&client).await.unwrap();
    let before = emulator.request_count();
    // The pooled connection is now closed by the server as the next request arrives on it.
    sessions(&client).await.unwrap();
    let seen = since(&emulator, before);
    assert_eq!(seen.last().map(|s| s.1), Some(200), "{seen:?}");
    // A POST in the same race may have been applied: it fails, honestly.
    emulator.inject_stale_connection();
    sessions(&client).await.unwrap();
    let err = assert_kind(pause(&client, &tv).await, ErrorKind::ConnectionLost, None);
    assert!(err.request_sent());
    pause(&client, &tv).await.expect("the next call works");
}

#[tokio::test]
async fn a_reset_or_truncated_body_is_connection_lost_with_the_status_that_arrived() {
    let (emulator, client, _) = setup().await;
    for inject in [Emulator::inject_reset_mid_body, Emulator::inject_truncated_body] {
        inject(&emulator);
        let err = assert_kind(sessions(&client).await, ErrorKind::ConnectionLost, None);
        assert!(err.request_sent());
        assert!(err.message().contains("while reading the response (status 200)"), "{err}");
        sessions(&client).await.expect("the next call works");
    }
}

#[tokio::test]
async fn a_stalled_response_times_out_as_sent() {
    let emulator = Emulator::start().await.unwrap();
    // A timeout generous enough for the next call on a loaded machine, a stall far longer.
    let transport = TransportOptions { request_timeout: Duration::from_secs(2), ..TransportOptions::default() };
    let client = with_transport(&emulator, "stall", transport);
    sessions(&client).await.unwrap();
    emulator.inject_stall(Duration::from_secs(120));
    let err = assert_kind(sessions(&client).await, ErrorKind::Timeout, None);
    assert!(err.request_sent(), "{err}");
    assert!(err.message().contains("request_timeout"), "{err}");
    sessions(&client).await.expect("the next call works");
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_without_being_read() {
    let emulator = Emulator::start().await.unwrap();
    let transport = TransportOptions { max_response_bytes: 64 * 1024, ..TransportOptions::default() };
    let client = with_transport(&emulator, "big", transport);
    for chunked in [false, true] {
        emulator.inject_oversized_body(1 << 30, chunked);
        let err = assert_kind(sessions(&client).await, ErrorKind::ResponseTooLarge, None);
        assert!(err.message().contains("65536 bytes"), "{err}");
        assert!(err.message().contains("max_response_bytes"), "{err}");
        if !chunked {
            assert!(err.message().contains("1073741824 bytes"), "the declared size is named: {err}");
        }
        sessions(&client).await.expect("the next call works");
    }
    // Just under the limit is read whole.
    emulator.inject_oversized_body(64 * 1024, true);
    assert_eq!(sessions(&client).await.unwrap(), 0);
}

#[tokio::test]
async fn service_unavailable_carries_retry_after_and_is_retried_only_on_request() {
    let (emulator, client, _) = setup().await;
    emulator.inject_service_unavailable(1);
    let err = assert_kind(sessions(&client).await, ErrorKind::Server, Some(503));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
    assert!(err.message().contains("retry after 1 s"), "{err}");

    let transport = TransportOptions { retry_unavailable: 2, ..TransportOptions::default() };
    let patient = with_transport(&emulator, "patient", transport);
    let before = emulator.request_count();
    emulator.inject_service_unavailable(0);
    emulator.inject_service_unavailable(0);
    sessions(&patient).await.unwrap();
    assert_eq!(emulator.request_count() - before, 3);
}

#[tokio::test]
async fn redirects_are_not_followed_and_name_where_they_point() {
    let (emulator, client, _) = setup().await;
    let before = emulator.request_count();
    emulator.inject_status_with_headers(
        302,
        None,
        "",
        &[("Location", "https://admin:hunter2@elsewhere.example/login")],
    );
    let err = assert_kind(sessions(&client).await, ErrorKind::Http, Some(302));
    assert_eq!(err.location(), Some("https://elsewhere.example/login"));
    assert!(err.message().contains("https://elsewhere.example/login"), "{err}");
    assert!(!format!("{err} {err:?}").contains("hunter2"), "credentials of the Location are dropped");
    assert_eq!(emulator.request_count() - before, 1, "nothing followed");
}

#[tokio::test]
async fn the_servers_reason_is_in_the_message_for_every_status() {
    let (emulator, client, _) = setup().await;
    emulator.inject_status(404, Some("application/json"), r#"{"Message":"Session not found"}"#);
    let err = assert_kind(sessions(&client).await, ErrorKind::NotFound, Some(404));
    assert_eq!(err.message(), "GET /Sessions: Not Found: Session not found");
    assert_eq!(err.body().unwrap()["Message"], "Session not found");
    emulator.inject_status(500, Some("text/plain"), "Error processing request.");
    let err = assert_kind(sessions(&client).await, ErrorKind::Server, Some(500));
    assert!(err.message().ends_with("Error processing request."), "{err}");
}

#[tokio::test]
async fn credentials_a_server_echoes_never_reach_the_error() {
    let emulator = Emulator::start().await.unwrap();
    let client = with_transport(&emulator, "echo", TransportOptions::default());
    // The token (an API key) raw, percent-encoded as in the Authorization header, and JSON-escaped.
    let body = format!(
        r#"{{"title":"bad token {API_KEY}","detail":"Token=\"{API_KEY}\"","errors":{{"{API_KEY}":["{API_KEY}"]}}}}"#
    );
    emulator.inject_status(401, Some("application/problem+json"), &body);
    let err = assert_kind(sessions(&client).await, ErrorKind::Unauthorized, Some(401));
    let shown = format!("{err} {err:?} {}", err.body().unwrap());
    assert!(!shown.contains(API_KEY), "{shown}");
    assert!(shown.contains("***"), "{shown}");

    // A login's password, echoed by a proxy.
    let fresh = jellyfin(&emulator, "echo-login");
    emulator.inject_status(400, Some("text/plain"), "bad request: Pw=wonderland&Username=alice");
    let err = assert_kind(fresh.authenticate_by_name("alice", "wonderland").await, ErrorKind::BadRequest, Some(400));
    assert!(!format!("{err:?}").contains("wonderland"), "{err:?}");
}

#[tokio::test]
async fn over_long_urls_are_refused_before_any_io() {
    let (emulator, client, tv) = setup().await;
    let before = emulator.request_count();
    let huge_id = "x".repeat(1 << 20);
    let err = assert_kind(
        client.send_playstate_command(&huge_id, PlaystateCommand::Pause, None, None).await,
        ErrorKind::InvalidArgument,
        None,
    );
    assert!(err.message().contains("8192"), "{err}");
    assert!(!err.request_sent());
    let ids: Vec<String> = (0..10_000).map(|i| format!("{i:032x}")).collect();
    assert_kind(
        client.play(&tv, PlayCommand::PlayNow, &ids, &PlayOptions::default()).await,
        ErrorKind::InvalidArgument,
        None,
    );
    assert_eq!(emulator.request_count(), before);
}

#[tokio::test]
async fn a_refused_connection_sent_nothing() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = JellyfinClient::new(JellyfinConfig::new(format!("http://127.0.0.1:{port}"), "d", "refused")).unwrap();
    let err = assert_kind(sessions(&client).await, ErrorKind::Connect, None);
    assert!(!err.request_sent());
    assert!(err.message().contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.message().starts_with("GET /Sessions: cannot connect"), "{err}");
}

/// A server that never accepts: its listen backlog is full, so the SYN goes unanswered and
/// only the connect timeout ends the wait.
#[cfg(unix)]
#[tokio::test]
async fn the_connect_timeout_ends_a_connection_that_never_completes() {
    use std::os::fd::AsRawFd;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    // SAFETY: a valid listening socket; a backlog of 0 leaves room for at most one queued connection.
    assert_eq!(unsafe { libc::listen(listener.as_raw_fd(), 0) }, 0);
    let addr = listener.local_addr().unwrap();
    let fillers: Vec<_> = (0..4).filter_map(|_| std::net::TcpStream::connect_timeout(&addr, SHORT).ok()).collect();
    let transport = TransportOptions { connect_timeout: SHORT, ..TransportOptions::default() };
    let mut config = JellyfinConfig::new(format!("http://{addr}"), "d", "never");
    config.transport = transport;
    let client = JellyfinClient::new(config).unwrap();
    let err = assert_kind(sessions(&client).await, ErrorKind::Timeout, None);
    assert!(!err.request_sent(), "{err}");
    assert!(err.message().contains("connect_timeout"), "{err}");
    drop(fillers);
}
